"""The keeper policy: update an aggregator only when it writes and is worth it; finalize what
`finalize` accepts."""

from dataclasses import replace

import pytest

from fluxo.domain.outcome import OutcomeKind, categorical
from fluxo.node.policy.actions import ActionKind, DecisionKey, Finalize, FinalizeReason
from fluxo.node.policy.keeper import (
    UpdateReason,
    aggregator_update_reason,
    decide_keeper_finalize,
    should_update_aggregator,
)
from fluxo.node.policy.request_view import RequestView, RoundView

NOW_S = 1_700_000_000
HEARTBEAT_S = 3_600
LATEST_S = NOW_S - 600
PEEK_S = NOW_S - 10


@pytest.mark.parametrize(
    ("peek", "latest", "overrides", "expected"),
    [
        pytest.param(
            (2_000, PEEK_S), (0, 0), {}, UpdateReason.FIRST_ROUND, id="no_round_yet__updates"
        ),
        pytest.param(
            (2_010, PEEK_S),
            (2_000, LATEST_S),
            {},
            UpdateReason.DEVIATION,
            id="moved_50bps__updates",
        ),
        pytest.param((2_009, PEEK_S), (2_000, LATEST_S), {}, None, id="moved_45bps__quiet"),
        pytest.param(
            (1_990, PEEK_S), (2_000, LATEST_S), {}, UpdateReason.DEVIATION, id="fell_50bps__updates"
        ),
        pytest.param(
            (2_000, PEEK_S),
            (2_000, NOW_S - HEARTBEAT_S),
            {},
            UpdateReason.HEARTBEAT,
            id="round_heartbeat_old__updates",
        ),
        pytest.param(
            (2_000, PEEK_S), (2_000, NOW_S - HEARTBEAT_S + 1), {}, None, id="round_younger__quiet"
        ),
        pytest.param(
            (2_500, LATEST_S),
            (2_000, LATEST_S),
            {},
            None,
            id="peek_not_newer_than_latest__would_revert__quiet",
        ),
        pytest.param(
            (2_000, NOW_S - HEARTBEAT_S - 5),
            (2_000, NOW_S - HEARTBEAT_S - 5),
            {},
            None,
            id="heartbeat_passed_but_sources_stale__quiet",
        ),
        pytest.param(
            (2_500, PEEK_S),
            (2_000, LATEST_S),
            {"last_update_s": NOW_S - 59, "min_interval_s": 60},
            None,
            id="within_min_interval__would_revert__quiet",
        ),
        pytest.param(
            (2_500, PEEK_S),
            (2_000, LATEST_S),
            {"last_update_s": NOW_S - 60, "min_interval_s": 60},
            UpdateReason.DEVIATION,
            id="min_interval_passed__updates",
        ),
    ],
)
def test_aggregator_update_reason__situation__reason(
    peek: tuple[int, int],
    latest: tuple[int, int],
    overrides: dict[str, int],
    expected: UpdateReason | None,
) -> None:
    args = (*peek, *latest, NOW_S, 50, HEARTBEAT_S)

    assert aggregator_update_reason(*args, **overrides) is expected
    assert should_update_aggregator(*args, **overrides) is (expected is not None)


def test_should_update_aggregator__zero_heartbeat__rejected() -> None:
    with pytest.raises(ValueError, match="heartbeat_s"):
        should_update_aggregator(1, PEEK_S, 1, LATEST_S, NOW_S, 50, 0)


YES = categorical(1)
BONDED_S = NOW_S - 4_000
OPEN = RequestView(1, OutcomeKind.CATEGORICAL, NOW_S - 9_000, (RoundView(100, NOW_S - 9_000, 0),))
EXPIRED = replace(
    OPEN,
    request_id=2,
    rounds=(RoundView(100, NOW_S - 9_000, 0, YES), RoundView(200, BONDED_S, NOW_S)),
)
WINDOW_OPEN = replace(
    EXPIRED,
    request_id=3,
    rounds=(RoundView(100, NOW_S - 9_000, 0, YES), RoundView(200, BONDED_S, NOW_S + 1)),
)
ESCALATED = replace(
    OPEN,
    request_id=4,
    rounds=(RoundView(100, NOW_S - 9_000, 0, YES),),
    escalated=True,
    escalated_at_s=BONDED_S,
    arbitration_timeout_s=4_000,
)
FINALIZED = replace(EXPIRED, request_id=5, finalized=True, final_outcome=YES)


@pytest.mark.parametrize(
    ("view", "expected"),
    [
        pytest.param(OPEN, [], id="round0_open__never"),
        pytest.param(
            EXPIRED,
            [Finalize(2, 1, FinalizeReason.WINDOW_EXPIRED)],
            id="window_expired__finalizes",
        ),
        pytest.param(WINDOW_OPEN, [], id="window_a_second_from_closing__not_yet"),
        pytest.param(replace(EXPIRED, paused=True), [], id="paused__not_while_paused"),
        pytest.param(
            replace(EXPIRED, decided=frozenset({DecisionKey(1, ActionKind.FINALIZE)})),
            [],
            id="already_decided__not_again",
        ),
        pytest.param(
            ESCALATED,
            [Finalize(4, 0, FinalizeReason.ARBITRATION_EXPIRED)],
            id="arbitration_timeout_passed__finalizes_invalid",
        ),
        pytest.param(
            replace(ESCALATED, arbitration_timeout_s=4_001),
            [],
            id="arbitration_a_second_left__waits",
        ),
        pytest.param(FINALIZED, [], id="finalized__nothing"),
    ],
)
def test_decide_keeper_finalize__request__finalize_only_when_it_succeeds(
    view: RequestView, expected: list[Finalize]
) -> None:
    assert decide_keeper_finalize([view], NOW_S) == expected


def test_decide_keeper_finalize__many_requests__due_ones_by_id() -> None:
    views = [ESCALATED, OPEN, WINDOW_OPEN, EXPIRED, FINALIZED]

    assert [action.request_id for action in decide_keeper_finalize(views, NOW_S)] == [2, 4]


def test_finalize__callback_reserve__carried_with_the_action() -> None:
    [action] = decide_keeper_finalize([EXPIRED], NOW_S)

    assert action.callback_reserve_gas == 215_000
