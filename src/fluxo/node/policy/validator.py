"""The validator's decisions on one request, as a pure function of what it just read.

    proposals = decide_validator(view, decision, budget, now_s=latest_block.timestamp)
    for proposal in proposals:   # actions in the order to send them, then notes
        ...

`view` is the request re-read from the chain (`RequestView`), `decision` what the answer rules
decided (`fluxo.answering.Decision`, or None before they ran), `budget` the node's limits and
FLX, `now_s` the latest block's timestamp (the time the contract will check against).

The rules, in the order they apply:

1. Stakes on an outcome its round did not bond are unstaked once that round can no longer bond
   it (a later round exists, the request is escalated or finalized, or the window closed).
2. A finalized request: claim if `claimable` pays anything. Nothing else.
3. An escalated request: finalize (INVALID, bonds returned) once the arbitration timeout has
   passed; until then wait for the arbitrator.
4. A closed window: finalize (anyone may). No stake can land any more.
5. Round 0, open: stake toward the node's answer what the round still needs, within the limits
   (`min(bond - own stake, per-request room, exposure room, balance)`); the Oracle takes only
   what is missing, so several nodes crowdfund one bond.
6. Round r >= 1, open: if the node's answer equals round r-1's bonded outcome, nothing; else
   dispute with round r's full bond if it fits the per-request limit, the total exposure limit
   and the balance, otherwise a `WouldDispute` note saying which limit stopped it. A round
   takes no stake in the block that opened it, so the node waits for a later block.

INVALID is staked only when the answer rules said INVALID; an abstention (a failed fetch,
disagreeing sources) stakes nothing. Every action and `WouldDispute` has a `DecisionKey`; a key
in `view.decided` is never proposed again, so the node decides once per (request, round,
action) instead of re-staking on every tick. Before sending, the node re-reads the request and
keeps an action only if `reconfirm` finds it in the fresh proposals (a stake into a round that
bonded meanwhile is dropped; an offer shrinks to what is still needed).
"""

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from fluxo.answering.decision import Decision, Verdict
from fluxo.domain.outcome import INVALID_OUTCOME, OutcomeKind
from fluxo.node.policy.actions import (
    ActionKind,
    Claim,
    DecisionKey,
    Dispute,
    Proposal,
    PublishAnswer,
    RequestAction,
    Stake,
    Unstake,
    Waiting,
    WaitReason,
    Withdraw,
    WouldDispute,
)
from fluxo.node.policy.finalize import decide_finalize, finalize_reason
from fluxo.node.policy.request_view import RequestView

# `publish_answer` takes a String[1024]; a longer answer's hash is still staked (anyone can
# recompute it from the sources), it just cannot be published.
MAX_PUBLISHED_ANSWER_BYTES: Final = 1024


@dataclass(frozen=True, slots=True)
class Budget:
    """The node's limits and means, all in stake-token (FLX) wei.

    `exposure_wei` is what the node has at stake across every open request now (this one
    included); `balance_wei` what it holds and may stake.
    """

    max_stake_per_request_wei: int
    max_total_exposure_wei: int
    exposure_wei: int
    balance_wei: int

    def __post_init__(self) -> None:
        for name in (
            "max_stake_per_request_wei",
            "max_total_exposure_wei",
            "exposure_wei",
            "balance_wei",
        ):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")


@dataclass(frozen=True, slots=True)
class _Room:
    """The most the node may add to a request now, and the limit that sets it."""

    amount_wei: int
    limit: str


def decide_validator(
    view: RequestView, decision: Decision | None, budget: Budget, now_s: int
) -> list[Proposal]:
    """Everything the node should do about one request now: actions first, in sending order."""
    if decision is not None and decision.kind is not view.kind:
        raise ValueError(f"a {decision.kind.name} decision for a {view.kind.name} request")
    proposals: list[Proposal] = list(_unstakes(view, now_s))
    if view.finalized:
        claim = _claim(view)
        return proposals + ([claim] if claim is not None else [])
    if finalize_reason(view, now_s) is not None:
        # No stake can land any more; finalizing (unless already decided) is all there is.
        finalize = decide_finalize(view, now_s)
        return proposals + ([finalize] if finalize is not None else [])
    if view.escalated:
        deadline_s = view.arbitration_deadline_s
        detail = f"the arbitrator decides; anyone may finalize INVALID from {deadline_s}"
        return [
            *proposals,
            Waiting(view.request_id, view.current_round, WaitReason.ESCALATED, detail),
        ]
    return proposals + _stake_or_dispute(view, decision, budget, now_s)


def reconfirm(action: RequestAction, fresh: Sequence[Proposal]) -> RequestAction | None:
    """The fresh version of `action` (same request, type and key) among the proposals decided
    on a re-read view, or None: the action is no longer needed and must not be sent."""
    for proposal in fresh:
        if (
            type(proposal) is type(action)
            and not isinstance(proposal, WouldDispute | Waiting)
            and proposal.request_id == action.request_id
            and proposal.key == action.key
        ):
            return proposal
    return None


def decide_withdrawals(
    withdrawable_wei: Mapping[str, int], pending_tokens: Collection[str] = ()
) -> list[Withdraw]:
    """Withdraw every token the Oracle credits to the node (`withdrawable(token, node)`),
    except those with a withdrawal already sent and not yet confirmed. Credits can grow again
    later, so this is not a once-per-key decision: the chain's balance is the guard."""
    pending = {token.lower() for token in pending_tokens}
    return [
        Withdraw(token, amount_wei)
        for token, amount_wei in sorted(withdrawable_wei.items())
        if amount_wei > 0 and token.lower() not in pending
    ]


def _unstakes(view: RequestView, now_s: int) -> list[Unstake]:
    unstakes = []
    for (round_index, outcome), amount_wei in sorted(view.own_stakes_wei.items()):
        if amount_wei == 0 or view.rounds[round_index].bonded_outcome == outcome:
            continue
        if not _round_is_over(view, round_index, now_s):
            continue
        unstake = Unstake(view.request_id, round_index, outcome, amount_wei)
        if unstake.key not in view.decided:
            unstakes.append(unstake)
    return unstakes


def _round_is_over(view: RequestView, round_index: int, now_s: int) -> bool:
    """Whether round `round_index` can no longer bond anything else."""
    if view.finalized or view.escalated or round_index < view.current_round:
        return True
    # The open round: round 0 has no deadline; a later round closes at its end.
    return round_index > 0 and now_s >= view.rounds[round_index].end_s


def _claim(view: RequestView) -> Claim | None:
    if view.claimable_stake_wei == 0:
        return None  # `claim` reverts `nothing to claim`: no correct stake (or already paid)
    claim = Claim(
        view.request_id,
        view.current_round,
        view.claimable_stake_wei,
        view.claimable_payment_wei,
    )
    return None if claim.key in view.decided else claim


def _stake_or_dispute(
    view: RequestView, decision: Decision | None, budget: Budget, now_s: int
) -> list[Proposal]:
    round_index = view.current_round
    current = view.current

    def waiting(reason: WaitReason, detail: str) -> list[Proposal]:
        return [Waiting(view.request_id, round_index, reason, detail)]

    if round_index == 0 and now_s < view.settlement_time_s:
        return waiting(WaitReason.NOT_SETTLED, f"round 0 opens at {view.settlement_time_s}")
    if decision is None:
        return waiting(WaitReason.NOT_ANSWERED, "the answer rules have not run yet")
    if decision.verdict is Verdict.ABSTAIN:
        reason = decision.abstain_reason.value if decision.abstain_reason else "abstain"
        return waiting(WaitReason.ABSTAINED, f"{reason}: {decision.reason}")
    outcome = _outcome_of(decision)
    disputed = view.rounds[round_index - 1].bonded_outcome if round_index > 0 else None
    if outcome == disputed:
        return []  # the bonded outcome is the node's answer: let the window run out
    if view.paused:
        return waiting(WaitReason.PAUSED, "the Oracle is paused: stakes revert")
    if round_index > 0 and now_s <= current.start_s:
        return waiting(
            WaitReason.ROUND_JUST_OPENED,
            f"round {round_index} takes stakes in blocks after {current.start_s}",
        )
    if disputed is None:
        return _stake_round_zero(view, decision, outcome, budget)
    return _dispute(view, decision, outcome, disputed, budget)


def _outcome_of(decision: Decision) -> bytes:
    outcome = decision.outcome
    if outcome is None:
        raise ValueError(f"a {decision.verdict} decision without an outcome")
    if (decision.verdict is Verdict.INVALID) != (outcome == INVALID_OUTCOME):
        raise ValueError("only an INVALID decision stakes INVALID_OUTCOME")
    return outcome


def _stake_round_zero(
    view: RequestView, decision: Decision, outcome: bytes, budget: Budget
) -> list[Proposal]:
    if DecisionKey(0, ActionKind.STAKE) in view.decided or view.own_stake_on(0, outcome) > 0:
        return []  # one stake per round; the chain shows a stake made before a restart
    room = _room(view, budget)
    offer_wei = min(view.current.bond_wei, room.amount_wei)
    if offer_wei <= 0:
        return [
            Waiting(
                view.request_id,
                0,
                WaitReason.BUDGET,
                f"no room to stake: {room.limit}",
            )
        ]
    return [*_publish(view, decision), Stake(view.request_id, 0, outcome, offer_wei)]


def _dispute(
    view: RequestView,
    decision: Decision,
    outcome: bytes,
    disputed: bytes,
    budget: Budget,
) -> list[Proposal]:
    round_index = view.current_round
    bond_wei = view.current.bond_wei
    dispute = Dispute(view.request_id, round_index, outcome, bond_wei, disputed)
    if dispute.key in view.decided or view.own_stake_on(round_index, outcome) > 0:
        return []
    room = _room(view, budget)
    if bond_wei <= room.amount_wei:
        return [*_publish(view, decision), dispute]
    note = WouldDispute(
        view.request_id,
        round_index,
        outcome,
        bond_wei,
        disputed,
        f"the bond of {bond_wei} wei exceeds {room.limit}",
    )
    return [] if note.key in view.decided else [note]


def _room(view: RequestView, budget: Budget) -> _Room:
    """The tightest of the three limits on what the node may add to this request."""
    request_room_wei = budget.max_stake_per_request_wei - view.own_stake_wei
    exposure_room_wei = budget.max_total_exposure_wei - budget.exposure_wei
    candidates = [
        _Room(
            request_room_wei,
            f"the {max(request_room_wei, 0)} wei left of max_stake_per_request "
            f"({view.own_stake_wei} of {budget.max_stake_per_request_wei} wei staked)",
        ),
        _Room(
            exposure_room_wei,
            f"the {max(exposure_room_wei, 0)} wei left of max_total_exposure "
            f"({budget.exposure_wei} of {budget.max_total_exposure_wei} wei at stake)",
        ),
        _Room(budget.balance_wei, f"the balance of {budget.balance_wei} wei"),
    ]
    return min(candidates, key=lambda room: room.amount_wei)


def _publish(view: RequestView, decision: Decision) -> list[Proposal]:
    """Publish a STRING answer's text with the node's first stake on it, once."""
    text = decision.answer
    if view.kind is not OutcomeKind.STRING or decision.verdict is not Verdict.ANSWER:
        return []
    if view.answer_published or text is None:
        return []
    if len(text.encode("utf-8")) > MAX_PUBLISHED_ANSWER_BYTES:
        return []
    publish = PublishAnswer(view.request_id, view.current_round, text)
    return [] if publish.key in view.decided else [publish]
