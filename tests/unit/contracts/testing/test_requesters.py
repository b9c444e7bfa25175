"""The requester doubles' callbacks, driven by a stand-in oracle address (no Oracle needed)."""

from typing import Any

import boa
import pytest

from tests.harness.deployers import (
    HOSTILE_REQUESTER_DEPLOYER,
    MOCK_ERC20_DEPLOYER,
    MOCK_REQUESTER_DEPLOYER,
)

REQUEST_ID = 7
OUTCOME = (1).to_bytes(32, "big")
CALLBACK_GAS = 100_000


@pytest.fixture
def oracle() -> str:
    return str(boa.env.generate_address("oracle"))


@pytest.fixture
def payment_token(owner: str) -> Any:
    return MOCK_ERC20_DEPLOYER.deploy("Payment", "PAY", 6, sender=owner)


@pytest.fixture
def mock_requester(owner: str, oracle: str, payment_token: Any) -> Any:
    return MOCK_REQUESTER_DEPLOYER.deploy(oracle, payment_token.address, sender=owner)


@pytest.fixture
def hostile_requester(owner: str, oracle: str, payment_token: Any) -> Any:
    return HOSTILE_REQUESTER_DEPLOYER.deploy(oracle, payment_token.address, sender=owner)


def _call_on_outcome(requester: Any, sender: str) -> Any:
    """Run the callback as the Oracle would: a plain call with a fixed gas cap."""
    return boa.env.execute_code(
        to_address=requester.address,
        sender=sender,
        gas=CALLBACK_GAS,
        data=requester.on_outcome.prepare_calldata(REQUEST_ID, OUTCOME),
    )


def test_on_outcome__from_oracle__emits_outcome_received(mock_requester: Any, oracle: str) -> None:
    mock_requester.on_outcome(REQUEST_ID, OUTCOME, sender=oracle)

    (event,) = mock_requester.get_logs()
    assert (event.request_id, event.outcome) == (REQUEST_ID, OUTCOME)


def test_on_outcome__from_anyone_else__reverts(mock_requester: Any, holder: str) -> None:
    with boa.reverts("mock: caller is not the oracle"):
        mock_requester.on_outcome(REQUEST_ID, OUTCOME, sender=holder)


def test_hostile_on_outcome__mode_none__succeeds_silently(
    hostile_requester: Any, oracle: str
) -> None:
    computation = _call_on_outcome(hostile_requester, oracle)

    assert not computation.is_error
    assert computation.output == b""


def test_hostile_on_outcome__mode_revert__reverts_with_reason(
    hostile_requester: Any, oracle: str
) -> None:
    hostile_requester.set_mode(hostile_requester.MODE_REVERT())

    with boa.reverts("mock: hostile callback"):
        hostile_requester.on_outcome(REQUEST_ID, OUTCOME, sender=oracle)


def test_hostile_on_outcome__mode_burn_gas__uses_every_unit_given(
    hostile_requester: Any, oracle: str
) -> None:
    hostile_requester.set_mode(hostile_requester.MODE_BURN_GAS())

    computation = _call_on_outcome(hostile_requester, oracle)

    assert computation.is_error
    assert computation.get_gas_used() == CALLBACK_GAS


def test_hostile_on_outcome__mode_reenter_without_oracle_code__fails(
    hostile_requester: Any, oracle: str
) -> None:
    hostile_requester.set_mode(hostile_requester.MODE_REENTER())

    assert _call_on_outcome(hostile_requester, oracle).is_error


def test_hostile_on_outcome__mode_return_bomb__returns_huge_data(
    hostile_requester: Any, oracle: str
) -> None:
    hostile_requester.set_mode(hostile_requester.MODE_RETURN_BOMB())

    computation = _call_on_outcome(hostile_requester, oracle)

    assert not computation.is_error
    assert len(computation.output) == hostile_requester.RETURN_BOMB_BYTES()


def test_hostile_set_mode__unknown_mode__reverts(hostile_requester: Any) -> None:
    with boa.reverts("mock: unknown mode"):
        hostile_requester.set_mode(5)
