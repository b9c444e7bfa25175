"""Strict JSON: what a source's body must be (SPEC Part III, question 7).

    document = parse_json_body(b'{"price": 1.50}')   # {"price": JsonNumber("1.50")}

The body is RFC 8259 JSON text in UTF-8 and nothing more lenient, because every node must
accept and refuse the same bodies:

* the Content-Type header is not looked at (the fetcher never passes it here): public APIs
  mislabel JSON often, and the strict parse below is what decides;
* a UTF-8 byte-order mark, invalid UTF-8, and a string escape that leaves an unpaired surrogate
  (`"\\ud800"`, text with no UTF-8 form) are refused;
* `NaN`, `Infinity` and `-Infinity` are refused (Python's `json` accepts them by default);
* an object with a duplicate key is refused: RFC 8259 leaves the outcome open and parsers
  disagree (first or last wins), so refusing is the one rule all can follow;
* arrays and objects nest at most `MAX_JSON_DEPTH` deep, checked before parsing, so the limit
  does not depend on the interpreter's recursion limit or the caller's stack.

Numbers are kept as their token (`JsonNumber`): no float ever exists, the NUMBER rules read the
token exactly, and categorical and STRING answers use the token as written (question 4).
"""

import json
import re
from dataclasses import dataclass
from itertools import accumulate
from typing import Final, NoReturn, TypeAlias

from fluxo.answering.failure import FailureCode, SourceFailure

MAX_JSON_DEPTH: Final = 128

_UTF8_BOM: Final = b"\xef\xbb\xbf"
# The text up to the first unterminated string (all of it if every string ends), and a JSON
# string. Both are possessive: a quote that never closes is found in one linear pass instead
# of being rescanned from every later quote, which would take hours on 1 MiB of `\"`.
_TERMINATED_PREFIX: Final = re.compile(r'(?:"(?:[^"\\]|\\.)*+"|[^"])*+', re.DOTALL)
_JSON_STRING: Final = re.compile(r'"(?:[^"\\]|\\.)*+"', re.DOTALL)
_NOT_BRACKETS: Final = bytes(byte for byte in range(256) if byte not in b"[]{}")
_DEPTH_STEP: Final = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}
# Only an escape can put a surrogate into a decoded string; raw surrogates are invalid UTF-8.
_SURROGATE_ESCAPE: Final = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE: Final = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class JsonNumber:
    """A JSON number exactly as its token appears in the body (`1.50`, `-2e+80`)."""

    token: str


JsonValue: TypeAlias = dict[str, "JsonValue"] | list["JsonValue"] | str | JsonNumber | bool | None


def parse_json_body(body: bytes) -> JsonValue:
    """Parse a body under the strict rules above; raise `SourceFailure(NOT_JSON)` otherwise."""
    if body.startswith(_UTF8_BOM):
        _not_json("a UTF-8 byte-order mark")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        _not_json(f"invalid UTF-8 at byte {error.start}")
    if _deeper_than(text, MAX_JSON_DEPTH):
        _not_json(f"arrays and objects nest deeper than {MAX_JSON_DEPTH}")
    try:
        document: JsonValue = json.loads(
            text,
            parse_int=JsonNumber,
            parse_float=JsonNumber,
            parse_constant=_refuse_constant,
            object_pairs_hook=_object_without_duplicates,
        )
    except ValueError as error:  # json.JSONDecodeError and the hooks' refusals
        _not_json(str(error))
    if _SURROGATE_ESCAPE.search(text) and _holds_surrogate(document):
        _not_json("a string escape leaves an unpaired surrogate")
    return document


def _not_json(detail: str) -> NoReturn:
    raise SourceFailure(FailureCode.NOT_JSON, detail)


def _refuse_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not JSON")


def _object_without_duplicates(pairs: list[tuple[str, JsonValue]]) -> dict[str, JsonValue]:
    obj: dict[str, JsonValue] = {}
    for key, value in pairs:
        if key in obj:
            raise ValueError(f"duplicate key {key!r}")
        obj[key] = value
    return obj


def _deeper_than(text: str, limit: int) -> bool:
    # Cheap exit: fewer opening brackets than the limit cannot nest past it.
    if text.count("[") + text.count("{") <= limit:
        return False
    # The parser stops at an unterminated string, so only the nesting before it can recurse.
    prefix = text[: _match_end(_TERMINATED_PREFIX, text)]
    outside_strings = _JSON_STRING.sub('""', prefix).encode("utf-8")
    brackets = outside_strings.translate(None, _NOT_BRACKETS)
    return max(accumulate(map(_DEPTH_STEP.__getitem__, brackets)), default=0) > limit


def _match_end(pattern: re.Pattern[str], text: str) -> int:
    match = pattern.match(text)
    return 0 if match is None else match.end()


def _holds_surrogate(document: JsonValue) -> bool:
    pending: list[JsonValue] = [document]
    while pending:
        value = pending.pop()
        if isinstance(value, str):
            if _SURROGATE.search(value):
                return True
        elif isinstance(value, dict):
            pending.extend(value.keys())
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
    return False
