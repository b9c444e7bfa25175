"""Views (SPEC §4 "Views"): round_info, current_round, outcome_of, staked, claimable, and
`publish_answer`."""

from typing import Any

import boa
import pytest

from fluxo.domain.outcome import number, string
from tests.harness.checks import events
from tests.harness.game import CHALLENGE_PERIOD_S, FEE_WEI, FLX, MIN_BOND_WEI, NO, YES
from tests.harness.protocol import OracleProtocol

B0 = MIN_BOND_WEI
EMPTY = bytes(32)


# --- round_info -------------------------------------------------------------------------------


def test_round_info__round0_open__starts_at_settlement_no_end(protocol: OracleProtocol) -> None:
    settlement_s = boa.env.timestamp + 500

    request_id = protocol.create(settlement_time=settlement_s)

    assert protocol.oracle.round_info(request_id, 0) == (B0, settlement_s, 0, EMPTY, False)


def test_round_info__round0_bonded__outcome_and_flag_set(protocol: OracleProtocol) -> None:
    settlement_s = boa.env.timestamp
    request_id = protocol.create()
    boa.env.time_travel(seconds=77)

    protocol.bond_round0(request_id, YES)

    assert protocol.oracle.round_info(request_id, 0) == (B0, settlement_s, 0, YES, True)


def test_round_info__round1__starts_when_round0_bonded(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    boa.env.time_travel(seconds=77)
    bonded_at_s = boa.env.timestamp

    protocol.bond_round0(request_id, YES)

    assert protocol.oracle.round_info(request_id, 1) == (
        2 * B0,
        bonded_at_s,
        bonded_at_s + CHALLENGE_PERIOD_S,
        EMPTY,
        False,
    )


def test_round_info__three_rounds__each_keeps_its_times_and_outcome(
    protocol: OracleProtocol,
) -> None:
    settlement_s = boa.env.timestamp
    request_id = protocol.create()
    boa.env.time_travel(seconds=10)
    t0 = boa.env.timestamp
    protocol.bond_round0(request_id, YES)
    boa.env.time_travel(seconds=1_000)
    t1 = boa.env.timestamp
    protocol.stake(protocol.disputer, request_id, NO, 2 * B0)
    boa.env.time_travel(seconds=2_000)
    t2 = boa.env.timestamp

    protocol.stake(protocol.counter_disputer, request_id, YES, 4 * B0)

    period = CHALLENGE_PERIOD_S
    assert protocol.oracle.round_info(request_id, 0) == (B0, settlement_s, 0, YES, True)
    assert protocol.oracle.round_info(request_id, 1) == (2 * B0, t0, t0 + period, NO, True)
    assert protocol.oracle.round_info(request_id, 2) == (4 * B0, t1, t1 + period, YES, True)
    assert protocol.oracle.round_info(request_id, 3) == (8 * B0, t2, t2 + period, EMPTY, False)


def test_round_info__number_rounds__32_byte_outcomes(protocol: OracleProtocol) -> None:
    request_id = protocol.create(outcomes=(), data_type=1, decimals=8)

    protocol.stake(protocol.validator, request_id, number(-5), B0)
    protocol.dispute(protocol.disputer, request_id, number(10**20), 2 * B0)

    assert protocol.oracle.round_info(request_id, 0)[3:] == (number(-5), True)
    assert protocol.oracle.round_info(request_id, 1)[3:] == (number(10**20), True)
    assert protocol.oracle.round_info(request_id, 2)[3:] == (EMPTY, False)


def test_round_info__partial_stake__not_bonded(protocol: OracleProtocol) -> None:
    request_id = protocol.create()

    protocol.stake(protocol.validator, request_id, YES, B0 - 1)

    assert protocol.oracle.round_info(request_id, 0)[3:] == (EMPTY, False)


def test_round_info__round_beyond_current__reverts(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    with boa.reverts("oracle: unknown round"):
        protocol.oracle.round_info(request_id, 1)

    protocol.bond_round0(request_id, YES)

    assert protocol.oracle.round_info(request_id, 1)[0] == 2 * B0
    with boa.reverts("oracle: unknown round"):
        protocol.oracle.round_info(request_id, 2)


def test_round_info__escalated__no_round_after_escalated_one(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.escalate(request_id)

    assert protocol.oracle.round_info(request_id, 4)[3:] == (YES, True)
    with boa.reverts("oracle: unknown round"):
        protocol.oracle.round_info(request_id, 5)


# --- current_round ----------------------------------------------------------------------------


def test_current_round__progression__one_past_latest_bonded(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    assert protocol.oracle.current_round(request_id) == 0

    protocol.stake(protocol.validator, request_id, YES, B0 // 2)
    assert protocol.oracle.current_round(request_id) == 0
    protocol.stake(protocol.disputer, request_id, YES, B0)
    assert protocol.oracle.current_round(request_id) == 1
    protocol.dispute(protocol.disputer, request_id, NO, 2 * B0)
    assert protocol.oracle.current_round(request_id) == 2
    protocol.dispute(protocol.counter_disputer, request_id, YES, 4 * B0)
    assert protocol.oracle.current_round(request_id) == 3


def test_current_round__escalated__stays_at_escalated_round(protocol: OracleProtocol) -> None:
    request_id = protocol.create()

    protocol.escalate(request_id)

    assert protocol.oracle.current_round(request_id) == 4


def test_current_round__after_finalization__unchanged(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.bond_round0(request_id, YES)
    protocol.expire_window(request_id)

    protocol.finalize(request_id)

    assert protocol.oracle.current_round(request_id) == 1


# --- outcome_of -------------------------------------------------------------------------------


def test_outcome_of__before_finalization__false_and_zero(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    assert protocol.oracle.outcome_of(request_id) == (False, EMPTY)

    protocol.bond_round0(request_id, YES)

    assert protocol.oracle.outcome_of(request_id) == (False, EMPTY)


def test_outcome_of__after_finalization__true_and_outcome(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.bond_round0(request_id, YES)
    protocol.dispute(protocol.disputer, request_id, NO, 2 * B0)
    protocol.expire_window(request_id)

    protocol.finalize(request_id)

    assert protocol.oracle.outcome_of(request_id) == (True, NO)


def test_outcome_of__word_request_finalized__returns_the_word(protocol: OracleProtocol) -> None:
    request_id = protocol.create(outcomes=(), data_type=0)
    protocol.stake(protocol.validator, request_id, string("Paris"), B0)
    protocol.expire_window(request_id)

    protocol.finalize(request_id)

    assert protocol.oracle.outcome_of(request_id) == (True, string("Paris"))


# --- staked and claimable ---------------------------------------------------------------------


def test_staked__single_filler__equals_bond(protocol: OracleProtocol) -> None:
    request_id = protocol.create()

    protocol.stake(protocol.validator, request_id, YES, 10 * B0)

    assert protocol.oracle.staked(request_id, 0, protocol.validator, YES) == B0
    assert protocol.oracle.staked(request_id, 0, protocol.validator, NO) == 0
    assert protocol.oracle.staked(request_id, 0, protocol.disputer, YES) == 0


def test_staked__single_filler_of_earlier_round__equals_its_bond(
    protocol: OracleProtocol,
) -> None:
    request_id = protocol.create()
    protocol.bond_round0(request_id, YES)

    protocol.dispute(protocol.disputer, request_id, NO, 2 * B0)

    assert protocol.oracle.staked(request_id, 0, protocol.validator, YES) == B0
    assert protocol.oracle.staked(request_id, 1, protocol.disputer, NO) == 2 * B0


def test_staked__single_filler_after_claim__zero(protocol: OracleProtocol) -> None:
    """Money flow: the validator's claim pays B0 + the fee; the view then reads 0."""
    request_id = protocol.create()
    protocol.bond_round0(request_id, YES)
    protocol.expire_window(request_id)
    protocol.finalize(request_id)
    before = protocol.balances(protocol.validator)

    protocol.claim(request_id, protocol.validator)

    after = protocol.balances(protocol.validator)
    v = str(protocol.validator)
    assert (after[v][0] - before[v][0], after[v][1] - before[v][1]) == (B0, FEE_WEI)
    assert protocol.oracle.staked(request_id, 0, protocol.validator, YES) == 0


def test_staked__crowdfunded_after_claim__zero_for_claimer_only(
    protocol: OracleProtocol,
) -> None:
    request_id = protocol.create()
    protocol.stake(protocol.validator, request_id, YES, 60 * FLX)
    protocol.stake(protocol.disputer, request_id, YES, 40 * FLX)
    protocol.expire_window(request_id)
    protocol.finalize(request_id)

    protocol.claim(request_id, protocol.validator)

    assert protocol.oracle.staked(request_id, 0, protocol.validator, YES) == 0
    assert protocol.oracle.staked(request_id, 0, protocol.disputer, YES) == 40 * FLX


def test_claimable__before_finalization__zero(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.bond_round0(request_id, YES)
    protocol.expire_window(request_id)

    assert protocol.oracle.claimable(request_id, protocol.validator) == (0, 0)


def test_claimable__after_finalization__what_claim_pays_then_zero(
    protocol: OracleProtocol,
) -> None:
    request_id = protocol.create()
    protocol.bond_round0(request_id, YES)
    protocol.expire_window(request_id)
    protocol.finalize(request_id)

    assert protocol.oracle.claimable(request_id, protocol.validator) == (B0, FEE_WEI)
    assert protocol.oracle.claimable(request_id, protocol.disputer) == (0, 0)
    protocol.claim(request_id, protocol.validator)
    assert protocol.oracle.claimable(request_id, protocol.validator) == (0, 0)


@pytest.mark.parametrize(
    "view, args",
    [
        ("round_info", (0,)),
        ("current_round", ()),
        ("outcome_of", ()),
        ("staked", (0, "validator", YES)),
        ("claimable", ("validator",)),
    ],
)
def test_view__unknown_request__reverts(
    protocol: OracleProtocol, view: str, args: tuple[Any, ...]
) -> None:
    protocol.create()
    call_args = tuple(protocol.validator if a == "validator" else a for a in args)

    with boa.reverts("oracle: unknown request"):
        getattr(protocol.oracle, view)(1, *call_args)


# --- publish_answer ---------------------------------------------------------------------------


def test_publish_answer__known_request__returns_keccak_and_emits_text(
    protocol: OracleProtocol,
) -> None:
    request_id = protocol.create(outcomes=(), data_type=0)

    with boa.env.prank(protocol.anyone):
        outcome = protocol.oracle.publish_answer(request_id, "Paris")

    assert outcome == string("Paris")
    (event,) = events(protocol.oracle, "AnswerPublished")
    assert (event.request_id, event.outcome, event.answer) == (
        request_id,
        string("Paris"),
        "Paris",
    )


def test_publish_answer__utf8_text__hashes_utf8_bytes(protocol: OracleProtocol) -> None:
    request_id = protocol.create(outcomes=(), data_type=0)

    outcome = protocol.oracle.publish_answer(request_id, "São Paulo ✓")

    assert outcome == string("São Paulo ✓")


def test_publish_answer__published_hash__stakeable(protocol: OracleProtocol) -> None:
    """Money flow: the validator stakes B0 on the published hash."""
    request_id = protocol.create(outcomes=(), data_type=0)
    outcome = protocol.oracle.publish_answer(request_id, "Paris")
    before = protocol.balances(protocol.validator)

    protocol.stake(protocol.validator, request_id, outcome, B0)

    after = protocol.balances(protocol.validator)
    assert after[str(protocol.validator)][0] - before[str(protocol.validator)][0] == -B0
    assert protocol.oracle.round_info(request_id, 0)[3:] == (string("Paris"), True)


def test_publish_answer__unknown_request__reverts(protocol: OracleProtocol) -> None:
    with boa.reverts("oracle: unknown request"):
        protocol.oracle.publish_answer(0, "Paris")
