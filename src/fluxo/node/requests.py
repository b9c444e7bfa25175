"""The requests the node tracks on one chain: what the Oracle's events said (kept in the node's
state), and what the Oracle's views say now (read fresh for every decision).

The scanner hands each confirmed `RequestCreated` and `Escalated` to `ingest`, which reads what
the event lacks (the settlement time, the escalation's block time) and returns the writes to
apply in the same state transaction as the scan cursor, so an event is recorded exactly once
however the node stops. A `RequestCreated` that a reorg dropped is forgotten (its decisions are
kept, so a request re-created under the same id is never acted on twice).
"""

import asyncio
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from fluxo.chain.binding import EventLog
from fluxo.chain.bindings.oracle import Escalated, Oracle, RequestCreated
from fluxo.chain.bindings.results import Claimable
from fluxo.domain.outcome import kind_of
from fluxo.node.chain_context import ChainContext
from fluxo.node.policy.actions import DecisionKey
from fluxo.node.policy.request_view import RequestView, RoundView
from fluxo.node.state import BlockRef, RequestRecord

OPEN: Final = "open"
# The Oracle's events whose first indexed field is the request id.
_REQUEST_TOPICS: Final = frozenset(
    event.TOPIC
    for event in Oracle.EVENTS
    if any(indexed for _, _, indexed in event.FIELDS)
    and next(name for name, _, indexed in event.FIELDS if indexed) == "request_id"
)
NOTHING_CLAIMABLE: Final = Claimable(0, 0)
ESCALATED_ACTION: Final = "escalated"

Write = Callable[[], None]


def creation_record(event: RequestCreated, settlement_time_s: int) -> dict[str, Any]:
    """What the node keeps of a `RequestCreated` event (JSON)."""
    return {
        "description": event.description,
        "requester": event.requester,
        "sources": [[source.end_point, source.source_path] for source in event.sources],
        "outcomes": list(event.outcomes),
        "data_type": event.data_type,
        "decimals": event.decimals,
        "tags": list(event.tags),
        "settlement_time": settlement_time_s,
    }


@dataclass(frozen=True, slots=True)
class ChainRequest:
    """One request as the Oracle's views report it now."""

    rounds: tuple[RoundView, ...]
    finalized: bool
    final_outcome: bytes | None
    escalated: bool
    cancelled: bool
    paused: bool
    escalated_at_s: int | None
    arbitration_timeout_s: int

    def view(
        self,
        record: RequestRecord,
        *,
        decided: frozenset[DecisionKey] = frozenset(),
        own_stakes_wei: Mapping[tuple[int, bytes], int] | None = None,
        claimable: Claimable = NOTHING_CLAIMABLE,
        answer_published: bool = False,
    ) -> RequestView:
        """What the policies decide on: the request as the chain reports it now, as its
        creation event described it (`record`), and the node's own part in it."""
        creation = record.creation
        return RequestView(
            request_id=record.request_id,
            kind=kind_of(len(creation["outcomes"]), int(creation["data_type"])),
            settlement_time_s=int(creation["settlement_time"]),
            rounds=self.rounds,
            finalized=self.finalized,
            final_outcome=self.final_outcome,
            escalated=self.escalated,
            cancelled=self.cancelled,
            paused=self.paused,
            escalated_at_s=self.escalated_at_s,
            arbitration_timeout_s=self.arbitration_timeout_s,
            own_stakes_wei=own_stakes_wei or {},
            claimable_stake_wei=claimable.stake_amount,
            claimable_payment_wei=claimable.payment_amount,
            answer_published=answer_published,
            decided=decided,
        )


class RequestBook:
    """Records requests from events; reads their live state from the Oracle."""

    def __init__(self, context: ChainContext) -> None:
        self._ctx = context
        # Config versions and a request's config id never change: read each once.
        self._timeouts: dict[int, int] = {}
        self._config_ids: dict[int, int] = {}
        # Every Oracle event about a request changes what its views return; nothing else does
        # (time alone does not, except while the Oracle is paused). Roles keep what they read
        # and read again once a request's events moved past it.
        self._generation = 0
        self._changed_at: dict[int, int] = {}

    @property
    def generation(self) -> int:
        """Grows with every batch of events ingested; a read taken now is as new as this."""
        return self._generation

    def changed_at(self, request_id: int) -> int:
        """The generation of the last event (or dropped event) about `request_id`; 0 if none."""
        return self._changed_at.get(request_id, 0)

    async def ingest(self, events: Sequence[EventLog], dropped: Sequence[EventLog]) -> list[Write]:
        """Read what the events need, and return the writes that record them."""
        ctx = self._ctx
        writes: list[Write] = []
        self._generation += 1
        for event in (*dropped, *events):
            request_id = getattr(event, "request_id", None)
            if isinstance(request_id, int):
                self._changed_at[request_id] = self._generation
        for event in dropped:
            if isinstance(event, RequestCreated):
                writes.append(_forget(ctx, event.request_id))
        for event in events:
            if isinstance(event, RequestCreated):
                settlement_time_s = await self._settlement_time_s(event.request_id)
                writes.append(_record(ctx, event, settlement_time_s))
            elif isinstance(event, Escalated):
                at_s = await self._block_time_s(event.block_number)
                writes.append(_escalation(ctx, event, at_s))
        return writes

    async def note_unconfirmed(self, confirmed_block: int, head_block: int) -> None:
        """Mark the requests that events in the blocks not yet deep enough to act on touch:
        a dispute or a finalize is then read from the chain at once (the views are the
        latest state), without waiting `confirmations` blocks for its event."""
        if head_block <= confirmed_block:
            return
        oracle = self._ctx.deployment.oracle
        logs = await self._ctx.run(
            lambda client: client.get_logs(confirmed_block + 1, head_block, addresses=[oracle])
        )
        self._generation += 1
        for log in logs:
            topics = [bytes(topic) for topic in log["topics"]]
            if len(topics) > 1 and topics[0] in _REQUEST_TOPICS:
                self._changed_at[int.from_bytes(topics[1], "big")] = self._generation

    async def _settlement_time_s(self, request_id: int) -> int:
        params = await self._ctx.read(
            Oracle, self._ctx.deployment.oracle, lambda oracle: oracle.request_params(request_id)
        )
        return params.settlement_time

    async def _block_time_s(self, number: int) -> int:
        block = await self._ctx.run(lambda client: client.block(number))
        return int(block["timestamp"])

    async def paused(self) -> bool:
        """Whether the Oracle is paused now (one read per turn serves every request)."""
        ctx = self._ctx
        return await ctx.read(Oracle, ctx.deployment.oracle, lambda oracle: oracle.paused())

    async def read(self, request_id: int, *, paused: bool) -> ChainRequest:
        """The request's rounds and outcome, read now; `paused` is the Oracle's state this
        turn."""
        ctx = self._ctx

        async def read(oracle: Oracle) -> tuple[Any, ...]:
            outcome, current = await asyncio.gather(
                oracle.outcome_of(request_id), oracle.current_round(request_id)
            )
            rounds = await asyncio.gather(
                *(oracle.round_info(request_id, r) for r in range(current + 1))
            )
            return outcome, tuple(rounds)

        outcome_of, rounds = await ctx.read(Oracle, ctx.deployment.oracle, read)
        finalized = bool(outcome_of.finalized)
        # The current round of an escalated request is the bonded escalating round; of any
        # other open request it is a round still taking stakes.
        escalated = bool(rounds[-1].bonded) and not finalized
        escalated_at_s: int | None = None
        if escalated:
            recorded = ctx.state.decision(ctx.name, request_id, len(rounds) - 1, ESCALATED_ACTION)
            # Until the Escalated event is confirmed, the round's start is a lower bound: a
            # finalize tried too early fails its estimate and is tried again later.
            escalated_at_s = (
                int(recorded.detail["at_s"]) if recorded is not None else rounds[-1].start
            )
        return ChainRequest(
            rounds=tuple(RoundView.from_round_info(info) for info in rounds),
            finalized=finalized,
            final_outcome=outcome_of.outcome if finalized else None,
            escalated=escalated,
            cancelled=finalized and not rounds[0].bonded,
            paused=paused,
            escalated_at_s=escalated_at_s,
            arbitration_timeout_s=await self._arbitration_timeout(request_id),
        )

    async def _arbitration_timeout(self, request_id: int) -> int:
        ctx = self._ctx
        config_id = self._config_ids.get(request_id)
        if config_id is None:
            params = await ctx.read(
                Oracle, ctx.deployment.oracle, lambda oracle: oracle.request_params(request_id)
            )
            config_id = self._config_ids[request_id] = params.config_id
        timeout = self._timeouts.get(config_id)
        if timeout is None:
            config = await ctx.read(
                Oracle, ctx.deployment.oracle, lambda oracle: oracle.config(config_id)
            )
            timeout = self._timeouts[config_id] = config.arbitration_timeout
        return timeout


def _record(ctx: ChainContext, event: RequestCreated, settlement_time_s: int) -> Write:
    def write() -> None:
        ctx.state.record_request(
            ctx.name,
            event.request_id,
            creation_record(event, settlement_time_s),
            block=BlockRef(event.block_number, event.block_hash),
        )

    return write


def _forget(ctx: ChainContext, request_id: int) -> Write:
    def write() -> None:
        if ctx.state.forget_request(ctx.name, request_id):
            ctx.logger.warning("request_reorged_away", chain=ctx.name, request_id=request_id)

    return write


def _escalation(ctx: ChainContext, event: Escalated, at_s: int) -> Write:
    def write() -> None:
        if ctx.state.record_decision(
            ctx.name, event.request_id, event.round, ESCALATED_ACTION, {"at_s": at_s}
        ):
            ctx.logger.warning(
                "request_escalated",
                chain=ctx.name,
                request_id=event.request_id,
                round=event.round,
                bond_wei=str(event.bond),
            )

    return write
