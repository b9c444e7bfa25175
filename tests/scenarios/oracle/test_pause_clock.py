"""The game's clock stops while paused (SPEC §4 Pause): a dispute window open when a pause
began keeps, after the unpause, exactly the time it had left; a window that had closed stays
closed; open periods and arbitration timeouts count unpaused seconds too."""

from tests.harness.game import (
    ARBITRATION_TIMEOUT_S,
    CHALLENGE_PERIOD_S,
    MAX_OPEN_PERIOD_S,
    NO,
    YES,
)
from tests.harness.oracle_driver import OracleDriver

PAUSE_S = 10 * CHALLENGE_PERIOD_S  # far longer than any window
EMPTY = bytes(32)


def _bonded_with_seconds_left(driver: OracleDriver, left_s: int) -> tuple[int, int]:
    """A request with round 0 bonded on YES and `left_s` seconds left in round 1's window."""
    request_id = driver.create()
    b0 = driver.bond_round0(request_id, YES)
    driver.time_travel(CHALLENGE_PERIOD_S - left_s)
    return request_id, b0


def _pause_for(driver: OracleDriver, pause_s: int) -> None:
    driver.pause()
    driver.time_travel(pause_s)
    driver.unpause()


def test_finalize__right_after_a_pause_longer_than_the_window__reverts_window_open(
    driver: OracleDriver,
) -> None:
    """A wrong answer bonded 100 s before a long pause cannot be finalized at the unpause:
    nobody could dispute it while paused."""
    request_id, _ = _bonded_with_seconds_left(driver, 100)
    _pause_for(driver, PAUSE_S)

    with driver.reverts("oracle: window open"):
        driver.finalize(request_id)

    assert driver.outcome_of(request_id) == (False, EMPTY)


def test_stake__after_unpause__window_keeps_the_time_it_had_left(driver: OracleDriver) -> None:
    """Money flow: the disputer bonds round 1 (2·B0) at the last second the window had left
    when the pause began; one second later the window would have been closed."""
    request_id, b0 = _bonded_with_seconds_left(driver, 100)
    _pause_for(driver, PAUSE_S)
    driver.time_travel(99)
    before = driver.balances(driver.disputer)

    assert driver.stake(driver.disputer, request_id, NO, 2 * b0) == 2 * b0

    after = driver.balances(driver.disputer)
    assert after[driver.disputer][0] == before[driver.disputer][0] - 2 * b0
    assert driver.round_info(request_id, 1)[3:] == (NO, True)


def test_stake__after_unpause_the_time_left_has_run_out__reverts_window_closed(
    driver: OracleDriver,
) -> None:
    request_id, b0 = _bonded_with_seconds_left(driver, 100)
    _pause_for(driver, PAUSE_S)
    driver.time_travel(100)
    before = driver.balances(driver.disputer)

    with driver.reverts("oracle: window closed"):
        driver.stake(driver.disputer, request_id, NO, 2 * b0)

    assert driver.balances(driver.disputer) == before
    driver.finalize(request_id)
    assert driver.outcome_of(request_id) == (True, YES)


def test_round_info__open_window_across_a_pause__end_moves_by_the_pause(
    driver: OracleDriver,
) -> None:
    request_id, _ = _bonded_with_seconds_left(driver, 100)
    nominal_end_s = driver.round_info(request_id, 1)[2]
    pause_started_s = driver.now_s
    driver.pause()
    driver.time_travel(PAUSE_S)

    # While paused, the end is the earliest it can be: as if unpaused now.
    assert driver.round_info(request_id, 1)[2] == driver.now_s + 100
    assert driver.pause_clock() == (0, pause_started_s, 0)
    driver.unpause()

    assert driver.round_info(request_id, 1)[2] == nominal_end_s + PAUSE_S
    assert driver.pause_clock() == (PAUSE_S, 0, 1)


def test_finalize__window_closed_before_the_pause__still_finalizable_after(
    driver: OracleDriver,
) -> None:
    """A window that had run out before the pause began is not reopened by it."""
    request_id = driver.create()
    driver.bond_round0(request_id, YES)
    driver.expire_window(request_id)
    end_s = driver.round_info(request_id, 1)[2]
    _pause_for(driver, PAUSE_S)

    assert driver.round_info(request_id, 1)[2] == end_s
    with driver.reverts("oracle: window closed"):
        driver.stake(driver.disputer, request_id, NO, 10**18)
    driver.finalize(request_id)
    assert driver.outcome_of(request_id) == (True, YES)


def test_finalize__window_across_two_pauses__both_pauses_added(driver: OracleDriver) -> None:
    """A window open across two pauses gets both back: closed exactly at the nominal end plus
    both pauses, open one second before."""
    request_id, _ = _bonded_with_seconds_left(driver, 1_000)
    nominal_end_s = driver.round_info(request_id, 1)[2]
    for pause_s in (PAUSE_S, 2 * PAUSE_S):
        _pause_for(driver, pause_s)
        driver.time_travel(300)
    end_s = driver.round_info(request_id, 1)[2]
    assert end_s == nominal_end_s + 3 * PAUSE_S
    assert driver.pause_clock() == (3 * PAUSE_S, 0, 2)

    driver.time_travel(end_s - 1 - driver.now_s)
    with driver.reverts("oracle: window open"):
        driver.finalize(request_id)
    driver.time_travel(1)
    driver.finalize(request_id)
    assert driver.outcome_of(request_id) == (True, YES)


def test_finalize__window_opened_after_an_old_pause__not_extended(driver: OracleDriver) -> None:
    """Pauses that ended before a window opened do not move it."""
    _pause_for(driver, PAUSE_S)
    driver.time_travel(60)
    request_id = driver.create()
    driver.bond_round0(request_id, YES)
    bonded_s = driver.now_s

    assert driver.round_info(request_id, 1)[2] == bonded_s + CHALLENGE_PERIOD_S
    driver.time_travel(CHALLENGE_PERIOD_S)
    driver.finalize(request_id)
    assert driver.outcome_of(request_id) == (True, YES)


def test_cancel__open_period_counts_only_unpaused_time(driver: OracleDriver) -> None:
    request_id = driver.create()
    driver.time_travel(MAX_OPEN_PERIOD_S - 10)
    _pause_for(driver, PAUSE_S)
    driver.time_travel(9)

    with driver.reverts("oracle: still open"):
        driver.cancel(request_id)
    driver.time_travel(1)
    driver.cancel(request_id)
    assert driver.outcome_of(request_id)[0]


def test_finalize__arbitration_timeout_counts_only_unpaused_time(driver: OracleDriver) -> None:
    request_id = driver.create()
    driver.escalate(request_id)
    driver.time_travel(ARBITRATION_TIMEOUT_S - 10)
    _pause_for(driver, PAUSE_S)
    driver.time_travel(9)

    with driver.reverts("oracle: escalated"):
        driver.finalize(request_id)
    driver.arbitrate(request_id, YES)
    assert driver.outcome_of(request_id) == (True, YES)


def test_pause__while_paused_only_exits_work(driver: OracleDriver) -> None:
    """While paused: stake, finalize, cancel and arbitrate revert and nothing is staked;
    unstake, claim and withdraw work (tested in their own files)."""
    request_id = driver.create()
    driver.pause()

    for call in (
        lambda: driver.stake(driver.validator, request_id, YES, 10**18),
        lambda: driver.finalize(request_id),
        lambda: driver.cancel(request_id),
        lambda: driver.arbitrate(request_id, YES),
    ):
        with driver.reverts("pausable: contract is paused"):
            call()
    assert driver.staked(request_id, 0, driver.validator, YES) == 0
