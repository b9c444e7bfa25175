"""docs/SPEC.md §6, the worked example, step by step."""

from tests.harness.game import FLX, NO, STAKER_FLX, USD, VALIDITY_BOND_WEI, YES
from tests.harness.oracle_driver import OracleDriver


def test_spec_worked_example__crowdfunded_round0_dispute_counter__pays_as_documented(
    driver: OracleDriver,
) -> None:
    """Money flow (FLX): B0 = 100 · 15 000 / 10 000 = 150. Round 0 Yes = validator 100 +
    validator_2 50 (offered 80); round 1 No = disputer 300; round 2 Yes = counter_disputer 600;
    40 on No in round 3 never fills. total_correct = 750, total_incorrect = 300, fee pool 30:
    validator 140 + 4, validator_2 70 + 2, counter_disputer 840 + 24; the requester is credited
    its 10 fUSD validity bond and withdraws it; the 40 FLX stake is returned by unstake. Each
    dispute comes at least one block after the round it disputes opened."""
    requester = driver.add_requester(multiplier_bps=15_000)
    validator_2 = driver.new_account("validator_2")
    driver.fund(validator_2, flx_wei=STAKER_FLX)
    request_id = driver.create(requester=requester, fee=30 * USD)
    stakers = (driver.validator, validator_2, driver.disputer, driver.counter_disputer)
    before = driver.balances(*stakers, requester)

    assert driver.stake(driver.validator, request_id, YES, 100 * FLX) == 100 * FLX
    assert driver.stake(validator_2, request_id, YES, 80 * FLX) == 50 * FLX
    assert driver.dispute(driver.disputer, request_id, NO, 300 * FLX) == 300 * FLX
    assert driver.dispute(driver.counter_disputer, request_id, YES, 600 * FLX) == 600 * FLX
    assert driver.dispute(driver.disputer, request_id, NO, 40 * FLX) == 40 * FLX
    driver.expire_window(request_id)
    driver.finalize(request_id)
    driver.withdraw_credits(requester)
    paid = {a: driver.claim(request_id, a) for a in stakers[:2] + stakers[3:]}
    driver.unstake(driver.disputer, request_id, 3, NO, 40 * FLX)

    assert [driver.round_info(request_id, r)[0] for r in range(4)] == [
        150 * FLX,
        300 * FLX,
        600 * FLX,
        1_200 * FLX,
    ]
    assert driver.outcome_of(request_id) == (True, YES)
    assert paid == {
        driver.validator: (140 * FLX, 4 * USD),
        validator_2: (70 * FLX, 2 * USD),
        driver.counter_disputer: (840 * FLX, 24 * USD),
    }
    after = driver.balances(*stakers, requester)
    net_flx = {k: after[k][0] - before[k][0] for k in after}
    assert net_flx[driver.validator] == 40 * FLX
    assert net_flx[validator_2] == 20 * FLX
    assert net_flx[driver.counter_disputer] == 240 * FLX
    assert net_flx[driver.disputer] == -300 * FLX
    assert after[requester][1] - before[requester][1] == VALIDITY_BOND_WEI
    # The only request is settled: every FLX and fUSD it brought in has left the Oracle.
    assert after[driver.oracle] == (0, 0)
