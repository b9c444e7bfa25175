"""The original Flux protocol's worked examples, re-derived under Fluxo's rules.

Amounts are raw token units (wei), as in Flux.
"""

from fluxo.domain.outcome import categorical
from tests.harness.game import ARBITRATION_TIMEOUT_S
from tests.harness.oracle_driver import MakeDriver

# Flux's outcomes: the request's labels are ("A", "B").
A = categorical(0)
B = categorical(1)


def test_escalation_scenario__arbitrator_rules_b__disputer_takes_all(
    make_driver: MakeDriver,
) -> None:
    """Flux `d_claim_final_arb_extra_round2`. validity_bond 100, B0 = 200, fee 0,
    threshold 600.

    Round 0: validator bonds A with 200. Round 1: disputer bonds B with 400.
    Round 2: counter_disputer bonds A with 800; 800 >= 600, so the request escalates.
    The arbitrator rules B: correct = 400 (round 1), incorrect = 200 + 800 = 1000.
    Money flow: requester -> Oracle 100 (validity bond, fee 0), credited back at arbitration
    and withdrawn;
    disputer claims 400 + 400·1000 // 400 = 1400 stake tokens and 400·0 // 400 = 0 fee;
    validator and counter_disputer lose 200 and 800 and have nothing to claim; the Oracle
    ends empty.
    """
    driver = make_driver(validity_bond=100, min_bond=200, arbitration_threshold=600)
    requester = driver.requester
    start = driver.balances(requester, *driver.stakers)

    request_id = driver.create(outcomes=("A", "B"), fee=0)
    assert driver.balances(requester)[requester][1] == start[requester][1] - 100
    assert driver.stake(driver.validator, request_id, A, 200) == 200
    assert driver.dispute(driver.disputer, request_id, B, 400) == 400
    assert driver.dispute(driver.counter_disputer, request_id, A, 800) == 800
    assert driver.current_round(request_id) == 2
    driver.time_travel(ARBITRATION_TIMEOUT_S - 1)
    with driver.reverts("oracle: escalated"):
        driver.finalize(request_id)

    driver.arbitrate(request_id, B)
    driver.withdraw_credits(requester)

    assert driver.outcome_of(request_id) == (True, B)
    assert driver.callbacks() == [(requester, request_id, B)]
    assert driver.claim(request_id, driver.disputer) == (1_400, 0)
    for loser in (driver.validator, driver.counter_disputer):
        with driver.reverts("oracle: nothing to claim"):
            driver.claim(request_id, loser)
    end = driver.balances(requester, *driver.stakers)

    def flx_delta(account: str) -> int:
        return end[account][0] - start[account][0]

    assert end[requester] == start[requester]
    assert flx_delta(driver.disputer) == 1_000
    assert flx_delta(driver.validator) == -200
    assert flx_delta(driver.counter_disputer) == -800
    assert end[driver.oracle] == (0, 0)


def test_fixed_fee_scenario__undisputed__validator_takes_bond_and_fee(
    make_driver: MakeDriver,
) -> None:
    """Flux `dr_fixed_fee`. validity_bond 2, fee 20, B0 = 40 (config min_bond 40).

    Money flow: requester -> Oracle 2 + 20 = 22 payment tokens; validator offers 1 000 and
    the Oracle takes only the 40 the round needs; after the window: Oracle -> requester 2
    (credited, withdrawn), Oracle -> validator 40 stake tokens and 40·20 // 40 = 20 payment
    tokens. The Oracle ends empty.
    """
    driver = make_driver(validity_bond=2, min_bond=40)
    requester = driver.requester
    start = driver.balances(requester, driver.validator)

    request_id = driver.create(fee=20)
    created = driver.balances(requester)
    assert created[requester][1] == start[requester][1] - 22
    assert created[driver.oracle] == (0, 22)
    assert driver.stake(driver.validator, request_id, A, 1_000) == 40
    driver.expire_window(request_id)
    driver.finalize(request_id)
    driver.withdraw_credits(requester)

    assert driver.balances(requester)[requester][1] == start[requester][1] - 20
    assert driver.claim(request_id, driver.validator) == (40, 20)
    end = driver.balances(requester, driver.validator)
    validator = driver.validator
    assert end[validator] == (start[validator][0], start[validator][1] + 20)
    assert end[driver.oracle] == (0, 0)
