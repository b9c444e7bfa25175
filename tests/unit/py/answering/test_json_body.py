"""Strict JSON bodies: what parses, what does not, and how numbers are kept."""

import pytest

from fluxo.answering import FailureCode, JsonNumber, SourceFailure, parse_json_body
from fluxo.answering.json_body import MAX_JSON_DEPTH


def _not_json(body: bytes) -> str:
    with pytest.raises(SourceFailure) as caught:
        parse_json_body(body)
    assert caught.value.code is FailureCode.NOT_JSON
    return caught.value.detail


def test_parse__object_with_numbers__keeps_each_token_as_written() -> None:
    document = parse_json_body(b'{"a": 1.50, "b": -0, "c": 1E+80, "d": 12345678901234567890}')

    assert document == {
        "a": JsonNumber("1.50"),
        "b": JsonNumber("-0"),
        "c": JsonNumber("1E+80"),
        "d": JsonNumber("12345678901234567890"),
    }


def test_parse__integer_longer_than_python_int_string_limit__is_kept_as_a_token() -> None:
    """Python's int() refuses strings of more than 4300 digits; a token never goes through it."""
    digits = "9" * 5_000

    assert parse_json_body(f'{{"v": {digits}}}'.encode()) == {"v": JsonNumber(digits)}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"42", JsonNumber("42")),
        (b'"text"', "text"),
        (b"true", True),
        (b"null", None),
        (b" \t\r\n[1] \n", [JsonNumber("1")]),
    ],
)
def test_parse__top_level_scalar_or_json_whitespace__parses(body: bytes, expected: object) -> None:
    assert parse_json_body(body) == expected


@pytest.mark.parametrize(
    "body",
    [b"", b"   ", b"{", b'{"a": 1} trailing', b"{'a': 1}", b'{"a": 01}', b"[1,]", b'"\x01"'],
)
def test_parse__not_rfc_8259__is_not_json(body: bytes) -> None:
    _not_json(body)


def test_parse__non_ascii_digit_in_a_number__is_not_json() -> None:
    _not_json('{"v": ١٢}'.encode())


@pytest.mark.parametrize("constant", [b"NaN", b"Infinity", b"-Infinity"])
def test_parse__nan_or_infinity__is_not_json(constant: bytes) -> None:
    assert constant.decode().lstrip("-") in _not_json(b'{"v": ' + constant + b"}")


def test_parse__utf8_byte_order_mark__is_not_json() -> None:
    assert "byte-order mark" in _not_json(b'\xef\xbb\xbf{"v": 1}')


def test_parse__utf8_without_mark__parses() -> None:
    assert parse_json_body('{"v": "é"}'.encode()) == {"v": "é"}


@pytest.mark.parametrize("body", [b'{"v": "\xff"}', b'{"v": "\xc3"}', b'{"v": "\xed\xa0\x80"}'])
def test_parse__invalid_utf8__is_not_json(body: bytes) -> None:
    assert "invalid UTF-8" in _not_json(body)


def test_parse__utf16_body__is_not_json() -> None:
    _not_json('{"v": 1}'.encode("utf-16"))


def test_parse__duplicate_key__is_not_json() -> None:
    assert "duplicate key 'v'" in _not_json(b'{"v": 1, "w": 2, "v": 1}')


def test_parse__duplicate_key_in_a_nested_object__is_not_json() -> None:
    _not_json(b'{"outer": [{"k": 1, "k": 2}]}')


def test_parse__same_key_in_sibling_objects__parses() -> None:
    assert parse_json_body(b'[{"k": 1}, {"k": 2}]') == [
        {"k": JsonNumber("1")},
        {"k": JsonNumber("2")},
    ]


def test_parse__escape_leaving_an_unpaired_surrogate__is_not_json() -> None:
    assert "surrogate" in _not_json(b'{"v": "\\ud800"}')


def test_parse__unpaired_surrogate_in_a_key__is_not_json() -> None:
    _not_json(b'{"\\udc00": 1}')


def test_parse__escaped_surrogate_pair__is_one_character() -> None:
    assert parse_json_body(b'{"v": "\\ud83d\\ude00"}') == {"v": "\U0001f600"}


def test_parse__escaped_backslash_before_u__is_not_a_surrogate() -> None:
    assert parse_json_body(b'{"v": "\\\\ud800"}') == {"v": "\\ud800"}


def test_parse__nesting_at_the_limit__parses() -> None:
    body = b"[" * MAX_JSON_DEPTH + b"]" * MAX_JSON_DEPTH

    assert parse_json_body(body) is not None


def test_parse__nesting_past_the_limit__is_not_json() -> None:
    depth = MAX_JSON_DEPTH + 1

    assert "deeper than 128" in _not_json(b'{"a":' * depth + b"1" + b"}" * depth)


def test_parse__brackets_inside_strings__do_not_count_as_nesting() -> None:
    text = '["' + "[" * 500 + '", "' + "{" * 500 + '"]'

    assert parse_json_body(text.encode()) == ["[" * 500, "{" * 500]


def test_parse__many_shallow_arrays__parse() -> None:
    body = b"[" + b"[]," * 10_000 + b"[]]"

    assert len(parse_json_body(body)) == 10_001  # type: ignore[arg-type]


def test_parse__unterminated_string_after_many_escaped_quotes__not_json_in_one_pass() -> None:
    """A quote that never closes must not be rescanned from every later quote (quadratic)."""
    body = b"[" + b"[]," * MAX_JSON_DEPTH + b'"' + b'\\"' * 400_000

    assert "Unterminated string" in _not_json(body)


def test_parse__deep_nesting_before_an_unterminated_string__not_json_without_recursing() -> None:
    assert "deeper than 128" in _not_json(b"[" * 5_000 + b'"never closed')
