"""`finalize` on chain: the callback's gas reserve and what the callback sees (SPEC §5). The
game rules of `finalize` run on the contract and the model in `tests/scenarios/oracle/`."""

import boa

from tests.harness.checks import events
from tests.harness.deployers import PROBE_REQUESTER_DEPLOYER
from tests.harness.game import YES
from tests.harness.protocol import OracleProtocol

LOW_GAS = 150_000  # below the Oracle's callback reserve (215 000 left at the call)


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
