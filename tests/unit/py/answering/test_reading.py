"""Reading a body for a request's kind: the text a source contributes, or why it fails."""

import pytest

from fluxo.answering import FailureCode, read_value
from fluxo.domain.outcome import OutcomeKind
from tests.harness.answering import read_failure

TEXT_KINDS = [OutcomeKind.STRING, OutcomeKind.CATEGORICAL]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b'{"v": 3141.59}', "3141.59"),
        (b'{"v": "3141.59"}', "3141.59"),
        (b'{"v": -2.50e3}', "-2.50e3"),
        (b'{"v": 0}', "0"),
        (b"12", "12"),
    ],
)
def test_read_number__json_number_or_numeric_string__is_its_text(
    body: bytes, expected: str
) -> None:
    assert read_value(OutcomeKind.NUMBER, body, "$" if body == b"12" else "v") == expected


@pytest.mark.parametrize("json_value", ["true", "false", "null", "{}", "[1]", '"abc"', '" 12"'])
def test_read_number__not_a_number__fails_wrong_type(json_value: str) -> None:
    body = f'{{"v": {json_value}}}'.encode()

    assert read_failure(OutcomeKind.NUMBER, body, "v").code is FailureCode.WRONG_TYPE


@pytest.mark.parametrize("kind", TEXT_KINDS)
@pytest.mark.parametrize(
    ("json_value", "expected"),
    [
        ('"Yes"', "Yes"),
        ('"  spaced  "', "  spaced  "),  # as is; only label matching folds
        ('""', ""),
        ("1.50", "1.50"),
        ("-0", "-0"),
        ("1E+80", "1E+80"),
        ("true", "true"),
        ("false", "false"),
    ],
)
def test_read_text__string_number_or_boolean__is_its_text(
    kind: OutcomeKind, json_value: str, expected: str
) -> None:
    assert read_value(kind, f'{{"v": {json_value}}}'.encode(), "v") == expected


@pytest.mark.parametrize("kind", TEXT_KINDS)
@pytest.mark.parametrize("json_value", ["null", "{}", "[]", '["Yes"]', '{"a": "Yes"}'])
def test_read_text__null_object_or_array__fails_wrong_type(
    kind: OutcomeKind, json_value: str
) -> None:
    body = f'{{"v": {json_value}}}'.encode()

    assert read_failure(kind, body, "v").code is FailureCode.WRONG_TYPE


@pytest.mark.parametrize(
    ("body", "path", "code"),
    [
        (b"<html>", "v", FailureCode.NOT_JSON),
        (b'{"v": 1}', "w", FailureCode.NO_MATCH),
        (b'{"v": [1, 2]}', "v[*]", FailureCode.SEVERAL_MATCHES),
        (b'{"v": 1}', "$.v[?(@ > 0)]", FailureCode.BAD_PATH),
    ],
)
def test_read__each_failure_class__is_reported_with_its_code(
    body: bytes, path: str, code: FailureCode
) -> None:
    assert read_failure(OutcomeKind.NUMBER, body, path).code is code
