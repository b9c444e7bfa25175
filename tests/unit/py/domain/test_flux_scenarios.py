"""The original Flux protocol's worked examples, re-derived under Fluxo's rules."""

from collections.abc import Callable

import pytest

from fluxo.domain import Payout, RequestArgs
from fluxo.domain.outcome import categorical
from tests.model import Callback, OracleModel, OracleRevert, OutcomeOf

A = categorical(0)
B = categorical(1)


def test_escalation_scenario__arbitrator_rules_b__disputer_takes_all(
    make_oracle: Callable[..., OracleModel],
    requester: str,
    validator: str,
    disputer: str,
    counter_disputer: str,
    arbitrator: str,
    stake_token: str,
    payment_token: str,
    make_args: Callable[..., RequestArgs],
    settlement_s: int,
) -> None:
    """Flux `d_claim_final_arb_extra_round2`. validity_bond 100, B0 = 200, fee 0, threshold 600.

    Round 0: validator bonds A with 200. Round 1: disputer bonds B with 400.
    Round 2: counter_disputer bonds A with 800; 800 >= 600, so the request escalates.
    The arbitrator rules B: correct = 400 (round 1), incorrect = 200 + 800 = 1000.
    Money flow: disputer claims 400 + 400 * 1000 // 400 = 1400 stake tokens and 0 fee;
    validator and counter_disputer lose 200 and 800; requester gets its 100 back (credited,
    withdrawn).
    """
    oracle = make_oracle(validity_bond=100, min_bond=200, arbitration_threshold=600)
    requester_payment_before = oracle.balance_of(payment_token, requester)
    stake_before = {
        account: oracle.balance_of(stake_token, account)
        for account in (validator, disputer, counter_disputer)
    }
    request_id = oracle.create_request(
        requester, make_args(outcomes=("A", "B"), fee=0), settlement_s
    )
    assert oracle.balance_of(payment_token, requester) == requester_payment_before - 100

    oracle.stake(validator, request_id, A, 200, settlement_s)
    oracle.stake(disputer, request_id, B, 400, settlement_s + 1)
    oracle.stake(counter_disputer, request_id, A, 800, settlement_s + 2)
    assert oracle.current_round(request_id) == 2
    with pytest.raises(OracleRevert, match="^oracle: escalated$"):
        oracle.finalize(validator, request_id, settlement_s + 10**5)

    oracle.arbitrate(arbitrator, request_id, B, settlement_s + 10**5)
    oracle.withdraw(arbitrator, payment_token, requester)

    assert oracle.outcome_of(request_id) == OutcomeOf(True, B)
    assert oracle.callbacks == (Callback(requester, request_id, B),)
    assert oracle.balance_of(payment_token, requester) == requester_payment_before
    assert oracle.claim(disputer, request_id, disputer) == Payout(1_400, 0)
    for loser in (validator, counter_disputer):
        with pytest.raises(OracleRevert, match="^oracle: nothing to claim$"):
            oracle.claim(loser, request_id, loser)
    assert oracle.balance_of(stake_token, disputer) == stake_before[disputer] + 1_000
    assert oracle.balance_of(stake_token, validator) == stake_before[validator] - 200
    assert oracle.balance_of(stake_token, counter_disputer) == stake_before[counter_disputer] - 800
    assert oracle.balance_of(stake_token, oracle.address) == 0


def test_fixed_fee_scenario__undisputed__validator_takes_bond_and_fee(
    make_oracle: Callable[..., OracleModel],
    requester: str,
    validator: str,
    stake_token: str,
    payment_token: str,
    make_args: Callable[..., RequestArgs],
    settlement_s: int,
    challenge_period_s: int,
) -> None:
    """Flux `dr_fixed_fee`. validity_bond 2, fee 20, B0 = 40 (config min_bond 40).

    Money flow: requester -> oracle 2 + 20 = 22 payment tokens; validator -> oracle 40 stake
    tokens; after the window: oracle -> requester 2 (credited, withdrawn), oracle -> validator
    40 stake tokens and
    40 * 20 // 40 = 20 payment tokens. The oracle ends empty.
    """
    oracle = make_oracle(validity_bond=2, min_bond=40)
    requester_before = oracle.balance_of(payment_token, requester)
    validator_before = oracle.balance_of(stake_token, validator)
    request_id = oracle.create_request(requester, make_args(fee=20), settlement_s)
    assert oracle.balance_of(payment_token, requester) == requester_before - 22

    assert oracle.stake(validator, request_id, A, 1_000, settlement_s) == 40
    oracle.finalize(validator, request_id, settlement_s + challenge_period_s)
    oracle.withdraw(validator, payment_token, requester)

    assert oracle.balance_of(payment_token, requester) == requester_before - 20
    assert oracle.claim(validator, request_id, validator) == Payout(40, 20)
    assert oracle.balance_of(stake_token, validator) == validator_before
    assert oracle.balance_of(payment_token, validator) == 20
    assert oracle.balance_of(stake_token, oracle.address) == 0
    assert oracle.balance_of(payment_token, oracle.address) == 0
