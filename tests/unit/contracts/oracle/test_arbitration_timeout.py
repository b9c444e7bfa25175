"""An escalated request the arbitrator does not decide within `arbitration_timeout` (unpaused
seconds) is finalized INVALID by anyone: every bond returned in full, nobody slashed, fee and
validity bond credited back to the requester (SPEC §4 Exits)."""

import boa

from tests.harness.checks import delta, events
from tests.harness.game import (
    ARBITRATION_TIMEOUT_S,
    FEE_WEI,
    FLX,
    INVALID,
    NO,
    VALIDITY_BOND_WEI,
    YES,
)
from tests.harness.protocol import OracleProtocol


def test_finalize__escalated_past_timeout__invalid_and_every_bond_returned(
    protocol: OracleProtocol,
) -> None:
    """Money flow: rounds 0, 2, 4 (YES) were bonded by validator B0 and counter-disputer
    4·B0 + 16·B0; rounds 1, 3 (NO) by the disputer 2·B0 + 8·B0. After the timeout each claims
    exactly what it staked, in FLX only; the requester is credited fee + validity bond; the
    Oracle ends empty."""
    request_id = protocol.create()
    b0 = protocol.escalate(request_id)
    stakers = (protocol.validator, protocol.disputer, protocol.counter_disputer)
    protocol.time_travel(ARBITRATION_TIMEOUT_S)
    before = protocol.balances(*stakers, protocol.requester.address)

    protocol.finalize(request_id)

    assert [e.request_id for e in events(protocol.oracle, "ArbitrationExpired")] == [request_id]
    (finalized,) = events(protocol.oracle, "Finalized")
    assert (finalized.outcome, finalized.arbitrated) == (INVALID, False)
    received = events(protocol.oracle, "OutcomeReceived")
    assert [(e.request_id, e.outcome) for e in received] == [(request_id, INVALID)]
    assert protocol.oracle.outcome_of(request_id) == (True, INVALID)
    paid = {str(s): protocol.claim(request_id, s) for s in stakers}
    protocol.withdraw_credits(protocol.requester.address)

    after = protocol.balances(*stakers, protocol.requester.address)
    assert paid == {
        str(protocol.validator): (b0, 0),
        str(protocol.disputer): (10 * b0, 0),
        str(protocol.counter_disputer): (20 * b0, 0),
    }
    for staker in stakers:
        assert delta(before, after, staker) == paid[str(staker)]
    assert delta(before, after, protocol.requester.address) == (0, FEE_WEI + VALIDITY_BOND_WEI)
    assert after[str(protocol.oracle.address)] == (0, 0)


def test_finalize__escalated_one_second_before_timeout__reverts_escalated(
    protocol: OracleProtocol,
) -> None:
    request_id = protocol.create()
    protocol.escalate(request_id)
    protocol.time_travel(ARBITRATION_TIMEOUT_S - 1)

    with boa.env.prank(protocol.anyone), boa.reverts("oracle: escalated"):
        protocol.oracle.finalize(request_id)


def test_arbitrate__after_timeout__reverts_arbitration_expired(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.escalate(request_id)
    protocol.time_travel(ARBITRATION_TIMEOUT_S)

    with boa.env.prank(protocol.arbitrator), boa.reverts("oracle: arbitration expired"):
        protocol.oracle.arbitrate(request_id, YES)


def test_arbitrate__one_second_before_timeout__decides(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.escalate(request_id)
    protocol.time_travel(ARBITRATION_TIMEOUT_S - 1)

    protocol.arbitrate(request_id, NO)

    assert protocol.oracle.outcome_of(request_id) == (True, NO)


def test_claim__timeout_with_crowdfunded_rounds__each_share_returned(
    protocol: OracleProtocol,
) -> None:
    """Money flow: round 0 YES is crowdfunded 60 + 40 FLX (validator, disputer), round 1 NO
    200 FLX (counter-disputer) escalates under a 200 FLX threshold. After the timeout each
    claims back exactly its share; the unbonded 5 FLX INVALID stake is unstaked."""
    protocol.reconfigure(arbitration_threshold=200 * FLX)
    request_id = protocol.create()
    protocol.stake(protocol.validator, request_id, YES, 60 * FLX)
    protocol.stake(protocol.disputer, request_id, YES, 40 * FLX)
    protocol.dispute(protocol.counter_disputer, request_id, NO, 200 * FLX)
    protocol.time_travel(ARBITRATION_TIMEOUT_S)
    protocol.finalize(request_id)

    assert protocol.claim(request_id, protocol.validator) == (60 * FLX, 0)
    assert protocol.claim(request_id, protocol.disputer) == (40 * FLX, 0)
    assert protocol.claim(request_id, protocol.counter_disputer) == (200 * FLX, 0)
    for staker in (protocol.validator, protocol.disputer, protocol.counter_disputer):
        assert protocol.oracle.claimable(request_id, staker) == (0, 0)
        with boa.env.prank(protocol.anyone), boa.reverts("oracle: nothing to claim"):
            protocol.oracle.claim(request_id, staker)
