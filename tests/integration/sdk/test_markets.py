"""The SDK's markets against anvil: a market created with its Oracle request, traded, resolved
by staking on that request, and redeemed, with the money it moved; scalar and INVALID
resolutions; what is refused before anything is sent."""

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

import pytest

from fluxo.chain.bindings.erc20 import ERC20
from fluxo.chain.client import ChainClient
from fluxo.deployment import Deployment
from fluxo.devnet.devchain import DevChain
from fluxo.domain.outcome import INVALID_OUTCOME, number
from fluxo.sdk import (
    Fluxo,
    FluxoSync,
    InvalidMarket,
    MarketRevert,
    MarketSpec,
    MarketStatus,
    ScalarRange,
    Source,
)
from tests.harness.local_chain import TOKEN_WEI, VALIDATOR
from tests.harness.market_chain import (
    COUNTER_TRADER,
    LIQUIDITY_PROVIDER,
    TRADER,
    add_markets,
)
from tests.integration.sdk.conftest import CREATOR, SETTINGS, SdkChain

pytestmark = pytest.mark.integration

T = TypeVar("T")
CLOSE_IN_S = 600
PERIOD_S = 60
B0_WEI = SETTINGS.min_bond  # the markets requester's multiplier is neutral


@dataclass(frozen=True)
class MarketChain:
    url: str
    deployment: Deployment
    path: Path
    collateral: str

    def run(self, body: Callable[[Fluxo, DevChain], Awaitable[T]]) -> T:
        async def main() -> T:
            async with await Fluxo.connect(self.url, deployment=self.path) as fx:
                async with DevChain(self.url) as dev:
                    return await body(fx, dev)

        return asyncio.run(main())


@pytest.fixture
def market_chain(sdk_chain: SdkChain) -> MarketChain:
    holders = [CREATOR.address, TRADER.address, COUNTER_TRADER.address, LIQUIDITY_PROVIDER.address]

    async def body(client: ChainClient) -> tuple[Deployment, str]:
        deployment, collateral = await add_markets(client, sdk_chain.deployment, holders=holders)
        return deployment, collateral.address

    deployment, collateral = sdk_chain.chain.run(body)
    deployment.save(sdk_chain.path)
    return MarketChain(sdk_chain.chain.url, deployment, sdk_chain.path, collateral)


async def _spec(fx: Fluxo, collateral_token: str, **overrides: Any) -> MarketSpec:
    """A Yes/No esports market closing in 10 minutes, 1 % fee, 100 mUSD of equal-odds
    liquidity from the creator."""
    now_s = await fx.client.block_timestamp()
    fields: dict[str, Any] = {
        "question": "Who wins match 42?",
        "collateral": collateral_token,
        "close_time": now_s + CLOSE_IN_S,
        "challenge_period_s": PERIOD_S,
        "outcomes": ("Team A", "Team B"),
        "category": "esports",
        "sources": (Source("https://scores.example/match/42", "winner"),),
        "fee_bps": 100,
        "funding_wei": 100 * TOKEN_WEI,
    }
    fields.update(overrides)
    return MarketSpec(**fields)


async def _answer(fx: Fluxo, dev: DevChain, request_id: int, outcome: bytes) -> None:
    """Close the market, bond the request's round 0 on `outcome`, let the window expire and
    finalize: the Oracle's callback resolves the market."""
    params = await fx.requests.oracle.request_params(request_id)
    now_s = await fx.client.block_timestamp()
    await dev.time_travel(max(params.settlement_time - now_s, 0) + 1)
    await fx.requests.stake(VALIDATOR, request_id, outcome, B0_WEI)
    await dev.time_travel(PERIOD_S + 1)
    await fx.requests.finalize(VALIDATOR, request_id)


async def _collateral_of(fx: Fluxo, token: str, *accounts: str) -> list[int]:
    erc20 = ERC20(fx.client, token)
    return [await erc20.balance_of(account) for account in accounts]


def test_lifecycle__create_trade_resolve_redeem__money_flows_and_nothing_left(
    market_chain: MarketChain,
) -> None:
    """Money flow: the creator pays 2 fUSD validity bond + 1 fUSD oracle fee and 100 mUSD of
    liquidity; the trader pays 10 mUSD for Team A and sells back 2 mUSD worth; the counter
    trader pays 5 for Team B. Team A wins: the trader redeems its Team A shares, the creator
    the pool's Team A (which is the rest of the 113 mUSD held); the validity bond comes back."""
    collateral = market_chain.collateral

    async def body(fx: Fluxo, dev: DevChain) -> dict[str, Any]:
        market_address = fx.deployment.prediction_market
        assert market_address is not None
        accounts = (CREATOR.address, TRADER.address, market_address)
        seen: dict[str, Any] = {"start": await _collateral_of(fx, collateral, *accounts)}
        payment = ERC20(fx.client, fx.deployment.payment_token)
        fusd_before = await payment.balance_of(CREATOR.address)
        created = await fx.markets.create(
            CREATOR, await _spec(fx, collateral, oracle_fee_wei=TOKEN_WEI)
        )
        seen["created"] = created
        seen["fusd_paid"] = fusd_before - await payment.balance_of(CREATOR.address)
        seen["quote"] = await fx.markets.quote_buy(created.market_id, "team a", 10 * TOKEN_WEI)
        seen["bought"] = await fx.markets.buy(TRADER, created.market_id, "Team A", 10 * TOKEN_WEI)
        await fx.markets.buy(COUNTER_TRADER, created.market_id, 1, 5 * TOKEN_WEI)
        seen["sold"] = await fx.markets.sell(TRADER, created.market_id, 0, 2 * TOKEN_WEI)
        seen["traded"] = await _collateral_of(fx, collateral, *accounts)
        seen["open_position"] = await fx.markets.position(created.market_id, TRADER.address)
        await _answer(fx, dev, created.request_id, created.outcome_index("Team A").to_bytes(32))
        seen["resolved"] = await fx.markets.get(created.market_id)
        seen["trader_paid"] = await fx.markets.redeem(TRADER, created.market_id)
        seen["creator_paid"] = await fx.markets.redeem(CREATOR, created.market_id)
        seen["refund_wei"] = await fx.markets.withdraw_creator_refund(CREATOR, created.market_id)
        seen["end"] = await _collateral_of(fx, collateral, *accounts)
        seen["closed_position"] = await fx.markets.position(created.market_id, TRADER.address)
        return seen

    seen = market_chain.run(body)

    created = seen["created"]
    assert (created.market_id, created.category, created.labels) == (
        0,
        "esports",
        ("Team A", "Team B"),
    )
    assert created.prices == (5 * 10**17, 5 * 10**17)
    assert seen["fusd_paid"] == SETTINGS.validity_bond + TOKEN_WEI
    assert seen["bought"].shares == seen["quote"].shares  # nobody traded in between
    assert seen["sold"].collateral_out == 2 * TOKEN_WEI
    creator_start, trader_start, market_start = seen["start"]
    creator_traded, trader_traded, market_traded = seen["traded"]
    assert creator_start - creator_traded == 100 * TOKEN_WEI
    assert trader_start - trader_traded == 8 * TOKEN_WEI  # 10 in, 2 out
    assert market_traded - market_start == 113 * TOKEN_WEI  # 100 + 10 + 5 - 2
    assert seen["open_position"].paid_in_wei == 10 * TOKEN_WEI
    assert seen["open_position"].taken_out_wei == 2 * TOKEN_WEI
    resolved = seen["resolved"]
    assert (resolved.status, resolved.winner) == (MarketStatus.RESOLVED, "Team A")
    trader_paid, creator_paid = seen["trader_paid"], seen["creator_paid"]
    assert trader_paid.paid_wei == seen["bought"].shares - seen["sold"].shares
    assert trader_paid.paid_wei + creator_paid.liquidity_paid_wei == 113 * TOKEN_WEI
    assert seen["refund_wei"] == SETTINGS.validity_bond
    creator_end, trader_end, market_end = seen["end"]
    assert market_end == 0  # a categorical market leaves no dust once everyone redeemed
    assert trader_end - trader_start == trader_paid.paid_wei - 8 * TOKEN_WEI
    assert seen["closed_position"].pnl_wei == trader_end - trader_start


def test_scalar__long_bought_answer_at_a_quarter__pays_a_quarter_per_share(
    market_chain: MarketChain,
) -> None:
    """A scalar market over [-200.00, 800.00]; the answer 50.00 pays long (50 + 200) / 1000 =
    0.25 per share: the trader's long shares redeem for a quarter of their number."""
    collateral = market_chain.collateral

    async def body(fx: Fluxo, dev: DevChain) -> tuple[Any, ...]:
        spec = await _spec(
            fx,
            collateral,
            question="ETH/USD at close?",
            outcomes=(),
            scalar=ScalarRange(-20_000, 80_000, 2),
            category="crypto",
        )
        created = await fx.markets.create(CREATOR, spec)
        bought = await fx.markets.buy(TRADER, created.market_id, "long", 10 * TOKEN_WEI)
        await _answer(fx, dev, created.request_id, number(5_000))
        redeemed = await fx.markets.redeem(TRADER, created.market_id)
        return created, bought, redeemed

    created, bought, redeemed = market_chain.run(body)

    assert (created.is_scalar, created.scalar) == (True, ScalarRange(-20_000, 80_000, 2))
    assert created.labels == ("Short", "Long")
    assert bought.outcome == 1
    assert redeemed.paid_wei == bought.shares // 4


def test_invalid__answered_invalid__trader_refunded_its_net_cost(
    market_chain: MarketChain,
) -> None:
    """INVALID refunds the net cost basis: the trader paid 10 and took 3 out, so it gets 7 and
    ends where it started; the creator, the only provider, gets its 100 back."""
    collateral = market_chain.collateral

    async def body(fx: Fluxo, dev: DevChain) -> tuple[Any, ...]:
        before = await _collateral_of(fx, collateral, TRADER.address, CREATOR.address)
        created = await fx.markets.create(CREATOR, await _spec(fx, collateral))
        await fx.markets.buy(TRADER, created.market_id, 0, 10 * TOKEN_WEI)
        await fx.markets.sell(TRADER, created.market_id, 0, 3 * TOKEN_WEI)
        await _answer(fx, dev, created.request_id, INVALID_OUTCOME)
        market = await fx.markets.get(created.market_id)
        redeemed = await fx.markets.redeem(TRADER, created.market_id)
        provider = await fx.markets.redeem(CREATOR, created.market_id)
        after = await _collateral_of(fx, collateral, TRADER.address, CREATOR.address)
        return market, redeemed, provider, before, after

    market, redeemed, provider, before, after = market_chain.run(body)

    assert market.status is MarketStatus.INVALID
    assert redeemed.paid_wei == 7 * TOKEN_WEI
    assert provider.liquidity_paid_wei == 100 * TOKEN_WEI
    assert after == before


def test_liquidity__second_provider_adds_then_removes__gets_its_tokens_back(
    market_chain: MarketChain,
) -> None:
    """Money flow: the provider adds 50 mUSD at the pool's ratio and removes all its shares;
    merging the complete sets it got back returns collateral to it."""
    collateral = market_chain.collateral

    async def body(fx: Fluxo, _dev: DevChain) -> tuple[Any, ...]:
        created = await fx.markets.create(CREATOR, await _spec(fx, collateral))
        await fx.markets.buy(TRADER, created.market_id, 0, 10 * TOKEN_WEI)
        (before,) = await _collateral_of(fx, collateral, LIQUIDITY_PROVIDER.address)
        added = await fx.markets.add_liquidity(
            LIQUIDITY_PROVIDER, created.market_id, 50 * TOKEN_WEI
        )
        removed = await fx.markets.remove_liquidity(LIQUIDITY_PROVIDER, created.market_id)
        merged_wei = await fx.markets.merge(LIQUIDITY_PROVIDER, created.market_id)
        (after,) = await _collateral_of(fx, collateral, LIQUIDITY_PROVIDER.address)
        return added, removed, merged_wei, before, after

    added, removed, merged_wei, before, after = market_chain.run(body)

    assert added.collateral_in == 50 * TOKEN_WEI and added.shares > 0
    assert removed.shares == added.shares
    assert after - before == merged_wei - 50 * TOKEN_WEI
    # Rounding favours the pool: at most a few wei per outcome stay behind.
    assert 50 * TOKEN_WEI - 4 <= merged_wei <= 50 * TOKEN_WEI


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("close_time", {"close_time": 1}),
        ("challenge_period_s", {"challenge_period_s": SETTINGS.min_challenge_period - 1}),
        ("collateral", {"collateral": "0x000000000000000000000000000000000000dEaD"}),
    ],
)
def test_create__chain_bound_broken__invalid_market_and_nothing_sent(
    market_chain: MarketChain, field: str, overrides: dict[str, Any]
) -> None:
    async def body(fx: Fluxo, _dev: DevChain) -> tuple[int, int]:
        nonce = await fx.client.pending_count(CREATOR.address)
        with pytest.raises(InvalidMarket) as caught:
            await fx.markets.create(CREATOR, await _spec(fx, market_chain.collateral, **overrides))
        assert caught.value.field == field
        return nonce, await fx.client.pending_count(CREATOR.address)

    nonce_before, nonce_after = market_chain.run(body)

    assert nonce_before == nonce_after


def test_buy__market_closed__refused_with_the_contracts_reason_before_sending(
    market_chain: MarketChain,
) -> None:
    async def body(fx: Fluxo, dev: DevChain) -> tuple[int, int]:
        created = await fx.markets.create(CREATOR, await _spec(fx, market_chain.collateral))
        await dev.time_travel(CLOSE_IN_S)
        nonce = await fx.client.pending_count(TRADER.address)
        with pytest.raises(MarketRevert, match="market: closed"):
            await fx.markets.buy(TRADER, created.market_id, 0, TOKEN_WEI)
        with pytest.raises(InvalidMarket, match="outcome = 'Team C'"):
            await fx.markets.quote_buy(created.market_id, "Team C", TOKEN_WEI)
        return nonce, await fx.client.pending_count(TRADER.address)

    nonce_before, nonce_after = market_chain.run(body)

    assert nonce_before == nonce_after


def test_sync__board_and_categories__read_without_await(market_chain: MarketChain) -> None:
    async def body(fx: Fluxo, _dev: DevChain) -> None:
        esports = await _spec(fx, market_chain.collateral)
        await fx.markets.create(CREATOR, esports)
        await fx.markets.create(CREATOR, replace(esports, category="politics", funding_wei=0))
        await fx.markets.create(CREATOR, replace(esports, question="Match 43?"))

    market_chain.run(body)

    with FluxoSync.connect(market_chain.url, deployment=market_chain.path) as fx:
        board = fx.markets.list_markets()
        categories = fx.markets.categories()
        politics = fx.markets.list_markets(category="politics")

    assert [market.market_id for market in board] == [2, 1, 0]
    assert categories == {"esports": 2, "politics": 1}
    assert [(m.market_id, m.prices) for m in politics] == [(1, ())]  # unfunded: no odds yet
