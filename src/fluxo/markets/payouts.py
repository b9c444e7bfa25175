"""What a resolved market pays, integer for integer what `PredictionMarket.vy` pays.

A resolution is a payout vector over the outcomes, `numerators / denominator`, whose numerators
sum to the denominator: categorical `[0, .., 1, .., 0] / 1`; scalar (outcome 0 = short,
outcome 1 = long) `[upper - x, x - lower] / (upper - lower)` with the answer `x` clamped to
`[lower, upper]`. A holder receives `floor(sum_i shares_i * numerator_i / denominator)`, so each
holder leaves less than 1 wei behind, and only on a scalar market.

INVALID pays no outcome. Every account gets back its claim — its net cost basis `max(0, net)`
(`net` is the collateral it put in minus what it took out; see `MarketModel`) plus the book it
left behind on a full liquidity exit — in full when the market holds enough
(`refunds_total <= sets`), otherwise pro rata (`claim * sets // refunds_total`). The liquidity
providers still in share what is left, `sets - refunds_total`, by their books.
"""

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Payout:
    """A resolution's payout vector: outcome i pays `numerators[i] / denominator` per share."""

    numerators: tuple[int, ...]
    denominator: int

    def pays(self, shares: Sequence[int]) -> int:
        """Collateral paid for `shares` (one amount per outcome), rounded down once."""
        total = sum(
            amount * numerator for amount, numerator in zip(shares, self.numerators, strict=True)
        )
        return total // self.denominator


def categorical_payout(outcome_count: int, winner: int) -> Payout:
    """Outcome `winner` pays 1 per share, every other outcome nothing."""
    return Payout(tuple(int(index == winner) for index in range(outcome_count)), 1)


def clamp(answer: int, lower: int, upper: int) -> int:
    """The answer as a scalar market reads it: held within `[lower, upper]`."""
    return min(max(answer, lower), upper)


def scalar_payout(lower: int, upper: int, answer: int) -> Payout:
    """Short (outcome 0) and long (outcome 1) pay linearly in the clamped answer.

    `answer`, `lower` and `upper` are in the request's scaled units (`value * 10**decimals`);
    negative values are fine.
    """
    clamped = clamp(answer, lower, upper)
    return Payout((upper - clamped, clamped - lower), upper - lower)


def invalid_refund(claim: int, sets: int, refunds_total: int) -> int:
    """What INVALID pays a claim: the account's positive net cost basis plus any book it left
    behind on a full liquidity exit."""
    if refunds_total <= sets:
        return claim
    return claim * sets // refunds_total


def invalid_lp_value(sets: int, refunds_total: int) -> int:
    """What INVALID leaves for the liquidity providers, together."""
    return sets - refunds_total if refunds_total <= sets else 0


def valid_lp_value(pool_balances: Sequence[int], payout: Payout) -> int:
    """What a valid resolution pays the liquidity providers, together: the pool's tokens."""
    return payout.pays(pool_balances)


def lp_redemption(value_left: int, weight_left: int, weight: int) -> int:
    """A provider's part of what is left for providers, by its weight (shares, or its book on
    INVALID); the last one takes the remainder."""
    return value_left * weight // weight_left if weight else 0
