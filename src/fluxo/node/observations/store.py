"""The observations a provider holds for the rounds being reported, bounded and self-checking.

    store = ObservationStore(signer_source)
    outcome = await store.insert(wire)          # a peer's POST, or the node's own observation
    held = await store.held(feed_address, round)  # what the leader may put in a report

Observations authenticate themselves (an EIP-712 signature by a current signer of the feed),
so the store trusts no peer; what it must do is bound what a peer can make it keep:

* only feeds `SignerSource` knows (the node's configured feeds);
* per feed only the round being reported, `latestRound() + 1`, and the one after it (a peer
  that saw the round land a moment earlier already signs the next); rounds the feed has moved
  past are dropped;
* per round at most one observation per current signer; a newer timestamp from the same
  signer replaces the older one, anything else leaves it in place;
* timestamps a feed could still accept: at most `MAX_FUTURE_S` ahead of the node's clock and
  at most `MAX_OBSERVATION_AGE_S` (the largest maximum age a feed can have) behind it;
* and a global cap, `max_observations`, refusing (not evicting) past it.

So the store holds at most 2 × 31 observations per configured feed, whatever peers send. Cheap
checks run before the signature is recovered (about 20 ms of pure-Python elliptic-curve math),
an exact copy of a held observation is answered without recovering it again, and recoveries run
in a worker thread, a few at a time, so a flood of forged signatures queues instead of
stalling the node's event loop.
"""

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final, Protocol

from fluxo.domain.address import parse_address
from fluxo.exceptions import FeedError
from fluxo.feeds.freshness import MAX_FUTURE_S, MAX_OBSERVATION_AGE_S
from fluxo.feeds.signing import recover_signer
from fluxo.node.observations.wire import WireObservation

DEFAULT_MAX_OBSERVATIONS: Final = 4_096
# Rounds kept per feed: the one being reported and the next.
ROUNDS_AHEAD: Final = 2
DEFAULT_VERIFY_CONCURRENCY: Final = 2


@dataclass(frozen=True, slots=True)
class FeedSigners:
    """What the store needs to know about a feed, as the chain says now."""

    chain_id: int
    feed_id: bytes  # keccak256 of the feed's description: the `feed` field signed
    latest_round: int  # latestRound(); the round being reported is this + 1
    signers: tuple[str, ...]  # signers(), in the contract's order


class SignerSource(Protocol):
    """Where the store learns a feed's signers and latest round (the node reads the chain,
    cached per block; tests use a fake)."""

    async def feed_signers(self, feed_address: str) -> FeedSigners | None:
        """The feed at `feed_address`, or None if the node does not serve it."""
        ...


class InsertResult(StrEnum):
    """What the store did with an observation. The first four accept it (HTTP 202)."""

    STORED = "stored"
    REPLACED = "replaced"  # a newer observation from the same signer replaced the older
    DUPLICATE = "duplicate"  # exactly this observation is already held
    SUPERSEDED = "superseded"  # the same signer's held observation is as new or newer
    UNKNOWN_FEED = "unknown_feed"
    ROUND_NOT_OPEN = "round_not_open"
    BAD_TIMESTAMP = "bad_timestamp"
    BAD_SIGNATURE = "bad_signature"
    UNKNOWN_SIGNER = "unknown_signer"
    STORE_FULL = "store_full"

    @property
    def accepted(self) -> bool:
        return self in _ACCEPTED


_ACCEPTED: Final = frozenset(
    {
        InsertResult.STORED,
        InsertResult.REPLACED,
        InsertResult.DUPLICATE,
        InsertResult.SUPERSEDED,
    }
)


@dataclass(frozen=True, slots=True)
class InsertOutcome:
    """The result, the wire field it is about (for a 400 answer), and why."""

    result: InsertResult
    field: str
    reason: str
    signer: str | None = None

    @property
    def accepted(self) -> bool:
        return self.result.accepted


@dataclass(slots=True)
class _Round:
    first_seen_s: float
    by_signer: dict[str, WireObservation] = field(default_factory=dict)


class ObservationStore:
    """Signed observations per (feed, round), validated on insert; see the module docstring."""

    def __init__(
        self,
        signer_source: SignerSource,
        *,
        max_observations: int = DEFAULT_MAX_OBSERVATIONS,
        clock: Callable[[], float] = time.time,
        verify_concurrency: int = DEFAULT_VERIFY_CONCURRENCY,
        on_stored: Callable[[WireObservation], None] | None = None,
    ) -> None:
        """`on_stored` is called with every observation the store kept (stored or replaced):
        the node wakes the feed's loop with it, so a leader acts on a quorum as it forms
        instead of at its next poll."""
        if max_observations < 1:
            raise ValueError("max_observations must be at least 1")
        self._on_stored = on_stored
        self._source = signer_source
        self._max_observations = max_observations
        self._clock = clock
        self._verify = asyncio.Semaphore(verify_concurrency)
        self._feeds: dict[str, dict[int, _Round]] = {}
        self._latest_round: dict[str, int] = {}
        self._count = 0

    def __len__(self) -> int:
        """How many observations are held, over every feed and round."""
        return self._count

    async def insert(self, wire: WireObservation) -> InsertOutcome:
        """Validate `wire` against the feed's current signers and keep it if it is new."""
        info = await self._source.feed_signers(wire.feed_address)
        if info is None:
            return _outcome(InsertResult.UNKNOWN_FEED, "feed", "this node serves no such feed")
        feed = parse_address(wire.feed_address)
        self._move_on(feed, info.latest_round)
        cheap = self._cheap_checks(feed, wire, info)
        if cheap is not None:
            return cheap
        try:
            async with self._verify:
                recovered = await asyncio.to_thread(
                    recover_signer,
                    wire.observation(info.feed_id),
                    info.chain_id,
                    wire.feed_address,
                    wire.signature,
                )
        except FeedError as error:
            return _outcome(InsertResult.BAD_SIGNATURE, "signature", str(error))
        signer = parse_address(recovered)
        if signer not in {parse_address(address) for address in info.signers}:
            return _outcome(
                InsertResult.UNKNOWN_SIGNER,
                "signature",
                f"recovers to {signer}, not a signer of this feed",
            )
        # The recovery awaited: the feed may have moved on meanwhile.
        if not self._round_open(feed, wire.round):
            return _outcome(InsertResult.ROUND_NOT_OPEN, "round", "the feed moved past it")
        return self._keep(feed, wire, signer)

    async def held(self, feed_address: str, round: int) -> list[WireObservation] | None:
        """The observations held for (feed, round) whose signer is still a signer, in the
        signer list's order; None for a feed the node does not serve."""
        info = await self._source.feed_signers(feed_address)
        if info is None:
            return None
        feed = parse_address(feed_address)
        self._move_on(feed, info.latest_round)
        entry = self._feeds.get(feed, {}).get(round)
        if entry is None:
            return []
        signers = [parse_address(address) for address in info.signers]
        # A signer removed by `set_signers` can no longer sign a valid report: forget it.
        for signer in [signer for signer in entry.by_signer if signer not in signers]:
            del entry.by_signer[signer]
            self._count -= 1
        return [entry.by_signer[signer] for signer in signers if signer in entry.by_signer]

    def first_seen_s(self, feed_address: str, round: int) -> float | None:
        """When the store first accepted an observation for (feed, round), by its clock: the
        reference `attempt_of` counts leader timeouts from. Replacements do not move it."""
        entry = self._feeds.get(parse_address(feed_address), {}).get(round)
        return None if entry is None else entry.first_seen_s

    def _cheap_checks(
        self, feed: str, wire: WireObservation, info: FeedSigners
    ) -> InsertOutcome | None:
        reported = info.latest_round + 1
        if not self._round_open(feed, wire.round):
            return _outcome(
                InsertResult.ROUND_NOT_OPEN,
                "round",
                f"the feed takes round {reported} (or {reported + 1} ahead), not {wire.round}",
            )
        now_s = self._clock()
        if wire.timestamp_s > now_s + MAX_FUTURE_S:
            return _outcome(
                InsertResult.BAD_TIMESTAMP, "timestamp", f"more than {MAX_FUTURE_S} s ahead"
            )
        if wire.timestamp_s < now_s - MAX_OBSERVATION_AGE_S:
            return _outcome(
                InsertResult.BAD_TIMESTAMP,
                "timestamp",
                f"older than {MAX_OBSERVATION_AGE_S} s: no feed accepts it",
            )
        entry = self._feeds.get(feed, {}).get(wire.round)
        if entry is not None:
            for signer, held in entry.by_signer.items():
                if held == wire:
                    return _outcome(InsertResult.DUPLICATE, "", "already held", signer)
        return None

    def _keep(self, feed: str, wire: WireObservation, signer: str) -> InsertOutcome:
        rounds = self._feeds.setdefault(feed, {})
        entry = rounds.get(wire.round)
        held = None if entry is None else entry.by_signer.get(signer)
        if entry is not None and held is not None:
            if held.timestamp_s >= wire.timestamp_s:
                return _outcome(
                    InsertResult.SUPERSEDED,
                    "timestamp",
                    f"the signer's held observation is from {held.timestamp_s}",
                    signer,
                )
            entry.by_signer[signer] = wire
            self._kept(wire)
            return _outcome(InsertResult.REPLACED, "", "replaced an older one", signer)
        if self._count >= self._max_observations:
            return _outcome(
                InsertResult.STORE_FULL,
                "",
                f"the store holds its maximum of {self._max_observations}",
            )
        if entry is None:
            entry = rounds[wire.round] = _Round(first_seen_s=self._clock())
        entry.by_signer[signer] = wire
        self._count += 1
        self._kept(wire)
        return _outcome(InsertResult.STORED, "", "stored", signer)

    def _kept(self, wire: WireObservation) -> None:
        if self._on_stored is not None:
            self._on_stored(wire)

    def _round_open(self, feed: str, round: int) -> bool:
        latest = self._latest_round.get(feed, -1)
        return latest < round <= latest + ROUNDS_AHEAD

    def _move_on(self, feed: str, latest_round: int) -> None:
        """Record the feed's latest round and drop the rounds it passed. The chain's word
        is taken as is, even backwards: after a reorg that undid a round, that round is open
        again and must take observations."""
        latest = self._latest_round[feed] = latest_round
        rounds = self._feeds.get(feed)
        if rounds is None:
            return
        for round in [round for round in rounds if round <= latest]:
            self._count -= len(rounds.pop(round).by_signer)


def _outcome(
    result: InsertResult, field: str, reason: str, signer: str | None = None
) -> InsertOutcome:
    return InsertOutcome(result, field, reason, signer)
