"""How far a price moved, in basis points of the reference: the provider's and the keeper's
deviation trigger."""

from typing import Final

# 100 % in basis points.
BPS_DENOMINATOR: Final = 10_000


def deviation_reached(value: int, reference: int, deviation_bps: int) -> bool:
    """Whether `value` is at least `deviation_bps` away from `reference`, relative to
    `|reference|` (so a negative reference works like a positive one). Any move away from a
    zero reference counts: its relative move is infinite. Exact integer arithmetic: no float
    rounding decides a boundary."""
    if deviation_bps < 1:
        raise ValueError(f"deviation_bps must be at least 1, got {deviation_bps}")
    moved = abs(value - reference)
    if reference == 0:
        return moved > 0
    return moved * BPS_DENOMINATOR >= deviation_bps * abs(reference)
