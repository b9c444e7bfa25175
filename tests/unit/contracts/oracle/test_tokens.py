"""Non-standard ERC-20s as stake and payment tokens (`_pull`/`_push`, SPEC §4 `transfer failed`).

Tokens that return nothing (USDT) are accepted; tokens that return false or revert make the
whole Oracle call revert with `oracle: transfer failed` and move nothing.
"""

from typing import Any

import boa
import pytest

from tests.harness.checks import delta
from tests.harness.deployers import (
    FALSE_RETURN_ERC20_DEPLOYER,
    MOCK_ERC20_DEPLOYER,
    NO_RETURN_ERC20_DEPLOYER,
)
from tests.harness.game import FEE_WEI, NO, REQUESTER_USD, VALIDITY_BOND_WEI, YES
from tests.harness.protocol import OracleProtocol


def _owned(deployer: Any, protocol: OracleProtocol, *args: Any) -> Any:
    with boa.env.prank(protocol.owner):
        return deployer.deploy(*args)


def _undisputed(protocol: OracleProtocol) -> tuple[int, int]:
    request_id = protocol.create()
    b0 = protocol.bond_round0(request_id, YES)
    protocol.expire_window(request_id)
    protocol.finalize(request_id)
    return request_id, b0


# --- tokens that return nothing -------------------------------------------------------------


def test_lifecycle__no_return_tokens__exact_balances(protocol: OracleProtocol) -> None:
    """Money flow (both tokens return no data): requester pays 10 + 5 = 15 fUSD; validator
    stakes B0 on YES, disputer 2·B0 on NO; the window expires: NO is final. Finalize credits
    the requester's 10, which it withdraws; disputer claims 2·B0 + B0 = 3·B0 stake tokens and
    the 5 fee; validator loses B0. The Oracle ends empty."""
    protocol.reconfigure(
        stake_token=_owned(NO_RETURN_ERC20_DEPLOYER, protocol),
        payment_token=_owned(NO_RETURN_ERC20_DEPLOYER, protocol),
    )
    requester = protocol.requester.address
    accounts = (requester, protocol.validator, protocol.disputer)
    start = protocol.balances(*accounts)

    request_id = protocol.create()
    created = protocol.balances(*accounts)
    b0 = protocol.bond_round0(request_id, YES)
    protocol.dispute(protocol.disputer, request_id, NO, 2 * b0)
    protocol.expire_window(request_id)
    protocol.finalize(request_id)
    paid = protocol.claim(request_id, protocol.disputer)
    protocol.withdraw_credits(requester)

    end = protocol.balances(*accounts)
    assert delta(start, created, requester) == (0, -(VALIDITY_BOND_WEI + FEE_WEI))
    assert paid == (3 * b0, FEE_WEI)
    assert delta(start, end, requester) == (0, -FEE_WEI)
    assert delta(start, end, protocol.validator) == (-b0, 0)
    assert delta(start, end, protocol.disputer) == (b0, FEE_WEI)
    assert end[str(protocol.oracle.address)] == (0, 0)


# --- tokens that return false or revert -----------------------------------------------------


def test_create__payment_token_behaves__creates(protocol: OracleProtocol) -> None:
    """Money flow: requester pays validity bond + fee = 15 fUSD to the Oracle."""
    protocol.reconfigure(payment_token=_owned(FALSE_RETURN_ERC20_DEPLOYER, protocol))
    before = protocol.balances(protocol.requester.address)

    request_id = protocol.create()

    after = protocol.balances(protocol.requester.address)
    assert request_id == 0
    assert after[str(protocol.requester.address)][1] == REQUESTER_USD - VALIDITY_BOND_WEI - FEE_WEI
    assert delta(before, after, protocol.oracle.address) == (0, VALIDITY_BOND_WEI + FEE_WEI)


@pytest.mark.parametrize("switch", ["set_fail", "set_revert"])
def test_create__payment_token_fails__reverts_transfer_failed(
    protocol: OracleProtocol, switch: str
) -> None:
    """A payment token that returns false (`set_fail`) or reverts (`set_revert`)."""
    protocol.reconfigure(payment_token=_owned(FALSE_RETURN_ERC20_DEPLOYER, protocol))
    with boa.env.prank(protocol.owner):
        getattr(protocol.usd, switch)(True)
    before = protocol.balances(protocol.requester.address)

    with boa.reverts("oracle: transfer failed"):
        protocol.create()

    assert protocol.balances(protocol.requester.address) == before
    assert protocol.oracle.request_count() == 0


@pytest.mark.parametrize("switch", ["set_fail", "set_revert"])
def test_stake__stake_token_fails__reverts_transfer_failed(
    protocol: OracleProtocol, switch: str
) -> None:
    protocol.reconfigure(stake_token=_owned(FALSE_RETURN_ERC20_DEPLOYER, protocol))
    request_id = protocol.create()
    b0 = protocol.oracle.round_info(request_id, 0)[0]
    with boa.env.prank(protocol.owner):
        getattr(protocol.flx, switch)(True)
    before = protocol.balances(protocol.validator)

    with boa.env.prank(protocol.validator), boa.reverts("oracle: transfer failed"):
        protocol.oracle.stake(request_id, YES, b0)

    assert protocol.balances(protocol.validator) == before
    assert protocol.oracle.round_info(request_id, 0)[4] is False


@pytest.mark.parametrize("switch", ["set_fail", "set_revert"])
def test_claim__stake_token_fails__reverts_then_retry_pays(
    protocol: OracleProtocol, switch: str
) -> None:
    """Money flow: the failed claim moves nothing and clears nothing (claimable stays
    (B0, 5 fUSD)); switched back, the retry pays validator B0 and 5 fUSD."""
    protocol.reconfigure(stake_token=_owned(FALSE_RETURN_ERC20_DEPLOYER, protocol))
    request_id, b0 = _undisputed(protocol)
    with boa.env.prank(protocol.owner):
        getattr(protocol.flx, switch)(True)
    before = protocol.balances(protocol.validator)

    with boa.env.prank(protocol.anyone), boa.reverts("oracle: transfer failed"):
        protocol.oracle.claim(request_id, protocol.validator)

    assert protocol.balances(protocol.validator) == before
    assert protocol.oracle.claimable(request_id, protocol.validator) == (b0, FEE_WEI)
    with boa.env.prank(protocol.owner):
        getattr(protocol.flx, switch)(False)
    assert protocol.claim(request_id, protocol.validator) == (b0, FEE_WEI)
    after = protocol.balances(protocol.validator)
    assert delta(before, after, protocol.validator) == (b0, FEE_WEI)


def test_finalize__payment_token_refuses_transfers__finalizes_and_credits(
    protocol: OracleProtocol,
) -> None:
    """Money flow: the payment token returns false on every transfer, yet finalization moves
    no token and succeeds: the requester's validity bond is credited. Its withdrawal reverts
    `oracle: transfer failed` and leaves the credit in place; the validator's claim of its
    stake is unaffected by the requester's token trouble only if the fee share can be paid, so
    here it reverts too and can be retried once the token works."""
    protocol.reconfigure(payment_token=_owned(FALSE_RETURN_ERC20_DEPLOYER, protocol))
    request_id = protocol.create()
    protocol.bond_round0(request_id, YES)
    protocol.expire_window(request_id)
    with boa.env.prank(protocol.owner):
        protocol.usd.set_fail(True)
    before = protocol.balances(protocol.requester.address)

    protocol.finalize(request_id)

    requester = str(protocol.requester.address)
    assert protocol.oracle.outcome_of(request_id) == (True, YES)
    assert protocol.balances(protocol.requester.address) == before
    assert protocol.credits(protocol.requester.address) == {requester: (0, VALIDITY_BOND_WEI)}
    with boa.env.prank(protocol.anyone), boa.reverts("oracle: transfer failed"):
        protocol.oracle.withdraw(protocol.usd.address, protocol.requester.address)
    assert protocol.credits(protocol.requester.address) == {requester: (0, VALIDITY_BOND_WEI)}
    with boa.env.prank(protocol.owner):
        protocol.usd.set_fail(False)
    assert protocol.withdraw(protocol.usd, protocol.requester.address) == VALIDITY_BOND_WEI


# --- one token for both roles ---------------------------------------------------------------


def test_lifecycle__same_token_for_stake_and_payment__exact_balances(
    protocol: OracleProtocol,
) -> None:
    """Money flow (one token T): requester pays 10 + 5 = 15 T; validator stakes B0 on YES,
    disputer 2·B0 on NO; NO is final. Finalize credits 10 T to the requester, which withdraws
    it; disputer claims 3·B0 T (stake share) + 5 T (fee) = 3·B0 + 5; the Oracle ends empty."""
    token = _owned(MOCK_ERC20_DEPLOYER, protocol, "Token", "T", 18)
    protocol.reconfigure(stake_token=token, payment_token=token)
    requester = protocol.requester.address
    accounts = (requester, protocol.validator, protocol.disputer)
    start = protocol.balances(*accounts)

    request_id = protocol.create()
    b0 = protocol.bond_round0(request_id, YES)
    protocol.dispute(protocol.disputer, request_id, NO, 2 * b0)
    protocol.expire_window(request_id)
    protocol.finalize(request_id)
    paid = protocol.claim(request_id, protocol.disputer)
    protocol.withdraw_credits(requester)

    end = protocol.balances(*accounts)
    assert paid == (3 * b0, FEE_WEI)
    assert end[str(requester)][0] - start[str(requester)][0] == -FEE_WEI
    assert end[str(protocol.validator)][0] - start[str(protocol.validator)][0] == -b0
    assert end[str(protocol.disputer)][0] - start[str(protocol.disputer)][0] == b0 + FEE_WEI
    assert token.balanceOf(protocol.oracle.address) == 0
