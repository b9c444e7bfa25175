"""`Requester`: the whitelisted contract through which an application's accounts ask the
Oracle, each paying for its own requests."""

from typing import Any

import boa
import pytest

from tests.harness.checks import events
from tests.harness.deployers import REQUESTER_DEPLOYER
from tests.harness.game import FEE_WEI, INVALID, MAX_OPEN_PERIOD_S, VALIDITY_BOND_WEI, YES
from tests.harness.protocol import OracleProtocol

CREATOR_USD = 100 * 10**18


@pytest.fixture
def protocol() -> OracleProtocol:
    return OracleProtocol()


@pytest.fixture
def requester(protocol: OracleProtocol) -> Any:
    """A Requester owned by `owner`, whitelisted; the validator is made a creator and funded."""
    with boa.env.prank(protocol.owner):
        contract = REQUESTER_DEPLOYER.deploy(protocol.oracle.address)
        protocol.oracle.add_requester(contract.address, "app", 10_000, "https://example.org/app")
        contract.set_creator(protocol.validator, True)
    protocol.usd.mint(protocol.validator, CREATOR_USD)
    with boa.env.prank(protocol.validator):
        protocol.usd.approve(contract.address, 2**256 - 1)
    return contract


def _create(protocol: OracleProtocol, requester: Any, caller: Any, **overrides: Any) -> int:
    with boa.env.prank(caller):
        request_id: int = requester.create(protocol.encode(protocol.args(**overrides)))
    return request_id


def test_create__creator__pays_bond_and_fee_and_is_recorded(
    protocol: OracleProtocol, requester: Any
) -> None:
    """Money flow: creator -> Oracle 10 + 5 fUSD through the requester, which keeps nothing."""
    creator = protocol.validator
    before = protocol.balances(creator, requester.address)

    request_id = _create(protocol, requester, creator)

    forwarded = events(requester, "RequestForwarded")
    assert [(e.request_id, e.creator) for e in forwarded] == [(request_id, creator)]
    after = protocol.balances(creator, requester.address)
    assert after[str(creator)][1] - before[str(creator)][1] == -(VALIDITY_BOND_WEI + FEE_WEI)
    assert after[str(requester.address)] == before[str(requester.address)] == (0, 0)
    assert requester.creator_of(request_id) == creator
    assert protocol.oracle.request_params(request_id)[0] == requester.address
    assert protocol.usd.allowance(requester.address, protocol.oracle.address) == 0


def test_create__not_a_creator__reverts_and_pays_nothing(
    protocol: OracleProtocol, requester: Any
) -> None:
    before = protocol.balances(protocol.stranger)

    with boa.env.prank(protocol.stranger), boa.reverts("requester: not a creator"):
        requester.create(protocol.encode(protocol.args()))

    assert protocol.balances(protocol.stranger) == before
    assert protocol.oracle.request_count() == 0


def test_create__creator_without_allowance__reverts_token_call_failed(
    protocol: OracleProtocol, requester: Any
) -> None:
    with boa.env.prank(protocol.owner):
        requester.set_creator(protocol.disputer, True)

    with boa.env.prank(protocol.disputer), boa.reverts():
        requester.create(protocol.encode(protocol.args()))

    assert protocol.oracle.request_count() == 0


def test_on_outcome__from_the_oracle__emitted(protocol: OracleProtocol, requester: Any) -> None:
    request_id = _create(protocol, requester, protocol.validator)
    protocol.bond_round0(request_id, YES)
    protocol.expire_window(request_id)

    protocol.finalize(request_id)

    received = events(protocol.oracle, "OutcomeReceived")
    assert [(e.request_id, e.outcome) for e in received] == [(request_id, YES)]


def test_on_outcome__from_anyone_else__reverts(requester: Any, protocol: OracleProtocol) -> None:
    with boa.env.prank(protocol.stranger), boa.reverts("requester: not the oracle"):
        requester.on_outcome(0, YES)


def test_cancel__by_the_creator__final_invalid_and_refund_swept_by_the_owner(
    protocol: OracleProtocol, requester: Any
) -> None:
    """Money flow: the cancel credits 10 + 5 fUSD to the requester; anyone withdraws it to the
    requester; the owner sweeps it to the creator."""
    request_id = _create(protocol, requester, protocol.validator)
    protocol.time_travel(MAX_OPEN_PERIOD_S)
    with boa.env.prank(protocol.validator):
        requester.cancel(request_id)
    assert protocol.oracle.outcome_of(request_id) == (True, INVALID)
    protocol.withdraw(protocol.usd, requester.address)
    before = protocol.balances(protocol.validator)

    with boa.env.prank(protocol.owner):
        requester.sweep(protocol.usd.address, protocol.validator, VALIDITY_BOND_WEI + FEE_WEI)

    after = protocol.balances(protocol.validator)
    assert after[str(protocol.validator)][1] - before[str(protocol.validator)][1] == (
        VALIDITY_BOND_WEI + FEE_WEI
    )
    assert protocol.usd.balanceOf(requester.address) == 0


def test_cancel__by_someone_else__reverts(protocol: OracleProtocol, requester: Any) -> None:
    request_id = _create(protocol, requester, protocol.validator)
    protocol.time_travel(MAX_OPEN_PERIOD_S)

    with boa.env.prank(protocol.stranger), boa.reverts("requester: not the creator"):
        requester.cancel(request_id)


def test_sweep__stranger__reverts(protocol: OracleProtocol, requester: Any) -> None:
    with boa.env.prank(protocol.stranger), boa.reverts("ownable: caller is not the owner"):
        requester.sweep(protocol.usd.address, protocol.stranger, 1)


def test_set_creator__revoked__can_no_longer_create(
    protocol: OracleProtocol, requester: Any
) -> None:
    with boa.env.prank(protocol.owner):
        requester.set_creator(protocol.validator, False)

    with boa.env.prank(protocol.validator), boa.reverts("requester: not a creator"):
        requester.create(protocol.encode(protocol.args()))
