"""SPEC §4: staking, crowdfunding, disputes, expiry and escalation, with every stake revert."""

from collections.abc import Callable

import pytest

from fluxo.domain import INVALID_OUTCOME, NO_OUTCOME, RequestArgs
from fluxo.domain.outcome import categorical, number, string
from tests.model import OracleModel, OracleRevert, RoundInfo, TransferFailed

YES = categorical(0)
NO = categorical(1)


def test_stake__before_settlement__reverts(
    oracle: OracleModel, request_id: int, validator: str, settlement_s: int
) -> None:
    with pytest.raises(OracleRevert, match="^oracle: not settled$"):
        oracle.stake(validator, request_id, YES, 200, settlement_s - 1)


def test_stake__exactly_at_settlement__fills_round_zero(
    oracle: OracleModel, request_id: int, validator: str, stake_token: str, settlement_s: int
) -> None:
    """Money flow: validator -> oracle 200 stake tokens; round 0 bonds YES."""
    validator_before = oracle.balance_of(stake_token, validator)

    assert oracle.stake(validator, request_id, YES, 200, settlement_s) == 200

    assert oracle.balance_of(stake_token, validator) == validator_before - 200
    assert oracle.balance_of(stake_token, oracle.address) == 200
    assert oracle.round_info(request_id, 0) == RoundInfo(200, settlement_s, 0, YES, True)


def test_stake__more_than_needed__takes_only_the_rest(
    oracle: OracleModel, request_id: int, validator: str, stake_token: str, settlement_s: int
) -> None:
    """Money flow: offered 1_000, the round needs 200, so only 200 leaves the validator."""
    validator_before = oracle.balance_of(stake_token, validator)
    assert oracle.stake(validator, request_id, YES, 1_000, settlement_s) == 200
    assert oracle.balance_of(stake_token, validator) == validator_before - 200


def test_stake__crowdfunded__second_staker_fills_and_bonds(
    oracle: OracleModel,
    request_id: int,
    validator: str,
    co_validator: str,
    stake_token: str,
    settlement_s: int,
) -> None:
    """Money flow: validator 120 + co_validator 80 (offered 500) = the 200 bond."""
    co_validator_before = oracle.balance_of(stake_token, co_validator)

    assert oracle.stake(validator, request_id, YES, 120, settlement_s) == 120
    assert not oracle.round_info(request_id, 0).bonded
    assert oracle.stake(co_validator, request_id, YES, 500, settlement_s + 1) == 80

    assert oracle.balance_of(stake_token, co_validator) == co_validator_before - 80
    assert oracle.staked(request_id, 0, validator, YES) == 120
    assert oracle.staked(request_id, 0, co_validator, YES) == 80
    assert oracle.round_info(request_id, 0).bonded_outcome == YES


def test_stake__partial_stakes_on_two_outcomes__first_to_fill_bonds(
    oracle: OracleModel,
    request_id: int,
    validator: str,
    disputer: str,
    settlement_s: int,
) -> None:
    """NO holds 150 of 200 and stays unbonded when YES fills first."""
    oracle.stake(disputer, request_id, NO, 150, settlement_s)
    oracle.stake(validator, request_id, YES, 200, settlement_s)
    assert oracle.round_info(request_id, 0).bonded_outcome == YES
    assert oracle.staked(request_id, 0, disputer, NO) == 150
    assert oracle.current_round(request_id) == 1


def test_stake__round_bonds__opens_next_round_with_double_bond(
    oracle: OracleModel,
    request_id: int,
    validator: str,
    settlement_s: int,
    challenge_period_s: int,
) -> None:
    bonded_at_s = settlement_s + 10
    oracle.stake(validator, request_id, YES, 200, bonded_at_s)
    assert oracle.current_round(request_id) == 1
    assert oracle.round_info(request_id, 1) == RoundInfo(
        400, bonded_at_s, bonded_at_s + challenge_period_s, NO_OUTCOME, False
    )


def test_stake__last_second_of_window__is_accepted(
    oracle: OracleModel,
    request_id: int,
    validator: str,
    disputer: str,
    settlement_s: int,
    challenge_period_s: int,
) -> None:
    oracle.stake(validator, request_id, YES, 200, settlement_s)
    assert oracle.stake(disputer, request_id, NO, 1, settlement_s + challenge_period_s - 1) == 1


def test_stake__window_end_reached__reverts(
    oracle: OracleModel,
    request_id: int,
    validator: str,
    disputer: str,
    settlement_s: int,
    challenge_period_s: int,
) -> None:
    oracle.stake(validator, request_id, YES, 200, settlement_s)
    with pytest.raises(OracleRevert, match="^oracle: window closed$"):
        oracle.stake(disputer, request_id, NO, 400, settlement_s + challenge_period_s)


def test_stake__previous_rounds_outcome__reverts(
    oracle: OracleModel, request_id: int, validator: str, settlement_s: int
) -> None:
    oracle.stake(validator, request_id, YES, 200, settlement_s)
    with pytest.raises(OracleRevert, match="^oracle: outcome bonded$"):
        oracle.stake(validator, request_id, YES, 400, settlement_s + 1)


def test_stake__in_the_block_that_opened_the_round__reverts(
    oracle: OracleModel, request_id: int, validator: str, disputer: str, settlement_s: int
) -> None:
    oracle.stake(validator, request_id, YES, 200, settlement_s)
    with pytest.raises(OracleRevert, match="^oracle: round just opened$"):
        oracle.stake(disputer, request_id, NO, 400, settlement_s)


def test_stake__outcome_bonded_two_rounds_back__is_accepted(
    oracle: OracleModel,
    request_id: int,
    validator: str,
    disputer: str,
    counter_disputer: str,
    settlement_s: int,
) -> None:
    oracle.stake(validator, request_id, YES, 200, settlement_s)
    oracle.stake(disputer, request_id, NO, 400, settlement_s + 1)
    assert oracle.stake(counter_disputer, request_id, YES, 800, settlement_s + 2) == 800
    assert oracle.round_info(request_id, 2).bonded_outcome == YES
    assert oracle.current_round(request_id) == 3


def test_stake__outcome_out_of_range__reverts(
    oracle: OracleModel, request_id: int, validator: str, settlement_s: int
) -> None:
    with pytest.raises(OracleRevert, match="^oracle: invalid outcome$"):
        oracle.stake(validator, request_id, categorical(2), 200, settlement_s)


def test_stake__invalid_outcome__is_a_valid_stake(
    oracle: OracleModel, request_id: int, validator: str, settlement_s: int
) -> None:
    assert oracle.stake(validator, request_id, INVALID_OUTCOME, 200, settlement_s) == 200


def test_stake__number_and_string_requests__accept_any_word(
    oracle: OracleModel,
    requester: str,
    validator: str,
    make_args: Callable[..., RequestArgs],
    settlement_s: int,
) -> None:
    number_request = oracle.create_request(
        requester, make_args(outcomes=(), data_type=1, decimals=2), settlement_s
    )
    string_request = oracle.create_request(
        requester, make_args(outcomes=(), data_type=0), settlement_s
    )
    assert oracle.stake(validator, number_request, number(-12_345), 200, settlement_s) == 200
    assert oracle.stake(validator, string_request, string("Lisbon"), 200, settlement_s) == 200


def test_stake__zero_amount__reverts(
    oracle: OracleModel, request_id: int, validator: str, settlement_s: int
) -> None:
    with pytest.raises(OracleRevert, match="^oracle: zero amount$"):
        oracle.stake(validator, request_id, YES, 0, settlement_s)


def test_stake__unknown_request__reverts_before_zero_amount(
    oracle: OracleModel, request_id: int, validator: str, settlement_s: int
) -> None:
    with pytest.raises(OracleRevert, match="^oracle: unknown request$"):
        oracle.stake(validator, request_id + 1, YES, 0, settlement_s)


def test_stake__paused__reverts_before_unknown_request(
    oracle: OracleModel, owner: str, validator: str, settlement_s: int
) -> None:
    oracle.pause(owner, 0)
    with pytest.raises(OracleRevert, match="^pausable: contract is paused$"):
        oracle.stake(validator, 0, YES, 200, settlement_s)


def test_stake__after_finalize__reverts_before_outcome_and_time_checks(
    oracle: OracleModel,
    request_id: int,
    validator: str,
    disputer: str,
    settlement_s: int,
    challenge_period_s: int,
) -> None:
    oracle.stake(validator, request_id, YES, 200, settlement_s)
    oracle.finalize(disputer, request_id, settlement_s + challenge_period_s)
    with pytest.raises(OracleRevert, match="^oracle: finalized$"):
        oracle.stake(disputer, request_id, categorical(5), 400, settlement_s)


def test_stake__escalated__reverts_before_outcome_and_time_checks(
    make_oracle: Callable[..., OracleModel],
    requester: str,
    validator: str,
    disputer: str,
    make_args: Callable[..., RequestArgs],
    settlement_s: int,
) -> None:
    """Threshold 200 equals B0, so filling round 0 escalates at once."""
    oracle = make_oracle(arbitration_threshold=200)
    request_id = oracle.create_request(requester, make_args(), settlement_s)
    oracle.stake(validator, request_id, YES, 200, settlement_s)
    assert oracle.current_round(request_id) == 0
    with pytest.raises(OracleRevert, match="^oracle: escalated$"):
        oracle.stake(disputer, request_id, categorical(5), 400, settlement_s + 10**6)


def test_stake__bond_just_below_threshold__opens_a_round(
    make_oracle: Callable[..., OracleModel],
    requester: str,
    validator: str,
    make_args: Callable[..., RequestArgs],
    settlement_s: int,
) -> None:
    oracle = make_oracle(arbitration_threshold=201)
    request_id = oracle.create_request(requester, make_args(), settlement_s)
    oracle.stake(validator, request_id, YES, 200, settlement_s)
    assert oracle.current_round(request_id) == 1


def test_stake__invalid_outcome_checked_before_settlement(
    oracle: OracleModel, request_id: int, validator: str, settlement_s: int
) -> None:
    with pytest.raises(OracleRevert, match="^oracle: invalid outcome$"):
        oracle.stake(validator, request_id, categorical(2), 200, settlement_s - 1)


def test_stake__window_closed_checked_before_outcome_bonded(
    oracle: OracleModel,
    request_id: int,
    validator: str,
    settlement_s: int,
    challenge_period_s: int,
) -> None:
    oracle.stake(validator, request_id, YES, 200, settlement_s)
    with pytest.raises(OracleRevert, match="^oracle: window closed$"):
        oracle.stake(validator, request_id, YES, 400, settlement_s + challenge_period_s)


def test_stake__balance_short__reverts_and_changes_nothing(
    oracle: OracleModel, request_id: int, stranger: str, stake_token: str, settlement_s: int
) -> None:
    oracle.mint(stake_token, stranger, 199)
    with pytest.raises(TransferFailed):
        oracle.stake(stranger, request_id, YES, 200, settlement_s)
    assert oracle.staked(request_id, 0, stranger, YES) == 0
    assert oracle.balance_of(stake_token, stranger) == 199
