"""Fixed-product market maker math, integer for integer what `PredictionMarket.vy` computes.

The trade formulas are Gnosis's `FixedProductMarketMaker` (`calcBuyAmount`, `calcSellAmount`,
`addFunding`, `removeFunding`) with every rounding turned towards the pool:

* the swap fee is rounded up, on buys (`fee = ceil(collateral_in * fee_bps / 10 000)`) and on
  sells (`gross = ceil(collateral_out * 10 000 / (10 000 - fee_bps))`);
* the running product is scaled by `ONE = 10**18` and every step is a ceiling division, so a
  buyer receives at most, and a seller gives at least, the exact real-number amount;
* when liquidity is added the pool takes `ceil(amount * balance_i / max_balance)` of each
  outcome and the provider gets `floor(amount * supply / max_balance)` shares; when it is
  removed the provider gets `floor(balance_i * shares / supply)`.

Unlike Gnosis, the fee is not kept aside: it is minted into complete sets that stay in the pool
(every outcome's balance grows by the fee), so liquidity providers own it through their shares.
The trade itself is priced exactly like Gnosis's: the buyer's shares are computed before the fee
is added.

Every balance is an outcome-token amount in collateral wei (one complete set = one wei of
collateral). The contract bounds the collateral a market holds by `MAX_AMOUNT`, which keeps every
product below 2**256; where the contract's checked arithmetic would still overflow (a sell that
drains a pool almost to zero), these functions raise `MarketRevert(None)` as the contract reverts.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Final

from fluxo.markets.errors import MarketRevert

ONE: Final = 10**18
BPS: Final = 10_000
MAX_FEE_BPS: Final = 500
MIN_OUTCOMES: Final = 2
MAX_OUTCOMES: Final = 8
# The most collateral one market may hold (and so any balance, position or share amount).
MAX_AMOUNT: Final = 2**96 - 1
# Liquidity-share supply and every packed 128-bit field stay below this.
MAX_UINT128: Final = 2**128 - 1
# Scale of the reciprocals behind the price view: 2**160 / balance keeps 64 significant bits.
PRICE_SCALE: Final = 2**160

_UINT256_LIMIT: Final = 2**256


def _checked(value: int) -> int:
    """Raise where the EVM's checked uint256 arithmetic would revert."""
    if not 0 <= value < _UINT256_LIMIT:
        raise MarketRevert(None)
    return value


def ceil_div(numerator: int, denominator: int) -> int:
    """`ceil(numerator / denominator)` for non-negative integers, as the contract computes it."""
    return (numerator + denominator - 1) // denominator if numerator else 0


@dataclass(frozen=True, slots=True)
class Trade:
    """A priced trade: outcome `shares` moved and the `fee_wei` kept by the pool."""

    shares: int
    fee_wei: int


@dataclass(frozen=True, slots=True)
class Funding:
    """Liquidity added: what the pool takes per outcome, what goes back, the shares minted."""

    pool_added: tuple[int, ...]
    returned: tuple[int, ...]
    shares: int


def buy_fee(collateral_in: int, fee_bps: int) -> int:
    """The fee a buy of `collateral_in` pays, rounded up."""
    return ceil_div(collateral_in * fee_bps, BPS)


def buy_amount(balances: Sequence[int], outcome: int, collateral_in: int, fee_bps: int) -> Trade:
    """Shares of `outcome` that `collateral_in` buys from a pool holding `balances`."""
    fee_wei = buy_fee(collateral_in, fee_bps)
    invested = collateral_in - fee_wei
    ending = _checked(balances[outcome] * ONE)
    for index, balance in enumerate(balances):
        if index != outcome:
            ending = ceil_div(_checked(ending * balance), balance + invested)
    shares = balances[outcome] + invested - ceil_div(ending, ONE)
    return Trade(shares, fee_wei)


def after_buy(
    balances: Sequence[int], outcome: int, collateral_in: int, shares: int
) -> tuple[int, ...]:
    """Pool balances after a buy: `collateral_in` complete sets in (fee included), shares out."""
    return tuple(
        balance + collateral_in - (shares if index == outcome else 0)
        for index, balance in enumerate(balances)
    )


def sell_gross(collateral_out: int, fee_bps: int) -> int:
    """What a sell must take out of the pool for the seller to receive `collateral_out`."""
    return ceil_div(collateral_out * BPS, BPS - fee_bps)


def sell_amount(balances: Sequence[int], outcome: int, collateral_out: int, fee_bps: int) -> Trade:
    """Shares of `outcome` the pool takes to pay out `collateral_out`.

    Raises `MarketRevert("market: insufficient liquidity")` when the pool cannot pay it.
    """
    gross = sell_gross(collateral_out, fee_bps)
    ending = _checked(balances[outcome] * ONE)
    for index, balance in enumerate(balances):
        if index != outcome:
            if balance <= gross:
                raise MarketRevert("market: insufficient liquidity")
            ending = ceil_div(_checked(ending * balance), balance - gross)
    shares = gross + ceil_div(ending, ONE) - balances[outcome]
    return Trade(shares, gross - collateral_out)


def after_sell(
    balances: Sequence[int], outcome: int, collateral_out: int, shares: int
) -> tuple[int, ...]:
    """Pool balances after a sell: shares in, `collateral_out` complete sets burnt."""
    return tuple(
        balance - collateral_out + (shares if index == outcome else 0)
        for index, balance in enumerate(balances)
    )


def initial_funding(amount: int, weights: Sequence[int]) -> Funding:
    """The first provider's `amount`: the pool takes `ceil(amount * w_i / max(w))` of outcome i.

    A weight is the pool's balance ratio (Gnosis's distribution hint): the larger an outcome's
    weight, the cheaper it starts (`price_i` is proportional to `1 / w_i`). Equal weights give
    equal odds.
    """
    top = max(weights)
    pool_added = tuple(ceil_div(amount * weight, top) for weight in weights)
    returned = tuple(amount - added for added in pool_added)
    return Funding(pool_added, returned, amount)


def add_funding(balances: Sequence[int], supply: int, amount: int) -> Funding:
    """A later provider's `amount` at the pool's current ratio."""
    top = max(balances)
    pool_added = tuple(ceil_div(amount * balance, top) for balance in balances)
    returned = tuple(amount - added for added in pool_added)
    return Funding(pool_added, returned, amount * supply // top)


def remove_funding(balances: Sequence[int], supply: int, shares: int) -> tuple[int, ...]:
    """Outcome tokens `shares` of `supply` take out of the pool (rounded down)."""
    return tuple(balance * shares // supply for balance in balances)


def prices(balances: Sequence[int]) -> tuple[int, ...]:
    """The price view: each outcome's marginal price scaled by `ONE`, rounded down.

    `price_i = (1 / b_i) / sum_k (1 / b_k)`, computed as `ONE * r_i // sum(r)` with
    `r_i = PRICE_SCALE // b_i`. The prices sum to between `ONE - (n - 1)` and `ONE`.
    """
    reciprocals = [PRICE_SCALE // balance for balance in balances]
    total = sum(reciprocals)
    return tuple(ONE * reciprocal // total for reciprocal in reciprocals)


def exact_prices(balances: Sequence[int]) -> tuple[Fraction, ...]:
    """The exact marginal prices (they sum to exactly 1)."""
    reciprocals = [Fraction(1, balance) for balance in balances]
    total = sum(reciprocals, Fraction(0))
    return tuple(reciprocal / total for reciprocal in reciprocals)
