"""Prediction markets through the SDK: create one (its Oracle request comes with it), read the
board with its odds, quote and trade, provide liquidity, and redeem after the Oracle answers.

    async with await Fluxo.connect(rpc_url, deployment="deployment.json") as fx:
        market = await fx.markets.create(creator, spec)          # a `MarketSpec`, checked first
        quote = await fx.markets.quote_buy(market.market_id, "Team A", 10 * 10**18)
        bought = await fx.markets.buy(trader, market.market_id, "Team A", 10 * 10**18)
        ...                                                       # the Oracle answers
        redeemed = await fx.markets.redeem(trader, market.market_id)

Odds are the pool's marginal prices (`fluxo.markets.fpmm.prices`, scaled by 10**18), and quotes
are the contract's own math run locally on its pool, so a quote is what the trade gives if the
pool does not move first; `slippage_bps` (1 % by default) bounds how far it may move, and the
deadline (10 minutes of chain time by default) how long the transaction may wait. Everything a
trade would be refused for is found before sending: bad input raises `InvalidMarket` naming the
field, and what the market's state refuses now raises `MarketRevert` with the contract's reason.
Collateral (and the Oracle's payment token, for creation) is approved on the way when needed.
"""

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Final

from eth_abi.abi import decode
from eth_account.signers.local import LocalAccount
from eth_typing import ChecksumAddress
from hexbytes import HexBytes

from fluxo.chain.binding import EventLog
from fluxo.chain.bindings.erc20 import ERC20
from fluxo.chain.bindings.oracle import Oracle, RequestCreated
from fluxo.chain.bindings.prediction_market import (
    _CREATE_MARKET,
    Bought,
    LiquidityAdded,
    LiquidityRedeemed,
    LiquidityRemoved,
    MarketCreated,
    Merged,
    PredictionMarket,
    Redeemed,
    Sold,
)
from fluxo.chain.client import ChainClient
from fluxo.deployment import Deployment
from fluxo.domain.address import parse_address
from fluxo.domain.request_args import Source
from fluxo.exceptions import ChainError, ConfigError, InvalidMarket
from fluxo.markets import fpmm, payouts
from fluxo.markets.errors import MarketRevert
from fluxo.markets.spec import (
    CATEGORY_TAG_PREFIX,
    SCALAR_LABELS,
    MarketSpec,
    ScalarRange,
    check_market,
)
from fluxo.sdk.logs import events

MAX_UINT256: Final = 2**256 - 1
DEFAULT_SLIPPAGE_BPS: Final = 100
DEFAULT_DEADLINE_S: Final = 600
# The contract's `status` field.
_RESOLVED: Final = 1
_INVALID: Final = 2


class MarketStatus(Enum):
    """Where a market is: trading until its close time, then waiting for the Oracle."""

    TRADING = "trading"
    CLOSED = "closed"  # past close_time, not resolved yet
    RESOLVED = "resolved"
    INVALID = "invalid"  # resolved INVALID: every account's net cost basis is refunded


@dataclass(frozen=True, slots=True)
class Market:
    """A market as its views and its Oracle request describe it now.

    `prices` are the outcomes' marginal prices scaled by `fpmm.ONE` (empty while the pool
    holds nothing). `complete_sets_wei` is the collateral the market holds while it trades
    (complete sets outstanding); once resolved it stays at its last value, redemptions aside.
    `scalar` is None for a categorical market, and also for a scalar one whose bounds cannot
    be read (see `MarketsApi._scalar_range`), which `is_scalar` still tells apart.
    """

    market_id: int
    request_id: int
    creator: ChecksumAddress
    collateral: ChecksumAddress
    question: str
    category: str
    labels: tuple[str, ...]
    is_scalar: bool
    scalar: ScalarRange | None
    sources: tuple[Source, ...]
    fee_bps: int
    close_time: int
    settlement_time: int
    status: MarketStatus
    pool_wei: tuple[int, ...]
    prices: tuple[int, ...]
    liquidity_shares: int
    complete_sets_wei: int
    result: int
    created_block: int

    @property
    def winner(self) -> str | None:
        """The winning label of a resolved categorical market."""
        if self.status is MarketStatus.RESOLVED and not self.is_scalar:
            return self.labels[self.result]
        return None

    def outcome_index(self, outcome: str | int) -> int:
        """An outcome by label (case and surrounding spaces ignored) or index."""
        folded = [label.strip().casefold() for label in self.labels]
        wanted = str(outcome).strip().casefold()
        if isinstance(outcome, int) and not isinstance(outcome, bool):
            index = outcome
        elif wanted in folded:  # a label first: "3" is a label where labels are numbers
            index = folded.index(wanted)
        elif wanted.isdigit():
            index = int(wanted)
        else:
            raise InvalidMarket("outcome", outcome, f"not one of {list(self.labels)}")
        if not 0 <= index < len(self.labels):
            raise InvalidMarket("outcome", outcome, f"index outside 0..{len(self.labels) - 1}")
        return index


@dataclass(frozen=True, slots=True)
class Quote:
    """What a trade gives now: `shares` of `outcome` for `collateral_wei` (a buy: paid, fee
    included; a sell: received), the pool's `fee_wei`, and the outcome's price before and
    after (scaled by `fpmm.ONE`)."""

    market_id: int
    outcome: int
    collateral_wei: int
    shares: int
    fee_wei: int
    price_before: int
    price_after: int

    @property
    def average_price(self) -> int:
        """Collateral per share, scaled by `fpmm.ONE`."""
        return self.collateral_wei * fpmm.ONE // self.shares if self.shares else 0


@dataclass(frozen=True, slots=True)
class Position:
    """An account's stake in a market, and its profit or loss in collateral wei.

    `value_wei` is what its holdings are worth now: at the pool's prices while the market
    trades (the outcome tokens it holds, plus its part of the pool), what `redeem` would pay
    once resolved. `paid_in_wei` and `taken_out_wei` add up its buys and liquidity, and its
    sells, merges and redemptions, from the market's events.
    """

    market_id: int
    account: ChecksumAddress
    shares: tuple[int, ...]
    net_cost_wei: int
    lp_shares: int
    lp_book_wei: int
    value_wei: int
    paid_in_wei: int
    taken_out_wei: int

    @property
    def pnl_wei(self) -> int:
        return self.taken_out_wei + self.value_wei - self.paid_in_wei


@dataclass(frozen=True, slots=True)
class Redemption:
    """What `redeem` paid: for outcome tokens (or the INVALID refund) and for liquidity."""

    market_id: int
    account: ChecksumAddress
    paid_wei: int
    liquidity_paid_wei: int


# The events that move an account's collateral in or out of a market.
_MONEY_EVENTS: Final = (
    Bought,
    Sold,
    Merged,
    Redeemed,
    LiquidityAdded,
    LiquidityRedeemed,
)


class MarketsApi:
    """Every market operation of the SDK, on the deployment's PredictionMarket."""

    def __init__(self, client: ChainClient, deployment: Deployment) -> None:
        self._client = client
        self._deployment = deployment
        self._oracle = Oracle(client, deployment.oracle)
        self._market = (
            None
            if deployment.prediction_market is None
            else PredictionMarket(client, deployment.prediction_market)
        )

    @property
    def contract(self) -> PredictionMarket:
        if self._market is None:
            raise ConfigError(
                "prediction_market",
                None,
                "the deployment has no PredictionMarket (deploy one with `fluxo deploy --markets`)",
            )
        return self._market

    # --- creating ---------------------------------------------------------------------------

    async def check(self, spec: MarketSpec) -> MarketSpec:
        """`spec` checked against the chain now (its clock, the Oracle's config and the
        market's standing as a requester, the collateral's code): `InvalidMarket` names the
        field `create_market` would refuse."""
        market = self.contract
        info = await self._oracle.requester_info(market.address)
        if not info.whitelisted:
            raise ConfigError("prediction_market", market.address, "not whitelisted by the Oracle")
        config_id, now_s, market_id = await asyncio.gather(
            self._oracle.latest_config_id(), self._client.block_timestamp(), market.market_count()
        )
        config = await self._oracle.config(config_id)
        check_market(
            spec,
            now_s=now_s,
            config=config,
            stake_multiplier_bps=info.stake_multiplier_bps,
            market_id=market_id,
        )
        if await self._client.code_size(spec.collateral) == 0:
            raise InvalidMarket("collateral", spec.collateral, "no contract at this address")
        return spec

    async def creation_cost(self, spec: MarketSpec) -> tuple[int, int]:
        """(payment-token wei, collateral wei) creating `spec` takes from its creator: the
        Oracle's validity bond plus the oracle fee, and the initial funding."""
        config = await self._oracle.config(await self._oracle.latest_config_id())
        return config.validity_bond + spec.oracle_fee_wei, spec.funding_wei

    async def create(self, sender: LocalAccount, spec: MarketSpec) -> Market:
        """Create the market and its Oracle request, paying the validity bond, the oracle fee
        and the initial funding from `sender` (approving the market for them if needed)."""
        await self.check(spec)
        market = self.contract
        config = await self._oracle.config(await self._oracle.latest_config_id())
        payment_wei = config.validity_bond + spec.oracle_fee_wei
        await self._approve(sender, config.payment_token, payment_wei)
        await self._approve(sender, spec.collateral, spec.funding_wei)
        receipt = await market.create_market(sender, spec.encode())
        created = market.single_event(receipt, MarketCreated)
        return await self.get(created.market_id)

    # --- reading ----------------------------------------------------------------------------

    async def count(self) -> int:
        return await self.contract.market_count()

    async def get(self, market_id: int) -> Market:
        """The market now; `InvalidMarket` for an id that was never issued."""
        await self._check_id(market_id)
        created = await self._request_created(market_id)
        return await self._read(market_id, created)

    async def list_markets(
        self, *, category: str | None = None, limit: int | None = None
    ) -> list[Market]:
        """Markets newest first (at most `limit`), optionally only one category's."""
        market = self.contract
        created = await events(
            self._client, self._oracle, (RequestCreated,), self._deployment.start_block
        )
        by_request = {
            event.request_id: event
            for event in created
            if isinstance(event, RequestCreated) and event.requester == market.address
        }
        found: list[Market] = []
        for market_id in reversed(range(await market.market_count())):
            if limit is not None and len(found) >= limit:
                break
            request_id = (await market.market(market_id))[6]
            if request_id not in by_request:
                raise ChainError(
                    f"no RequestCreated event for market {market_id}'s request {request_id} "
                    f"since block {self._deployment.start_block}"
                )
            read = await self._read(market_id, by_request[request_id])
            if category is None or read.category == category:
                found.append(read)
        return found

    async def categories(self) -> dict[str, int]:
        """Each category tag with its number of markets, most markets first."""
        counts: dict[str, int] = {}
        for market in await self.list_markets():
            counts[market.category] = counts.get(market.category, 0) + 1
        return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))

    async def position(self, market_id: int, account: str) -> Position:
        """`account`'s outcome tokens, liquidity, their value now and its P&L."""
        try:
            holder = parse_address(account)
        except ValueError as error:
            raise InvalidMarket("account", account, str(error)) from error
        current = await self.get(market_id)
        market = self.contract
        shares, net_cost_wei, lp = await asyncio.gather(
            market.positions(market_id, holder),
            market.net_cost(market_id, holder),
            market.lp_shares(market_id, holder),
        )
        history = await events(
            self._client,
            market,
            _MONEY_EVENTS,
            current.created_block,
            topic1=market_id.to_bytes(32, "big"),
        )
        paid_in_wei, taken_out_wei = _money_moved(history, holder)
        value_wei = await self._value(current, shares, lp.shares, lp.book, holder)
        return Position(
            market_id,
            holder,
            shares,
            net_cost_wei,
            lp.shares,
            lp.book,
            value_wei,
            paid_in_wei,
            taken_out_wei,
        )

    # --- trading ----------------------------------------------------------------------------

    async def quote_buy(self, market_id: int, outcome: str | int, collateral_in_wei: int) -> Quote:
        """What buying `outcome` for `collateral_in_wei` (fee included) gives now."""
        return _quote(await self.get(market_id), outcome, collateral_in_wei, buying=True)

    async def quote_sell(
        self, market_id: int, outcome: str | int, collateral_out_wei: int
    ) -> Quote:
        """The shares of `outcome` selling for exactly `collateral_out_wei` takes now."""
        return _quote(await self.get(market_id), outcome, collateral_out_wei, buying=False)

    async def buy(
        self,
        sender: LocalAccount,
        market_id: int,
        outcome: str | int,
        collateral_in_wei: int,
        *,
        slippage_bps: int = DEFAULT_SLIPPAGE_BPS,
        deadline: int | None = None,
    ) -> Bought:
        """Buy `outcome` for `collateral_in_wei`, taking at least the quote less
        `slippage_bps`, valid until `deadline` (unix s; default: 10 minutes from now)."""
        _require_slippage(slippage_bps)
        current = await self.get(market_id)
        quote = _quote(current, outcome, collateral_in_wei, buying=True)
        await self._require_trading(current, buying=True)
        await self._approve(sender, current.collateral, collateral_in_wei)
        market = self.contract
        receipt = await market.buy(
            sender,
            market_id,
            quote.outcome,
            collateral_in_wei,
            quote.shares * (fpmm.BPS - slippage_bps) // fpmm.BPS,
            await self._deadline(deadline),
        )
        return market.single_event(receipt, Bought)

    async def sell(
        self,
        sender: LocalAccount,
        market_id: int,
        outcome: str | int,
        collateral_out_wei: int,
        *,
        slippage_bps: int = DEFAULT_SLIPPAGE_BPS,
        deadline: int | None = None,
    ) -> Sold:
        """Sell `outcome` for exactly `collateral_out_wei`, giving at most the quote plus
        `slippage_bps` (and never more than held), valid until `deadline`."""
        _require_slippage(slippage_bps)
        current = await self.get(market_id)
        quote = _quote(current, outcome, collateral_out_wei, buying=False)
        await self._require_trading(current, buying=False)
        market = self.contract
        held = (await market.positions(market_id, sender.address))[quote.outcome]
        if held < quote.shares:
            raise MarketRevert("market: insufficient shares")
        receipt = await market.sell(
            sender,
            market_id,
            quote.outcome,
            collateral_out_wei,
            min(held, fpmm.ceil_div(quote.shares * (fpmm.BPS + slippage_bps), fpmm.BPS)),
            await self._deadline(deadline),
        )
        return market.single_event(receipt, Sold)

    async def add_liquidity(
        self,
        sender: LocalAccount,
        market_id: int,
        collateral_in_wei: int,
        *,
        weights: Sequence[int] = (),
        slippage_bps: int = DEFAULT_SLIPPAGE_BPS,
        deadline: int | None = None,
    ) -> LiquidityAdded:
        """Add `collateral_in_wei` of liquidity: at the pool's ratio, or at `weights` (one per
        outcome; equal if omitted) when the pool is empty. The outcome tokens the ratio leaves
        over are credited to `sender`."""
        _require_slippage(slippage_bps)
        _require_amount("collateral_in_wei", collateral_in_wei)
        current = await self.get(market_id)
        await self._require_trading(current, buying=True)
        chosen = tuple(weights)
        if current.liquidity_shares == 0:
            chosen = chosen or (1,) * len(current.labels)
            if len(chosen) != len(current.labels) or not all(
                1 <= w <= fpmm.MAX_UINT128 for w in chosen
            ):
                raise InvalidMarket(
                    "weights", chosen, f"{len(current.labels)} weights of 1 to 2**128 - 1"
                )
            expected = fpmm.initial_funding(collateral_in_wei, chosen).shares
        else:
            if chosen:
                raise InvalidMarket("weights", chosen, "only for the first liquidity")
            expected = fpmm.add_funding(
                current.pool_wei, current.liquidity_shares, collateral_in_wei
            ).shares
            if expected == 0:
                raise InvalidMarket("collateral_in_wei", collateral_in_wei, "buys 0 shares")
        await self._approve(sender, current.collateral, collateral_in_wei)
        market = self.contract
        receipt = await market.add_liquidity(
            sender,
            market_id,
            collateral_in_wei,
            chosen if current.liquidity_shares == 0 else (),
            max(1, expected * (fpmm.BPS - slippage_bps) // fpmm.BPS),
            await self._deadline(deadline),
        )
        return market.single_event(receipt, LiquidityAdded)

    async def remove_liquidity(
        self,
        sender: LocalAccount,
        market_id: int,
        shares: int | None = None,
        *,
        deadline: int | None = None,
    ) -> LiquidityRemoved:
        """Remove `shares` of `sender`'s liquidity (all of it by default); the pool's outcome
        tokens come back as positions (`merge` turns complete sets into collateral)."""
        market = self.contract
        current = await self.get(market_id)
        if current.status in (MarketStatus.RESOLVED, MarketStatus.INVALID):
            raise MarketRevert("market: resolved")
        held = (await market.lp_shares(market_id, sender.address)).shares
        amount = held if shares is None else shares
        if held == 0:
            raise MarketRevert("market: insufficient shares")
        if not 0 < amount <= held:
            raise InvalidMarket("shares", amount, f"more than 0, at most the {held} held")
        receipt = await market.remove_liquidity(
            sender, market_id, amount, await self._deadline(deadline)
        )
        return market.single_event(receipt, LiquidityRemoved)

    async def merge(self, sender: LocalAccount, market_id: int, amount: int | None = None) -> int:
        """Burn `amount` complete sets (by default all `sender` holds) for as much collateral;
        returns the amount merged."""
        market = self.contract
        held = min(await market.positions(market_id, sender.address))
        chosen = held if amount is None else amount
        if held == 0:
            raise MarketRevert("market: insufficient shares")
        if not 0 < chosen <= held:
            raise InvalidMarket("amount", chosen, f"more than 0, at most the {held} sets held")
        receipt = await market.merge(sender, market_id, chosen)
        return market.single_event(receipt, Merged).amount

    # --- resolving --------------------------------------------------------------------------

    async def resolve(self, sender: LocalAccount, market_id: int) -> Market:
        """Pull the Oracle's final outcome into the market (if its callback never arrived)."""
        await self.contract.resolve(sender, market_id)
        return await self.get(market_id)

    async def cancel(self, sender: LocalAccount, market_id: int) -> Market:
        """End a market whose question nobody answered in time as INVALID."""
        await self.contract.cancel(sender, market_id)
        return await self.get(market_id)

    async def redeem(self, sender: LocalAccount, market_id: int) -> Redemption:
        """Collect what a resolved market owes `sender`: its outcome tokens' payout (or, on
        INVALID, its net cost basis) and its liquidity's part of the pool."""
        market = self.contract
        current = await self.get(market_id)
        if current.status not in (MarketStatus.RESOLVED, MarketStatus.INVALID):
            raise MarketRevert("market: not resolved")
        owed_wei = await market.redeemable(market_id, sender.address)
        lp = await market.lp_shares(market_id, sender.address)
        if owed_wei == 0 and lp.shares == 0:
            raise MarketRevert("market: nothing to redeem")
        paid_wei = liquidity_wei = 0
        if owed_wei:
            receipt = await market.redeem(sender, market_id)
            paid_wei = market.single_event(receipt, Redeemed).amount
        if lp.shares:
            receipt = await market.redeem_liquidity(sender, market_id)
            liquidity_wei = market.single_event(receipt, LiquidityRedeemed).amount
        return Redemption(market_id, sender.address, paid_wei, liquidity_wei)

    async def withdraw_creator_refund(self, sender: LocalAccount, market_id: int) -> int:
        """Pay the creator the Oracle's refunds booked to the market (its validity bond after a
        valid answer); returns the payment-token wei paid."""
        market = self.contract
        refund_wei = await market.creator_refund(market_id)
        if refund_wei == 0:
            raise MarketRevert("refunds: nothing to refund")
        await market.withdraw_creator_refund(sender, market_id)
        return refund_wei

    # --- internals --------------------------------------------------------------------------

    async def _check_id(self, market_id: int) -> None:
        count = await self.contract.market_count()
        if not 0 <= market_id < count:
            known = f"0 to {count - 1}" if count else "none yet"
            raise InvalidMarket("market_id", market_id, f"no such market (ids: {known})")

    async def _request_created(self, market_id: int) -> RequestCreated:
        request_id = (await self.contract.market(market_id))[6]
        found = await events(
            self._client,
            self._oracle,
            (RequestCreated,),
            self._deployment.start_block,
            topic1=request_id.to_bytes(32, "big"),
        )
        for event in found:
            if isinstance(event, RequestCreated):
                return event
        raise ChainError(f"no RequestCreated event for market {market_id}'s request {request_id}")

    async def _read(self, market_id: int, created: RequestCreated) -> Market:
        market = self.contract
        info, pool, liquidity, totals, now_s = await asyncio.gather(
            market.market(market_id),
            market.pool_balances(market_id),
            market.liquidity(market_id),
            market.totals(market_id),
            self._client.block_timestamp(),
        )
        collateral, _, is_scalar, status, fee_bps, close_time, request_id, creator, result = info
        params = await self._oracle.request_params(request_id)
        scalar = await self._scalar_range(market_id, created) if is_scalar else None
        category = next(
            (
                tag.removeprefix(CATEGORY_TAG_PREFIX)
                for tag in created.tags
                if tag.startswith(CATEGORY_TAG_PREFIX)
            ),
            "",
        )
        return Market(
            market_id=market_id,
            request_id=request_id,
            creator=creator,
            collateral=collateral,
            question=created.description,
            category=category,
            labels=SCALAR_LABELS if is_scalar else created.outcomes,
            is_scalar=is_scalar,
            scalar=scalar,
            sources=created.sources,
            fee_bps=fee_bps,
            close_time=close_time,
            settlement_time=params.settlement_time,
            status=_status(status, close_time, now_s),
            pool_wei=pool,
            prices=fpmm.prices(pool) if all(pool) else (),
            liquidity_shares=liquidity.shares,
            complete_sets_wei=totals.complete_sets,
            result=result,
            created_block=created.block_number,
        )

    async def _scalar_range(self, market_id: int, created: RequestCreated) -> ScalarRange | None:
        """A scalar market's bounds, from the `create_market` call that made it: no view
        returns them. None when another contract made the call (its input is not ours)."""
        market = self.contract
        logs = await events(
            self._client,
            market,
            (MarketCreated,),
            created.block_number,
            topic1=market_id.to_bytes(32, "big"),
            to_block=created.block_number,
        )
        if not logs:
            return None
        transaction = await self._client.w3.eth.get_transaction(HexBytes(logs[0].transaction_hash))
        data = bytes(transaction["input"])
        if transaction.get("to") != market.address or data[:4] != _CREATE_MARKET.selector:
            return None
        (args,) = decode(list(_CREATE_MARKET.inputs), data[4:])
        return ScalarRange(lower=args[6], upper=args[7], decimals=args[5])

    async def _value(
        self, current: Market, shares: Sequence[int], lp_shares: int, lp_book: int, holder: str
    ) -> int:
        market = self.contract
        if current.status in (MarketStatus.TRADING, MarketStatus.CLOSED):
            if not current.prices:
                return 0
            held = sum(s * p for s, p in zip(shares, current.prices, strict=True)) // fpmm.ONE
            pool = sum(b * p for b, p in zip(current.pool_wei, current.prices, strict=True))
            part = pool * lp_shares // (fpmm.ONE * current.liquidity_shares) if lp_shares else 0
            return held + part
        owed = await market.redeemable(current.market_id, holder)
        weight_left, value_left = await market.liquidity(current.market_id)
        weight = lp_shares if current.status is MarketStatus.RESOLVED else lp_book
        lp_value = payouts.lp_redemption(value_left, weight_left, weight) if lp_shares else 0
        return owed + lp_value

    async def _require_trading(self, current: Market, *, buying: bool) -> None:
        """What the contract refuses a trade for now (a pause stops buys and added liquidity
        only, so that funds can always leave)."""
        if current.status in (MarketStatus.RESOLVED, MarketStatus.INVALID):
            raise MarketRevert("market: resolved")
        if current.status is MarketStatus.CLOSED:
            raise MarketRevert("market: closed")
        if buying and await self.contract.paused():
            raise MarketRevert("pausable: contract is paused")

    async def _approve(self, sender: LocalAccount, token: str, amount_wei: int) -> None:
        erc20 = ERC20(self._client, token)
        market = self.contract.address
        if amount_wei and await erc20.allowance(sender.address, market) < amount_wei:
            await erc20.approve(sender, market, MAX_UINT256)

    async def _deadline(self, deadline: int | None) -> int:
        if deadline is not None:
            return deadline
        return await self._client.block_timestamp() + DEFAULT_DEADLINE_S


def _status(status: int, close_time: int, now_s: int) -> MarketStatus:
    if status == _RESOLVED:
        return MarketStatus.RESOLVED
    if status == _INVALID:
        return MarketStatus.INVALID
    return MarketStatus.TRADING if now_s < close_time else MarketStatus.CLOSED


def _require_amount(field: str, amount_wei: int) -> None:
    if isinstance(amount_wei, bool) or not isinstance(amount_wei, int) or amount_wei <= 0:
        raise InvalidMarket(field, amount_wei, "a positive integer of wei")


def _require_slippage(slippage_bps: int) -> None:
    if isinstance(slippage_bps, bool) or not 0 <= slippage_bps < fpmm.BPS:
        raise InvalidMarket("slippage_bps", slippage_bps, "0 to 9999 basis points")


def _quote(current: Market, outcome: str | int, collateral_wei: int, *, buying: bool) -> Quote:
    """A buy for `collateral_wei` paid, or a sell for `collateral_wei` received, priced by the
    contract's math on the market's pool now."""
    index = current.outcome_index(outcome)
    _require_amount("collateral_in_wei" if buying else "collateral_out_wei", collateral_wei)
    if not current.prices:
        raise MarketRevert("market: no liquidity")
    pool = current.pool_wei
    if buying:
        trade = fpmm.buy_amount(pool, index, collateral_wei, current.fee_bps)
        after = fpmm.after_buy(pool, index, collateral_wei, trade.shares)
    else:
        trade = fpmm.sell_amount(pool, index, collateral_wei, current.fee_bps)
        after = fpmm.after_sell(pool, index, collateral_wei, trade.shares)
    return Quote(
        current.market_id,
        index,
        collateral_wei,
        trade.shares,
        trade.fee_wei,
        current.prices[index],
        fpmm.prices(after)[index],
    )


def _money_moved(history: Sequence[EventLog], account: str) -> tuple[int, int]:
    """(collateral `account` paid in, collateral it took out) by these events."""
    paid_in = taken_out = 0
    for event in history:
        if isinstance(event, Bought) and event.trader == account:
            paid_in += event.collateral_in
        elif isinstance(event, LiquidityAdded) and event.provider == account:
            paid_in += event.collateral_in
        elif isinstance(event, Sold) and event.trader == account:
            taken_out += event.collateral_out
        elif isinstance(event, Merged | Redeemed) and event.account == account:
            taken_out += event.amount
        elif isinstance(event, LiquidityRedeemed) and event.provider == account:
            taken_out += event.amount
    return paid_in, taken_out
