"""One market as plain Python state, changed exactly as `PredictionMarket.vy` changes it.

Tests run the model beside the deployed contract: every method either raises `MarketRevert`
with the contract's revert string (before touching any state) or returns what the contract
returns. Accounts are any hashable keys (the tests use address strings).

Bookkeeping that makes INVALID refunds exact:

* `sets` is the number of complete sets outstanding; the market holds exactly that much
  collateral (`sets` wei) while trading.
* `net_cost[a]` is what account `a` paid in (buys) minus what it took out (sells, merges),
  plus the liquidity `book` it took with it when it removed liquidity.
* `lp_book[a]` is the collateral provider `a` put in (adds) behind the shares it still holds;
  `book` is their sum. Removing `s` of the provider's `h` shares moves `lp_book[a] * s // h`
  of it into the provider's `net_cost`; a full exit (`s == h`) instead leaves the whole book in
  `lp_book[a]` as an *exited book* (shares 0), which saves the contract a storage write.
* `refunds_total` is the sum of every claim, `max(0, net + exited book)`. So
  `sets == sum(net_cost) + book + sum(exited books)` at all times, and INVALID can pay every
  claim and leave `sets - refunds_total` to the providers still in, split by their books (so
  each gets back what it put in when nobody took a profit). A valid resolution splits the
  pool's value by shares.
"""

from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from enum import IntEnum

from fluxo.markets import fpmm, payouts
from fluxo.markets.errors import MarketRevert

Account = Hashable


class Status(IntEnum):
    """A market's phase, as the contract's `status` field encodes it."""

    TRADING = 0
    RESOLVED = 1
    INVALID = 2


@dataclass
class MarketModel:
    """A market with `outcome_count` outcomes (scalar: 2, short then long)."""

    outcome_count: int
    fee_bps: int
    close_time: int
    scalar_bounds: tuple[int, int] | None = None
    balances: list[int] = field(default_factory=list)
    sets: int = 0
    refunds_total: int = 0
    supply: int = 0
    book: int = 0
    positions: dict[Account, list[int]] = field(default_factory=dict)
    net_cost: defaultdict[Account, int] = field(default_factory=lambda: defaultdict(int))
    lp_shares: defaultdict[Account, int] = field(default_factory=lambda: defaultdict(int))
    lp_book: defaultdict[Account, int] = field(default_factory=lambda: defaultdict(int))
    status: Status = Status.TRADING
    payout: payouts.Payout | None = None
    lp_value_left: int = 0
    # Once resolved: what providers still split by (shares, or books on INVALID).
    lp_weight_left: int = 0

    def __post_init__(self) -> None:
        if not self.balances:
            self.balances = [0] * self.outcome_count

    # --- views --------------------------------------------------------------------------------

    def position(self, account: Account) -> list[int]:
        return list(self.positions.get(account, [0] * self.outcome_count))

    def exited_book(self, account: Account) -> int:
        """The book a provider left behind on a full exit (0 while it holds shares)."""
        return self.lp_book[account] if self.lp_shares[account] == 0 else 0

    def claim(self, account: Account) -> int:
        """What INVALID owes the account before any pro-rata scaling."""
        return max(0, self.net_cost[account] + self.exited_book(account))

    def prices(self) -> tuple[int, ...]:
        return fpmm.prices(self.balances)

    # --- checks shared by the trading calls ---------------------------------------------------

    def _require_trading(self, now: int, deadline: int) -> None:
        if self.status != Status.TRADING:
            raise MarketRevert("market: resolved")
        if now >= self.close_time:
            raise MarketRevert("market: closed")
        if now > deadline:
            raise MarketRevert("market: expired")

    def _require_pool(self) -> None:
        if self.supply == 0:
            raise MarketRevert("market: no liquidity")

    def _require_outcome(self, outcome: int) -> None:
        if not 0 <= outcome < self.outcome_count:
            raise MarketRevert("market: bad outcome")

    def _require_room(self, collateral_in: int) -> None:
        if self.sets + collateral_in > fpmm.MAX_AMOUNT:
            raise MarketRevert("market: too much collateral")

    def _add_net(self, account: Account, delta: int) -> None:
        old = self.claim(account)
        self.net_cost[account] += delta
        self.refunds_total += self.claim(account) - old

    def _credit(self, account: Account, amounts: Sequence[int]) -> None:
        held = self.position(account)
        self.positions[account] = [have + add for have, add in zip(held, amounts, strict=True)]

    # --- liquidity ----------------------------------------------------------------------------

    def add_liquidity(
        self,
        provider: Account,
        collateral_in: int,
        weights: Sequence[int],
        min_shares_out: int,
        now: int,
        deadline: int,
    ) -> int:
        """Returns the liquidity shares minted."""
        self._require_trading(now, deadline)
        if collateral_in == 0:
            raise MarketRevert("market: zero amount")
        if self.supply == 0:
            if len(weights) != self.outcome_count or not all(
                0 < weight <= fpmm.MAX_UINT128 for weight in weights
            ):
                raise MarketRevert("market: bad weights")
            funding = fpmm.initial_funding(collateral_in, weights)
        else:
            if weights:
                raise MarketRevert("market: bad weights")
            funding = fpmm.add_funding(self.balances, self.supply, collateral_in)
        if funding.shares == 0 or funding.shares < min_shares_out:
            raise MarketRevert("market: slippage")
        self._require_room(collateral_in)
        if self.supply + funding.shares > fpmm.MAX_UINT128:
            raise MarketRevert("market: too much collateral")
        exited = self.exited_book(provider)
        if exited:
            # The exited book joins the net cost basis; the claim is unchanged.
            self.net_cost[provider] += exited
            self.lp_book[provider] = 0
        self.balances = [b + a for b, a in zip(self.balances, funding.pool_added, strict=True)]
        self.sets += collateral_in
        self.supply += funding.shares
        self.book += collateral_in
        self.lp_shares[provider] += funding.shares
        self.lp_book[provider] += collateral_in
        self._credit(provider, funding.returned)
        return funding.shares

    def remove_liquidity(
        self, provider: Account, shares: int, now: int, deadline: int
    ) -> tuple[int, ...]:
        """Returns the outcome tokens credited to the provider."""
        if self.status != Status.TRADING:
            raise MarketRevert("market: resolved")
        if now > deadline:
            raise MarketRevert("market: expired")
        if shares == 0:
            raise MarketRevert("market: zero amount")
        if self.lp_shares[provider] < shares:
            raise MarketRevert("market: insufficient shares")
        amounts = fpmm.remove_funding(self.balances, self.supply, shares)
        moved = self.lp_book[provider] * shares // self.lp_shares[provider]
        claim_before = self.claim(provider)
        self.balances = [b - a for b, a in zip(self.balances, amounts, strict=True)]
        self.supply -= shares
        self.book -= moved
        self.lp_shares[provider] -= shares
        self._credit(provider, amounts)
        if self.lp_shares[provider] == 0:
            # A full exit leaves the whole book behind as an exited book.
            self.refunds_total += self.claim(provider) - claim_before
        else:
            self.lp_book[provider] -= moved
            self._add_net(provider, moved)
        return amounts

    # --- trading ------------------------------------------------------------------------------

    def buy(
        self,
        trader: Account,
        outcome: int,
        collateral_in: int,
        min_shares_out: int,
        now: int,
        deadline: int,
    ) -> fpmm.Trade:
        self._require_trading(now, deadline)
        self._require_outcome(outcome)
        if collateral_in == 0:
            raise MarketRevert("market: zero amount")
        self._require_pool()
        trade = fpmm.buy_amount(self.balances, outcome, collateral_in, self.fee_bps)
        if trade.shares < min_shares_out:
            raise MarketRevert("market: slippage")
        self._require_room(collateral_in)
        self.balances = list(fpmm.after_buy(self.balances, outcome, collateral_in, trade.shares))
        self.sets += collateral_in
        self._credit(
            trader, [trade.shares if i == outcome else 0 for i in range(len(self.balances))]
        )
        self._add_net(trader, collateral_in)
        return trade

    def sell(
        self,
        trader: Account,
        outcome: int,
        collateral_out: int,
        max_shares_in: int,
        now: int,
        deadline: int,
    ) -> fpmm.Trade:
        self._require_trading(now, deadline)
        self._require_outcome(outcome)
        if collateral_out == 0:
            raise MarketRevert("market: zero amount")
        self._require_pool()
        trade = fpmm.sell_amount(self.balances, outcome, collateral_out, self.fee_bps)
        if trade.shares > max_shares_in:
            raise MarketRevert("market: slippage")
        if self.position(trader)[outcome] < trade.shares:
            raise MarketRevert("market: insufficient shares")
        self.balances = list(fpmm.after_sell(self.balances, outcome, collateral_out, trade.shares))
        self.sets -= collateral_out
        self._credit(
            trader, [-trade.shares if i == outcome else 0 for i in range(len(self.balances))]
        )
        self._add_net(trader, -collateral_out)
        return trade

    def merge(self, account: Account, amount: int) -> None:
        """Burn `amount` complete sets of the account's tokens for `amount` collateral."""
        if self.status != Status.TRADING:
            raise MarketRevert("market: resolved")
        if amount == 0:
            raise MarketRevert("market: zero amount")
        if min(self.position(account)) < amount:
            raise MarketRevert("market: insufficient shares")
        self._credit(account, [-amount] * self.outcome_count)
        self.sets -= amount
        self._add_net(account, -amount)

    # --- resolution ---------------------------------------------------------------------------

    def resolve_categorical(self, winner: int) -> None:
        """A categorical answer; an index outside the outcomes counts as INVALID."""
        if not 0 <= winner < self.outcome_count:
            self.resolve_invalid()
            return
        self._resolve_valid(payouts.categorical_payout(self.outcome_count, winner))

    def resolve_scalar(self, answer: int) -> None:
        assert self.scalar_bounds is not None
        lower, upper = self.scalar_bounds
        self._resolve_valid(payouts.scalar_payout(lower, upper, answer))

    def _resolve_valid(self, payout: payouts.Payout) -> None:
        self.status = Status.RESOLVED
        self.payout = payout
        self.lp_value_left = payouts.valid_lp_value(self.balances, payout)
        self.lp_weight_left = self.supply

    def resolve_invalid(self) -> None:
        self.status = Status.INVALID
        self.lp_value_left = payouts.invalid_lp_value(self.sets, self.refunds_total)
        self.lp_weight_left = self.book

    # --- redemption ---------------------------------------------------------------------------

    def redeemable(self, account: Account) -> int:
        """What `redeem` pays the account now (0 before resolution)."""
        if self.status == Status.RESOLVED:
            assert self.payout is not None
            return self.payout.pays(self.position(account))
        if self.status == Status.INVALID:
            return payouts.invalid_refund(self.claim(account), self.sets, self.refunds_total)
        return 0

    def redeem(self, account: Account) -> int:
        """Pays what `redeemable` says and clears what it paid for: the winning outcome's shares
        (categorical), both sides (scalar), or the net cost basis (INVALID)."""
        if self.status == Status.TRADING:
            raise MarketRevert("market: not resolved")
        paid = self.redeemable(account)
        if paid == 0:
            raise MarketRevert("market: nothing to redeem")
        if self.status == Status.INVALID:
            self.net_cost[account] = 0
            if self.lp_shares[account] == 0:
                self.lp_book[account] = 0
        elif self.scalar_bounds is not None:
            self.positions.pop(account, None)
        else:
            assert self.payout is not None
            held = self.position(account)
            held[self.payout.numerators.index(1)] = 0
            self.positions[account] = held
        return paid

    def redeem_liquidity(self, provider: Account) -> int:
        if self.status == Status.TRADING:
            raise MarketRevert("market: not resolved")
        shares = self.lp_shares[provider]
        if shares == 0:
            raise MarketRevert("market: nothing to redeem")
        weight = self.lp_book[provider] if self.status == Status.INVALID else shares
        paid = payouts.lp_redemption(self.lp_value_left, self.lp_weight_left, weight)
        self.lp_value_left -= paid
        self.lp_weight_left -= weight
        self.lp_shares[provider] = 0
        self.lp_book[provider] = 0
        return paid
