"""SPEC §4 Escalation and Treasury: the final arbitrator settles escalated requests."""

from collections.abc import Callable

import pytest

from fluxo.domain import INVALID_OUTCOME, Config, Payout, RequestArgs
from fluxo.domain.outcome import categorical
from tests.model import Callback, OracleModel, OracleRevert, OutcomeOf

YES = categorical(0)
NO = categorical(1)
MAYBE = categorical(2)


@pytest.fixture
def escalated_oracle(make_oracle: Callable[..., OracleModel]) -> OracleModel:
    """Threshold 400: round 0 (200) opens round 1, round 1 (400) escalates."""
    return make_oracle(arbitration_threshold=400)


@pytest.fixture
def escalated_id(
    escalated_oracle: OracleModel,
    requester: str,
    validator: str,
    disputer: str,
    make_args: Callable[..., RequestArgs],
    settlement_s: int,
) -> int:
    """Three labels; validator bonds YES (200), disputer bonds NO (400): escalated."""
    oracle = escalated_oracle
    request_id = oracle.create_request(
        requester, make_args(outcomes=("yes", "no", "maybe")), settlement_s
    )
    oracle.stake(validator, request_id, YES, 200, settlement_s)
    oracle.stake(disputer, request_id, NO, 400, settlement_s + 1)
    return request_id


def test_arbitrate__bonded_outcome__stakers_of_it_share_the_rest(
    escalated_oracle: OracleModel,
    escalated_id: int,
    requester: str,
    validator: str,
    disputer: str,
    arbitrator: str,
    stake_token: str,
    payment_token: str,
) -> None:
    """Money flow: oracle -> requester 100 (validity bond); disputer claims
    400 + 400 * 200 // 400 = 600 stake tokens (its 400 back plus validator's slashed 200) and
    400 * 50 // 400 = 50 payment tokens."""
    oracle = escalated_oracle
    requester_before = oracle.balance_of(payment_token, requester)
    disputer_before = oracle.balance_of(stake_token, disputer)

    oracle.arbitrate(arbitrator, escalated_id, NO, 0)

    assert oracle.outcome_of(escalated_id) == OutcomeOf(True, NO)
    assert oracle.callbacks == (Callback(requester, escalated_id, NO),)
    assert oracle.withdrawable(payment_token, requester) == 100
    assert oracle.withdraw(arbitrator, payment_token, requester) == 100
    assert oracle.balance_of(payment_token, requester) == requester_before + 100
    assert oracle.claim(disputer, escalated_id, disputer) == Payout(600, 50)
    assert oracle.balance_of(stake_token, disputer) == disputer_before + 600
    with pytest.raises(OracleRevert, match="^oracle: nothing to claim$"):
        oracle.claim(validator, escalated_id, validator)
    assert oracle.balance_of(stake_token, oracle.address) == 0
    assert oracle.balance_of(payment_token, oracle.address) == 0


def test_arbitrate__outcome_nobody_bonded__treasury_takes_everything(
    escalated_oracle: OracleModel,
    escalated_id: int,
    requester: str,
    validator: str,
    disputer: str,
    arbitrator: str,
    treasury: str,
    stake_token: str,
    payment_token: str,
) -> None:
    """Money flow: credited, then withdrawn: oracle -> treasury 200 + 400 = 600 stake tokens
    and the 50 fee; oracle -> requester 100 (validity bond). Nothing is left to claim."""
    oracle = escalated_oracle
    requester_before = oracle.balance_of(payment_token, requester)

    oracle.arbitrate(arbitrator, escalated_id, MAYBE, 0)
    assert oracle.balance_of(stake_token, treasury) == 0
    for token, account in (
        (stake_token, treasury),
        (payment_token, treasury),
        (payment_token, requester),
    ):
        oracle.withdraw(arbitrator, token, account)

    assert oracle.balance_of(stake_token, treasury) == 600
    assert oracle.balance_of(payment_token, treasury) == 50
    assert oracle.balance_of(payment_token, requester) == requester_before + 100
    assert oracle.balance_of(stake_token, oracle.address) == 0
    assert oracle.balance_of(payment_token, oracle.address) == 0
    for staker in (validator, disputer):
        assert oracle.claimable(escalated_id, staker) == Payout(0, 0)
        with pytest.raises(OracleRevert, match="^oracle: nothing to claim$"):
            oracle.claim(staker, escalated_id, staker)


def test_arbitrate__invalid_nobody_bonded__treasury_also_takes_validity_bond(
    escalated_oracle: OracleModel,
    escalated_id: int,
    requester: str,
    arbitrator: str,
    treasury: str,
    stake_token: str,
    payment_token: str,
) -> None:
    """Money flow: credited, then withdrawn: oracle -> treasury 600 stake tokens and
    50 + 100 = 150 payment tokens."""
    oracle = escalated_oracle
    requester_before = oracle.balance_of(payment_token, requester)

    oracle.arbitrate(arbitrator, escalated_id, INVALID_OUTCOME, 0)
    assert oracle.withdrawable(payment_token, requester) == 0
    for token in (stake_token, payment_token):
        oracle.withdraw(arbitrator, token, treasury)

    assert oracle.balance_of(stake_token, treasury) == 600
    assert oracle.balance_of(payment_token, treasury) == 150
    assert oracle.balance_of(payment_token, requester) == requester_before
    assert oracle.callbacks == (Callback(requester, escalated_id, INVALID_OUTCOME),)


def test_arbitrate__partial_stake_in_escalated_round__is_not_swept(
    escalated_oracle: OracleModel,
    requester: str,
    validator: str,
    co_validator: str,
    disputer: str,
    arbitrator: str,
    treasury: str,
    stake_token: str,
    make_args: Callable[..., RequestArgs],
    settlement_s: int,
) -> None:
    """co_validator puts 30 on MAYBE in round 1 before NO fills it; the arbitrator rules YES.
    YES bonded round 0, so the treasury gets nothing. Money flow: validator claims
    200 + 200 * 400 // 200 = 600; the 30 never bonded and goes back to co_validator."""
    oracle = escalated_oracle
    request_id = oracle.create_request(
        requester, make_args(outcomes=("yes", "no", "maybe")), settlement_s
    )
    oracle.stake(validator, request_id, YES, 200, settlement_s)
    co_validator_before = oracle.balance_of(stake_token, co_validator)
    oracle.stake(co_validator, request_id, MAYBE, 30, settlement_s + 1)
    oracle.stake(disputer, request_id, NO, 400, settlement_s + 2)

    oracle.arbitrate(arbitrator, request_id, YES, 0)

    assert oracle.balance_of(stake_token, treasury) == 0
    assert oracle.claim(validator, request_id, validator).stake_wei == 600
    oracle.unstake(co_validator, request_id, 1, MAYBE, 30, 0)
    assert oracle.balance_of(stake_token, co_validator) == co_validator_before
    assert oracle.balance_of(stake_token, oracle.address) == 0


def test_arbitrate__not_arbitrator__reverts(
    escalated_oracle: OracleModel, escalated_id: int, stranger: str
) -> None:
    with pytest.raises(OracleRevert, match="^oracle: not arbitrator$"):
        escalated_oracle.arbitrate(stranger, escalated_id, NO, 0)


def test_arbitrate__new_config_arbitrator__is_not_the_snapshots(
    escalated_oracle: OracleModel,
    escalated_id: int,
    owner: str,
    arbitrator: str,
    stranger: str,
    make_config: Callable[..., Config],
) -> None:
    """A config change names the stranger arbitrator; the request keeps its snapshot's."""
    oracle = escalated_oracle
    oracle.set_config(owner, make_config(final_arbitrator=stranger))
    with pytest.raises(OracleRevert, match="^oracle: not arbitrator$"):
        oracle.arbitrate(stranger, escalated_id, NO, 0)
    oracle.arbitrate(arbitrator, escalated_id, NO, 0)


def test_arbitrate__twice__reverts(
    escalated_oracle: OracleModel, escalated_id: int, arbitrator: str
) -> None:
    escalated_oracle.arbitrate(arbitrator, escalated_id, NO, 0)
    with pytest.raises(OracleRevert, match="^oracle: finalized$"):
        escalated_oracle.arbitrate(arbitrator, escalated_id, YES, 0)


def test_arbitrate__not_arbitrator_on_finalized__reverts_not_arbitrator(
    escalated_oracle: OracleModel, escalated_id: int, arbitrator: str, stranger: str
) -> None:
    escalated_oracle.arbitrate(arbitrator, escalated_id, NO, 0)
    with pytest.raises(OracleRevert, match="^oracle: not arbitrator$"):
        escalated_oracle.arbitrate(stranger, escalated_id, YES, 0)


def test_arbitrate__not_escalated__reverts(
    oracle: OracleModel, request_id: int, validator: str, arbitrator: str, settlement_s: int
) -> None:
    oracle.stake(validator, request_id, YES, 200, settlement_s)
    with pytest.raises(OracleRevert, match="^oracle: not escalated$"):
        oracle.arbitrate(arbitrator, request_id, YES, 0)


def test_arbitrate__finalized_normally__reverts_finalized(
    oracle: OracleModel,
    request_id: int,
    validator: str,
    arbitrator: str,
    settlement_s: int,
    challenge_period_s: int,
) -> None:
    oracle.stake(validator, request_id, YES, 200, settlement_s)
    oracle.finalize(validator, request_id, settlement_s + challenge_period_s)
    with pytest.raises(OracleRevert, match="^oracle: finalized$"):
        oracle.arbitrate(arbitrator, request_id, NO, 0)


def test_arbitrate__outcome_out_of_range__reverts(
    escalated_oracle: OracleModel, escalated_id: int, arbitrator: str
) -> None:
    with pytest.raises(OracleRevert, match="^oracle: invalid outcome$"):
        escalated_oracle.arbitrate(arbitrator, escalated_id, categorical(3), 0)
    assert escalated_oracle.outcome_of(escalated_id).finalized is False


def test_arbitrate__paused__reverts(
    escalated_oracle: OracleModel, escalated_id: int, owner: str, arbitrator: str
) -> None:
    escalated_oracle.pause(owner, 0)
    with pytest.raises(OracleRevert, match="^pausable: contract is paused$"):
        escalated_oracle.arbitrate(arbitrator, escalated_id, NO, 0)


def test_arbitrate__unknown_request__reverts_before_arbitrator_check(
    escalated_oracle: OracleModel, escalated_id: int, stranger: str
) -> None:
    with pytest.raises(OracleRevert, match="^oracle: unknown request$"):
        escalated_oracle.arbitrate(stranger, escalated_id + 1, NO, 0)
