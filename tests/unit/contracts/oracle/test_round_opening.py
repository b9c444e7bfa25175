"""A round never takes a stake in the block (timestamp) that opened it (SPEC §4 Disputes), so
nobody can fill every round up to the arbitrator in one transaction, both sides their own."""

import boa

from tests.harness.deployers import ESCALATING_STAKER_DEPLOYER
from tests.harness.game import ARBITRATION_THRESHOLD_WEI, FLX, NO, YES
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


def test_escalate__one_round_per_block__reaches_the_arbitrator(
    protocol: OracleProtocol,
) -> None:
    """The same ladder with each round in a later block still escalates: honest validators
    had a block in every round to take part."""
    request_id = protocol.create()

    protocol.escalate(request_id)

    assert protocol.oracle.current_round(request_id) == 4
    assert protocol.oracle.round_info(request_id, 4)[3:] == (YES, True)


def test_stake__partial_in_the_opening_block__reverts_round_just_opened(
    protocol: OracleProtocol,
) -> None:
    """Not even a partial stake: otherwise one transaction could pre-fill the next round to
    one wei short of its bond and top it up first thing in the next block."""
    request_id = protocol.create()
    b0 = protocol.bond_round0(request_id, YES)
    before = protocol.balances(protocol.disputer)

    with boa.env.prank(protocol.disputer), boa.reverts("oracle: round just opened"):
        protocol.oracle.stake(request_id, NO, 2 * b0 - 1)

    assert protocol.balances(protocol.disputer) == before
    protocol.next_block()
    assert protocol.stake(protocol.disputer, request_id, NO, 2 * b0 - 1) == 2 * b0 - 1


def test_stake__round0__may_bond_at_settlement_in_any_block(protocol: OracleProtocol) -> None:
    """Round 0 opens at settlement time and has no opening block to wait for."""
    request_id = protocol.create()

    assert protocol.stake(protocol.validator, request_id, YES, 100 * FLX) == 100 * FLX
