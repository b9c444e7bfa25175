"""Label folding: surrounding White_Space and Unicode case, nothing else."""

import pytest

from fluxo.answering import fold, label_collisions, label_indices

LABELS = ("Yes", "No", "Straße")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Yes", (0,)),
        ("yes", (0,)),
        ("YES", (0,)),
        ("  yEs \n", (0,)),
        ("\u00a0No\u3000", (1,)),  # no-break and ideographic spaces are White_Space
        ("STRASSE", (2,)),  # full case folding: ß folds to ss
        ("strasse", (2,)),
    ],
)
def test_label_indices__same_after_folding__matches(text: str, expected: tuple[int, ...]) -> None:
    assert label_indices(text, LABELS) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Y es",  # inner spaces count
        "Yes.",
        "\x1cYes",  # U+001C is whitespace to Python's str.strip, not White_Space
        "\u200bYes",  # zero-width space is not White_Space
        "Ye\u0301s",  # no normalisation: a combining accent stays
        "Maybe",
    ],
)
def test_label_indices__different_after_folding__matches_nothing(text: str) -> None:
    assert label_indices(text, LABELS) == ()


def test_fold__composed_and_decomposed__stay_different() -> None:
    assert fold("\u00e9") != fold("e\u0301")


def test_fold__unicode_version__is_the_reference() -> None:
    import unicodedata

    assert unicodedata.unidata_version == "14.0.0"


def test_label_indices__text_on_two_labels__returns_both() -> None:
    assert label_indices("yes", ("Yes", "No", " YES")) == (0, 2)


def test_label_collisions__labels_equal_after_folding__are_grouped() -> None:
    assert label_collisions(("Yes", "No", "yes ", "NO", "Maybe")) == ((0, 2), (1, 3))


def test_label_collisions__distinct_labels__none() -> None:
    assert label_collisions(("Yes", "No", "Maybe")) == ()
