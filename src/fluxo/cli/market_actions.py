"""What each `fluxo market ...` command does on the chain, through the SDK's markets: read what
it needs, refuse (before anything is sent) what the market would revert or the signer cannot
pay, send, and return what the command prints. Imported by the commands when they run: it
pulls in web3."""

import asyncio
from dataclasses import dataclass
from typing import Final

from fluxo.chain.bindings.erc20 import ERC20
from fluxo.chain.bindings.prediction_market import Bought, LiquidityAdded, LiquidityRemoved, Sold
from fluxo.cli.amounts import format_units
from fluxo.cli.errors import Refused
from fluxo.cli.market_file import MarketInput
from fluxo.cli.output import utc
from fluxo.cli.request_actions import Context
from fluxo.cli.session import (
    Token,
    address_option,
    connected,
    contract_token,
    require_gas_funds,
    token,
)
from fluxo.exceptions import ConfigError, InvalidMarket
from fluxo.sdk import Fluxo, Market, MarketStatus, Position, Redemption

RESOLVED: Final = (MarketStatus.RESOLVED, MarketStatus.INVALID)


@dataclass(frozen=True, slots=True)
class MarketView:
    """A market with its collateral's symbol and decimals, and an account's position."""

    market: Market
    collateral: Token
    position: Position | None = None


@dataclass(frozen=True, slots=True)
class Traded:
    """A sent trade's event, with the market and the trader's position afterwards."""

    view: MarketView
    event: Bought | Sold | LiquidityAdded | LiquidityRemoved
    merged_wei: int = 0


@dataclass(frozen=True, slots=True)
class Redeemed:
    view: MarketView
    redemption: Redemption
    creator_refund_wei: int
    payment: Token


async def market_view(fx: Fluxo, market_id: int, account: str | None = None) -> MarketView:
    try:
        market = await fx.markets.get(market_id)
    except InvalidMarket as error:
        raise ConfigError("MARKET_ID", market_id, error.reason) from error
    held = None if account is None else await fx.markets.position(market_id, account)
    return MarketView(market, await token(fx.client, market.collateral), held)


# --- creating ---------------------------------------------------------------------------------


async def create(context: Context, given: MarketInput) -> MarketView:
    """Check the market against the chain (its clock, the Oracle's config, the collateral) and
    the creator's balances, then create it; nothing is sent when a check fails."""
    sender = context.signer
    async with connected(context.rpc_url, context.deployment) as fx:
        deployment = fx.deployment
        collateral_address = address_option(
            given.collateral or deployment.payment_token, given.where("collateral")
        )
        # Checked alone first: a gather would leave the other reads running when it fails.
        collateral = await contract_token(fx.client, collateral_address, given.where("collateral"))
        payment, flx = await asyncio.gather(
            token(fx.client, deployment.payment_token), token(fx.client, deployment.flux_token)
        )
        spec = given.spec(
            now_s=await fx.client.block_timestamp(),
            collateral=collateral.address,
            funding_wei=collateral.wei(given.funding, given.where("funding")),
            min_bond_wei=flx.wei(given.min_bond, given.where("min_bond")),
            oracle_fee_wei=payment.wei(given.oracle_fee, given.where("oracle_fee")),
        )
        try:
            await fx.markets.check(spec)
        except InvalidMarket as error:
            raise given.blame(error) from error
        payment_wei, funding_wei = await fx.markets.creation_cost(spec)
        needs = {payment.address: payment_wei}
        needs[collateral.address] = needs.get(collateral.address, 0) + funding_wei
        for address, needed_wei in needs.items():
            held_wei = await ERC20(fx.client, address).balance_of(sender.address)
            if held_wei < needed_wei:
                shown = payment if address == payment.address else collateral
                raise Refused(
                    f"{sender.address} holds {shown.show(held_wei)}; creating the market takes "
                    f"{shown.show(needed_wei)} (validity bond and oracle fee "
                    f"{payment.show(payment_wei)}, funding {collateral.show(funding_wei)})"
                )
        await require_gas_funds(fx.client, sender.address)
        created = await fx.markets.create(sender, spec)
        return MarketView(created, collateral)


# --- reading ----------------------------------------------------------------------------------


async def show(context: Context, market_id: int, account: str | None) -> MarketView:
    async with connected(context.rpc_url, context.deployment) as fx:
        return await market_view(fx, market_id, account)


async def listing(context: Context, category: str | None, limit: int) -> list[tuple[Market, Token]]:
    async with connected(context.rpc_url, context.deployment) as fx:
        markets = await fx.markets.list_markets(category=category, limit=limit)
        tokens: dict[str, Token] = {}
        for market in markets:
            if market.collateral not in tokens:
                tokens[market.collateral] = await token(fx.client, market.collateral)
        return [(market, tokens[market.collateral]) for market in markets]


async def categories(context: Context) -> dict[str, int]:
    async with connected(context.rpc_url, context.deployment) as fx:
        return await fx.markets.categories()


# --- trading ----------------------------------------------------------------------------------


async def trade(
    context: Context,
    market_id: int,
    outcome: str,
    amount: str,
    *,
    buying: bool,
    slippage_bps: int,
    deadline_s: int,
) -> Traded:
    """Buy `outcome` for `amount` collateral units, or sell it for exactly `amount`."""
    sender = context.signer
    async with connected(context.rpc_url, context.deployment) as fx:
        current = await market_view(fx, market_id)
        market, collateral = current.market, current.collateral
        index = _outcome(market, outcome)
        amount_wei = _positive(collateral, amount, "--amount")
        _require_trading(market)
        if not market.prices:
            raise Refused(
                f"market {market_id} has no liquidity yet: `fluxo market add-liquidity` first"
            )
        deadline = await fx.client.block_timestamp() + deadline_s
        if buying:
            await _require_held(fx, collateral, sender.address, amount_wei, "the buy")
            await require_gas_funds(fx.client, sender.address)
            event: Bought | Sold = await fx.markets.buy(
                sender, market_id, index, amount_wei, slippage_bps=slippage_bps, deadline=deadline
            )
        else:
            quote = await fx.markets.quote_sell(market_id, index, amount_wei)
            held = (await fx.markets.contract.positions(market_id, sender.address))[index]
            if held < quote.shares:
                raise Refused(
                    f"{sender.address} holds {format_units(held, collateral.decimals)} "
                    f"{market.labels[index]!r} shares; selling for {collateral.show(amount_wei)} "
                    f"takes {format_units(quote.shares, collateral.decimals)}"
                )
            await require_gas_funds(fx.client, sender.address)
            event = await fx.markets.sell(
                sender, market_id, index, amount_wei, slippage_bps=slippage_bps, deadline=deadline
            )
        return Traded(await market_view(fx, market_id, sender.address), event)


async def add_liquidity(
    context: Context, market_id: int, amount: str, weights: tuple[int, ...], deadline_s: int
) -> Traded:
    sender = context.signer
    async with connected(context.rpc_url, context.deployment) as fx:
        current = await market_view(fx, market_id)
        market, collateral = current.market, current.collateral
        amount_wei = _positive(collateral, amount, "--amount")
        _require_trading(market)
        if weights and market.liquidity_shares:
            raise ConfigError("--weight", weights[0], "only for a market without liquidity yet")
        if weights and len(weights) != len(market.labels):
            raise ConfigError(
                "--weight", list(weights), f"one per outcome: {len(market.labels)} expected"
            )
        await _require_held(fx, collateral, sender.address, amount_wei, "the liquidity")
        await require_gas_funds(fx.client, sender.address)
        try:
            added = await fx.markets.add_liquidity(
                sender,
                market_id,
                amount_wei,
                weights=weights,
                deadline=await fx.client.block_timestamp() + deadline_s,
            )
        except InvalidMarket as error:
            raise ConfigError("--weight", error.value, error.reason) from error
        return Traded(await market_view(fx, market_id, sender.address), added)


async def remove_liquidity(
    context: Context, market_id: int, shares: str | None, merge: bool, deadline_s: int
) -> Traded:
    """Remove `shares` (all by default) and, with `merge`, turn the complete sets the signer
    then holds into collateral."""
    sender = context.signer
    async with connected(context.rpc_url, context.deployment) as fx:
        current = await market_view(fx, market_id)
        market, collateral = current.market, current.collateral
        if market.status in RESOLVED:
            raise Refused(f"market {market_id} is resolved: `fluxo market redeem` pays LPs")
        held = (await fx.markets.contract.lp_shares(market_id, sender.address)).shares
        if held == 0:
            raise Refused(f"{sender.address} holds no liquidity in market {market_id}")
        amount = held
        if shares is not None:
            amount = collateral.wei(shares, "--shares")
            if not 0 < amount <= held:
                raise ConfigError(
                    "--shares", shares, f"more than 0, at most {collateral.show(held)}"
                )
        await require_gas_funds(fx.client, sender.address)
        removed = await fx.markets.remove_liquidity(
            sender, market_id, amount, deadline=await fx.client.block_timestamp() + deadline_s
        )
        merged_wei = 0
        if merge and min(await fx.markets.contract.positions(market_id, sender.address)):
            merged_wei = await fx.markets.merge(sender, market_id)
        return Traded(await market_view(fx, market_id, sender.address), removed, merged_wei)


async def redeem(context: Context, market_id: int) -> Redeemed:
    """Pay the signer what the resolved market owes it, and the creator's Oracle refund if the
    signer created it."""
    sender = context.signer
    async with connected(context.rpc_url, context.deployment) as fx:
        current = await market_view(fx, market_id)
        market = current.market
        if market.status not in RESOLVED:
            raise Refused(
                f"market {market_id} is {market.status.value}, not resolved yet "
                f"(the Oracle settles its question from {utc(market.settlement_time)})"
            )
        contract = fx.markets.contract
        owed_wei = await contract.redeemable(market_id, sender.address)
        lp = await contract.lp_shares(market_id, sender.address)
        refund_wei = (
            await contract.creator_refund(market_id) if market.creator == sender.address else 0
        )
        if owed_wei == 0 and lp.shares == 0 and refund_wei == 0:
            raise Refused(f"market {market_id} owes {sender.address} nothing")
        await require_gas_funds(fx.client, sender.address)
        redemption = Redemption(market_id, sender.address, 0, 0)
        if owed_wei or lp.shares:
            redemption = await fx.markets.redeem(sender, market_id)
        if refund_wei:
            refund_wei = await fx.markets.withdraw_creator_refund(sender, market_id)
        return Redeemed(
            await market_view(fx, market_id, sender.address),
            redemption,
            refund_wei,
            await token(fx.client, fx.deployment.payment_token),
        )


# --- checks -----------------------------------------------------------------------------------


def _outcome(market: Market, outcome: str) -> int:
    try:
        return market.outcome_index(outcome)
    except InvalidMarket as error:
        raise ConfigError("OUTCOME", outcome, error.reason) from error


def _positive(collateral: Token, amount: str, flag: str) -> int:
    amount_wei = collateral.wei(amount, flag)
    if amount_wei == 0:
        raise ConfigError(flag, amount, "must be more than 0")
    return amount_wei


def _require_trading(market: Market) -> None:
    if market.status in RESOLVED:
        raise Refused(f"market {market.market_id} is {market.status.value}: trading is over")
    if market.status is MarketStatus.CLOSED:
        raise Refused(f"market {market.market_id} closed at {utc(market.close_time)}")


async def _require_held(
    fx: Fluxo, collateral: Token, account: str, amount_wei: int, what: str
) -> None:
    held_wei = await ERC20(fx.client, collateral.address).balance_of(account)
    if held_wei < amount_wei:
        raise Refused(
            f"{account} holds {collateral.show(held_wei)}; {what} takes "
            f"{collateral.show(amount_wei)}"
        )
