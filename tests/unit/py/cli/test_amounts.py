"""Token amounts typed on the command line: decimal text in token units to exact wei."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fluxo.cli.amounts import amount_text, format_units, parse_amount
from fluxo.exceptions import ConfigError

TOKEN_WEI = 10**18


@pytest.mark.parametrize(
    ("text", "wei"),
    [
        ("12.5", 12 * TOKEN_WEI + TOKEN_WEI // 2),
        ("1.50", 3 * TOKEN_WEI // 2),
        ("100", 100 * TOKEN_WEI),
        ("0", 0),
        (" 7 ", 7 * TOKEN_WEI),
        ("0.000000000000000001", 1),
    ],
)
def test_parse_amount__plain_decimal__exact_wei(text: str, wei: int) -> None:
    assert parse_amount(text, "--amount", decimals=18, symbol="FLX") == wei


@pytest.mark.parametrize("text", ["-1", "1e3", "abc", "", "1.2.3", "1,5", ".5", "5.", "0x10"])
def test_parse_amount__not_a_plain_decimal__names_flag_and_text(text: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_amount(text, "--fee", decimals=6, symbol="USDC")

    assert caught.value.key == "--fee"
    assert caught.value.value == text
    assert "not an amount of USDC" in str(caught.value)


def test_parse_amount__more_decimals_than_the_token__refused() -> None:
    with pytest.raises(ConfigError, match="USDC has 6 decimals; this amount has 7"):
        parse_amount("1.0000001", "--fee", decimals=6, symbol="USDC")


def test_parse_amount__trailing_zeros_beyond_the_decimals__accepted() -> None:
    assert parse_amount("1.5000000", "--fee", decimals=6, symbol="USDC") == 1_500_000


def test_parse_amount__beyond_uint256__refused() -> None:
    with pytest.raises(ConfigError, match="does not fit a uint256"):
        parse_amount(str(2**256), "--amount", decimals=0, symbol="FLX")


@pytest.mark.parametrize(
    ("wei", "decimals", "text"),
    [(12_500_000, 6, "12.5"), (0, 18, "0"), (1, 18, "0.000000000000000001"), (5, 0, "5")],
)
def test_format_units__wei__shortest_exact_text(wei: int, decimals: int, text: str) -> None:
    assert format_units(wei, decimals) == text


@given(st.integers(min_value=0, max_value=2**200), st.integers(min_value=0, max_value=30))
def test_format_units__any_amount__parses_back_to_the_same_wei(wei: int, decimals: int) -> None:
    text = format_units(wei, decimals)

    assert parse_amount(text, "--amount", decimals=decimals, symbol="T") == wei


@pytest.mark.parametrize(
    ("value", "text"),
    [(3, "3"), (Decimal("1.1"), "1.1"), (Decimal("1E+2"), "100"), ("2.5", "2.5"), (True, "True")],
)
def test_amount_text__file_value__text_parse_amount_takes(value: object, text: str) -> None:
    assert amount_text(value) == text
