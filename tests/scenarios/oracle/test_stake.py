"""`stake` (SPEC §4): filling rounds alone or crowdfunded, disputes, windows, escalation, and
the order of every stake revert."""

from typing import Any

import pytest

from fluxo.domain.outcome import categorical, number, string
from tests.harness.checks import delta
from tests.harness.game import (
    ARBITRATION_THRESHOLD_WEI,
    CHALLENGE_PERIOD_S,
    FLX,
    INVALID,
    MIN_BOND_WEI,
    NO,
    YES,
)
from tests.harness.oracle_driver import MakeDriver, OracleDriver

B0 = MIN_BOND_WEI
EMPTY = bytes(32)


def _assert_stake_rejected(
    driver: OracleDriver,
    staker: str,
    request_id: int,
    outcome: bytes,
    reason: str,
    amount_wei: int = B0,
) -> None:
    """The stake reverts with `reason` and moves no tokens."""
    before = driver.balances(staker)
    with driver.reverts(reason):
        driver.stake(staker, request_id, outcome, amount_wei)
    assert driver.balances(staker) == before


def _climb_to_round4(driver: OracleDriver, request_id: int) -> None:
    """Rounds 0-3 bond YES, NO, YES, NO (100..800 FLX), one block apart: round 4 is open."""
    for round_index, (staker, outcome) in enumerate(
        [(driver.validator, YES), (driver.disputer, NO)] * 2
    ):
        if round_index:
            driver.next_block()
        driver.stake(staker, request_id, outcome, B0 << round_index)


# --- round 0: a single filler ---------------------------------------------------------------


def test_stake__round0_exact_bond__bonds_and_pulls_b0(driver: OracleDriver) -> None:
    """Money flow: validator pays B0 (100 FLX) into the Oracle and bonds round 0 on YES."""
    request_id = driver.create()
    before = driver.balances(driver.validator)

    taken = driver.stake(driver.validator, request_id, YES, B0)

    after = driver.balances(driver.validator)
    assert taken == B0
    assert delta(before, after, driver.validator)[0] == -B0
    assert delta(before, after, driver.oracle)[0] == B0
    assert driver.round_info(request_id, 0) == (B0, driver.now_s, 0, YES, True)
    assert driver.current_round(request_id) == 1


def test_stake__round0_more_than_bond__takes_only_b0(driver: OracleDriver) -> None:
    """Money flow: validator offers 250 FLX; only B0 (100 FLX) leaves its balance."""
    request_id = driver.create()
    before = driver.balances(driver.validator)

    taken = driver.stake(driver.validator, request_id, YES, 250 * FLX)

    after = driver.balances(driver.validator)
    assert taken == B0
    assert delta(before, after, driver.validator)[0] == -B0
    assert delta(before, after, driver.oracle)[0] == B0
    assert driver.staked(request_id, 0, driver.validator, YES) == B0


def test_stake__round_bonds__opens_next_round_with_double_bond(driver: OracleDriver) -> None:
    request_id = driver.create()
    driver.time_travel(10)
    bonded_at_s = driver.now_s

    driver.stake(driver.validator, request_id, YES, B0)

    assert driver.current_round(request_id) == 1
    assert driver.round_info(request_id, 1) == (
        2 * B0,
        bonded_at_s,
        bonded_at_s + CHALLENGE_PERIOD_S,
        EMPTY,
        False,
    )


# --- crowdfunding ---------------------------------------------------------------------------


def test_stake__two_validators_60_40__second_takes_only_what_is_needed(
    driver: OracleDriver,
) -> None:
    """Money flow: validator pays 60 FLX, disputer offers 100 FLX but pays only the 40 FLX YES
    still needs; the Oracle holds exactly B0."""
    request_id = driver.create()
    before = driver.balances(driver.validator, driver.disputer)

    first = driver.stake(driver.validator, request_id, YES, 60 * FLX)
    assert driver.round_info(request_id, 0)[3:] == (EMPTY, False)
    assert driver.current_round(request_id) == 0
    second = driver.stake(driver.disputer, request_id, YES, 100 * FLX)

    after = driver.balances(driver.validator, driver.disputer)
    assert (first, second) == (60 * FLX, 40 * FLX)
    assert delta(before, after, driver.validator)[0] == -60 * FLX
    assert delta(before, after, driver.disputer)[0] == -40 * FLX
    assert delta(before, after, driver.oracle)[0] == B0
    assert driver.staked(request_id, 0, driver.validator, YES) == 60 * FLX
    assert driver.staked(request_id, 0, driver.disputer, YES) == 40 * FLX
    assert driver.round_info(request_id, 0)[3:] == (YES, True)
    assert driver.current_round(request_id) == 1


def test_stake__same_staker_twice__stakes_add_up(driver: OracleDriver) -> None:
    """Money flow: validator pays 30 then 70 FLX on YES; round 0 bonds with its 100 FLX."""
    request_id = driver.create()
    before = driver.balances(driver.validator)

    driver.stake(driver.validator, request_id, YES, 30 * FLX)
    driver.stake(driver.validator, request_id, YES, 90 * FLX)

    after = driver.balances(driver.validator)
    assert delta(before, after, driver.validator)[0] == -B0
    assert driver.staked(request_id, 0, driver.validator, YES) == B0
    assert driver.round_info(request_id, 0)[3:] == (YES, True)


def test_stake__several_outcomes_partial__each_tracked_separately(driver: OracleDriver) -> None:
    """Money flow: 30 FLX on YES, 50 FLX on NO, 20 FLX on INVALID: nothing bonds and the Oracle
    holds all 100 FLX."""
    request_id = driver.create()
    before = driver.balances(*driver.stakers)

    driver.stake(driver.validator, request_id, YES, 30 * FLX)
    driver.stake(driver.disputer, request_id, NO, 50 * FLX)
    driver.stake(driver.counter_disputer, request_id, INVALID, 20 * FLX)

    after = driver.balances(*driver.stakers)
    assert delta(before, after, driver.validator)[0] == -30 * FLX
    assert delta(before, after, driver.disputer)[0] == -50 * FLX
    assert delta(before, after, driver.counter_disputer)[0] == -20 * FLX
    assert delta(before, after, driver.oracle)[0] == B0
    assert driver.staked(request_id, 0, driver.validator, YES) == 30 * FLX
    assert driver.staked(request_id, 0, driver.disputer, NO) == 50 * FLX
    assert driver.staked(request_id, 0, driver.counter_disputer, INVALID) == 20 * FLX
    assert driver.round_info(request_id, 0)[4] is False
    assert driver.current_round(request_id) == 0


def test_stake__first_outcome_to_fill__wins_the_round(driver: OracleDriver) -> None:
    """Money flow: NO gets 90 FLX first, but YES fills 100 FLX first and bonds; the NO stake
    stays in the Oracle (unstakeable) and NO stays unbonded."""
    request_id = driver.create()
    driver.stake(driver.disputer, request_id, NO, 90 * FLX)
    before = driver.balances(driver.validator)

    taken = driver.stake(driver.validator, request_id, YES, B0)

    after = driver.balances(driver.validator)
    assert taken == B0
    assert delta(before, after, driver.validator)[0] == -B0
    assert after[driver.oracle][0] == B0 + 90 * FLX
    assert driver.round_info(request_id, 0)[3:] == (YES, True)
    assert driver.staked(request_id, 0, driver.disputer, NO) == 90 * FLX
    assert driver.current_round(request_id) == 1


def test_stake__after_round0_bonded_by_other_outcome__goes_to_round1(driver: OracleDriver) -> None:
    """Money flow: after YES bonds round 0, a 90 FLX NO stake lands in round 1 (bond 200)."""
    request_id = driver.create()
    driver.bond_round0(request_id, YES)
    before = driver.balances(driver.disputer)

    taken = driver.dispute(driver.disputer, request_id, NO, 90 * FLX)

    after = driver.balances(driver.disputer)
    assert taken == 90 * FLX
    assert delta(before, after, driver.disputer)[0] == -90 * FLX
    assert driver.staked(request_id, 1, driver.disputer, NO) == 90 * FLX
    assert driver.staked(request_id, 0, driver.disputer, NO) == 0


# --- disputes -------------------------------------------------------------------------------


def test_stake__dispute_round1__takes_double_bond(driver: OracleDriver) -> None:
    """Money flow: disputer offers 1 000 FLX on NO in round 1 and pays exactly 2·B0."""
    request_id = driver.create()
    driver.bond_round0(request_id, YES)
    before = driver.balances(driver.disputer)

    taken = driver.dispute(driver.disputer, request_id, NO, 1_000 * FLX)

    after = driver.balances(driver.disputer)
    assert taken == 2 * B0
    assert delta(before, after, driver.disputer)[0] == -2 * B0
    assert delta(before, after, driver.oracle)[0] == 2 * B0
    assert driver.round_info(request_id, 1)[3:] == (NO, True)
    assert driver.current_round(request_id) == 2


def test_stake__round1_backs_round0_outcome__reverts(driver: OracleDriver) -> None:
    request_id = driver.create()
    driver.bond_round0(request_id, YES)
    driver.next_block()

    _assert_stake_rejected(driver, driver.disputer, request_id, YES, "oracle: outcome bonded")
    _assert_stake_rejected(driver, driver.validator, request_id, YES, "oracle: outcome bonded")


def test_stake__round1_invalid_after_round0_invalid__reverts(driver: OracleDriver) -> None:
    request_id = driver.create()
    driver.bond_round0(request_id, INVALID)
    driver.next_block()

    _assert_stake_rejected(driver, driver.disputer, request_id, INVALID, "oracle: outcome bonded")


def test_stake__round2_backs_round0_outcome__allowed(driver: OracleDriver) -> None:
    """Money flow: counter-disputer pays 4·B0 on YES in round 2 (YES bonded round 0)."""
    request_id = driver.create()
    driver.bond_round0(request_id, YES)
    driver.dispute(driver.disputer, request_id, NO, 2 * B0)
    before = driver.balances(driver.counter_disputer)

    taken = driver.dispute(driver.counter_disputer, request_id, YES, 4 * B0)

    after = driver.balances(driver.counter_disputer)
    assert taken == 4 * B0
    assert delta(before, after, driver.counter_disputer)[0] == -4 * B0
    assert driver.round_info(request_id, 2)[3:] == (YES, True)
    assert driver.current_round(request_id) == 3


def test_stake__round2_backs_round1_outcome__reverts(driver: OracleDriver) -> None:
    request_id = driver.create()
    driver.bond_round0(request_id, YES)
    driver.dispute(driver.disputer, request_id, NO, 2 * B0)
    driver.next_block()

    _assert_stake_rejected(
        driver, driver.counter_disputer, request_id, NO, "oracle: outcome bonded"
    )


# --- windows and settlement -----------------------------------------------------------------


def test_stake__last_second_of_window__accepted(driver: OracleDriver) -> None:
    """Money flow: disputer pays 2·B0 at end - 1."""
    request_id = driver.create()
    driver.bond_round0(request_id, YES)
    end_s = driver.round_info(request_id, 1)[2]
    driver.time_travel(end_s - 1 - driver.now_s)
    before = driver.balances(driver.disputer)

    driver.stake(driver.disputer, request_id, NO, 2 * B0)

    after = driver.balances(driver.disputer)
    assert delta(before, after, driver.disputer)[0] == -2 * B0
    assert driver.round_info(request_id, 1)[4] is True


def test_stake__window_end__reverts_window_closed(driver: OracleDriver) -> None:
    request_id = driver.create()
    driver.bond_round0(request_id, YES)
    driver.expire_window(request_id)
    assert driver.now_s == driver.round_info(request_id, 1)[2]

    _assert_stake_rejected(driver, driver.disputer, request_id, NO, "oracle: window closed")


def test_stake__long_after_window__reverts_window_closed(driver: OracleDriver) -> None:
    request_id = driver.create()
    driver.bond_round0(request_id, YES)
    driver.time_travel(10 * CHALLENGE_PERIOD_S)

    _assert_stake_rejected(driver, driver.disputer, request_id, NO, "oracle: window closed")


def test_stake__round0_long_after_settlement__accepted(driver: OracleDriver) -> None:
    """Round 0 has no deadline. Money flow: validator pays B0 a year after settlement."""
    request_id = driver.create()
    driver.time_travel(365 * 24 * 3600)
    before = driver.balances(driver.validator)

    driver.stake(driver.validator, request_id, YES, B0)

    after = driver.balances(driver.validator)
    assert delta(before, after, driver.validator)[0] == -B0


def test_stake__before_settlement__reverts_not_settled(driver: OracleDriver) -> None:
    request_id = driver.create(settlement_time=driver.now_s + 100)
    driver.time_travel(99)

    _assert_stake_rejected(driver, driver.validator, request_id, YES, "oracle: not settled")


def test_stake__at_settlement_time__accepted(driver: OracleDriver) -> None:
    """Money flow: validator pays B0 exactly at the settlement time; round 0 bonds YES."""
    request_id = driver.create(settlement_time=driver.now_s + 100)
    driver.time_travel(100)
    before = driver.balances(driver.validator)

    driver.stake(driver.validator, request_id, YES, B0)

    after = driver.balances(driver.validator)
    assert delta(before, after, driver.validator)[0] == -B0
    assert driver.round_info(request_id, 0) == (B0, driver.now_s, 0, YES, True)


# --- argument checks ------------------------------------------------------------------------


def test_stake__zero_amount__reverts(driver: OracleDriver) -> None:
    request_id = driver.create()

    _assert_stake_rejected(driver, driver.validator, request_id, YES, "oracle: zero amount", 0)


def test_stake__unknown_request__reverts(driver: OracleDriver) -> None:
    driver.create()

    _assert_stake_rejected(driver, driver.validator, 1, YES, "oracle: unknown request")


def test_stake__unknown_request__reverts_before_zero_amount(driver: OracleDriver) -> None:
    request_id = driver.create()

    with driver.reverts("oracle: unknown request"):
        driver.stake(driver.validator, request_id + 1, YES, 0)


def test_stake__paused__reverts_without_pulling(driver: OracleDriver) -> None:
    """Money flow: none; the paused stake pulls no FLX."""
    request_id = driver.create()
    driver.pause()

    _assert_stake_rejected(
        driver, driver.validator, request_id, YES, "pausable: contract is paused"
    )


def test_stake__paused__reverts_before_unknown_request(driver: OracleDriver) -> None:
    driver.pause()

    with driver.reverts("pausable: contract is paused"):
        driver.stake(driver.validator, 0, YES, B0)


@pytest.mark.parametrize(
    "outcome",
    [categorical(2), categorical(2**255 - 1), string("Yes"), b"\xff" * 32],
    ids=["index-2", "huge-index", "keccak-word", "all-ones"],
)
def test_stake__invalid_categorical_outcome__reverts(driver: OracleDriver, outcome: bytes) -> None:
    request_id = driver.create()

    _assert_stake_rejected(driver, driver.validator, request_id, outcome, "oracle: invalid outcome")


def test_stake__invalid_outcome__checked_before_settlement(driver: OracleDriver) -> None:
    request_id = driver.create(settlement_time=driver.now_s + 100)

    _assert_stake_rejected(
        driver, driver.validator, request_id, categorical(2), "oracle: invalid outcome"
    )


def test_stake__last_categorical_index__accepted(driver: OracleDriver) -> None:
    request_id = driver.create(outcomes=tuple(f"o{i}" for i in range(8)))

    assert driver.stake(driver.validator, request_id, categorical(7), B0) == B0
    _assert_stake_rejected(
        driver, driver.disputer, request_id, categorical(8), "oracle: invalid outcome"
    )


@pytest.mark.parametrize("data_type", [None, 0, 1], ids=["categorical", "string", "number"])
def test_stake__invalid_outcome__always_accepted(
    driver: OracleDriver, data_type: int | None
) -> None:
    """Money flow: validator pays B0 on INVALID and bonds round 0 with it."""
    overrides: dict[str, Any] = (
        {} if data_type is None else {"outcomes": (), "data_type": data_type}
    )
    request_id = driver.create(**overrides)
    before = driver.balances(driver.validator)

    taken = driver.stake(driver.validator, request_id, INVALID, B0)

    after = driver.balances(driver.validator)
    assert taken == B0
    assert delta(before, after, driver.validator)[0] == -B0
    assert driver.round_info(request_id, 0)[3:] == (INVALID, True)


def test_stake__number_request__any_word_kept_per_round(driver: OracleDriver) -> None:
    """Money flow: B0 on -5, 2·B0 on 10**20, 4·B0 on the word of 'Paris' (any bytes32 is a
    NUMBER answer); the Oracle holds 7·B0."""
    request_id = driver.create(outcomes=(), data_type=1, decimals=8)
    before = driver.balances(*driver.stakers)

    driver.stake(driver.validator, request_id, number(-5), B0)
    driver.dispute(driver.disputer, request_id, number(10**20), 2 * B0)
    driver.dispute(driver.counter_disputer, request_id, string("Paris"), 4 * B0)

    after = driver.balances(*driver.stakers)
    assert delta(before, after, driver.oracle)[0] == 7 * B0
    assert driver.round_info(request_id, 0)[3:] == (number(-5), True)
    assert driver.round_info(request_id, 1)[3:] == (number(10**20), True)
    assert driver.round_info(request_id, 2)[3:] == (string("Paris"), True)


def test_stake__string_request__any_word_kept_per_round(driver: OracleDriver) -> None:
    """Money flow: B0 on 'Paris', 2·B0 on 'Lisbon', 4·B0 on 'Paris' again (two rounds back)."""
    request_id = driver.create(outcomes=(), data_type=0)
    before = driver.balances(*driver.stakers)

    driver.stake(driver.validator, request_id, string("Paris"), B0)
    driver.dispute(driver.disputer, request_id, string("Lisbon"), 2 * B0)
    driver.dispute(driver.counter_disputer, request_id, string("Paris"), 4 * B0)

    after = driver.balances(*driver.stakers)
    assert delta(before, after, driver.oracle)[0] == 7 * B0
    assert driver.round_info(request_id, 0)[3:] == (string("Paris"), True)
    assert driver.round_info(request_id, 1)[3:] == (string("Lisbon"), True)
    assert driver.round_info(request_id, 2)[3:] == (string("Paris"), True)


@pytest.mark.parametrize("data_type", [0, 1], ids=["string", "number"])
def test_stake__word_request_backs_previous_round_word__reverts(
    driver: OracleDriver, data_type: int
) -> None:
    request_id = driver.create(outcomes=(), data_type=data_type)
    driver.stake(driver.validator, request_id, string("Paris"), B0)
    driver.next_block()

    _assert_stake_rejected(
        driver, driver.disputer, request_id, string("Paris"), "oracle: outcome bonded"
    )


def test_stake__word_request_partial_words__tracked_separately(driver: OracleDriver) -> None:
    request_id = driver.create(outcomes=(), data_type=1, decimals=8)

    driver.stake(driver.validator, request_id, number(-5), 60 * FLX)
    driver.stake(driver.disputer, request_id, number(5), 70 * FLX)

    assert driver.staked(request_id, 0, driver.validator, number(-5)) == 60 * FLX
    assert driver.staked(request_id, 0, driver.disputer, number(5)) == 70 * FLX
    assert driver.round_info(request_id, 0)[4] is False


def test_stake__staker_one_wei_short__transfer_failed_nothing_recorded(
    driver: OracleDriver,
) -> None:
    """Money flow: none; the stranger holds B0 − 1 wei, so its B0 stake cannot be pulled."""
    request_id = driver.create()
    driver.fund(driver.stranger, flx_wei=B0 - 1)
    before = driver.balances(driver.stranger)

    with driver.reverts("oracle: transfer failed"):
        driver.stake(driver.stranger, request_id, YES, B0)

    assert driver.balances(driver.stranger) == before
    assert driver.staked(request_id, 0, driver.stranger, YES) == 0
    assert driver.current_round(request_id) == 0


def test_stake__window_closed__checked_before_outcome_bonded(driver: OracleDriver) -> None:
    request_id = driver.create()
    driver.bond_round0(request_id, YES)
    driver.expire_window(request_id)

    _assert_stake_rejected(driver, driver.validator, request_id, YES, "oracle: window closed")


# --- escalation and finalization ------------------------------------------------------------


def test_stake__bond_below_threshold__not_escalated(driver: OracleDriver) -> None:
    """Rounds 0-3 (100..800 FLX) stay below the 1 600 FLX threshold: round 4 opens."""
    request_id = driver.create()

    _climb_to_round4(driver, request_id)

    assert driver.current_round(request_id) == 4
    assert driver.round_info(request_id, 4)[0] == ARBITRATION_THRESHOLD_WEI


def test_stake__bond_one_wei_below_threshold__opens_a_round(make_driver: MakeDriver) -> None:
    driver = make_driver(arbitration_threshold=B0 + 1)
    request_id = driver.create()

    driver.stake(driver.validator, request_id, YES, B0)

    assert driver.current_round(request_id) == 1


def test_stake__bond_reaches_threshold__escalates(driver: OracleDriver) -> None:
    """Money flow: the validator's 1 600 FLX round-4 bond is pulled; the request escalates at
    round 4: no round 5 opens."""
    request_id = driver.create()
    _climb_to_round4(driver, request_id)
    before = driver.balances(driver.validator)

    taken = driver.dispute(driver.validator, request_id, YES, ARBITRATION_THRESHOLD_WEI)

    after = driver.balances(driver.validator)
    assert taken == ARBITRATION_THRESHOLD_WEI
    assert delta(before, after, driver.validator)[0] == -ARBITRATION_THRESHOLD_WEI
    assert driver.current_round(request_id) == 4
    assert driver.round_info(request_id, 4)[3:] == (YES, True)
    with driver.reverts("oracle: unknown round"):
        driver.round_info(request_id, 5)


def test_stake__escalated__reverts(driver: OracleDriver) -> None:
    request_id = driver.create()
    b0 = driver.escalate(request_id)

    _assert_stake_rejected(driver, driver.disputer, request_id, NO, "oracle: escalated", 32 * b0)
    assert driver.current_round(request_id) == 4


def test_stake__escalated__reverts_before_outcome_and_time_checks(
    make_driver: MakeDriver,
) -> None:
    """Threshold = B0, so filling round 0 escalates at once; a stake with an invalid outcome
    in the same block still reads `escalated`."""
    driver = make_driver(arbitration_threshold=B0)
    request_id = driver.create()
    driver.stake(driver.validator, request_id, YES, B0)

    _assert_stake_rejected(
        driver, driver.disputer, request_id, categorical(5), "oracle: escalated", 2 * B0
    )


def test_stake__crowdfunded_bond_reaches_threshold__escalates(driver: OracleDriver) -> None:
    """The escalating bond may be crowdfunded too: 1 000 + 600 FLX fill round 4."""
    request_id = driver.create()
    _climb_to_round4(driver, request_id)

    driver.dispute(driver.validator, request_id, YES, 1_000 * FLX)
    assert driver.current_round(request_id) == 4
    driver.stake(driver.counter_disputer, request_id, YES, 1_000 * FLX)

    assert driver.round_info(request_id, 4)[3:] == (YES, True)
    assert driver.staked(request_id, 4, driver.counter_disputer, YES) == 600 * FLX
    _assert_stake_rejected(driver, driver.disputer, request_id, NO, "oracle: escalated")


def test_stake__round0_bond_reaches_threshold__escalates_at_round0(driver: OracleDriver) -> None:
    """Config 1's threshold equals B0, so the very first bond escalates: no round 1 opens."""
    driver.set_config(arbitration_threshold=MIN_BOND_WEI)
    request_id = driver.create()

    driver.stake(driver.validator, request_id, YES, B0)

    assert driver.current_round(request_id) == 0
    assert driver.round_info(request_id, 0)[3:] == (YES, True)
    with driver.reverts("oracle: unknown round"):
        driver.round_info(request_id, 1)
    _assert_stake_rejected(driver, driver.disputer, request_id, NO, "oracle: escalated")


def test_stake__finalized__reverts_before_outcome_and_time_checks(driver: OracleDriver) -> None:
    request_id = driver.create()
    driver.bond_round0(request_id, YES)
    driver.expire_window(request_id)
    driver.finalize(request_id)

    _assert_stake_rejected(driver, driver.disputer, request_id, NO, "oracle: finalized")
    _assert_stake_rejected(driver, driver.disputer, request_id, categorical(5), "oracle: finalized")


def test_stake__arbitrated__reverts_finalized(driver: OracleDriver) -> None:
    request_id = driver.create()
    driver.escalate(request_id)
    driver.arbitrate(request_id, NO)

    _assert_stake_rejected(driver, driver.disputer, request_id, NO, "oracle: finalized")
