"""Pull payments (SPEC §4 Credits): what the requester or the treasury is owed is credited and
paid by `withdraw`, which anyone may call, always to the account, even while paused."""

from tests.harness.checks import delta
from tests.harness.game import FEE_WEI, REQUESTER_USD, VALIDITY_BOND_WEI, YES
from tests.harness.oracle_driver import OracleDriver


def _finalized_yes(driver: OracleDriver) -> int:
    request_id = driver.create()
    driver.bond_round0(request_id, YES)
    driver.expire_window(request_id)
    driver.finalize(request_id)
    return request_id


def test_withdraw__by_anyone__pays_the_account_and_clears_the_credit(driver: OracleDriver) -> None:
    """Money flow: a stranger calls `withdraw(fUSD, requester)`: the requester receives its
    10 fUSD validity bond, the stranger nothing; a second withdrawal reverts."""
    _finalized_yes(driver)
    before = driver.balances(driver.requester, driver.stranger)

    paid = driver.withdraw(driver.usd, driver.requester, caller=driver.stranger)

    after = driver.balances(driver.requester, driver.stranger)
    assert paid == VALIDITY_BOND_WEI
    assert delta(before, after, driver.requester) == (0, VALIDITY_BOND_WEI)
    assert delta(before, after, driver.stranger) == (0, 0)
    assert delta(before, after, driver.oracle) == (0, -VALIDITY_BOND_WEI)
    assert driver.withdrawable(driver.usd, driver.requester) == 0
    with driver.reverts("oracle: nothing to withdraw"):
        driver.withdraw(driver.usd, driver.requester, caller=driver.stranger)


def test_withdraw__credits_of_several_requests__add_up(driver: OracleDriver) -> None:
    """Money flow: two requests finalize; the requester withdraws 2 × 10 fUSD at once."""
    for _ in range(2):
        _finalized_yes(driver)
    before = driver.balances(driver.requester)

    assert driver.withdraw(driver.usd, driver.requester) == 2 * VALIDITY_BOND_WEI

    after = driver.balances(driver.requester)
    assert delta(before, after, driver.requester) == (0, 2 * VALIDITY_BOND_WEI)
    assert before[driver.requester][1] == REQUESTER_USD - 2 * (VALIDITY_BOND_WEI + FEE_WEI)


def test_withdraw__nothing_credited__reverts(driver: OracleDriver) -> None:
    with driver.reverts("oracle: nothing to withdraw"):
        driver.withdraw(driver.usd, driver.requester)


def test_withdraw__other_token_than_credited__reverts(driver: OracleDriver) -> None:
    """The validity bond is credited in fUSD: there is no FLX to withdraw."""
    _finalized_yes(driver)

    with driver.reverts("oracle: nothing to withdraw"):
        driver.withdraw(driver.flx, driver.requester)


def test_withdraw__while_paused__pays(driver: OracleDriver) -> None:
    """Money flow: the requester's 10 fUSD credit leaves the Oracle although it is paused."""
    _finalized_yes(driver)
    driver.pause()
    before = driver.balances(driver.requester)

    assert driver.withdraw(driver.usd, driver.requester) == VALIDITY_BOND_WEI

    after = driver.balances(driver.requester)
    assert delta(before, after, driver.requester) == (0, VALIDITY_BOND_WEI)
