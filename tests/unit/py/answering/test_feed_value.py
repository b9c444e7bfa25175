"""The provider's feed value: multipliers before the median, the feed's decimals, int192."""

import asyncio
from decimal import Decimal

import pytest

from fluxo.answering import (
    FailureCode,
    FeedQuery,
    FeedSource,
    FetchPolicy,
    decide_feed,
    feed_value,
    fetch_feed_value,
)
from fluxo.exceptions import InvalidAnswerRequest
from fluxo.feeds.observation import MAX_ANSWER, MIN_ANSWER
from tests.harness.answering import FakeSources, json_body, raw_body, traces

FAIL = FailureCode.TIMEOUT


def _d(text: str) -> Decimal:
    return Decimal(text)


@pytest.mark.parametrize(
    ("readings", "decimals", "expected"),
    [
        ([("3141.59", "1")], 8, 314159000000),
        ([("314159", "0.01")], 8, 314159000000),  # cents to dollars, exactly
        ([("3141.59", "1"), ("314165", "0.01"), ("3141.70", "1")], 8, 314165000000),
        ([("1", "1"), ("2", "1")], 0, 1),  # 1.5 -> 1
        ([("-1", "1"), ("-2", "1")], 0, -1),  # -1.5 -> -1
        ([("0.333333333333333333333333333333333", "3")], 30, 999999999999999999999999999999),
        ([("1.999999999", "1")], 0, 1),  # truncated, not rounded
        ([("2", "0.5"), ("0.5", "2"), ("100", "0.01")], 0, 1),
    ],
)
def test_feed_value__table(readings: list[tuple[str, str]], decimals: int, expected: int) -> None:
    assert feed_value([(_d(v), _d(m)) for v, m in readings], decimals) == expected


def test_feed_value__multiplier_changes_the_order__applied_before_the_median() -> None:
    readings = [(_d("10"), _d("1")), (_d("2"), _d("100")), (_d("30"), _d("1"))]

    assert feed_value(readings, 0) == 30  # 10, 200, 30 -> 30; the raw median would be 10


def test_feed_value__many_digit_product__exact_beyond_28_digits() -> None:
    value = _d("1.000000000000000000000000000001")  # 31 significant digits

    assert feed_value([(value, _d("3"))], 30) == 3_000000000000000000000000000003


@pytest.mark.parametrize("answer", [MAX_ANSWER, MIN_ANSWER])
def test_feed_value__at_the_int192_bounds__kept(answer: int) -> None:
    assert feed_value([(_d(str(answer)), _d("1"))], 0) == answer


@pytest.mark.parametrize("answer", [MAX_ANSWER + 1, MIN_ANSWER - 1, 10**300])
def test_feed_value__outside_int192__no_value(answer: int) -> None:
    assert feed_value([(_d(str(answer)), _d("1"))], 0) is None


def test_decide_feed__strict_majority__value() -> None:
    query = FeedQuery(tuple(FeedSource(f"https://s{i}.example", "p") for i in range(3)), 2)

    value = decide_feed(query, traces("1.00", "1.02", FAIL))

    assert value.value == 101
    assert len(value.sources) == 3


def test_decide_feed__half_the_sources_failed__no_value() -> None:
    query = FeedQuery(tuple(FeedSource(f"https://s{i}.example", "p") for i in range(2)), 2)

    value = decide_feed(query, traces("1.00", FAIL))

    assert value.value is None
    assert "1 of 2 sources succeeded" in value.reason


def test_decide_feed__median_outside_int192__no_value() -> None:
    query = FeedQuery((FeedSource("https://s.example", "p"),), 18)

    assert decide_feed(query, traces("1e50")).value is None


@pytest.mark.parametrize("multiplier", ["0", "-1", "NaN", "Infinity", "1e1000000000000000"])
def test_feed_source__multiplier_not_a_positive_bounded_decimal__rejected(multiplier: str) -> None:
    with pytest.raises(InvalidAnswerRequest):
        FeedSource("https://s.example", "p", Decimal(multiplier))


@pytest.mark.parametrize(("sources", "decimals"), [((), 8), ((FeedSource("https://s", "p"),), 256)])
def test_feed_query__no_sources_or_decimals_beyond_uint8__rejected(
    sources: tuple[FeedSource, ...], decimals: int
) -> None:
    with pytest.raises(InvalidAnswerRequest):
        FeedQuery(sources, decimals)


def test_fetch_feed_value__sources_with_multipliers__one_pass_value() -> None:
    cents = "https://cents.example/eth"
    dollars = "https://dollars.example/eth"
    broken = "https://broken.example/eth"
    sources = FakeSources(
        {
            cents: json_body({"eth": {"usd_cents": 314160}}),
            dollars: json_body({"price": "3141.62"}),
            broken: raw_body(b"<html>", status=200),
        }
    )
    query = FeedQuery(
        (
            FeedSource(cents, "eth.usd_cents", Decimal("0.01")),
            FeedSource(dollars, "price"),
            FeedSource(broken, "price"),
        ),
        decimals=8,
    )

    value = asyncio.run(
        fetch_feed_value(
            query, FetchPolicy(), transport=sources.transport(), resolver=sources.resolver
        )
    )

    assert value.value == 314161000000  # mean of 3141.60 and 3141.62
    assert [trace.error for trace in value.sources][2] is not None
    assert len(sources.seen) == 3  # one pass
