"""`OracleProtocol`: the whole request game deployed on titanoboa with role-named actors.

Tests read as scenarios: `protocol.create()`, `protocol.stake(protocol.validator, ...)`,
`protocol.time_travel(...)`, and assert balances through `protocol.balances(...)`. Builders
return valid inputs that a test overrides field by field (`protocol.args(fee=0)`).
"""

from collections.abc import Sequence
from dataclasses import astuple, dataclass, field, replace
from typing import Any

import boa

from fluxo.domain import Config, RequestArgs, Source
from fluxo.domain.outcome import INVALID_OUTCOME, categorical
from tests.harness.deployers import (
    FLUX_TOKEN_DEPLOYER,
    MOCK_ERC20_DEPLOYER,
    MOCK_REQUESTER_DEPLOYER,
    ORACLE_DEPLOYER,
)

FLX = 10**18
USD = 10**18

VALIDITY_BOND_WEI = 10 * USD
MIN_BOND_WEI = 100 * FLX
MIN_CHALLENGE_PERIOD_S = 60
MAX_CHALLENGE_PERIOD_S = 7 * 24 * 3600
ARBITRATION_THRESHOLD_WEI = 1_600 * FLX  # B0 = 100 FLX: round 4 (1 600 FLX) escalates
MAX_OPEN_PERIOD_S = 30 * 24 * 3600
ARBITRATION_TIMEOUT_S = 14 * 24 * 3600
CHALLENGE_PERIOD_S = 3_600
FEE_WEI = 5 * USD
MULTIPLIER_BPS = 10_000

# Outcomes of the default two-outcome categorical request.
NO = categorical(0)
YES = categorical(1)
INVALID = INVALID_OUTCOME

STAKER_FLX = 1_000_000 * FLX
REQUESTER_USD = 1_000 * USD


def _address(label: str) -> Any:
    return boa.env.generate_address(label)


@dataclass
class OracleProtocol:
    """Deploys FLX (stake token), fUSD (payment token), the Oracle and one whitelisted
    requester contract; funds and approves the stakers. Every actor is an address."""

    owner: Any = field(default_factory=lambda: _address("owner"))
    validator: Any = field(default_factory=lambda: _address("validator"))
    disputer: Any = field(default_factory=lambda: _address("disputer"))
    counter_disputer: Any = field(default_factory=lambda: _address("counter_disputer"))
    arbitrator: Any = field(default_factory=lambda: _address("arbitrator"))
    treasury: Any = field(default_factory=lambda: _address("treasury"))
    anyone: Any = field(default_factory=lambda: _address("anyone"))
    stranger: Any = field(default_factory=lambda: _address("stranger"))
    # Deploy-time config fields other than the defaults, and each staker's FLX.
    config_overrides: dict[str, Any] = field(default_factory=dict)
    staker_funds_wei: Sequence[int] | None = None

    def __post_init__(self) -> None:
        with boa.env.prank(self.owner):
            self.flx = FLUX_TOKEN_DEPLOYER.deploy(0)
            self.usd = MOCK_ERC20_DEPLOYER.deploy("Fluxo USD", "fUSD", 18)
        self.config = Config(
            stake_token=str(self.flx.address),
            payment_token=str(self.usd.address),
            validity_bond=VALIDITY_BOND_WEI,
            min_bond=MIN_BOND_WEI,
            min_challenge_period=MIN_CHALLENGE_PERIOD_S,
            max_challenge_period=MAX_CHALLENGE_PERIOD_S,
            arbitration_threshold=ARBITRATION_THRESHOLD_WEI,
            final_arbitrator=str(self.arbitrator),
            treasury=str(self.treasury),
            max_open_period=MAX_OPEN_PERIOD_S,
            arbitration_timeout=ARBITRATION_TIMEOUT_S,
        )
        self.reconfigure(staker_funds_wei=self.staker_funds_wei, **self.config_overrides)

    def reconfigure(
        self,
        *,
        stake_token: Any = None,
        payment_token: Any = None,
        staker_funds_wei: Sequence[int] | None = None,
        **config_overrides: Any,
    ) -> "OracleProtocol":
        """Deploy a fresh Oracle (and requester) with other tokens or config fields; fund and
        approve the stakers (`staker_funds_wei` per staker, in the order of `stakers`)."""
        self.flx = stake_token or self.flx
        self.usd = payment_token or self.usd
        self.config = replace(
            self.config,
            stake_token=str(self.flx.address),
            payment_token=str(self.usd.address),
            **config_overrides,
        )
        with boa.env.prank(self.owner):
            self.oracle = ORACLE_DEPLOYER.deploy(astuple(self.config))
        self.requester = self.deploy_requester()
        funds_wei = staker_funds_wei or (STAKER_FLX,) * len(self.stakers)
        for staker, amount_wei in zip(self.stakers, funds_wei, strict=True):
            self.fund_staker(staker, amount_wei)
        return self

    @property
    def stakers(self) -> tuple[Any, ...]:
        return (self.validator, self.disputer, self.counter_disputer)

    # --- set-up ---------------------------------------------------------------------------

    def deploy_requester(
        self, deployer: Any = MOCK_REQUESTER_DEPLOYER, multiplier_bps: int = MULTIPLIER_BPS
    ) -> Any:
        """Deploy a requester contract, fund it with fUSD and whitelist it."""
        requester = deployer.deploy(self.oracle.address, self.usd.address)
        self.usd.mint(requester.address, REQUESTER_USD)
        with boa.env.prank(self.owner):
            self.oracle.add_requester(
                requester.address, "market", multiplier_bps, "https://example.org/market"
            )
        return requester

    def fund_staker(self, staker: Any, amount_wei: int = STAKER_FLX) -> None:
        with boa.env.prank(self.owner):
            self.flx.mint(staker, amount_wei)
        with boa.env.prank(staker):
            self.flx.approve(self.oracle.address, 2**256 - 1)

    # --- builders -------------------------------------------------------------------------

    def args(self, **overrides: Any) -> RequestArgs:
        """A valid categorical request (outcomes No/Yes) settled now; override any field."""
        base = RequestArgs(
            description="Will it rain in Lisbon on 2026-12-01?",
            sources=(Source("https://weather.example/lisbon", "$.rain"),),
            outcomes=("No", "Yes"),
            data_type=0,
            decimals=0,
            settlement_time=boa.env.timestamp,
            challenge_period=CHALLENGE_PERIOD_S,
            min_bond=0,
            fee=FEE_WEI,
            tags=("weather",),
        )
        return replace(base, **overrides)

    @staticmethod
    def encode(args: RequestArgs) -> tuple[Any, ...]:
        """The ABI tuple of `args` (nested sources become tuples)."""
        return (
            args.description,
            [(s.end_point, s.source_path) for s in args.sources],
            list(args.outcomes),
            args.data_type,
            args.decimals,
            args.settlement_time,
            args.challenge_period,
            args.min_bond,
            args.fee,
            list(args.tags),
        )

    # --- actions --------------------------------------------------------------------------

    def create(self, requester: Any = None, **overrides: Any) -> int:
        """Create a request through a requester contract; returns its id."""
        requester = requester or self.requester
        request_id: int = requester.create(self.encode(self.args(**overrides)))
        return request_id

    def stake(self, staker: Any, request_id: int, outcome: bytes, amount_wei: int) -> int:
        with boa.env.prank(staker):
            taken: int = self.oracle.stake(request_id, outcome, amount_wei)
        return taken

    def unstake(
        self, staker: Any, request_id: int, round_index: int, outcome: bytes, amount_wei: int
    ) -> None:
        with boa.env.prank(staker):
            self.oracle.unstake(request_id, round_index, outcome, amount_wei)

    def finalize(self, request_id: int, caller: Any = None) -> None:
        with boa.env.prank(caller or self.anyone):
            self.oracle.finalize(request_id)

    def arbitrate(self, request_id: int, outcome: bytes, caller: Any = None) -> None:
        with boa.env.prank(caller or self.arbitrator):
            self.oracle.arbitrate(request_id, outcome)

    def dispute(self, staker: Any, request_id: int, outcome: bytes, amount_wei: int) -> int:
        """A stake in the open round r >= 1, made one block after the round opened."""
        self.next_block()
        return self.stake(staker, request_id, outcome, amount_wei)

    def cancel(self, request_id: int, caller: Any = None) -> None:
        with boa.env.prank(caller or self.requester.address):
            self.oracle.cancel(request_id)

    def withdraw(self, token: Any, account: Any, caller: Any = None) -> int:
        with boa.env.prank(caller or self.anyone):
            paid: int = self.oracle.withdraw(token.address, account)
        return paid

    def withdraw_credits(self, *accounts: Any) -> None:
        """Pay out everything the Oracle credited to `accounts`, in both tokens."""
        for account in accounts:
            for token in (self.flx, self.usd):
                if self.oracle.withdrawable(token.address, account):
                    self.withdraw(token, account)

    def credits(self, *accounts: Any) -> dict[str, tuple[int, int]]:
        """(FLX, fUSD) each account may `withdraw`, keyed by address string."""
        return {
            str(a): (
                self.oracle.withdrawable(self.flx.address, a),
                self.oracle.withdrawable(self.usd.address, a),
            )
            for a in accounts
        }

    def claim(self, request_id: int, account: Any, caller: Any = None) -> tuple[int, int]:
        with boa.env.prank(caller or self.anyone):
            paid: tuple[int, int] = self.oracle.claim(request_id, account)
        return paid

    def pause(self) -> None:
        with boa.env.prank(self.owner):
            self.oracle.pause()

    def unpause(self) -> None:
        with boa.env.prank(self.owner):
            self.oracle.unpause()

    def time_travel(self, seconds: int) -> None:
        boa.env.time_travel(seconds=seconds)

    def next_block(self) -> None:
        """Mine on: the next call runs one block and one second later. A round never takes a
        stake in the block (timestamp) that opened it."""
        boa.env.time_travel(blocks=1, block_delta=1)

    def expire_window(self, request_id: int) -> None:
        """Move time to the exact end of the request's open dispute window."""
        round_index = self.oracle.current_round(request_id)
        end_s = self.oracle.round_info(request_id, round_index)[2]
        boa.env.time_travel(seconds=max(0, end_s - boa.env.timestamp))

    def bond_round0(self, request_id: int, outcome: bytes = YES) -> int:
        """The validator fills round 0 in one stake; returns B0."""
        bond_wei: int = self.oracle.round_info(request_id, 0)[0]
        self.stake(self.validator, request_id, outcome, bond_wei)
        return bond_wei

    def escalate(self, request_id: int, a: bytes = YES, b: bytes = NO) -> int:
        """From the open round on, fill rounds with full bonds until the bond that fills reaches
        the threshold: the validator backs `a` in round 0, the disputer `b` in odd rounds, the
        counter-disputer `a` in even rounds from 2 (rounds 0..4 with the default config), each
        round one block after the one before. Returns B0."""
        b0_wei: int = self.oracle.round_info(request_id, 0)[0]
        round_index = self.oracle.current_round(request_id)
        while True:
            if round_index > 0:
                self.next_block()
            if round_index == 0:
                staker, outcome = self.validator, a
            elif round_index % 2:
                staker, outcome = self.disputer, b
            else:
                staker, outcome = self.counter_disputer, a
            self.stake(staker, request_id, outcome, b0_wei << round_index)
            if self.oracle.current_round(request_id) == round_index:
                return b0_wei
            round_index += 1

    # --- observation ----------------------------------------------------------------------

    def balances(self, *accounts: Any) -> dict[str, tuple[int, int]]:
        """(FLX, fUSD) per account, keyed by address string; includes the Oracle."""
        everyone = (*accounts, self.oracle.address)
        return {str(a): (self.flx.balanceOf(a), self.usd.balanceOf(a)) for a in everyone}
