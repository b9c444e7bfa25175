"""An escalated request the arbitrator does not decide within `arbitration_timeout` (unpaused
seconds) is finalized INVALID by anyone: every bond returned in full, nobody slashed, fee and
validity bond credited back to the requester (SPEC §4 Exits)."""

from tests.harness.checks import delta
from tests.harness.game import (
    ARBITRATION_TIMEOUT_S,
    FEE_WEI,
    FLX,
    INVALID,
    NO,
    VALIDITY_BOND_WEI,
    YES,
)
from tests.harness.oracle_driver import MakeDriver, OracleDriver


def test_finalize__escalated_past_timeout__invalid_and_every_bond_returned(
    driver: OracleDriver,
) -> None:
    """Money flow: rounds 0, 2, 4 (YES) were bonded by validator B0 and counter-disputer
    4·B0 + 16·B0; rounds 1, 3 (NO) by the disputer 2·B0 + 8·B0. After the timeout each claims
    exactly what it staked, in FLX only; the requester is called back with INVALID and is
    credited fee + validity bond; the Oracle ends empty."""
    request_id = driver.create()
    b0 = driver.escalate(request_id)
    driver.time_travel(ARBITRATION_TIMEOUT_S)
    before = driver.balances(*driver.stakers, driver.requester)

    driver.finalize(request_id)

    assert driver.callbacks() == [(driver.requester, request_id, INVALID)]
    assert driver.outcome_of(request_id) == (True, INVALID)
    paid = {s: driver.claim(request_id, s) for s in driver.stakers}
    driver.withdraw_credits(driver.requester)

    after = driver.balances(*driver.stakers, driver.requester)
    assert paid == {
        driver.validator: (b0, 0),
        driver.disputer: (10 * b0, 0),
        driver.counter_disputer: (20 * b0, 0),
    }
    for staker in driver.stakers:
        assert delta(before, after, staker) == paid[staker]
    assert delta(before, after, driver.requester) == (0, FEE_WEI + VALIDITY_BOND_WEI)
    assert after[driver.oracle] == (0, 0)


def test_finalize__escalated_one_second_before_timeout__reverts_escalated(
    driver: OracleDriver,
) -> None:
    request_id = driver.create()
    driver.escalate(request_id)
    driver.time_travel(ARBITRATION_TIMEOUT_S - 1)

    with driver.reverts("oracle: escalated"):
        driver.finalize(request_id)


def test_arbitrate__after_timeout__reverts_arbitration_expired(driver: OracleDriver) -> None:
    request_id = driver.create()
    driver.escalate(request_id)
    driver.time_travel(ARBITRATION_TIMEOUT_S)

    with driver.reverts("oracle: arbitration expired"):
        driver.arbitrate(request_id, YES)


def test_arbitrate__one_second_before_timeout__decides(driver: OracleDriver) -> None:
    request_id = driver.create()
    driver.escalate(request_id)
    driver.time_travel(ARBITRATION_TIMEOUT_S - 1)

    driver.arbitrate(request_id, NO)

    assert driver.outcome_of(request_id) == (True, NO)


def test_claim__timeout_with_crowdfunded_rounds__each_share_returned(
    make_driver: MakeDriver,
) -> None:
    """Money flow: round 0 YES is crowdfunded 60 + 40 FLX (validator, disputer), round 1 NO
    200 FLX (counter-disputer) escalates under a 200 FLX threshold. After the timeout each
    claims back exactly its share, and nothing more."""
    driver = make_driver(arbitration_threshold=200 * FLX)
    request_id = driver.create()
    driver.stake(driver.validator, request_id, YES, 60 * FLX)
    driver.stake(driver.disputer, request_id, YES, 40 * FLX)
    driver.dispute(driver.counter_disputer, request_id, NO, 200 * FLX)
    driver.time_travel(ARBITRATION_TIMEOUT_S)
    driver.finalize(request_id)

    assert driver.claim(request_id, driver.validator) == (60 * FLX, 0)
    assert driver.claim(request_id, driver.disputer) == (40 * FLX, 0)
    assert driver.claim(request_id, driver.counter_disputer) == (200 * FLX, 0)
    for staker in driver.stakers:
        assert driver.claimable(request_id, staker) == (0, 0)
        with driver.reverts("oracle: nothing to claim"):
            driver.claim(request_id, staker)
