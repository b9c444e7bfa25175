"""`cancel` (SPEC §4 Exits): a request whose round 0 never bonded within `max_open_period`
(unpaused seconds after settlement) can be ended by its requester: final INVALID, fee and
validity bond credited back, partial stakes unstakeable."""

from tests.harness.game import (
    FEE_WEI,
    FLX,
    INVALID,
    MAX_OPEN_PERIOD_S,
    NO,
    VALIDITY_BOND_WEI,
    YES,
)
from tests.harness.oracle_driver import OracleDriver

EMPTY = bytes(32)


def _unanswered(driver: OracleDriver, open_s: int = MAX_OPEN_PERIOD_S) -> int:
    """A request settled now, left unanswered for `open_s` seconds."""
    request_id = driver.create()
    driver.time_travel(open_s)
    return request_id


def test_cancel__after_max_open_period__final_invalid_and_fee_credited(
    driver: OracleDriver,
) -> None:
    """Money flow: creation pulled 10 + 5 fUSD; cancelling credits both back to the requester
    (no token moves until it withdraws); no callback is made; the Oracle ends empty."""
    request_id = _unanswered(driver)
    before = driver.balances(driver.requester)

    driver.cancel(request_id)

    assert driver.outcome_of(request_id) == (True, INVALID)
    assert driver.callbacks() == []
    assert driver.balances(driver.requester) == before
    assert driver.credits(driver.requester) == {driver.requester: (0, VALIDITY_BOND_WEI + FEE_WEI)}
    driver.withdraw_credits(driver.requester)
    assert driver.balances()[driver.oracle] == (0, 0)


def test_cancel__one_second_before_max_open_period__reverts_still_open(
    driver: OracleDriver,
) -> None:
    request_id = _unanswered(driver, MAX_OPEN_PERIOD_S - 1)

    with driver.reverts("oracle: still open"):
        driver.cancel(request_id)

    assert driver.outcome_of(request_id) == (False, EMPTY)


def test_cancel__before_settlement__reverts_still_open(driver: OracleDriver) -> None:
    request_id = driver.create(settlement_time=driver.now_s + 10 * MAX_OPEN_PERIOD_S)
    driver.time_travel(2 * MAX_OPEN_PERIOD_S)

    with driver.reverts("oracle: still open"):
        driver.cancel(request_id)


def test_cancel__round0_bonded__reverts_already_bonded(driver: OracleDriver) -> None:
    request_id = driver.create()
    driver.bond_round0(request_id, YES)
    driver.time_travel(MAX_OPEN_PERIOD_S)

    with driver.reverts("oracle: already bonded"):
        driver.cancel(request_id)


def test_cancel__by_someone_else__reverts_not_requester(driver: OracleDriver) -> None:
    request_id = _unanswered(driver)

    with driver.reverts("oracle: not requester"):
        driver.cancel(request_id, caller=driver.anyone)


def test_cancel__twice__reverts_finalized(driver: OracleDriver) -> None:
    request_id = _unanswered(driver)
    driver.cancel(request_id)

    with driver.reverts("oracle: finalized"):
        driver.cancel(request_id)


def test_cancel__unknown_request__reverts(driver: OracleDriver) -> None:
    with driver.reverts("oracle: unknown request"):
        driver.cancel(3)


def test_cancel__with_partial_stakes__stakes_are_unstakeable_never_claimable(
    driver: OracleDriver,
) -> None:
    """Money flow: validator 40 FLX on YES and disputer 30 FLX on NO never filled B0; after
    the cancel both unstake exactly their stake; neither can claim."""
    request_id = driver.create()
    driver.stake(driver.validator, request_id, YES, 40 * FLX)
    driver.stake(driver.disputer, request_id, NO, 30 * FLX)
    driver.time_travel(MAX_OPEN_PERIOD_S)
    driver.cancel(request_id)
    before = driver.balances(driver.validator, driver.disputer)

    driver.unstake(driver.validator, request_id, 0, YES, 40 * FLX)
    driver.unstake(driver.disputer, request_id, 0, NO, 30 * FLX)

    after = driver.balances(driver.validator, driver.disputer)
    assert after[driver.validator][0] - before[driver.validator][0] == 40 * FLX
    assert after[driver.disputer][0] - before[driver.disputer][0] == 30 * FLX
    assert driver.claimable(request_id, driver.validator) == (0, 0)
    with driver.reverts("oracle: nothing to claim"):
        driver.claim(request_id, driver.validator)


def test_stake__cancelled__reverts_finalized(driver: OracleDriver) -> None:
    request_id = _unanswered(driver)
    driver.cancel(request_id)

    with driver.reverts("oracle: finalized"):
        driver.stake(driver.validator, request_id, YES, 10**20)
    with driver.reverts("oracle: finalized"):
        driver.finalize(request_id)
