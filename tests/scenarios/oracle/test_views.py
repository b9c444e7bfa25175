"""Views (SPEC §4 "Views"): round_info, current_round, outcome_of, staked, and
`publish_answer`."""

from collections.abc import Callable

import pytest

from fluxo.domain.outcome import number, string
from tests.harness.checks import delta
from tests.harness.game import CHALLENGE_PERIOD_S, FLX, MIN_BOND_WEI, NO, YES
from tests.harness.oracle_driver import OracleDriver

B0 = MIN_BOND_WEI
EMPTY = bytes(32)


# --- round_info -----------------------------------------------------------------------------


def test_round_info__round0_open__starts_at_settlement_no_end(driver: OracleDriver) -> None:
    settlement_s = driver.now_s + 500

    request_id = driver.create(settlement_time=settlement_s)

    assert driver.round_info(request_id, 0) == (B0, settlement_s, 0, EMPTY, False)
    assert driver.current_round(request_id) == 0


def test_round_info__round0_bonded__outcome_and_flag_set(driver: OracleDriver) -> None:
    settlement_s = driver.now_s
    request_id = driver.create()
    driver.time_travel(77)

    driver.bond_round0(request_id, YES)

    assert driver.round_info(request_id, 0) == (B0, settlement_s, 0, YES, True)


def test_round_info__three_rounds__each_keeps_its_times_and_outcome(driver: OracleDriver) -> None:
    settlement_s = driver.now_s
    request_id = driver.create()
    driver.time_travel(10)
    t0 = driver.now_s
    driver.bond_round0(request_id, YES)
    driver.time_travel(1_000)
    t1 = driver.now_s
    driver.stake(driver.disputer, request_id, NO, 2 * B0)
    driver.time_travel(2_000)
    t2 = driver.now_s

    driver.stake(driver.counter_disputer, request_id, YES, 4 * B0)

    period = CHALLENGE_PERIOD_S
    assert driver.round_info(request_id, 0) == (B0, settlement_s, 0, YES, True)
    assert driver.round_info(request_id, 1) == (2 * B0, t0, t0 + period, NO, True)
    assert driver.round_info(request_id, 2) == (4 * B0, t1, t1 + period, YES, True)
    assert driver.round_info(request_id, 3) == (8 * B0, t2, t2 + period, EMPTY, False)


def test_round_info__number_rounds__32_byte_outcomes(driver: OracleDriver) -> None:
    request_id = driver.create(outcomes=(), data_type=1, decimals=8)

    driver.stake(driver.validator, request_id, number(-5), B0)
    driver.dispute(driver.disputer, request_id, number(10**20), 2 * B0)

    assert driver.round_info(request_id, 0)[3:] == (number(-5), True)
    assert driver.round_info(request_id, 1)[3:] == (number(10**20), True)
    assert driver.round_info(request_id, 2)[3:] == (EMPTY, False)


def test_round_info__partial_stake__not_bonded(driver: OracleDriver) -> None:
    request_id = driver.create()

    driver.stake(driver.validator, request_id, YES, B0 - 1)

    assert driver.round_info(request_id, 0)[3:] == (EMPTY, False)


def test_round_info__round_beyond_current__reverts(driver: OracleDriver) -> None:
    request_id = driver.create()
    with driver.reverts("oracle: unknown round"):
        driver.round_info(request_id, 1)

    driver.bond_round0(request_id, YES)

    assert driver.round_info(request_id, 1)[0] == 2 * B0
    with driver.reverts("oracle: unknown round"):
        driver.round_info(request_id, 2)


def test_round_info__escalated__no_round_after_escalated_one(driver: OracleDriver) -> None:
    request_id = driver.create()
    driver.escalate(request_id)

    assert driver.round_info(request_id, 4)[3:] == (YES, True)
    with driver.reverts("oracle: unknown round"):
        driver.round_info(request_id, 5)


# --- current_round --------------------------------------------------------------------------


def test_current_round__progression__one_past_latest_bonded(driver: OracleDriver) -> None:
    request_id = driver.create()
    assert driver.current_round(request_id) == 0

    driver.stake(driver.validator, request_id, YES, B0 // 2)
    assert driver.current_round(request_id) == 0
    driver.stake(driver.disputer, request_id, YES, B0)
    assert driver.current_round(request_id) == 1
    driver.dispute(driver.disputer, request_id, NO, 2 * B0)
    assert driver.current_round(request_id) == 2
    driver.dispute(driver.counter_disputer, request_id, YES, 4 * B0)
    assert driver.current_round(request_id) == 3


def test_current_round__escalated__stays_at_escalated_round(driver: OracleDriver) -> None:
    request_id = driver.create()

    driver.escalate(request_id)

    assert driver.current_round(request_id) == 4


def test_current_round__after_finalization__unchanged(driver: OracleDriver) -> None:
    request_id = driver.create()
    driver.bond_round0(request_id, YES)
    driver.expire_window(request_id)

    driver.finalize(request_id)

    assert driver.current_round(request_id) == 1


# --- outcome_of -----------------------------------------------------------------------------


def test_outcome_of__before_finalization__false_and_zero(driver: OracleDriver) -> None:
    request_id = driver.create()
    assert driver.outcome_of(request_id) == (False, EMPTY)

    driver.bond_round0(request_id, YES)

    assert driver.outcome_of(request_id) == (False, EMPTY)


def test_outcome_of__after_finalization__true_and_outcome(driver: OracleDriver) -> None:
    request_id = driver.create()
    driver.bond_round0(request_id, YES)
    driver.dispute(driver.disputer, request_id, NO, 2 * B0)
    driver.expire_window(request_id)

    driver.finalize(request_id)

    assert driver.outcome_of(request_id) == (True, NO)


def test_outcome_of__word_request_finalized__returns_the_word(driver: OracleDriver) -> None:
    request_id = driver.create(outcomes=(), data_type=0)
    driver.stake(driver.validator, request_id, string("Paris"), B0)
    driver.expire_window(request_id)

    driver.finalize(request_id)

    assert driver.outcome_of(request_id) == (True, string("Paris"))


# --- staked ---------------------------------------------------------------------------------


def test_staked__single_filler__equals_bond(driver: OracleDriver) -> None:
    request_id = driver.create()

    driver.stake(driver.validator, request_id, YES, 10 * B0)

    assert driver.staked(request_id, 0, driver.validator, YES) == B0
    assert driver.staked(request_id, 0, driver.validator, NO) == 0
    assert driver.staked(request_id, 0, driver.disputer, YES) == 0


def test_staked__single_filler_of_earlier_round__equals_its_bond(driver: OracleDriver) -> None:
    request_id = driver.create()
    driver.bond_round0(request_id, YES)

    driver.dispute(driver.disputer, request_id, NO, 2 * B0)

    assert driver.staked(request_id, 0, driver.validator, YES) == B0
    assert driver.staked(request_id, 1, driver.disputer, NO) == 2 * B0


def test_staked__crowdfunded__each_share(driver: OracleDriver) -> None:
    request_id = driver.create()

    driver.stake(driver.validator, request_id, YES, 60 * FLX)
    driver.stake(driver.disputer, request_id, YES, 40 * FLX)

    assert driver.staked(request_id, 0, driver.validator, YES) == 60 * FLX
    assert driver.staked(request_id, 0, driver.disputer, YES) == 40 * FLX


def test_staked__round_not_opened__reads_zero(driver: OracleDriver) -> None:
    request_id = driver.create()

    assert driver.staked(request_id, 5, driver.validator, YES) == 0


# --- unknown requests -----------------------------------------------------------------------

_VIEWS: dict[str, Callable[[OracleDriver], object]] = {
    "round_info": lambda driver: driver.round_info(1, 0),
    "current_round": lambda driver: driver.current_round(1),
    "outcome_of": lambda driver: driver.outcome_of(1),
    "staked": lambda driver: driver.staked(1, 0, driver.validator, YES),
    "claimable": lambda driver: driver.claimable(1, driver.validator),
    "request_params": lambda driver: driver.request_params(1),
    "publish_answer": lambda driver: driver.publish_answer(1, "Paris"),
}


@pytest.mark.parametrize("view", _VIEWS.values(), ids=_VIEWS.keys())
def test_view__unknown_request__reverts(
    driver: OracleDriver, view: Callable[[OracleDriver], object]
) -> None:
    driver.create()

    with driver.reverts("oracle: unknown request"):
        view(driver)


# --- publish_answer -------------------------------------------------------------------------


def test_publish_answer__known_request__returns_keccak(driver: OracleDriver) -> None:
    request_id = driver.create(outcomes=(), data_type=0)

    assert driver.publish_answer(request_id, "Paris") == string("Paris")


def test_publish_answer__utf8_text__hashes_utf8_bytes(driver: OracleDriver) -> None:
    request_id = driver.create(outcomes=(), data_type=0)

    assert driver.publish_answer(request_id, "São Paulo ✓") == string("São Paulo ✓")


def test_publish_answer__published_hash__stakeable(driver: OracleDriver) -> None:
    """Money flow: the validator stakes B0 on the published hash."""
    request_id = driver.create(outcomes=(), data_type=0)
    outcome = driver.publish_answer(request_id, "Paris")
    before = driver.balances(driver.validator)

    driver.stake(driver.validator, request_id, outcome, B0)

    after = driver.balances(driver.validator)
    assert delta(before, after, driver.validator)[0] == -B0
    assert driver.round_info(request_id, 0)[3:] == (string("Paris"), True)
