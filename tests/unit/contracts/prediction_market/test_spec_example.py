"""SPEC Part IV.7, number for number."""

import boa
import pytest

from fluxo.domain.outcome import INVALID_OUTCOME, categorical, number
from fluxo.markets import payouts
from tests.harness.game import VALIDITY_BOND_WEI
from tests.harness.markets import USD, MarketsProtocol

NO, YES = 0, 1
BOUGHT = 18_908_189_262_966_333_030
SOLD = 9_434_134_056_137_084_529
HELD = 9_474_055_206_829_248_501
POOL_YES = 95_525_944_793_170_751_499


def _example(markets: MarketsProtocol) -> int:
    """Steps 1–3: create with 100 at even odds, buy Yes for 10, sell Yes for 5."""
    market_id = markets.create_market(funding=100 * USD, weights=(1, 1), fee_bps=100)
    assert markets.prices(market_id) == [USD // 2, USD // 2]

    assert markets.buy(markets.trader, market_id, YES, 10 * USD) == BOUGHT
    assert markets.market.pool_balances(market_id) == [110 * USD, 91_091_810_737_033_666_970]
    prices = markets.prices(market_id)
    assert prices == [452_986_177_821_799_919, 547_013_822_178_200_080]
    assert sum(prices) == USD - 1
    assert markets.market.totals(market_id) == (110 * USD, 10 * USD)

    assert markets.sell(markets.trader, market_id, YES, 5 * USD) == SOLD
    assert markets.market.pool_balances(market_id) == [105 * USD, POOL_YES]
    assert markets.market.positions(market_id, markets.trader) == [0, HELD]
    assert markets.market.net_cost(market_id, markets.trader) == 5 * USD
    return market_id


def test_spec_example__yes__trader_and_creator_share_105(markets: MarketsProtocol) -> None:
    """Money flow: 105 mUSD market → trader (9.47…) and creator (95.52…); 10 fUSD validity bond
    Oracle → market → creator."""
    market_id = _example(markets)
    markets.answer(market_id, categorical(YES))

    assert markets.redeem(markets.trader, market_id) == HELD
    assert markets.redeem_liquidity(markets.creator, market_id) == POOL_YES
    assert HELD + POOL_YES == 105 * USD
    assert markets.collateral.balanceOf(markets.market.address) == 0
    with boa.env.prank(markets.anyone):
        assert markets.market.withdraw_creator_refund(market_id) == VALIDITY_BOND_WEI


def test_spec_example__no__creator_takes_the_pool(markets: MarketsProtocol) -> None:
    market_id = _example(markets)
    markets.answer(market_id, categorical(NO))

    with boa.env.prank(markets.trader), boa.reverts("market: nothing to redeem"):
        markets.market.redeem(market_id)
    assert markets.redeem_liquidity(markets.creator, market_id) == 105 * USD


def test_spec_example__invalid__net_cost_back_and_book_back(markets: MarketsProtocol) -> None:
    market_id = _example(markets)
    markets.answer(market_id, INVALID_OUTCOME)

    assert markets.redeem(markets.trader, market_id) == 5 * USD
    assert markets.redeem_liquidity(markets.creator, market_id) == 100 * USD
    assert markets.collateral.balanceOf(markets.market.address) == 0


@pytest.mark.parametrize(("answer", "long_numerator"), [(50_00, 250_00), (1_000_00, 1_000_00)])
def test_spec_example__scalar__linear_and_clamped(
    markets: MarketsProtocol, answer: int, long_numerator: int
) -> None:
    market_id = markets.create_market(
        markets.scalar_args(lower=-200_00, upper=800_00, funding=10 * USD)
    )

    markets.answer(market_id, number(answer))

    assert markets.market.market(market_id).result == long_numerator
    payout = payouts.scalar_payout(-200_00, 800_00, answer)
    assert payout.numerators == (1_000_00 - long_numerator, long_numerator)
    if answer == 50_00:
        assert payout.pays([4 * USD, 8 * USD]) == 5 * USD
