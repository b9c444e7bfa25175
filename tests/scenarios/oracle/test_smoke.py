"""The lifecycle the README walks through, end to end."""

from tests.harness.checks import delta
from tests.harness.game import FEE_WEI, NO, VALIDITY_BOND_WEI, YES
from tests.harness.oracle_driver import OracleDriver


def test_lifecycle__answer_dispute_finalize__disputer_wins(driver: OracleDriver) -> None:
    """Money flow: validator stakes B0 on YES; disputer stakes 2·B0 on NO; the round-2 window
    expires, so NO is final. Disputer gets 2·B0 + B0 (slashed) FLX and the fee in fUSD; the
    requester is credited its validity bond and withdraws it."""
    request_id = driver.create()
    b0 = driver.bond_round0(request_id, YES)
    driver.dispute(driver.disputer, request_id, NO, 2 * b0)
    driver.expire_window(request_id)
    before = driver.balances(driver.disputer, driver.requester)

    driver.finalize(request_id)
    paid = driver.claim(request_id, driver.disputer)
    driver.withdraw_credits(driver.requester)

    after = driver.balances(driver.disputer, driver.requester)
    assert paid == (3 * b0, FEE_WEI)
    assert delta(before, after, driver.disputer) == (3 * b0, FEE_WEI)
    assert delta(before, after, driver.requester) == (0, VALIDITY_BOND_WEI)
    assert driver.outcome_of(request_id) == (True, NO)
    assert driver.callbacks() == [(driver.requester, request_id, NO)]
