"""Providers, a feed and a fake chain for the observation exchange's tests.

    chain = FakeSignerSource()                  # one feed, four signers, latest round 5
    wire = signed_wire(SIGNERS[0], answer=100)  # round 6, stamped NOW_S - 5
    store = ObservationStore(chain, clock=lambda: NOW_S)

`FakeSignerSource` stands for the node's chain-backed source: tests move the feed on
(`chain.latest_round = 6`) or change its signers (`chain.signers = ...`) between calls.
"""

import json
from dataclasses import dataclass, field
from typing import Any

from eth_account import Account
from eth_account.signers.local import LocalAccount

from fluxo.feeds import Observation, feed_id, sign_observation
from fluxo.node.observations import FeedSigners, WireObservation, encode_observation

NOW_S = 1_700_000_000
CHAIN_ID = 31_337
FEED_DESCRIPTION = "ETH / USD"
FEED_ID = feed_id(FEED_DESCRIPTION)
FEED_ADDRESS = "0x5FbDB2315678afecb367f032d93F642f64180aa3"
OTHER_FEED_ADDRESS = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512"
LATEST_ROUND = 5
ROUND = LATEST_ROUND + 1
SIGNERS: list[LocalAccount] = [Account.from_key((i + 1).to_bytes(32, "big")) for i in range(4)]
OUTSIDER: LocalAccount = Account.from_key((99).to_bytes(32, "big"))


@dataclass
class FakeSignerSource:
    """One feed (or more) as the chain would describe it; counts how often it was asked."""

    latest_round: int = LATEST_ROUND
    signers: tuple[str, ...] = tuple(signer.address for signer in SIGNERS)
    feeds: tuple[str, ...] = (FEED_ADDRESS,)
    calls: int = field(default=0)

    async def feed_signers(self, feed_address: str) -> FeedSigners | None:
        self.calls += 1
        if feed_address.lower() not in {feed.lower() for feed in self.feeds}:
            return None
        return FeedSigners(CHAIN_ID, FEED_ID, self.latest_round, self.signers)


def signed_wire(
    signer: LocalAccount,
    answer: int = 100,
    timestamp_s: int = NOW_S - 5,
    round_: int = ROUND,
    feed_address: str = FEED_ADDRESS,
) -> WireObservation:
    """An observation signed by `signer` for the feed at `feed_address`."""
    signed = sign_observation(
        Observation(FEED_ID, round_, answer, timestamp_s), CHAIN_ID, feed_address, signer
    )
    return WireObservation.from_signed(feed_address, signed)


def wire_json(wire: WireObservation, **overrides: Any) -> dict[str, Any]:
    """The JSON object of `wire`, with fields replaced (or removed with `field=REMOVE`)."""
    body = encode_observation(wire) | overrides
    return {key: value for key, value in body.items() if value is not REMOVE}


def wire_bytes(wire: WireObservation, **overrides: Any) -> bytes:
    return json.dumps(wire_json(wire, **overrides)).encode()


REMOVE = object()
