"""One market of the deployed PredictionMarket against `MarketModel`, step by step, under
hypothesis' stateful fuzzing: trades, liquidity in and out, merges, every kind of resolution
(a categorical winner, a scalar answer, INVALID, an out-of-range index from a bad arbitrator,
the Oracle's own answer, arbitration, an arbitration timeout, a cancelled unanswered question)
and redemptions.

Every rule calls the model first. If the model says the call reverts, the contract must revert
with exactly that reason (any revert where the model expects checked-arithmetic overflow);
otherwise both return the same value and every view of the market agrees afterwards.

Invariants, after every step:
* while trading, the market holds exactly the complete sets outstanding (`sets`), and the
  sets are exactly what accounts put in net plus the providers' books (held and exited);
* once resolved, what it owes (every account's `redeemable` plus what is left for providers)
  never exceeds what it holds, and it holds at most one wei per paid holder more.
Teardown resolves the market if needed, lets everyone redeem and checks that at most that dust
is left: 0 for categorical outcomes and for INVALID paid in full, below one wei per redeemed
account otherwise (scalar rounding, pro-rata INVALID).

Amounts mix a few wei (rounding) with realistic 18-decimal sizes.
"""

from collections.abc import Callable
from typing import Any, TypeVar

import boa
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from fluxo.domain.outcome import INVALID_OUTCOME, categorical, number
from fluxo.markets import MarketModel, MarketRevert, Status, fpmm
from tests.harness.game import ARBITRATION_TIMEOUT_S, MAX_OPEN_PERIOD_S
from tests.harness.markets import NO_DEADLINE, MarketsProtocol

T = TypeVar("T")

FEES_BPS = (0, 1, 100, fpmm.MAX_FEE_BPS)
amounts = st.one_of(st.integers(1, 10**4), st.integers(10**15, 10**21))
fractions = st.integers(1, 4)  # quarters


@pytest.fixture(scope="module")
def markets() -> MarketsProtocol:
    """Deployed once; boa's pytest plugin wraps every hypothesis example in `env.anchor()`."""
    return MarketsProtocol()


class MarketLifecycle(RuleBasedStateMachine):
    def __init__(self, markets: MarketsProtocol) -> None:
        super().__init__()
        self.markets = markets
        self.contract = markets.market
        self.actors = (
            markets.liquidity_provider,
            markets.second_provider,
            markets.trader,
            markets.counter_trader,
        )
        self.market_id = -1
        self.model: MarketModel
        self.redeemed_accounts = 0
        # Accounts the last step touched: the per-account views are compared for these after
        # each step (every account after a resolution and at teardown), which keeps a step to
        # a few contract calls.
        self.touched: set[Any] = set()

    # --- helpers --------------------------------------------------------------------------

    def call(self, model_call: Callable[[], T], contract_call: Callable[[], Any]) -> T | None:
        """Run the model; the contract must agree on revert reason or on the returned value."""
        try:
            expected = model_call()
        except MarketRevert as revert:
            if revert.reason is None:
                with boa.reverts():
                    contract_call()
            else:
                with boa.reverts(revert.reason):
                    contract_call()
            return None
        assert contract_call() == expected
        return expected

    def now(self) -> int:
        now_s: int = boa.env.timestamp
        return now_s

    # --- set-up ---------------------------------------------------------------------------

    @initialize(
        outcome_count=st.integers(2, 8),
        scalar=st.booleans(),
        fee_bps=st.sampled_from(FEES_BPS),
        funding=amounts,
        weights=st.lists(st.integers(1, 5), min_size=8, max_size=8),
        bounds=st.tuples(st.integers(-(10**6), 10**6), st.integers(1, 10**6)),
    )
    def create(
        self,
        outcome_count: int,
        scalar: bool,
        fee_bps: int,
        funding: int,
        weights: list[int],
        bounds: tuple[int, int],
    ) -> None:
        lower, width = bounds
        if scalar:
            outcome_count = 2
            args = self.markets.scalar_args(lower=lower, upper=lower + width, fee_bps=fee_bps)
        else:
            labels = tuple(f"outcome {i}" for i in range(outcome_count))
            args = self.markets.args(outcomes=labels, fee_bps=fee_bps)
        self.market_id = self.markets.create_market(args)
        self.model = MarketModel(
            outcome_count,
            fee_bps,
            args.close_time,
            scalar_bounds=(lower, lower + width) if scalar else None,
        )
        self.add_liquidity(0, funding, weights[:outcome_count])

    # --- trading --------------------------------------------------------------------------

    @precondition(lambda self: self.model.status == Status.TRADING)
    @rule(actor=st.integers(0, 3), amount=amounts, weights=st.lists(st.integers(1, 5), max_size=8))
    def add_liquidity(self, actor: int, amount: int, weights: list[int]) -> None:
        account = self.actors[actor]
        self.touched = {account}
        if self.model.supply == 0:
            weights = (weights + [1] * 8)[: self.model.outcome_count]
        else:
            weights = []
        self.call(
            lambda: self.model.add_liquidity(account, amount, weights, 0, self.now(), NO_DEADLINE),
            lambda: self.markets.add_liquidity(account, self.market_id, amount, tuple(weights)),
        )

    @precondition(lambda self: self.model.status == Status.TRADING)
    @rule(actor=st.integers(0, 3), quarters=fractions)
    def remove_liquidity(self, actor: int, quarters: int) -> None:
        account = self.actors[actor]
        self.touched = {account}
        shares = self.model.lp_shares[account] * quarters // 4
        self.call(
            lambda: list(self.model.remove_liquidity(account, shares, self.now(), NO_DEADLINE)),
            lambda: self.markets.remove_liquidity(account, self.market_id, shares),
        )

    @precondition(lambda self: self.model.status == Status.TRADING)
    @rule(actor=st.integers(0, 3), outcome=st.integers(0, 8), amount=amounts)
    def buy(self, actor: int, outcome: int, amount: int) -> None:
        account = self.actors[actor]
        self.touched = {account}
        self.call(
            lambda: self.model.buy(account, outcome, amount, 0, self.now(), NO_DEADLINE).shares,
            lambda: self.markets.buy(account, self.market_id, outcome, amount),
        )

    @precondition(lambda self: self.model.status == Status.TRADING)
    @rule(
        actor=st.integers(0, 3), outcome=st.integers(0, 7), quarters=fractions, excess=st.booleans()
    )
    def sell(self, actor: int, outcome: int, quarters: int, excess: bool) -> None:
        """Sell about a quarter multiple of the position: the largest `collateral_out` those
        shares cover (one wei more with `excess`, which must revert)."""
        account = self.actors[actor]
        self.touched = {account}
        outcome %= self.model.outcome_count
        target = self.model.position(account)[outcome] * quarters // 4
        collateral_out = self.largest_sale(outcome, target) + int(excess)
        self.call(
            lambda: (
                self.model.sell(
                    account, outcome, collateral_out, 2**256 - 1, self.now(), NO_DEADLINE
                ).shares
            ),
            lambda: self.markets.sell(account, self.market_id, outcome, collateral_out),
        )

    def largest_sale(self, outcome: int, shares: int) -> int:
        if self.model.supply == 0:
            return 1
        others = [b for i, b in enumerate(self.model.balances) if i != outcome]
        low, high = 0, min(others)
        while low < high:
            middle = (low + high + 1) // 2
            try:
                needed = fpmm.sell_amount(
                    self.model.balances, outcome, middle, self.model.fee_bps
                ).shares
            except MarketRevert:
                needed = shares + 1
            if needed <= shares:
                low = middle
            else:
                high = middle - 1
        return max(low, 1)

    @precondition(lambda self: self.model.status == Status.TRADING)
    @rule(actor=st.integers(0, 3), quarters=fractions)
    def merge(self, actor: int, quarters: int) -> None:
        account = self.actors[actor]
        self.touched = {account}
        amount = min(self.model.position(account)) * quarters // 4
        self.call(
            lambda: self.model.merge(account, amount),
            lambda: self.markets.merge(account, self.market_id, amount),
        )

    # --- resolution -----------------------------------------------------------------------

    @precondition(lambda self: self.model.status == Status.TRADING)
    @rule(index=st.integers(0, 9))
    def deliver_categorical(self, index: int) -> None:
        """The Oracle's callback with any index, out of range included (a bad arbitrator)."""
        self.touched = set(self.actors)
        if self.model.scalar_bounds is not None:
            self.model.resolve_scalar(index)
        else:
            self.model.resolve_categorical(index)
        self.markets.deliver(self.market_id, categorical(index))

    @precondition(lambda self: self.model.status == Status.TRADING)
    @rule(answer=st.integers(-(10**7), 10**7))
    def deliver_number(self, answer: int) -> None:
        """A NUMBER answer; on a categorical market its word is read as an index (a negative
        number is a huge index, so INVALID)."""
        self.touched = set(self.actors)
        word = number(answer)
        if self.model.scalar_bounds is None:
            self.model.resolve_categorical(int.from_bytes(word, "big"))
        else:
            self.model.resolve_scalar(answer)
        self.markets.deliver(self.market_id, word)

    @precondition(lambda self: self.model.status == Status.TRADING)
    @rule()
    def deliver_invalid(self) -> None:
        self.touched = set(self.actors)
        self.model.resolve_invalid()
        self.markets.deliver(self.market_id, INVALID_OUTCOME)

    @precondition(lambda self: self.model.status == Status.TRADING)
    @rule(
        how=st.sampled_from(("answer", "arbitrate", "timeout", "cancel")), index=st.integers(0, 1)
    )
    def resolve_through_oracle(self, how: str, index: int) -> None:
        """The real game: an undisputed answer, an arbitrated escalation, an arbitrator that
        never rules, or a question nobody answers (cancelled through the market)."""
        self.touched = set(self.actors)
        oracle = self.markets.oracle
        request_id = self.markets.request_id(self.market_id)
        outcome = (
            number(self.scalar_answer(index)) if self.model.scalar_bounds else categorical(index)
        )
        self.markets.settle(self.market_id)
        if how == "answer":
            self.markets.answer(self.market_id, outcome)
            self.resolve_model(index)
        elif how == "arbitrate":
            oracle.escalate(request_id, outcome, INVALID_OUTCOME)
            oracle.arbitrate(request_id, outcome)
            self.resolve_model(index)
        elif how == "timeout":
            oracle.escalate(request_id, outcome, INVALID_OUTCOME)
            oracle.time_travel(ARBITRATION_TIMEOUT_S)
            oracle.finalize(request_id)
            self.model.resolve_invalid()
        else:
            oracle.time_travel(MAX_OPEN_PERIOD_S)
            self.markets.cancel(self.market_id)
            self.model.resolve_invalid()

    def scalar_answer(self, index: int) -> int:
        assert self.model.scalar_bounds is not None
        return self.model.scalar_bounds[index]

    def resolve_model(self, index: int) -> None:
        if self.model.scalar_bounds is not None:
            self.model.resolve_scalar(self.scalar_answer(index))
        else:
            self.model.resolve_categorical(index)

    # --- redemption -----------------------------------------------------------------------

    @precondition(lambda self: self.model.status != Status.TRADING)
    @rule(actor=st.integers(0, 3))
    def redeem(self, actor: int) -> None:
        account = self.actors[actor]
        self.touched = {account}
        paid = self.call(
            lambda: self.model.redeem(account),
            lambda: self.markets.redeem(account, self.market_id),
        )
        if paid:
            self.redeemed_accounts += 1

    @precondition(lambda self: self.model.status != Status.TRADING)
    @rule(actor=st.integers(0, 3))
    def redeem_liquidity(self, actor: int) -> None:
        account = self.actors[actor]
        self.touched = {account}
        self.call(
            lambda: self.model.redeem_liquidity(account),
            lambda: self.markets.redeem_liquidity(account, self.market_id),
        )

    # --- invariants -----------------------------------------------------------------------

    @invariant()
    def views_agree(self) -> None:
        if self.market_id < 0:
            return
        market = self.contract
        assert market.totals(self.market_id) == (self.model.sets, self.model.refunds_total)
        for account in self.touched:
            assert market.positions(self.market_id, account) == self.model.position(account)
            assert market.net_cost(self.market_id, account) == self.model.net_cost[account]
            assert market.lp_shares(self.market_id, account) == (
                self.model.lp_shares[account],
                self.model.lp_book[account],
            )
        if self.model.status == Status.TRADING:
            assert market.pool_balances(self.market_id) == self.model.balances
            assert market.liquidity(self.market_id) == (self.model.supply, self.model.book)
            return
        assert market.liquidity(self.market_id) == (
            self.model.lp_weight_left,
            self.model.lp_value_left,
        )
        if len(self.touched) > 1:
            self.resolution_views_agree()

    def resolution_views_agree(self) -> None:
        """After a resolution: the status, the pool, and every account's redeemable amount."""
        market = self.contract
        assert market.market(self.market_id).status == int(self.model.status)
        assert market.pool_balances(self.market_id) == self.model.balances
        for account in self.actors:
            assert market.redeemable(self.market_id, account) == self.model.redeemable(account)

    @invariant()
    def collateral_matches_obligations(self) -> None:
        if self.market_id < 0:
            return
        held = self.markets.collateral.balanceOf(self.contract.address)
        if self.model.status == Status.TRADING:
            assert held == self.model.sets
            exited = sum(self.model.exited_book(a) for a in self.actors)
            assert self.model.sets == sum(self.model.net_cost.values()) + self.model.book + exited
            return
        owed = sum(self.model.redeemable(a) for a in self.actors) + self.model.lp_value_left
        assert owed <= held <= owed + self.redeemed_accounts + len(self.actors)

    def teardown(self) -> None:
        if self.market_id < 0:
            return
        if self.model.status == Status.TRADING:
            self.deliver_invalid()
        self.touched = set(self.actors)
        self.views_agree()
        for actor in range(len(self.actors)):
            if self.model.redeemable(self.actors[actor]):
                self.redeem(actor)
            if self.model.lp_shares[self.actors[actor]]:
                self.redeem_liquidity(actor)
        held = self.markets.collateral.balanceOf(self.contract.address)
        exact = self.model.status == Status.INVALID and self.model.refunds_total <= self.model.sets
        if self.model.scalar_bounds is None and self.model.status == Status.RESOLVED or exact:
            assert held == 0
        else:
            assert held <= len(self.actors)


def test_market_lifecycle(markets: MarketsProtocol) -> None:
    """Runs under the active hypothesis profile, with fewer examples than its default: each
    step costs a dozen contract calls and views."""
    profile = settings()

    class OnThisDeployment(MarketLifecycle):
        def __init__(self) -> None:
            super().__init__(markets)

    run_state_machine_as_test(
        OnThisDeployment,
        settings=settings(
            profile,
            max_examples=max(8, profile.max_examples // 10),
            stateful_step_count=min(profile.stateful_step_count, 25),
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
