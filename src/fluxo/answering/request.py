"""The part of a request the answer rules read, decoupled from web3.

    request = AnswerRequest(
        sources=(Source("https://api.example/price", "data.price"),),
        outcomes=(),
        data_type=OutcomeKind.NUMBER,
        decimals=8,
    )

The node builds it from the `RequestCreated` event (`AnswerRequest.from_request_args` from a
decoded `RequestArgs`). The bounds are the contract's (SPEC §3): they hold for every request
that exists on chain, and anything else is a caller's mistake.
"""

from dataclasses import dataclass
from typing import Final

from fluxo.domain.outcome import OutcomeKind, kind_of
from fluxo.domain.request_args import RequestArgs, Source
from fluxo.domain.request_builder import DATA_TYPES, MAX_LIST_LENGTH, MIN_CATEGORICAL_OUTCOMES
from fluxo.exceptions import InvalidAnswerRequest

# `decimals` is a uint8 on chain.
MAX_DECIMALS: Final = 255


@dataclass(frozen=True, slots=True)
class AnswerRequest:
    """Sources, outcome labels, data type and decimals of one request."""

    sources: tuple[Source, ...]
    outcomes: tuple[str, ...]
    data_type: int
    decimals: int

    def __post_init__(self) -> None:
        if len(self.sources) > MAX_LIST_LENGTH:
            raise InvalidAnswerRequest(f"at most {MAX_LIST_LENGTH} sources")
        if len(self.outcomes) > MAX_LIST_LENGTH or 0 < len(self.outcomes) < (
            MIN_CATEGORICAL_OUTCOMES
        ):
            raise InvalidAnswerRequest(
                f"outcomes: 0 or {MIN_CATEGORICAL_OUTCOMES}..{MAX_LIST_LENGTH} labels"
            )
        if self.data_type not in DATA_TYPES:
            raise InvalidAnswerRequest(f"data_type must be one of {DATA_TYPES}")
        if not 0 <= self.decimals <= MAX_DECIMALS:
            raise InvalidAnswerRequest(f"decimals must be in 0..{MAX_DECIMALS}")

    @property
    def kind(self) -> OutcomeKind:
        """Categorical if it has labels, else STRING or NUMBER by `data_type` (SPEC §2)."""
        return kind_of(len(self.outcomes), self.data_type)

    @classmethod
    def from_request_args(cls, args: RequestArgs) -> "AnswerRequest":
        return cls(
            sources=tuple(args.sources),
            outcomes=tuple(args.outcomes),
            data_type=args.data_type,
            decimals=args.decimals,
        )
