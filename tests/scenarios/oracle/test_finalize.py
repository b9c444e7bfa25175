"""`finalize`: SPEC §4 Expiry and Validity bond, and the `on_outcome` callback it makes."""

from tests.harness.checks import delta
from tests.harness.game import (
    ARBITRATION_TIMEOUT_S,
    CHALLENGE_PERIOD_S,
    FEE_WEI,
    INVALID,
    NO,
    VALIDITY_BOND_WEI,
    YES,
)
from tests.harness.oracle_driver import OracleDriver

EMPTY = bytes(32)


def _window_end(driver: OracleDriver, request_id: int) -> int:
    return driver.round_info(request_id, driver.current_round(request_id))[2]


# --- expiry ---------------------------------------------------------------------------------


def test_finalize__round1_expired_unfilled__outcome_is_round0s(driver: OracleDriver) -> None:
    request_id = driver.create()
    driver.bond_round0(request_id, YES)
    driver.expire_window(request_id)

    driver.finalize(request_id)

    assert driver.outcome_of(request_id) == (True, YES)


def test_finalize__one_second_before_window_end__reverts_window_open(driver: OracleDriver) -> None:
    request_id = driver.create()
    driver.bond_round0(request_id, YES)
    driver.time_travel(_window_end(driver, request_id) - 1 - driver.now_s)
    before = driver.balances(driver.requester)

    with driver.reverts("oracle: window open"):
        driver.finalize(request_id)

    assert driver.balances(driver.requester) == before
    assert driver.outcome_of(request_id) == (False, EMPTY)


def test_finalize__exactly_at_window_end__finalizes(driver: OracleDriver) -> None:
    request_id = driver.create()
    driver.bond_round0(request_id, YES)
    driver.time_travel(_window_end(driver, request_id) - driver.now_s)

    driver.finalize(request_id)

    assert driver.outcome_of(request_id) == (True, YES)


def test_finalize__nothing_bonded_after_a_year__reverts_nothing_bonded(
    driver: OracleDriver,
) -> None:
    """Round 0 has no deadline: time alone never finalizes a request."""
    request_id = driver.create()
    driver.time_travel(365 * 24 * 3600)

    with driver.reverts("oracle: nothing bonded"):
        driver.finalize(request_id)


def test_finalize__partial_round0_only__reverts_nothing_bonded(driver: OracleDriver) -> None:
    request_id = driver.create()
    b0 = driver.round_info(request_id, 0)[0]
    driver.stake(driver.validator, request_id, YES, b0 - 1)
    driver.time_travel(365 * 24 * 3600)

    with driver.reverts("oracle: nothing bonded"):
        driver.finalize(request_id)


def test_finalize__after_two_disputes__latest_bonded_outcome(driver: OracleDriver) -> None:
    request_id = driver.create()
    b0 = driver.bond_round0(request_id, YES)
    driver.dispute(driver.disputer, request_id, NO, 2 * b0)
    driver.dispute(driver.counter_disputer, request_id, YES, 4 * b0)
    driver.expire_window(request_id)

    driver.finalize(request_id)

    assert driver.outcome_of(request_id) == (True, YES)


def test_finalize__dispute_unanswered__settles_on_the_dispute(driver: OracleDriver) -> None:
    """Round 1 bonds NO 100 s after round 0 bonded; round 2's window runs from that bond, so
    round 1's original end is still too early."""
    request_id = driver.create()
    b0 = driver.bond_round0(request_id, YES)
    driver.time_travel(100)
    driver.stake(driver.disputer, request_id, NO, 2 * b0)
    driver.time_travel(CHALLENGE_PERIOD_S - 100)
    with driver.reverts("oracle: window open"):
        driver.finalize(request_id)

    driver.time_travel(100)
    driver.finalize(request_id)

    assert driver.outcome_of(request_id) == (True, NO)


def test_finalize__partial_dispute_in_expired_round__ignored(driver: OracleDriver) -> None:
    """An unfilled round-1 stake does not change the outcome; it stays unstakeable."""
    request_id = driver.create()
    b0 = driver.bond_round0(request_id, YES)
    driver.dispute(driver.disputer, request_id, NO, 2 * b0 - 1)
    driver.expire_window(request_id)

    driver.finalize(request_id)

    assert driver.outcome_of(request_id) == (True, YES)


# --- validity bond --------------------------------------------------------------------------


def test_finalize__valid_outcome__validity_bond_credited_to_requester(driver: OracleDriver) -> None:
    """Money flow: creation pulled validity bond + fee = 10 + 5 fUSD; finalizing with YES
    moves no token but credits the 10 fUSD validity bond to the requester; its withdrawal
    (by anyone, paid to the requester) moves it; the 5 fUSD fee stays for claims."""
    request_id = driver.create()
    driver.bond_round0(request_id, YES)
    driver.expire_window(request_id)
    before = driver.balances(driver.requester)

    driver.finalize(request_id)

    assert driver.balances(driver.requester) == before
    assert driver.credits(driver.requester) == {driver.requester: (0, VALIDITY_BOND_WEI)}
    assert driver.withdraw(driver.usd, driver.requester) == VALIDITY_BOND_WEI
    after = driver.balances(driver.requester)
    assert delta(before, after, driver.requester) == (0, VALIDITY_BOND_WEI)
    assert after[driver.oracle][1] == before[driver.oracle][1] - VALIDITY_BOND_WEI == FEE_WEI
    assert after[driver.oracle][0] == before[driver.oracle][0]
    assert driver.credits(driver.requester) == {driver.requester: (0, 0)}


def test_finalize__invalid_outcome__validity_bond_stays_for_fee_pool(driver: OracleDriver) -> None:
    """Money flow: finalizing with INVALID moves nothing and credits nothing; the Oracle keeps
    fee + validity bond = 5 + 10 = 15 fUSD, the fee pool the INVALID staker claims."""
    request_id = driver.create()
    driver.bond_round0(request_id, INVALID)
    driver.expire_window(request_id)
    before = driver.balances(driver.requester)

    driver.finalize(request_id)

    assert driver.balances(driver.requester) == before
    assert driver.credits(driver.requester) == {driver.requester: (0, 0)}
    assert driver.outcome_of(request_id) == (True, INVALID)
    assert before[driver.oracle][1] == FEE_WEI + VALIDITY_BOND_WEI


# --- callback -------------------------------------------------------------------------------


def test_finalize__requester__receives_the_outcome_once(driver: OracleDriver) -> None:
    request_id = driver.create()
    driver.bond_round0(request_id, NO)
    driver.expire_window(request_id)

    driver.finalize(request_id)

    assert driver.callbacks() == [(driver.requester, request_id, NO)]


# --- rejections -----------------------------------------------------------------------------


def test_finalize__twice__reverts_finalized(driver: OracleDriver) -> None:
    """Money flow: the second finalize credits nothing more and calls nobody back."""
    request_id = driver.create()
    driver.bond_round0(request_id, YES)
    driver.expire_window(request_id)
    driver.finalize(request_id)
    before = driver.balances(driver.requester)

    with driver.reverts("oracle: finalized"):
        driver.finalize(request_id)

    assert driver.balances(driver.requester) == before
    assert driver.credits(driver.requester) == {driver.requester: (0, VALIDITY_BOND_WEI)}
    assert len(driver.callbacks()) == 1


def test_finalize__escalated_request__reverts_escalated(driver: OracleDriver) -> None:
    request_id = driver.create()
    driver.escalate(request_id)
    driver.time_travel(ARBITRATION_TIMEOUT_S - 1)

    with driver.reverts("oracle: escalated"):
        driver.finalize(request_id)


def test_finalize__unknown_request__reverts_unknown_request(driver: OracleDriver) -> None:
    with driver.reverts("oracle: unknown request"):
        driver.finalize(7)


def test_finalize__paused__reverts_without_paying(driver: OracleDriver) -> None:
    """Money flow: none; the paused finalization credits no validity bond."""
    request_id = driver.create()
    driver.bond_round0(request_id, YES)
    driver.expire_window(request_id)
    driver.pause()
    before = driver.balances(driver.requester)

    with driver.reverts("pausable: contract is paused"):
        driver.finalize(request_id)

    assert driver.balances(driver.requester) == before
    assert driver.credits(driver.requester) == {driver.requester: (0, 0)}
    assert driver.outcome_of(request_id) == (False, EMPTY)


def test_finalize__paused__reverts_before_unknown_request(driver: OracleDriver) -> None:
    driver.pause()

    with driver.reverts("pausable: contract is paused"):
        driver.finalize(0)


def test_finalize__unpaused_again__finalizes(driver: OracleDriver) -> None:
    request_id = driver.create()
    driver.bond_round0(request_id, YES)
    driver.expire_window(request_id)
    driver.pause()
    driver.unpause()

    driver.finalize(request_id)

    assert driver.outcome_of(request_id) == (True, YES)
