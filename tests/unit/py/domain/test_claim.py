"""SPEC §4 Claims: correct stakers take their stake, the slashed bonds and the fee pool."""

from collections.abc import Callable

import pytest

from fluxo.domain import Payout, RequestArgs
from fluxo.domain.outcome import categorical
from tests.model import OracleModel, OracleRevert

YES = categorical(0)
NO = categorical(1)


@pytest.fixture
def crowdfunded_dispute(
    make_oracle: Callable[..., OracleModel],
    requester: str,
    validator: str,
    disputer: str,
    co_disputer: str,
    make_args: Callable[..., RequestArgs],
    settlement_s: int,
    challenge_period_s: int,
) -> tuple[OracleModel, int]:
    """B0 = 100, fee 7. Validator bonds YES (100); disputer 133 + co_disputer 67 bond NO
    (200); round 2 expires unfilled, so NO is final."""
    oracle = make_oracle(min_bond=100)
    request_id = oracle.create_request(requester, make_args(fee=7), settlement_s)
    oracle.stake(validator, request_id, YES, 100, settlement_s)
    oracle.stake(disputer, request_id, NO, 133, settlement_s + 1)
    oracle.stake(co_disputer, request_id, NO, 67, settlement_s + 1)
    oracle.finalize(validator, request_id, settlement_s + 1 + challenge_period_s)
    # The validity bond is credited to the requester; paying it out leaves only the claims.
    oracle.withdraw(validator, oracle.configs[0].payment_token, oracle.requester_of(request_id))
    return oracle, request_id


def test_claim__crowdfunded_dispute__pays_pro_rata_floored(
    crowdfunded_dispute: tuple[OracleModel, int],
    validator: str,
    disputer: str,
    co_disputer: str,
    stake_token: str,
    payment_token: str,
) -> None:
    """Money flow (correct 200, incorrect 100, fee 7):
    disputer    133 + 133 * 100 // 200 = 133 + 66 = 199 stake, 133 * 7 // 200 = 4 payment;
    co_disputer  67 +  67 * 100 // 200 =  67 + 33 = 100 stake,  67 * 7 // 200 = 2 payment;
    the oracle keeps 1 stake-token wei and 1 payment-token wei of rounding dust."""
    oracle, request_id = crowdfunded_dispute
    disputer_before = oracle.balance_of(stake_token, disputer)
    co_disputer_before = oracle.balance_of(stake_token, co_disputer)
    assert oracle.balance_of(stake_token, oracle.address) == 300

    assert oracle.claim(disputer, request_id, disputer) == Payout(199, 4)
    assert oracle.claim(co_disputer, request_id, co_disputer) == Payout(100, 2)

    assert oracle.balance_of(stake_token, disputer) == disputer_before + 199
    assert oracle.balance_of(stake_token, co_disputer) == co_disputer_before + 100
    assert oracle.balance_of(payment_token, disputer) == 4
    assert oracle.balance_of(payment_token, co_disputer) == 2
    assert oracle.balance_of(stake_token, oracle.address) == 1
    assert oracle.balance_of(payment_token, oracle.address) == 1
    with pytest.raises(OracleRevert, match="^oracle: nothing to claim$"):
        oracle.claim(validator, request_id, validator)


def test_claim__second_time__reverts(
    crowdfunded_dispute: tuple[OracleModel, int], disputer: str, stake_token: str
) -> None:
    oracle, request_id = crowdfunded_dispute
    oracle.claim(disputer, request_id, disputer)
    balance_after_first = oracle.balance_of(stake_token, disputer)
    with pytest.raises(OracleRevert, match="^oracle: nothing to claim$"):
        oracle.claim(disputer, request_id, disputer)
    assert oracle.balance_of(stake_token, disputer) == balance_after_first


def test_claim__by_someone_else__pays_the_account(
    crowdfunded_dispute: tuple[OracleModel, int],
    disputer: str,
    stranger: str,
    stake_token: str,
) -> None:
    """Money flow: oracle -> disputer 199; the stranger who called gets nothing."""
    oracle, request_id = crowdfunded_dispute
    disputer_before = oracle.balance_of(stake_token, disputer)
    oracle.claim(stranger, request_id, disputer)
    assert oracle.balance_of(stake_token, disputer) == disputer_before + 199
    assert oracle.balance_of(stake_token, stranger) == 0


def test_claim__after_claim__staked_and_claimable_read_zero(
    crowdfunded_dispute: tuple[OracleModel, int], validator: str, disputer: str
) -> None:
    """Only the claimed correct stake is zeroed; the validator's slashed 100 still reads."""
    oracle, request_id = crowdfunded_dispute
    assert oracle.claimable(request_id, disputer) == Payout(199, 4)
    assert oracle.staked(request_id, 1, disputer, NO) == 133
    oracle.claim(disputer, request_id, disputer)
    assert oracle.claimable(request_id, disputer) == Payout(0, 0)
    assert oracle.staked(request_id, 1, disputer, NO) == 0
    assert oracle.staked(request_id, 0, validator, YES) == 100


def test_claim__not_finalized__reverts(
    oracle: OracleModel, request_id: int, validator: str, settlement_s: int
) -> None:
    oracle.stake(validator, request_id, YES, 200, settlement_s)
    assert oracle.claimable(request_id, validator) == Payout(0, 0)
    with pytest.raises(OracleRevert, match="^oracle: not finalized$"):
        oracle.claim(validator, request_id, validator)


def test_claim__unknown_request__reverts(oracle: OracleModel, validator: str) -> None:
    with pytest.raises(OracleRevert, match="^oracle: unknown request$"):
        oracle.claim(validator, 0, validator)


def test_claim__paused__still_pays(
    crowdfunded_dispute: tuple[OracleModel, int], owner: str, disputer: str
) -> None:
    oracle, request_id = crowdfunded_dispute
    oracle.pause(owner, 0)
    assert oracle.claim(disputer, request_id, disputer) == Payout(199, 4)


def test_claim__stake_in_unfilled_round__is_neither_slashed_nor_rewarded(
    oracle: OracleModel,
    request_id: int,
    validator: str,
    co_validator: str,
    disputer: str,
    stake_token: str,
    settlement_s: int,
    challenge_period_s: int,
) -> None:
    """co_validator's 50 on NO in round 1 never fills and YES is final: stake in an unbonded
    round is neither slashed nor rewarded. Money flow: validator claims 200 + 0 stake tokens
    and the 50 fee; co_validator unstakes its 50."""
    oracle.stake(validator, request_id, YES, 200, settlement_s)
    co_validator_before = oracle.balance_of(stake_token, co_validator)
    oracle.stake(co_validator, request_id, NO, 50, settlement_s + 1)
    oracle.finalize(disputer, request_id, settlement_s + challenge_period_s)

    assert oracle.claim(validator, request_id, validator) == Payout(200, 50)
    with pytest.raises(OracleRevert, match="^oracle: nothing to claim$"):
        oracle.claim(co_validator, request_id, co_validator)
    oracle.unstake(co_validator, request_id, 1, NO, 50, settlement_s + challenge_period_s)
    assert oracle.balance_of(stake_token, co_validator) == co_validator_before
    assert oracle.balance_of(stake_token, oracle.address) == 0
