"""`source_path`: the accepted JSONPath subset, the dotted form, and the one-match rule."""

from importlib.metadata import version

import pytest

from fluxo.answering import (
    FailureCode,
    JsonNumber,
    JsonValue,
    SourceFailure,
    evaluate_path,
    normalise_path,
)

DOCUMENT: JsonValue = {
    "data": {"price": JsonNumber("1.5"), "tags": ["a", "b"]},
    "list": [{"v": JsonNumber("1")}, {"v": JsonNumber("2")}],
    "x.y": "dotted key",
    "n": None,
}


def _failure(path: str, document: JsonValue = DOCUMENT) -> FailureCode:
    with pytest.raises(SourceFailure) as caught:
        evaluate_path(document, path)
    return caught.value.code


def test_jsonpath_ng__installed_version__is_the_protocol_reference() -> None:
    """The match rules are jsonpath-ng 1.16's; upgrading it is a protocol change."""
    assert version("jsonpath-ng").startswith("1.16.")


@pytest.mark.parametrize(
    ("source_path", "expected"),
    [
        ("data.price", "$.data.price"),
        ("$.data.price", "$.data.price"),
        ("$", "$"),
        ("[0].v", "$.[0].v"),
        (" $.a", "$. $.a"),
    ],
)
def test_normalise__path__is_dollar_dot_prefixed_unless_it_starts_with_dollar(
    source_path: str, expected: str
) -> None:
    assert normalise_path(source_path) == expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("data.price", JsonNumber("1.5")),
        ("$.data.price", JsonNumber("1.5")),
        ("$['data']['price']", JsonNumber("1.5")),
        ("$.data.tags[1]", "b"),
        ("$.data.tags[-1]", "b"),
        ("list[1].v", JsonNumber("2")),
        ("$['x.y']", "dotted key"),
        ('$."x.y"', "dotted key"),
        ("$..price", JsonNumber("1.5")),
        ("$.list[1:].v", JsonNumber("2")),
        ("$.n", None),
    ],
)
def test_evaluate__accepted_path_with_one_match__returns_it(path: str, expected: JsonValue) -> None:
    assert evaluate_path(DOCUMENT, path) == expected


def test_evaluate__dollar_alone__returns_the_whole_document() -> None:
    assert evaluate_path(JsonNumber("7"), "$") == JsonNumber("7")


def test_evaluate__dotted_path_starting_with_an_index__indexes_the_top_level_array() -> None:
    assert evaluate_path([{"v": "first"}, {"v": "second"}], "[0].v") == "first"


@pytest.mark.parametrize(
    "path",
    [
        "data.missing",
        "data.tags[5]",
        "data.tags[-3]",
        "data.price.deeper",
        "data.price[0]",
        "data.price[*]",
        "$.list[9:]",
    ],
)
def test_evaluate__path_matching_nothing__fails_no_match(path: str) -> None:
    assert _failure(path) is FailureCode.NO_MATCH


@pytest.mark.parametrize(
    "path", ["$.list[*].v", "$..v", "$.data.tags[*]", "$.data.*", "$.list[0:2]"]
)
def test_evaluate__path_matching_several__fails_several_matches(path: str) -> None:
    assert _failure(path) is FailureCode.SEVERAL_MATCHES


def test_evaluate__wildcard_over_a_single_member__is_one_match() -> None:
    assert evaluate_path({"only": {"v": "x"}}, "$.*.v") == "x"


@pytest.mark.parametrize(
    "path",
    [
        "$.list[?(@.v > 1)]",  # ext filter
        "$.list[0].v + 1",  # ext arithmetic
        "$.list[*] where v",
        "$.list[*] wherenot v",
        "$.data | $.list",  # union
        "$.data & $.list",  # intersection
        "$.data.tags[0,1]",  # multi-index union
        "$['data','list']",  # multi-field union
        "$.data.`parent`",
        "`this`",
        "$..list..v",  # two descendant steps
        "",
        "$.",
        "data..",
        "$[",
    ],
)
def test_evaluate__path_outside_the_subset__fails_bad_path(path: str) -> None:
    assert _failure(path) is FailureCode.BAD_PATH


def test_evaluate__one_descendant_step_then_children__is_accepted() -> None:
    assert evaluate_path(DOCUMENT, "$..data.tags[0]") == "a"
