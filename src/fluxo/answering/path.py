"""`Source.source_path`: which JSONPaths are accepted and what they match (SPEC Part III, Q1).

    evaluate_path({"data": {"price": JsonNumber("1.5")}}, "data.price")  # JsonNumber("1.5")

A path that does not start with `$` is the original dotted form and is read as `"$." + path`;
`[0].v` therefore becomes `$.[0].v`, which jsonpath-ng reads as `$[0].v` (the first element of a
top-level array).

The path is parsed by jsonpath-ng's plain parser (`jsonpath_ng.parse`, never the `ext` parser
with its filters and arithmetic) and must use only: the root `$`, child steps `.name` /
`['name']`, one index `[n]` (negative counts from the end), a slice `[a:b:c]`, the wildcard `*`,
and at most one descendant step `..`. Filters, unions (`[0,1]`, `['a','b']`, `|`), `&`,
`where`, `wherenot`, `` `this` `` and `` `parent` `` are refused. The subset keeps the match set
to distinct nodes, so evaluation costs at most a few passes over the document whatever the
128-character path says.
"""

import warnings
from functools import lru_cache
from typing import Final

from jsonpath_ng.exceptions import JsonPathLexerError, JsonPathParserError
from jsonpath_ng.jsonpath import (
    Child,
    Descendants,
    Fields,
    Index,
    JSONPath,
    Root,
    Slice,
    Wildcard,
)
from jsonpath_ng.parser import parse as _parse_jsonpath

from fluxo.answering.failure import FailureCode, SourceFailure
from fluxo.answering.json_body import JsonValue

MAX_DESCENDANT_STEPS: Final = 1


def normalise_path(source_path: str) -> str:
    """The JSONPath a `source_path` stands for: as is if it starts with `$`, else `$.` + path."""
    return source_path if source_path.startswith("$") else "$." + source_path


def compile_path(source_path: str) -> JSONPath:
    """Parse and vet a `source_path`; raise `SourceFailure(BAD_PATH)` if it is not accepted."""
    return _compile(normalise_path(source_path))


def evaluate_path(document: JsonValue, source_path: str) -> JsonValue:
    """The single value `source_path` matches in `document`.

    Zero matches raise `SourceFailure(NO_MATCH)`, two or more `SourceFailure(SEVERAL_MATCHES)`.
    """
    matches = compile_path(source_path).find(document)
    if not matches:
        raise SourceFailure(FailureCode.NO_MATCH, f"{source_path!r} matches nothing")
    if len(matches) > 1:
        raise SourceFailure(
            FailureCode.SEVERAL_MATCHES, f"{source_path!r} matches {len(matches)} values"
        )
    value: JsonValue = matches[0].value
    return value


@lru_cache(maxsize=256)
def _compile(path: str) -> JSONPath:
    try:
        # jsonpath-ng warns (DeprecationWarning) on `|` and `&`; both are refused below anyway.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            expression = _parse_jsonpath(path)
    except (JsonPathLexerError, JsonPathParserError) as error:
        raise SourceFailure(FailureCode.BAD_PATH, f"{path!r} does not parse: {error}") from None
    _vet(expression, path)
    return expression


def _vet(expression: JSONPath, path: str) -> None:
    descendant_steps = 0
    pending = [expression]
    while pending:
        node = pending.pop()
        if isinstance(node, Descendants):
            descendant_steps += 1
            pending += [node.left, node.right]
        elif isinstance(node, Child):
            pending += [node.left, node.right]
        elif not _is_accepted_step(node):
            raise SourceFailure(FailureCode.BAD_PATH, f"{path!r} uses {node!r}, not accepted")
    if descendant_steps > MAX_DESCENDANT_STEPS:
        raise SourceFailure(
            FailureCode.BAD_PATH, f"{path!r} has {descendant_steps} `..` steps, at most one"
        )


def _is_accepted_step(node: JSONPath) -> bool:
    if isinstance(node, (Root, Slice, Wildcard)):
        return True
    if isinstance(node, Fields):
        return len(node.fields) == 1
    if isinstance(node, Index):
        return len(node.indices) == 1
    return False
