"""The provider role: sign each configured feed's value for the round being reported, hand the
observation to every peer, and transmit the round when this node leads it (SPEC §10, §12 and
III.7; the decisions are `policy.provider`'s).

Per turn and per feed:

1. read `latestRoundData` (the signers, quorum and maximum age with it, cached per round:
   `ChainFeeds`);
2. the feed's value is fetched beside the loop, one fetch at a time, a new one at most every
   `fetch_interval_s` (sources may take seconds to answer; the loop must not wait on them);
3. if the feed is due (`sign_reason`: deviation from the answer *on chain*, heartbeat, no round
   yet), sign the value as the EIP-712 Observation of `latestRound() + 1`, keep it in the
   node's store and push it to every peer, concurrently and beside the loop;
4. if this node is the round's leader (`(round + attempt) % n`, `attempt` counted in
   `leader_timeout_s` from when the store first held an observation for the round) and holds a
   quorum of usable observations, transmit them (several feeds through `FeedHub.transmit_many`)
   under a journal key per (feed, round, attempt); lacking a quorum, it pulls the round from
   its peers, at most once every `PULL_INTERVAL_S`.

Steps 3 and 4 also run between turns, on the last turn's reads, as soon as a fetch finishes or
the store keeps an observation (the node's own or a peer's): the turn first spends several RPCs
on the journal and the logs, and a price move should not wait for them at every hop.

A round counts as transmitted only when a receipt shows the feed's `AnswerUpdated` for it; the
log `round_transmitted` and the metrics follow that receipt, never the sending. Until then every
decision compares with what the chain says.
"""

import asyncio
import math
import time
from collections.abc import Coroutine
from dataclasses import dataclass, field
from typing import Any, Final
from urllib.parse import urlsplit

import httpx
from eth_typing import ChecksumAddress
from web3.types import TxReceipt

from fluxo.answering import PinnedTransport, fetch_feed_value
from fluxo.answering.feed_value import FeedQuery, FeedValue
from fluxo.chain.binding import decode_event
from fluxo.chain.bindings.feed_hub import FeedHub
from fluxo.chain.bindings.price_feed import AnswerUpdated, PriceFeed
from fluxo.chain.client import ContractCall
from fluxo.exceptions import ChainError, FluxoError, TransactionReverted
from fluxo.feeds.observation import Observation
from fluxo.feeds.signing import sign_observation
from fluxo.node.chain_context import ChainContext
from fluxo.node.config import FeedSection
from fluxo.node.feed_signers import ChainFeeds, FeedInfo, FeedView
from fluxo.node.observations.client import ObservationClient
from fluxo.node.observations.store import ObservationStore
from fluxo.node.observations.wire import WireObservation
from fluxo.node.policy.provider import (
    ReadyReport,
    Transmission,
    attempt_of,
    is_leader,
    plan_transmissions,
    select_report,
    sign_reason,
)
from fluxo.node.state import TxStatus

# A report must still be accepted this long after it is built (the transaction waits for a
# block; a bumped one waits longer): observations that would be too old by then are left out,
# and the provider signs afresh before its own gets there.
INCLUSION_MARGIN_S: Final = 15
# A leader without a quorum asks its peers for the round at most this often.
PULL_INTERVAL_S: Final = 1.0
# A transmission whose gas estimate reverted is built again at most this often.
TRANSMIT_RETRY_S: Final = 1.0
# Pushes and pulls: a peer that does not answer within this is skipped for this observation.
PEER_TIMEOUT_S: Final = 2.0


@dataclass
class _Feed:
    """One configured feed and what the role is doing about it."""

    section: FeedSection
    address: ChecksumAddress
    fetch: "asyncio.Task[FeedValue] | None" = None
    fetch_started_s: float = -math.inf  # monotonic
    value: int | None = None
    observed_at_s: int = 0  # unix seconds the value was read from the sources
    value_failure: str | None = None  # the last reason there was no value, logged once
    own: WireObservation | None = None  # the node's observation for the round being reported
    last_pull_s: float = -math.inf  # monotonic
    # (round, attempt) pairs whose transmission is in the journal: never built again.
    attempted: set[tuple[int, int]] = field(default_factory=set)
    # After a transmission of `refused_round` the gas estimate refused: when to try that round
    # again (monotonic), and why it was refused (logged when it changes, not on every try).
    refused_round: int | None = None
    retry_after_s: float = -math.inf
    refusal: str | None = None
    signs: bool = True  # the node's account is among the feed's signers (as last read)

    @property
    def name(self) -> str:
        return self.section.name


@dataclass(frozen=True, slots=True)
class _Sent:
    """A transmission waiting for its receipt."""

    transmission: Transmission
    feeds: tuple[_Feed, ...]


class ProviderRole:
    """Signs, exchanges and transmits the configured feeds of one chain."""

    def __init__(
        self,
        context: ChainContext,
        feeds: ChainFeeds,
        store: ObservationStore,
        *,
        fetch_interval_s: float,
    ) -> None:
        self._ctx = context
        self._feeds_source = feeds
        self._store = store
        self._section = context.section.provider
        self._fetch_interval_s = fetch_interval_s
        deployment = context.deployment
        self._feeds = [
            _Feed(section, deployment.feed(section.name)) for section in self._section.feeds
        ]
        # Peers are other operators' nodes: never through an environment's proxy settings.
        self._http = httpx.AsyncClient(trust_env=False)
        # One transport for every fetch of the role's life: its TLS context (tens of ms to
        # build) and its pinned keep-alive connections are reused by fetches many times a
        # second, instead of built anew by each.
        self._sources = PinnedTransport()
        self._client = ObservationClient(
            self._http,
            self._section.peers,
            timeout_s=PEER_TIMEOUT_S,
            metrics=context.metrics,
            logger=context.logger,
        )
        self._background: set[asyncio.Task[None]] = set()
        self._sent: dict[str, _Sent] = {}
        self._next_wake_s: float | None = None
        # What the last turn read of each feed; events between turns act on it.
        self._views: dict[str, FeedView] = {}
        # One pass of signing and leading at a time, from a turn or from an event.
        self._acting = asyncio.Lock()
        self._poked: asyncio.Task[None] | None = None
        self._poked_again = False
        feeds.on_stored = self._poke

    # --- the Role protocol ---------------------------------------------------------------

    async def tick(self, now_s: int) -> None:
        views = await asyncio.gather(
            *(self._feeds_source.read(feed.address) for feed in self._feeds)
        )
        self._views = {feed.address: view for feed, view in zip(self._feeds, views, strict=True)}
        async with self._acting:
            await self._act(now_s)
        await self._follow()

    async def _act(self, now_s: int) -> None:
        """Per feed: take a fetched value, sign it if the feed is due, lead if it is this
        node's turn; then send what is ready."""
        ready: list[ReadyReport] = []
        wakes: list[float] = []
        for feed in self._feeds:
            view = self._views[feed.address]
            self._take_value(feed)
            self._start_fetch(feed, view.info)
            await self._observe(feed, view, now_s)
            report, wake_s = await self._lead(feed, view, now_s)
            if report is not None:
                ready.append(report)
            if wake_s is not None:
                wakes.append(wake_s)
        self._next_wake_s = min(wakes, default=None)
        for transmission in plan_transmissions(ready):
            await self._transmit(transmission)

    def _poke(self) -> None:
        """A value was fetched or an observation stored between turns: act on the last turn's
        reads now instead of at the next turn, which first spends several RPCs on the journal
        and the logs. Acting on reads a turn old is safe: a round that landed meanwhile makes
        an observation the peers refuse or a transmission whose gas estimate reverts, and the
        next turn reads the chain again."""
        if not self._views:
            return
        if self._poked is not None and not self._poked.done():
            self._poked_again = True
            return
        self._poked = asyncio.create_task(self._act_on_events(), name="provider events")

    async def _act_on_events(self) -> None:
        while True:
            self._poked_again = False
            try:
                async with self._acting:
                    await self._act(int(time.time()))
            except FluxoError as error:
                self._ctx.logger.warning(
                    "provider_event_failed", chain=self._ctx.name, error=str(error)
                )
                return
            if not self._poked_again:
                return

    def next_wake_s(self) -> int | None:
        """When the next leader's turn begins for a round held here: the loop wakes then, so
        a dead leader costs one timeout and not one more poll."""
        return None if self._next_wake_s is None else math.ceil(self._next_wake_s)

    async def settle(self) -> bool:
        """Wait for the fetches, pushes and pulls started by the last turn."""
        tasks: list[asyncio.Task[object]] = [
            feed.fetch for feed in self._feeds if feed.fetch is not None
        ]
        tasks += self._background
        if self._poked is not None:
            tasks.append(self._poked)
        await asyncio.gather(*tasks, return_exceptions=True)
        return bool(tasks)

    def close(self) -> None:
        for feed in self._feeds:
            if feed.fetch is not None:
                feed.fetch.cancel()
        for task in self._background:
            task.cancel()
        if self._poked is not None:
            self._poked.cancel()
        # The node closes its roles from its event loop; the connections are closed there
        # too, after the loop's current step.
        self._spawn(self._close_connections(), "close provider connections")

    async def _close_connections(self) -> None:
        await self._sources.aclose()
        await self._http.aclose()

    # --- the value ------------------------------------------------------------------------

    def _start_fetch(self, feed: _Feed, info: FeedInfo) -> None:
        if (
            feed.fetch is not None
            or time.monotonic() - feed.fetch_started_s < self._fetch_interval_s
        ):
            return
        query = FeedQuery(
            tuple(source.feed_source() for source in feed.section.sources), info.decimals
        )
        feed.fetch_started_s = time.monotonic()
        task = asyncio.create_task(
            fetch_feed_value(query, self._ctx.fetch.policy, transport=self._sources),
            name=f"feed value {self._ctx.name}:{feed.name}",
        )
        task.add_done_callback(lambda _task: self._poke())
        feed.fetch = task

    def _take_value(self, feed: _Feed) -> None:
        """Keep the value of a finished fetch; its timestamp is when it finished (the sources
        answered by then)."""
        task = feed.fetch
        if task is None or not task.done():
            return
        feed.fetch = None
        if task.cancelled():
            return
        try:
            result = task.result()
        except FluxoError as error:
            self._value_failed(feed, str(error))
            return
        for trace in result.sources:
            if not trace.succeeded:
                self._ctx.metrics.source_failure(urlsplit(trace.end_point).hostname or "?")
        if result.value is None:
            self._value_failed(feed, result.reason)
            return
        feed.value, feed.observed_at_s = result.value, int(time.time())
        if feed.value_failure is not None:
            feed.value_failure = None
            self._ctx.logger.info("feed_value_back", chain=self._ctx.name, feed=feed.name)

    def _value_failed(self, feed: _Feed, reason: str) -> None:
        # A value that cannot be had is no value: the provider signs nothing rather than an old
        # price, and says so once per outage, not once per fetch.
        feed.value = None
        if feed.value_failure != reason:
            feed.value_failure = reason
            self._ctx.logger.warning(
                "feed_value_failed", chain=self._ctx.name, feed=feed.name, reason=reason
            )

    # --- signing --------------------------------------------------------------------------

    async def _observe(self, feed: _Feed, view: FeedView, now_s: int) -> None:
        round = view.latest_round + 1
        if feed.own is not None and feed.own.round != round:
            feed.own = None  # the round landed (or a reorg undid it): a new round, a new one
        if feed.value is None or not self._signs(feed, view.info):
            return
        info = view.info
        own = None if feed.own is None else (feed.own.answer, feed.own.timestamp_s)
        reason = sign_reason(
            feed.value,
            feed.observed_at_s,
            view.answer,
            view.updated_at_s,
            own,
            now_s,
            deviation_bps=feed.section.deviation_bps,
            heartbeat_s=feed.section.heartbeat_s,
            max_observation_age_s=info.max_observation_age_s,
            margin_s=INCLUSION_MARGIN_S,
        )
        if reason is None:
            return
        observation = Observation(info.feed_id, round, feed.value, feed.observed_at_s)
        signed = sign_observation(observation, info.chain_id, feed.address, self._ctx.signer)
        wire = WireObservation.from_signed(feed.address, signed)
        outcome = await self._store.insert(wire)
        if not outcome.accepted:
            # The node's own store refuses what it signed only if the node is no signer of the
            # feed or the round moved meanwhile: nothing to push.
            self._ctx.logger.warning(
                "observation_refused",
                chain=self._ctx.name,
                feed=feed.name,
                round=round,
                result=outcome.result.value,
                reason=outcome.reason,
            )
            return
        feed.own = wire
        self._ctx.metrics.observations_signed.labels(chain=self._ctx.name, feed=feed.name).inc()
        self._ctx.logger.info(
            "observation_signed",
            chain=self._ctx.name,
            feed=feed.name,
            round=round,
            answer=str(feed.value),
            timestamp=feed.observed_at_s,
            reason=reason.value,
        )
        self._spawn(self._push(feed, wire), f"push {feed.name}:{round}")

    def _signs(self, feed: _Feed, info: FeedInfo) -> bool:
        """Whether this node is a signer of the feed now; said once when that changes (an
        observation by anyone else would only be refused, by peers and by its own store)."""
        signs = self._ctx.me in info.signers
        if signs != feed.signs:
            feed.signs = signs
            if not signs:
                self._ctx.logger.warning(
                    "not_a_signer",
                    chain=self._ctx.name,
                    feed=feed.name,
                    account=self._ctx.me,
                    signers=list(info.signers),
                )
        return signs

    async def _push(self, feed: _Feed, wire: WireObservation) -> None:
        results = await self._client.push(wire)
        self._ctx.logger.debug(
            "observation_pushed",
            chain=self._ctx.name,
            feed=feed.name,
            round=wire.round,
            accepted=sum(1 for result in results if result.accepted),
            peers=len(results),
        )

    # --- leading --------------------------------------------------------------------------

    async def _lead(
        self, feed: _Feed, view: FeedView, now_s: int
    ) -> tuple[ReadyReport | None, float | None]:
        """The report to send if this node leads the round now and holds a quorum, and the
        unix time the next leader's turn starts (for the loop's wake)."""
        round = view.latest_round + 1
        # Rounds the feed has passed can never be attempted again.
        feed.attempted = {pair for pair in feed.attempted if pair[0] >= round}
        first_seen_s = self._store.first_seen_s(feed.address, round)
        if first_seen_s is None:
            return None, None
        info = view.info
        timeout_s = self._section.leader_timeout_s
        attempt = attempt_of(first_seen_s, time.time(), timeout_s)
        next_turn_s = first_seen_s + (attempt + 1) * timeout_s
        if not is_leader(info.signers, self._ctx.me, round, attempt):
            return None, next_turn_s
        if (
            (round, attempt) in feed.attempted
            or self._in_flight(feed)
            or (feed.refused_round == round and time.monotonic() < feed.retry_after_s)
        ):
            return None, next_turn_s
        held = await self._store.held(feed.address, round) or []
        # Recovering signatures costs milliseconds each: no report is tried short of a quorum.
        report = None
        if len(held) >= info.quorum:
            report = select_report(
                [wire.signed(info.feed_id) for wire in held],
                round=round,
                chain_id=info.chain_id,
                feed_address=feed.address,
                signers=info.signers,
                quorum=info.quorum,
                now_s=now_s,
                max_observation_age_s=info.max_observation_age_s,
                latest_updated_at_s=view.updated_at_s,
                inclusion_margin_s=INCLUSION_MARGIN_S,
            )
        if report is None:
            self._maybe_pull(feed, round)
            return None, next_turn_s
        return ReadyReport(feed.address, report, attempt, info.hub_transmits), next_turn_s

    def _in_flight(self, feed: _Feed) -> bool:
        return any(feed in sent.feeds for sent in self._sent.values())

    def _maybe_pull(self, feed: _Feed, round: int) -> None:
        if not self._section.peers or time.monotonic() - feed.last_pull_s < PULL_INTERVAL_S:
            return
        feed.last_pull_s = time.monotonic()
        self._spawn(self._pull(feed, round), f"pull {feed.name}:{round}")

    async def _pull(self, feed: _Feed, round: int) -> None:
        """Ask every peer for the round; what they send is validated like any POST."""
        answers = await asyncio.gather(
            *(self._client.pull(peer, feed.address, round) for peer in self._section.peers)
        )
        stored = 0
        for wires in answers:
            for wire in wires:
                if wire.feed_address != feed.address or wire.round != round:
                    continue
                outcome = await self._store.insert(wire)
                stored += outcome.result.value in ("stored", "replaced")
        if stored:
            self._ctx.logger.info(
                "observations_pulled",
                chain=self._ctx.name,
                feed=feed.name,
                round=round,
                stored=stored,
            )

    # --- transmitting ---------------------------------------------------------------------

    async def _transmit(self, transmission: Transmission) -> None:
        ctx = self._ctx
        feeds = tuple(self._feed(ready.feed_address) for ready in transmission.reports)
        rounds = {
            feed.name: ready.report.round
            for feed, ready in zip(feeds, transmission.reports, strict=True)
        }
        try:
            tracked = await ctx.send(self._call(transmission), key=transmission.key)
        except ChainError as error:
            # Nothing was sent. A reverted estimate means another leader landed the round, an
            # observation went stale since it was checked, or the chain's clock is behind the
            # observations; the RPC may be down. Retried on fresh reads a little later.
            reason = error.reason if isinstance(error, TransactionReverted) else str(error)
            for feed, ready in zip(feeds, transmission.reports, strict=True):
                feed.refused_round = ready.report.round
                feed.retry_after_s = time.monotonic() + TRANSMIT_RETRY_S
                if feed.refusal != reason:
                    feed.refusal = reason
                    ctx.logger.info(
                        "transmit_not_sent", chain=ctx.name, feed=feed.name, reason=reason
                    )
            return
        for feed, ready in zip(feeds, transmission.reports, strict=True):
            feed.attempted.add((ready.report.round, ready.attempt))
            feed.refusal = None
        if tracked.status is TxStatus.REJECTED:
            return  # the node refused it (logged by `send`); the next attempt is another key
        self._sent[transmission.key] = _Sent(transmission, feeds)
        ctx.logger.info(
            "transmit_sent",
            chain=ctx.name,
            rounds=rounds,
            attempts=[ready.attempt for ready in transmission.reports],
            via_hub=transmission.via_hub,
            observations=[len(ready.report.answers) for ready in transmission.reports],
            tx_hash=tracked.tx_hash,
        )

    def _call(self, transmission: Transmission) -> ContractCall:
        pool = self._ctx.pool
        if transmission.via_hub:
            hub = self._ctx.deployment.feed_hub
            assert hub is not None, "a hub batch is planned only for feeds that take the hub"
            return FeedHub(pool.client(), hub).transmit_many_call(
                [ready.feed_address for ready in transmission.reports],
                [ready.report.transmit_data() for ready in transmission.reports],
            )
        ready = transmission.reports[0]
        return PriceFeed(pool.client(), ready.feed_address).transmit_call(
            *ready.report.transmit_args()
        )

    async def _follow(self) -> None:
        """Report what the receipts of sent transmissions say (the loop's reconcile recorded
        them in the journal)."""
        ctx = self._ctx
        for key, sent in list(self._sent.items()):
            tracked = ctx.tx.tracked(f"{ctx.name}:{key}")
            if tracked is None or not tracked.done:
                continue
            if tracked.status is not TxStatus.MINED:
                del self._sent[key]
                ctx.logger.warning(
                    "transmit_not_landed",
                    chain=ctx.name,
                    key=key,
                    status=tracked.status.value,
                    reason=tracked.revert_reason or tracked.error,
                    tx_hash=tracked.tx_hash,
                )
                continue
            receipt = await self._receipt(tracked.tx_hash)
            if receipt is None:
                continue  # reorged away since it was recorded: the journal follows it again
            del self._sent[key]
            landed = {
                (event.address, event.round_id): event
                for event in (
                    decode_event(AnswerUpdated, log)
                    for log in receipt["logs"]
                    if log["topics"] and bytes(log["topics"][0]) == AnswerUpdated.TOPIC
                )
            }
            gas_used = int(receipt["gasUsed"])
            ctx.metrics.transmit_gas.labels(chain=ctx.name).inc(gas_used)
            for feed, ready in zip(sent.feeds, sent.transmission.reports, strict=True):
                event = landed.get((feed.address, ready.report.round))
                if event is None:
                    # A hub batch mines even when one feed refuses its report.
                    ctx.logger.warning(
                        "round_not_transmitted",
                        chain=ctx.name,
                        feed=feed.name,
                        round=ready.report.round,
                        tx_hash=tracked.tx_hash,
                    )
                    continue
                ctx.metrics.reports_transmitted.labels(chain=ctx.name, feed=feed.name).inc()
                ctx.logger.info(
                    "round_transmitted",
                    chain=ctx.name,
                    feed=feed.name,
                    round=ready.report.round,
                    answer=str(event.current),
                    updated_at=event.updated_at,
                    observations=len(ready.report.answers),
                    attempt=ready.attempt,
                    via_hub=sent.transmission.via_hub,
                    gas=gas_used,
                    tx_hash=tracked.tx_hash,
                )

    # --- helpers --------------------------------------------------------------------------

    async def _receipt(self, tx_hash: str) -> TxReceipt | None:
        return await self._ctx.run(lambda client: client.receipt(tx_hash))

    def _feed(self, address: str) -> _Feed:
        return next(feed for feed in self._feeds if feed.address == address)

    def _spawn(self, work: Coroutine[Any, Any, None], name: str) -> None:
        task = asyncio.create_task(work, name=name)
        self._background.add(task)
        task.add_done_callback(self._background.discard)


__all__ = ["INCLUSION_MARGIN_S", "PULL_INTERVAL_S", "ProviderRole"]
