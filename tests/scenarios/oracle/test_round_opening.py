"""A round never takes a stake in the block (timestamp) that opened it (SPEC §4 Disputes), so
nobody can fill every round up to the arbitrator in one transaction, both sides their own."""

from tests.harness.game import FLX, NO, YES
from tests.harness.oracle_driver import OracleDriver


def test_escalate__one_round_per_block__reaches_the_arbitrator(driver: OracleDriver) -> None:
    """The ladder with each round in a later block still escalates: honest validators had a
    block in every round to take part."""
    request_id = driver.create()

    driver.escalate(request_id)

    assert driver.current_round(request_id) == 4
    assert driver.round_info(request_id, 4)[3:] == (YES, True)


def test_stake__partial_in_the_opening_block__reverts_round_just_opened(
    driver: OracleDriver,
) -> None:
    """Not even a partial stake: otherwise one transaction could pre-fill the next round to
    one wei short of its bond and top it up first thing in the next block."""
    request_id = driver.create()
    b0 = driver.bond_round0(request_id, YES)
    before = driver.balances(driver.disputer)

    with driver.reverts("oracle: round just opened"):
        driver.stake(driver.disputer, request_id, NO, 2 * b0 - 1)

    assert driver.balances(driver.disputer) == before
    driver.next_block()
    assert driver.stake(driver.disputer, request_id, NO, 2 * b0 - 1) == 2 * b0 - 1


def test_stake__round0__may_bond_at_settlement_in_any_block(driver: OracleDriver) -> None:
    """Round 0 opens at settlement time and has no opening block to wait for."""
    request_id = driver.create()

    assert driver.stake(driver.validator, request_id, YES, 100 * FLX) == 100 * FLX
