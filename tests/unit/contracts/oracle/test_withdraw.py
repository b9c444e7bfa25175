"""Pull payments (SPEC §4 Credits) against a payment token that blacklists accounts, as bridged
USDC does: finalization and arbitration never transfer to a third party, so a blacklisted
requester or treasury cannot strand the stakers' bonds. Crediting and `withdraw` themselves run
on the contract and the model in `tests/scenarios/oracle/test_withdraw.py`."""

from typing import Any

import boa
import pytest

from tests.harness.checks import delta
from tests.harness.deployers import BLACKLIST_ERC20_DEPLOYER
from tests.harness.game import FEE_WEI, INVALID, NO, VALIDITY_BOND_WEI, YES
from tests.harness.protocol import OracleProtocol


@pytest.fixture
def blacklisting(protocol: OracleProtocol) -> OracleProtocol:
    """The protocol with a payment token that can blacklist accounts, like bridged USDC."""
    with boa.env.prank(protocol.owner):
        token = BLACKLIST_ERC20_DEPLOYER.deploy()
    protocol.reconfigure(payment_token=token)
    return protocol


def _blacklist(protocol: OracleProtocol, *accounts: Any) -> None:
    with boa.env.prank(protocol.owner):
        for account in accounts:
            protocol.usd.set_blacklisted(account, True)


def test_finalize__requester_blacklisted__finalizes_and_stakers_claim(
    blacklisting: OracleProtocol,
) -> None:
    """Money flow: the requester is blacklisted after creating; YES finalizes anyway, its
    10 fUSD validity bond is credited (not sent), and the validator claims B0 FLX + 5 fUSD."""
    protocol = blacklisting
    request_id = protocol.create()
    b0 = protocol.bond_round0(request_id, YES)
    protocol.expire_window(request_id)
    _blacklist(protocol, protocol.requester.address)
    before = protocol.balances(protocol.validator, protocol.requester.address)

    protocol.finalize(request_id)
    paid = protocol.claim(request_id, protocol.validator)

    after = protocol.balances(protocol.validator, protocol.requester.address)
    assert protocol.oracle.outcome_of(request_id) == (True, YES)
    assert paid == (b0, FEE_WEI)
    assert delta(before, after, protocol.validator) == (b0, FEE_WEI)
    assert delta(before, after, protocol.requester.address) == (0, 0)
    assert protocol.oracle.withdrawable(protocol.usd.address, protocol.requester.address) == (
        VALIDITY_BOND_WEI
    )
    with boa.env.prank(protocol.anyone), boa.reverts("oracle: transfer failed"):
        protocol.oracle.withdraw(protocol.usd.address, protocol.requester.address)


def test_arbitrate__treasury_blacklisted__arbitrates_and_credits_the_treasury(
    blacklisting: OracleProtocol,
) -> None:
    """Money flow: the arbitrator rules INVALID, which no round bonded: the treasury is
    credited 31·B0 FLX and fee + validity bond = 15 fUSD. It is blacklisted for fUSD only, so
    it withdraws its FLX while its fUSD credit waits; nobody else is affected."""
    protocol = blacklisting
    request_id = protocol.create()
    b0 = protocol.escalate(request_id)
    _blacklist(protocol, protocol.treasury, protocol.requester.address)
    before = protocol.balances(protocol.treasury)

    protocol.arbitrate(request_id, INVALID)

    assert protocol.oracle.outcome_of(request_id) == (True, INVALID)
    assert protocol.credits(protocol.treasury) == {
        str(protocol.treasury): (31 * b0, FEE_WEI + VALIDITY_BOND_WEI)
    }
    assert protocol.withdraw(protocol.flx, protocol.treasury) == 31 * b0
    with boa.env.prank(protocol.anyone), boa.reverts("oracle: transfer failed"):
        protocol.oracle.withdraw(protocol.usd.address, protocol.treasury)
    after = protocol.balances(protocol.treasury)
    assert delta(before, after, protocol.treasury) == (31 * b0, 0)
    assert protocol.credits(protocol.treasury) == {
        str(protocol.treasury): (0, FEE_WEI + VALIDITY_BOND_WEI)
    }


def test_arbitrate__requester_blacklisted__arbitrates_and_winners_claim(
    blacklisting: OracleProtocol,
) -> None:
    """Money flow: NO wins by arbitration; the blacklisted requester's validity bond is
    credited, and the disputer claims 31·B0 FLX and the 5 fUSD fee."""
    protocol = blacklisting
    request_id = protocol.create()
    b0 = protocol.escalate(request_id)
    _blacklist(protocol, protocol.requester.address)

    protocol.arbitrate(request_id, NO)

    assert protocol.claim(request_id, protocol.disputer) == (31 * b0, FEE_WEI)
    assert protocol.credits(protocol.requester.address) == {
        str(protocol.requester.address): (0, VALIDITY_BOND_WEI)
    }
