"""`AnswerRequest`: the contract's bounds, the outcome kind, and the bridge from RequestArgs."""

import pytest

from fluxo.answering import AnswerRequest
from fluxo.domain.outcome import OutcomeKind
from fluxo.domain.request_args import RequestArgs, Source
from fluxo.exceptions import InvalidAnswerRequest

SOURCE = Source("https://api.example/price", "price")


@pytest.mark.parametrize(
    ("outcomes", "data_type", "kind"),
    [
        ((), 0, OutcomeKind.STRING),
        ((), 1, OutcomeKind.NUMBER),
        (("Yes", "No"), 0, OutcomeKind.CATEGORICAL),
        (("Yes", "No"), 1, OutcomeKind.CATEGORICAL),  # labels win over data_type (SPEC §2)
    ],
)
def test_kind__labels_and_data_type__as_spec_section_2(
    outcomes: tuple[str, ...], data_type: int, kind: OutcomeKind
) -> None:
    assert AnswerRequest((SOURCE,), outcomes, data_type, 0).kind is kind


@pytest.mark.parametrize(
    ("sources", "outcomes", "data_type", "decimals"),
    [
        ((SOURCE,) * 9, (), 1, 0),
        ((SOURCE,), ("only one",), 1, 0),
        ((SOURCE,), tuple("abcdefghi"), 1, 0),
        ((SOURCE,), (), 2, 0),
        ((SOURCE,), (), 1, -1),
        ((SOURCE,), (), 1, 256),
    ],
)
def test_request__outside_the_contract_bounds__rejected(
    sources: tuple[Source, ...], outcomes: tuple[str, ...], data_type: int, decimals: int
) -> None:
    with pytest.raises(InvalidAnswerRequest):
        AnswerRequest(sources, outcomes, data_type, decimals)


def test_from_request_args__decoded_event__keeps_what_the_rules_read() -> None:
    args = RequestArgs(
        description="ETH/USD at settlement",
        sources=(SOURCE,),
        outcomes=(),
        data_type=1,
        decimals=8,
        settlement_time=1_700_000_000,
        challenge_period=3_600,
        min_bond=10**18,
        fee=0,
        tags=("eth",),
    )

    request = AnswerRequest.from_request_args(args)

    assert request == AnswerRequest((SOURCE,), (), 1, 8)
