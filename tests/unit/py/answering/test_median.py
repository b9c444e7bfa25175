"""The exact scaled median: table tests at the boundaries, huge and tiny exponents, and a
property test against exact rational arithmetic."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fluxo.answering import scaled_median
from fluxo.exceptions import InvalidAnswerRequest

TINY = "1e-999999999999999"
HUGE = "1e999999999999999"


@pytest.mark.parametrize(
    ("values", "decimals", "expected"),
    [
        (["5"], 0, 5),
        (["1.5", "2", "9"], 2, 200),
        (["9", "1.5", "2"], 2, 200),  # order does not matter
        (["1", "2"], 0, 1),  # 1.5 -> 1
        (["-1", "-2"], 0, -1),  # -1.5 -> -1, toward zero
        (["-3", "0"], 0, -1),
        (["-0.5", "0.4"], 1, 0),  # -0.05 -> 0
        (["0.1", "0.2"], 2, 15),  # exact, not 0.15000000000000002
        (["3141.59", "3141.61"], 8, 314160000000),
        (["1.23456789"], 4, 12345),  # truncated, not rounded
        (["-1.23456789"], 4, -12345),
        (["10", "20", "1e6"], 0, 20),  # one outlier among three
        (["10", "20", "30", "1e6"], 0, 25),
        (["2", "2", "2", "2"], 0, 2),
    ],
)
def test_scaled_median__table(values: list[str], decimals: int, expected: int) -> None:
    assert scaled_median([Decimal(v) for v in values], decimals) == expected


@pytest.mark.parametrize(
    ("values", "decimals", "expected"),
    [
        ([HUGE], 0, None),
        (["-" + HUGE], 0, None),
        ([TINY], 255, 0),
        (["1e77"], 0, 10**77),  # still built: the caller checks int256
        (["1e78"], 0, None),
        (["1e60"], 18, None),
        (["-" + HUGE, HUGE], 0, 0),  # opposite and equal: the exact mean is 0
        (["-" + HUGE, "2" + HUGE[1:]], 0, None),
        (["-" + HUGE, "1"], 0, None),
        ([HUGE, HUGE], 0, None),
        (
            [
                "-1e78",
                "1.0000000000000000000000000000000000000000000000000000000000000000000000000001e78",
            ],
            0,
            50,
        ),
        (["0e-999999999999999", "0e999999999999999"], 200, 0),
    ],
)
def test_scaled_median__huge_exponents__decided_without_expanding(
    values: list[str], decimals: int, expected: int | None
) -> None:
    assert scaled_median([Decimal(v) for v in values], decimals) == expected


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        ("1", TINY, 0),  # 0.5 + tiny -> 0
        ("2", TINY, 1),  # 1 + tiny -> 1
        ("2", "-" + TINY, 0),  # 1 - tiny -> 0
        ("3", "-" + TINY, 1),  # 1.5 - tiny -> 1
        ("-2", TINY, 0),  # -1 + tiny -> 0
        ("-2", "-" + TINY, -1),  # -1 - tiny -> -1
        ("0", TINY, 0),
        ("-" + TINY, TINY, 0),
        ("1.5", "0.5" + "0" * 5000 + "1", 1),  # exactly 2 + 1e-5002 over 2
        ("1.5", "0.4" + "9" * 5000, 0),  # just under 2 over 2
    ],
)
def test_scaled_median__tails_far_below_the_point__count_only_by_their_sign(
    low: str, high: str, expected: int
) -> None:
    assert scaled_median([Decimal(low), Decimal(high)], 0) == expected


def test_scaled_median__no_values__rejected() -> None:
    with pytest.raises(InvalidAnswerRequest, match="no values"):
        scaled_median([], 0)


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity", "sNaN"])
def test_scaled_median__non_finite_value__rejected(value: str) -> None:
    with pytest.raises(InvalidAnswerRequest, match="finite"):
        scaled_median([Decimal(1), Decimal(value)], 0)


def test_scaled_median__negative_decimals__rejected() -> None:
    with pytest.raises(InvalidAnswerRequest, match="decimals"):
        scaled_median([Decimal(1)], -1)


def _reference(values: list[Decimal], decimals: int) -> Fraction:
    ordered = sorted(Fraction(value) for value in values)
    middle = len(ordered) // 2
    median = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    return median * 10**decimals


def _truncate(value: Fraction) -> int:
    return int(value)  # int(Fraction) truncates toward zero


_decimals = st.builds(
    lambda sign, coefficient, exponent: Decimal(
        (sign, tuple(map(int, str(coefficient))), exponent)
    ),
    st.integers(0, 1),
    st.integers(0, 10**30),
    st.integers(-120, 90),
)


@given(st.lists(_decimals, min_size=1, max_size=6), st.integers(0, 40))
def test_scaled_median__any_values__equals_exact_rational_arithmetic(
    values: list[Decimal], decimals: int
) -> None:
    exact = _reference(values, decimals)
    result = scaled_median(values, decimals)

    if result is None:
        assert abs(exact) > 2**256
    else:
        assert result == _truncate(exact)
