"""`fluxo.markets.fpmm`: Gnosis's formulas, rounded towards the pool, checked against exact
rational arithmetic."""

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fluxo.markets import fpmm
from fluxo.markets.errors import MarketRevert

USD = 10**18

balances_st = st.lists(st.integers(10**6, 10**27), min_size=2, max_size=8)
# Exact rational arithmetic over 8 large balances is slow: a quarter of the profile's examples.
EXAMPLES = settings(max_examples=max(10, settings().max_examples // 4))


def _exact_buy(balances: list[int], outcome: int, invested: int) -> Fraction:
    ending = Fraction(balances[outcome])
    for index, balance in enumerate(balances):
        if index != outcome:
            ending *= Fraction(balance, balance + invested)
    return balances[outcome] + invested - ending


def _exact_sell(balances: list[int], outcome: int, gross: int) -> Fraction:
    ending = Fraction(balances[outcome])
    for index, balance in enumerate(balances):
        if index != outcome:
            ending *= Fraction(balance, balance - gross)
    return gross + ending - balances[outcome]


def test_buy_amount__even_pool_no_fee__matches_closed_form() -> None:
    """Two outcomes at 100/100, 10 in: the Yes balance goes to 100·110/110... = 100²/110."""
    trade = fpmm.buy_amount([100 * USD, 100 * USD], 1, 10 * USD, 0)

    assert trade.fee_wei == 0
    assert trade.shares == 110 * USD - -(-100 * 100 * USD // 110)  # 110 - ceil(10000/110)


def test_buy_fee__rounds_up() -> None:
    assert fpmm.buy_fee(1, 1) == 1
    assert fpmm.buy_fee(10_000, 1) == 1
    assert fpmm.buy_fee(10_001, 1) == 2


def test_sell_amount__drains_pool__reverts_insufficient_liquidity() -> None:
    with pytest.raises(MarketRevert, match="insufficient liquidity"):
        fpmm.sell_amount([10, 10], 0, 10, 0)


def test_initial_funding__weights__pool_takes_ceil_and_returns_rest() -> None:
    funding = fpmm.initial_funding(100, [1, 3])

    assert funding == fpmm.Funding(pool_added=(34, 100), returned=(66, 0), shares=100)


@EXAMPLES
@given(balances_st, st.data())
def test_buy_amount__any_pool__never_more_than_exact(
    balances: list[int], data: st.DataObject
) -> None:
    outcome = data.draw(st.integers(0, len(balances) - 1))
    collateral_in = data.draw(st.integers(1, 10**27))
    fee_bps = data.draw(st.integers(0, fpmm.MAX_FEE_BPS))

    trade = fpmm.buy_amount(balances, outcome, collateral_in, fee_bps)

    exact = _exact_buy(balances, outcome, collateral_in - trade.fee_wei)
    assert exact - 2 <= trade.shares <= exact
    assert trade.fee_wei * fpmm.BPS >= collateral_in * fee_bps


@EXAMPLES
@given(balances_st, st.data())
def test_sell_amount__any_pool__never_fewer_shares_than_exact(
    balances: list[int], data: st.DataObject
) -> None:
    outcome = data.draw(st.integers(0, len(balances) - 1))
    limit = min(b for i, b in enumerate(balances) if i != outcome)
    collateral_out = data.draw(st.integers(1, max(1, limit // 2)))
    fee_bps = data.draw(st.integers(0, fpmm.MAX_FEE_BPS))

    trade = fpmm.sell_amount(balances, outcome, collateral_out, fee_bps)

    exact = _exact_sell(balances, outcome, collateral_out + trade.fee_wei)
    assert exact <= trade.shares <= exact + 2


@EXAMPLES
@given(balances_st, st.data())
def test_buy_then_sell__same_shares__never_returns_more_than_paid(
    balances: list[int], data: st.DataObject
) -> None:
    outcome = data.draw(st.integers(0, len(balances) - 1))
    collateral_in = data.draw(st.integers(1, 10**27))
    fee_bps = data.draw(st.integers(0, fpmm.MAX_FEE_BPS))
    bought = fpmm.buy_amount(balances, outcome, collateral_in, fee_bps)
    after = fpmm.after_buy(balances, outcome, collateral_in, bought.shares)

    try:
        needed = fpmm.sell_amount(after, outcome, collateral_in + 1, fee_bps).shares
    except MarketRevert:
        return  # the pool cannot even pay it
    assert needed > bought.shares


@EXAMPLES
@given(balances_st)
def test_prices__any_pool__sum_within_n_minus_1_wei_of_one(balances: list[int]) -> None:
    prices = fpmm.prices(balances)
    exact = fpmm.exact_prices(balances)

    assert fpmm.ONE - (len(balances) - 1) <= sum(prices) <= fpmm.ONE
    for price, true_price in zip(prices, exact, strict=True):
        assert abs(price - true_price * fpmm.ONE) < 1


@EXAMPLES
@given(balances_st, st.integers(1, 10**27), st.data())
def test_add_then_remove__same_provider__never_takes_more_than_added(
    balances: list[int], amount: int, data: st.DataObject
) -> None:
    supply = data.draw(st.integers(1, 10**27))
    funding = fpmm.add_funding(balances, supply, amount)
    if funding.shares == 0:
        return
    pool = [b + a for b, a in zip(balances, funding.pool_added, strict=True)]

    out = fpmm.remove_funding(pool, supply + funding.shares, funding.shares)

    assert all(o <= a for o, a in zip(out, funding.pool_added, strict=True))
    assert all(o <= p for o, p in zip(out, pool, strict=True))
