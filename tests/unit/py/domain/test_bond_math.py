"""SPEC §3 item 7 and §4: B0, round bonds, the escalation round and claim payouts."""

import pytest

from fluxo.domain.bonds import (
    Payout,
    base_bond_wei,
    claim_payout,
    escalation_round,
    round_bond_wei,
)


def test_base_bond_wei__larger_minimum__is_scaled_by_multiplier() -> None:
    """max(100, 200) * 15_000 // 10_000 = 300."""
    assert base_bond_wei(100, 200, 15_000) == 300
    assert base_bond_wei(200, 100, 15_000) == 300


def test_base_bond_wei__fractional_result__is_floored() -> None:
    """199 * 5_000 // 10_000 = 99 (99.5 floored); 1 * 5_000 // 10_000 = 0."""
    assert base_bond_wei(199, 0, 5_000) == 99
    assert base_bond_wei(1, 0, 5_000) == 0


def test_round_bond_wei__each_round__doubles() -> None:
    assert [round_bond_wei(200, r) for r in range(4)] == [200, 400, 800, 1600]


@pytest.mark.parametrize(
    ("threshold_wei", "expected_round"),
    [(0, 0), (200, 0), (201, 1), (400, 1), (401, 2), (600, 2), (800, 2), (801, 3)],
)
def test_escalation_round__threshold__is_first_round_reaching_it(
    threshold_wei: int, expected_round: int
) -> None:
    assert escalation_round(200, threshold_wei) == expected_round


def test_escalation_round__zero_b0__is_rejected() -> None:
    with pytest.raises(ValueError):
        escalation_round(0, 1)


def test_claim_payout__sole_correct_round__gets_slashed_bonds() -> None:
    """Flux's escalation example: 400 + 400 * (200 + 800) // 400 = 1400."""
    assert claim_payout(400, 400, 1_000, 0) == Payout(1_400, 0)


def test_claim_payout__shares__are_floored_separately() -> None:
    """Correct 200 (133 + 67), incorrect 100, fee 7:
    133 -> 133 + 13_300 // 200 = 199 stake, 931 // 200 = 4 payment;
    67 -> 67 + 6_700 // 200 = 100 stake, 469 // 200 = 2 payment.
    """
    assert claim_payout(133, 200, 100, 7) == Payout(199, 4)
    assert claim_payout(67, 200, 100, 7) == Payout(100, 2)


def test_claim_payout__no_correct_stake__pays_nothing() -> None:
    assert claim_payout(0, 0, 600, 10) == Payout(0, 0)


def test_claim_payout__stake_above_correct_total__is_rejected() -> None:
    with pytest.raises(ValueError):
        claim_payout(201, 200, 0, 0)
