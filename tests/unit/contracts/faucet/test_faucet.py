"""`Faucet`: a FLX minter that drips test tokens at most once per cooldown per account."""

from typing import Any

import boa
import pytest

from tests.harness.deployers import FAUCET_DEPLOYER, FLUX_TOKEN_DEPLOYER, MOCK_ERC20_DEPLOYER

FLX_DRIP_WEI = 1_000 * 10**18
PAYMENT_DRIP_WEI = 100 * 10**18
COOLDOWN_S = 24 * 3600
ZERO_ADDRESS = "0x" + "00" * 20


class Faucet:
    """A faucet over FLX and a test payment token it holds 10 drips of."""

    def __init__(self, *, minter: bool = True, with_payment: bool = True) -> None:
        self.owner = boa.env.generate_address("owner")
        self.tester = boa.env.generate_address("tester")
        self.anyone = boa.env.generate_address("anyone")
        with boa.env.prank(self.owner):
            self.flx = FLUX_TOKEN_DEPLOYER.deploy(0)
            self.usd = MOCK_ERC20_DEPLOYER.deploy("Fluxo USD", "fUSD", 18)
            self.faucet = FAUCET_DEPLOYER.deploy(
                self.flx.address,
                self.usd.address if with_payment else ZERO_ADDRESS,
                FLX_DRIP_WEI,
                PAYMENT_DRIP_WEI if with_payment else 0,
                COOLDOWN_S,
            )
            if minter:
                self.flx.set_minter(self.faucet.address, True)
        self.usd.mint(self.faucet.address, 10 * PAYMENT_DRIP_WEI)

    def drip(self, account: Any = None, caller: Any = None) -> int:
        with boa.env.prank(caller or self.anyone):
            next_at: int = self.faucet.drip(account or self.tester)
        return next_at

    def balances(self, account: Any) -> tuple[int, int]:
        return self.flx.balanceOf(account), self.usd.balanceOf(account)


@pytest.fixture
def faucet() -> Faucet:
    return Faucet()


def test_drip__first_time__mints_flx_and_sends_payment_token(faucet: Faucet) -> None:
    """Money flow: 1 000 FLX minted to the tester, 100 fUSD faucet -> tester; anyone called."""
    before = faucet.balances(faucet.tester)

    next_at = faucet.drip()

    (dripped,) = [log for log in faucet.faucet.get_logs() if type(log).__name__ == "Dripped"]
    assert (dripped.account, dripped.flx_amount, dripped.payment_amount) == (
        faucet.tester,
        FLX_DRIP_WEI,
        PAYMENT_DRIP_WEI,
    )
    after = faucet.balances(faucet.tester)
    assert (after[0] - before[0], after[1] - before[1]) == (FLX_DRIP_WEI, PAYMENT_DRIP_WEI)
    assert faucet.balances(faucet.anyone) == (0, 0)
    assert next_at == boa.env.timestamp + COOLDOWN_S
    assert faucet.faucet.next_drip_at(faucet.tester) == next_at


def test_drip__exactly_at_the_cooldown__drips_again(faucet: Faucet) -> None:
    """Money flow: two drips, cooldown apart: 2 000 FLX and 200 fUSD."""
    faucet.drip()
    boa.env.time_travel(seconds=COOLDOWN_S)

    faucet.drip()

    assert faucet.balances(faucet.tester) == (2 * FLX_DRIP_WEI, 2 * PAYMENT_DRIP_WEI)


def test_drip__one_second_before_the_cooldown__reverts_cooling_down(faucet: Faucet) -> None:
    """Money flow: only the first drip; the early one moves nothing."""
    faucet.drip()
    boa.env.time_travel(seconds=COOLDOWN_S - 1)

    with boa.env.prank(faucet.anyone), boa.reverts("faucet: cooling down"):
        faucet.faucet.drip(faucet.tester)

    assert faucet.balances(faucet.tester) == (FLX_DRIP_WEI, PAYMENT_DRIP_WEI)


def test_drip__cooldown_is_per_account__another_account_drips(faucet: Faucet) -> None:
    faucet.drip()

    faucet.drip(faucet.anyone)

    assert faucet.balances(faucet.anyone) == (FLX_DRIP_WEI, PAYMENT_DRIP_WEI)


def test_drip__paused__reverts_and_unpause_resumes(faucet: Faucet) -> None:
    with boa.env.prank(faucet.owner):
        faucet.faucet.pause()

    with boa.env.prank(faucet.anyone), boa.reverts("pausable: contract is paused"):
        faucet.faucet.drip(faucet.tester)
    assert faucet.balances(faucet.tester) == (0, 0)

    with boa.env.prank(faucet.owner):
        faucet.faucet.unpause()
    faucet.drip()
    assert faucet.balances(faucet.tester) == (FLX_DRIP_WEI, PAYMENT_DRIP_WEI)


def test_drip__faucet_not_a_minter__reverts_not_a_minter() -> None:
    faucet = Faucet(minter=False)

    with boa.env.prank(faucet.anyone), boa.reverts("faucet: not a minter"):
        faucet.faucet.drip(faucet.tester)

    assert faucet.balances(faucet.tester) == (0, 0)
    assert faucet.faucet.next_drip_at(faucet.tester) == 0


def test_drip__payment_balance_used_up__reverts_payment_token_empty() -> None:
    faucet = Faucet()
    for index in range(10):
        faucet.drip(boa.env.generate_address(f"tester-{index}"))

    with boa.env.prank(faucet.anyone), boa.reverts("faucet: payment token empty"):
        faucet.faucet.drip(faucet.tester)


def test_drip__without_payment_token__mints_flx_only() -> None:
    faucet = Faucet(with_payment=False)

    faucet.drip()

    assert faucet.balances(faucet.tester) == (FLX_DRIP_WEI, 0)
    assert faucet.faucet.payment_token() == ZERO_ADDRESS


def test_drip__zero_account__reverts(faucet: Faucet) -> None:
    with boa.env.prank(faucet.anyone), boa.reverts("faucet: zero account"):
        faucet.faucet.drip(ZERO_ADDRESS)


def test_set_drip__owner__changes_amounts_and_cooldown(faucet: Faucet) -> None:
    with boa.env.prank(faucet.owner):
        faucet.faucet.set_drip(5, 0, 60)

    faucet.drip()
    boa.env.time_travel(seconds=60)
    faucet.drip()

    assert faucet.balances(faucet.tester) == (10, 0)


def test_set_drip__stranger__reverts(faucet: Faucet) -> None:
    with boa.env.prank(faucet.anyone), boa.reverts("ownable: caller is not the owner"):
        faucet.faucet.set_drip(5, 0, 60)


@pytest.mark.parametrize(
    ("flx_drip", "payment_drip", "cooldown", "reason"),
    [(0, 0, 60, "faucet: zero drip"), (5, 0, 0, "faucet: zero cooldown")],
)
def test_set_drip__bad_values__reverts(
    faucet: Faucet, flx_drip: int, payment_drip: int, cooldown: int, reason: str
) -> None:
    with boa.env.prank(faucet.owner), boa.reverts(reason):
        faucet.faucet.set_drip(flx_drip, payment_drip, cooldown)


def test_deploy__payment_drip_without_payment_token__reverts() -> None:
    owner = boa.env.generate_address("owner")
    with boa.env.prank(owner):
        flx = FLUX_TOKEN_DEPLOYER.deploy(0)
        with boa.reverts("faucet: no payment token"):
            FAUCET_DEPLOYER.deploy(flx.address, ZERO_ADDRESS, 1, 1, 60)
