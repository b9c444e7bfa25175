"""The ruling of one pass: the answer rules per outcome kind (SPEC Part III), pure.

    ruling = decide_pass(request, traces)   # traces: one SourceTrace per request source

In order:

1. no sources: abstain (NO_SOURCES); people answer such requests through the CLI;
2. fewer than a strict majority of the sources succeeded: abstain (TOO_FEW_SOURCES);
3. by kind, over the successful sources' values:
   * NUMBER: the median (even count: mean of the two middle values) times `10**decimals`,
     rounded toward zero; outside int256, or equal to INVALID_OUTCOME (int256 min): INVALID;
   * categorical: each text is matched to the labels after folding (`labels.fold`). A text
     that folds to two or more labels: abstain (AMBIGUOUS_LABEL). All texts on one label: that
     outcome. All texts on no label: INVALID. Anything else: abstain (SOURCES_DISAGREE);
   * STRING: all texts identical (code point for code point): `keccak256(utf8(text))`, else
     abstain (SOURCES_DISAGREE).

A failure never leads to INVALID: INVALID means the data answered and no outcome can say it.
"""

from collections.abc import Sequence
from typing import Final

from fluxo.answering.decimal_grammar import parse_decimal
from fluxo.answering.decision import AbstainReason, Ruling, SourceTrace, Verdict
from fluxo.answering.labels import label_indices
from fluxo.answering.median import scaled_median
from fluxo.answering.request import AnswerRequest
from fluxo.domain import outcome
from fluxo.domain.outcome import INVALID_OUTCOME, OutcomeKind
from fluxo.exceptions import InvalidAnswerRequest

# A NUMBER answer is an int256 other than int256 min, which encodes INVALID_OUTCOME.
INT256_MIN: Final = -(2**255)
INT256_MAX: Final = 2**255 - 1


def decide_pass(request: AnswerRequest, sources: Sequence[SourceTrace]) -> Ruling:
    """The ruling of one pass over `sources`, which are `request.sources` in order."""
    if len(sources) != len(request.sources):
        raise InvalidAnswerRequest(
            f"{len(sources)} traces for a request with {len(request.sources)} sources"
        )
    if not request.sources:
        return _abstain(AbstainReason.NO_SOURCES, "the request has no sources")
    values = [trace.value for trace in sources if trace.value is not None and trace.succeeded]
    if 2 * len(values) <= len(request.sources):
        return _abstain(
            AbstainReason.TOO_FEW_SOURCES,
            f"{len(values)} of {len(request.sources)} sources succeeded; a strict majority must",
        )
    match request.kind:
        case OutcomeKind.NUMBER:
            return _decide_number(values, request.decimals)
        case OutcomeKind.CATEGORICAL:
            return _decide_categorical(values, request.outcomes)
        case OutcomeKind.STRING:
            return _decide_string(values)


def _decide_number(texts: Sequence[str], decimals: int) -> Ruling:
    scaled = scaled_median([parse_decimal(text) for text in texts], decimals)
    how = f"median of {len(texts)} values times 10**{decimals}, rounded toward zero"
    if scaled is None or not INT256_MIN <= scaled <= INT256_MAX:
        return Ruling(Verdict.INVALID, INVALID_OUTCOME, None, f"the {how} is outside int256")
    if scaled == INT256_MIN:
        return Ruling(
            Verdict.INVALID, INVALID_OUTCOME, None, f"the {how} is int256 min (INVALID_OUTCOME)"
        )
    return Ruling(Verdict.ANSWER, outcome.number(scaled), str(scaled), how)


def _decide_categorical(texts: Sequence[str], labels: Sequence[str]) -> Ruling:
    matches = [label_indices(text, labels) for text in texts]
    for text, indices in zip(texts, matches, strict=True):
        if len(indices) > 1:
            return _abstain(
                AbstainReason.AMBIGUOUS_LABEL, f"{text!r} matches labels {list(indices)}"
            )
    chosen = {indices[0] if indices else None for indices in matches}
    if len(chosen) > 1:
        named = ", ".join(f"{text!r}" for text in dict.fromkeys(texts))
        return _abstain(AbstainReason.SOURCES_DISAGREE, f"the sources answer {named}")
    (index,) = chosen
    if index is None:
        return Ruling(Verdict.INVALID, INVALID_OUTCOME, None, f"{texts[0]!r} matches no label")
    return Ruling(
        Verdict.ANSWER,
        outcome.categorical(index),
        labels[index],
        f"{len(texts)} sources match label {index}",
    )


def _decide_string(texts: Sequence[str]) -> Ruling:
    distinct = list(dict.fromkeys(texts))
    if len(distinct) > 1:
        return _abstain(
            AbstainReason.SOURCES_DISAGREE,
            f"the sources give {len(distinct)} different texts",
        )
    return Ruling(
        Verdict.ANSWER,
        outcome.string(distinct[0]),
        distinct[0],
        f"{len(texts)} sources give the same text; the outcome is its keccak256",
    )


def _abstain(reason: AbstainReason, detail: str) -> Ruling:
    return Ruling(Verdict.ABSTAIN, None, None, detail, reason)
