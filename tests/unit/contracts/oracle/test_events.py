"""What the Oracle emits (SPEC §8). Only the contract has events: the game rules behind each of
these calls run on the contract and the model alike in `tests/scenarios/oracle/`."""

from dataclasses import astuple

import boa

from fluxo.domain import Source
from fluxo.domain.outcome import string
from tests.harness.checks import events
from tests.harness.game import (
    ARBITRATION_THRESHOLD_WEI,
    ARBITRATION_TIMEOUT_S,
    FEE_WEI,
    FLX,
    INVALID,
    MAX_OPEN_PERIOD_S,
    MIN_BOND_WEI,
    NO,
    VALIDITY_BOND_WEI,
    YES,
)
from tests.harness.protocol import OracleProtocol

B0 = MIN_BOND_WEI


def _climb_to_round4(protocol: OracleProtocol, request_id: int) -> None:
    """Rounds 0-3 bond YES, NO, YES, NO (100..800 FLX), one block apart: round 4 is open."""
    for round_index, (staker, outcome) in enumerate(
        [(protocol.validator, YES), (protocol.disputer, NO)] * 2
    ):
        if round_index:
            protocol.next_block()
        protocol.stake(staker, request_id, outcome, B0 << round_index)


# --- RequestCreated -------------------------------------------------------------------------


def test_create__valid__emits_request_created_with_texts(protocol: OracleProtocol) -> None:
    sources = (Source("https://a.example", "$.x"), Source("https://b.example", "$.y"))

    request_id = protocol.create(
        description="What is BTC/USD?",
        sources=sources,
        outcomes=(),
        data_type=1,
        decimals=8,
        tags=("crypto", "price"),
    )

    (event,) = events(protocol.requester, "RequestCreated")
    assert event.request_id == request_id
    assert event.requester == protocol.requester.address
    assert event.description == "What is BTC/USD?"
    assert [tuple(s) for s in event.sources] == [astuple(s) for s in sources]
    assert event.outcomes == []
    assert event.data_type == 1
    assert event.decimals == 8
    assert event.tags == ["crypto", "price"]


def test_create__categorical__event_lists_outcome_labels(protocol: OracleProtocol) -> None:
    protocol.create(outcomes=("Red", "Green", "Blue"), tags=())

    (event,) = events(protocol.requester, "RequestCreated")
    assert event.outcomes == ["Red", "Green", "Blue"]
    assert event.tags == []


# --- Staked, Escalated, Unstaked ------------------------------------------------------------


def test_stake__round0_fill__emits_staked_bonded(protocol: OracleProtocol) -> None:
    request_id = protocol.create()

    protocol.stake(protocol.validator, request_id, YES, 250 * FLX)

    (event,) = events(protocol.oracle, "Staked")
    assert (event.request_id, event.staker, event.round) == (request_id, protocol.validator, 0)
    assert (event.outcome, event.amount, event.bonded) == (YES, B0, True)


def test_stake__partial_then_filling__staked_events_flag_bonded(protocol: OracleProtocol) -> None:
    request_id = protocol.create()

    protocol.stake(protocol.validator, request_id, YES, 60 * FLX)
    (partial,) = events(protocol.oracle, "Staked")
    protocol.stake(protocol.disputer, request_id, YES, 100 * FLX)
    (filling,) = events(protocol.oracle, "Staked")

    assert (partial.staker, partial.amount, partial.bonded) == (protocol.validator, 60 * FLX, False)
    assert (filling.staker, filling.amount, filling.bonded) == (protocol.disputer, 40 * FLX, True)


def test_stake__bond_reaches_threshold__emits_escalated_once(protocol: OracleProtocol) -> None:
    """Round 3's 800 FLX bond stays below the 1 600 FLX threshold: no event; round 4's bond
    reaches it: one `Escalated`."""
    request_id = protocol.create()
    _climb_to_round4(protocol, request_id)
    assert events(protocol.oracle, "Escalated") == []

    protocol.dispute(protocol.validator, request_id, YES, ARBITRATION_THRESHOLD_WEI)

    escalated = events(protocol.oracle, "Escalated")
    assert [(e.request_id, e.round, e.bond) for e in escalated] == [
        (request_id, 4, ARBITRATION_THRESHOLD_WEI)
    ]


def test_stake__crowdfunded_bond_reaches_threshold__emits_escalated(
    protocol: OracleProtocol,
) -> None:
    request_id = protocol.create()
    _climb_to_round4(protocol, request_id)
    protocol.dispute(protocol.validator, request_id, YES, 1_000 * FLX)

    protocol.stake(protocol.counter_disputer, request_id, YES, 1_000 * FLX)

    (event,) = events(protocol.oracle, "Escalated")
    assert event.round == 4


def test_stake__round0_bond_reaches_threshold__emits_escalated_at_round0(
    protocol: OracleProtocol,
) -> None:
    protocol.reconfigure(arbitration_threshold=MIN_BOND_WEI)
    request_id = protocol.create()

    protocol.stake(protocol.validator, request_id, YES, B0)

    (event,) = events(protocol.oracle, "Escalated")
    assert (event.round, event.bond) == (0, B0)


def test_unstake__partial_stake__emits_unstaked(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.stake(protocol.validator, request_id, INVALID, 40 * FLX)

    protocol.unstake(protocol.validator, request_id, 0, INVALID, 40 * FLX)

    (event,) = events(protocol.oracle, "Unstaked")
    assert (event.request_id, event.staker, event.round) == (request_id, protocol.validator, 0)
    assert (event.outcome, event.amount) == (INVALID, 40 * FLX)


# --- Finalized, TreasuryPaid, Cancelled, ArbitrationExpired ---------------------------------


def test_finalize__well_behaved_requester__emits_finalized_and_the_callback(
    protocol: OracleProtocol,
) -> None:
    request_id = protocol.create()
    protocol.bond_round0(request_id, NO)
    protocol.expire_window(request_id)

    protocol.finalize(request_id)

    received = events(protocol.oracle, "OutcomeReceived")
    assert [(e.request_id, e.outcome) for e in received] == [(request_id, NO)]
    finalized = events(protocol.oracle, "Finalized")
    assert [(e.request_id, e.outcome, e.arbitrated) for e in finalized] == [(request_id, NO, False)]
    assert events(protocol.oracle, "CallbackFailed") == []


def test_arbitrate__callback__emits_finalized_arbitrated(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.escalate(request_id)

    protocol.arbitrate(request_id, NO)

    received = events(protocol.oracle, "OutcomeReceived")
    assert [(e.request_id, e.outcome) for e in received] == [(request_id, NO)]
    finalized = events(protocol.oracle, "Finalized")
    assert [(e.request_id, e.outcome, e.arbitrated) for e in finalized] == [(request_id, NO, True)]


def test_arbitrate__invalid_never_bonded__emits_treasury_paid(protocol: OracleProtocol) -> None:
    """The amounts credited to the treasury: every bond 31·B0 and fee + validity bond."""
    request_id = protocol.create()
    b0 = protocol.escalate(request_id)

    protocol.arbitrate(request_id, INVALID)

    paid = events(protocol.oracle, "TreasuryPaid")
    assert [(e.request_id, e.treasury, e.stake_amount, e.payment_amount) for e in paid] == [
        (request_id, protocol.treasury, b0 * (2**5 - 1), FEE_WEI + VALIDITY_BOND_WEI)
    ]


def test_arbitrate__bonded_outcome__no_treasury_paid(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.escalate(request_id)

    protocol.arbitrate(request_id, YES)

    assert events(protocol.oracle, "TreasuryPaid") == []


def test_cancel__after_max_open_period__emits_cancelled_not_finalized(
    protocol: OracleProtocol,
) -> None:
    request_id = protocol.create()
    protocol.time_travel(MAX_OPEN_PERIOD_S)

    protocol.cancel(request_id)

    (cancelled,) = events(protocol.oracle, "Cancelled")
    assert (cancelled.request_id, cancelled.requester) == (request_id, protocol.requester.address)
    assert events(protocol.oracle, "Finalized") == []


def test_finalize__escalated_past_timeout__emits_arbitration_expired(
    protocol: OracleProtocol,
) -> None:
    request_id = protocol.create()
    protocol.escalate(request_id)
    protocol.time_travel(ARBITRATION_TIMEOUT_S)

    protocol.finalize(request_id)

    assert [e.request_id for e in events(protocol.oracle, "ArbitrationExpired")] == [request_id]
    (finalized,) = events(protocol.oracle, "Finalized")
    assert (finalized.outcome, finalized.arbitrated) == (INVALID, False)
    received = events(protocol.oracle, "OutcomeReceived")
    assert [(e.request_id, e.outcome) for e in received] == [(request_id, INVALID)]


# --- Withdrawn, AnswerPublished -------------------------------------------------------------


def test_withdraw__credit__emits_withdrawn(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.bond_round0(request_id, YES)
    protocol.expire_window(request_id)
    protocol.finalize(request_id)

    protocol.withdraw(protocol.usd, protocol.requester.address)

    (withdrawn,) = events(protocol.oracle, "Withdrawn")
    assert (withdrawn.token, withdrawn.account, withdrawn.amount) == (
        protocol.usd.address,
        protocol.requester.address,
        VALIDITY_BOND_WEI,
    )


def test_withdraw__while_paused__emits_withdrawn(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.bond_round0(request_id, YES)
    protocol.expire_window(request_id)
    protocol.finalize(request_id)
    protocol.pause()

    protocol.withdraw(protocol.usd, protocol.requester.address)

    assert events(protocol.oracle, "Withdrawn")[0].amount == VALIDITY_BOND_WEI


def test_publish_answer__known_request__emits_the_text(protocol: OracleProtocol) -> None:
    request_id = protocol.create(outcomes=(), data_type=0)

    with boa.env.prank(protocol.anyone):
        protocol.oracle.publish_answer(request_id, "Paris")

    (event,) = events(protocol.oracle, "AnswerPublished")
    assert (event.request_id, event.outcome, event.answer) == (
        request_id,
        string("Paris"),
        "Paris",
    )
