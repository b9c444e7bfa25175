"""Bond and payout arithmetic (SPEC §3 item 7 and §4), in integer wei with floor division."""

from typing import NamedTuple

# 100% in basis points.
BPS_DENOMINATOR = 10_000


class Payout(NamedTuple):
    """What one claim pays: stake tokens and payment tokens, both in wei."""

    stake_wei: int
    payment_wei: int


def base_bond_wei(
    config_min_bond_wei: int, args_min_bond_wei: int, stake_multiplier_bps: int
) -> int:
    """B0: the larger of the config's and the request's minimum, scaled by the requester's
    multiplier and floored."""
    return max(config_min_bond_wei, args_min_bond_wei) * stake_multiplier_bps // BPS_DENOMINATOR


def round_bond_wei(b0_wei: int, round_index: int) -> int:
    """The bond round `round_index` must reach: `B0 * 2**round_index`."""
    if round_index < 0:
        raise ValueError(f"round indices are uint256, got {round_index}")
    return b0_wei << round_index


def escalation_round(b0_wei: int, arbitration_threshold_wei: int) -> int:
    """The first round whose filling escalates the request: the smallest r with
    `B0 * 2**r >= arbitration_threshold`."""
    if b0_wei <= 0:
        raise ValueError("B0 must be positive or no round ever reaches the threshold")
    round_index = 0
    while round_bond_wei(b0_wei, round_index) < arbitration_threshold_wei:
        round_index += 1
    return round_index


def claim_payout(
    correct_stake_wei: int, total_correct_wei: int, total_incorrect_wei: int, fee_pool_wei: int
) -> Payout:
    """Pay a correct stake back with its pro-rata share of the slashed bonds and the fee pool.

    Each share is floored separately, so every claim leaves under 1 wei per token behind.
    """
    if correct_stake_wei == 0:
        return Payout(0, 0)
    if not 0 < correct_stake_wei <= total_correct_wei:
        raise ValueError("a correct stake is part of the correct total")
    slashed_share_wei = correct_stake_wei * total_incorrect_wei // total_correct_wei
    fee_share_wei = correct_stake_wei * fee_pool_wei // total_correct_wei
    return Payout(correct_stake_wei + slashed_share_wei, fee_share_wei)
