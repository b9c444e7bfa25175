"""The keeper's decisions: when to call `FeedAggregator.update()`, which requests to finalize.

Keeping costs gas and earns nothing, so any node may run it and none does by default; a
keeper proposes a transaction only when it cannot revert on what was just read.

**Aggregators.** `update()` writes a round only if `peek()` (what it would store now) is newer
than the latest round (`aggregator: median not newer` otherwise) and at least `min_interval`
after the previous update (`aggregator: too soon`). Within those, it is worth a transaction
when the aggregator has no round yet, when its latest round is at least `heartbeat_s` old, or
when `peek()`'s answer deviates at least `deviation_bps` from the latest answer.

**Requests.** Finalize every request `finalize` would accept now (the rule the validator uses,
`fluxo.node.policy.finalize`).
"""

from collections.abc import Iterable
from enum import StrEnum

from fluxo.node.policy.actions import Finalize
from fluxo.node.policy.deviation import deviation_reached
from fluxo.node.policy.finalize import decide_finalize
from fluxo.node.policy.request_view import RequestView


class UpdateReason(StrEnum):
    """Why an aggregator update is worth a transaction."""

    FIRST_ROUND = "first_round"  # the aggregator has never been updated
    HEARTBEAT = "heartbeat"  # the latest round is too old
    DEVIATION = "deviation"  # the live aggregate moved too far from the latest round


def aggregator_update_reason(
    peek_answer: int,
    peek_updated_at_s: int,
    latest_answer: int,
    latest_updated_at_s: int,
    now_s: int,
    deviation_bps: int,
    heartbeat_s: int,
    *,
    last_update_s: int = 0,
    min_interval_s: int = 0,
) -> UpdateReason | None:
    """Why `update()` should be called now, or None (not worth it, or it would revert).

    `latest_updated_at_s` is 0 for an aggregator without a round; `last_update_s` is
    `last_update_time()` (0 before the first update).
    """
    if heartbeat_s < 1:
        raise ValueError(f"heartbeat_s must be at least 1, got {heartbeat_s}")
    if last_update_s > 0 and now_s < last_update_s + min_interval_s:
        return None
    if latest_updated_at_s == 0:
        return UpdateReason.FIRST_ROUND
    if peek_updated_at_s <= latest_updated_at_s:
        return None  # the same sources would write the same round again: it reverts
    if now_s - latest_updated_at_s >= heartbeat_s:
        return UpdateReason.HEARTBEAT
    if deviation_reached(peek_answer, latest_answer, deviation_bps):
        return UpdateReason.DEVIATION
    return None


def should_update_aggregator(
    peek_answer: int,
    peek_updated_at_s: int,
    latest_answer: int,
    latest_updated_at_s: int,
    now_s: int,
    deviation_bps: int,
    heartbeat_s: int,
    *,
    last_update_s: int = 0,
    min_interval_s: int = 0,
) -> bool:
    """Whether to call `update()` now (see `aggregator_update_reason`)."""
    reason = aggregator_update_reason(
        peek_answer,
        peek_updated_at_s,
        latest_answer,
        latest_updated_at_s,
        now_s,
        deviation_bps,
        heartbeat_s,
        last_update_s=last_update_s,
        min_interval_s=min_interval_s,
    )
    return reason is not None


def decide_keeper_finalize(views: Iterable[RequestView], now_s: int) -> list[Finalize]:
    """Every `finalize` that succeeds now and was not decided yet, by request id."""
    finalizes = (decide_finalize(view, now_s) for view in views)
    return sorted(
        (action for action in finalizes if action is not None),
        key=lambda action: action.request_id,
    )
