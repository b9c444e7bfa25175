"""When `finalize` succeeds: the one rule the validator and the keeper share.

`finalize` is permissionless, costs gas and earns nothing, so a node proposes it only when the
transaction cannot revert on the view it just read:

* an open round `r >= 1` whose window has closed (`block time >= end`): the request settles on
  round `r - 1`'s bonded outcome;
* an escalated request whose arbitrator let `arbitration_timeout` pass: it settles INVALID and
  every bond is returned;
* never while the Oracle is paused, never before anything bonded (round 0 has no deadline; an
  unanswered request is its requester's to cancel), never twice.
"""

from fluxo.node.policy.actions import Finalize, FinalizeReason
from fluxo.node.policy.request_view import RequestView


def finalize_reason(view: RequestView, now_s: int) -> FinalizeReason | None:
    """Why `finalize` would succeed in a block at `now_s`, or None if it would revert."""
    if view.finalized or view.paused:
        return None
    if view.escalated:
        deadline_s = view.arbitration_deadline_s
        if deadline_s is not None and now_s >= deadline_s:
            return FinalizeReason.ARBITRATION_EXPIRED
        return None
    if view.current_round == 0:
        return None
    if now_s >= view.current.end_s:
        return FinalizeReason.WINDOW_EXPIRED
    return None


def decide_finalize(view: RequestView, now_s: int) -> Finalize | None:
    """The `Finalize` to send now, unless it would revert or was already decided."""
    reason = finalize_reason(view, now_s)
    if reason is None:
        return None
    action = Finalize(view.request_id, view.current_round, reason)
    if action.key in view.decided:
        return None
    return action
