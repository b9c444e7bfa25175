"""`buy`, `sell` and `merge`: prices, fees, slippage bounds, deadlines, close, tokens."""

import boa
import pytest

from fluxo.markets import fpmm
from tests.harness.deployers import (
    FALSE_RETURN_ERC20_DEPLOYER,
    FEE_ON_TRANSFER_ERC20_DEPLOYER,
    NO_RETURN_ERC20_DEPLOYER,
)
from tests.harness.markets import FEE_BPS, USD, MarketsProtocol

YES = 1


@pytest.fixture
def market_id(markets: MarketsProtocol) -> int:
    """A Yes/No market funded with 100 mUSD at even odds by the creator."""
    return markets.create_market(funding=100 * USD)


def test_buy__even_pool__pays_gnosis_amount_and_fee_stays_in_pool(
    markets: MarketsProtocol, market_id: int
) -> None:
    """Money flow: 10 mUSD trader → market; 0.1 mUSD of it is the fee, minted into the pool."""
    before = markets.collateral_of(markets.trader)
    expected = fpmm.buy_amount([100 * USD, 100 * USD], YES, 10 * USD, FEE_BPS)

    shares = markets.buy(markets.trader, market_id, YES, 10 * USD)

    after = markets.collateral_of(markets.trader)
    assert shares == expected.shares
    assert expected.fee_wei == USD // 10
    assert after[str(markets.trader)] == before[str(markets.trader)] - 10 * USD
    assert after[str(markets.market.address)] == before[str(markets.market.address)] + 10 * USD
    assert markets.market.positions(market_id, markets.trader) == [0, shares]
    assert markets.market.pool_balances(market_id) == [110 * USD, 110 * USD - shares]
    assert markets.market.totals(market_id) == (110 * USD, 10 * USD)
    assert markets.market.net_cost(market_id, markets.trader) == 10 * USD


def test_buy__quote__matches_calc_buy_amount(markets: MarketsProtocol, market_id: int) -> None:
    quote = markets.market.calc_buy_amount(market_id, YES, 3 * USD)

    assert markets.buy(markets.trader, market_id, YES, 3 * USD) == quote


def test_buy__below_min_shares__reverts_nothing_moves(
    markets: MarketsProtocol, market_id: int
) -> None:
    quote = markets.market.calc_buy_amount(market_id, YES, USD)
    before = markets.collateral_of(markets.trader)

    with boa.env.prank(markets.trader), boa.reverts("market: slippage"):
        markets.market.buy(market_id, YES, USD, quote + 1, 2**40)

    assert markets.collateral_of(markets.trader) == before
    assert markets.market.positions(market_id, markets.trader) == [0, 0]


def test_buy__past_deadline__reverts(markets: MarketsProtocol, market_id: int) -> None:
    with boa.env.prank(markets.trader), boa.reverts("market: expired"):
        markets.market.buy(market_id, YES, USD, 0, boa.env.timestamp - 1)


def test_buy__at_deadline__succeeds(markets: MarketsProtocol, market_id: int) -> None:
    assert markets.buy(markets.trader, market_id, YES, USD, deadline=boa.env.timestamp) > 0


def test_buy__at_close_time__reverts_closed(markets: MarketsProtocol, market_id: int) -> None:
    """A trade signed before close but mined at close time is refused."""
    close_s = markets.market.market(market_id).close_time
    boa.env.time_travel(seconds=close_s - 1 - boa.env.timestamp)
    markets.buy(markets.trader, market_id, YES, USD)
    boa.env.time_travel(seconds=1)
    before = markets.collateral_of(markets.trader)

    with boa.env.prank(markets.trader), boa.reverts("market: closed"):
        markets.market.buy(market_id, YES, USD, 0, 2**40)

    assert markets.collateral_of(markets.trader) == before


@pytest.mark.parametrize(
    ("outcome", "amount", "reason"),
    [(2, USD, "market: bad outcome"), (1, 0, "market: zero amount")],
)
def test_buy__bad_input__reverts(
    markets: MarketsProtocol, market_id: int, outcome: int, amount: int, reason: str
) -> None:
    with boa.env.prank(markets.trader), boa.reverts(reason):
        markets.market.buy(market_id, outcome, amount, 0, 2**40)


def test_buy__no_liquidity__reverts(markets: MarketsProtocol) -> None:
    market_id = markets.create_market()

    with boa.env.prank(markets.trader), boa.reverts("market: no liquidity"):
        markets.market.buy(market_id, YES, USD, 0, 2**40)


def test_buy__paused__reverts_and_sell_still_works(
    markets: MarketsProtocol, market_id: int
) -> None:
    markets.buy(markets.trader, market_id, YES, 10 * USD)
    with boa.env.prank(markets.oracle.owner):
        markets.market.pause()

    with boa.env.prank(markets.trader), boa.reverts("pausable: contract is paused"):
        markets.market.buy(market_id, YES, USD, 0, 2**40)
    assert markets.sell(markets.trader, market_id, YES, USD) > 0


def test_pause__not_owner__reverts(markets: MarketsProtocol) -> None:
    with boa.env.prank(markets.trader), boa.reverts("ownable: caller is not the owner"):
        markets.market.pause()


def test_sell__after_buy__pays_exact_collateral_out(
    markets: MarketsProtocol, market_id: int
) -> None:
    """Money flow: 5 mUSD market → trader for the shares the Gnosis formula asks."""
    bought = markets.buy(markets.trader, market_id, YES, 10 * USD)
    pool = markets.market.pool_balances(market_id)
    expected = fpmm.sell_amount(pool, YES, 5 * USD, FEE_BPS)
    before = markets.collateral_of(markets.trader)

    sold = markets.sell(markets.trader, market_id, YES, 5 * USD)

    after = markets.collateral_of(markets.trader)
    assert sold == expected.shares
    assert after[str(markets.trader)] == before[str(markets.trader)] + 5 * USD
    assert after[str(markets.market.address)] == before[str(markets.market.address)] - 5 * USD
    assert markets.market.positions(market_id, markets.trader) == [0, bought - sold]
    assert markets.market.net_cost(market_id, markets.trader) == 5 * USD


def test_sell__everything_back__returns_less_than_paid(
    markets: MarketsProtocol, market_id: int
) -> None:
    """A round trip pays two fees: selling back the whole 10 mUSD needs more shares than the
    buy gave."""
    bought = markets.buy(markets.trader, market_id, YES, 10 * USD)

    with boa.env.prank(markets.trader), boa.reverts("market: insufficient shares"):
        markets.market.sell(market_id, YES, 10 * USD, 2**256 - 1, 2**40)
    assert markets.market.calc_sell_amount(market_id, YES, 10 * USD) > bought


def test_sell__above_max_shares__reverts(markets: MarketsProtocol, market_id: int) -> None:
    markets.buy(markets.trader, market_id, YES, 10 * USD)
    needed = markets.market.calc_sell_amount(market_id, YES, USD)

    with boa.env.prank(markets.trader), boa.reverts("market: slippage"):
        markets.market.sell(market_id, YES, USD, needed - 1, 2**40)


def test_sell__more_than_pool_holds__reverts_insufficient_liquidity(
    markets: MarketsProtocol, market_id: int
) -> None:
    with boa.env.prank(markets.trader), boa.reverts("market: insufficient liquidity"):
        markets.market.sell(market_id, YES, 100 * USD, 2**256 - 1, 2**40)


def test_merge__complete_sets__returns_collateral(markets: MarketsProtocol, market_id: int) -> None:
    """Money flow: 40 mUSD market → creator for 40 No + 40 Yes of its own tokens."""
    markets.remove_liquidity(markets.creator, market_id, 40 * USD)
    before = markets.collateral_of(markets.creator)

    markets.merge(markets.creator, market_id, 40 * USD)

    after = markets.collateral_of(markets.creator)
    assert after[str(markets.creator)] == before[str(markets.creator)] + 40 * USD
    assert markets.market.positions(market_id, markets.creator) == [0, 0]
    assert markets.market.totals(market_id) == (60 * USD, 0)


def test_merge__missing_one_outcome__reverts(markets: MarketsProtocol, market_id: int) -> None:
    markets.buy(markets.trader, market_id, YES, USD)

    with boa.env.prank(markets.trader), boa.reverts("market: insufficient shares"):
        markets.market.merge(market_id, 1)


def test_merge__eight_outcomes__burns_every_outcome(markets: MarketsProtocol) -> None:
    market_id = markets.create_market(outcomes=tuple("abcdefgh"), funding=80 * USD)
    markets.remove_liquidity(markets.creator, market_id, 8 * USD)

    markets.merge(markets.creator, market_id, 8 * USD)

    assert markets.market.positions(market_id, markets.creator) == [0] * 8


# --- collateral tokens ------------------------------------------------------------------------


def test_buy__fee_on_transfer_collateral__reverts(markets: MarketsProtocol) -> None:
    """Rejected, not silently under-collateralized: the market checks what it received."""
    token = FEE_ON_TRANSFER_ERC20_DEPLOYER.deploy()
    token.mint(markets.creator, 100 * USD)
    with boa.env.prank(markets.creator):
        token.approve(markets.market.address, 2**256 - 1)
        with boa.reverts("market: fee on transfer"):
            markets.market.create_market(
                markets.args(collateral=str(token.address), funding=100 * USD).encode()
            )

    assert token.balanceOf(markets.market.address) == 0


def test_trade__no_return_collateral__accepted(markets: MarketsProtocol) -> None:
    """USDT-style tokens return nothing from transfer/transferFrom."""
    token = NO_RETURN_ERC20_DEPLOYER.deploy()
    token.mint(markets.creator, 100 * USD)
    with boa.env.prank(markets.creator):
        token.approve(markets.market.address, 2**256 - 1)
    market_id = markets.create_market(collateral=str(token.address), funding=100 * USD)

    markets.remove_liquidity(markets.creator, market_id, USD)
    markets.merge(markets.creator, market_id, USD)

    assert token.balanceOf(markets.creator) == USD


def test_create_market__false_returning_collateral__reverts(markets: MarketsProtocol) -> None:
    token = FALSE_RETURN_ERC20_DEPLOYER.deploy()
    token.set_fail(True)
    token.mint(markets.creator, 100 * USD)
    with boa.env.prank(markets.creator):
        token.approve(markets.market.address, 2**256 - 1)
        with boa.reverts("market: transfer failed"):
            markets.market.create_market(
                markets.args(collateral=str(token.address), funding=100 * USD).encode()
            )
