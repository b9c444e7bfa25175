"""`claim`, `claimable`, `staked`: SPEC §4 Claims.

An account's correct stake c pays c + c·total_incorrect // total_correct stake tokens and
c·fee_pool // total_correct payment tokens (fee_pool = fee, plus the validity bond on INVALID).
"""

from fractions import Fraction

import boa

from tests.harness.checks import delta, payout
from tests.harness.game import FEE_WEI, INVALID, NO, VALIDITY_BOND_WEI, YES
from tests.harness.protocol import OracleProtocol


def _dust(correct: int, total_correct: int, amount: int) -> Fraction:
    """What floor division leaves behind of `correct`'s exact share of `amount`."""
    exact = Fraction(correct * amount, total_correct)
    return exact - correct * amount // total_correct


def _finalize(protocol: OracleProtocol, request_id: int) -> None:
    """Expire the window, finalize, and let the requester withdraw its validity bond (it is
    credited, not sent), so the Oracle's balance holds only what the claims will pay."""
    protocol.expire_window(request_id)
    protocol.finalize(request_id)
    protocol.withdraw_credits(protocol.requester.address)


def _dispute_once(protocol: OracleProtocol) -> tuple[int, int]:
    """validator bonds YES (B0), disputer NO (2·B0), window expires: NO is final."""
    request_id = protocol.create()
    b0 = protocol.bond_round0(request_id, YES)
    protocol.dispute(protocol.disputer, request_id, NO, 2 * b0)
    _finalize(protocol, request_id)
    return request_id, b0


def _three_rounds(protocol: OracleProtocol) -> tuple[int, int]:
    """validator YES (B0), disputer NO (2·B0), counter_disputer YES (4·B0): YES is final."""
    request_id = protocol.create()
    b0 = protocol.bond_round0(request_id, YES)
    protocol.dispute(protocol.disputer, request_id, NO, 2 * b0)
    protocol.dispute(protocol.counter_disputer, request_id, YES, 4 * b0)
    _finalize(protocol, request_id)
    return request_id, b0


def _undisputed(protocol: OracleProtocol, outcome: bytes = YES) -> tuple[int, int]:
    request_id = protocol.create()
    b0 = protocol.bond_round0(request_id, outcome)
    _finalize(protocol, request_id)
    return request_id, b0


# --- payouts --------------------------------------------------------------------------------


def test_claim__undisputed_single_round__bond_and_whole_fee(protocol: OracleProtocol) -> None:
    """Money flow: validator staked B0 = 100 FLX; correct = B0, incorrect = 0, fee pool =
    5 fUSD. Claim pays B0 + 0 = 100 FLX and 5 fUSD; the Oracle ends empty (the validity bond
    was credited to the requester at finalization and withdrawn)."""
    request_id, b0 = _undisputed(protocol)
    before = protocol.balances(protocol.validator)

    paid = protocol.claim(request_id, protocol.validator)

    after = protocol.balances(protocol.validator)
    assert paid == (b0, FEE_WEI)
    assert delta(before, after, protocol.validator) == (b0, FEE_WEI)
    assert delta(before, after, protocol.oracle.address) == (-b0, -FEE_WEI)
    assert after[str(protocol.oracle.address)] == (0, 0)


def test_claim__two_rounds_disputer_wins__disputer_takes_slashed_bond(
    protocol: OracleProtocol,
) -> None:
    """Money flow: correct = 2·B0 (disputer), incorrect = B0 (validator). Disputer claims
    2·B0 + 2·B0·B0 // 2·B0 = 3·B0 = 300 FLX and 2·B0·5 // 2·B0 = 5 fUSD."""
    request_id, b0 = _dispute_once(protocol)
    before = protocol.balances(protocol.disputer)

    paid = protocol.claim(request_id, protocol.disputer)

    after = protocol.balances(protocol.disputer)
    assert paid == (3 * b0, FEE_WEI)
    assert delta(before, after, protocol.disputer) == (3 * b0, FEE_WEI)
    assert after[str(protocol.oracle.address)] == (0, 0)


def test_claim__two_rounds_validator_slashed__reverts_nothing_to_claim(
    protocol: OracleProtocol,
) -> None:
    request_id, _ = _dispute_once(protocol)
    before = protocol.balances(protocol.validator)

    with boa.env.prank(protocol.anyone), boa.reverts("oracle: nothing to claim"):
        protocol.oracle.claim(request_id, protocol.validator)

    assert protocol.balances(protocol.validator) == before


def test_claim__three_rounds__correct_rounds_share_slashed_bond_pro_rata(
    protocol: OracleProtocol,
) -> None:
    """Money flow: correct = B0 + 4·B0 = 500 FLX (validator 100, counter_disputer 400),
    incorrect = 2·B0 = 200 FLX (disputer), fee 5 fUSD.
    validator: 100 + 100·200 // 500 = 140 FLX, 100·5 // 500 = 1 fUSD;
    counter_disputer: 400 + 400·200 // 500 = 560 FLX, 400·5 // 500 = 4 fUSD.
    140 + 560 = 700 = every bond; the Oracle ends empty."""
    request_id, b0 = _three_rounds(protocol)
    before = protocol.balances(protocol.validator, protocol.counter_disputer)

    paid_validator = protocol.claim(request_id, protocol.validator)
    paid_counter = protocol.claim(request_id, protocol.counter_disputer)

    after = protocol.balances(protocol.validator, protocol.counter_disputer)
    assert paid_validator == (b0 + b0 * 2 // 5, FEE_WEI // 5) == (140 * 10**18, 1 * 10**18)
    assert paid_counter == (4 * b0 + 4 * b0 * 2 // 5, 4 * FEE_WEI // 5)
    assert delta(before, after, protocol.validator) == paid_validator
    assert delta(before, after, protocol.counter_disputer) == paid_counter
    assert after[str(protocol.oracle.address)] == (0, 0)
    with boa.env.prank(protocol.anyone), boa.reverts("oracle: nothing to claim"):
        protocol.oracle.claim(request_id, protocol.disputer)


def test_claim__crowdfunded_correct_round__pro_rata_with_floor_dust(
    protocol: OracleProtocol,
) -> None:
    """Money flow: validator bonds NO in round 0 (B0 = 100 FLX); round 1 (2·B0 = 200 FLX)
    is crowdfunded on YES by disputer 70 FLX + 1 wei, counter_disputer 70 FLX + 1 wei and
    anyone 60 FLX − 2 wei; YES is final. correct = 200 FLX, incorrect = 100 FLX, fee 5 fUSD.
    Each pays c + c·100 // 200 FLX and c·5 // 200 fUSD; floor division leaves < 1 wei per
    claim and token, and the Oracle's residue is exactly the sum of those fractions
    (here 1/2 + 1/2 + 0 = 1 wei FLX and 1/40 + 1/40 + 38/40 = 1 wei fUSD)."""
    protocol.fund_staker(protocol.anyone)
    request_id = protocol.create()
    b0 = protocol.bond_round0(request_id, NO)
    shares = {
        protocol.disputer: 70 * 10**18 + 1,
        protocol.counter_disputer: 70 * 10**18 + 1,
        protocol.anyone: 60 * 10**18 - 2,
    }
    protocol.next_block()
    for staker, amount in shares.items():
        protocol.stake(staker, request_id, YES, amount)
    assert protocol.oracle.round_info(request_id, 1)[3:] == (YES, True)
    _finalize(protocol, request_id)
    total_correct, total_incorrect = 2 * b0, b0
    before = protocol.balances(*shares)

    paid = {staker: protocol.claim(request_id, staker) for staker in shares}

    after = protocol.balances(*shares)
    for staker, amount in shares.items():
        assert paid[staker] == payout(amount, total_correct, total_incorrect, FEE_WEI)
        assert delta(before, after, staker) == paid[staker]
    stake_dust = sum(_dust(c, total_correct, total_incorrect) for c in shares.values())
    fee_dust = sum(_dust(c, total_correct, FEE_WEI) for c in shares.values())
    assert all(_dust(c, total_correct, total_incorrect) < 1 for c in shares.values())
    assert all(_dust(c, total_correct, FEE_WEI) < 1 for c in shares.values())
    assert after[str(protocol.oracle.address)] == (stake_dust, fee_dust) == (1, 1)


def test_claim__final_invalid__fee_pool_includes_validity_bond(protocol: OracleProtocol) -> None:
    """Money flow: validator bonds INVALID (B0); fee pool = fee + validity bond = 5 + 10 =
    15 fUSD. Claim pays B0 FLX and 15 fUSD; the requester gets nothing back."""
    request_id, b0 = _undisputed(protocol, INVALID)
    before = protocol.balances(protocol.validator, protocol.requester.address)

    paid = protocol.claim(request_id, protocol.validator)

    after = protocol.balances(protocol.validator, protocol.requester.address)
    assert paid == (b0, FEE_WEI + VALIDITY_BOND_WEI)
    assert delta(before, after, protocol.validator) == (b0, FEE_WEI + VALIDITY_BOND_WEI)
    assert delta(before, after, protocol.requester.address) == (0, 0)
    assert after[str(protocol.oracle.address)] == (0, 0)


# --- who claims, how often ------------------------------------------------------------------


def test_claim__by_a_stranger__pays_the_account(protocol: OracleProtocol) -> None:
    """Money flow: stranger calls claim for validator: validator +B0 FLX +5 fUSD; stranger
    +0."""
    request_id, b0 = _undisputed(protocol)
    before = protocol.balances(protocol.validator, protocol.stranger)

    protocol.claim(request_id, protocol.validator, caller=protocol.stranger)

    after = protocol.balances(protocol.validator, protocol.stranger)
    assert delta(before, after, protocol.validator) == (b0, FEE_WEI)
    assert delta(before, after, protocol.stranger) == (0, 0)


def test_claim__second_time__reverts_nothing_to_claim(protocol: OracleProtocol) -> None:
    request_id, _ = _undisputed(protocol)
    protocol.claim(request_id, protocol.validator)
    before = protocol.balances(protocol.validator)

    with boa.env.prank(protocol.anyone), boa.reverts("oracle: nothing to claim"):
        protocol.oracle.claim(request_id, protocol.validator)

    assert protocol.balances(protocol.validator) == before


def test_claim__second_time_crowdfunded__reverts_nothing_to_claim(
    protocol: OracleProtocol,
) -> None:
    request_id = protocol.create()
    b0 = protocol.oracle.round_info(request_id, 0)[0]
    protocol.stake(protocol.validator, request_id, YES, b0 // 2)
    protocol.stake(protocol.disputer, request_id, YES, b0 // 2)
    _finalize(protocol, request_id)
    protocol.claim(request_id, protocol.validator)
    before = protocol.balances(protocol.validator)

    with boa.env.prank(protocol.anyone), boa.reverts("oracle: nothing to claim"):
        protocol.oracle.claim(request_id, protocol.validator)

    assert protocol.balances(protocol.validator) == before
    assert protocol.claim(request_id, protocol.disputer) == (b0 // 2, FEE_WEI // 2)


def test_claim__never_staked__reverts_nothing_to_claim(protocol: OracleProtocol) -> None:
    request_id, _ = _undisputed(protocol)

    with boa.env.prank(protocol.anyone), boa.reverts("oracle: nothing to claim"):
        protocol.oracle.claim(request_id, protocol.stranger)


def test_claim__window_still_open__reverts_not_finalized(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.bond_round0(request_id, YES)
    before = protocol.balances(protocol.validator)

    with boa.env.prank(protocol.anyone), boa.reverts("oracle: not finalized"):
        protocol.oracle.claim(request_id, protocol.validator)

    assert protocol.balances(protocol.validator) == before


def test_claim__unknown_request__reverts_unknown_request(protocol: OracleProtocol) -> None:
    with boa.env.prank(protocol.anyone), boa.reverts("oracle: unknown request"):
        protocol.oracle.claim(9, protocol.validator)


# --- views ----------------------------------------------------------------------------------


def test_claimable__before_finalization__zero(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.bond_round0(request_id, YES)

    assert protocol.oracle.claimable(request_id, protocol.validator) == (0, 0)


def test_claimable__after_finalization__equals_claim_then_zero(protocol: OracleProtocol) -> None:
    request_id, _ = _three_rounds(protocol)
    expected = {
        account: protocol.oracle.claimable(request_id, account)
        for account in (protocol.validator, protocol.counter_disputer, protocol.disputer)
    }

    for account in (protocol.validator, protocol.counter_disputer):
        assert protocol.claim(request_id, account) == expected[account]
        assert protocol.oracle.claimable(request_id, account) == (0, 0)
    assert expected[protocol.disputer] == (0, 0)


def test_staked__single_filler_after_claim__zero(protocol: OracleProtocol) -> None:
    request_id, b0 = _three_rounds(protocol)
    assert protocol.oracle.staked(request_id, 0, protocol.validator, YES) == b0
    assert protocol.oracle.staked(request_id, 2, protocol.counter_disputer, YES) == 4 * b0

    protocol.claim(request_id, protocol.validator)
    protocol.claim(request_id, protocol.counter_disputer)

    assert protocol.oracle.staked(request_id, 0, protocol.validator, YES) == 0
    assert protocol.oracle.staked(request_id, 2, protocol.counter_disputer, YES) == 0


def test_staked__crowdfunded_after_claim__zero(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    b0 = protocol.oracle.round_info(request_id, 0)[0]
    protocol.stake(protocol.validator, request_id, YES, b0 // 4)
    protocol.stake(protocol.disputer, request_id, YES, b0 - b0 // 4)
    _finalize(protocol, request_id)
    assert protocol.oracle.staked(request_id, 0, protocol.validator, YES) == b0 // 4

    protocol.claim(request_id, protocol.validator)

    assert protocol.oracle.staked(request_id, 0, protocol.validator, YES) == 0
    assert protocol.oracle.staked(request_id, 0, protocol.disputer, YES) == b0 - b0 // 4


# --- conservation ---------------------------------------------------------------------------


def test_claim__all_correct_stakers_claimed__oracle_holds_only_dust_and_other_requests(
    protocol: OracleProtocol,
) -> None:
    """Money flow: request 1 runs three rounds (700 FLX in, 5 fUSD fee kept); request 2 is
    open with B0 = 100 FLX bonded and 10 + 5 fUSD paid in. After validator and
    counter_disputer claim request 1 (140 + 560 FLX, 1 + 4 fUSD), the Oracle holds only
    request 2's 100 FLX and 15 fUSD plus floor dust (0 here: 500 divides 200·100 and 5·100)."""
    request_id, b0 = _three_rounds(protocol)
    other_id = protocol.create()
    protocol.bond_round0(other_id, NO)
    oracle = str(protocol.oracle.address)
    assert protocol.balances()[oracle] == (7 * b0 + b0, FEE_WEI + FEE_WEI + VALIDITY_BOND_WEI)

    protocol.claim(request_id, protocol.validator)
    protocol.claim(request_id, protocol.counter_disputer)

    correct = {protocol.validator: b0, protocol.counter_disputer: 4 * b0}
    stake_dust = sum(_dust(c, 5 * b0, 2 * b0) for c in correct.values())
    fee_dust = sum(_dust(c, 5 * b0, FEE_WEI) for c in correct.values())
    assert protocol.balances()[oracle] == (
        b0 + stake_dust,
        FEE_WEI + VALIDITY_BOND_WEI + fee_dust,
    )
