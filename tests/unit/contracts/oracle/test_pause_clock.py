"""The game's clock stops while paused (SPEC §4 Pause): a dispute window open when a pause
began keeps, after the unpause, exactly the time it had left; a window that had closed stays
closed; open periods and arbitration timeouts count unpaused seconds too."""

import boa

from tests.harness.checks import events
from tests.harness.game import ARBITRATION_TIMEOUT_S, CHALLENGE_PERIOD_S, MAX_OPEN_PERIOD_S, NO, YES
from tests.harness.protocol import OracleProtocol

PAUSE_S = 10 * CHALLENGE_PERIOD_S  # far longer than any window


def _bonded_with_seconds_left(protocol: OracleProtocol, left_s: int) -> tuple[int, int]:
    """A request with round 0 bonded on YES and `left_s` seconds left in round 1's window."""
    request_id = protocol.create()
    b0 = protocol.bond_round0(request_id, YES)
    protocol.time_travel(CHALLENGE_PERIOD_S - left_s)
    return request_id, b0


def test_finalize__right_after_a_pause_longer_than_the_window__reverts_window_open(
    protocol: OracleProtocol,
) -> None:
    """A wrong answer bonded 100 s before a long pause cannot be finalized at the unpause:
    nobody could dispute it while paused."""
    request_id, _ = _bonded_with_seconds_left(protocol, 100)
    protocol.pause()
    protocol.time_travel(PAUSE_S)
    protocol.unpause()

    with boa.env.prank(protocol.anyone), boa.reverts("oracle: window open"):
        protocol.oracle.finalize(request_id)
    assert protocol.oracle.outcome_of(request_id) == (False, bytes(32))


def test_stake__after_unpause__window_keeps_the_time_it_had_left(
    protocol: OracleProtocol,
) -> None:
    """Money flow: the disputer bonds round 1 (2·B0) at the last second the window had left
    when the pause began; one second later the window would have been closed."""
    request_id, b0 = _bonded_with_seconds_left(protocol, 100)
    protocol.pause()
    protocol.time_travel(PAUSE_S)
    protocol.unpause()
    protocol.time_travel(99)
    before = protocol.flx.balanceOf(protocol.disputer)

    assert protocol.stake(protocol.disputer, request_id, NO, 2 * b0) == 2 * b0

    assert protocol.flx.balanceOf(protocol.disputer) == before - 2 * b0
    assert protocol.oracle.round_info(request_id, 1)[3:] == (NO, True)


def test_stake__after_unpause_the_time_left_has_run_out__reverts_window_closed(
    protocol: OracleProtocol,
) -> None:
    request_id, b0 = _bonded_with_seconds_left(protocol, 100)
    protocol.pause()
    protocol.time_travel(PAUSE_S)
    protocol.unpause()
    protocol.time_travel(100)
    before = protocol.balances(protocol.disputer)

    with boa.env.prank(protocol.disputer), boa.reverts("oracle: window closed"):
        protocol.oracle.stake(request_id, NO, 2 * b0)

    assert protocol.balances(protocol.disputer) == before
    protocol.finalize(request_id)
    assert protocol.oracle.outcome_of(request_id) == (True, YES)


def test_round_info__open_window_across_a_pause__end_moves_by_the_pause(
    protocol: OracleProtocol,
) -> None:
    request_id, _ = _bonded_with_seconds_left(protocol, 100)
    nominal_end_s = protocol.oracle.round_info(request_id, 1)[2]
    protocol.pause()
    protocol.time_travel(PAUSE_S)

    # While paused, the end is the earliest it can be: as if unpaused now.
    assert protocol.oracle.round_info(request_id, 1)[2] == boa.env.timestamp + 100
    protocol.unpause()

    assert protocol.oracle.round_info(request_id, 1)[2] == nominal_end_s + PAUSE_S
    assert protocol.oracle.pause_clock() == (PAUSE_S, 0, 1)


def test_finalize__window_closed_before_the_pause__still_finalizable_after(
    protocol: OracleProtocol,
) -> None:
    """A window that had run out before the pause began is not reopened by it."""
    request_id = protocol.create()
    protocol.bond_round0(request_id, YES)
    protocol.expire_window(request_id)
    end_s = protocol.oracle.round_info(request_id, 1)[2]
    protocol.pause()
    protocol.time_travel(PAUSE_S)
    protocol.unpause()

    assert protocol.oracle.round_info(request_id, 1)[2] == end_s
    with boa.env.prank(protocol.disputer), boa.reverts("oracle: window closed"):
        protocol.oracle.stake(request_id, NO, 10**18)
    protocol.finalize(request_id)
    assert protocol.oracle.outcome_of(request_id) == (True, YES)


def test_finalize__window_across_two_pauses__both_pauses_added(
    protocol: OracleProtocol,
) -> None:
    """A window open across two pauses gets both back: closed exactly at the nominal end plus
    both pauses, open one second before."""
    request_id, _ = _bonded_with_seconds_left(protocol, 1_000)
    nominal_end_s = protocol.oracle.round_info(request_id, 1)[2]
    for pause_s in (PAUSE_S, 2 * PAUSE_S):
        protocol.pause()
        protocol.time_travel(pause_s)
        protocol.unpause()
        protocol.time_travel(300)
    end_s = protocol.oracle.round_info(request_id, 1)[2]
    assert end_s == nominal_end_s + 3 * PAUSE_S
    assert protocol.oracle.pause_clock() == (3 * PAUSE_S, 0, 2)

    protocol.time_travel(end_s - 1 - boa.env.timestamp)
    with boa.env.prank(protocol.anyone), boa.reverts("oracle: window open"):
        protocol.oracle.finalize(request_id)
    protocol.time_travel(1)
    protocol.finalize(request_id)
    assert protocol.oracle.outcome_of(request_id) == (True, YES)


def test_finalize__window_opened_after_an_old_pause__not_extended(
    protocol: OracleProtocol,
) -> None:
    """Pauses that ended before a window opened do not move it."""
    protocol.pause()
    protocol.time_travel(PAUSE_S)
    protocol.unpause()
    protocol.time_travel(60)
    request_id = protocol.create()
    protocol.bond_round0(request_id, YES)
    bonded_s = boa.env.timestamp

    assert protocol.oracle.round_info(request_id, 1)[2] == bonded_s + CHALLENGE_PERIOD_S
    protocol.time_travel(CHALLENGE_PERIOD_S)
    protocol.finalize(request_id)


def test_cancel__open_period_counts_only_unpaused_time(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.time_travel(MAX_OPEN_PERIOD_S - 10)
    protocol.pause()
    protocol.time_travel(PAUSE_S)
    protocol.unpause()
    protocol.time_travel(9)

    with boa.reverts("oracle: still open"):
        protocol.cancel(request_id)
    protocol.time_travel(1)
    protocol.cancel(request_id)
    assert protocol.oracle.outcome_of(request_id)[0]


def test_finalize__arbitration_timeout_counts_only_unpaused_time(
    protocol: OracleProtocol,
) -> None:
    request_id = protocol.create()
    protocol.escalate(request_id)
    protocol.time_travel(ARBITRATION_TIMEOUT_S - 10)
    protocol.pause()
    protocol.time_travel(PAUSE_S)
    protocol.unpause()
    protocol.time_travel(9)

    with boa.env.prank(protocol.anyone), boa.reverts("oracle: escalated"):
        protocol.oracle.finalize(request_id)
    protocol.arbitrate(request_id, YES)
    assert protocol.oracle.outcome_of(request_id) == (True, YES)


def test_pause__while_paused_only_exits_work(protocol: OracleProtocol) -> None:
    """While paused: stake, finalize, cancel and arbitrate revert; unstake, claim and withdraw
    work (tested in their own files)."""
    request_id = protocol.create()
    protocol.pause()

    for call in (
        lambda: protocol.stake(protocol.validator, request_id, YES, 10**18),
        lambda: protocol.finalize(request_id),
        lambda: protocol.cancel(request_id),
        lambda: protocol.arbitrate(request_id, YES),
    ):
        with boa.reverts("pausable: contract is paused"):
            call()
    assert events(protocol.oracle, "Staked") == []
