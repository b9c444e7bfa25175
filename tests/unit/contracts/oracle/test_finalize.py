"""`finalize`: SPEC §4 Expiry, Validity bond and the `on_outcome` callback."""

import boa

from tests.harness.checks import events
from tests.harness.deployers import PROBE_REQUESTER_DEPLOYER
from tests.harness.game import ARBITRATION_TIMEOUT_S, FEE_WEI, INVALID, NO, VALIDITY_BOND_WEI, YES
from tests.harness.protocol import OracleProtocol

LOW_GAS = 150_000  # below the Oracle's callback reserve (215 000 left at the call)


def _window_end(protocol: OracleProtocol, request_id: int) -> int:
    round_index = protocol.oracle.current_round(request_id)
    end_s: int = protocol.oracle.round_info(request_id, round_index)[2]
    return end_s


# --- expiry ---------------------------------------------------------------------------------


def test_finalize__round1_expired_unfilled__outcome_is_round0s(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.bond_round0(request_id, YES)
    protocol.expire_window(request_id)

    protocol.finalize(request_id)

    assert protocol.oracle.outcome_of(request_id) == (True, YES)


def test_finalize__one_second_before_window_end__reverts_window_open(
    protocol: OracleProtocol,
) -> None:
    request_id = protocol.create()
    protocol.bond_round0(request_id, YES)
    protocol.time_travel(_window_end(protocol, request_id) - 1 - boa.env.timestamp)
    before = protocol.balances(protocol.requester.address)

    with boa.env.prank(protocol.anyone), boa.reverts("oracle: window open"):
        protocol.oracle.finalize(request_id)

    assert protocol.balances(protocol.requester.address) == before
    assert protocol.oracle.outcome_of(request_id) == (False, bytes(32))


def test_finalize__exactly_at_window_end__finalizes(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.bond_round0(request_id, YES)
    protocol.time_travel(_window_end(protocol, request_id) - boa.env.timestamp)

    protocol.finalize(request_id)

    assert protocol.oracle.outcome_of(request_id) == (True, YES)


def test_finalize__nothing_bonded_after_a_year__reverts_nothing_bonded(
    protocol: OracleProtocol,
) -> None:
    """Round 0 has no deadline: time alone never finalizes a request."""
    request_id = protocol.create()
    protocol.time_travel(365 * 24 * 3600)

    with boa.env.prank(protocol.anyone), boa.reverts("oracle: nothing bonded"):
        protocol.oracle.finalize(request_id)


def test_finalize__partial_round0_only__reverts_nothing_bonded(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    b0 = protocol.oracle.round_info(request_id, 0)[0]
    protocol.stake(protocol.validator, request_id, YES, b0 - 1)
    protocol.time_travel(365 * 24 * 3600)

    with boa.env.prank(protocol.anyone), boa.reverts("oracle: nothing bonded"):
        protocol.oracle.finalize(request_id)


def test_finalize__after_two_disputes__latest_bonded_outcome(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    b0 = protocol.bond_round0(request_id, YES)
    protocol.dispute(protocol.disputer, request_id, NO, 2 * b0)
    protocol.dispute(protocol.counter_disputer, request_id, YES, 4 * b0)
    protocol.expire_window(request_id)

    protocol.finalize(request_id)

    assert protocol.oracle.outcome_of(request_id) == (True, YES)


def test_finalize__after_one_dispute__disputed_outcome(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    b0 = protocol.bond_round0(request_id, YES)
    protocol.dispute(protocol.disputer, request_id, NO, 2 * b0)
    protocol.expire_window(request_id)

    protocol.finalize(request_id)

    assert protocol.oracle.outcome_of(request_id) == (True, NO)


def test_finalize__partial_dispute_in_expired_round__ignored(protocol: OracleProtocol) -> None:
    """An unfilled round-1 stake does not change the outcome; it stays unstakeable."""
    request_id = protocol.create()
    b0 = protocol.bond_round0(request_id, YES)
    protocol.dispute(protocol.disputer, request_id, NO, 2 * b0 - 1)
    protocol.expire_window(request_id)

    protocol.finalize(request_id)

    assert protocol.oracle.outcome_of(request_id) == (True, YES)


# --- validity bond --------------------------------------------------------------------------


def test_finalize__valid_outcome__validity_bond_credited_to_requester(
    protocol: OracleProtocol,
) -> None:
    """Money flow: creation pulled validity bond + fee = 10 + 5 fUSD; finalizing with YES
    moves no token but credits the 10 fUSD validity bond to the requester; its withdrawal
    (by anyone, paid to the requester) moves it; the 5 fUSD fee stays for claims."""
    request_id = protocol.create()
    protocol.bond_round0(request_id, YES)
    protocol.expire_window(request_id)
    requester, oracle = str(protocol.requester.address), str(protocol.oracle.address)
    before = protocol.balances(protocol.requester.address)

    protocol.finalize(request_id)

    assert protocol.balances(protocol.requester.address) == before
    assert protocol.credits(protocol.requester.address) == {requester: (0, VALIDITY_BOND_WEI)}
    assert protocol.withdraw(protocol.usd, protocol.requester.address) == VALIDITY_BOND_WEI
    (withdrawn,) = events(protocol.oracle, "Withdrawn")
    assert (withdrawn.token, withdrawn.account, withdrawn.amount) == (
        protocol.usd.address,
        protocol.requester.address,
        VALIDITY_BOND_WEI,
    )
    after = protocol.balances(protocol.requester.address)
    assert after[requester][1] == before[requester][1] + VALIDITY_BOND_WEI
    assert after[oracle][1] == before[oracle][1] - VALIDITY_BOND_WEI == FEE_WEI
    assert after[oracle][0] == before[oracle][0]
    assert protocol.credits(protocol.requester.address) == {requester: (0, 0)}


def test_finalize__invalid_outcome__validity_bond_stays_for_fee_pool(
    protocol: OracleProtocol,
) -> None:
    """Money flow: finalizing with INVALID moves nothing; the Oracle keeps fee + validity bond
    = 5 + 10 = 15 fUSD, the fee pool the INVALID staker claims."""
    request_id = protocol.create()
    protocol.bond_round0(request_id, INVALID)
    protocol.expire_window(request_id)
    before = protocol.balances(protocol.requester.address)

    protocol.finalize(request_id)

    assert protocol.balances(protocol.requester.address) == before
    assert protocol.oracle.outcome_of(request_id) == (True, INVALID)
    assert before[str(protocol.oracle.address)][1] == FEE_WEI + VALIDITY_BOND_WEI


# --- callback -------------------------------------------------------------------------------


def test_finalize__well_behaved_requester__receives_outcome(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.bond_round0(request_id, NO)
    protocol.expire_window(request_id)

    protocol.finalize(request_id)

    received = events(protocol.oracle, "OutcomeReceived")
    assert [(e.request_id, e.outcome) for e in received] == [(request_id, NO)]
    finalized = events(protocol.oracle, "Finalized")
    assert [(e.request_id, e.outcome, e.arbitrated) for e in finalized] == [(request_id, NO, False)]
    assert events(protocol.oracle, "CallbackFailed") == []


def test_finalize__callback_reads_outcome_of__sees_finalized_state(
    protocol: OracleProtocol,
) -> None:
    """The finalized state is written before `on_outcome` runs."""
    probe = protocol.deploy_requester(deployer=PROBE_REQUESTER_DEPLOYER)
    request_id = protocol.create(requester=probe)
    protocol.bond_round0(request_id, YES)
    protocol.expire_window(request_id)

    protocol.finalize(request_id)

    assert probe.calls() == 1
    assert probe.seen_finalized() is True
    assert probe.seen_outcome() == YES
    assert probe.received_outcome() == YES


# --- rejections -----------------------------------------------------------------------------


def test_finalize__twice__reverts_finalized(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.bond_round0(request_id, YES)
    protocol.expire_window(request_id)
    protocol.finalize(request_id)
    before = protocol.balances(protocol.requester.address)

    with boa.env.prank(protocol.anyone), boa.reverts("oracle: finalized"):
        protocol.oracle.finalize(request_id)

    assert protocol.balances(protocol.requester.address) == before


def test_finalize__escalated_request__reverts_escalated(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.escalate(request_id)
    protocol.time_travel(ARBITRATION_TIMEOUT_S - 1)

    with boa.env.prank(protocol.anyone), boa.reverts("oracle: escalated"):
        protocol.oracle.finalize(request_id)


def test_finalize__unknown_request__reverts_unknown_request(protocol: OracleProtocol) -> None:
    with boa.env.prank(protocol.anyone), boa.reverts("oracle: unknown request"):
        protocol.oracle.finalize(7)


def test_finalize__unpaused_again__finalizes(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.bond_round0(request_id, YES)
    protocol.expire_window(request_id)
    with boa.env.prank(protocol.owner):
        protocol.oracle.pause()
        protocol.oracle.unpause()

    protocol.finalize(request_id)

    assert protocol.oracle.outcome_of(request_id) == (True, YES)


def test_finalize__too_little_gas__reverts_gas_too_low(protocol: OracleProtocol) -> None:
    """A finalizer cannot starve the callback: the whole call reverts and moves nothing."""
    request_id = protocol.create()
    protocol.bond_round0(request_id, YES)
    protocol.expire_window(request_id)
    before = protocol.balances(protocol.requester.address)

    with boa.env.prank(protocol.anyone), boa.reverts("oracle: gas too low"):
        protocol.oracle.finalize(request_id, gas=LOW_GAS)

    assert protocol.balances(protocol.requester.address) == before
    assert protocol.oracle.outcome_of(request_id) == (False, bytes(32))


def test_finalize__enough_gas__finalizes_and_calls_back(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.bond_round0(request_id, YES)
    protocol.expire_window(request_id)

    with boa.env.prank(protocol.anyone):
        protocol.oracle.finalize(request_id, gas=400_000)

    assert len(events(protocol.oracle, "OutcomeReceived")) == 1
    assert events(protocol.oracle, "CallbackFailed") == []
    assert protocol.oracle.outcome_of(request_id) == (True, YES)
