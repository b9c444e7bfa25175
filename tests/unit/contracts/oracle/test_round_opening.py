"""A round never takes a stake in the block (timestamp) that opened it (SPEC §4 Disputes), so
nobody can fill every round up to the arbitrator in one transaction, both sides their own.
Only a contract can try that in one transaction; the rule itself runs on the contract and the
model in `tests/scenarios/oracle/test_round_opening.py`."""

import boa

from tests.harness.deployers import ESCALATING_STAKER_DEPLOYER
from tests.harness.game import ARBITRATION_THRESHOLD_WEI, NO, YES
from tests.harness.protocol import OracleProtocol

ROUNDS_TO_ESCALATE = 5  # B0 = 100 FLX: round 4 bonds 1 600 FLX = the threshold


def test_escalate__in_one_transaction__reverts_round_just_opened(
    protocol: OracleProtocol,
) -> None:
    """Money flow: none; the attacker's whole transaction reverts and it keeps its FLX."""
    attacker = ESCALATING_STAKER_DEPLOYER.deploy(protocol.oracle.address, protocol.flx.address)
    protocol.fund_staker(attacker.address, 10 * ARBITRATION_THRESHOLD_WEI)
    request_id = protocol.create()
    b0 = protocol.oracle.round_info(request_id, 0)[0]
    before = protocol.balances(attacker.address)

    with boa.reverts("oracle: round just opened"):
        attacker.escalate(request_id, YES, NO, b0, ROUNDS_TO_ESCALATE)

    assert protocol.balances(attacker.address) == before
    assert protocol.oracle.current_round(request_id) == 0
