"""Which observation times a feed accepts: the contract's window, as pure functions."""

import pytest
from eth_account import Account

from fluxo.exceptions import InvalidFeedParameters
from fluxo.feeds.freshness import (
    DEFAULT_MAX_OBSERVATION_AGE_S,
    MAX_FUTURE_S,
    MAX_OBSERVATION_AGE_S,
    REASON_FUTURE,
    REASON_STALE,
    REASON_TOO_OLD,
    Window,
    accepted_window,
    fresh_observations,
    is_fresh,
    rejection,
)
from fluxo.feeds.observation import Observation, feed_id
from fluxo.feeds.signing import sign_observation

BLOCK_S = 1_800_000_000
PROVIDER = Account.from_key((7).to_bytes(32, "big"))


def test_defaults__match_the_contract() -> None:
    assert (DEFAULT_MAX_OBSERVATION_AGE_S, MAX_OBSERVATION_AGE_S, MAX_FUTURE_S) == (120, 255, 60)


def test_accepted_window__empty_feed__age_bound_to_future_bound() -> None:
    assert accepted_window(BLOCK_S) == Window(BLOCK_S - 120, BLOCK_S + 60)


def test_accepted_window__recent_round__newer_than_its_updated_at() -> None:
    window = accepted_window(BLOCK_S, max_age_s=60, latest_updated_at_s=BLOCK_S - 10)

    assert window == Window(BLOCK_S - 9, BLOCK_S + 60)
    assert BLOCK_S - 9 in window
    assert BLOCK_S - 10 not in window


@pytest.mark.parametrize(
    ("offset_s", "reason"),
    [
        (-120, None),  # exactly max age old: accepted
        (-121, REASON_TOO_OLD),
        (0, None),
        (60, None),  # a clock 60 s ahead: accepted
        (61, REASON_FUTURE),
    ],
)
def test_rejection__empty_feed__boundaries(offset_s: int, reason: str | None) -> None:
    assert rejection(BLOCK_S + offset_s, BLOCK_S) == reason
    assert is_fresh(BLOCK_S + offset_s, BLOCK_S) is (reason is None)


def test_rejection__not_newer_than_latest_round__stale_before_too_old() -> None:
    """The contract reports a time that breaks both bounds as stale."""
    latest = BLOCK_S - 100

    assert rejection(latest, BLOCK_S, latest_updated_at_s=latest) == REASON_STALE
    assert rejection(BLOCK_S - 500, BLOCK_S, latest_updated_at_s=latest) == REASON_STALE
    assert rejection(latest + 1, BLOCK_S, latest_updated_at_s=latest) is None


@pytest.mark.parametrize("max_age_s", [0, MAX_OBSERVATION_AGE_S + 1])
def test_rejection__max_age_out_of_range__rejected(max_age_s: int) -> None:
    with pytest.raises(InvalidFeedParameters, match="max observation age"):
        rejection(BLOCK_S, BLOCK_S, max_age_s=max_age_s)


def test_fresh_observations__mixed_ages__keeps_the_accepted_in_order() -> None:
    signed = [
        sign_observation(
            Observation(feed_id("ETH / USD"), 1, 2_000, BLOCK_S + offset_s),
            1,
            "0x" + "11" * 20,
            PROVIDER,
        )
        for offset_s in (-2, -300, 30, 90, -120)
    ]

    kept = fresh_observations(signed, BLOCK_S)

    assert [item.observation.timestamp_s - BLOCK_S for item in kept] == [-2, 30, -120]
