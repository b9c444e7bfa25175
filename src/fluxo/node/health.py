"""Whether the node is healthy, as a pure function of what the loop and the RPC pool report.

    status = health_status(last_loop_progress_s, time.time(), poll_interval_s, rpc_healthy)
    # GET /health answers 200 if status.ok else 503, with status.body as JSON

Healthy means both: the main loop completed a turn within the last `STALL_POLL_INTERVALS` poll
intervals (a loop stuck on a hung call, a deadlock or a crash stops refreshing it), and at least
one RPC endpoint is healthy (without one the node can neither see nor act). A node that just
started has made no progress yet and is unhealthy until its first turn completes. `reasons` are
the caller's own explanations (an endpoint's error, which chain is down); they are shown in the
body and do not change the verdict.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

# A loop that missed this many turns in a row is stalled.
STALL_POLL_INTERVALS: Final = 3


@dataclass(frozen=True, slots=True)
class HealthStatus:
    """The verdict and the JSON body that explains it."""

    ok: bool
    body: dict[str, Any]

    @property
    def status_code(self) -> int:
        return 200 if self.ok else 503


def health_status(
    last_loop_progress_s: float | None,
    now_s: float,
    poll_interval_s: float,
    rpc_healthy: bool,
    reasons: Sequence[str] = (),
) -> HealthStatus:
    """Healthy iff the loop progressed within 3 poll intervals and an RPC is healthy."""
    if poll_interval_s <= 0:
        raise ValueError(f"poll_interval_s must be positive, got {poll_interval_s}")
    max_age_s = STALL_POLL_INTERVALS * poll_interval_s
    problems: list[str] = []
    age_s: float | None = None
    if last_loop_progress_s is None:
        problems.append("the main loop has not completed a turn yet")
    else:
        age_s = max(0.0, now_s - last_loop_progress_s)
        if age_s > max_age_s:
            problems.append(
                f"the main loop last progressed {age_s:.1f} s ago (limit {max_age_s:.1f} s)"
            )
    if not rpc_healthy:
        problems.append("no RPC endpoint is healthy")
    body: dict[str, Any] = {
        "status": "ok" if not problems else "unhealthy",
        "problems": problems,
        "reasons": list(reasons),
        "last_loop_progress_age_s": None if age_s is None else round(age_s, 3),
        "max_loop_progress_age_s": max_age_s,
        "rpc_healthy": rpc_healthy,
    }
    return HealthStatus(ok=not problems, body=body)
