"""MockERC20: a standard token whose `mint` is open to anyone."""

from typing import Any

import boa
import pytest

from tests.harness.deployers import MOCK_ERC20_DEPLOYER


@pytest.fixture
def payment_token(owner: str) -> Any:
    return MOCK_ERC20_DEPLOYER.deploy("Payment", "PAY", 6, sender=owner)


def test_mint__by_anyone__credits_receiver(payment_token: Any, holder: str) -> None:
    payment_token.mint(holder, 100, sender=holder)

    assert payment_token.balanceOf(holder) == 100
    assert payment_token.totalSupply() == 100


def test_transfer__enough_balance__moves_and_returns_true(
    payment_token: Any, holder: str, recipient: str
) -> None:
    payment_token.mint(holder, 100, sender=holder)

    assert payment_token.transfer(recipient, 40, sender=holder) is True

    assert payment_token.balanceOf(holder) == 60
    assert payment_token.balanceOf(recipient) == 40


def test_transfer__insufficient_balance__reverts(
    payment_token: Any, holder: str, recipient: str
) -> None:
    with boa.reverts("erc20: transfer amount exceeds balance"):
        payment_token.transfer(recipient, 1, sender=holder)
