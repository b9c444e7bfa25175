"""SPEC §4 Expiry and Validity bond: settling an undisputed bonded outcome."""

from collections.abc import Callable

import pytest

from fluxo.domain import INVALID_OUTCOME, Payout, RequestArgs
from fluxo.domain.outcome import categorical
from tests.model import Callback, OracleModel, OracleRevert, OutcomeOf

YES = categorical(0)
NO = categorical(1)


def test_finalize__window_over__settles_and_returns_validity_bond(
    oracle: OracleModel,
    request_id: int,
    requester: str,
    validator: str,
    stranger: str,
    payment_token: str,
    settlement_s: int,
    challenge_period_s: int,
) -> None:
    """Money flow: the requester is credited 100 (validity bond) and anyone's withdrawal pays
    it; the 50 fee stays for the validator. Anyone may finalize, exactly at the window's end."""
    oracle.stake(validator, request_id, YES, 200, settlement_s)
    requester_before = oracle.balance_of(payment_token, requester)

    oracle.finalize(stranger, request_id, settlement_s + challenge_period_s)

    assert oracle.outcome_of(request_id) == OutcomeOf(True, YES)
    assert oracle.balance_of(payment_token, requester) == requester_before
    assert oracle.withdraw(stranger, payment_token, requester) == 100
    assert oracle.balance_of(payment_token, requester) == requester_before + 100
    assert oracle.balance_of(payment_token, oracle.address) == 50
    assert oracle.callbacks == (Callback(requester, request_id, YES),)


def test_finalize__one_second_early__reverts(
    oracle: OracleModel,
    request_id: int,
    validator: str,
    settlement_s: int,
    challenge_period_s: int,
) -> None:
    oracle.stake(validator, request_id, YES, 200, settlement_s)
    with pytest.raises(OracleRevert, match="^oracle: window open$"):
        oracle.finalize(validator, request_id, settlement_s + challenge_period_s - 1)
    assert oracle.outcome_of(request_id).finalized is False


def test_finalize__dispute_unanswered__settles_on_the_dispute(
    oracle: OracleModel,
    request_id: int,
    validator: str,
    disputer: str,
    settlement_s: int,
    challenge_period_s: int,
) -> None:
    """Round 1 bonds NO at settlement + 100; round 2 expires at settlement + 100 + period."""
    oracle.stake(validator, request_id, YES, 200, settlement_s)
    oracle.stake(disputer, request_id, NO, 400, settlement_s + 100)
    with pytest.raises(OracleRevert, match="^oracle: window open$"):
        oracle.finalize(disputer, request_id, settlement_s + challenge_period_s)
    oracle.finalize(disputer, request_id, settlement_s + 100 + challenge_period_s)
    assert oracle.outcome_of(request_id) == OutcomeOf(True, NO)


def test_finalize__invalid_outcome__validity_bond_joins_fee_pool(
    oracle: OracleModel,
    request_id: int,
    requester: str,
    validator: str,
    stake_token: str,
    payment_token: str,
    settlement_s: int,
    challenge_period_s: int,
) -> None:
    """Money flow: requester keeps nothing back; validator claims its 200 stake tokens and
    50 (fee) + 100 (validity bond) = 150 payment tokens."""
    oracle.stake(validator, request_id, INVALID_OUTCOME, 200, settlement_s)
    requester_before = oracle.balance_of(payment_token, requester)
    validator_before = oracle.balance_of(stake_token, validator)

    oracle.finalize(validator, request_id, settlement_s + challenge_period_s)
    assert oracle.balance_of(payment_token, requester) == requester_before

    assert oracle.claim(validator, request_id, validator) == Payout(200, 150)
    assert oracle.balance_of(stake_token, validator) == validator_before + 200
    assert oracle.balance_of(payment_token, validator) == 150
    assert oracle.balance_of(payment_token, oracle.address) == 0
    assert oracle.balance_of(stake_token, oracle.address) == 0


def test_finalize__nothing_bonded__reverts(
    oracle: OracleModel, request_id: int, validator: str, settlement_s: int
) -> None:
    oracle.stake(validator, request_id, YES, 199, settlement_s)
    with pytest.raises(OracleRevert, match="^oracle: nothing bonded$"):
        oracle.finalize(validator, request_id, settlement_s + 10**6)


def test_finalize__twice__reverts(
    oracle: OracleModel,
    request_id: int,
    validator: str,
    settlement_s: int,
    challenge_period_s: int,
) -> None:
    oracle.stake(validator, request_id, YES, 200, settlement_s)
    oracle.finalize(validator, request_id, settlement_s + challenge_period_s)
    with pytest.raises(OracleRevert, match="^oracle: finalized$"):
        oracle.finalize(validator, request_id, settlement_s + challenge_period_s)
    assert len(oracle.callbacks) == 1


def test_finalize__escalated__reverts(
    make_oracle: Callable[..., OracleModel],
    requester: str,
    validator: str,
    make_args: Callable[..., RequestArgs],
    settlement_s: int,
) -> None:
    oracle = make_oracle(arbitration_threshold=200)
    request_id = oracle.create_request(requester, make_args(), settlement_s)
    oracle.stake(validator, request_id, YES, 200, settlement_s)
    with pytest.raises(OracleRevert, match="^oracle: escalated$"):
        oracle.finalize(validator, request_id, settlement_s + 10**6)


def test_finalize__paused__reverts_before_unknown_request(
    oracle: OracleModel, owner: str, validator: str, settlement_s: int
) -> None:
    oracle.pause(owner, 0)
    with pytest.raises(OracleRevert, match="^pausable: contract is paused$"):
        oracle.finalize(validator, 0, settlement_s)


def test_finalize__unknown_request__reverts(
    oracle: OracleModel, validator: str, settlement_s: int
) -> None:
    with pytest.raises(OracleRevert, match="^oracle: unknown request$"):
        oracle.finalize(validator, 0, settlement_s)


def test_finalize__requester_removed_meanwhile__still_gets_validity_bond(
    oracle: OracleModel,
    request_id: int,
    owner: str,
    requester: str,
    validator: str,
    payment_token: str,
    settlement_s: int,
    challenge_period_s: int,
) -> None:
    """Money flow: oracle -> requester 100 (credited, withdrawn), whitelist or not."""
    oracle.remove_requester(owner, requester)
    oracle.stake(validator, request_id, YES, 200, settlement_s)
    requester_before = oracle.balance_of(payment_token, requester)
    oracle.finalize(validator, request_id, settlement_s + challenge_period_s)
    oracle.withdraw(validator, payment_token, requester)
    assert oracle.balance_of(payment_token, requester) == requester_before + 100
