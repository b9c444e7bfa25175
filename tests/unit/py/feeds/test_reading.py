"""Turning `latestRoundData` into a reading: exact scaling, age, address parsing."""

from decimal import Decimal

import pytest
from eth_utils.address import to_checksum_address

from fluxo.exceptions import ConfigError, FeedReadError
from fluxo.feeds.reading import feed_reading, parse_feed_address, scale_answer

ADDRESS = to_checksum_address("0x5fbdb2315678afecb367f032d93f642f64180aa3")


@pytest.mark.parametrize(
    ("answer_raw", "decimals", "expected"),
    [
        (314_159_000_000, 8, Decimal("3141.59")),
        (-5, 2, Decimal("-0.05")),
        (0, 18, Decimal(0)),
        (42, 0, Decimal(42)),
    ],
)
def test_scale_answer__exact(answer_raw: int, decimals: int, expected: Decimal) -> None:
    assert scale_answer(answer_raw, decimals) == expected


@pytest.mark.parametrize("answer_raw", [2**255 - 1, -(2**255)])
def test_scale_answer__int256_extremes__keeps_every_digit(answer_raw: int) -> None:
    # 77 digits: the default Decimal context (28 digits) would round them.
    scaled = scale_answer(answer_raw, 18)

    sign = "-" if answer_raw < 0 else ""
    whole, fraction = divmod(abs(answer_raw), 10**18)
    assert str(scaled) == f"{sign}{whole}.{fraction:018d}"


@pytest.mark.parametrize("decimals", [-1, 256])
def test_scale_answer__decimals_not_uint8__raises(decimals: int) -> None:
    with pytest.raises(FeedReadError, match="uint8"):
        scale_answer(1, decimals)


def test_feed_reading__round_data__scaled_with_age_from_block_time() -> None:
    reading = feed_reading(ADDRESS, "ETH / USD", 8, (7, 300_000_000_000, 990, 1_000, 7), 1_042)

    assert reading.answer == Decimal(3_000)
    assert (reading.round_id, reading.updated_at_s, reading.age_s) == (7, 1_000, 42)


@pytest.mark.parametrize("text", [ADDRESS, ADDRESS.lower(), "0x" + ADDRESS[2:].upper()])
def test_parse_feed_address__valid_forms__checksummed(text: str) -> None:
    assert parse_feed_address(text) == ADDRESS


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0x1234", "not a 20-byte"),
        ("feed", "not a 20-byte"),
        (ADDRESS[:-1] + ("A" if ADDRESS[-1] != "A" else "B"), "checksum"),
    ],
)
def test_parse_feed_address__malformed__raises_naming_it(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        parse_feed_address(text)

    assert repr(text) in str(caught.value)
