"""The validator policy: one row per situation, the proposals it makes, nothing else.

Amounts are in wei of FLX; B0 is 100 wei so round r's bond is 100 * 2**r. Round 0 settles at
1 000; it bonded YES at 2 000, which opened round 1 until 5 600 (a one-hour window).
"""

from dataclasses import dataclass, replace

import pytest

from fluxo.answering import AbstainReason, Decision, Ruling, Verdict
from fluxo.domain.outcome import INVALID_OUTCOME, OutcomeKind, categorical, string
from fluxo.node.policy.actions import (
    ActionKind,
    Claim,
    DecisionKey,
    Dispute,
    Finalize,
    FinalizeReason,
    Proposal,
    PublishAnswer,
    Stake,
    Unstake,
    Waiting,
    WaitReason,
    Withdraw,
    WouldDispute,
)
from fluxo.node.policy.request_view import RequestView, RoundView
from fluxo.node.policy.validator import (
    MAX_PUBLISHED_ANSWER_BYTES,
    Budget,
    decide_validator,
    decide_withdrawals,
    reconfirm,
)

REQUEST = 7
B0 = 100
NO = categorical(0)
YES = categorical(1)
SETTLED_S = 1_000
BONDED_0_S = 2_000
END_1_S = 5_600
BONDED_1_S = 3_000
END_2_S = 6_600
NOW_S = 2_500
TIMEOUT_S = 10_000

ROUND_0_OPEN = RoundView(B0, SETTLED_S, 0)
ROUND_0_YES = RoundView(B0, SETTLED_S, 0, YES)
ROUND_1_OPEN = RoundView(2 * B0, BONDED_0_S, END_1_S)
ROUND_1_NO = RoundView(2 * B0, BONDED_0_S, END_1_S, NO)
ROUND_2_OPEN = RoundView(4 * B0, BONDED_1_S, END_2_S)

OPEN = RequestView(REQUEST, OutcomeKind.CATEGORICAL, SETTLED_S, (ROUND_0_OPEN,))
DISPUTABLE = replace(OPEN, rounds=(ROUND_0_YES, ROUND_1_OPEN))
SECOND_DISPUTE = replace(OPEN, rounds=(ROUND_0_YES, ROUND_1_NO, ROUND_2_OPEN))
ESCALATED = replace(
    OPEN,
    rounds=(ROUND_0_YES, ROUND_1_NO),
    escalated=True,
    escalated_at_s=BONDED_1_S,
    arbitration_timeout_s=TIMEOUT_S,
)
FINALIZED = replace(DISPUTABLE, finalized=True, final_outcome=YES)
CANCELLED = replace(OPEN, finalized=True, final_outcome=INVALID_OUTCOME, cancelled=True)

TEXT = "Paris"
STRING_OPEN = replace(OPEN, kind=OutcomeKind.STRING)
STRING_DISPUTABLE = replace(
    STRING_OPEN, rounds=(RoundView(B0, SETTLED_S, 0, string("Lyon")), ROUND_1_OPEN)
)

BUDGET = Budget(
    max_stake_per_request_wei=1_000,
    max_total_exposure_wei=10_000,
    exposure_wei=0,
    balance_wei=5_000,
)


def _decision(
    verdict: Verdict,
    outcome: bytes | None = None,
    answer: str | None = None,
    kind: OutcomeKind = OutcomeKind.CATEGORICAL,
) -> Decision:
    abstain = AbstainReason.TOO_FEW_SOURCES if verdict is Verdict.ABSTAIN else None
    return Decision(kind, Ruling(verdict, outcome, answer, "rules", abstain), ())


ANSWER_YES = _decision(Verdict.ANSWER, YES, "Yes")
ANSWER_NO = _decision(Verdict.ANSWER, NO, "No")
INVALID = _decision(Verdict.INVALID, INVALID_OUTCOME)
ABSTAIN = _decision(Verdict.ABSTAIN)
ANSWER_TEXT = _decision(Verdict.ANSWER, string(TEXT), TEXT, OutcomeKind.STRING)


def _decided(
    *keys: tuple[int, ActionKind] | tuple[int, ActionKind, bytes],
) -> frozenset[DecisionKey]:
    return frozenset(DecisionKey(*key) for key in keys)


def _waiting(reason: WaitReason, round_index: int = 0) -> Waiting:
    """A note to compare by reason only (the detail text is for people)."""
    return Waiting(REQUEST, round_index, reason, "")


@dataclass(frozen=True)
class Row:
    """One situation: what the node read and knows, and the proposals it must make."""

    id: str
    view: RequestView
    decision: Decision | None
    expected: list[Proposal]
    budget: Budget = BUDGET
    now_s: int = NOW_S


_row = Row


TABLE: list[Row] = [
    # --- round 0: crowdfund the bond toward the node's answer --------------------------------
    _row(
        "round0__before_settlement__waits",
        OPEN,
        ANSWER_YES,
        [_waiting(WaitReason.NOT_SETTLED)],
        now_s=SETTLED_S - 1,
    ),
    _row(
        "round0__at_settlement__stakes_the_bond",
        OPEN,
        ANSWER_YES,
        [Stake(REQUEST, 0, YES, B0)],
        now_s=SETTLED_S,
    ),
    _row("round0__not_answered_yet__waits", OPEN, None, [_waiting(WaitReason.NOT_ANSWERED)]),
    _row("round0__abstained__stakes_nothing", OPEN, ABSTAIN, [_waiting(WaitReason.ABSTAINED)]),
    _row("round0__answer__stakes_the_bond", OPEN, ANSWER_YES, [Stake(REQUEST, 0, YES, B0)]),
    _row(
        "round0__rules_said_invalid__stakes_invalid",
        OPEN,
        INVALID,
        [Stake(REQUEST, 0, INVALID_OUTCOME, B0)],
    ),
    _row(
        "round0__per_request_limit_below_bond__offers_the_limit",
        OPEN,
        ANSWER_YES,
        [Stake(REQUEST, 0, YES, 60)],
        budget=replace(BUDGET, max_stake_per_request_wei=60),
    ),
    _row(
        "round0__exposure_nearly_full__offers_what_is_left",
        OPEN,
        ANSWER_YES,
        [Stake(REQUEST, 0, YES, 30)],
        budget=replace(BUDGET, exposure_wei=9_970),
    ),
    _row(
        "round0__balance_below_bond__offers_the_balance",
        OPEN,
        ANSWER_YES,
        [Stake(REQUEST, 0, YES, 20)],
        budget=replace(BUDGET, balance_wei=20),
    ),
    _row(
        "round0__no_balance__waits_on_budget",
        OPEN,
        ANSWER_YES,
        [_waiting(WaitReason.BUDGET)],
        budget=replace(BUDGET, balance_wei=0),
    ),
    _row(
        "round0__exposure_over_the_limit__waits_on_budget",
        OPEN,
        ANSWER_YES,
        [_waiting(WaitReason.BUDGET)],
        budget=replace(BUDGET, exposure_wei=10_500),
    ),
    _row(
        "round0__stake_already_decided__nothing",
        replace(OPEN, decided=_decided((0, ActionKind.STAKE))),
        ANSWER_YES,
        [],
    ),
    _row(
        "round0__own_stake_on_chain__nothing_again",
        replace(OPEN, own_stakes_wei={(0, YES): 40}),
        ANSWER_YES,
        [],
    ),
    _row(
        "round0__paused__waits",
        replace(OPEN, paused=True),
        ANSWER_YES,
        [_waiting(WaitReason.PAUSED)],
    ),
    _row(
        "round0__string_not_published__publishes_then_stakes",
        STRING_OPEN,
        ANSWER_TEXT,
        [PublishAnswer(REQUEST, 0, TEXT), Stake(REQUEST, 0, string(TEXT), B0)],
    ),
    _row(
        "round0__string_already_published__only_stakes",
        replace(STRING_OPEN, answer_published=True),
        ANSWER_TEXT,
        [Stake(REQUEST, 0, string(TEXT), B0)],
    ),
    _row(
        "round0__string_publish_decided__only_stakes",
        replace(STRING_OPEN, decided=_decided((0, ActionKind.PUBLISH_ANSWER))),
        ANSWER_TEXT,
        [Stake(REQUEST, 0, string(TEXT), B0)],
    ),
    _row(
        "round0__string_too_long_to_publish__stakes_its_hash",
        STRING_OPEN,
        _decision(
            Verdict.ANSWER,
            string("x" * (MAX_PUBLISHED_ANSWER_BYTES + 1)),
            "x" * (MAX_PUBLISHED_ANSWER_BYTES + 1),
            OutcomeKind.STRING,
        ),
        [Stake(REQUEST, 0, string("x" * (MAX_PUBLISHED_ANSWER_BYTES + 1)), B0)],
    ),
    _row(
        "round0__string_of_exactly_1024_bytes__publishes",
        STRING_OPEN,
        _decision(Verdict.ANSWER, string("é" * 512), "é" * 512, OutcomeKind.STRING),
        [PublishAnswer(REQUEST, 0, "é" * 512), Stake(REQUEST, 0, string("é" * 512), B0)],
    ),
    # --- round r >= 1: dispute a bonded outcome that is not the node's answer --------------
    _row("round1__bonded_outcome_is_the_answer__nothing", DISPUTABLE, ANSWER_YES, []),
    _row(
        "round1__bonded_outcome_differs__disputes_with_the_bond",
        DISPUTABLE,
        ANSWER_NO,
        [Dispute(REQUEST, 1, NO, 2 * B0, YES)],
    ),
    _row(
        "round1__rules_said_invalid__disputes_with_invalid",
        DISPUTABLE,
        INVALID,
        [Dispute(REQUEST, 1, INVALID_OUTCOME, 2 * B0, YES)],
    ),
    _row(
        "round1__block_that_opened_it__waits_a_block",
        DISPUTABLE,
        ANSWER_NO,
        [_waiting(WaitReason.ROUND_JUST_OPENED, 1)],
        now_s=BONDED_0_S,
    ),
    _row(
        "round1__a_second_after_it_opened__disputes",
        DISPUTABLE,
        ANSWER_NO,
        [Dispute(REQUEST, 1, NO, 2 * B0, YES)],
        now_s=BONDED_0_S + 1,
    ),
    _row(
        "round1__last_second_of_the_window__disputes",
        DISPUTABLE,
        ANSWER_NO,
        [Dispute(REQUEST, 1, NO, 2 * B0, YES)],
        now_s=END_1_S - 1,
    ),
    _row(
        "round1__abstained__stakes_nothing",
        DISPUTABLE,
        ABSTAIN,
        [_waiting(WaitReason.ABSTAINED, 1)],
    ),
    _row(
        "round1__not_answered_yet__waits",
        DISPUTABLE,
        None,
        [_waiting(WaitReason.NOT_ANSWERED, 1)],
    ),
    _row(
        "round1__paused__waits",
        replace(DISPUTABLE, paused=True),
        ANSWER_NO,
        [_waiting(WaitReason.PAUSED, 1)],
    ),
    _row(
        "round1__bond_over_the_per_request_limit__would_dispute",
        DISPUTABLE,
        ANSWER_NO,
        [WouldDispute(REQUEST, 1, NO, 2 * B0, YES, "max_stake_per_request")],
        budget=replace(BUDGET, max_stake_per_request_wei=199),
    ),
    _row(
        "round1__bond_exactly_the_per_request_limit__disputes",
        DISPUTABLE,
        ANSWER_NO,
        [Dispute(REQUEST, 1, NO, 2 * B0, YES)],
        budget=replace(BUDGET, max_stake_per_request_wei=200),
    ),
    _row(
        "round1__bond_over_the_exposure_left__would_dispute",
        DISPUTABLE,
        ANSWER_NO,
        [WouldDispute(REQUEST, 1, NO, 2 * B0, YES, "max_total_exposure")],
        budget=replace(BUDGET, exposure_wei=9_900),
    ),
    _row(
        "round1__bond_over_the_balance__would_dispute",
        DISPUTABLE,
        ANSWER_NO,
        [WouldDispute(REQUEST, 1, NO, 2 * B0, YES, "balance")],
        budget=replace(BUDGET, balance_wei=150),
    ),
    _row(
        "round1__would_dispute_already_logged__nothing",
        replace(DISPUTABLE, decided=_decided((1, ActionKind.WOULD_DISPUTE))),
        ANSWER_NO,
        [],
        budget=replace(BUDGET, balance_wei=150),
    ),
    _row(
        "round1__would_dispute_logged_then_funds_arrived__disputes",
        replace(DISPUTABLE, decided=_decided((1, ActionKind.WOULD_DISPUTE))),
        ANSWER_NO,
        [Dispute(REQUEST, 1, NO, 2 * B0, YES)],
    ),
    _row(
        "round1__dispute_already_decided__nothing",
        replace(DISPUTABLE, decided=_decided((1, ActionKind.DISPUTE))),
        ANSWER_NO,
        [],
    ),
    _row(
        "round1__own_dispute_stake_on_chain__nothing_again",
        replace(DISPUTABLE, own_stakes_wei={(1, NO): 200}),
        ANSWER_NO,
        [],
    ),
    _row(
        "round1__own_round0_stake_counts_against_the_request_limit__would_dispute",
        replace(DISPUTABLE, own_stakes_wei={(0, NO): 0, (0, YES): 100}),
        ANSWER_NO,
        [WouldDispute(REQUEST, 1, NO, 2 * B0, YES, "max_stake_per_request")],
        budget=replace(BUDGET, max_stake_per_request_wei=250),
    ),
    _row(
        "round1__string_answer_differs__publishes_then_disputes",
        STRING_DISPUTABLE,
        ANSWER_TEXT,
        [
            PublishAnswer(REQUEST, 1, TEXT),
            Dispute(REQUEST, 1, string(TEXT), 2 * B0, string("Lyon")),
        ],
    ),
    _row(
        "round2__answer_bonded_two_rounds_back__disputes_round1",
        SECOND_DISPUTE,
        ANSWER_YES,
        [Dispute(REQUEST, 2, YES, 4 * B0, NO)],
        now_s=BONDED_1_S + 1,
    ),
    _row(
        "round2__answer_is_round1s_outcome__nothing",
        SECOND_DISPUTE,
        ANSWER_NO,
        [],
        now_s=BONDED_1_S + 1,
    ),
    # --- expired windows: finalize (anyone may) -------------------------------------------------
    _row(
        "round1__window_expired__finalizes",
        DISPUTABLE,
        ANSWER_YES,
        [Finalize(REQUEST, 1, FinalizeReason.WINDOW_EXPIRED)],
        now_s=END_1_S,
    ),
    _row(
        "round1__window_expired_answer_differs__finalizes_no_late_dispute",
        DISPUTABLE,
        ANSWER_NO,
        [Finalize(REQUEST, 1, FinalizeReason.WINDOW_EXPIRED)],
        now_s=END_1_S,
    ),
    _row(
        "round1__window_expired_not_answered__finalizes",
        DISPUTABLE,
        None,
        [Finalize(REQUEST, 1, FinalizeReason.WINDOW_EXPIRED)],
        now_s=END_1_S,
    ),
    _row(
        "round1__window_expired_finalize_decided__nothing",
        replace(DISPUTABLE, decided=_decided((1, ActionKind.FINALIZE))),
        ANSWER_YES,
        [],
        now_s=END_1_S,
    ),
    _row(
        "round1__window_expired_own_partial_stake__unstakes_and_finalizes",
        replace(DISPUTABLE, own_stakes_wei={(1, NO): 50}),
        ANSWER_NO,
        [
            Unstake(REQUEST, 1, NO, 50),
            Finalize(REQUEST, 1, FinalizeReason.WINDOW_EXPIRED),
        ],
        now_s=END_1_S,
    ),
    _row(
        "round0__open_forever__never_finalizes",
        OPEN,
        ANSWER_YES,
        [Stake(REQUEST, 0, YES, B0)],
        now_s=10**9,
    ),
    # --- escalated: the arbitrator decides, or its timeout passes ----------------------------
    _row(
        "escalated__before_the_timeout__waits_for_the_arbitrator",
        ESCALATED,
        ANSWER_YES,
        [_waiting(WaitReason.ESCALATED, 1)],
        now_s=BONDED_1_S + TIMEOUT_S - 1,
    ),
    _row(
        "escalated__timeout_passed__finalizes_invalid",
        ESCALATED,
        ANSWER_YES,
        [Finalize(REQUEST, 1, FinalizeReason.ARBITRATION_EXPIRED)],
        now_s=BONDED_1_S + TIMEOUT_S,
    ),
    _row(
        "escalated__timeout_passed_counting_paused_seconds__still_waits",
        replace(ESCALATED, arbitration_paused_s=60),
        ANSWER_YES,
        [_waiting(WaitReason.ESCALATED, 1)],
        now_s=BONDED_1_S + TIMEOUT_S + 59,
    ),
    _row(
        "escalated__timeout_passed_while_paused__waits",
        replace(ESCALATED, paused=True),
        ANSWER_YES,
        [_waiting(WaitReason.ESCALATED, 1)],
        now_s=BONDED_1_S + TIMEOUT_S,
    ),
    _row(
        "escalated__own_losing_stake_in_escalated_round__unstakes_and_waits",
        replace(ESCALATED, own_stakes_wei={(1, YES): 70}),
        ANSWER_YES,
        [Unstake(REQUEST, 1, YES, 70), _waiting(WaitReason.ESCALATED, 1)],
    ),
    # --- finalized: unstake what did not bond, claim what won ---------------------------------
    _row(
        "finalized__claimable__claims",
        replace(FINALIZED, own_stakes_wei={(0, YES): 100}, claimable_stake_wei=300),
        ANSWER_YES,
        [Claim(REQUEST, 1, 300, 0)],
    ),
    _row(
        "finalized__nothing_claimable__nothing",
        replace(FINALIZED, own_stakes_wei={(1, NO): 0}),
        ANSWER_NO,
        [],
    ),
    _row(
        "finalized__claim_decided__nothing",
        replace(FINALIZED, claimable_stake_wei=300, decided=_decided((1, ActionKind.CLAIM))),
        ANSWER_YES,
        [],
    ),
    _row(
        "finalized__losing_partial_stake_and_claimable__unstakes_then_claims",
        replace(
            FINALIZED,
            own_stakes_wei={(0, YES): 100, (0, NO): 40},
            claimable_stake_wei=100,
            claimable_payment_wei=5,
        ),
        ANSWER_YES,
        [Unstake(REQUEST, 0, NO, 40), Claim(REQUEST, 1, 100, 5)],
    ),
    _row(
        "finalized__stake_on_a_slashed_bonded_outcome__no_unstake",
        replace(
            replace(SECOND_DISPUTE, finalized=True, final_outcome=YES),
            own_stakes_wei={(1, NO): 200},
        ),
        ANSWER_NO,
        [],
    ),
    _row(
        "cancelled__partial_round0_stake__unstakes",
        replace(CANCELLED, own_stakes_wei={(0, YES): 60}),
        ANSWER_YES,
        [Unstake(REQUEST, 0, YES, 60)],
    ),
    _row(
        "cancelled__unstake_decided__nothing",
        replace(
            CANCELLED,
            own_stakes_wei={(0, YES): 60},
            decided=_decided((0, ActionKind.UNSTAKE, YES)),
        ),
        ANSWER_YES,
        [],
    ),
    # --- open requests: return what a closed round did not bond -----------------------------
    _row(
        "round1__own_round0_stake_on_the_losing_outcome__unstakes_it",
        replace(DISPUTABLE, own_stakes_wei={(0, NO): 30}),
        ANSWER_YES,
        [Unstake(REQUEST, 0, NO, 30)],
    ),
    _row(
        "round1__own_partial_stake_in_the_open_round__kept",
        replace(DISPUTABLE, own_stakes_wei={(1, INVALID_OUTCOME): 30}),
        ABSTAIN,
        [_waiting(WaitReason.ABSTAINED, 1)],
    ),
    _row(
        "round0__own_partial_stake_while_open__kept",
        replace(OPEN, own_stakes_wei={(0, YES): 30}),
        ANSWER_YES,
        [],
    ),
]


@pytest.mark.parametrize("row", [pytest.param(row, id=row.id) for row in TABLE])
def test_decide_validator__situation__proposals(row: Row) -> None:
    proposals = decide_validator(row.view, row.decision, row.budget, row.now_s)

    assert [_comparable(proposal) for proposal in proposals] == [
        _comparable(proposal) for proposal in row.expected
    ]
    for proposal, wanted in zip(proposals, row.expected, strict=True):
        if isinstance(wanted, WouldDispute):
            assert isinstance(proposal, WouldDispute)
            assert wanted.reason in proposal.reason


def _comparable(proposal: Proposal) -> object:
    """Notes compare without their free text; actions compare whole."""
    if isinstance(proposal, Waiting):
        return replace(proposal, detail="")
    if isinstance(proposal, WouldDispute):
        return replace(proposal, reason="")
    return proposal


def test_decide_validator__every_decided_action__never_proposed_again() -> None:
    """Feeding each proposal's key back as decided leaves nothing to send: one decision per
    (request, round, action), whatever the situation."""
    for row in TABLE:
        first = decide_validator(row.view, row.decision, row.budget, row.now_s)
        keys = {p.key for p in first if not isinstance(p, Waiting)}
        view = replace(row.view, decided=row.view.decided | keys)
        again = decide_validator(view, row.decision, row.budget, row.now_s)

        assert [p for p in again if not isinstance(p, Waiting)] == [], row.id


def test_decide_validator__waiting_detail__says_why() -> None:
    [note] = decide_validator(OPEN, ABSTAIN, BUDGET, NOW_S)

    assert isinstance(note, Waiting)
    assert note.detail == "too_few_sources: rules"


def test_decide_validator__would_dispute_reason__names_the_limit_and_amounts() -> None:
    [note] = decide_validator(DISPUTABLE, ANSWER_NO, replace(BUDGET, balance_wei=150), NOW_S)

    assert isinstance(note, WouldDispute)
    assert note.reason == "the bond of 200 wei exceeds the balance of 150 wei"


def test_decide_validator__decision_for_another_kind__rejected() -> None:
    with pytest.raises(ValueError, match="a NUMBER decision for a CATEGORICAL request"):
        decide_validator(
            OPEN, _decision(Verdict.ANSWER, YES, "1", OutcomeKind.NUMBER), BUDGET, NOW_S
        )


def test_decide_validator__answer_carrying_invalid_outcome__rejected() -> None:
    """INVALID is staked only on an INVALID verdict; an ANSWER never smuggles it in."""
    with pytest.raises(ValueError, match="only an INVALID decision"):
        decide_validator(OPEN, _decision(Verdict.ANSWER, INVALID_OUTCOME, "?"), BUDGET, NOW_S)


def test_reconfirm__round_bonded_meanwhile__stake_dropped() -> None:
    [stake] = decide_validator(OPEN, ANSWER_YES, BUDGET, NOW_S)
    fresh = decide_validator(DISPUTABLE, ANSWER_YES, BUDGET, NOW_S)

    assert isinstance(stake, Stake)
    assert reconfirm(stake, fresh) is None


def test_reconfirm__balance_shrank_meanwhile__smaller_offer() -> None:
    [stake] = decide_validator(OPEN, ANSWER_YES, BUDGET, NOW_S)
    fresh = decide_validator(OPEN, ANSWER_YES, replace(BUDGET, balance_wei=25), NOW_S)

    assert isinstance(stake, Stake)
    assert reconfirm(stake, fresh) == Stake(REQUEST, 0, YES, 25)


def test_reconfirm__still_needed__same_action() -> None:
    [dispute] = decide_validator(DISPUTABLE, ANSWER_NO, BUDGET, NOW_S)

    assert isinstance(dispute, Dispute)
    assert reconfirm(dispute, decide_validator(DISPUTABLE, ANSWER_NO, BUDGET, NOW_S)) == dispute


@pytest.mark.parametrize(
    ("withdrawable_wei", "pending", "expected"),
    [
        pytest.param({}, (), [], id="no_credit__nothing"),
        pytest.param({"0xaa": 0}, (), [], id="zero_credit__nothing"),
        pytest.param({"0xaa": 5}, (), [Withdraw("0xaa", 5)], id="credit__withdraws"),
        pytest.param({"0xAA": 5}, ("0xaa",), [], id="withdrawal_pending__nothing"),
        pytest.param(
            {"0xbb": 2, "0xaa": 1},
            (),
            [Withdraw("0xaa", 1), Withdraw("0xbb", 2)],
            id="two_tokens__both_in_token_order",
        ),
    ],
)
def test_decide_withdrawals__credits__withdraws(
    withdrawable_wei: dict[str, int], pending: tuple[str, ...], expected: list[Withdraw]
) -> None:
    assert decide_withdrawals(withdrawable_wei, pending) == expected


def test_budget__negative_amount__rejected() -> None:
    with pytest.raises(ValueError, match="balance_wei must not be negative"):
        replace(BUDGET, balance_wei=-1)
