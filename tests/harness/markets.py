"""`MarketsProtocol`: the PredictionMarket singleton on top of `OracleProtocol`, with role-named
actors, funded and approved, and one action per contract call.

    markets = MarketsProtocol()
    market_id = markets.create_market(funding=100 * USD)
    shares = markets.buy(markets.trader, market_id, outcome=1, collateral_in=10 * USD)
    markets.answer(market_id, categorical(1))        # the Oracle game, then the callback
    markets.redeem(markets.trader, market_id)

Builders return valid arguments that a test overrides field by field
(`markets.args(fee_bps=0)`). The collateral (mUSD) and the Oracle's payment token (fUSD) are
different tokens unless a test passes `collateral=`.
"""

from dataclasses import astuple, dataclass, field, replace
from typing import Any

import boa

from fluxo.domain.outcome import INVALID_OUTCOME
from fluxo.markets import fpmm
from tests.harness.deployers import (
    CT_RESOLVER_DEPLOYER,
    MOCK_ERC20_DEPLOYER,
    PREDICTION_MARKET_DEPLOYER,
)
from tests.harness.game import CHALLENGE_PERIOD_S, FEE_WEI
from tests.harness.protocol import OracleProtocol
from tests.harness.solidity import shipped_artifact

USD = 10**18
CLOSE_IN_S = 7 * 24 * 3_600
ACTOR_COLLATERAL = 1_000_000 * USD
CREATOR_PAYMENT = 1_000 * USD
# Far enough that no test trips over it unless it means to.
NO_DEADLINE = 2**40 - 1
FEE_BPS = 100


@dataclass(frozen=True, slots=True)
class MarketArgs:
    """`PredictionMarket.MarketArgs`, field for field."""

    question: str
    sources: tuple[tuple[str, str], ...]
    category: str
    outcomes: tuple[str, ...]
    scalar: bool
    decimals: int
    lower: int
    upper: int
    collateral: str
    fee_bps: int
    close_time: int
    settlement_time: int
    challenge_period: int
    min_bond: int
    oracle_fee: int
    funding: int
    weights: tuple[int, ...]

    def encode(self) -> tuple[Any, ...]:
        return tuple(list(value) if isinstance(value, tuple) else value for value in astuple(self))


def _address(label: str) -> Any:
    return boa.env.generate_address(label)


@dataclass
class MarketsProtocol:
    """The Oracle game (`oracle`), a collateral token and the market singleton, whitelisted as a
    requester. Creators hold fUSD for the Oracle's bond and fee; everyone holds mUSD."""

    oracle: OracleProtocol = field(default_factory=OracleProtocol)
    creator: Any = field(default_factory=lambda: _address("creator"))
    liquidity_provider: Any = field(default_factory=lambda: _address("liquidity_provider"))
    second_provider: Any = field(default_factory=lambda: _address("second_provider"))
    trader: Any = field(default_factory=lambda: _address("trader"))
    counter_trader: Any = field(default_factory=lambda: _address("counter_trader"))
    anyone: Any = field(default_factory=lambda: _address("market_anyone"))

    def __post_init__(self) -> None:
        with boa.env.prank(self.oracle.owner):
            self.collateral = MOCK_ERC20_DEPLOYER.deploy("Market USD", "mUSD", 18)
            self.market = PREDICTION_MARKET_DEPLOYER.deploy(self.oracle.oracle.address)
            self.oracle.oracle.add_requester(
                self.market.address, "markets", 10_000, "https://example.org/markets"
            )
        self.usd = self.oracle.usd
        self.fund(self.creator, payment_wei=CREATOR_PAYMENT)
        for actor in self.traders:
            self.fund(actor)

    @property
    def traders(self) -> tuple[Any, ...]:
        return (
            self.creator,
            self.liquidity_provider,
            self.second_provider,
            self.trader,
            self.counter_trader,
        )

    # --- set-up ---------------------------------------------------------------------------

    def fund(
        self, actor: Any, collateral_wei: int = ACTOR_COLLATERAL, payment_wei: int = 0
    ) -> None:
        """Mint mUSD (and fUSD) to `actor` and approve the market for both, once."""
        self.collateral.mint(actor, collateral_wei)
        self.usd.mint(actor, payment_wei)
        with boa.env.prank(actor):
            self.collateral.approve(self.market.address, 2**256 - 1)
            self.usd.approve(self.market.address, 2**256 - 1)

    # --- builders -------------------------------------------------------------------------

    def args(self, **overrides: Any) -> MarketArgs:
        """A Yes/No market closing in a week, settled at close, 1 % fee, no funding."""
        now = boa.env.timestamp
        base = MarketArgs(
            question="Will Pulse Market list 100 categories by 2027?",
            sources=(("https://pulse.example/categories", "$.count"),),
            category="crypto",
            outcomes=("No", "Yes"),
            scalar=False,
            decimals=0,
            lower=0,
            upper=0,
            collateral=str(self.collateral.address),
            fee_bps=FEE_BPS,
            close_time=now + CLOSE_IN_S,
            settlement_time=now + CLOSE_IN_S,
            challenge_period=CHALLENGE_PERIOD_S,
            min_bond=0,
            oracle_fee=FEE_WEI,
            funding=0,
            weights=(),
        )
        if overrides.get("funding") and "weights" not in overrides:
            count = 2 if overrides.get("scalar") else len(overrides.get("outcomes", base.outcomes))
            overrides["weights"] = (1,) * count
        return replace(base, **overrides)

    def scalar_args(
        self, lower: int, upper: int, decimals: int = 2, **overrides: Any
    ) -> MarketArgs:
        """A scalar market on a NUMBER answer scaled by `10**decimals`."""
        return self.args(
            question="ETH/USD at settlement?",
            outcomes=(),
            scalar=True,
            decimals=decimals,
            lower=lower,
            upper=upper,
            **overrides,
        )

    # --- actions --------------------------------------------------------------------------

    def create_market(self, args: MarketArgs | None = None, **overrides: Any) -> int:
        """The creator creates a market (and funds it if `funding` is set); returns its id."""
        args = args or self.args(**overrides)
        with boa.env.prank(self.creator):
            market_id: int = self.market.create_market(args.encode())
        return market_id

    def add_liquidity(
        self,
        provider: Any,
        market_id: int,
        collateral_in: int,
        weights: tuple[int, ...] = (),
        min_shares_out: int = 0,
        deadline: int = NO_DEADLINE,
    ) -> int:
        with boa.env.prank(provider):
            shares: int = self.market.add_liquidity(
                market_id, collateral_in, list(weights), min_shares_out, deadline
            )
        return shares

    def remove_liquidity(
        self, provider: Any, market_id: int, shares: int, deadline: int = NO_DEADLINE
    ) -> list[int]:
        with boa.env.prank(provider):
            amounts: list[int] = self.market.remove_liquidity(market_id, shares, deadline)
        return amounts

    def buy(
        self,
        trader: Any,
        market_id: int,
        outcome: int,
        collateral_in: int,
        min_shares_out: int = 0,
        deadline: int = NO_DEADLINE,
    ) -> int:
        with boa.env.prank(trader):
            shares: int = self.market.buy(
                market_id, outcome, collateral_in, min_shares_out, deadline
            )
        return shares

    def sell(
        self,
        trader: Any,
        market_id: int,
        outcome: int,
        collateral_out: int,
        max_shares_in: int = 2**256 - 1,
        deadline: int = NO_DEADLINE,
    ) -> int:
        with boa.env.prank(trader):
            shares: int = self.market.sell(
                market_id, outcome, collateral_out, max_shares_in, deadline
            )
        return shares

    def merge(self, account: Any, market_id: int, amount: int) -> None:
        with boa.env.prank(account):
            self.market.merge(market_id, amount)

    def redeem(self, account: Any, market_id: int) -> int:
        with boa.env.prank(account):
            paid: int = self.market.redeem(market_id)
        return paid

    def redeem_liquidity(self, provider: Any, market_id: int) -> int:
        with boa.env.prank(provider):
            paid: int = self.market.redeem_liquidity(market_id)
        return paid

    def resolve(self, market_id: int, caller: Any = None) -> None:
        with boa.env.prank(caller or self.anyone):
            self.market.resolve(market_id)

    def cancel(self, market_id: int, caller: Any = None) -> None:
        with boa.env.prank(caller or self.anyone):
            self.market.cancel(market_id)

    def deliver(self, market_id: int, outcome: bytes) -> None:
        """Call `on_outcome` as the Oracle would, with any outcome (a bad arbitrator's too)."""
        request_id = self.request_id(market_id)
        with boa.env.prank(self.oracle.oracle.address):
            self.market.on_outcome(request_id, outcome)

    # --- the Oracle game ------------------------------------------------------------------

    def request_id(self, market_id: int) -> int:
        request_id: int = self.market.market(market_id)[6]
        return request_id

    def settle(self, market_id: int) -> None:
        """Move time to the market's settlement time (the Oracle's round 0 opens)."""
        settlement_s = self.oracle.oracle.request_params(self.request_id(market_id))[4]
        boa.env.time_travel(seconds=max(0, settlement_s - boa.env.timestamp))

    def answer(self, market_id: int, outcome: bytes) -> None:
        """Settle, let the validator bond `outcome`, wait out the challenge window and finalize:
        the Oracle calls the market back in the same transaction."""
        self.settle(market_id)
        request_id = self.request_id(market_id)
        self.oracle.bond_round0(request_id, outcome)
        self.oracle.expire_window(request_id)
        self.oracle.finalize(request_id)

    def answer_invalid(self, market_id: int) -> None:
        self.answer(market_id, INVALID_OUTCOME)

    # --- observation ----------------------------------------------------------------------

    def prices(self, market_id: int) -> list[int]:
        """The marginal prices (1e18 scale) of the contract's pool, by the exact Python mirror:
        a display value, so the contract keeps no view of its own (SPEC IV.3)."""
        return list(fpmm.prices(self.market.pool_balances(market_id)))

    def collateral_of(self, *accounts: Any) -> dict[str, int]:
        """mUSD per account, keyed by address string; includes the market."""
        everyone = (*accounts, self.market.address)
        return {str(a): self.collateral.balanceOf(a) for a in everyone}


CONDITIONAL_TOKENS_ARTIFACT = (
    "@gnosis.pm/conditional-tokens-contracts/build/contracts/ConditionalTokens.json"
)


@dataclass
class ConditionalTokensProtocol:
    """Gnosis's ConditionalTokens as its npm package ships it, the Fluxo resolver that reports
    to it (whitelisted by the Oracle), and an mUSD collateral that traders split into
    positions. The asker holds fUSD for the Oracle's bond and fee."""

    oracle: OracleProtocol = field(default_factory=OracleProtocol)
    asker: Any = field(default_factory=lambda: _address("asker"))
    trader: Any = field(default_factory=lambda: _address("ct_trader"))
    anyone: Any = field(default_factory=lambda: _address("ct_anyone"))

    def __post_init__(self) -> None:
        with boa.env.prank(self.oracle.owner):
            self.conditional_tokens = shipped_artifact(CONDITIONAL_TOKENS_ARTIFACT).deploy()
            self.resolver = CT_RESOLVER_DEPLOYER.deploy(
                self.oracle.oracle.address, self.conditional_tokens.address
            )
            self.oracle.oracle.add_requester(self.resolver.address, "ct", 10_000, "-")
            self.collateral = MOCK_ERC20_DEPLOYER.deploy("Market USD", "mUSD", 18)
        self.usd = self.oracle.usd
        self.usd.mint(self.asker, CREATOR_PAYMENT)
        with boa.env.prank(self.asker):
            self.usd.approve(self.resolver.address, 2**256 - 1)
        self.collateral.mint(self.trader, ACTOR_COLLATERAL)
        with boa.env.prank(self.trader):
            self.collateral.approve(self.conditional_tokens.address, 2**256 - 1)

    def question(self, **overrides: Any) -> tuple[Any, ...]:
        """A Yes/No question settled in a day; override `outcomes`, `scalar`, bounds..."""
        fields = {
            "question": "Will Stake.GG's final go to five maps?",
            "sources": [("https://stake.example/final", "$.maps")],
            "tags": ["esports"],
            "outcomes": ["No", "Yes"],
            "scalar": False,
            "decimals": 0,
            "lower": 0,
            "upper": 0,
            "settlement_time": boa.env.timestamp + 24 * 3_600,
            "challenge_period": CHALLENGE_PERIOD_S,
            "min_bond": 0,
            "oracle_fee": FEE_WEI,
        }
        fields.update(overrides)
        return tuple(fields.values())

    def ask(self, **overrides: Any) -> tuple[int, bytes]:
        with boa.env.prank(self.asker):
            request_id, condition_id = self.resolver.ask(self.question(**overrides))
        return request_id, condition_id

    def split(self, condition_id: bytes, slots: int, amount: int) -> None:
        """The trader splits `amount` mUSD into one position per outcome slot."""
        with boa.env.prank(self.trader):
            self.conditional_tokens.splitPosition(
                self.collateral.address,
                bytes(32),
                condition_id,
                [1 << i for i in range(slots)],
                amount,
            )

    def redeem(self, condition_id: bytes, slots: int) -> int:
        """The trader redeems every slot; returns the mUSD it received."""
        before = self.collateral.balanceOf(self.trader)
        with boa.env.prank(self.trader):
            self.conditional_tokens.redeemPositions(
                self.collateral.address, bytes(32), condition_id, [1 << i for i in range(slots)]
            )
        received: int = self.collateral.balanceOf(self.trader) - before
        return received

    def answer(self, request_id: int, outcome: bytes) -> None:
        """Settle, bond `outcome` in round 0, wait out the window, finalize (callback)."""
        settlement_s = self.oracle.oracle.request_params(request_id)[4]
        boa.env.time_travel(seconds=max(0, settlement_s - boa.env.timestamp))
        self.oracle.bond_round0(request_id, outcome)
        self.oracle.expire_window(request_id)
        self.oracle.finalize(request_id)
