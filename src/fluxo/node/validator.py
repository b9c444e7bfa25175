"""The validator role: answer each request the node saw created, then play the game on that
answer (SPEC Part III for the answer, `policy.validator` for the moves).

Per tick and per tracked request: the request is re-read from the chain; once it is settled its
answer is computed (once, and kept: the same data must give the same stake; a fresh answer is
followed by a second read, since fetching takes time and the chain moves); the policy decides;
every action is sent under a transaction key that makes a replay (a restart, a reorged event)
send nothing, and recorded as a decision the policy never proposes again. A request leaves the
tracked set once it is final and the node has nothing left at stake or to claim in it.
"""

import asyncio
import time
from collections.abc import Awaitable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Final, TypeVar
from urllib.parse import urlsplit

from fluxo.answering import fetch_and_decide
from fluxo.answering.decision import AbstainReason, Decision, Ruling, Verdict
from fluxo.answering.request import AnswerRequest
from fluxo.chain.bindings.erc20 import ERC20
from fluxo.chain.bindings.oracle import Oracle
from fluxo.chain.client import ContractCall
from fluxo.domain.outcome import OutcomeKind
from fluxo.domain.request_args import Source
from fluxo.exceptions import ChainError, FluxoError, TransactionReverted
from fluxo.node.chain_context import ChainContext
from fluxo.node.logs import log_decision
from fluxo.node.policy.actions import (
    ActionKind,
    Claim,
    DecisionKey,
    Dispute,
    Finalize,
    Proposal,
    PublishAnswer,
    RequestAction,
    Stake,
    Unstake,
    Waiting,
    Withdraw,
    WouldDispute,
)
from fluxo.node.policy.request_view import RequestView
from fluxo.node.policy.reread import ViewRead
from fluxo.node.policy.validator import Budget, decide_validator, decide_withdrawals
from fluxo.node.requests import ESCALATED_ACTION, NOTHING_CLAIMABLE, OPEN, RequestBook
from fluxo.node.state import RequestRecord, TxStatus

ANSWER_ACTION: Final = "answer"
SLASHED: Final = "slashed"
DONE: Final = "done"
# A request whose sources failed is answered again this often, up to this many times: a source
# that was down may come back, and abstaining for good on one outage would leave a wrong bond
# unchallenged. Sources that answered and disagreed are not asked again.
ABSTAIN_RETRY_S: Final = 30.0
MAX_ANSWER_ATTEMPTS: Final = 5
_RETRYABLE: Final = frozenset({AbstainReason.TOO_FEW_SOURCES, AbstainReason.PASSES_DIFFER})
# Requests read (and answers fetched) at once per turn: enough to keep a thousand open requests
# within a second or two, few enough not to flood one RPC endpoint or data source.
MAX_CONCURRENT_READS: Final = 32
# Answers fetched at once: a node catching up on many settled requests must not open thousands
# of connections (nor hammer one API) in the same second.
MAX_CONCURRENT_FETCHES: Final = 16
# Transactions one turn sends at most; the rest go out in the turns that follow at once. A
# node catching up on a thousand requests keeps turning (and /health stays true to it) instead
# of spending minutes in one turn.
MAX_SENDS_PER_TURN: Final = 50
# A request's chain state is read again when its events say it changed, after the node acted
# on it, and besides at most this many seconds (plus a per-request spread) after the last read:
# a safety net that costs a few reads per turn, not a thousand.
REFRESH_S: Final = 60.0
WAKE_HORIZON_S: Final = 5.0
# A stake refused just after its settlement time is refused because no block of that time
# exists yet (the node runs on the wall clock, the chain mines a moment later): try again this
# soon, not a whole poll interval later.
REFUSED_RETRY_S: Final = 0.25
T = TypeVar("T")


def answer_request(creation: Mapping[str, Any]) -> AnswerRequest:
    """The answer rules' input, from what the node kept of `RequestCreated`."""
    return AnswerRequest(
        sources=tuple(Source(end_point, path) for end_point, path in creation["sources"]),
        outcomes=tuple(creation["outcomes"]),
        data_type=int(creation["data_type"]),
        decimals=int(creation["decimals"]),
    )


@dataclass
class _Answer:
    decision: Decision
    attempts: int
    decided_at_s: float


class ValidatorRole:
    """Answers and stakes on one chain, within the operator's limits."""

    def __init__(self, context: ChainContext, book: RequestBook) -> None:
        self._ctx = context
        self._book = book
        self._section = context.section.validator
        self._answers: dict[int, _Answer] = {}
        self._withdraw_seq: dict[str, int] = {}
        self._fetches: dict[int, asyncio.Task[Decision]] = {}
        self._fetch_slots = asyncio.Semaphore(MAX_CONCURRENT_FETCHES)
        self._sends_this_turn = 0
        self._reads: dict[int, ViewRead] = {}
        # Requests the node sent a transaction for since their last read.
        self._dirty: set[int] = set()
        self._unanswerable: set[int] = set()
        # The last reason each (request, action) was not sent: logged when it changes, not on
        # every turn.
        self._refusals: dict[tuple[int, str], str] = {}
        self._retry_at_s: float | None = None
        # The open requests as the last turn listed them (next_wake_s runs right after it).
        self._open: list[RequestRecord] = []

    def next_wake_s(self) -> float | None:
        """The earliest settlement time of a tracked request not answered yet: the loop wakes
        then, so the stake goes out within a second of it. A time long past is not a reason to
        wake (the request waits for a turn like any other)."""
        horizon_s = time.time() - WAKE_HORIZON_S
        pending = [
            settlement_time_s
            for record in self._open
            if (settlement_time_s := int(record.creation["settlement_time"])) > horizon_s
            and record.creation["sources"]
            and record.request_id not in self._answers
            and record.request_id not in self._fetches
            and record.request_id not in self._unanswerable
        ]
        retry = [] if self._retry_at_s is None else [self._retry_at_s]
        return min([*pending, *retry], default=None)

    async def tick(self, now_s: int) -> None:
        ctx = self._ctx
        self._retry_at_s = None
        # Before its settlement time nothing can happen to a request (round 0 opens then), so
        # the turn reads only the settled ones.
        self._open = ctx.state.requests(ctx.name, statuses=[OPEN])
        records = [
            record for record in self._open if int(record.creation["settlement_time"]) <= now_s
        ]
        paused = await self._book.paused()
        views = await _bounded(self._current_view(record, paused) for record in records)
        exposure_wei = sum(view.own_stake_wei for view in views)
        ctx.metrics.exposure_wei.labels(chain=ctx.name).set(exposure_wei)
        ctx.metrics.escalated_requests.labels(chain=ctx.name).set(
            sum(1 for view in views if view.escalated)
        )
        answers = [
            self._answer(record, view, now_s) for record, view in zip(records, views, strict=True)
        ]
        balance_wei = await ctx.read(
            ERC20, ctx.deployment.flux_token, lambda token: token.balance_of(ctx.me)
        )
        self._sends_this_turn = 0
        for record, view, (decision, fresh) in zip(records, views, answers, strict=True):
            if self._sends_this_turn >= MAX_SENDS_PER_TURN:
                ctx.wake.set()
                break
            if fresh:
                # The fetch took time and the chain moved: decide on what it says now.
                view = await self._view(record, paused)
            budget = Budget(
                self._section.max_stake_per_request_wei,
                self._section.max_total_exposure_wei,
                exposure_wei,
                max(balance_wei, 0),
            )
            spent_wei = await self._act(view, decide_validator(view, decision, budget, now_s))
            exposure_wei += spent_wei
            balance_wei -= spent_wei
            if view.finalized and view.claimable_stake_wei == 0 and not _unbonded_stakes(view):
                self._retire(view)
        await self._withdraw()

    def _retire(self, view: RequestView) -> None:
        """A final request with nothing left to claim or unstake: stop tracking it. A stake
        still standing on a round's bonded outcome now is one the final outcome slashed
        (claimed stakes read as zero)."""
        ctx = self._ctx
        lost = {pair: amount for pair, amount in view.own_stakes_wei.items() if amount}
        with ctx.state.transaction():
            for (round_index, outcome), amount_wei in sorted(lost.items()):
                detail = {"outcome": "0x" + outcome.hex(), "amount_wei": str(amount_wei)}
                if ctx.state.record_decision(
                    ctx.name, view.request_id, round_index, SLASHED, detail
                ):
                    ctx.metrics.slashes.labels(chain=ctx.name).inc()
                    ctx.metrics.slashed_wei.labels(chain=ctx.name).inc(amount_wei)
                    ctx.logger.warning(
                        "slashed",
                        chain=ctx.name,
                        request_id=view.request_id,
                        round=round_index,
                        outcome=detail["outcome"],
                        amount_wei=detail["amount_wei"],
                    )
            ctx.state.set_request_status(ctx.name, view.request_id, DONE)
        self._answers.pop(view.request_id, None)
        self._reads.pop(view.request_id, None)
        self._dirty.discard(view.request_id)

    # --- the answer ----------------------------------------------------------------------

    def _answer(
        self, record: RequestRecord, view: RequestView, now_s: int
    ) -> tuple[Decision | None, bool]:
        """The node's answer (None before settlement or while it is fetched), and whether it
        arrived just now. Fetching runs beside the loop (sources can take seconds to answer or
        to time out, and the loop must keep finalizing and claiming meanwhile); its end wakes
        the loop, so the stake follows at once."""
        request_id = record.request_id
        known = self._answers.get(request_id)
        if now_s < view.settlement_time_s or view.finalized or view.escalated:
            return (None if known is None else known.decision), False
        known = known or self._stored_answer(request_id)
        fetching = self._fetches.get(request_id)
        if fetching is not None and fetching.done():
            del self._fetches[request_id]
            return self._answered(request_id, known, fetching), True
        if fetching is None and (known is None or self._should_retry(known)):
            self._start_fetch(record)
        return (None if known is None else known.decision), False

    def _start_fetch(self, record: RequestRecord) -> None:
        request_id = record.request_id
        if request_id in self._unanswerable:
            return
        try:
            request = answer_request(record.creation)
        except FluxoError as error:
            self._give_up(request_id, error)
            return
        fetch = self._ctx.fetch

        async def fetch_in_turn() -> Decision:
            async with self._fetch_slots:
                return await fetch_and_decide(
                    request, fetch.policy, fetch.repeats, fetch.repeat_interval_s
                )

        task = asyncio.create_task(fetch_in_turn(), name=f"answer {self._ctx.name}:{request_id}")
        task.add_done_callback(lambda _task: self._ctx.wake.set())
        self._fetches[request_id] = task

    def _give_up(self, request_id: int, error: FluxoError) -> None:
        """The request cannot be answered by the rules (bad sources, a fetch that raised): say
        so once and never fetch it again."""
        self._unanswerable.add(request_id)
        self._ctx.logger.warning(
            "request_unanswerable", chain=self._ctx.name, request_id=request_id, error=str(error)
        )

    def _answered(
        self, request_id: int, known: "_Answer | None", task: "asyncio.Task[Decision]"
    ) -> Decision | None:
        try:
            decision = task.result()
        except FluxoError as error:
            self._give_up(request_id, error)
            return None
        self._count_failures(decision)
        attempts = 1 if known is None else known.attempts + 1
        self._answers[request_id] = _Answer(decision, attempts, time.monotonic())
        self._ctx.logger.info(
            "answer",
            chain=self._ctx.name,
            request_id=request_id,
            verdict=decision.verdict.value,
            outcome=None if decision.outcome is None else "0x" + decision.outcome.hex(),
            answer=decision.answer,
            reason=decision.reason,
            attempt=attempts,
        )
        if decision.verdict is not Verdict.ABSTAIN:
            # Kept for good: a restart must stake what it would have staked before it.
            self._ctx.state.record_decision(
                self._ctx.name, request_id, 0, ANSWER_ACTION, _decision_json(decision)
            )
        return decision

    async def settle(self) -> bool:
        """Wait for the answers being fetched (their outcome is kept by the task)."""
        tasks = list(self._fetches.values())
        await asyncio.gather(*tasks, return_exceptions=True)
        return bool(tasks)

    def close(self) -> None:
        """Stop the fetches still running (the node is stopping)."""
        for task in self._fetches.values():
            task.cancel()
        self._fetches.clear()

    def _stored_answer(self, request_id: int) -> "_Answer | None":
        stored = self._ctx.state.decision(self._ctx.name, request_id, 0, ANSWER_ACTION)
        if stored is None:
            return None
        answer = _Answer(_decision_from_json(stored.detail), MAX_ANSWER_ATTEMPTS, 0.0)
        self._answers[request_id] = answer
        return answer

    @staticmethod
    def _should_retry(known: "_Answer") -> bool:
        decision = known.decision
        return (
            decision.verdict is Verdict.ABSTAIN
            and decision.abstain_reason in _RETRYABLE
            and known.attempts < MAX_ANSWER_ATTEMPTS
            and time.monotonic() - known.decided_at_s >= ABSTAIN_RETRY_S
        )

    def _count_failures(self, decision: Decision) -> None:
        for result in decision.passes:
            for trace in result.sources:
                if not trace.succeeded:
                    self._ctx.metrics.source_failure(urlsplit(trace.end_point).hostname or "?")

    # --- the view ------------------------------------------------------------------------

    async def _current_view(self, record: RequestRecord, paused: bool) -> RequestView:
        """The request's view: read from the chain when it may have changed since the last
        read (see `ViewRead.stale`), else the last read with the node's own decisions as they are
        now."""
        request_id = record.request_id
        own = self._own_part(request_id)
        known = self._reads.get(request_id)
        if known is not None and not known.stale(
            self._book.changed_at(request_id),
            paused,
            own.staked_pairs,
            dirty=request_id in self._dirty,
            now_s=time.monotonic(),
        ):
            return replace(known.view, decided=own.decided, answer_published=own.published)
        return await self._view(record, paused, own)

    async def _view(
        self, record: RequestRecord, paused: bool, own: "_OwnPart | None" = None
    ) -> RequestView:
        """The request's view read from the chain now (and kept for the turns that follow)."""
        ctx = self._ctx
        request_id = record.request_id
        generation = self._book.generation
        self._dirty.discard(request_id)
        own = own or self._own_part(request_id)
        chain_view = await self._book.read(request_id, paused=paused)
        stakes = await self._own_stakes(request_id, own.staked_pairs)
        claimable = NOTHING_CLAIMABLE
        if chain_view.finalized:
            # Nothing is claimable before finalization.
            claimable = await ctx.read(
                Oracle, ctx.deployment.oracle, lambda oracle: oracle.claimable(request_id, ctx.me)
            )
        view = chain_view.view(
            record,
            decided=own.decided,
            own_stakes_wei=stakes,
            claimable=claimable,
            answer_published=own.published,
        )
        refresh_s = REFRESH_S * (1 + (request_id % 16) / 16)
        self._reads[request_id] = ViewRead(
            view, generation, paused, own.staked_pairs, time.monotonic() + refresh_s
        )
        return view

    def _own_part(self, request_id: int) -> "_OwnPart":
        """From the node's decisions on the request (one query): the policy's keys already
        taken, the (round, outcome) pairs it ever staked on (their amounts are read back from
        the chain), and whether it published its STRING answer."""
        decided: set[DecisionKey] = set()
        staked: set[tuple[int, bytes]] = set()
        published = False
        for record in self._ctx.state.decisions(self._ctx.name, request_id):
            published = published or record.action == ActionKind.PUBLISH_ANSWER.value
            key = decision_key(record.action, record.round)
            if key is None:
                continue
            decided.add(key)
            outcome = record.detail.get("outcome")
            if key.action in (ActionKind.STAKE, ActionKind.DISPUTE) and outcome:
                staked.add((record.round, bytes.fromhex(outcome[2:])))
        return _OwnPart(frozenset(decided), frozenset(staked), published)

    async def _own_stakes(
        self, request_id: int, pairs: frozenset[tuple[int, bytes]]
    ) -> dict[tuple[int, bytes], int]:
        if not pairs:
            return {}
        ordered = sorted(pairs)
        me = self._ctx.me

        async def read(oracle: Oracle) -> list[int]:
            return list(
                await asyncio.gather(
                    *(oracle.staked(request_id, r, me, outcome) for r, outcome in ordered)
                )
            )

        amounts = await self._ctx.read(Oracle, self._ctx.deployment.oracle, read)
        return {pair: amount for pair, amount in zip(ordered, amounts, strict=True) if amount}

    # --- acting ----------------------------------------------------------------------------

    async def _act(self, view: RequestView, proposals: Sequence[Proposal]) -> int:
        """Send every action and log every new note; returns the FLX wei committed."""
        ctx = self._ctx
        spent_wei = 0
        for proposal in proposals:
            if isinstance(proposal, Waiting):
                continue
            if isinstance(proposal, WouldDispute):
                taken = ctx.state.record_decision(
                    ctx.name,
                    view.request_id,
                    proposal.round,
                    proposal.key.label,
                    {"reason": proposal.reason, "bond_wei": str(proposal.bond_wei)},
                )
                if taken:
                    log_decision(ctx.logger, proposal, chain=ctx.name)
                    ctx.metrics.would_disputes.labels(chain=ctx.name).inc()
                continue
            tx_hash = await self._send(view.request_id, proposal)
            self._sends_this_turn += 1
            # Sent or refused, the chain may differ from the view now: read it next turn.
            self._dirty.add(view.request_id)
            if tx_hash is None:
                if view.settlement_time_s > time.time() - WAKE_HORIZON_S:
                    self._retry_at_s = time.time() + REFUSED_RETRY_S
                # Not sent (the chain moved since the view, or the RPC failed): the next tick
                # decides again on a fresh view.
                break
            ctx.state.record_decision(
                ctx.name,
                view.request_id,
                proposal.round,
                proposal.key.label,
                _detail(proposal),
                tx_key=tx_key(proposal),
            )
            log_decision(ctx.logger, proposal, chain=ctx.name, tx_hash=tx_hash)
            self._count(proposal)
            if isinstance(proposal, Stake | Dispute):
                spent_wei += proposal.amount_wei
        return spent_wei

    async def _send(self, request_id: int, action: RequestAction) -> str | None:
        ctx = self._ctx
        try:
            if isinstance(action, Stake | Dispute):
                await ctx.ensure_allowance(
                    ctx.deployment.flux_token, ctx.deployment.oracle, action.amount_wei
                )
            tracked = await ctx.send(self._call(action), key=tx_key(action))
        except TransactionReverted as error:
            refusal = (request_id, action.key.label)
            if self._refusals.get(refusal) != error.reason:
                self._refusals[refusal] = error.reason
                ctx.logger.info(
                    "action_not_sent",
                    chain=ctx.name,
                    request_id=request_id,
                    action=action.key.label,
                    reason=error.reason,
                )
            return None
        except ChainError as error:
            ctx.logger.warning(
                "action_failed",
                chain=ctx.name,
                request_id=request_id,
                action=action.key.label,
                error=str(error),
            )
            return None
        if tracked.status is TxStatus.REJECTED:
            return None
        if isinstance(action, PublishAnswer):
            # The stake that follows checks the published text on chain only if it exists
            # already; wait so the two cannot be reordered.
            await ctx.tx.wait(f"{ctx.name}:{tx_key(action)}")
        return tracked.tx_hash

    def _call(self, action: RequestAction) -> ContractCall:
        oracle = self._ctx.oracle()
        match action:
            case Stake() | Dispute():
                return oracle.stake_call(action.request_id, action.outcome, action.amount_wei)
            case PublishAnswer():
                return oracle.publish_answer_call(action.request_id, action.text)
            case Finalize():
                # The estimate finds the least gas `finalize` succeeds with, and finalize
                # refuses to run with less than the callback's reserve left; so the estimate
                # (with headroom) always leaves the callback its gas.
                return oracle.finalize_call(action.request_id)
            case Unstake():
                return oracle.unstake_call(
                    action.request_id, action.round, action.outcome, action.amount_wei
                )
            case Claim():
                return oracle.claim_call(action.request_id, self._ctx.me)

    def _count(self, action: RequestAction) -> None:
        metrics, chain = self._ctx.metrics, self._ctx.name
        match action:
            case Stake():
                metrics.stakes.labels(chain=chain).inc()
                metrics.staked_wei.labels(chain=chain).inc(action.amount_wei)
            case Dispute():
                metrics.disputes.labels(chain=chain).inc()
                metrics.staked_wei.labels(chain=chain).inc(action.amount_wei)
            case Claim():
                metrics.claims.labels(chain=chain).inc()
                metrics.rewards_wei.labels(chain=chain).inc(action.stake_wei)
            case Unstake():
                metrics.unstakes.labels(chain=chain).inc()
            case Finalize():
                metrics.finalizations.labels(chain=chain).inc()
            case _:
                pass

    # --- withdrawals ---------------------------------------------------------------------

    async def _withdraw(self) -> None:
        """Withdraw what the Oracle credits to the node (refunds of cancelled or timed-out
        requests), one withdrawal per token in flight."""
        ctx = self._ctx
        tokens = (ctx.deployment.flux_token, ctx.deployment.payment_token)
        me = ctx.me

        async def read(oracle: Oracle) -> dict[str, int]:
            amounts = await asyncio.gather(*(oracle.withdrawable(token, me) for token in tokens))
            return dict(zip(tokens, amounts, strict=True))

        withdrawable = await ctx.read(Oracle, ctx.deployment.oracle, read)
        pending = [token for token in tokens if self._withdrawal_pending(token)]
        for withdraw in decide_withdrawals(withdrawable, pending):
            await self._send_withdraw(withdraw)

    def _withdrawal_pending(self, token: str) -> bool:
        sequence = self._sequence(token)
        if sequence == 0:
            return False
        tracked = self._ctx.tx.tracked(f"{self._ctx.name}:withdraw:{token}:{sequence - 1}")
        return tracked is not None and not tracked.done

    def _sequence(self, token: str) -> int:
        if token not in self._withdraw_seq:
            self._withdraw_seq[token] = len(
                self._ctx.state.decisions(self._ctx.name, f"withdraw:{token}")
            )
        return self._withdraw_seq[token]

    async def _send_withdraw(self, withdraw: Withdraw) -> None:
        ctx = self._ctx
        sequence = self._sequence(withdraw.token)
        key = f"withdraw:{withdraw.token}:{sequence}"
        call = ctx.oracle().withdraw_call(withdraw.token, ctx.me)
        try:
            tracked = await ctx.send(call, key=key)
        except ChainError as error:
            ctx.logger.warning("withdraw_failed", chain=ctx.name, error=str(error))
            return
        ctx.state.record_decision(
            ctx.name,
            f"withdraw:{withdraw.token}",
            sequence,
            ActionKind.WITHDRAW.value,
            {"amount_wei": str(withdraw.amount_wei)},
            tx_key=key,
        )
        self._withdraw_seq[withdraw.token] = sequence + 1
        log_decision(ctx.logger, withdraw, chain=ctx.name, tx_hash=tracked.tx_hash)


@dataclass(frozen=True, slots=True)
class _OwnPart:
    """What the node's own journal says about a request (see `ValidatorRole._own_part`)."""

    decided: frozenset[DecisionKey]
    staked_pairs: frozenset[tuple[int, bytes]]
    published: bool


async def _bounded(
    awaitables: Iterable[Awaitable[T]], limit: int = MAX_CONCURRENT_READS
) -> list[T]:
    """Await all of `awaitables`, at most `limit` at a time, in order."""
    semaphore = asyncio.Semaphore(limit)

    async def one(awaitable: Awaitable[T]) -> T:
        async with semaphore:
            return await awaitable

    return list(await asyncio.gather(*(one(awaitable) for awaitable in awaitables)))


def _unbonded_stakes(view: RequestView) -> bool:
    """Whether the node still holds a stake its round did not bond (the policy unstakes it)."""
    return any(
        amount and view.rounds[round_index].bonded_outcome != outcome
        for (round_index, outcome), amount in view.own_stakes_wei.items()
    )


def tx_key(action: RequestAction) -> str:
    """The transaction key of an action: one transaction per (request, round, action)."""
    return f"request:{action.request_id}:{action.round}:{action.key.label}"


def decision_key(action: str, round_index: int) -> DecisionKey | None:
    """The policy's key of a recorded decision (None for records that are not the policy's)."""
    name, _, outcome = action.partition(":")
    try:
        kind = ActionKind(name)
    except ValueError:
        return None
    return DecisionKey(round_index, kind, bytes.fromhex(outcome[2:]) if outcome else None)


def _detail(action: RequestAction) -> dict[str, Any]:
    detail: dict[str, Any] = {}
    outcome = getattr(action, "outcome", None)
    if isinstance(outcome, bytes):
        detail["outcome"] = "0x" + outcome.hex()
    amount = getattr(action, "amount_wei", None)
    if isinstance(amount, int):
        detail["amount_wei"] = str(amount)
    if isinstance(action, Finalize):
        detail["reason"] = action.reason.value
    if isinstance(action, Claim):
        detail["stake_wei"] = str(action.stake_wei)
        detail["payment_wei"] = str(action.payment_wei)
    return detail


def _decision_json(decision: Decision) -> dict[str, Any]:
    ruling = decision.ruling
    return {
        "kind": int(decision.kind),
        "verdict": ruling.verdict.value,
        "outcome": None if ruling.outcome is None else "0x" + ruling.outcome.hex(),
        "answer": ruling.answer,
        "reason": ruling.reason,
    }


def _decision_from_json(detail: Mapping[str, Any]) -> Decision:
    outcome = detail["outcome"]
    ruling = Ruling(
        verdict=Verdict(detail["verdict"]),
        outcome=None if outcome is None else bytes.fromhex(outcome[2:]),
        answer=detail["answer"],
        reason=detail["reason"],
    )
    return Decision(OutcomeKind(int(detail["kind"])), ruling, ())


__all__ = ["ANSWER_ACTION", "ESCALATED_ACTION", "ValidatorRole", "decision_key", "tx_key"]
