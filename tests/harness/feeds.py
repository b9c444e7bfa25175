"""`FeedFixture`: a PriceFeed on titanoboa with generated signer keys, and report builders.

Observations are signed through eth-account's EIP-712 encoder (`encode_typed_data`), an
independent implementation of the standard. A test
builds a valid report and breaks one thing:

    report = feed.report(answers=[100, 101, 102])     # round latest + 1, signers 1..3
    feed.transmit(report)                              # sent by provider 1, a signer

Reports are shaped like real ones: providers sign within the same second or two, so most
timestamps are equal, and their order is unrelated to the answers'.
"""

from dataclasses import dataclass, field, replace
from typing import Any

import boa
from eth_abi import encode
from eth_account import Account
from eth_account.signers.local import LocalAccount
from eth_utils import keccak

from fluxo.feeds.freshness import (
    DEFAULT_MAX_OBSERVATION_AGE_S,
    MAX_FUTURE_S,
    MAX_OBSERVATION_AGE_S,
)
from fluxo.feeds.observation import Observation, feed_id, signable_observation
from tests.harness.deployers import PRICE_FEED_DEPLOYER

__all__ = [
    "DECIMALS",
    "DEFAULT_MAX_OBSERVATION_AGE_S",
    "DESCRIPTION",
    "MAX_FUTURE_S",
    "MAX_OBSERVATION_AGE_S",
    "FeedFixture",
    "Report",
    "malleate",
    "sign_observation",
    "signer_account",
    "with_signature",
]

DESCRIPTION = "ETH / USD"
DECIMALS = 8
TRANSMIT_TYPES = ["uint32", "int192[]", "uint64[]", "bytes[]"]
SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141


def signer_account(index: int) -> LocalAccount:
    """Provider key number `index` (1-based), deterministic."""
    return Account.from_key(keccak(text=f"fluxo feed provider {index}"))


def sign_observation(
    signer: LocalAccount,
    *,
    feed: str,
    chain_id: int,
    description: str,
    round_id: int,
    answer: int,
    timestamp: int,
) -> bytes:
    """65-byte r||s||v EIP-712 signature of one observation, encoded by eth-account's
    `encode_typed_data` (the provider code's hand-built digest is checked against it)."""
    observation = Observation(feed_id(description), round_id, answer, timestamp)
    message = signable_observation(observation, chain_id, feed)
    return bytes(signer.sign_message(message).signature)


def malleate(signature: bytes) -> bytes:
    """The high-s twin of a signature: s -> n - s and v flipped; recovers the same key."""
    r, s, v = signature[:32], int.from_bytes(signature[32:64], "big"), signature[64]
    return r + (SECP256K1_N - s).to_bytes(32, "big") + bytes([55 - v])


@dataclass(frozen=True)
class Report:
    """The four arguments of `transmit`, as lists a test may edit."""

    round_id: int
    answers: list[int]
    timestamps: list[int]
    signatures: list[bytes]

    def args(self) -> tuple[int, list[int], list[int], list[bytes]]:
        return self.round_id, self.answers, self.timestamps, self.signatures

    def encoded(self) -> bytes:
        """The ABI-encoded arguments without the selector: one `FeedHub.transmit_many` entry."""
        return encode(TRANSMIT_TYPES, list(self.args()))


@dataclass
class FeedFixture:
    """A deployed PriceFeed, its owner, its providers' keys and a transmitter.

    `transmitter` defaults to provider 1: the signers are a feed's default transmitters.
    `stranger` is neither a signer nor an added transmitter.
    """

    signer_count: int = 7
    quorum: int = 4
    description: str = DESCRIPTION
    owner: Any = field(default_factory=lambda: boa.env.generate_address("owner"))
    stranger: Any = field(default_factory=lambda: boa.env.generate_address("stranger"))
    providers: list[LocalAccount] = field(default_factory=list)
    transmitter: Any = None
    feed: Any = None

    def __post_init__(self) -> None:
        if not self.providers:
            self.providers = [signer_account(i) for i in range(1, self.signer_count + 1)]
        if self.transmitter is None:
            self.transmitter = self.providers[0].address
        if self.feed is None:
            self.feed = PRICE_FEED_DEPLOYER.deploy(
                DECIMALS,
                self.description,
                [p.address for p in self.providers],
                self.quorum,
                sender=self.owner,
            )

    @property
    def now(self) -> int:
        return int(boa.env.evm.patch.timestamp)

    def sign(self, signer: LocalAccount, round_id: int, answer: int, timestamp: int) -> bytes:
        return sign_observation(
            signer,
            feed=str(self.feed.address),
            chain_id=int(boa.env.evm.patch.chain_id),
            description=self.description,
            round_id=round_id,
            answer=answer,
            timestamp=timestamp,
        )

    def report(
        self,
        answers: list[int],
        *,
        timestamps: list[int] | None = None,
        signers: list[LocalAccount] | None = None,
        round_id: int | None = None,
        sort: bool = True,
    ) -> Report:
        """A signed report: observation i = (answers[i], timestamps[i]) by signers[i].

        Defaults: the next round, providers 1..len(answers), timestamps one or two seconds
        before now (mostly equal, out of answer order). `sort` orders the observations by
        answer.
        """
        count = len(answers)
        round_id = int(self.feed.latestRound()) + 1 if round_id is None else round_id
        signers = self.providers[:count] if signers is None else signers
        if timestamps is None:
            timestamps = [self.now - 1 - (i % 3 == 1) for i in range(count)]
        rows = list(zip(answers, timestamps, signers, strict=True))
        if sort:
            rows.sort(key=lambda row: row[0])
        return Report(
            round_id,
            [a for a, _, _ in rows],
            [t for _, t, _ in rows],
            [self.sign(s, round_id, a, t) for a, t, s in rows],
        )

    def transmit(self, report: Report, *, sender: Any = None) -> Any:
        return self.feed.transmit(*report.args(), sender=sender or self.transmitter)

    def add_transmitter(self, account: Any) -> None:
        """The owner adds `account` (an EOA or a relay such as FeedHub) as a transmitter."""
        self.feed.set_transmitter(account, True, sender=self.owner)

    def publish(self, answers: list[int], *, sender: Any = None, **kwargs: Any) -> Report:
        """Build, sign and transmit one valid round (`kwargs` go to `report`)."""
        report = self.report(answers, **kwargs)
        self.transmit(report, sender=sender)
        return report


def with_signature(report: Report, index: int, signature: bytes) -> Report:
    signatures = list(report.signatures)
    signatures[index] = signature
    return replace(report, signatures=signatures)
