"""SPEC §4 Unstake: stake that did not bond comes back at any time, even while paused."""

import pytest

from fluxo.domain.outcome import categorical
from tests.model import OracleModel, OracleRevert

YES = categorical(0)
NO = categorical(1)


def test_unstake__unfilled_round_before_finalize__returns_the_stake(
    oracle: OracleModel,
    request_id: int,
    validator: str,
    disputer: str,
    stake_token: str,
    settlement_s: int,
) -> None:
    """Money flow: disputer -> oracle 150 into round 1, then oracle -> disputer 150."""
    oracle.stake(validator, request_id, YES, 200, settlement_s)
    disputer_before = oracle.balance_of(stake_token, disputer)
    oracle.stake(disputer, request_id, NO, 150, settlement_s + 1)
    assert oracle.balance_of(stake_token, disputer) == disputer_before - 150

    oracle.unstake(disputer, request_id, 1, NO, 150, settlement_s + 2)

    assert oracle.balance_of(stake_token, disputer) == disputer_before
    assert oracle.balance_of(stake_token, oracle.address) == 200
    assert oracle.staked(request_id, 1, disputer, NO) == 0


def test_unstake__losing_outcome_after_finalize__returns_the_stake(
    oracle: OracleModel,
    request_id: int,
    validator: str,
    disputer: str,
    stake_token: str,
    settlement_s: int,
    challenge_period_s: int,
) -> None:
    """Money flow: disputer's 150 on NO in round 0 never bonded, so it is returned in full,
    in two pieces (100 then 50), after the request finalized on YES."""
    disputer_before = oracle.balance_of(stake_token, disputer)
    oracle.stake(disputer, request_id, NO, 150, settlement_s)
    oracle.stake(validator, request_id, YES, 200, settlement_s)
    oracle.finalize(validator, request_id, settlement_s + challenge_period_s)

    oracle.unstake(disputer, request_id, 0, NO, 100, settlement_s + 10**6)
    oracle.unstake(disputer, request_id, 0, NO, 50, settlement_s + 10**6)

    assert oracle.balance_of(stake_token, disputer) == disputer_before


def test_unstake__paused__still_works(
    oracle: OracleModel, request_id: int, owner: str, disputer: str, settlement_s: int
) -> None:
    oracle.stake(disputer, request_id, NO, 150, settlement_s)
    oracle.pause(owner, 0)
    oracle.unstake(disputer, request_id, 0, NO, 150, settlement_s)
    assert oracle.staked(request_id, 0, disputer, NO) == 0


def test_unstake__bonded_outcome__reverts(
    oracle: OracleModel, request_id: int, validator: str, settlement_s: int
) -> None:
    oracle.stake(validator, request_id, YES, 200, settlement_s)
    with pytest.raises(OracleRevert, match="^oracle: outcome bonded$"):
        oracle.unstake(validator, request_id, 0, YES, 1, settlement_s)


def test_unstake__bonded_outcome__reverts_before_insufficient_stake(
    oracle: OracleModel, request_id: int, validator: str, stranger: str, settlement_s: int
) -> None:
    oracle.stake(validator, request_id, YES, 200, settlement_s)
    with pytest.raises(OracleRevert, match="^oracle: outcome bonded$"):
        oracle.unstake(stranger, request_id, 0, YES, 1, settlement_s)


def test_unstake__more_than_held__reverts(
    oracle: OracleModel, request_id: int, disputer: str, settlement_s: int
) -> None:
    oracle.stake(disputer, request_id, NO, 150, settlement_s)
    with pytest.raises(OracleRevert, match="^oracle: insufficient stake$"):
        oracle.unstake(disputer, request_id, 0, NO, 151, settlement_s)
    assert oracle.staked(request_id, 0, disputer, NO) == 150


def test_unstake__zero_amount__reverts(
    oracle: OracleModel, request_id: int, disputer: str, settlement_s: int
) -> None:
    with pytest.raises(OracleRevert, match="^oracle: zero amount$"):
        oracle.unstake(disputer, request_id, 0, NO, 0, settlement_s)


def test_unstake__round_not_opened__reverts(
    oracle: OracleModel, request_id: int, disputer: str, settlement_s: int
) -> None:
    with pytest.raises(OracleRevert, match="^oracle: unknown round$"):
        oracle.unstake(disputer, request_id, 1, NO, 1, settlement_s)


def test_unstake__unknown_request__reverts_before_zero_amount(
    oracle: OracleModel, disputer: str, settlement_s: int
) -> None:
    with pytest.raises(OracleRevert, match="^oracle: unknown request$"):
        oracle.unstake(disputer, 0, 0, NO, 0, settlement_s)


def test_unstake__zero_amount__reverts_before_unknown_round(
    oracle: OracleModel, request_id: int, disputer: str, settlement_s: int
) -> None:
    with pytest.raises(OracleRevert, match="^oracle: zero amount$"):
        oracle.unstake(disputer, request_id, 9, NO, 0, settlement_s)
