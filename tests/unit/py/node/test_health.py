"""Health: 200 only while the loop progresses and an RPC is healthy, and the body says why."""

import pytest

from fluxo.node.health import health_status

NOW_S = 1_700_000_000.0
POLL_S = 5.0


@pytest.mark.parametrize(
    ("last_progress_s", "rpc_healthy", "ok", "problem"),
    [
        pytest.param(NOW_S - 1, True, True, None, id="fresh_loop_and_rpc__healthy"),
        pytest.param(NOW_S - 15, True, True, None, id="exactly_three_intervals__healthy"),
        pytest.param(NOW_S - 15.1, True, False, "last progressed 15.1 s ago", id="loop_stalled"),
        pytest.param(None, True, False, "not completed a turn", id="loop_never_turned"),
        pytest.param(NOW_S - 1, False, False, "no RPC endpoint", id="no_healthy_rpc"),
        pytest.param(NOW_S + 2, True, True, None, id="progress_clock_ahead__healthy"),
    ],
)
def test_health_status__situation__verdict_and_reason(
    last_progress_s: float | None, rpc_healthy: bool, ok: bool, problem: str | None
) -> None:
    status = health_status(last_progress_s, NOW_S, POLL_S, rpc_healthy)

    assert status.ok is ok
    assert status.status_code == (200 if ok else 503)
    assert status.body["status"] == ("ok" if ok else "unhealthy")
    if problem is None:
        assert status.body["problems"] == []
    else:
        assert any(problem in text for text in status.body["problems"])


def test_health_status__stalled_loop_and_no_rpc__both_reported() -> None:
    status = health_status(NOW_S - 60, NOW_S, POLL_S, False, ["devnet: connection refused"])

    assert len(status.body["problems"]) == 2
    assert status.body["reasons"] == ["devnet: connection refused"]
    assert status.body["last_loop_progress_age_s"] == 60
    assert status.body["max_loop_progress_age_s"] == 15


def test_health_status__reasons_alone__do_not_make_it_unhealthy() -> None:
    status = health_status(NOW_S, NOW_S, POLL_S, True, ["backup endpoint down"])

    assert status.ok
    assert status.body["reasons"] == ["backup endpoint down"]


def test_health_status__zero_poll_interval__rejected() -> None:
    with pytest.raises(ValueError, match="poll_interval_s"):
        health_status(NOW_S, NOW_S, 0, True)
