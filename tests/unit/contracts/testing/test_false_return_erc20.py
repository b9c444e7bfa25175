"""FalseReturnERC20: the owner switches transfers to return `False` or to revert."""

from typing import Any

import boa
import pytest

from tests.harness.deployers import FALSE_RETURN_ERC20_DEPLOYER

ABI_FALSE = b"\x00" * 32


@pytest.fixture
def false_return_token(owner: str, holder: str, spender: str) -> Any:
    token = FALSE_RETURN_ERC20_DEPLOYER.deploy(sender=owner)
    token.mint(holder, 100, sender=holder)
    token.approve(spender, 100, sender=holder)
    return token


def test_transfer__switches_off__moves_and_returns_true(
    false_return_token: Any, holder: str, recipient: str
) -> None:
    assert false_return_token.transfer(recipient, 40, sender=holder) is True

    assert false_return_token.balanceOf(recipient) == 40


def test_transfer__failing__returns_false_and_moves_nothing(
    false_return_token: Any, owner: str, holder: str, recipient: str
) -> None:
    false_return_token.set_fail(True, sender=owner)
    data = false_return_token.transfer.prepare_calldata(recipient, 40)

    returndata = boa.env.raw_call(false_return_token.address, sender=holder, data=data).output

    assert returndata == ABI_FALSE
    assert false_return_token.balanceOf(holder) == 100
    assert false_return_token.balanceOf(recipient) == 0


def test_transfer_from__failing__returns_false_and_moves_nothing(
    false_return_token: Any, owner: str, holder: str, spender: str, recipient: str
) -> None:
    false_return_token.set_fail(True, sender=owner)

    assert false_return_token.transferFrom(holder, recipient, 40, sender=spender) is False

    assert false_return_token.balanceOf(holder) == 100
    assert false_return_token.allowance(holder, spender) == 100


def test_transfer__reverting__reverts(
    false_return_token: Any, owner: str, holder: str, recipient: str
) -> None:
    false_return_token.set_revert(True, sender=owner)

    with boa.reverts("mock: transfer reverted"):
        false_return_token.transfer(recipient, 40, sender=holder)


def test_transfer_from__reverting__reverts(
    false_return_token: Any, owner: str, holder: str, spender: str, recipient: str
) -> None:
    false_return_token.set_revert(True, sender=owner)

    with boa.reverts("mock: transfer reverted"):
        false_return_token.transferFrom(holder, recipient, 40, sender=spender)


def test_set_fail__by_non_owner__reverts(false_return_token: Any, holder: str) -> None:
    with boa.reverts("ownable: caller is not the owner"):
        false_return_token.set_fail(True, sender=holder)

    assert not false_return_token.is_failing()


def test_set_revert__by_non_owner__reverts(false_return_token: Any, holder: str) -> None:
    with boa.reverts("ownable: caller is not the owner"):
        false_return_token.set_revert(True, sender=holder)

    assert not false_return_token.is_reverting()
