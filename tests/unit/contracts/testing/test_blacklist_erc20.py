"""The USDC-style blacklisting token double behaves as the Oracle's pull-payment tests assume."""

from typing import Any

import boa
import pytest

from tests.harness.deployers import BLACKLIST_ERC20_DEPLOYER


@pytest.fixture
def token(owner: str) -> Any:
    return BLACKLIST_ERC20_DEPLOYER.deploy(sender=owner)


def test_transfer__receiver_blacklisted__reverts_and_moves_nothing(
    token: Any, owner: str, holder: str, recipient: str
) -> None:
    """Money flow: none; the holder keeps its 5 tokens."""
    token.mint(holder, 5)
    with boa.env.prank(owner):
        token.set_blacklisted(recipient, True)

    with boa.env.prank(holder), boa.reverts("mock: blacklisted"):
        token.transfer(recipient, 5)

    assert token.balanceOf(holder) == 5


def test_transfer_from__owner_of_tokens_blacklisted__reverts(
    token: Any, owner: str, holder: str, spender: str, recipient: str
) -> None:
    token.mint(holder, 5)
    with boa.env.prank(holder):
        token.approve(spender, 5)
    with boa.env.prank(owner):
        token.set_blacklisted(holder, True)

    with boa.env.prank(spender), boa.reverts("mock: blacklisted"):
        token.transferFrom(holder, recipient, 5)


def test_transfer__taken_off_the_blacklist__moves(
    token: Any, owner: str, holder: str, recipient: str
) -> None:
    """Money flow: holder -> recipient 5 once the recipient is off the list."""
    token.mint(holder, 5)
    with boa.env.prank(owner):
        token.set_blacklisted(recipient, True)
        token.set_blacklisted(recipient, False)

    with boa.env.prank(holder):
        token.transfer(recipient, 5)

    assert token.balanceOf(recipient) == 5


def test_set_blacklisted__by_stranger__reverts(token: Any, recipient: str) -> None:
    with boa.env.prank(recipient), boa.reverts("ownable: caller is not the owner"):
        token.set_blacklisted(recipient, True)
