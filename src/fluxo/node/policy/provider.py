"""The price-feed provider's decisions: when a round is due, who transmits it, and what.

    reason = sign_reason(median, observed_at_s, onchain.answer, onchain.updated_at_s,
                         own, now_s, deviation_bps=50, heartbeat_s=3_600, ...)
    if reason is not None:
        ...sign Observation(feed, latestRound() + 1, median, observed_at_s), push it...
    attempt = attempt_of(store.first_seen_s(feed, round), now_s, leader_timeout_s)
    if is_leader(signers, me, round, attempt):
        report = select_report(store.held(feed, round), round=round, ...)
        if report is not None:
            ready.append(ReadyReport(feed_address, report, attempt, hub_transmits))
    for transmission in plan_transmissions(ready):   # several feeds: FeedHub.transmit_many
        ...send transmission under transmission.key...

**When.** A feed is due when the median moved at least `deviation_bps` from the answer *on
chain* or that answer is at least `heartbeat_s` old, or the feed has no round yet. The
comparison is always with the chain, never with a price the node sent: a transmission counts
only once its receipt is in a block, and until then the chain still shows the old answer.

**Who.** The signer at index `(round + attempt) % n` of the feed's signer list (`signers()`,
in the contract's order) transmits; `attempt` grows by one every `leader_timeout_s` the round
has not landed, counted from when the node first saw the round due (its own observation or a
peer's, whichever came first; peers see each other's within a push). A dead or slow leader
costs one timeout, and every provider agrees on the order without talking to the others.

**What.** From the observations held for (feed, round): the ones for that round, signed by a
current signer, one per signer (the newest), and fresh: a block at `now_s` *and* one
`inclusion_margin_s` later must both accept the timestamp (at most the feed's maximum age old,
at most 60 s ahead, newer than the latest round). At least `quorum` of them, or no report.
An honest transmitter includes every fresh observation it holds: the fewer it leaves out, the
less it can steer the median.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from fluxo.domain.address import parse_address
from fluxo.exceptions import InvalidSignature
from fluxo.feeds.freshness import is_fresh
from fluxo.feeds.report import Report, assemble_report
from fluxo.feeds.signing import SignedObservation, recover_signer
from fluxo.node.policy.deviation import deviation_reached

# `FeedHub.transmit_many` takes at most 16 feeds (its MAX_FEEDS).
FEED_HUB_MAX_FEEDS: Final = 16


class ReportReason(StrEnum):
    """Why a feed round is due."""

    NO_ROUND = "no_round"  # the feed has never been written
    HEARTBEAT = "heartbeat"  # the on-chain answer is too old
    DEVIATION = "deviation"  # the price moved too far from the on-chain answer


def report_reason(
    median: int,
    onchain_answer: int | None,
    onchain_updated_at_s: int,
    now_s: int,
    deviation_bps: int,
    heartbeat_s: int,
) -> ReportReason | None:
    """Why the feed should get a new round now, or None. `onchain_answer` None (or an
    `updatedAt` of 0) means the feed has no round yet."""
    if heartbeat_s < 1:
        raise ValueError(f"heartbeat_s must be at least 1, got {heartbeat_s}")
    if onchain_answer is None or onchain_updated_at_s == 0:
        return ReportReason.NO_ROUND
    if now_s - onchain_updated_at_s >= heartbeat_s:
        return ReportReason.HEARTBEAT
    if deviation_reached(median, onchain_answer, deviation_bps):
        return ReportReason.DEVIATION
    return None


def should_report(
    median: int,
    onchain_answer: int | None,
    onchain_updated_at_s: int,
    now_s: int,
    deviation_bps: int,
    heartbeat_s: int,
) -> bool:
    """Whether the feed is due: no round yet, heartbeat passed, or deviation reached."""
    reason = report_reason(
        median, onchain_answer, onchain_updated_at_s, now_s, deviation_bps, heartbeat_s
    )
    return reason is not None


def should_resign(
    own_timestamp_s: int | None,
    now_s: int,
    max_observation_age_s: int,
    margin_s: int = 0,
) -> bool:
    """Whether to sign (again) for the round being reported: the provider has no observation
    for it yet, or its own would be too old for a block at `now_s + margin_s` (the round has
    not landed and the feed's maximum age is running out). The fresh one replaces the old one
    at every peer (a newer timestamp from the same signer wins)."""
    if own_timestamp_s is None:
        return True
    return not is_fresh(own_timestamp_s, now_s + margin_s, max_age_s=max_observation_age_s)


def sign_reason(
    value: int,
    observed_at_s: int,
    onchain_answer: int | None,
    onchain_updated_at_s: int,
    own: tuple[int, int] | None,
    now_s: int,
    *,
    deviation_bps: int,
    heartbeat_s: int,
    max_observation_age_s: int,
    margin_s: int = 0,
) -> ReportReason | None:
    """Why the provider signs `value` (observed at `observed_at_s`) for the round being
    reported now, or None. `own` is its `(answer, timestamp_s)` already held for that round.

    Nothing is signed unless the feed is due (`report_reason`), nor a value observed no later
    than the latest round's `updatedAt` (the feed rejects such a timestamp as stale). Once the
    provider holds an observation for the round, it signs again only a newer value, and only
    when its own would be too old by the time a report lands (`should_resign`) or the value
    moved `deviation_bps` from the one it signed: small moves do not churn the peers' stores,
    and a leader reporting the old value still reports within the deviation."""
    if observed_at_s <= onchain_updated_at_s:
        return None
    reason = report_reason(
        value, onchain_answer, onchain_updated_at_s, now_s, deviation_bps, heartbeat_s
    )
    if reason is None or own is None:
        return reason
    own_answer, own_timestamp_s = own
    if observed_at_s <= own_timestamp_s:
        return None
    if should_resign(own_timestamp_s, now_s, max_observation_age_s, margin_s) or (
        deviation_reached(value, own_answer, deviation_bps)
    ):
        return reason
    return None


def leader_index(round: int, attempt: int, n: int) -> int:
    """The index in the feed's signer list of the provider that transmits `round` now."""
    if n < 1:
        raise ValueError(f"a feed has at least one signer, got {n}")
    if round < 0 or attempt < 0:
        raise ValueError(f"round and attempt are not negative, got {round} and {attempt}")
    return (round + attempt) % n


def attempt_of(round_due_since_s: float, now_s: float, leader_timeout_s: float) -> int:
    """How many leaders have had their turn: one more every `leader_timeout_s` since the
    round became due. 0 before that time (a clock behind a peer's)."""
    if leader_timeout_s <= 0:
        raise ValueError(f"leader_timeout_s must be positive, got {leader_timeout_s}")
    return max(0, int((now_s - round_due_since_s) // leader_timeout_s))


def is_leader(signers: Sequence[str], me: str, round: int, attempt: int) -> bool:
    """Whether `me` transmits `round` at `attempt`. A node outside the signer list never does."""
    if not signers:
        return False
    leader = signers[leader_index(round, attempt, len(signers))]
    return parse_address(leader) == parse_address(me)


def select_report(
    held: Sequence[SignedObservation],
    *,
    round: int,
    chain_id: int,
    feed_address: str,
    signers: Sequence[str],
    quorum: int,
    now_s: int,
    max_observation_age_s: int,
    latest_updated_at_s: int = 0,
    inclusion_margin_s: int = 0,
) -> Report | None:
    """The report to transmit for `round`, or None if fewer than `quorum` usable observations
    are held. Sorted ascending by answer, checked like `transmit` checks it."""
    authorized: dict[str, int] = {
        parse_address(signer): index for index, signer in enumerate(signers)
    }
    newest: dict[str, SignedObservation] = {}
    for item in held:
        observation = item.observation
        if observation.round != round:
            continue
        if not all(
            is_fresh(
                observation.timestamp_s,
                block_timestamp_s,
                max_age_s=max_observation_age_s,
                latest_updated_at_s=latest_updated_at_s,
            )
            for block_timestamp_s in (now_s, now_s + inclusion_margin_s)
        ):
            continue
        try:
            signer = parse_address(
                recover_signer(observation, chain_id, feed_address, item.signature)
            )
        except InvalidSignature:
            continue
        if signer not in authorized:
            continue
        kept = newest.get(signer)
        if kept is None or observation.timestamp_s > kept.observation.timestamp_s:
            newest[signer] = item
    if len(newest) < quorum:
        return None
    # The signer list's order makes the report (and its calldata) the same on every node that
    # holds the same observations; `assemble_report` then sorts by answer, keeping that order
    # among equal answers.
    chosen = [newest[signer] for signer in sorted(newest, key=authorized.__getitem__)]
    return assemble_report(
        chosen,
        chain_id=chain_id,
        feed_address=feed_address,
        quorum=quorum,
        authorized_signers=signers,
    )


@dataclass(frozen=True, slots=True)
class ReadyReport:
    """A report the node leads for, ready to send. `hub_transmits`: the feed takes reports
    forwarded by the deployment's FeedHub."""

    feed_address: str
    report: Report
    attempt: int
    hub_transmits: bool

    @property
    def label(self) -> str:
        return f"{parse_address(self.feed_address)}:{self.report.round}:{self.attempt}"


@dataclass(frozen=True, slots=True)
class Transmission:
    """One transaction: a single feed's `transmit`, or a `FeedHub.transmit_many` batch.
    `key` names it in the transaction journal, so the same (feeds, rounds, attempt) is never
    sent twice."""

    reports: tuple[ReadyReport, ...]
    via_hub: bool

    @property
    def key(self) -> str:
        if self.via_hub:
            return "feeds:" + ",".join(ready.label for ready in self.reports)
        return "feed:" + self.reports[0].label


def plan_transmissions(
    ready: Sequence[ReadyReport], max_batch: int = FEED_HUB_MAX_FEEDS
) -> list[Transmission]:
    """One transaction per feed, except that two or more feeds that take the hub's reports go
    in `FeedHub.transmit_many` batches of at most `max_batch`: one transaction (one base fee,
    one nonce) for all of them. A lone feed goes direct: the hub's forwarding costs gas and
    buys nothing for one report."""
    hub = sorted((item for item in ready if item.hub_transmits), key=lambda item: item.label)
    if len(hub) < 2:
        hub = []
    direct = [item for item in ready if item not in hub]
    plans = [Transmission((item,), via_hub=False) for item in direct]
    for start in range(0, len(hub), max_batch):
        batch = tuple(hub[start : start + max_batch])
        plans.append(Transmission(batch, via_hub=len(batch) > 1))
    return plans
