"""The contract's market math against `fluxo.markets.fpmm` on random pools: the same shares,
the same prices, rounding towards the pool, and no round trip that pays out more than it took.
(The exact-rational bounds of the Python math are in tests/unit/py/markets/test_fpmm.py; the
stateful machine in test_market_lifecycle.py compares every state change.)"""

import boa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fluxo.markets import MarketRevert, fpmm
from tests.harness.markets import MarketsProtocol

USD = 10**18
pools = st.lists(st.integers(1, 20), min_size=2, max_size=8)
sizes = st.one_of(st.integers(1, 10**6), st.integers(10**15, 10**22))


# A quarter of the profile's examples: each one creates a market and makes a few calls.
EXAMPLES = max(10, settings().max_examples // 4)
SLOW_OK = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


@pytest.fixture(scope="module")
def markets() -> MarketsProtocol:
    return MarketsProtocol()


def _market(markets: MarketsProtocol, weights: list[int], funding: int, fee_bps: int) -> int:
    labels = tuple(f"o{i}" for i in range(len(weights)))
    return markets.create_market(
        outcomes=labels, funding=funding, weights=tuple(weights), fee_bps=fee_bps
    )


@settings(max_examples=EXAMPLES, suppress_health_check=SLOW_OK)
@given(
    weights=pools,
    funding=sizes,
    fee_bps=st.sampled_from((0, 1, 30, 500)),
    trade=sizes,
    data=st.data(),
)
def test_buy_then_sell__contract__matches_math_and_never_pays_back_more(
    markets: MarketsProtocol,
    weights: list[int],
    funding: int,
    fee_bps: int,
    trade: int,
    data: st.DataObject,
) -> None:
    market_id = _market(markets, weights, funding, fee_bps)
    outcome = data.draw(st.integers(0, len(weights) - 1))
    pool = markets.market.pool_balances(market_id)
    expected = fpmm.buy_amount(pool, outcome, trade, fee_bps).shares

    shares = markets.buy(markets.trader, market_id, outcome, trade)

    assert shares == expected
    after = markets.market.pool_balances(market_id)
    assert after == list(fpmm.after_buy(pool, outcome, trade, shares))
    prices = fpmm.prices(after)
    assert fpmm.ONE - (len(weights) - 1) <= sum(prices) <= fpmm.ONE
    try:
        needed = fpmm.sell_amount(after, outcome, trade + 1, fee_bps).shares
    except MarketRevert as revert:
        # No reason: the contract's checked arithmetic overflows (an almost drained pool).
        expectation = boa.reverts(revert.reason) if revert.reason else boa.reverts()
        with boa.env.prank(markets.trader), expectation:
            markets.market.calc_sell_amount(market_id, outcome, trade + 1)
        return
    assert markets.market.calc_sell_amount(market_id, outcome, trade + 1) == needed > shares


@settings(max_examples=EXAMPLES, suppress_health_check=SLOW_OK)
@given(weights=pools, funding=sizes, added=sizes, quarters=st.integers(1, 4))
def test_liquidity__contract__pays_no_more_than_the_pool_holds(
    markets: MarketsProtocol, weights: list[int], funding: int, added: int, quarters: int
) -> None:
    market_id = _market(markets, weights, funding, 0)
    markets.buy(markets.trader, market_id, 0, funding // 3 + 1)
    pool = markets.market.pool_balances(market_id)
    supply = markets.market.liquidity(market_id)[0]
    funding_math = fpmm.add_funding(pool, supply, added)
    if funding_math.shares == 0:
        with boa.env.prank(markets.second_provider), boa.reverts("market: slippage"):
            markets.market.add_liquidity(market_id, added, [], 0, 2**40)
        return

    shares = markets.add_liquidity(markets.second_provider, market_id, added)
    burnt = shares * quarters // 4 or shares
    amounts = markets.remove_liquidity(markets.second_provider, market_id, burnt)

    assert shares == funding_math.shares
    assert all(a <= p for a, p in zip(amounts, funding_math.pool_added, strict=True))
    held = markets.market.positions(market_id, markets.second_provider)
    assert [h - a for h, a in zip(held, amounts, strict=True)] == list(funding_math.returned)
