"""`claim`, `claimable`, `staked`: SPEC §4 Claims.

An account's correct stake c pays c + c·total_incorrect // total_correct stake tokens and
c·fee_pool // total_correct payment tokens (fee_pool = fee, plus the validity bond on INVALID).
"""

from fractions import Fraction

from tests.harness.checks import delta, payout
from tests.harness.game import FEE_WEI, FLX, INVALID, NO, STAKER_FLX, VALIDITY_BOND_WEI, YES
from tests.harness.oracle_driver import MakeDriver, OracleDriver


def _dust(correct: int, total_correct: int, amount: int) -> Fraction:
    """What floor division leaves behind of `correct`'s exact share of `amount`."""
    exact = Fraction(correct * amount, total_correct)
    return exact - correct * amount // total_correct


def _finalize(driver: OracleDriver, request_id: int) -> None:
    """Expire the window, finalize, and let the requester withdraw its validity bond (it is
    credited, not sent), so the Oracle's balance holds only what the claims will pay."""
    driver.expire_window(request_id)
    driver.finalize(request_id)
    driver.withdraw_credits(driver.requester)


def _dispute_once(driver: OracleDriver) -> tuple[int, int]:
    """validator bonds YES (B0), disputer NO (2·B0), window expires: NO is final."""
    request_id = driver.create()
    b0 = driver.bond_round0(request_id, YES)
    driver.dispute(driver.disputer, request_id, NO, 2 * b0)
    _finalize(driver, request_id)
    return request_id, b0


def _three_rounds(driver: OracleDriver) -> tuple[int, int]:
    """validator YES (B0), disputer NO (2·B0), counter_disputer YES (4·B0): YES is final."""
    request_id = driver.create()
    b0 = driver.bond_round0(request_id, YES)
    driver.dispute(driver.disputer, request_id, NO, 2 * b0)
    driver.dispute(driver.counter_disputer, request_id, YES, 4 * b0)
    _finalize(driver, request_id)
    return request_id, b0


def _undisputed(driver: OracleDriver, outcome: bytes = YES) -> tuple[int, int]:
    request_id = driver.create()
    b0 = driver.bond_round0(request_id, outcome)
    _finalize(driver, request_id)
    return request_id, b0


def _crowdfunded_dispute(make_driver: MakeDriver) -> tuple[OracleDriver, int]:
    """B0 = 100 wei, fee 7 wei. Validator bonds YES (100); disputer 133 + counter_disputer 67
    bond NO (200); round 2 expires unfilled, so NO is final."""
    driver = make_driver(min_bond=100)
    request_id = driver.create(fee=7)
    driver.stake(driver.validator, request_id, YES, 100)
    driver.next_block()
    driver.stake(driver.disputer, request_id, NO, 133)
    driver.stake(driver.counter_disputer, request_id, NO, 67)
    _finalize(driver, request_id)
    return driver, request_id


# --- payouts --------------------------------------------------------------------------------


def test_claim__undisputed_single_round__bond_and_whole_fee(driver: OracleDriver) -> None:
    """Money flow: validator staked B0 = 100 FLX; correct = B0, incorrect = 0, fee pool =
    5 fUSD. Claim pays B0 + 0 = 100 FLX and 5 fUSD; the Oracle ends empty (the validity bond
    was credited to the requester at finalization and withdrawn)."""
    request_id, b0 = _undisputed(driver)
    before = driver.balances(driver.validator)

    paid = driver.claim(request_id, driver.validator)

    after = driver.balances(driver.validator)
    assert paid == (b0, FEE_WEI)
    assert delta(before, after, driver.validator) == (b0, FEE_WEI)
    assert delta(before, after, driver.oracle) == (-b0, -FEE_WEI)
    assert after[driver.oracle] == (0, 0)


def test_claim__two_rounds_disputer_wins__disputer_takes_slashed_bond(
    driver: OracleDriver,
) -> None:
    """Money flow: correct = 2·B0 (disputer), incorrect = B0 (validator). Disputer claims
    2·B0 + 2·B0·B0 // 2·B0 = 3·B0 = 300 FLX and 2·B0·5 // 2·B0 = 5 fUSD."""
    request_id, b0 = _dispute_once(driver)
    before = driver.balances(driver.disputer)

    paid = driver.claim(request_id, driver.disputer)

    after = driver.balances(driver.disputer)
    assert paid == (3 * b0, FEE_WEI)
    assert delta(before, after, driver.disputer) == (3 * b0, FEE_WEI)
    assert after[driver.oracle] == (0, 0)


def test_claim__two_rounds_validator_slashed__reverts_nothing_to_claim(
    driver: OracleDriver,
) -> None:
    request_id, _ = _dispute_once(driver)
    before = driver.balances(driver.validator)

    with driver.reverts("oracle: nothing to claim"):
        driver.claim(request_id, driver.validator)

    assert driver.balances(driver.validator) == before


def test_claim__three_rounds__correct_rounds_share_slashed_bond_pro_rata(
    driver: OracleDriver,
) -> None:
    """Money flow: correct = B0 + 4·B0 = 500 FLX (validator 100, counter_disputer 400),
    incorrect = 2·B0 = 200 FLX (disputer), fee 5 fUSD.
    validator: 100 + 100·200 // 500 = 140 FLX, 100·5 // 500 = 1 fUSD;
    counter_disputer: 400 + 400·200 // 500 = 560 FLX, 400·5 // 500 = 4 fUSD.
    140 + 560 = 700 = every bond; the Oracle ends empty."""
    request_id, b0 = _three_rounds(driver)
    before = driver.balances(driver.validator, driver.counter_disputer)

    paid_validator = driver.claim(request_id, driver.validator)
    paid_counter = driver.claim(request_id, driver.counter_disputer)

    after = driver.balances(driver.validator, driver.counter_disputer)
    assert paid_validator == (b0 + b0 * 2 // 5, FEE_WEI // 5) == (140 * FLX, 1 * 10**18)
    assert paid_counter == (4 * b0 + 4 * b0 * 2 // 5, 4 * FEE_WEI // 5)
    assert delta(before, after, driver.validator) == paid_validator
    assert delta(before, after, driver.counter_disputer) == paid_counter
    assert after[driver.oracle] == (0, 0)
    with driver.reverts("oracle: nothing to claim"):
        driver.claim(request_id, driver.disputer)


def test_claim__crowdfunded_correct_round__pro_rata_with_floor_dust(driver: OracleDriver) -> None:
    """Money flow: validator bonds NO in round 0 (B0 = 100 FLX); round 1 (2·B0 = 200 FLX)
    is crowdfunded on YES by disputer 70 FLX + 1 wei, counter_disputer 70 FLX + 1 wei and
    anyone 60 FLX − 2 wei; YES is final. correct = 200 FLX, incorrect = 100 FLX, fee 5 fUSD.
    Each pays c + c·100 // 200 FLX and c·5 // 200 fUSD; floor division leaves < 1 wei per
    claim and token, and the Oracle's residue is exactly the sum of those fractions
    (here 1/2 + 1/2 + 0 = 1 wei FLX and 1/40 + 1/40 + 38/40 = 1 wei fUSD)."""
    driver.fund(driver.anyone, flx_wei=STAKER_FLX)
    request_id = driver.create()
    b0 = driver.bond_round0(request_id, NO)
    shares = {
        driver.disputer: 70 * FLX + 1,
        driver.counter_disputer: 70 * FLX + 1,
        driver.anyone: 60 * FLX - 2,
    }
    driver.next_block()
    for staker, amount in shares.items():
        driver.stake(staker, request_id, YES, amount)
    assert driver.round_info(request_id, 1)[3:] == (YES, True)
    _finalize(driver, request_id)
    total_correct, total_incorrect = 2 * b0, b0
    before = driver.balances(*shares)

    paid = {staker: driver.claim(request_id, staker) for staker in shares}

    after = driver.balances(*shares)
    for staker, amount in shares.items():
        assert paid[staker] == payout(amount, total_correct, total_incorrect, FEE_WEI)
        assert delta(before, after, staker) == paid[staker]
    stake_dust = sum(_dust(c, total_correct, total_incorrect) for c in shares.values())
    fee_dust = sum(_dust(c, total_correct, FEE_WEI) for c in shares.values())
    assert all(_dust(c, total_correct, total_incorrect) < 1 for c in shares.values())
    assert all(_dust(c, total_correct, FEE_WEI) < 1 for c in shares.values())
    assert after[driver.oracle] == (stake_dust, fee_dust) == (1, 1)


def test_claim__crowdfunded_dispute_in_wei__pays_pro_rata_floored(make_driver: MakeDriver) -> None:
    """Money flow (correct 200, incorrect 100, fee 7, all wei):
    disputer         133 + 133·100 // 200 = 133 + 66 = 199 stake, 133·7 // 200 = 4 payment;
    counter_disputer  67 +  67·100 // 200 =  67 + 33 = 100 stake,  67·7 // 200 = 2 payment;
    the Oracle keeps 1 stake-token wei and 1 payment-token wei of rounding dust."""
    driver, request_id = _crowdfunded_dispute(make_driver)
    before = driver.balances(driver.disputer, driver.counter_disputer)
    assert before[driver.oracle] == (300, 7)

    assert driver.claim(request_id, driver.disputer) == (199, 4)
    assert driver.claim(request_id, driver.counter_disputer) == (100, 2)

    after = driver.balances(driver.disputer, driver.counter_disputer)
    assert delta(before, after, driver.disputer) == (199, 4)
    assert delta(before, after, driver.counter_disputer) == (100, 2)
    assert after[driver.oracle] == (1, 1)
    with driver.reverts("oracle: nothing to claim"):
        driver.claim(request_id, driver.validator)


def test_claim__crowdfunded_dispute_in_wei__claim_zeroes_only_the_claimers_views(
    make_driver: MakeDriver,
) -> None:
    """Only the claimed correct stake is zeroed; the validator's slashed 100 still reads."""
    driver, request_id = _crowdfunded_dispute(make_driver)
    assert driver.claimable(request_id, driver.disputer) == (199, 4)
    assert driver.staked(request_id, 1, driver.disputer, NO) == 133

    driver.claim(request_id, driver.disputer)

    assert driver.claimable(request_id, driver.disputer) == (0, 0)
    assert driver.staked(request_id, 1, driver.disputer, NO) == 0
    assert driver.staked(request_id, 1, driver.counter_disputer, NO) == 67
    assert driver.staked(request_id, 0, driver.validator, YES) == 100


def test_claim__final_invalid__fee_pool_includes_validity_bond(driver: OracleDriver) -> None:
    """Money flow: validator bonds INVALID (B0); fee pool = fee + validity bond = 5 + 10 =
    15 fUSD. Claim pays B0 FLX and 15 fUSD; the requester gets nothing back; the Oracle ends
    empty."""
    request_id, b0 = _undisputed(driver, INVALID)
    before = driver.balances(driver.validator, driver.requester)

    paid = driver.claim(request_id, driver.validator)

    after = driver.balances(driver.validator, driver.requester)
    assert paid == (b0, FEE_WEI + VALIDITY_BOND_WEI)
    assert delta(before, after, driver.validator) == (b0, FEE_WEI + VALIDITY_BOND_WEI)
    assert delta(before, after, driver.requester) == (0, 0)
    assert after[driver.oracle] == (0, 0)


def test_claim__stake_in_unfilled_round__neither_slashed_nor_rewarded(
    driver: OracleDriver,
) -> None:
    """The counter_disputer's 50 FLX on NO in round 1 never fills and YES is final. Money
    flow: validator claims B0 + 0 FLX and the 5 fUSD fee; the counter_disputer has nothing to
    claim and unstakes its 50 FLX; the Oracle ends with no FLX."""
    request_id = driver.create()
    b0 = driver.bond_round0(request_id, YES)
    before = driver.balances(driver.counter_disputer)
    driver.dispute(driver.counter_disputer, request_id, NO, 50 * FLX)
    _finalize(driver, request_id)

    assert driver.claim(request_id, driver.validator) == (b0, FEE_WEI)
    with driver.reverts("oracle: nothing to claim"):
        driver.claim(request_id, driver.counter_disputer)
    driver.unstake(driver.counter_disputer, request_id, 1, NO, 50 * FLX)
    after = driver.balances(driver.counter_disputer)
    assert after[driver.counter_disputer] == before[driver.counter_disputer]
    assert after[driver.oracle][0] == 0


# --- who claims, how often ------------------------------------------------------------------


def test_claim__by_a_stranger__pays_the_account(driver: OracleDriver) -> None:
    """Money flow: stranger calls claim for validator: validator +B0 FLX +5 fUSD; stranger
    +0."""
    request_id, b0 = _undisputed(driver)
    before = driver.balances(driver.validator, driver.stranger)

    driver.claim(request_id, driver.validator, caller=driver.stranger)

    after = driver.balances(driver.validator, driver.stranger)
    assert delta(before, after, driver.validator) == (b0, FEE_WEI)
    assert delta(before, after, driver.stranger) == (0, 0)


def test_claim__second_time__reverts_nothing_to_claim(driver: OracleDriver) -> None:
    request_id, _ = _undisputed(driver)
    driver.claim(request_id, driver.validator)
    before = driver.balances(driver.validator)

    with driver.reverts("oracle: nothing to claim"):
        driver.claim(request_id, driver.validator)

    assert driver.balances(driver.validator) == before


def test_claim__second_time_crowdfunded__reverts_nothing_to_claim(driver: OracleDriver) -> None:
    request_id = driver.create()
    b0 = driver.round_info(request_id, 0)[0]
    driver.stake(driver.validator, request_id, YES, b0 // 2)
    driver.stake(driver.disputer, request_id, YES, b0 // 2)
    _finalize(driver, request_id)
    driver.claim(request_id, driver.validator)
    before = driver.balances(driver.validator)

    with driver.reverts("oracle: nothing to claim"):
        driver.claim(request_id, driver.validator)

    assert driver.balances(driver.validator) == before
    assert driver.claim(request_id, driver.disputer) == (b0 // 2, FEE_WEI // 2)


def test_claim__never_staked__reverts_nothing_to_claim(driver: OracleDriver) -> None:
    request_id, _ = _undisputed(driver)

    with driver.reverts("oracle: nothing to claim"):
        driver.claim(request_id, driver.stranger)


def test_claim__window_still_open__reverts_not_finalized(driver: OracleDriver) -> None:
    request_id = driver.create()
    driver.bond_round0(request_id, YES)
    before = driver.balances(driver.validator)

    with driver.reverts("oracle: not finalized"):
        driver.claim(request_id, driver.validator)

    assert driver.balances(driver.validator) == before


def test_claim__unknown_request__reverts_unknown_request(driver: OracleDriver) -> None:
    with driver.reverts("oracle: unknown request"):
        driver.claim(9, driver.validator)


def test_claim__paused__pays(driver: OracleDriver) -> None:
    """Money flow: the validator's round-0 bond on the final YES is returned with the whole
    fee while the Oracle is paused."""
    request_id = driver.create()
    b0 = driver.bond_round0(request_id, YES)
    driver.expire_window(request_id)
    driver.finalize(request_id)
    driver.pause()
    before = driver.balances(driver.validator)

    paid = driver.claim(request_id, driver.validator)

    after = driver.balances(driver.validator)
    assert paid == (b0, FEE_WEI)
    assert delta(before, after, driver.validator) == (b0, FEE_WEI)
    assert delta(before, after, driver.oracle) == (-b0, -FEE_WEI)


# --- views ----------------------------------------------------------------------------------


def test_claimable__before_finalization__zero(driver: OracleDriver) -> None:
    request_id = driver.create()
    driver.bond_round0(request_id, YES)

    assert driver.claimable(request_id, driver.validator) == (0, 0)
    driver.expire_window(request_id)
    assert driver.claimable(request_id, driver.validator) == (0, 0)


def test_claimable__after_finalization__equals_claim_then_zero(driver: OracleDriver) -> None:
    request_id, _ = _three_rounds(driver)
    expected = {
        account: driver.claimable(request_id, account)
        for account in (driver.validator, driver.counter_disputer, driver.disputer)
    }

    for account in (driver.validator, driver.counter_disputer):
        assert driver.claim(request_id, account) == expected[account]
        assert driver.claimable(request_id, account) == (0, 0)
    assert expected[driver.disputer] == (0, 0)


def test_claimable__undisputed__what_claim_pays_then_zero(driver: OracleDriver) -> None:
    request_id = driver.create()
    b0 = driver.bond_round0(request_id, YES)
    driver.expire_window(request_id)
    driver.finalize(request_id)

    assert driver.claimable(request_id, driver.validator) == (b0, FEE_WEI)
    assert driver.claimable(request_id, driver.disputer) == (0, 0)
    driver.claim(request_id, driver.validator)
    assert driver.claimable(request_id, driver.validator) == (0, 0)


def test_staked__single_filler_after_claim__zero(driver: OracleDriver) -> None:
    request_id, b0 = _three_rounds(driver)
    assert driver.staked(request_id, 0, driver.validator, YES) == b0
    assert driver.staked(request_id, 2, driver.counter_disputer, YES) == 4 * b0

    driver.claim(request_id, driver.validator)
    driver.claim(request_id, driver.counter_disputer)

    assert driver.staked(request_id, 0, driver.validator, YES) == 0
    assert driver.staked(request_id, 2, driver.counter_disputer, YES) == 0


def test_staked__crowdfunded_after_claim__zero_for_claimer_only(driver: OracleDriver) -> None:
    request_id = driver.create()
    b0 = driver.round_info(request_id, 0)[0]
    driver.stake(driver.validator, request_id, YES, b0 // 4)
    driver.stake(driver.disputer, request_id, YES, b0 - b0 // 4)
    _finalize(driver, request_id)
    assert driver.staked(request_id, 0, driver.validator, YES) == b0 // 4

    driver.claim(request_id, driver.validator)

    assert driver.staked(request_id, 0, driver.validator, YES) == 0
    assert driver.staked(request_id, 0, driver.disputer, YES) == b0 - b0 // 4


# --- conservation ---------------------------------------------------------------------------


def test_claim__all_correct_stakers_claimed__oracle_holds_only_dust_and_other_requests(
    driver: OracleDriver,
) -> None:
    """Money flow: request 1 runs three rounds (700 FLX in, 5 fUSD fee kept); request 2 is
    open with B0 = 100 FLX bonded and 10 + 5 fUSD paid in. After validator and
    counter_disputer claim request 1 (140 + 560 FLX, 1 + 4 fUSD), the Oracle holds only
    request 2's 100 FLX and 15 fUSD plus floor dust (0 here: 500 divides 200·100 and 5·100)."""
    request_id, b0 = _three_rounds(driver)
    other_id = driver.create()
    driver.bond_round0(other_id, NO)
    assert driver.balances()[driver.oracle] == (
        7 * b0 + b0,
        FEE_WEI + FEE_WEI + VALIDITY_BOND_WEI,
    )

    driver.claim(request_id, driver.validator)
    driver.claim(request_id, driver.counter_disputer)

    correct = {driver.validator: b0, driver.counter_disputer: 4 * b0}
    stake_dust = sum(_dust(c, 5 * b0, 2 * b0) for c in correct.values())
    fee_dust = sum(_dust(c, 5 * b0, FEE_WEI) for c in correct.values())
    assert driver.balances()[driver.oracle] == (
        b0 + stake_dust,
        FEE_WEI + VALIDITY_BOND_WEI + fee_dust,
    )
