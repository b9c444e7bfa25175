"""`arbitrate`: SPEC §4 Escalation, Treasury and Validity bond.

Unless a test says otherwise, an escalated request runs `escalate`'s five rounds (B0 = 100 FLX,
threshold 1 600 FLX): validator bonds YES in round 0 (B0), disputer NO in round 1 (2·B0),
counter_disputer YES in round 2 (4·B0), disputer NO in round 3 (8·B0), counter_disputer YES in
round 4 (16·B0 ≥ threshold). YES rounds hold 21·B0 (validator B0, counter_disputer 20·B0), NO
rounds 10·B0 (disputer).
"""

import pytest

from fluxo.domain.outcome import categorical
from tests.harness.checks import delta, payout
from tests.harness.game import (
    FEE_WEI,
    FLX,
    INVALID,
    MIN_BOND_WEI,
    NO,
    VALIDITY_BOND_WEI,
    YES,
)
from tests.harness.oracle_driver import MakeDriver, OracleDriver

MAYBE = categorical(2)  # the third outcome of a three-outcome request
EMPTY = bytes(32)


def _assert_nothing_to_claim(driver: OracleDriver, request_id: int, *accounts: str) -> None:
    for account in accounts:
        assert driver.claimable(request_id, account) == (0, 0)
        with driver.reverts("oracle: nothing to claim"):
            driver.claim(request_id, account)


# --- escalation -----------------------------------------------------------------------------


def test_stake__round4_bond_reaches_threshold__escalates(driver: OracleDriver) -> None:
    request_id = driver.create()
    b0 = driver.bond_round0(request_id, YES)
    driver.dispute(driver.disputer, request_id, NO, 2 * b0)
    driver.dispute(driver.counter_disputer, request_id, YES, 4 * b0)
    driver.dispute(driver.disputer, request_id, NO, 8 * b0)
    assert driver.current_round(request_id) == 4

    driver.dispute(driver.counter_disputer, request_id, YES, 16 * b0)

    assert driver.current_round(request_id) == 4
    assert driver.round_info(request_id, 4)[3:] == (YES, True)
    with driver.reverts("oracle: escalated"):
        driver.finalize(request_id)


# --- who may arbitrate ----------------------------------------------------------------------


@pytest.mark.parametrize("role", ["owner", "stranger", "validator", "treasury"])
def test_arbitrate__not_the_arbitrator__reverts_not_arbitrator(
    driver: OracleDriver, role: str
) -> None:
    request_id = driver.create()
    driver.escalate(request_id)

    with driver.reverts("oracle: not arbitrator"):
        driver.arbitrate(request_id, YES, caller=getattr(driver, role))

    assert driver.outcome_of(request_id) == (False, EMPTY)


def test_arbitrate__the_arbitrator__finalizes_and_calls_back(driver: OracleDriver) -> None:
    request_id = driver.create()
    driver.escalate(request_id)

    driver.arbitrate(request_id, NO)

    assert driver.outcome_of(request_id) == (True, NO)
    assert driver.callbacks() == [(driver.requester, request_id, NO)]


def test_arbitrate__arbitrator_replaced_after_creation__snapshot_arbitrator_decides(
    driver: OracleDriver,
) -> None:
    request_id = driver.create()
    driver.set_config(final_arbitrator=driver.stranger)
    driver.escalate(request_id)

    with driver.reverts("oracle: not arbitrator"):
        driver.arbitrate(request_id, YES, caller=driver.stranger)
    driver.arbitrate(request_id, NO, caller=driver.arbitrator)

    assert driver.outcome_of(request_id) == (True, NO)


# --- preconditions --------------------------------------------------------------------------


def test_arbitrate__nothing_bonded__reverts_not_escalated(driver: OracleDriver) -> None:
    request_id = driver.create()

    with driver.reverts("oracle: not escalated"):
        driver.arbitrate(request_id, YES)


def test_arbitrate__disputable_below_threshold__reverts_not_escalated(
    driver: OracleDriver,
) -> None:
    request_id = driver.create()
    b0 = driver.bond_round0(request_id, YES)
    driver.dispute(driver.disputer, request_id, NO, 2 * b0)
    before = driver.balances(driver.treasury, driver.requester)

    with driver.reverts("oracle: not escalated"):
        driver.arbitrate(request_id, YES)

    assert driver.balances(driver.treasury, driver.requester) == before


def test_arbitrate__outcome_out_of_range__reverts_invalid_outcome(driver: OracleDriver) -> None:
    request_id = driver.create()
    driver.escalate(request_id)

    with driver.reverts("oracle: invalid outcome"):
        driver.arbitrate(request_id, categorical(2))

    assert driver.outcome_of(request_id) == (False, EMPTY)


def test_arbitrate__unknown_request__reverts_unknown_request(driver: OracleDriver) -> None:
    with driver.reverts("oracle: unknown request"):
        driver.arbitrate(3, YES)


def test_arbitrate__unknown_request__reverts_before_arbitrator_check(driver: OracleDriver) -> None:
    request_id = driver.create()
    driver.escalate(request_id)

    with driver.reverts("oracle: unknown request"):
        driver.arbitrate(request_id + 1, NO, caller=driver.stranger)


def test_arbitrate__twice__reverts_finalized(driver: OracleDriver) -> None:
    request_id = driver.create()
    driver.escalate(request_id)
    driver.arbitrate(request_id, YES)

    with driver.reverts("oracle: finalized"):
        driver.arbitrate(request_id, NO)

    assert driver.outcome_of(request_id) == (True, YES)
    assert len(driver.callbacks()) == 1


def test_arbitrate__stranger_on_arbitrated_request__reverts_not_arbitrator(
    driver: OracleDriver,
) -> None:
    request_id = driver.create()
    driver.escalate(request_id)
    driver.arbitrate(request_id, NO)

    with driver.reverts("oracle: not arbitrator"):
        driver.arbitrate(request_id, YES, caller=driver.stranger)


def test_arbitrate__finalized_normally__reverts_finalized(driver: OracleDriver) -> None:
    request_id = driver.create()
    driver.bond_round0(request_id, YES)
    driver.expire_window(request_id)
    driver.finalize(request_id)

    with driver.reverts("oracle: finalized"):
        driver.arbitrate(request_id, NO)


def test_finalize__after_arbitration__reverts_finalized(driver: OracleDriver) -> None:
    request_id = driver.create()
    driver.escalate(request_id)
    driver.arbitrate(request_id, YES)

    with driver.reverts("oracle: finalized"):
        driver.finalize(request_id)


def test_arbitrate__paused__reverts_without_paying(driver: OracleDriver) -> None:
    """Money flow: none; the paused arbitration credits neither requester nor treasury."""
    request_id = driver.create()
    driver.escalate(request_id)
    driver.pause()
    before = driver.balances(driver.requester, driver.treasury)

    with driver.reverts("pausable: contract is paused"):
        driver.arbitrate(request_id, YES)

    assert driver.balances(driver.requester, driver.treasury) == before
    assert driver.credits(driver.requester, driver.treasury) == {
        driver.requester: (0, 0),
        driver.treasury: (0, 0),
    }
    assert driver.outcome_of(request_id) == (False, EMPTY)


# --- bonded outcomes: correct rounds are paid -----------------------------------------------


def test_arbitrate__bonded_outcome_yes__yes_rounds_paid(driver: OracleDriver) -> None:
    """Money flow: YES wins; correct = B0 + 4·B0 + 16·B0 = 21·B0, incorrect = 2·B0 + 8·B0 =
    10·B0, fee pool = 5 fUSD. validator (B0): B0 + B0·10·B0 // 21·B0 FLX, B0·5 // 21·B0 fUSD;
    counter_disputer (20·B0): 20·B0 + 20·B0·10·B0 // 21·B0, 20·B0·5 // 21·B0. The requester
    gets its 10 fUSD validity bond back; the treasury nothing; disputer has nothing to claim."""
    request_id = driver.create()
    b0 = driver.escalate(request_id)
    accounts = (driver.validator, driver.counter_disputer, driver.treasury, driver.requester)
    before = driver.balances(*accounts)

    driver.arbitrate(request_id, YES)
    paid_validator = driver.claim(request_id, driver.validator)
    paid_counter = driver.claim(request_id, driver.counter_disputer)
    assert driver.credits(driver.treasury) == {driver.treasury: (0, 0)}
    driver.withdraw_credits(driver.requester)

    after = driver.balances(*accounts)
    assert paid_validator == payout(b0, 21 * b0, 10 * b0, FEE_WEI)
    assert paid_counter == payout(20 * b0, 21 * b0, 10 * b0, FEE_WEI)
    assert delta(before, after, driver.validator) == paid_validator
    assert delta(before, after, driver.counter_disputer) == paid_counter
    assert delta(before, after, driver.requester) == (0, VALIDITY_BOND_WEI)
    assert after[driver.treasury] == before[driver.treasury]
    assert after[driver.oracle][0] <= 2  # floor dust, at most 1 wei per claim
    assert after[driver.oracle][1] <= 2
    _assert_nothing_to_claim(driver, request_id, driver.disputer)


def test_arbitrate__bonded_outcome_no__no_rounds_paid(driver: OracleDriver) -> None:
    """Money flow: NO wins; disputer alone holds the correct rounds 1 and 3 (10·B0) and takes
    10·B0 + 21·B0 = 31·B0 FLX and the whole 5 fUSD fee; the requester is credited its
    10 fUSD validity bond and withdraws it; the treasury gets nothing."""
    request_id = driver.create()
    b0 = driver.escalate(request_id)
    before = driver.balances(driver.disputer, driver.requester, driver.treasury)

    driver.arbitrate(request_id, NO)
    assert driver.credits(driver.requester) == {driver.requester: (0, VALIDITY_BOND_WEI)}
    paid = driver.claim(request_id, driver.disputer)
    driver.withdraw_credits(driver.requester)

    after = driver.balances(driver.disputer, driver.requester, driver.treasury)
    assert paid == (31 * b0, FEE_WEI)
    assert delta(before, after, driver.disputer) == (31 * b0, FEE_WEI)
    assert delta(before, after, driver.requester) == (0, VALIDITY_BOND_WEI)
    assert after[driver.treasury] == before[driver.treasury]
    assert after[driver.oracle] == (0, 0)
    _assert_nothing_to_claim(driver, request_id, driver.validator, driver.counter_disputer)


def test_arbitrate__two_round_escalation__winner_takes_the_slashed_bond(
    make_driver: MakeDriver,
) -> None:
    """Threshold 2·B0: validator bonds YES (B0), disputer NO (2·B0) and escalates a
    three-outcome request. Money flow: NO wins; disputer claims 2·B0 + 2·B0·B0 // 2·B0 = 3·B0
    FLX and 2·B0·5 // 2·B0 = 5 fUSD; the requester is credited 10 fUSD; the Oracle ends
    empty."""
    driver = make_driver(arbitration_threshold=2 * MIN_BOND_WEI)
    request_id = driver.create(outcomes=("No", "Yes", "Maybe"))
    b0 = driver.bond_round0(request_id, YES)
    driver.dispute(driver.disputer, request_id, NO, 2 * b0)
    before = driver.balances(driver.disputer, driver.requester)

    driver.arbitrate(request_id, NO)

    assert driver.outcome_of(request_id) == (True, NO)
    assert driver.callbacks() == [(driver.requester, request_id, NO)]
    assert driver.withdrawable(driver.usd, driver.requester) == VALIDITY_BOND_WEI
    assert driver.withdraw(driver.usd, driver.requester) == VALIDITY_BOND_WEI
    assert driver.claim(request_id, driver.disputer) == (3 * b0, FEE_WEI)
    after = driver.balances(driver.disputer, driver.requester)
    assert delta(before, after, driver.disputer) == (3 * b0, FEE_WEI)
    assert delta(before, after, driver.requester) == (0, VALIDITY_BOND_WEI)
    assert after[driver.oracle] == (0, 0)
    _assert_nothing_to_claim(driver, request_id, driver.validator)


def test_arbitrate__bonded_invalid__validity_bond_joins_fee_pool(driver: OracleDriver) -> None:
    """Money flow: INVALID bonded rounds 1 and 3 (disputer, 10·B0); arbitrated INVALID keeps
    the validity bond: disputer takes 31·B0 FLX and fee + validity bond = 15 fUSD; the
    requester gets nothing back."""
    request_id = driver.create()
    b0 = driver.escalate(request_id, a=YES, b=INVALID)
    before = driver.balances(driver.disputer, driver.requester)

    driver.arbitrate(request_id, INVALID)
    paid = driver.claim(request_id, driver.disputer)

    after = driver.balances(driver.disputer, driver.requester)
    assert paid == (31 * b0, FEE_WEI + VALIDITY_BOND_WEI)
    assert delta(before, after, driver.disputer) == (31 * b0, FEE_WEI + VALIDITY_BOND_WEI)
    assert after[driver.requester] == before[driver.requester]
    assert driver.credits(driver.requester) == {driver.requester: (0, 0)}
    assert after[driver.oracle] == (0, 0)


# --- unbonded outcomes: the treasury takes everything ---------------------------------------


def test_arbitrate__invalid_never_bonded__treasury_takes_bonds_and_fee_pool(
    driver: OracleDriver,
) -> None:
    """Money flow: no round bonded INVALID, so nobody can claim. At once the treasury is
    credited every bond B0·(2^5 − 1) = 31·B0 = 3 100 FLX and the fee pool fee + validity
    bond = 5 + 10 = 15 fUSD, which it withdraws; the requester gets nothing back; the Oracle
    ends empty. The requester is still called back with INVALID."""
    request_id = driver.create()
    b0 = driver.escalate(request_id)
    before = driver.balances(driver.treasury, driver.requester)

    driver.arbitrate(request_id, INVALID)

    assert driver.callbacks() == [(driver.requester, request_id, INVALID)]
    assert driver.balances(driver.treasury, driver.requester) == before
    assert driver.credits(driver.treasury, driver.requester) == {
        driver.treasury: (31 * b0, FEE_WEI + VALIDITY_BOND_WEI),
        driver.requester: (0, 0),
    }
    driver.withdraw_credits(driver.treasury)
    after = driver.balances(driver.treasury, driver.requester)
    assert delta(before, after, driver.treasury) == (31 * b0, FEE_WEI + VALIDITY_BOND_WEI)
    assert after[driver.requester] == before[driver.requester]
    assert after[driver.oracle] == (0, 0)
    _assert_nothing_to_claim(
        driver, request_id, driver.validator, driver.disputer, driver.counter_disputer
    )


def test_arbitrate__fresh_categorical_outcome__treasury_takes_bonds_and_fee(
    driver: OracleDriver,
) -> None:
    """Money flow: a three-outcome request escalates between No and Yes; the arbitrator rules
    Maybe, which no round bonded. Treasury is credited 31·B0 FLX and the 5 fUSD fee; the
    outcome is not INVALID, so the requester is credited its 10 fUSD validity bond; both
    withdraw; the Oracle ends empty."""
    request_id = driver.create(outcomes=("No", "Yes", "Maybe"))
    b0 = driver.escalate(request_id)
    before = driver.balances(driver.treasury, driver.requester)

    driver.arbitrate(request_id, MAYBE)
    driver.withdraw_credits(driver.treasury, driver.requester)

    after = driver.balances(driver.treasury, driver.requester)
    assert delta(before, after, driver.treasury) == (31 * b0, FEE_WEI)
    assert delta(before, after, driver.requester) == (0, VALIDITY_BOND_WEI)
    assert after[driver.oracle] == (0, 0)
    assert driver.outcome_of(request_id) == (True, MAYBE)
    _assert_nothing_to_claim(
        driver, request_id, driver.validator, driver.disputer, driver.counter_disputer
    )


def test_arbitrate__bonded_outcome__treasury_gets_nothing(driver: OracleDriver) -> None:
    request_id = driver.create()
    driver.escalate(request_id)
    before = driver.balances(driver.treasury)

    driver.arbitrate(request_id, YES)

    assert driver.balances(driver.treasury)[driver.treasury] == before[driver.treasury]
    assert driver.credits(driver.treasury) == {driver.treasury: (0, 0)}


def test_arbitrate__partial_stake_in_escalated_round__is_not_swept(make_driver: MakeDriver) -> None:
    """Threshold 2·B0. counter_disputer puts 30 FLX on MAYBE in round 1 before NO fills it;
    the arbitrator rules YES, which bonded round 0, so the treasury gets nothing. Money flow:
    validator claims B0 + B0·2·B0 // B0 = 3·B0; the 30 FLX never bonded and go back to the
    counter_disputer by unstake; the Oracle ends with no FLX."""
    driver = make_driver(arbitration_threshold=2 * MIN_BOND_WEI)
    request_id = driver.create(outcomes=("No", "Yes", "Maybe"))
    b0 = driver.bond_round0(request_id, YES)
    before = driver.balances(driver.counter_disputer, driver.treasury)
    driver.dispute(driver.counter_disputer, request_id, MAYBE, 30 * FLX)
    driver.dispute(driver.disputer, request_id, NO, 2 * b0)

    driver.arbitrate(request_id, YES)

    assert driver.credits(driver.treasury) == {driver.treasury: (0, 0)}
    assert driver.claim(request_id, driver.validator)[0] == 3 * b0
    driver.unstake(driver.counter_disputer, request_id, 1, MAYBE, 30 * FLX)
    after = driver.balances(driver.counter_disputer, driver.treasury)
    assert after[driver.counter_disputer] == before[driver.counter_disputer]
    assert after[driver.treasury] == before[driver.treasury]
    assert after[driver.oracle][0] == 0
