"""The request view: built from the Oracle's views, and refusing impossible states."""

import pytest

from fluxo.chain.bindings.results import RoundInfo
from fluxo.domain.outcome import NO_OUTCOME, OutcomeKind, categorical
from fluxo.node.policy.request_view import RequestView, RoundView

YES = categorical(1)


def test_round_view__bonded_round_info__carries_the_outcome() -> None:
    view = RoundView.from_round_info(RoundInfo(200, 2_000, 5_600, YES, True))

    assert view == RoundView(200, 2_000, 5_600, YES)
    assert view.bonded


def test_round_view__unbonded_round_info__no_outcome() -> None:
    view = RoundView.from_round_info(RoundInfo(100, 1_000, 0, NO_OUTCOME, False))

    assert view.bonded_outcome is None
    assert not view.bonded


def test_request_view__escalated__deadline_counts_paused_seconds() -> None:
    view = RequestView(
        1,
        OutcomeKind.CATEGORICAL,
        1_000,
        (RoundView(100, 1_000, 0, YES),),
        escalated=True,
        escalated_at_s=2_000,
        arbitration_timeout_s=500,
        arbitration_paused_s=30,
    )

    assert view.arbitration_deadline_s == 2_530


def test_request_view__not_escalated__no_deadline() -> None:
    view = RequestView(1, OutcomeKind.CATEGORICAL, 1_000, (RoundView(100, 1_000, 0),))

    assert view.arbitration_deadline_s is None


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        pytest.param({"rounds": ()}, "always has round 0", id="no_round"),
        pytest.param({"finalized": True}, "final outcome", id="finalized_without_outcome"),
        pytest.param({"final_outcome": YES}, "final outcome", id="outcome_without_finalized"),
        pytest.param({"escalated": True}, "escalation time", id="escalated_without_time"),
        pytest.param({"own_stakes_wei": {(1, YES): 5}}, "round 1", id="stake_in_unknown_round"),
        pytest.param({"own_stakes_wei": {(0, YES): -5}}, "-5 wei", id="negative_stake"),
    ],
)
def test_request_view__impossible_state__rejected(
    overrides: dict[str, object], message: str
) -> None:
    fields: dict[str, object] = {
        "request_id": 1,
        "kind": OutcomeKind.CATEGORICAL,
        "settlement_time_s": 1_000,
        "rounds": (RoundView(100, 1_000, 0),),
    }
    with pytest.raises(ValueError, match=message):
        RequestView(**(fields | overrides))  # type: ignore[arg-type]


def test_round_view__zero_bond__rejected() -> None:
    with pytest.raises(ValueError, match="positive"):
        RoundView(0, 1_000, 0)
