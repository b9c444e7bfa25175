"""`add_liquidity` and `remove_liquidity`: initial odds, adding at the ratio, leftovers, exits."""

import boa
import pytest

from fluxo.markets import fpmm
from tests.harness.markets import USD, MarketsProtocol


@pytest.fixture
def market_id(markets: MarketsProtocol) -> int:
    """A Yes/No market with no liquidity yet."""
    return markets.create_market()


def test_add_liquidity__first_provider__sets_odds_with_weights(
    markets: MarketsProtocol, market_id: int
) -> None:
    """Money flow: 90 mUSD provider → market; the pool keeps 30 No + 90 Yes, 60 No go back."""
    before = markets.collateral_of(markets.liquidity_provider)

    shares = markets.add_liquidity(markets.liquidity_provider, market_id, 90 * USD, (1, 3))

    after = markets.collateral_of(markets.liquidity_provider)
    assert (
        after[str(markets.liquidity_provider)] == before[str(markets.liquidity_provider)] - 90 * USD
    )
    assert after[str(markets.market.address)] == 90 * USD
    assert shares == 90 * USD
    assert markets.market.pool_balances(market_id) == [30 * USD, 90 * USD]
    assert markets.market.positions(market_id, markets.liquidity_provider) == [60 * USD, 0]
    # Price is proportional to 1 / balance: 3/4 and 1/4, each rounded down to the wei.
    prices = markets.prices(market_id)
    assert prices == [750_000_000_000_000_000, 249_999_999_999_999_999]
    assert markets.market.liquidity(market_id) == (90 * USD, 90 * USD)


def test_add_liquidity__later_provider__adds_at_ratio_and_gets_leftovers(
    markets: MarketsProtocol, market_id: int
) -> None:
    """Money flow: 30 mUSD second provider → market; the ratio 30:90 keeps 10 No + 30 Yes in
    the pool and returns 20 No."""
    markets.add_liquidity(markets.liquidity_provider, market_id, 90 * USD, (1, 3))
    prices = markets.prices(market_id)

    shares = markets.add_liquidity(markets.second_provider, market_id, 30 * USD)

    assert shares == 30 * USD
    assert markets.market.pool_balances(market_id) == [40 * USD, 120 * USD]
    assert markets.market.positions(market_id, markets.second_provider) == [20 * USD, 0]
    assert markets.prices(market_id) == prices
    assert markets.collateral.balanceOf(markets.market.address) == 120 * USD


def test_add_liquidity__shares_below_minimum__reverts_nothing_moves(
    markets: MarketsProtocol, market_id: int
) -> None:
    markets.add_liquidity(markets.liquidity_provider, market_id, 90 * USD, (1, 3))
    before = markets.collateral_of(markets.second_provider)

    with boa.env.prank(markets.second_provider), boa.reverts("market: slippage"):
        markets.market.add_liquidity(market_id, 30 * USD, [], 30 * USD + 1, 2**40)

    assert markets.collateral_of(markets.second_provider) == before


@pytest.mark.parametrize("weights", [(), (1,), (1, 0), (1, 2, 3), (1, 2**128)])
def test_add_liquidity__first_provider_bad_weights__reverts(
    markets: MarketsProtocol, market_id: int, weights: tuple[int, ...]
) -> None:
    with boa.env.prank(markets.liquidity_provider), boa.reverts("market: bad weights"):
        markets.market.add_liquidity(market_id, USD, list(weights), 0, 2**40)


def test_add_liquidity__later_provider_with_weights__reverts(
    markets: MarketsProtocol, market_id: int
) -> None:
    markets.add_liquidity(markets.liquidity_provider, market_id, USD, (1, 1))

    with boa.env.prank(markets.second_provider), boa.reverts("market: bad weights"):
        markets.market.add_liquidity(market_id, USD, [1, 1], 0, 2**40)


def test_add_liquidity__zero__reverts(markets: MarketsProtocol, market_id: int) -> None:
    with boa.env.prank(markets.liquidity_provider), boa.reverts("market: zero amount"):
        markets.market.add_liquidity(market_id, 0, [1, 1], 0, 2**40)


def test_add_liquidity__past_deadline__reverts(markets: MarketsProtocol, market_id: int) -> None:
    with boa.env.prank(markets.liquidity_provider), boa.reverts("market: expired"):
        markets.market.add_liquidity(market_id, USD, [1, 1], 0, boa.env.timestamp - 1)


def test_add_liquidity__above_max_amount__reverts(markets: MarketsProtocol, market_id: int) -> None:
    markets.fund(markets.liquidity_provider, collateral_wei=fpmm.MAX_AMOUNT + 1)

    with boa.env.prank(markets.liquidity_provider), boa.reverts("market: too much collateral"):
        markets.market.add_liquidity(market_id, fpmm.MAX_AMOUNT + 1, [1, 1], 0, 2**40)


def test_add_liquidity__unknown_market__reverts(markets: MarketsProtocol) -> None:
    with boa.env.prank(markets.liquidity_provider), boa.reverts("market: unknown market"):
        markets.market.add_liquidity(7, USD, [1, 1], 0, 2**40)


def test_add_liquidity__after_close__reverts_closed(
    markets: MarketsProtocol, market_id: int
) -> None:
    boa.env.time_travel(seconds=markets.market.market(market_id).close_time - boa.env.timestamp)

    with boa.env.prank(markets.liquidity_provider), boa.reverts("market: closed"):
        markets.market.add_liquidity(market_id, USD, [1, 1], 0, 2**40)


def test_remove_liquidity__part__credits_pool_share_as_tokens_and_moves_book(
    markets: MarketsProtocol, market_id: int
) -> None:
    """Money flow: none; a third of the pool's tokens move to the provider, and a third of the
    book (30 mUSD) becomes its net cost basis."""
    markets.add_liquidity(markets.liquidity_provider, market_id, 90 * USD, (1, 3))
    before = markets.collateral_of(markets.liquidity_provider)

    amounts = markets.remove_liquidity(markets.liquidity_provider, market_id, 30 * USD)

    assert amounts == [10 * USD, 30 * USD]
    assert markets.market.pool_balances(market_id) == [20 * USD, 60 * USD]
    assert markets.market.positions(market_id, markets.liquidity_provider) == [70 * USD, 30 * USD]
    assert markets.market.liquidity(market_id) == (60 * USD, 60 * USD)
    assert markets.market.net_cost(market_id, markets.liquidity_provider) == 30 * USD
    assert markets.collateral_of(markets.liquidity_provider) == before


def test_remove_liquidity__everything_then_merge__returns_all_collateral(
    markets: MarketsProtocol, market_id: int
) -> None:
    """Money flow: 90 mUSD in, all shares out, 90 complete sets merged → 90 mUSD back."""
    markets.add_liquidity(markets.liquidity_provider, market_id, 90 * USD, (1, 3))
    before = markets.collateral_of(markets.liquidity_provider)

    markets.remove_liquidity(markets.liquidity_provider, market_id, 90 * USD)
    markets.merge(markets.liquidity_provider, market_id, 90 * USD)

    after = markets.collateral_of(markets.liquidity_provider)
    assert (
        after[str(markets.liquidity_provider)] == before[str(markets.liquidity_provider)] + 90 * USD
    )
    assert after[str(markets.market.address)] == 0
    assert markets.market.liquidity(market_id) == (0, 0)
    # The full exit leaves the 90 mUSD book in the provider's word; the merge took 90 out:
    # its INVALID claim, net + exited book, is zero.
    assert markets.market.lp_shares(market_id, markets.liquidity_provider) == (0, 90 * USD)
    assert markets.market.net_cost(market_id, markets.liquidity_provider) == -90 * USD
    assert markets.market.totals(market_id) == (0, 0)


def test_remove_liquidity__more_than_held__reverts(
    markets: MarketsProtocol, market_id: int
) -> None:
    markets.add_liquidity(markets.liquidity_provider, market_id, USD, (1, 1))

    with boa.env.prank(markets.liquidity_provider), boa.reverts("market: insufficient shares"):
        markets.market.remove_liquidity(market_id, USD + 1, 2**40)


def test_remove_liquidity__after_close__still_allowed(
    markets: MarketsProtocol, market_id: int
) -> None:
    markets.add_liquidity(markets.liquidity_provider, market_id, USD, (1, 1))
    boa.env.time_travel(seconds=markets.market.market(market_id).close_time - boa.env.timestamp)

    assert markets.remove_liquidity(markets.liquidity_provider, market_id, USD) == [USD, USD]


def test_remove_liquidity__zero_or_expired__reverts(
    markets: MarketsProtocol, market_id: int
) -> None:
    markets.add_liquidity(markets.liquidity_provider, market_id, USD, (1, 1))

    with boa.env.prank(markets.liquidity_provider), boa.reverts("market: zero amount"):
        markets.market.remove_liquidity(market_id, 0, 2**40)
    with boa.env.prank(markets.liquidity_provider), boa.reverts("market: expired"):
        markets.market.remove_liquidity(market_id, USD, boa.env.timestamp - 1)
