"""Repeated passes: one decision only if every pass reached the same ruling."""

import pytest

from fluxo.answering import AbstainReason, PassResult, Ruling, Verdict, reduce_passes
from fluxo.domain.outcome import INVALID_OUTCOME, OutcomeKind, number
from fluxo.exceptions import InvalidAnswerRequest

SEVEN = Ruling(Verdict.ANSWER, number(7), "7", "median")
EIGHT = Ruling(Verdict.ANSWER, number(8), "8", "median")
INVALID = Ruling(Verdict.INVALID, INVALID_OUTCOME, None, "outside int256")
TOO_FEW = Ruling(Verdict.ABSTAIN, None, None, "1 of 3", AbstainReason.TOO_FEW_SOURCES)


def _passes(*rulings: Ruling) -> list[PassResult]:
    return [PassResult(ruling, ()) for ruling in rulings]


def test_reduce__identical_passes__that_ruling() -> None:
    decision = reduce_passes(OutcomeKind.NUMBER, _passes(SEVEN, SEVEN, SEVEN))

    assert decision.ruling == SEVEN
    assert len(decision.passes) == 3


def test_reduce__every_pass_invalid__invalid() -> None:
    assert reduce_passes(OutcomeKind.NUMBER, _passes(INVALID, INVALID)).verdict is Verdict.INVALID


def test_reduce__same_outcome_different_reason_text__agree() -> None:
    also_seven = Ruling(Verdict.ANSWER, number(7), "7", "another explanation")

    assert reduce_passes(OutcomeKind.NUMBER, _passes(SEVEN, also_seven)).outcome == number(7)


@pytest.mark.parametrize("second", [EIGHT, INVALID])
def test_reduce__passes_with_different_rulings__abstain(second: Ruling) -> None:
    decision = reduce_passes(OutcomeKind.NUMBER, _passes(SEVEN, SEVEN, second))

    assert decision.verdict is Verdict.ABSTAIN
    assert decision.outcome is None
    assert decision.abstain_reason is AbstainReason.PASSES_DIFFER
    assert decision.reason.startswith("pass 1 gave '7', pass 3 gave")


def test_reduce__one_pass_abstains__abstain_with_its_reason() -> None:
    decision = reduce_passes(OutcomeKind.NUMBER, _passes(SEVEN, TOO_FEW, SEVEN))

    assert decision.abstain_reason is AbstainReason.TOO_FEW_SOURCES
    assert decision.reason == "pass 2 of 3: 1 of 3"


def test_reduce__single_pass__its_ruling_unchanged() -> None:
    assert reduce_passes(OutcomeKind.NUMBER, _passes(TOO_FEW)).ruling == TOO_FEW


def test_reduce__no_pass__rejected() -> None:
    with pytest.raises(InvalidAnswerRequest, match="at least one pass"):
        reduce_passes(OutcomeKind.NUMBER, [])
