"""`unstake` (SPEC §4): stake that did not bond comes back at any time, even while paused;
bonded stake never."""

from tests.harness.checks import delta
from tests.harness.game import FLX, INVALID, MIN_BOND_WEI, NO, YES
from tests.harness.oracle_driver import OracleDriver

B0 = MIN_BOND_WEI


def _assert_unstake_rejected(
    driver: OracleDriver,
    staker: str,
    request_id: int,
    round_index: int,
    outcome: bytes,
    amount_wei: int,
    reason: str,
) -> None:
    """The unstake reverts with `reason` and moves no tokens."""
    before = driver.balances(staker)
    with driver.reverts(reason):
        driver.unstake(staker, request_id, round_index, outcome, amount_wei)
    assert driver.balances(staker) == before


def _finalize_yes(driver: OracleDriver, request_id: int) -> None:
    driver.expire_window(request_id)
    driver.finalize(request_id)
    assert driver.outcome_of(request_id) == (True, YES)


# --- what can be withdrawn ------------------------------------------------------------------


def test_unstake__partial_stake_in_open_round0__returned(driver: OracleDriver) -> None:
    """Money flow: validator stakes 40 FLX on YES (partial) and withdraws all 40 FLX."""
    request_id = driver.create()
    driver.stake(driver.validator, request_id, YES, 40 * FLX)
    before = driver.balances(driver.validator)

    driver.unstake(driver.validator, request_id, 0, YES, 40 * FLX)

    after = driver.balances(driver.validator)
    assert delta(before, after, driver.validator)[0] == 40 * FLX
    assert delta(before, after, driver.oracle)[0] == -40 * FLX
    assert driver.staked(request_id, 0, driver.validator, YES) == 0


def test_unstake__part_of_partial_stake__rest_stays(driver: OracleDriver) -> None:
    """Money flow: of a 40 FLX partial stake, 15 FLX come back and 25 FLX stay staked."""
    request_id = driver.create()
    driver.stake(driver.validator, request_id, YES, 40 * FLX)
    before = driver.balances(driver.validator)

    driver.unstake(driver.validator, request_id, 0, YES, 15 * FLX)

    after = driver.balances(driver.validator)
    assert delta(before, after, driver.validator)[0] == 15 * FLX
    assert delta(before, after, driver.oracle)[0] == -15 * FLX
    assert driver.staked(request_id, 0, driver.validator, YES) == 25 * FLX


def test_unstake__withdrawn_stake__no_longer_counts_toward_bond(driver: OracleDriver) -> None:
    """Money flow: validator's 60 FLX on YES is withdrawn, so the disputer's later YES stake
    must pay the whole B0 (100 FLX), not 40 FLX."""
    request_id = driver.create()
    driver.stake(driver.validator, request_id, YES, 60 * FLX)
    driver.unstake(driver.validator, request_id, 0, YES, 60 * FLX)
    before = driver.balances(driver.disputer)

    taken = driver.stake(driver.disputer, request_id, YES, 1_000 * FLX)

    after = driver.balances(driver.disputer)
    assert taken == B0
    assert delta(before, after, driver.disputer)[0] == -B0
    assert after[driver.oracle][0] == B0


def test_unstake__non_bonded_outcome_of_bonded_round__returned(driver: OracleDriver) -> None:
    """Money flow: disputer's 50 FLX on NO stays partial while YES bonds round 0; the 50 FLX
    come back and the validator's bond stays."""
    request_id = driver.create()
    driver.stake(driver.disputer, request_id, NO, 50 * FLX)
    driver.bond_round0(request_id, YES)
    before = driver.balances(driver.disputer)

    driver.unstake(driver.disputer, request_id, 0, NO, 50 * FLX)

    after = driver.balances(driver.disputer)
    assert delta(before, after, driver.disputer)[0] == 50 * FLX
    assert delta(before, after, driver.oracle)[0] == -50 * FLX
    assert after[driver.oracle][0] == B0
    assert driver.staked(request_id, 0, driver.validator, YES) == B0


def test_unstake__non_bonded_outcome_after_finalization__returned_in_pieces(
    driver: OracleDriver,
) -> None:
    """Money flow: the disputer's 50 FLX on round 0's losing NO come back after YES is final,
    in two pieces (30 then 20 FLX); neither slashed nor rewarded."""
    request_id = driver.create()
    driver.stake(driver.disputer, request_id, NO, 50 * FLX)
    driver.bond_round0(request_id, YES)
    _finalize_yes(driver, request_id)
    before = driver.balances(driver.disputer)

    driver.unstake(driver.disputer, request_id, 0, NO, 30 * FLX)
    driver.unstake(driver.disputer, request_id, 0, NO, 20 * FLX)

    after = driver.balances(driver.disputer)
    assert delta(before, after, driver.disputer)[0] == 50 * FLX
    assert delta(before, after, driver.oracle)[0] == -50 * FLX


def test_unstake__unfilled_round_before_finalization__returned(driver: OracleDriver) -> None:
    """Money flow: disputer -> Oracle 90 FLX into round 1, then Oracle -> disputer 90 FLX while
    the window is still open; the validator's B0 stays."""
    request_id = driver.create()
    driver.bond_round0(request_id, YES)
    before = driver.balances(driver.disputer)
    driver.dispute(driver.disputer, request_id, NO, 90 * FLX)
    assert delta(before, driver.balances(driver.disputer), driver.disputer)[0] == -90 * FLX

    driver.next_block()
    driver.unstake(driver.disputer, request_id, 1, NO, 90 * FLX)

    after = driver.balances(driver.disputer)
    assert after[driver.disputer] == before[driver.disputer]
    assert after[driver.oracle][0] == B0
    assert driver.staked(request_id, 1, driver.disputer, NO) == 0


def test_unstake__unfilled_last_round_after_finalization__returned(driver: OracleDriver) -> None:
    """Money flow: disputer's 90 FLX on NO in round 1 never filled 2·B0; after YES is final the
    90 FLX come back in full."""
    request_id = driver.create()
    driver.bond_round0(request_id, YES)
    driver.dispute(driver.disputer, request_id, NO, 90 * FLX)
    _finalize_yes(driver, request_id)
    before = driver.balances(driver.disputer)

    driver.unstake(driver.disputer, request_id, 1, NO, 90 * FLX)

    after = driver.balances(driver.disputer)
    assert delta(before, after, driver.disputer)[0] == 90 * FLX
    assert delta(before, after, driver.oracle)[0] == -90 * FLX
    assert driver.staked(request_id, 1, driver.disputer, NO) == 0


def test_unstake__unfilled_round_after_finalization_while_paused__returned(
    driver: OracleDriver,
) -> None:
    """Money flow: as above, with the Oracle paused: 90 FLX back to the disputer."""
    request_id = driver.create()
    driver.bond_round0(request_id, YES)
    driver.dispute(driver.disputer, request_id, NO, 90 * FLX)
    _finalize_yes(driver, request_id)
    driver.pause()
    before = driver.balances(driver.disputer)

    driver.unstake(driver.disputer, request_id, 1, NO, 90 * FLX)

    after = driver.balances(driver.disputer)
    assert delta(before, after, driver.disputer)[0] == 90 * FLX


def test_unstake__paused__returns_stake(driver: OracleDriver) -> None:
    """Money flow: the validator's partial 40 FLX stake comes back while the Oracle is paused."""
    request_id = driver.create()
    driver.stake(driver.validator, request_id, YES, 40 * FLX)
    driver.pause()
    before = driver.balances(driver.validator)

    driver.unstake(driver.validator, request_id, 0, YES, 40 * FLX)

    after = driver.balances(driver.validator)
    assert delta(before, after, driver.validator) == (40 * FLX, 0)
    assert delta(before, after, driver.oracle) == (-40 * FLX, 0)
    assert driver.staked(request_id, 0, driver.validator, YES) == 0


def test_unstake__escalated_request_unfilled_outcome__returned(driver: OracleDriver) -> None:
    """Money flow: a 30 FLX INVALID stake in escalated round 4 that did not bond comes back."""
    request_id = driver.create()
    for round_index, (staker, outcome) in enumerate(
        [(driver.validator, YES), (driver.disputer, NO)] * 2
    ):
        if round_index:
            driver.next_block()
        driver.stake(staker, request_id, outcome, B0 << round_index)
    driver.dispute(driver.counter_disputer, request_id, INVALID, 30 * FLX)
    driver.stake(driver.validator, request_id, YES, 16 * B0)
    before = driver.balances(driver.counter_disputer)

    driver.unstake(driver.counter_disputer, request_id, 4, INVALID, 30 * FLX)

    after = driver.balances(driver.counter_disputer)
    assert delta(before, after, driver.counter_disputer)[0] == 30 * FLX


# --- what cannot ----------------------------------------------------------------------------


def test_unstake__single_filler_bonded_outcome__reverts(driver: OracleDriver) -> None:
    request_id = driver.create()
    driver.bond_round0(request_id, YES)

    _assert_unstake_rejected(
        driver, driver.validator, request_id, 0, YES, 1, "oracle: outcome bonded"
    )


def test_unstake__bonded_outcome_by_a_stranger__reverts_before_insufficient_stake(
    driver: OracleDriver,
) -> None:
    request_id = driver.create()
    driver.bond_round0(request_id, YES)

    _assert_unstake_rejected(
        driver, driver.stranger, request_id, 0, YES, 1, "oracle: outcome bonded"
    )


def test_unstake__crowdfunded_bonded_outcome__reverts(driver: OracleDriver) -> None:
    request_id = driver.create()
    driver.stake(driver.validator, request_id, YES, 60 * FLX)
    driver.stake(driver.disputer, request_id, YES, 40 * FLX)

    _assert_unstake_rejected(
        driver, driver.validator, request_id, 0, YES, 60 * FLX, "oracle: outcome bonded"
    )
    _assert_unstake_rejected(
        driver, driver.disputer, request_id, 0, YES, 1, "oracle: outcome bonded"
    )


def test_unstake__bonded_outcome_after_finalization__reverts(driver: OracleDriver) -> None:
    request_id = driver.create()
    driver.stake(driver.validator, request_id, YES, 60 * FLX)
    driver.stake(driver.disputer, request_id, YES, 40 * FLX)
    _finalize_yes(driver, request_id)

    _assert_unstake_rejected(
        driver, driver.validator, request_id, 0, YES, 60 * FLX, "oracle: outcome bonded"
    )


def test_unstake__losing_bonded_outcome_of_earlier_round__reverts(driver: OracleDriver) -> None:
    """Round 0's YES bond is slashed once NO wins: it is bonded stake, never unstakeable."""
    request_id = driver.create()
    driver.bond_round0(request_id, YES)
    driver.dispute(driver.disputer, request_id, NO, 2 * B0)
    driver.expire_window(request_id)
    driver.finalize(request_id)

    _assert_unstake_rejected(
        driver, driver.validator, request_id, 0, YES, B0, "oracle: outcome bonded"
    )


def test_unstake__more_than_staked__reverts(driver: OracleDriver) -> None:
    request_id = driver.create()
    driver.stake(driver.validator, request_id, YES, 40 * FLX)

    _assert_unstake_rejected(
        driver, driver.validator, request_id, 0, YES, 40 * FLX + 1, "oracle: insufficient stake"
    )
    assert driver.staked(request_id, 0, driver.validator, YES) == 40 * FLX


def test_unstake__other_outcome_than_staked__reverts(driver: OracleDriver) -> None:
    request_id = driver.create()
    driver.stake(driver.validator, request_id, YES, 40 * FLX)

    _assert_unstake_rejected(
        driver, driver.validator, request_id, 0, NO, 1, "oracle: insufficient stake"
    )


def test_unstake__someone_elses_stake__reverts(driver: OracleDriver) -> None:
    request_id = driver.create()
    driver.stake(driver.validator, request_id, YES, 40 * FLX)

    _assert_unstake_rejected(
        driver, driver.stranger, request_id, 0, YES, 1, "oracle: insufficient stake"
    )


def test_unstake__twice__second_reverts(driver: OracleDriver) -> None:
    request_id = driver.create()
    driver.stake(driver.validator, request_id, YES, 40 * FLX)
    driver.unstake(driver.validator, request_id, 0, YES, 40 * FLX)

    _assert_unstake_rejected(
        driver, driver.validator, request_id, 0, YES, 40 * FLX, "oracle: insufficient stake"
    )


def test_unstake__round_beyond_current__reverts(driver: OracleDriver) -> None:
    request_id = driver.create()
    driver.stake(driver.validator, request_id, YES, 40 * FLX)

    _assert_unstake_rejected(
        driver, driver.validator, request_id, 1, YES, 1, "oracle: unknown round"
    )


def test_unstake__round_beyond_escalated_round__reverts(driver: OracleDriver) -> None:
    request_id = driver.create()
    driver.escalate(request_id)
    assert driver.current_round(request_id) == 4

    _assert_unstake_rejected(driver, driver.disputer, request_id, 5, NO, 1, "oracle: unknown round")


def test_unstake__zero_amount__reverts(driver: OracleDriver) -> None:
    request_id = driver.create()
    driver.stake(driver.validator, request_id, YES, 40 * FLX)

    _assert_unstake_rejected(driver, driver.validator, request_id, 0, YES, 0, "oracle: zero amount")


def test_unstake__zero_amount__reverts_before_unknown_round(driver: OracleDriver) -> None:
    request_id = driver.create()

    _assert_unstake_rejected(driver, driver.disputer, request_id, 9, NO, 0, "oracle: zero amount")


def test_unstake__unknown_request__reverts(driver: OracleDriver) -> None:
    request_id = driver.create()
    driver.stake(driver.validator, request_id, YES, 40 * FLX)

    _assert_unstake_rejected(
        driver, driver.validator, request_id + 1, 0, YES, 1, "oracle: unknown request"
    )


def test_unstake__unknown_request__reverts_before_zero_amount(driver: OracleDriver) -> None:
    _assert_unstake_rejected(driver, driver.disputer, 0, 0, NO, 0, "oracle: unknown request")
