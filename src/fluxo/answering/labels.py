"""Matching a categorical answer to the request's labels (SPEC Part III, question 6).

    label_indices("  YES ", ("Yes", "No"))   # (0,)

Text and labels are compared after `fold`: surrounding Unicode White_Space stripped, then full
Unicode case folding (`str.casefold`, Unicode 14.0 in Python 3.11). No normalisation (NFC/NFKC)
is applied: a composed and a decomposed "é" are different texts, as they are on chain.

`str.strip()` is not used because Python's whitespace also includes U+001C..U+001F, which are
not White_Space; the set is spelled out so another implementation strips exactly the same.
"""

from collections.abc import Sequence
from typing import Final

# Unicode's White_Space property (PropList.txt), every code point.
WHITE_SPACE: Final = (
    "\u0009\u000a\u000b\u000c\u000d\u0020\u0085\u00a0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)


def fold(text: str) -> str:
    """The form a text and a label are compared in: White_Space-stripped, case-folded."""
    return text.strip(WHITE_SPACE).casefold()


def label_indices(text: str, outcomes: Sequence[str]) -> tuple[int, ...]:
    """Indices of every label equal to `text` after folding: none, one, or several."""
    folded = fold(text)
    return tuple(index for index, label in enumerate(outcomes) if fold(label) == folded)


def label_collisions(outcomes: Sequence[str]) -> tuple[tuple[int, ...], ...]:
    """Groups of two or more labels that fold to the same text, for an SDK or CLI to refuse
    such a request before it is created (the contract cannot compare folded Unicode)."""
    groups: dict[str, list[int]] = {}
    for index, label in enumerate(outcomes):
        groups.setdefault(fold(label), []).append(index)
    return tuple(tuple(group) for group in groups.values() if len(group) > 1)
