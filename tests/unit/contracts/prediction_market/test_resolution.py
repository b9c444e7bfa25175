"""Resolution (`on_outcome`, `resolve`) and redemption (`redeem`, `redeem_liquidity`)."""

import boa
import pytest
from eth_abi import encode as abi_encode
from eth_utils import function_signature_to_4byte_selector as method_id

from fluxo.domain.outcome import categorical, number
from fluxo.markets import payouts
from tests.harness.checks import events
from tests.harness.deployers import REENTRANT_ERC20_DEPLOYER
from tests.harness.markets import USD, MarketsProtocol

NO, YES = 0, 1


@pytest.fixture
def market_id(markets: MarketsProtocol) -> int:
    """A Yes/No market, 100 mUSD of liquidity from the creator, the trader long 10 mUSD of Yes
    and the counter-trader long 10 mUSD of No."""
    market_id = markets.create_market(funding=100 * USD)
    markets.buy(markets.trader, market_id, YES, 10 * USD)
    markets.buy(markets.counter_trader, market_id, NO, 10 * USD)
    return market_id


def _redeem_everyone(markets: MarketsProtocol, market_id: int) -> None:
    for account in markets.traders:
        if markets.market.redeemable(market_id, account):
            markets.redeem(account, market_id)
        if markets.market.lp_shares(market_id, account)[0]:
            markets.redeem_liquidity(account, market_id)


# --- callback and pull ------------------------------------------------------------------------


def test_on_outcome__oracle_finalizes__resolves_in_the_same_transaction(
    markets: MarketsProtocol, market_id: int
) -> None:
    markets.answer(market_id, categorical(YES))

    info = markets.market.market(market_id)
    assert (info.status, info.result) == (1, YES)
    assert not events(markets.oracle.oracle, "CallbackFailed")


def test_on_outcome__not_the_oracle__reverts(markets: MarketsProtocol, market_id: int) -> None:
    request_id = markets.request_id(market_id)

    with boa.env.prank(markets.trader), boa.reverts("market: caller is not the oracle"):
        markets.market.on_outcome(request_id, categorical(YES))

    assert markets.market.market(market_id).status == 0


def test_on_outcome__index_out_of_range__resolves_invalid(
    markets: MarketsProtocol, market_id: int
) -> None:
    """A bad arbitrator's answer cannot make the callback revert: the market pays nobody a
    winner it does not have, and refunds cost bases instead."""
    markets.deliver(market_id, categorical(7))

    assert markets.market.market(market_id).status == 2
    assert markets.market.redeemable(market_id, markets.trader) == 10 * USD


def test_on_outcome__unknown_request_or_second_delivery__ignored(
    markets: MarketsProtocol, market_id: int
) -> None:
    markets.deliver(market_id, categorical(YES))
    with boa.env.prank(markets.oracle.oracle.address):
        markets.market.on_outcome(12_345, categorical(NO))
        markets.market.on_outcome(markets.request_id(market_id), categorical(NO))

    assert markets.market.market(market_id).result == YES


def test_resolve__oracle_not_final__reverts(markets: MarketsProtocol, market_id: int) -> None:
    """No resolution before the Oracle finalizes, which is never before close."""
    with boa.env.prank(markets.anyone), boa.reverts("market: not finalized"):
        markets.market.resolve(market_id)


def test_resolve__callback_lost__pulls_outcome_of(markets: MarketsProtocol) -> None:
    """The Oracle finalizes while the market is mid-call (a hostile collateral re-enters
    `finalize` from a merge), so `on_outcome` hits the market's reentrancy lock and the Oracle
    only logs `CallbackFailed`. Anyone then pulls the outcome with `resolve`."""
    token = REENTRANT_ERC20_DEPLOYER.deploy()
    token.mint(markets.creator, 100 * USD)
    with boa.env.prank(markets.creator):
        token.approve(markets.market.address, 2**256 - 1)
    market_id = markets.create_market(collateral=str(token.address), funding=100 * USD)
    markets.remove_liquidity(markets.creator, market_id, USD)
    markets.settle(market_id)
    request_id = markets.request_id(market_id)
    markets.oracle.bond_round0(request_id, categorical(NO))
    markets.oracle.expire_window(request_id)
    token.arm(
        markets.oracle.oracle.address,
        method_id("finalize(uint256)") + abi_encode(["uint256"], [request_id]),
        False,
    )

    markets.merge(markets.creator, market_id, USD)

    assert markets.oracle.oracle.outcome_of(request_id) == (True, categorical(NO))
    assert markets.market.market(market_id).status == 0
    markets.resolve(market_id)
    assert (markets.market.market(market_id).status, markets.market.market(market_id).result) == (
        1,
        NO,
    )
    with boa.env.prank(markets.anyone), boa.reverts("market: resolved"):
        markets.market.resolve(market_id)


def test_trade__after_resolution__reverts_resolved(
    markets: MarketsProtocol, market_id: int
) -> None:
    markets.deliver(market_id, categorical(YES))

    with boa.env.prank(markets.trader), boa.reverts("market: resolved"):
        markets.market.sell(market_id, YES, 1, 2**256 - 1, 2**40)
    with boa.env.prank(markets.creator), boa.reverts("market: resolved"):
        markets.market.remove_liquidity(market_id, 1, 2**40)
    with boa.env.prank(markets.creator), boa.reverts("market: resolved"):
        markets.market.merge(market_id, 1)


# --- categorical redemption -------------------------------------------------------------------


def test_redeem__winner__pays_one_per_share(markets: MarketsProtocol, market_id: int) -> None:
    """Money flow: the trader's Yes shares mUSD market → trader, one for one."""
    shares = markets.market.positions(market_id, markets.trader)[YES]
    markets.answer(market_id, categorical(YES))
    before = markets.collateral_of(markets.trader)

    paid = markets.redeem(markets.trader, market_id)

    after = markets.collateral_of(markets.trader)
    assert paid == shares
    assert after[str(markets.trader)] == before[str(markets.trader)] + shares
    assert after[str(markets.market.address)] == before[str(markets.market.address)] - shares


def test_redeem__twice__reverts_nothing_to_redeem(markets: MarketsProtocol, market_id: int) -> None:
    markets.answer(market_id, categorical(YES))
    markets.redeem(markets.trader, market_id)
    before = markets.collateral_of(markets.trader)

    with boa.env.prank(markets.trader), boa.reverts("market: nothing to redeem"):
        markets.market.redeem(market_id)

    assert markets.collateral_of(markets.trader) == before


def test_redeem__loser__reverts_nothing_to_redeem(markets: MarketsProtocol, market_id: int) -> None:
    markets.answer(market_id, categorical(YES))

    with boa.env.prank(markets.counter_trader), boa.reverts("market: nothing to redeem"):
        markets.market.redeem(market_id)


def test_redeem__before_resolution__reverts(markets: MarketsProtocol, market_id: int) -> None:
    with boa.env.prank(markets.trader), boa.reverts("market: not resolved"):
        markets.market.redeem(market_id)
    with boa.env.prank(markets.creator), boa.reverts("market: not resolved"):
        markets.market.redeem_liquidity(market_id)


def test_redeem_liquidity__valid__pays_pool_winning_tokens_and_empties_market(
    markets: MarketsProtocol, market_id: int
) -> None:
    """Money flow: after the trader redeems, the creator's shares take the pool's Yes tokens
    plus its own leftover Yes: the market ends empty."""
    pool_yes = markets.market.pool_balances(market_id)[YES]
    markets.answer(market_id, categorical(YES))

    lp_paid = markets.redeem_liquidity(markets.creator, market_id)
    _redeem_everyone(markets, market_id)

    assert lp_paid == pool_yes
    assert markets.collateral.balanceOf(markets.market.address) == 0


def test_redeem_liquidity__twice__reverts(markets: MarketsProtocol, market_id: int) -> None:
    markets.answer(market_id, categorical(NO))
    markets.redeem_liquidity(markets.creator, market_id)

    with boa.env.prank(markets.creator), boa.reverts("market: nothing to redeem"):
        markets.market.redeem_liquidity(market_id)


# --- scalar ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "clamped"),
    [
        (-1_000_00, -200_00),
        (-200_00, -200_00),
        (300_00, 300_00),
        (1_000_00, 800_00),
        (2**200, 800_00),
    ],
)
def test_redeem__scalar__pays_both_sides_linearly_clamped(
    markets: MarketsProtocol, answer: int, clamped: int
) -> None:
    """Money flow: short and long shares pay `(upper - x)` and `(x - lower)` over
    `upper - lower` each, with x clamped to [-200, 800] (2 decimals); nothing is left but
    less than 1 wei per holder."""
    market_id = markets.create_market(
        markets.scalar_args(lower=-200_00, upper=800_00, funding=100 * USD)
    )
    markets.buy(markets.trader, market_id, 1, 10 * USD)
    markets.buy(markets.counter_trader, market_id, 0, 7 * USD)
    held = markets.market.positions(market_id, markets.trader)

    markets.answer(market_id, number(answer))

    payout = payouts.scalar_payout(-200_00, 800_00, answer)
    assert payout.numerators == (800_00 - clamped, clamped + 200_00)
    assert markets.market.market(market_id).result == clamped + 200_00
    assert markets.market.redeemable(market_id, markets.trader) == payout.pays(held)
    _redeem_everyone(markets, market_id)
    assert markets.collateral.balanceOf(markets.market.address) <= 2


def test_resolve__scalar_invalid__refunds(markets: MarketsProtocol) -> None:
    market_id = markets.create_market(markets.scalar_args(lower=0, upper=10, funding=50 * USD))
    markets.buy(markets.trader, market_id, 1, 3 * USD)

    markets.answer_invalid(market_id)

    assert markets.market.market(market_id).status == 2
    assert markets.market.redeemable(market_id, markets.trader) == 3 * USD


# --- INVALID ----------------------------------------------------------------------------------


def test_redeem__invalid__refunds_net_cost_and_lps_get_the_rest(
    markets: MarketsProtocol, market_id: int
) -> None:
    """Money flow: each trader gets back what it paid (10 mUSD, fees included); the creator's
    liquidity shares take what is left (the 100 mUSD it put in); the market ends empty."""
    markets.answer_invalid(market_id)
    before = markets.collateral_of(markets.trader, markets.counter_trader, markets.creator)

    assert markets.redeem(markets.trader, market_id) == 10 * USD
    assert markets.redeem(markets.counter_trader, market_id) == 10 * USD
    assert markets.redeem_liquidity(markets.creator, market_id) == 100 * USD

    after = markets.collateral_of(markets.trader, markets.counter_trader, markets.creator)
    assert after[str(markets.market.address)] == 0
    assert after[str(markets.market.address)] == before[str(markets.market.address)] - 120 * USD


def test_redeem__invalid_after_partial_sell__refunds_net_only(
    markets: MarketsProtocol, market_id: int
) -> None:
    markets.sell(markets.trader, market_id, YES, 4 * USD)
    markets.answer_invalid(market_id)

    assert markets.redeem(markets.trader, market_id) == 6 * USD


def test_redeem__invalid_profit_taker__gets_nothing_lps_absorb_it(
    markets: MarketsProtocol,
) -> None:
    """The trader sells above its cost: its net is negative, INVALID pays it nothing, and the
    providers' residual is short by exactly the profit it took."""
    market_id = markets.create_market(funding=100 * USD)
    markets.buy(markets.trader, market_id, YES, 10 * USD)
    markets.buy(markets.counter_trader, market_id, YES, 50 * USD)
    bought = markets.market.positions(market_id, markets.trader)[YES]
    out = 11 * USD
    assert markets.market.calc_sell_amount(market_id, YES, out) <= bought
    markets.sell(markets.trader, market_id, YES, out)
    markets.answer_invalid(market_id)

    with boa.env.prank(markets.trader), boa.reverts("market: nothing to redeem"):
        markets.market.redeem(market_id)
    assert markets.redeem(markets.counter_trader, market_id) == 50 * USD
    assert markets.redeem_liquidity(markets.creator, market_id) == 100 * USD - 1 * USD
    assert markets.collateral.balanceOf(markets.market.address) == 0


def test_redeem__invalid_exited_provider__gets_its_book_back(
    markets: MarketsProtocol, market_id: int
) -> None:
    """A provider that left before INVALID carries its part of the book as cost basis."""
    markets.add_liquidity(markets.second_provider, market_id, 50 * USD)
    shares = markets.market.lp_shares(market_id, markets.second_provider)[0]
    markets.remove_liquidity(markets.second_provider, market_id, shares)
    markets.answer_invalid(market_id)

    assert markets.redeem(markets.second_provider, market_id) == 50 * USD
    _redeem_everyone(markets, market_id)
    assert markets.collateral.balanceOf(markets.market.address) == 0


def test_redeem__invalid_twice__reverts(markets: MarketsProtocol, market_id: int) -> None:
    markets.answer_invalid(market_id)
    markets.redeem(markets.trader, market_id)

    with boa.env.prank(markets.trader), boa.reverts("market: nothing to redeem"):
        markets.market.redeem(market_id)
