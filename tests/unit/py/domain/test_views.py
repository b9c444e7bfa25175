"""SPEC §4 Views, and publish_answer."""

from collections.abc import Callable

import pytest

from fluxo.domain import NO_OUTCOME, RequestArgs
from fluxo.domain.outcome import categorical, string
from tests.model import OracleModel, OracleRevert, OutcomeOf, RoundInfo

YES = categorical(0)
NO = categorical(1)


def test_round_info__fresh_request__round_zero_has_no_deadline(
    oracle: OracleModel, request_id: int, settlement_s: int
) -> None:
    assert oracle.round_info(request_id, 0) == RoundInfo(200, settlement_s, 0, NO_OUTCOME, False)
    assert oracle.current_round(request_id) == 0


def test_round_info__round_not_opened__reverts(oracle: OracleModel, request_id: int) -> None:
    with pytest.raises(OracleRevert, match="^oracle: unknown round$"):
        oracle.round_info(request_id, 1)


def test_round_info__after_two_bonds__each_round_starts_when_the_previous_bonded(
    oracle: OracleModel,
    request_id: int,
    validator: str,
    disputer: str,
    settlement_s: int,
    challenge_period_s: int,
) -> None:
    oracle.stake(validator, request_id, YES, 200, settlement_s + 5)
    oracle.stake(disputer, request_id, NO, 400, settlement_s + 9)
    assert oracle.current_round(request_id) == 2
    assert oracle.round_info(request_id, 0) == RoundInfo(200, settlement_s, 0, YES, True)
    assert oracle.round_info(request_id, 1) == RoundInfo(
        400, settlement_s + 5, settlement_s + 5 + challenge_period_s, NO, True
    )
    assert oracle.round_info(request_id, 2) == RoundInfo(
        800, settlement_s + 9, settlement_s + 9 + challenge_period_s, NO_OUTCOME, False
    )


def test_outcome_of__before_and_after_finalize__reads_the_outcome(
    oracle: OracleModel,
    request_id: int,
    validator: str,
    settlement_s: int,
    challenge_period_s: int,
) -> None:
    oracle.stake(validator, request_id, YES, 200, settlement_s)
    assert oracle.outcome_of(request_id) == OutcomeOf(False, NO_OUTCOME)
    oracle.finalize(validator, request_id, settlement_s + challenge_period_s)
    assert oracle.outcome_of(request_id) == OutcomeOf(True, YES)


def test_staked__round_not_opened__reads_zero(
    oracle: OracleModel, request_id: int, validator: str
) -> None:
    assert oracle.staked(request_id, 5, validator, YES) == 0


@pytest.mark.parametrize(
    "view",
    [
        lambda oracle: oracle.outcome_of(0),
        lambda oracle: oracle.current_round(0),
        lambda oracle: oracle.round_info(0, 0),
        lambda oracle: oracle.staked(0, 0, "0x" + "00" * 20, bytes(32)),
        lambda oracle: oracle.claimable(0, "0x" + "00" * 20),
        lambda oracle: oracle.publish_answer(0, "Lisbon"),
    ],
)
def test_views__unknown_request__revert(
    oracle: OracleModel, view: Callable[[OracleModel], object]
) -> None:
    with pytest.raises(OracleRevert, match="^oracle: unknown request$"):
        view(oracle)


def test_publish_answer__string_request__returns_the_outcome_to_stake(
    oracle: OracleModel,
    requester: str,
    validator: str,
    make_args: Callable[..., RequestArgs],
    settlement_s: int,
) -> None:
    request_id = oracle.create_request(requester, make_args(outcomes=()), settlement_s)
    outcome = oracle.publish_answer(request_id, "Lisbon")
    assert outcome == string("Lisbon")
    oracle.stake(validator, request_id, outcome, 200, settlement_s)
    assert oracle.round_info(request_id, 0).bonded_outcome == string("Lisbon")
