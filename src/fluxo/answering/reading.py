"""From a fetched body to the one text a source contributes (SPEC Part III, questions 4 and 5).

    read_value(OutcomeKind.NUMBER, b'{"data": {"price": "1.50"}}', "data.price")   # "1.50"

The match is read as text, whatever the request's kind:

* a JSON string is its text as is;
* a JSON number is its token exactly as written in the body (`1.50` stays `1.50`, `1e80` stays
  `1e80`): re-serialising depends on the serializer (`1.5`, `1E+80`, `1e+80`), the token does not;
* `true` and `false` are those words;
* `null`, objects and arrays have no answer text and fail the source (WRONG_TYPE): `null`
  usually means "no data yet", and objects and arrays have no canonical text.

For NUMBER requests the text must also satisfy the decimal grammar (`parse_decimal`), and only
strings and numbers may: `true` is not a number. Categorical and STRING requests use the text.
"""

from fluxo.answering.decimal_grammar import parse_decimal
from fluxo.answering.failure import FailureCode, SourceFailure
from fluxo.answering.json_body import JsonNumber, JsonValue, parse_json_body
from fluxo.answering.path import evaluate_path
from fluxo.domain.outcome import OutcomeKind


def read_value(kind: OutcomeKind, body: bytes, source_path: str) -> str:
    """The text the source at `source_path` in `body` contributes to a request of `kind`.

    Raises `SourceFailure` (NOT_JSON, BAD_PATH, NO_MATCH, SEVERAL_MATCHES, WRONG_TYPE).
    """
    match = evaluate_path(parse_json_body(body), source_path)
    if kind is OutcomeKind.NUMBER:
        return number_text(match)
    return match_text(match)


def match_text(match: JsonValue) -> str:
    """A match as text: string as is, number as its token, `true`/`false`; else WRONG_TYPE."""
    if isinstance(match, str):
        return match
    if isinstance(match, JsonNumber):
        return match.token
    if isinstance(match, bool):
        return "true" if match else "false"
    raise SourceFailure(FailureCode.WRONG_TYPE, f"{_json_type(match)} has no answer text")


def number_text(match: JsonValue) -> str:
    """A match as the text of a decimal number: a JSON number, or a string in its grammar."""
    if isinstance(match, JsonNumber):
        text = match.token
    elif isinstance(match, str):
        text = match
    else:
        raise SourceFailure(FailureCode.WRONG_TYPE, f"{_json_type(match)} is not a number")
    parse_decimal(text)
    return text


def _json_type(value: JsonValue) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    return "a string" if isinstance(value, str) else "a number"
