"""Minting FLX: only minters mint; only the owner grants and revokes the minter role."""

from typing import Any

import boa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ZERO_ADDRESS = "0x" + "00" * 20


def test_mint__by_owner__credits_holder(
    flux_token: Any, owner: str, holder: str, initial_supply_wei: int
) -> None:
    assert flux_token.balanceOf(holder) == 0

    flux_token.mint(holder, 5 * 10**18, sender=owner)

    assert flux_token.balanceOf(holder) == 5 * 10**18
    assert flux_token.totalSupply() == initial_supply_wei + 5 * 10**18


def test_mint__by_non_minter__reverts(flux_token: Any, holder: str) -> None:
    with boa.reverts("erc20: access is denied"):
        flux_token.mint(holder, 1, sender=holder)

    assert flux_token.balanceOf(holder) == 0


def test_mint__by_granted_minter__credits_holder(
    flux_token: Any, owner: str, minter: str, holder: str
) -> None:
    flux_token.set_minter(minter, True, sender=owner)

    flux_token.mint(holder, 7, sender=minter)

    assert flux_token.balanceOf(holder) == 7


def test_mint__by_revoked_minter__reverts(
    flux_token: Any, owner: str, minter: str, holder: str
) -> None:
    flux_token.set_minter(minter, True, sender=owner)
    flux_token.set_minter(minter, False, sender=owner)

    with boa.reverts("erc20: access is denied"):
        flux_token.mint(holder, 7, sender=minter)


def test_mint__to_zero_address__reverts(flux_token: Any, owner: str) -> None:
    with boa.reverts("erc20: mint to the zero address"):
        flux_token.mint(ZERO_ADDRESS, 1, sender=owner)


# boa rolls the chain back after every example, so the function-scoped token is fresh.
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(amount_wei=st.integers(min_value=0, max_value=2**255))
def test_mint__any_amount__credits_exactly_that(
    flux_token: Any, owner: str, holder: str, initial_supply_wei: int, amount_wei: int
) -> None:
    flux_token.mint(holder, amount_wei, sender=owner)

    assert flux_token.balanceOf(holder) == amount_wei
    assert flux_token.totalSupply() == initial_supply_wei + amount_wei


def test_set_minter__by_owner__grants_role(flux_token: Any, owner: str, minter: str) -> None:
    assert not flux_token.is_minter(minter)

    flux_token.set_minter(minter, True, sender=owner)

    assert flux_token.is_minter(minter)


def test_set_minter__by_non_owner__reverts(flux_token: Any, minter: str) -> None:
    with boa.reverts("ownable: caller is not the owner"):
        flux_token.set_minter(minter, True, sender=minter)

    assert not flux_token.is_minter(minter)


def test_set_minter__owner_itself__reverts(flux_token: Any, owner: str) -> None:
    with boa.reverts("erc20: minter is owner address"):
        flux_token.set_minter(owner, False, sender=owner)

    assert flux_token.is_minter(owner)


def test_set_minter__zero_address__reverts(flux_token: Any, owner: str) -> None:
    with boa.reverts("erc20: minter is the zero address"):
        flux_token.set_minter(ZERO_ADDRESS, True, sender=owner)


def test_renounce_ownership__by_owner__drops_its_minter_role(
    flux_token: Any, owner: str, holder: str
) -> None:
    flux_token.renounce_ownership(sender=owner)

    assert flux_token.owner() == ZERO_ADDRESS
    with boa.reverts("erc20: access is denied"):
        flux_token.mint(holder, 1, sender=owner)
