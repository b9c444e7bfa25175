"""The keeper role: the chores anyone may do on one chain, which cost gas and earn nothing.

**Aggregators.** For each configured FeedAggregator, per tick: if the node's last `update()`
is still pending, wait for it; once its receipt is in, log `aggregator_updated` (reason, round,
answer, gas used, tx hash) and count it. Otherwise read the latest round and `peek()` (what
`update()` would store now) and let `policy.keeper` decide: the first round, a heartbeat, or a
deviation. The transaction's key is `aggregator:<address>:<round it writes>`, so a restart or
a second look at the same round sends nothing new; an attempt that failed on chain (another
keeper's update landed first, say) is retried under a numbered key, a few times at most.

**Requests.** With `finalize` on, every request the node learned from the Oracle's events is
finalized once `finalize` would succeed (`policy.finalize`, the validator's rule), not only
those the node staked on. The decision and the transaction key are the validator's
(`request:<id>:<round>:finalize`), so a node running both roles finalizes once. A request
that cannot become final before a known time (its window's end, its arbitration deadline, or
for an unanswered request a whole challenge period from now) is not read again before then.
When no validator runs on the chain, the keeper also retires final requests from the node's
tracked set.
"""

import asyncio
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from eth_typing import ChecksumAddress
from web3.types import TxReceipt

from fluxo.chain.bindings.feed_aggregator import AnswerUpdated, FeedAggregator
from fluxo.chain.bindings.oracle import Oracle
from fluxo.chain.bindings.results import Peek
from fluxo.exceptions import ChainError, TransactionReverted
from fluxo.node.chain_context import ChainContext
from fluxo.node.logs import log_decision
from fluxo.node.policy.actions import DecisionKey, Finalize
from fluxo.node.policy.keeper import UpdateReason, aggregator_update_reason, decide_keeper_finalize
from fluxo.node.policy.request_view import RequestView
from fluxo.node.requests import OPEN, RequestBook
from fluxo.node.state import RequestRecord, TxStatus
from fluxo.node.transactions import TrackedTx
from fluxo.node.validator import DONE, MAX_SENDS_PER_TURN, decision_key, tx_key

# Decisions about an aggregator are recorded under this subject prefix, one per attempt: the
# update sent, then what became of it (so each outcome is logged and counted once, restarts
# included).
AGGREGATOR_SUBJECT: Final = "aggregator"
UPDATE_ACTION: Final = "update"
UPDATE_OUTCOME_ACTION: Final = "update_outcome"
# Attempts at one round after which the keeper leaves it to others: an update that keeps
# failing on chain (its estimate passed each time) costs gas for nothing.
MAX_UPDATE_ATTEMPTS: Final = 3
PEEK_REVERTED: Final = "peek reverted"
# Requests read at once per turn (as many as the validator reads).
MAX_CONCURRENT_READS: Final = 32
_FAILED: Final = frozenset({TxStatus.REVERTED, TxStatus.DROPPED, TxStatus.REJECTED})


@dataclass(frozen=True, slots=True)
class _Aggregator:
    name: str
    address: ChecksumAddress
    deviation_bps: int
    heartbeat_s: int

    @property
    def subject(self) -> str:
        return f"{AGGREGATOR_SUBJECT}:{self.address}"


@dataclass(frozen=True, slots=True)
class _Update:
    """An update the node sent: the round it writes, the attempt, and why."""

    round_after: int
    attempt: int
    reason: UpdateReason
    key: str

    @property
    def action(self) -> str:
        return f"{UPDATE_ACTION}#{self.attempt}"

    @property
    def outcome_action(self) -> str:
        return f"{UPDATE_OUTCOME_ACTION}#{self.attempt}"


@dataclass(frozen=True, slots=True)
class _Reading:
    latest_round: int
    latest_answer: int
    latest_updated_at_s: int
    last_update_s: int
    peek: Peek | None
    peek_error: str | None


class KeeperRole:
    """Updates the configured aggregators and finalizes expired requests on one chain."""

    def __init__(self, context: ChainContext, book: RequestBook, *, retires_requests: bool) -> None:
        self._ctx = context
        self._book = book
        self._section = context.section.keeper
        self._retires_requests = retires_requests
        self._aggregators = [
            _Aggregator(
                item.name,
                context.deployment.aggregator(item.name),
                item.deviation_bps,
                item.heartbeat_s,
            )
            for item in self._section.aggregators
        ]
        self._min_intervals_s: dict[str, int] = {}
        # The update in flight per aggregator address; loaded from the decisions at first use.
        self._in_flight: dict[str, _Update | None] = {}
        # When each aggregator's next heartbeat is due, from the last reading (for waking).
        self._heartbeats_due_s: dict[str, int] = {}
        # Requests that cannot be finalized before a known time: not read until then.
        self._not_before_s: dict[int, int] = {}
        self._challenge_periods_s: dict[int, int] = {}
        # The last reason each subject's action was not sent: logged when it changes.
        self._refusals: dict[str, str] = {}

    def next_wake_s(self) -> int | None:
        """The next window end or heartbeat the keeper knows of, if still ahead."""
        now_s = int(time.time())
        ahead = [
            wake_s
            for wake_s in (*self._not_before_s.values(), *self._heartbeats_due_s.values())
            if wake_s > now_s
        ]
        return min(ahead, default=None)

    async def tick(self, now_s: int) -> None:
        for aggregator in self._aggregators:
            await self._keep(aggregator, now_s)
        if self._section.finalize:
            await self._finalize_expired(now_s)

    async def settle(self) -> bool:
        """Nothing runs beside the loop: every keeper action is taken within a turn."""
        return False

    def close(self) -> None:
        """Nothing to stop."""

    # --- aggregators -----------------------------------------------------------------------

    async def _keep(self, aggregator: _Aggregator, now_s: int) -> None:
        ctx = self._ctx
        update = self._pending_update(aggregator)
        if update is not None:
            tracked = ctx.tx.tracked(f"{ctx.name}:{update.key}")
            if tracked is not None and not tracked.done:
                return  # one update in flight at a time; the journal follows it
            if tracked is not None and not await self._report(aggregator, update, tracked):
                return
            self._in_flight[aggregator.address] = None
        reading = await self._read(aggregator)
        if reading.latest_updated_at_s:
            self._heartbeats_due_s[aggregator.address] = (
                reading.latest_updated_at_s + aggregator.heartbeat_s
            )
        if reading.peek is None:
            self._refuse(
                aggregator.subject,
                f"{PEEK_REVERTED}: {reading.peek_error}",
                aggregator=aggregator.name,
            )
            return
        if self._refusals.get(aggregator.subject, "").startswith(PEEK_REVERTED):
            del self._refusals[aggregator.subject]  # healed: say so again if it recurs
        reason = aggregator_update_reason(
            reading.peek.answer,
            reading.peek.updated_at,
            reading.latest_answer,
            reading.latest_updated_at_s,
            now_s,
            aggregator.deviation_bps,
            aggregator.heartbeat_s,
            last_update_s=reading.last_update_s,
            min_interval_s=self._min_intervals_s[aggregator.address],
        )
        if reason is None:
            return
        update = self._next_update(aggregator, reading.latest_round + 1, reason)
        if update is not None:
            await self._send_update(aggregator, update, reading.peek)

    async def _read(self, aggregator: _Aggregator) -> _Reading:
        ctx = self._ctx
        address = aggregator.address

        async def read(feed: FeedAggregator) -> _Reading:
            if address not in self._min_intervals_s:
                self._min_intervals_s[address] = await feed.min_interval()
            latest_round, last_update_s = await asyncio.gather(
                feed.latest_round(), feed.last_update_time()
            )
            answer, updated_at_s = 0, 0
            if latest_round:
                # By round id, not `latestAnswer`/`latestTimestamp`: one round even if an update
                # lands between the calls.
                answer, updated_at_s = await asyncio.gather(
                    feed.get_answer(latest_round), feed.get_timestamp(latest_round)
                )
            try:
                peek: Peek | None = await feed.peek()
                error = None
            except TransactionReverted as reverted:
                # Too few live sources, or two that disagree: nothing to write until they heal.
                peek, error = None, reverted.reason
            return _Reading(latest_round, answer, updated_at_s, last_update_s, peek, error)

        return await ctx.read(FeedAggregator, address, read)

    def _pending_update(self, aggregator: _Aggregator) -> _Update | None:
        """The update sent and not yet reported; after a restart, found in the decisions."""
        if aggregator.address in self._in_flight:
            return self._in_flight[aggregator.address]
        ctx = self._ctx
        records = ctx.state.decisions(ctx.name, aggregator.subject)
        reported = {(r.round, r.action) for r in records}
        pending = None
        for record in records:
            update = _update_of(record.round, record.action, record.detail, record.tx_key)
            if update is not None and (update.round_after, update.outcome_action) not in reported:
                pending = update
        self._in_flight[aggregator.address] = pending
        return pending

    def _next_update(
        self, aggregator: _Aggregator, round_after: int, reason: UpdateReason
    ) -> _Update | None:
        """The first attempt at `round_after` not yet used up, or None: one is mined or
        pending (the reading lags the receipt) or every attempt failed."""
        ctx = self._ctx
        base = f"{aggregator.subject}:{round_after}"
        for attempt in range(MAX_UPDATE_ATTEMPTS):
            key = base if attempt == 0 else f"{base}:retry{attempt}"
            tracked = ctx.tx.tracked(f"{ctx.name}:{key}")
            if tracked is None:
                return _Update(round_after, attempt, reason, key)
            if tracked.status not in _FAILED:
                return None
        self._refuse(
            aggregator.subject,
            f"{MAX_UPDATE_ATTEMPTS} updates to round {round_after} failed; left to others",
            aggregator=aggregator.name,
        )
        return None

    async def _send_update(self, aggregator: _Aggregator, update: _Update, peek: Peek) -> None:
        ctx = self._ctx
        try:
            call = FeedAggregator(ctx.pool.client(), aggregator.address).update_call()
            tracked = await ctx.send(call, key=update.key, aggregator=aggregator.name)
        except TransactionReverted as error:
            # The estimate reverted: the chain moved since the reading (another keeper, the
            # minimum interval by the block's clock). The next tick reads again.
            self._refuse(aggregator.subject, error.reason, aggregator=aggregator.name)
            return
        except ChainError as error:
            ctx.logger.warning(
                "aggregator_update_failed",
                chain=ctx.name,
                aggregator=aggregator.name,
                error=str(error),
            )
            return
        ctx.state.record_decision(
            ctx.name,
            aggregator.subject,
            update.round_after,
            update.action,
            {
                "reason": update.reason.value,
                "peek_answer": str(peek.answer),
                "peek_updated_at": peek.updated_at,
            },
            tx_key=update.key,
        )
        self._in_flight[aggregator.address] = update
        self._refusals.pop(aggregator.subject, None)
        ctx.logger.info(
            "aggregator_update_sent",
            chain=ctx.name,
            aggregator=aggregator.name,
            address=aggregator.address,
            round=update.round_after,
            reason=update.reason.value,
            peek_answer=str(peek.answer),
            tx_hash=tracked.tx_hash,
        )

    async def _report(self, aggregator: _Aggregator, update: _Update, tracked: TrackedTx) -> bool:
        """Log and count what became of `update`, once (the outcome is recorded first); False
        if its receipt is gone (a reorg the journal has not seen yet): it is still in flight."""
        ctx = self._ctx
        fields: dict[str, object] = {
            "chain": ctx.name,
            "aggregator": aggregator.name,
            "address": aggregator.address,
            "reason": update.reason.value,
            "tx_hash": tracked.tx_hash,
        }
        if tracked.status is TxStatus.MINED:
            tx_hash = tracked.tx_hash
            receipt = await ctx.run(lambda client: client.receipt(tx_hash))
            if receipt is None:
                return False
            written = self._written_round(aggregator, receipt)
            fields |= {
                "round": None if written is None else written.round_id,
                "answer": None if written is None else str(written.current),
                "updated_at": None if written is None else written.updated_at,
                "gas_used": tracked.current.gas_used,
                "block": tracked.receipt_block,
            }
        else:
            fields |= {
                "status": tracked.status.value,
                "error": tracked.revert_reason or tracked.error,
            }
        if not ctx.state.record_decision(
            ctx.name,
            aggregator.subject,
            update.round_after,
            update.outcome_action,
            {key: value for key, value in fields.items() if key != "chain"},
            tx_key=update.key,
        ):
            return True
        if tracked.status is TxStatus.MINED:
            ctx.logger.info("aggregator_updated", **fields)
            ctx.metrics.aggregator_updates.labels(
                chain=ctx.name, aggregator=aggregator.name, reason=update.reason.value
            ).inc()
            ctx.metrics.aggregator_update_gas.labels(
                chain=ctx.name, aggregator=aggregator.name
            ).inc(tracked.current.gas_used or 0)
        else:
            ctx.logger.warning("aggregator_update_failed", **fields)
        return True

    def _written_round(self, aggregator: _Aggregator, receipt: TxReceipt) -> AnswerUpdated | None:
        """The round an update wrote, from its receipt's `AnswerUpdated`."""
        binding = FeedAggregator(self._ctx.pool.decoding_client(), aggregator.address)
        for log in receipt["logs"]:
            event = binding.decode_log(log)
            if isinstance(event, AnswerUpdated):
                return event
        return None

    def _refuse(self, subject: str, reason: str, **fields: object) -> None:
        """Log why an action was not sent, once per distinct reason."""
        if self._refusals.get(subject) == reason:
            return
        self._refusals[subject] = reason
        self._ctx.logger.info(
            "keeper_action_not_sent", chain=self._ctx.name, reason=reason, **fields
        )

    # --- requests --------------------------------------------------------------------------

    async def _finalize_expired(self, now_s: int) -> None:
        ctx = self._ctx
        records = [
            record
            for record in ctx.state.requests(ctx.name, statuses=[OPEN])
            if int(record.creation["settlement_time"]) <= now_s
            and self._not_before_s.get(record.request_id, 0) <= now_s
        ]
        if not records:
            return
        paused = await self._book.paused()
        views: list[RequestView] = []
        for start in range(0, len(records), MAX_CONCURRENT_READS):
            chunk = records[start : start + MAX_CONCURRENT_READS]
            views += await asyncio.gather(*(self._view(record, paused) for record in chunk))
        open_views = []
        for view in views:
            if view.finalized:
                self._forget(view.request_id)
            else:
                open_views.append(view)
        actions = decide_keeper_finalize(open_views, now_s)
        due = {action.request_id for action in actions}
        for view in open_views:
            if view.request_id not in due:
                await self._defer(view, now_s)
        if len(actions) > MAX_SENDS_PER_TURN:
            # Catching up: the rest go out in the turns that follow at once, so the loop keeps
            # turning (and /health stays true) instead of spending minutes in one turn.
            actions = actions[:MAX_SENDS_PER_TURN]
            ctx.wake.set()
        for action in actions:
            await self._finalize(action)

    async def _view(self, record: RequestRecord, paused: bool) -> RequestView:
        chain_view = await self._book.read(record.request_id, paused=paused)
        return chain_view.view(record, decided=self._decided(record.request_id))

    def _decided(self, request_id: int) -> frozenset[DecisionKey]:
        """Every policy decision recorded on the request, the validator's included: a
        finalize either role took is not taken again."""
        keys = (
            decision_key(record.action, record.round)
            for record in self._ctx.state.decisions(self._ctx.name, request_id)
        )
        return frozenset(key for key in keys if key is not None)

    def _forget(self, request_id: int) -> None:
        """A final request: nothing left for the keeper. Without a validator on the chain
        nobody else retires it, so the keeper does."""
        self._not_before_s.pop(request_id, None)
        self._challenge_periods_s.pop(request_id, None)
        if self._retires_requests:
            self._ctx.state.set_request_status(self._ctx.name, request_id, DONE)

    async def _defer(self, view: RequestView, now_s: int) -> None:
        """Remember the earliest time `view`'s request could be finalized, a lower bound: a
        pause or a dispute only moves it later."""
        if view.escalated:
            deadline_s = view.arbitration_deadline_s
        elif view.current_round >= 1:
            deadline_s = view.current.end_s
        else:
            # Unanswered: once round 0 bonds, round 1 runs a whole challenge period.
            deadline_s = now_s + await self._challenge_period_s(view.request_id)
        if deadline_s is not None and deadline_s > now_s:
            self._not_before_s[view.request_id] = deadline_s

    async def _challenge_period_s(self, request_id: int) -> int:
        period_s = self._challenge_periods_s.get(request_id)
        if period_s is None:
            ctx = self._ctx
            params = await ctx.read(
                Oracle, ctx.deployment.oracle, lambda oracle: oracle.request_params(request_id)
            )
            period_s = self._challenge_periods_s[request_id] = params.challenge_period
        return period_s

    async def _finalize(self, action: Finalize) -> None:
        ctx = self._ctx
        key = tx_key(action)
        subject = f"request:{action.request_id}"
        try:
            tracked = await ctx.send(ctx.oracle().finalize_call(action.request_id), key=key)
        except TransactionReverted as error:
            # Someone finalized first, or the block's clock is behind the node's: read again.
            self._refuse(subject, error.reason, request_id=action.request_id, action="finalize")
            return
        except ChainError as error:
            ctx.logger.warning(
                "action_failed",
                chain=ctx.name,
                request_id=action.request_id,
                action=action.key.label,
                error=str(error),
            )
            return
        if tracked.status is TxStatus.REJECTED:
            return
        if ctx.state.record_decision(
            ctx.name,
            action.request_id,
            action.round,
            action.key.label,
            {"reason": action.reason.value, "role": "keeper"},
            tx_key=key,
        ):
            log_decision(ctx.logger, action, chain=ctx.name, tx_hash=tracked.tx_hash)
            ctx.metrics.finalizations.labels(chain=ctx.name).inc()


def _update_of(
    round_after: int, action: str, detail: Mapping[str, object], key: str | None
) -> _Update | None:
    """The `_Update` a recorded decision sent, or None for the decision of an outcome."""
    name, _, attempt = action.partition("#")
    if name != UPDATE_ACTION or key is None:
        return None
    return _Update(round_after, int(attempt), UpdateReason(str(detail["reason"])), key)


__all__ = ["KeeperRole"]
