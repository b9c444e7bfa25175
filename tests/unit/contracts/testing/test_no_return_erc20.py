"""NoReturnERC20: USDT-style `transfer`/`transferFrom`/`approve` that return no data."""

from typing import Any

import boa
import pytest

from tests.harness.deployers import NO_RETURN_ERC20_DEPLOYER


@pytest.fixture
def no_return_token(owner: str, holder: str) -> Any:
    token = NO_RETURN_ERC20_DEPLOYER.deploy(sender=owner)
    token.mint(holder, 100, sender=holder)
    return token


def _returndata(token: Any, function: Any, *args: Any, sender: str) -> bytes:
    data = function.prepare_calldata(*args)
    output: bytes = boa.env.raw_call(token.address, sender=sender, data=data).output
    return output


def test_transfer__enough_balance__moves_and_returns_no_data(
    no_return_token: Any, holder: str, recipient: str
) -> None:
    returndata = _returndata(
        no_return_token, no_return_token.transfer, recipient, 40, sender=holder
    )

    assert returndata == b""
    assert no_return_token.balanceOf(holder) == 60
    assert no_return_token.balanceOf(recipient) == 40


def test_transfer__insufficient_balance__reverts(
    no_return_token: Any, holder: str, recipient: str
) -> None:
    with boa.reverts("mock: insufficient balance"):
        no_return_token.transfer(recipient, 101, sender=holder)

    assert no_return_token.balanceOf(holder) == 100


def test_approve__any_amount__sets_allowance_and_returns_no_data(
    no_return_token: Any, holder: str, spender: str
) -> None:
    returndata = _returndata(no_return_token, no_return_token.approve, spender, 30, sender=holder)

    assert returndata == b""
    assert no_return_token.allowance(holder, spender) == 30


def test_transfer_from__within_allowance__moves_and_returns_no_data(
    no_return_token: Any, holder: str, spender: str, recipient: str
) -> None:
    no_return_token.approve(spender, 30, sender=holder)

    returndata = _returndata(
        no_return_token, no_return_token.transferFrom, holder, recipient, 30, sender=spender
    )

    assert returndata == b""
    assert no_return_token.balanceOf(recipient) == 30
    assert no_return_token.allowance(holder, spender) == 0


def test_transfer_from__beyond_allowance__reverts(
    no_return_token: Any, holder: str, spender: str, recipient: str
) -> None:
    no_return_token.approve(spender, 30, sender=holder)

    with boa.reverts("mock: insufficient allowance"):
        no_return_token.transferFrom(holder, recipient, 31, sender=spender)

    assert no_return_token.balanceOf(holder) == 100
