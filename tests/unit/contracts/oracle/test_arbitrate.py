"""`arbitrate`: SPEC §4 Escalation, Treasury and Validity bond.

Every escalated request here runs the same five rounds (B0 = 100 FLX, threshold 1 600 FLX):
validator bonds A in round 0 (B0), disputer B in round 1 (2·B0), counter_disputer A in
round 2 (4·B0), disputer B in round 3 (8·B0), counter_disputer A in round 4 (16·B0 ≥ threshold).
A rounds hold 21·B0 (validator B0, counter_disputer 20·B0), B rounds 10·B0 (disputer).
"""

from dataclasses import astuple, replace
from typing import Any

import boa
import pytest

from fluxo.domain.outcome import categorical
from tests.harness.checks import events, payout
from tests.harness.game import (
    ARBITRATION_THRESHOLD_WEI,
    FEE_WEI,
    INVALID,
    NO,
    VALIDITY_BOND_WEI,
    YES,
)
from tests.harness.protocol import OracleProtocol

MAYBE = categorical(2)  # the third outcome of a three-outcome request


def _assert_nothing_to_claim(protocol: OracleProtocol, request_id: int, *accounts: Any) -> None:
    for account in accounts:
        with boa.env.prank(protocol.anyone), boa.reverts("oracle: nothing to claim"):
            protocol.oracle.claim(request_id, account)


# --- escalation -----------------------------------------------------------------------------


def test_stake__round4_bond_reaches_threshold__escalates(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    b0 = protocol.bond_round0(request_id, YES)
    protocol.dispute(protocol.disputer, request_id, NO, 2 * b0)
    protocol.dispute(protocol.counter_disputer, request_id, YES, 4 * b0)
    protocol.dispute(protocol.disputer, request_id, NO, 8 * b0)
    assert protocol.oracle.current_round(request_id) == 4

    protocol.dispute(protocol.counter_disputer, request_id, YES, 16 * b0)

    escalated = events(protocol.oracle, "Escalated")
    assert [(e.request_id, e.round, e.bond) for e in escalated] == [
        (request_id, 4, ARBITRATION_THRESHOLD_WEI)
    ]
    assert protocol.oracle.current_round(request_id) == 4
    assert protocol.oracle.round_info(request_id, 4)[3:] == (YES, True)


def test_stake__round3_bond_below_threshold__does_not_escalate(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    b0 = protocol.bond_round0(request_id, YES)
    protocol.dispute(protocol.disputer, request_id, NO, 2 * b0)
    protocol.dispute(protocol.counter_disputer, request_id, YES, 4 * b0)

    protocol.dispute(protocol.disputer, request_id, NO, 8 * b0)

    assert events(protocol.oracle, "Escalated") == []
    assert protocol.oracle.current_round(request_id) == 4


def test_stake__escalated_request__reverts_escalated(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    b0 = protocol.escalate(request_id)
    before = protocol.balances(protocol.disputer)

    with boa.env.prank(protocol.disputer), boa.reverts("oracle: escalated"):
        protocol.oracle.stake(request_id, NO, 32 * b0)

    assert protocol.balances(protocol.disputer) == before


# --- who may arbitrate ----------------------------------------------------------------------


@pytest.mark.parametrize("role", ["owner", "stranger", "validator", "treasury"])
def test_arbitrate__not_the_arbitrator__reverts_not_arbitrator(
    protocol: OracleProtocol, role: str
) -> None:
    request_id = protocol.create()
    protocol.escalate(request_id)

    with boa.env.prank(getattr(protocol, role)), boa.reverts("oracle: not arbitrator"):
        protocol.oracle.arbitrate(request_id, YES)

    assert protocol.oracle.outcome_of(request_id) == (False, bytes(32))


def test_arbitrate__the_arbitrator__finalizes(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.escalate(request_id)

    protocol.arbitrate(request_id, YES)

    assert protocol.oracle.outcome_of(request_id) == (True, YES)


def test_arbitrate__arbitrator_replaced_after_creation__snapshot_arbitrator_decides(
    protocol: OracleProtocol,
) -> None:
    request_id = protocol.create()
    new_config = replace(protocol.config, final_arbitrator=str(protocol.stranger))
    with boa.env.prank(protocol.owner):
        protocol.oracle.set_config(astuple(new_config))
    protocol.escalate(request_id)

    with boa.env.prank(protocol.stranger), boa.reverts("oracle: not arbitrator"):
        protocol.oracle.arbitrate(request_id, YES)
    protocol.arbitrate(request_id, NO, caller=protocol.arbitrator)

    assert protocol.oracle.outcome_of(request_id) == (True, NO)


# --- preconditions --------------------------------------------------------------------------


def test_arbitrate__nothing_bonded__reverts_not_escalated(protocol: OracleProtocol) -> None:
    request_id = protocol.create()

    with boa.env.prank(protocol.arbitrator), boa.reverts("oracle: not escalated"):
        protocol.oracle.arbitrate(request_id, YES)


def test_arbitrate__disputable_below_threshold__reverts_not_escalated(
    protocol: OracleProtocol,
) -> None:
    request_id = protocol.create()
    b0 = protocol.bond_round0(request_id, YES)
    protocol.dispute(protocol.disputer, request_id, NO, 2 * b0)
    before = protocol.balances(protocol.treasury, protocol.requester.address)

    with boa.env.prank(protocol.arbitrator), boa.reverts("oracle: not escalated"):
        protocol.oracle.arbitrate(request_id, YES)

    assert protocol.balances(protocol.treasury, protocol.requester.address) == before


def test_arbitrate__outcome_out_of_range__reverts_invalid_outcome(
    protocol: OracleProtocol,
) -> None:
    request_id = protocol.create()
    protocol.escalate(request_id)

    with boa.env.prank(protocol.arbitrator), boa.reverts("oracle: invalid outcome"):
        protocol.oracle.arbitrate(request_id, categorical(2))


def test_arbitrate__unknown_request__reverts_unknown_request(protocol: OracleProtocol) -> None:
    with boa.env.prank(protocol.arbitrator), boa.reverts("oracle: unknown request"):
        protocol.oracle.arbitrate(3, YES)


def test_arbitrate__twice__reverts_finalized(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.escalate(request_id)
    protocol.arbitrate(request_id, YES)

    with boa.env.prank(protocol.arbitrator), boa.reverts("oracle: finalized"):
        protocol.oracle.arbitrate(request_id, NO)

    assert protocol.oracle.outcome_of(request_id) == (True, YES)


def test_finalize__after_arbitration__reverts_finalized(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.escalate(request_id)
    protocol.arbitrate(request_id, YES)

    with boa.env.prank(protocol.anyone), boa.reverts("oracle: finalized"):
        protocol.oracle.finalize(request_id)


# --- callback -------------------------------------------------------------------------------


def test_arbitrate__callback__requester_receives_arbitrated_outcome(
    protocol: OracleProtocol,
) -> None:
    request_id = protocol.create()
    protocol.escalate(request_id)

    protocol.arbitrate(request_id, NO)

    received = events(protocol.oracle, "OutcomeReceived")
    assert [(e.request_id, e.outcome) for e in received] == [(request_id, NO)]
    finalized = events(protocol.oracle, "Finalized")
    assert [(e.request_id, e.outcome, e.arbitrated) for e in finalized] == [(request_id, NO, True)]


# --- bonded outcomes: correct rounds are paid -----------------------------------------------


def test_arbitrate__bonded_outcome_a__a_rounds_paid(protocol: OracleProtocol) -> None:
    """Money flow: YES wins; correct = B0 + 4·B0 + 16·B0 = 21·B0, incorrect = 2·B0 + 8·B0 =
    10·B0, fee pool = 5 fUSD. validator (B0): B0 + B0·10·B0 // 21·B0 FLX, B0·5 // 21·B0 fUSD;
    counter_disputer (20·B0): 20·B0 + 20·B0·10·B0 // 21·B0, 20·B0·5 // 21·B0. The requester
    gets its 10 fUSD validity bond back; the treasury nothing; disputer has nothing to claim."""
    request_id = protocol.create()
    b0 = protocol.escalate(request_id)
    accounts = (protocol.validator, protocol.counter_disputer, protocol.treasury)
    before = protocol.balances(*accounts, protocol.requester.address)

    protocol.arbitrate(request_id, YES)
    paid_validator = protocol.claim(request_id, protocol.validator)
    paid_counter = protocol.claim(request_id, protocol.counter_disputer)
    assert protocol.credits(protocol.treasury) == {str(protocol.treasury): (0, 0)}
    protocol.withdraw_credits(protocol.requester.address)

    after = protocol.balances(*accounts, protocol.requester.address)
    assert paid_validator == payout(b0, 21 * b0, 10 * b0, FEE_WEI)
    assert paid_counter == payout(20 * b0, 21 * b0, 10 * b0, FEE_WEI)
    validator, counter = str(protocol.validator), str(protocol.counter_disputer)
    assert after[validator][0] - before[validator][0] == paid_validator[0]
    assert after[validator][1] - before[validator][1] == paid_validator[1]
    assert after[counter][0] - before[counter][0] == paid_counter[0]
    assert after[counter][1] - before[counter][1] == paid_counter[1]
    requester, treasury = str(protocol.requester.address), str(protocol.treasury)
    assert after[requester][1] - before[requester][1] == VALIDITY_BOND_WEI
    assert after[treasury] == before[treasury]
    oracle = str(protocol.oracle.address)
    assert after[oracle][0] <= 2  # floor dust, at most 1 wei per claim
    assert after[oracle][1] <= 2
    _assert_nothing_to_claim(protocol, request_id, protocol.disputer)


def test_arbitrate__bonded_outcome_b__b_rounds_paid(protocol: OracleProtocol) -> None:
    """Money flow: NO wins; disputer alone holds the correct rounds 1 and 3 (10·B0) and takes
    10·B0 + 21·B0 = 31·B0 FLX and the whole 5 fUSD fee; the requester withdraws its
    10 fUSD validity bond."""
    request_id = protocol.create()
    b0 = protocol.escalate(request_id)
    before = protocol.balances(protocol.disputer, protocol.requester.address)

    protocol.arbitrate(request_id, NO)
    paid = protocol.claim(request_id, protocol.disputer)
    protocol.withdraw_credits(protocol.requester.address)

    after = protocol.balances(protocol.disputer, protocol.requester.address)
    assert paid == (31 * b0, FEE_WEI)
    disputer, requester = str(protocol.disputer), str(protocol.requester.address)
    assert after[disputer][0] - before[disputer][0] == 31 * b0
    assert after[disputer][1] - before[disputer][1] == FEE_WEI
    assert after[requester][1] - before[requester][1] == VALIDITY_BOND_WEI
    assert after[str(protocol.oracle.address)] == (0, 0)
    _assert_nothing_to_claim(protocol, request_id, protocol.validator, protocol.counter_disputer)


def test_arbitrate__bonded_invalid__validity_bond_joins_fee_pool(
    protocol: OracleProtocol,
) -> None:
    """Money flow: INVALID bonded rounds 1 and 3 (disputer, 10·B0); arbitrated INVALID keeps
    the validity bond: disputer takes 31·B0 FLX and fee + validity bond = 15 fUSD; the
    requester gets nothing back."""
    request_id = protocol.create()
    b0 = protocol.escalate(request_id, a=YES, b=INVALID)
    before = protocol.balances(protocol.disputer, protocol.requester.address)

    protocol.arbitrate(request_id, INVALID)
    paid = protocol.claim(request_id, protocol.disputer)

    after = protocol.balances(protocol.disputer, protocol.requester.address)
    assert paid == (31 * b0, FEE_WEI + VALIDITY_BOND_WEI)
    disputer, requester = str(protocol.disputer), str(protocol.requester.address)
    assert after[disputer][1] - before[disputer][1] == FEE_WEI + VALIDITY_BOND_WEI
    assert after[requester] == before[requester]
    assert after[str(protocol.oracle.address)] == (0, 0)


# --- unbonded outcomes: the treasury takes everything ---------------------------------------


def test_arbitrate__invalid_never_bonded__treasury_takes_bonds_and_fee_pool(
    protocol: OracleProtocol,
) -> None:
    """Money flow: no round bonded INVALID, so nobody can claim. At once the treasury is
    credited every bond B0·(2^5 − 1) = 31·B0 = 3 100 FLX and the fee pool fee + validity
    bond = 5 + 10 = 15 fUSD, which it withdraws; the requester gets nothing back; the Oracle
    ends empty."""
    request_id = protocol.create()
    b0 = protocol.escalate(request_id)
    before = protocol.balances(protocol.treasury, protocol.requester.address)

    protocol.arbitrate(request_id, INVALID)

    paid = events(protocol.oracle, "TreasuryPaid")
    assert [(e.request_id, e.treasury, e.stake_amount, e.payment_amount) for e in paid] == [
        (request_id, protocol.treasury, b0 * (2**5 - 1), FEE_WEI + VALIDITY_BOND_WEI)
    ]
    assert protocol.credits(protocol.treasury, protocol.requester.address) == {
        str(protocol.treasury): (31 * b0, FEE_WEI + VALIDITY_BOND_WEI),
        str(protocol.requester.address): (0, 0),
    }
    protocol.withdraw_credits(protocol.treasury)
    after = protocol.balances(protocol.treasury, protocol.requester.address)
    treasury, requester = str(protocol.treasury), str(protocol.requester.address)
    assert after[treasury][0] - before[treasury][0] == 31 * b0
    assert after[treasury][1] - before[treasury][1] == FEE_WEI + VALIDITY_BOND_WEI
    assert after[requester] == before[requester]
    assert after[str(protocol.oracle.address)] == (0, 0)
    _assert_nothing_to_claim(
        protocol, request_id, protocol.validator, protocol.disputer, protocol.counter_disputer
    )


def test_arbitrate__fresh_categorical_outcome__treasury_takes_bonds_and_fee(
    protocol: OracleProtocol,
) -> None:
    """Money flow: a three-outcome request escalates between No and Yes; the arbitrator rules
    Maybe, which no round bonded. Treasury is credited 31·B0 FLX and the 5 fUSD fee; the
    outcome is not INVALID, so the requester is credited its 10 fUSD validity bond; both
    withdraw; the Oracle ends empty."""
    request_id = protocol.create(outcomes=("No", "Yes", "Maybe"))
    b0 = protocol.escalate(request_id)
    before = protocol.balances(protocol.treasury, protocol.requester.address)

    protocol.arbitrate(request_id, MAYBE)
    protocol.withdraw_credits(protocol.treasury, protocol.requester.address)

    after = protocol.balances(protocol.treasury, protocol.requester.address)
    treasury, requester = str(protocol.treasury), str(protocol.requester.address)
    assert after[treasury][0] - before[treasury][0] == 31 * b0
    assert after[treasury][1] - before[treasury][1] == FEE_WEI
    assert after[requester][1] - before[requester][1] == VALIDITY_BOND_WEI
    assert after[str(protocol.oracle.address)] == (0, 0)
    assert protocol.oracle.outcome_of(request_id) == (True, MAYBE)
    _assert_nothing_to_claim(
        protocol, request_id, protocol.validator, protocol.disputer, protocol.counter_disputer
    )


def test_arbitrate__bonded_outcome__treasury_gets_nothing(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.escalate(request_id)
    before = protocol.balances(protocol.treasury)

    protocol.arbitrate(request_id, YES)

    assert events(protocol.oracle, "TreasuryPaid") == []
    assert (
        protocol.balances(protocol.treasury)[str(protocol.treasury)]
        == before[str(protocol.treasury)]
    )
