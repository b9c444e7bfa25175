"""The original Flux protocol's worked examples, re-derived under Fluxo's rules, on-chain.

The same numbers drive tests/unit/py/domain/test_flux_scenarios.py against the Python model.
Amounts are raw token units (wei), as in Flux.
"""

from typing import Any

import boa

from fluxo.domain.outcome import categorical
from tests.harness.game import ARBITRATION_TIMEOUT_S
from tests.harness.protocol import OracleProtocol

A = categorical(0)
B = categorical(1)


def test_escalation_scenario__arbitrator_rules_b__disputer_takes_all(
    protocol: OracleProtocol,
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
    protocol.reconfigure(validity_bond=100, min_bond=200, arbitration_threshold=600)
    stakers = (protocol.validator, protocol.disputer, protocol.counter_disputer)
    requester = protocol.requester.address
    start = protocol.balances(requester, *stakers)

    request_id = protocol.create(outcomes=("A", "B"), fee=0)
    assert protocol.balances(requester)[str(requester)][1] == start[str(requester)][1] - 100
    assert protocol.stake(protocol.validator, request_id, A, 200) == 200
    assert protocol.dispute(protocol.disputer, request_id, B, 400) == 400
    assert protocol.dispute(protocol.counter_disputer, request_id, A, 800) == 800
    assert protocol.oracle.current_round(request_id) == 2
    protocol.time_travel(ARBITRATION_TIMEOUT_S - 1)
    with boa.env.prank(protocol.anyone), boa.reverts("oracle: escalated"):
        protocol.oracle.finalize(request_id)

    protocol.arbitrate(request_id, B)
    protocol.withdraw_credits(requester)

    assert protocol.oracle.outcome_of(request_id) == (True, B)
    assert protocol.claim(request_id, protocol.disputer) == (1_400, 0)
    for loser in (protocol.validator, protocol.counter_disputer):
        with boa.env.prank(protocol.anyone), boa.reverts("oracle: nothing to claim"):
            protocol.oracle.claim(request_id, loser)
    end = protocol.balances(requester, *stakers)

    def flx_delta(account: Any) -> int:
        return end[str(account)][0] - start[str(account)][0]

    assert end[str(requester)] == start[str(requester)]
    assert flx_delta(protocol.disputer) == 1_000
    assert flx_delta(protocol.validator) == -200
    assert flx_delta(protocol.counter_disputer) == -800
    assert end[str(protocol.oracle.address)] == (0, 0)


def test_fixed_fee_scenario__undisputed__validator_takes_bond_and_fee(
    protocol: OracleProtocol,
) -> None:
    """Flux `dr_fixed_fee`. validity_bond 2, fee 20, B0 = 40 (config min_bond 40).

    Money flow: requester -> Oracle 2 + 20 = 22 payment tokens; validator offers 1 000 and
    the Oracle takes only the 40 the round needs; after the window: Oracle -> requester 2
    (credited, withdrawn),
    Oracle -> validator 40 stake tokens and 40·20 // 40 = 20 payment tokens. The Oracle ends
    empty.
    """
    protocol.reconfigure(validity_bond=2, min_bond=40)
    requester = protocol.requester.address
    start = protocol.balances(requester, protocol.validator)

    request_id = protocol.create(fee=20)
    created = protocol.balances(requester)
    assert created[str(requester)][1] == start[str(requester)][1] - 22
    assert created[str(protocol.oracle.address)] == (0, 22)
    assert protocol.stake(protocol.validator, request_id, A, 1_000) == 40
    protocol.expire_window(request_id)
    protocol.finalize(request_id)
    protocol.withdraw_credits(requester)

    assert protocol.balances(requester)[str(requester)][1] == start[str(requester)][1] - 20
    assert protocol.claim(request_id, protocol.validator) == (40, 20)
    end = protocol.balances(requester, protocol.validator)
    validator = str(protocol.validator)
    assert end[validator] == (start[validator][0], start[validator][1] + 20)
    assert end[str(protocol.oracle.address)] == (0, 0)
