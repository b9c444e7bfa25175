"""What the node would stake, and why: the result types of the answer rules.

A `Decision` is one `Ruling` (answer an outcome, stake INVALID, or abstain) plus the passes it
was reduced from; each `PassResult` is that pass's own ruling plus one `SourceTrace` per source
(URL, HTTP status, the value read or the failure). `fluxo.answering.report` turns a decision
into JSON or a text table for operators.
"""

from dataclasses import dataclass
from enum import StrEnum

from fluxo.answering.failure import FailureCode
from fluxo.domain.outcome import OutcomeKind


class Verdict(StrEnum):
    """What the node does with a request."""

    ANSWER = "answer"  # stake `outcome`
    INVALID = "invalid"  # stake INVALID_OUTCOME: the data answered, and no outcome fits
    ABSTAIN = "abstain"  # stake nothing


class AbstainReason(StrEnum):
    """Why the node stakes nothing (SPEC Part III, decision table)."""

    NO_SOURCES = "no_sources"  # people answer such requests through the CLI
    TOO_FEW_SOURCES = "too_few_sources"  # no strict majority of the sources succeeded
    SOURCES_DISAGREE = "sources_disagree"  # categorical or STRING sources differ
    AMBIGUOUS_LABEL = "ambiguous_label"  # the answer folds to two or more labels
    PASSES_DIFFER = "passes_differ"  # repeated passes did not reach the same ruling


@dataclass(frozen=True, slots=True)
class SourceTrace:
    """One source in one pass: where it was fetched, what came back, and what was read.

    `value` is the match as text (a number's token, a string as is) when the source succeeded;
    `error` and `detail` say why it failed otherwise. `final_url` is the last URL requested
    (after redirects), `http_status` the last status received; both are `None` if no request
    got that far.
    """

    end_point: str
    source_path: str
    final_url: str | None
    http_status: int | None
    value: str | None
    error: FailureCode | None
    detail: str

    @property
    def succeeded(self) -> bool:
        return self.error is None


@dataclass(frozen=True, slots=True)
class Ruling:
    """A verdict with its bytes32 outcome (ANSWER and INVALID only) and a readable reason.

    `answer` is what the outcome encodes, for people: the scaled integer of a NUMBER, the label
    of a categorical outcome, or the text of a STRING answer (which the node publishes with
    `publish_answer` before staking its hash). Two rulings agree iff verdict and outcome agree.
    """

    verdict: Verdict
    outcome: bytes | None
    answer: str | None
    reason: str
    abstain_reason: AbstainReason | None = None

    def agrees_with(self, other: "Ruling") -> bool:
        return (self.verdict, self.outcome) == (other.verdict, other.outcome)


@dataclass(frozen=True, slots=True)
class PassResult:
    """One fetch of every source and the ruling the rules draw from it alone."""

    ruling: Ruling
    sources: tuple[SourceTrace, ...]


@dataclass(frozen=True, slots=True)
class Decision:
    """The node's decision on a request: the common ruling of all passes, or abstain."""

    kind: OutcomeKind
    ruling: Ruling
    passes: tuple[PassResult, ...]

    @property
    def verdict(self) -> Verdict:
        return self.ruling.verdict

    @property
    def outcome(self) -> bytes | None:
        """The bytes32 to stake; `None` when abstaining."""
        return self.ruling.outcome

    @property
    def answer(self) -> str | None:
        return self.ruling.answer

    @property
    def reason(self) -> str:
        return self.ruling.reason

    @property
    def abstain_reason(self) -> AbstainReason | None:
        return self.ruling.abstain_reason
