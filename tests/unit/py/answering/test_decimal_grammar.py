"""The decimal grammar: JSON's number token, for numbers and numeric strings alike."""

from decimal import Decimal

import pytest

from fluxo.answering import FailureCode, SourceFailure, parse_decimal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0", Decimal(0)),
        ("-0", Decimal(0)),
        ("7", Decimal(7)),
        ("-7", Decimal(-7)),
        ("0.1", Decimal("0.1")),
        ("3141.5900", Decimal("3141.59")),
        ("1e3", Decimal(1000)),
        ("1E3", Decimal(1000)),
        ("1e+3", Decimal(1000)),
        ("25e-1", Decimal("2.5")),
        ("-0.000001e-999999", Decimal("-1e-1000005")),
        ("1e999999999999999", Decimal("1e999999999999999")),
        ("1e000000000000000000000000001", Decimal(10)),  # leading zeros do not count
        (
            "123456789012345678901234567890.123456789",
            Decimal("123456789012345678901234567890.123456789"),
        ),
    ],
)
def test_parse_decimal__in_the_grammar__is_read_exactly(text: str, expected: Decimal) -> None:
    value = parse_decimal(text)

    assert value == expected
    assert value.is_finite()


def test_parse_decimal__looks_like_a_float__is_exact_not_binary() -> None:
    assert parse_decimal("0.1") + parse_decimal("0.2") == Decimal("0.3")


@pytest.mark.parametrize(
    "text",
    [
        "",
        " 1",
        "1 ",
        "\t1",
        "+1",
        "1_000",
        "1,000",
        "NaN",
        "nan",
        "Infinity",
        "-Infinity",
        "inf",
        ".5",
        "5.",
        "-.5",
        "00",
        "01",
        "-01.5",
        "0x1F",
        "1e",
        "1e+",
        "e5",
        "1.2.3",
        "--1",
        "١٢٣",  # Arabic-Indic digits, which Decimal() accepts
        "１２",  # fullwidth digits
        "1e1000000000000000",  # 16-digit exponent
        "1e-1000000000000000",
    ],
)
def test_parse_decimal__outside_the_grammar__fails_wrong_type(text: str) -> None:
    with pytest.raises(SourceFailure) as caught:
        parse_decimal(text)

    assert caught.value.code is FailureCode.WRONG_TYPE
