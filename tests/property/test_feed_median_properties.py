"""The feed's median rules against a brute-force reference on random reports.

The reference works in exact rationals: the median is the middle value, or the mean of the two
middle values truncated toward zero (`int()` of a `Fraction` truncates). A cross-check against
the deployed PriceFeed contract calls `fluxo.feeds.median.expected_stored_round`.
"""

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from fluxo.feeds.median import (
    median_answer,
    median_timestamp,
    stored_updated_at,
)
from fluxo.feeds.observation import MAX_ANSWER, MAX_TIMESTAMP_S, MIN_ANSWER
from fluxo.feeds.report import MAX_OBSERVATIONS

# Extremes of int192 and small values near zero, where rounding direction matters most.
answers = st.one_of(
    st.integers(MIN_ANSWER, MAX_ANSWER),
    st.integers(-3, 3),
    st.sampled_from([MIN_ANSWER, MIN_ANSWER + 1, MAX_ANSWER - 1, MAX_ANSWER]),
)
timestamps = st.one_of(st.integers(0, MAX_TIMESTAMP_S), st.integers(1_700_000_000, 1_700_000_100))
report_sizes = st.integers(1, MAX_OBSERVATIONS)


def _report_with_colluders(colluders: int) -> st.SearchStrategy[tuple[list[int], list[int]]]:
    """A transmitter's pick: at most `colluders` colluding answers (any values) and enough
    honest ones that the report reaches a quorum of 2 * colluders + 1."""
    quorum = 2 * colluders + 1
    return st.lists(answers, max_size=colluders).flatmap(
        lambda colluding: st.tuples(
            st.lists(
                answers,
                min_size=quorum - len(colluding),
                max_size=MAX_OBSERVATIONS - len(colluding),
            ),
            st.just(colluding),
        )
    )


def _reference_median(values: list[int]) -> int:
    ordered = sorted(values)
    count = len(ordered)
    if count % 2:
        return ordered[count // 2]
    return int(Fraction(ordered[count // 2 - 1] + ordered[count // 2], 2))


@given(st.lists(answers, min_size=1, max_size=MAX_OBSERVATIONS))
def test_median_answer__random_sorted_answers__matches_reference(values: list[int]) -> None:
    result = median_answer(sorted(values))

    assert result == _reference_median(values)
    assert MIN_ANSWER <= result <= MAX_ANSWER
    assert min(values) <= result <= max(values)


@given(st.lists(timestamps, min_size=1, max_size=MAX_OBSERVATIONS))
def test_median_timestamp__random_order__matches_reference_and_ignores_order(
    values: list[int],
) -> None:
    assert median_timestamp(values) == _reference_median(values)
    assert median_timestamp(values[::-1]) == median_timestamp(values)


@given(st.lists(timestamps, min_size=1, max_size=MAX_OBSERVATIONS), timestamps)
def test_stored_updated_at__never_after_block_time(values: list[int], block_s: int) -> None:
    stored = stored_updated_at(values, block_s)

    assert stored == _reference_median([min(value, block_s) for value in values])
    assert stored <= block_s
    # Never fresher than capping the median instead; the same for an odd count.
    assert stored <= min(_reference_median(values), block_s)
    if len(values) % 2:
        assert stored == min(_reference_median(values), block_s)


@given(st.integers(1, MAX_OBSERVATIONS // 2).flatmap(_report_with_colluders))
def test_median_answer__f_colluding_with_quorum_above_2f__stays_in_honest_range(
    picked: tuple[list[int], list[int]],
) -> None:
    """SPEC §10's bound: whichever >= quorum observations (one per provider, quorum > 2 f) a
    transmitter picks, the f colluding answers cannot move the median outside the range of
    the honest answers it included."""
    honest, colluding = picked

    median = median_answer(sorted(honest + colluding))

    assert min(honest) <= median <= max(honest)
