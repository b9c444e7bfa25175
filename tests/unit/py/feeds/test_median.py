"""The contract's median rules: table tests with the boundary cases."""

import pytest

from fluxo.exceptions import InvalidReport
from fluxo.feeds.median import (
    StoredRound,
    expected_stored_round,
    median_answer,
    median_timestamp,
    stored_updated_at,
)
from fluxo.feeds.observation import MAX_ANSWER, MAX_TIMESTAMP_S, MIN_ANSWER


@pytest.mark.parametrize(
    ("sorted_answers", "expected"),
    [
        ([5], 5),
        ([-5], -5),
        ([1, 2, 3], 2),
        ([1, 2], 1),  # 1.5 -> 1
        ([1, 4], 2),  # 2.5 -> 2
        ([2, 4], 3),
        ([-2, -1], -1),  # -1.5 -> -1 toward zero; Python's // would give -2
        ([-4, -1], -2),  # -2.5 -> -2
        ([-3, 2], 0),  # -0.5 -> 0
        ([-2, 3], 0),  # 0.5 -> 0
        ([-3, -3, 4], -3),
        ([1, 1, 1, 1], 1),  # duplicates
        ([1, 2, 2, 9], 2),
        ([0, 0], 0),
        ([-10, -5, 7, 100], 1),  # (-5 + 7) / 2
        ([-10, -6, 1, 100], -2),  # -2.5 -> -2
        ([MAX_ANSWER], MAX_ANSWER),
        ([MIN_ANSWER], MIN_ANSWER),
        # The two middles sum past int192; the mean is back in range.
        ([MAX_ANSWER, MAX_ANSWER], MAX_ANSWER),
        ([MAX_ANSWER - 1, MAX_ANSWER], MAX_ANSWER - 1),
        ([MIN_ANSWER, MIN_ANSWER], MIN_ANSWER),
        ([MIN_ANSWER, MIN_ANSWER + 1], MIN_ANSWER + 1),  # toward zero, not floor
        ([MIN_ANSWER, MAX_ANSWER], 0),  # sum is -1: -0.5 -> 0
        ([MIN_ANSWER, MIN_ANSWER, MAX_ANSWER, MAX_ANSWER], 0),
    ],
)
def test_median_answer__table(sorted_answers: list[int], expected: int) -> None:
    assert median_answer(sorted_answers) == expected


def test_median_answer__unsorted__rejected() -> None:
    with pytest.raises(InvalidReport, match="not sorted ascending"):
        median_answer([1, 3, 2])


def test_median_answer__empty__rejected() -> None:
    with pytest.raises(InvalidReport, match="no values"):
        median_answer([])


@pytest.mark.parametrize(
    ("timestamps", "expected"),
    [
        ([7], 7),
        ([30, 10, 20], 20),
        ([4, 1], 2),  # 2.5 -> 2
        ([5, 1, 3, 2], 2),  # (2 + 3) / 2
        ([9, 9, 1, 9], 9),
        ([MAX_TIMESTAMP_S, MAX_TIMESTAMP_S], MAX_TIMESTAMP_S),  # sum exceeds uint64
        ([MAX_TIMESTAMP_S, 0], MAX_TIMESTAMP_S // 2),
    ],
)
def test_median_timestamp__unsorted_table(timestamps: list[int], expected: int) -> None:
    assert median_timestamp(timestamps) == expected


def test_median_timestamp__empty__rejected() -> None:
    with pytest.raises(InvalidReport, match="no values"):
        median_timestamp([])


@pytest.mark.parametrize(
    ("timestamps", "block_timestamp_s", "expected"),
    [
        ([100, 110, 120], 200, 110),  # median in the past: kept
        ([100, 110, 120], 110, 110),  # equal: kept
        ([100, 150, 160], 120, 120),  # median ahead of the block: capped
        ([90, 110, 160, 180], 120, 115),  # middles straddle the block: (110 + 120) / 2
        ([90, 100, 110, 160], 120, 105),  # one time ahead, middles below: unchanged
        ([150, 160, 170, 180], 120, 120),  # every time ahead: the block time
    ],
)
def test_stored_updated_at__each_time_capped_at_block_time(
    timestamps: list[int], block_timestamp_s: int, expected: int
) -> None:
    assert stored_updated_at(timestamps, block_timestamp_s) == expected


def test_expected_stored_round__report__answer_and_capped_time() -> None:
    assert expected_stored_round([-3, -2], [1_060, 1_050], 1_000) == StoredRound(-2, 1_000)


def test_expected_stored_round__length_mismatch__rejected() -> None:
    with pytest.raises(InvalidReport, match="2 answers but 1 timestamps"):
        expected_stored_round([1, 2], [1], 10)
