"""Reducing repeated passes to one decision (SPEC Part III, determinism; question 10).

    decision = reduce_passes(OutcomeKind.NUMBER, passes)

Each pass is ruled on its own (`decide_pass`): a source that failed in one pass is a failed
source of that pass only. The request's decision is the ruling every pass reached; if any pass
abstained, or two passes reached different verdicts or outcomes, the node abstains. Comparing
rulings rather than raw values lets a flaky minority source pass when it does not move the
answer, while any instability in the answer itself keeps the node's money out.
"""

from collections.abc import Sequence

from fluxo.answering.decision import AbstainReason, Decision, PassResult, Ruling, Verdict
from fluxo.domain.outcome import OutcomeKind
from fluxo.exceptions import InvalidAnswerRequest


def reduce_passes(kind: OutcomeKind, passes: Sequence[PassResult]) -> Decision:
    """The decision of a request of `kind` fetched `len(passes)` times (at least once)."""
    if not passes:
        raise InvalidAnswerRequest("a decision needs at least one pass")
    rulings = [result.ruling for result in passes]
    for number, ruling in enumerate(rulings, start=1):
        if ruling.verdict is Verdict.ABSTAIN:
            reduced = ruling
            if len(rulings) > 1:
                reduced = Ruling(
                    Verdict.ABSTAIN,
                    None,
                    None,
                    f"pass {number} of {len(rulings)}: {ruling.reason}",
                    ruling.abstain_reason,
                )
            return Decision(kind, reduced, tuple(passes))
    first = rulings[0]
    for number, ruling in enumerate(rulings[1:], start=2):
        if not ruling.agrees_with(first):
            differ = Ruling(
                Verdict.ABSTAIN,
                None,
                None,
                f"pass 1 gave {_summary(first)}, pass {number} gave {_summary(ruling)}",
                AbstainReason.PASSES_DIFFER,
            )
            return Decision(kind, differ, tuple(passes))
    return Decision(kind, first, tuple(passes))


def _summary(ruling: Ruling) -> str:
    if ruling.verdict is Verdict.INVALID:
        return "INVALID"
    return repr(ruling.answer)
