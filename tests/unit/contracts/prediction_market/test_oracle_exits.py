"""The Oracle's exits seen from a market: creator refunds through pull payments, `cancel` of an
unanswered question, arbitration (a ruling, a bad ruling, a timeout), each ending the market."""

import boa
import pytest

from fluxo.domain.outcome import INVALID_OUTCOME, categorical
from tests.harness.game import (
    ARBITRATION_TIMEOUT_S,
    FEE_WEI,
    MAX_OPEN_PERIOD_S,
    VALIDITY_BOND_WEI,
)
from tests.harness.markets import USD, MarketsProtocol

NO, YES = 0, 1


@pytest.fixture
def market_id(markets: MarketsProtocol) -> int:
    """A Yes/No market, 100 mUSD of liquidity, the trader long 10 mUSD of Yes."""
    market_id = markets.create_market(funding=100 * USD)
    markets.buy(markets.trader, market_id, YES, 10 * USD)
    return market_id


def _refund_creator(markets: MarketsProtocol, market_id: int) -> int:
    before = markets.usd.balanceOf(markets.creator)
    with boa.env.prank(markets.anyone):
        markets.market.withdraw_creator_refund(market_id)
    paid: int = markets.usd.balanceOf(markets.creator) - before
    return paid


def test_withdraw_creator_refund__valid_outcome__pays_validity_bond(
    markets: MarketsProtocol, market_id: int
) -> None:
    """Money flow: the Oracle credits the validity bond (10 fUSD) to the market at
    finalization; anyone's call pulls it and pays the creator; the market keeps no fUSD."""
    markets.answer(market_id, categorical(YES))

    assert markets.market.creator_refund(market_id) == VALIDITY_BOND_WEI
    assert _refund_creator(markets, market_id) == VALIDITY_BOND_WEI
    assert markets.usd.balanceOf(markets.market.address) == 0
    assert markets.oracle.oracle.withdrawable(markets.usd.address, markets.market.address) == 0
    with boa.env.prank(markets.anyone), boa.reverts("refunds: nothing to refund"):
        markets.market.withdraw_creator_refund(market_id)


def test_withdraw_creator_refund__answered_invalid__nothing_to_refund(
    markets: MarketsProtocol, market_id: int
) -> None:
    """An INVALID answer costs the creator its validity bond (the Oracle pays it to stakers)."""
    markets.answer_invalid(market_id)

    with boa.env.prank(markets.anyone), boa.reverts("refunds: nothing to refund"):
        markets.market.withdraw_creator_refund(market_id)


def test_withdraw_creator_refund__two_markets__each_creator_gets_its_own(
    markets: MarketsProtocol, market_id: int
) -> None:
    """Credits of several markets pile up in the Oracle under one account (the market
    contract); each market books the credit that appeared with its own resolution."""
    other_id = markets.create_market(funding=10 * USD, oracle_fee=2 * USD)
    markets.answer(market_id, categorical(YES))
    markets.answer(other_id, categorical(NO))

    assert markets.market.creator_refund(market_id) == VALIDITY_BOND_WEI
    assert markets.market.creator_refund(other_id) == VALIDITY_BOND_WEI
    assert _refund_creator(markets, other_id) == VALIDITY_BOND_WEI
    assert _refund_creator(markets, market_id) == VALIDITY_BOND_WEI
    assert markets.usd.balanceOf(markets.market.address) == 0


def test_withdraw_creator_refund__third_party_withdrew_for_market__still_pays(
    markets: MarketsProtocol, market_id: int
) -> None:
    """Anyone may call the Oracle's `withdraw` for the market; the credit then already sits
    in the market and the refund is paid from there."""
    markets.answer(market_id, categorical(YES))
    markets.oracle.withdraw(markets.usd, markets.market.address, caller=markets.anyone)

    assert _refund_creator(markets, market_id) == VALIDITY_BOND_WEI


# --- cancel -----------------------------------------------------------------------------------


def test_cancel__unanswered_after_max_open_period__invalid_and_fee_and_bond_back(
    markets: MarketsProtocol, market_id: int
) -> None:
    """Money flow: nobody answered; anyone cancels through the market; the Oracle credits
    fee + validity bond (15 fUSD) to the market, which pays the creator; the trader gets its
    10 mUSD back and the creator's liquidity its 100 mUSD."""
    markets.settle(market_id)
    markets.oracle.time_travel(MAX_OPEN_PERIOD_S)

    markets.cancel(market_id)

    assert markets.market.market(market_id).status == 2
    assert markets.oracle.oracle.outcome_of(markets.request_id(market_id)) == (
        True,
        INVALID_OUTCOME,
    )
    assert _refund_creator(markets, market_id) == VALIDITY_BOND_WEI + FEE_WEI
    assert markets.redeem(markets.trader, market_id) == 10 * USD
    assert markets.redeem_liquidity(markets.creator, market_id) == 100 * USD
    assert markets.collateral.balanceOf(markets.market.address) == 0


def test_cancel__too_early__reverts_with_oracle_reason(
    markets: MarketsProtocol, market_id: int
) -> None:
    markets.settle(market_id)
    markets.oracle.time_travel(MAX_OPEN_PERIOD_S - 1)

    with boa.env.prank(markets.anyone), boa.reverts("oracle: still open"):
        markets.market.cancel(market_id)

    assert markets.market.market(market_id).status == 0


def test_cancel__round0_bonded__reverts_with_oracle_reason(
    markets: MarketsProtocol, market_id: int
) -> None:
    markets.settle(market_id)
    markets.oracle.bond_round0(markets.request_id(market_id), categorical(YES))
    markets.oracle.time_travel(MAX_OPEN_PERIOD_S)

    with boa.env.prank(markets.anyone), boa.reverts("oracle: already bonded"):
        markets.market.cancel(market_id)


def test_cancel__resolved_market__reverts(markets: MarketsProtocol, market_id: int) -> None:
    markets.answer(market_id, categorical(YES))

    with boa.env.prank(markets.anyone), boa.reverts("market: resolved"):
        markets.market.cancel(market_id)


# --- arbitration ------------------------------------------------------------------------------


def test_on_outcome__arbitrated__resolves_with_the_ruling(
    markets: MarketsProtocol, market_id: int
) -> None:
    markets.settle(market_id)
    request_id = markets.request_id(market_id)
    markets.oracle.escalate(request_id, categorical(YES), categorical(NO))

    markets.oracle.arbitrate(request_id, categorical(NO))

    assert (markets.market.market(market_id).status, markets.market.market(market_id).result) == (
        1,
        NO,
    )
    assert markets.market.creator_refund(market_id) == VALIDITY_BOND_WEI


def test_on_outcome__arbitration_timeout__invalid_and_fee_and_bond_back(
    markets: MarketsProtocol, market_id: int
) -> None:
    """Money flow: the arbitrator never rules; anyone finalizes INVALID; the Oracle credits
    fee + validity bond, the market books it for the creator and refunds the trader."""
    markets.settle(market_id)
    request_id = markets.request_id(market_id)
    markets.oracle.escalate(request_id, categorical(YES), categorical(NO))
    markets.oracle.time_travel(ARBITRATION_TIMEOUT_S)

    markets.oracle.finalize(request_id)

    assert markets.market.market(market_id).status == 2
    assert _refund_creator(markets, market_id) == VALIDITY_BOND_WEI + FEE_WEI
    assert markets.redeem(markets.trader, market_id) == 10 * USD
