"""`OracleProtocol`: the whole request game deployed on titanoboa with role-named actors.

Tests read as scenarios: `protocol.create()`, `protocol.stake(protocol.validator, ...)`,
`protocol.time_travel(...)`, and assert balances through `protocol.balances(...)`. Builders
return valid inputs that a test overrides field by field (`protocol.args(fee=0)`).
"""

from collections.abc import Sequence
from dataclasses import astuple, dataclass, field, replace
from typing import Any

import boa

from fluxo.domain import RequestArgs
from tests.harness.deployers import (
    FLUX_TOKEN_DEPLOYER,
    MOCK_ERC20_DEPLOYER,
    MOCK_REQUESTER_DEPLOYER,
    ORACLE_DEPLOYER,
)
from tests.harness.game import (
    MULTIPLIER_BPS,
    REQUESTER_USD,
    STAKER_FLX,
    game_config,
    request_args,
)
from tests.harness.game_steps import GameSteps


def _address(label: str) -> Any:
    return boa.env.generate_address(label)


@dataclass
class OracleProtocol(GameSteps):
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
        defaults = game_config(
            stake_token=str(self.flx.address),
            payment_token=str(self.usd.address),
            final_arbitrator=str(self.arbitrator),
            treasury=str(self.treasury),
        )
        # As given: a token address here is deployed as is, so the Oracle can refuse it.
        self.config = replace(defaults, **self.config_overrides)
        self._deploy(self.staker_funds_wei)

    def reconfigure(
        self,
        *,
        stake_token: Any = None,
        payment_token: Any = None,
        staker_funds_wei: Sequence[int] | None = None,
        **config_overrides: Any,
    ) -> "OracleProtocol":
        """Deploy a fresh Oracle (and requester) with other token contracts or config fields;
        fund and approve the stakers (`staker_funds_wei` per staker, in the order of
        `stakers`)."""
        self.flx = stake_token or self.flx
        self.usd = payment_token or self.usd
        self.config = replace(
            self.config,
            stake_token=str(self.flx.address),
            payment_token=str(self.usd.address),
            **config_overrides,
        )
        return self._deploy(staker_funds_wei)

    def _deploy(self, staker_funds_wei: Sequence[int] | None) -> "OracleProtocol":
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
        self,
        deployer: Any = MOCK_REQUESTER_DEPLOYER,
        multiplier_bps: int = MULTIPLIER_BPS,
        funds_wei: int = REQUESTER_USD,
        payment_token: Any = None,
    ) -> Any:
        """Deploy a requester contract that approves the Oracle for `payment_token` (fUSD by
        default), fund it with `funds_wei` of that token and whitelist it."""
        token = payment_token or self.usd
        requester = deployer.deploy(self.oracle.address, token.address)
        if funds_wei:
            with boa.env.prank(self.owner):
                token.mint(requester.address, funds_wei)
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
        """The default request (see `tests.harness.game.request_args`) settled now."""
        return request_args(boa.env.timestamp, **overrides)

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

    def cancel(self, request_id: int, caller: Any = None) -> None:
        with boa.env.prank(caller or self.requester.address):
            self.oracle.cancel(request_id)

    def withdraw(self, token: Any, account: Any, caller: Any = None) -> int:
        with boa.env.prank(caller or self.anyone):
            paid: int = self.oracle.withdraw(token.address, account)
        return paid

    def withdrawable(self, token: Any, account: Any) -> int:
        credit_wei: int = self.oracle.withdrawable(token.address, account)
        return credit_wei

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

    @property
    def now_s(self) -> int:
        return int(boa.env.timestamp)

    def time_travel(self, seconds: int) -> None:
        boa.env.time_travel(seconds=seconds)

    def next_block(self) -> None:
        boa.env.time_travel(blocks=1, block_delta=1)

    # --- observation ----------------------------------------------------------------------

    @property
    def tokens(self) -> tuple[Any, Any]:
        return (self.flx, self.usd)

    def current_round(self, request_id: int) -> int:
        round_index: int = self.oracle.current_round(request_id)
        return round_index

    def round_info(self, request_id: int, round_index: int) -> tuple[int, int, int, bytes, bool]:
        info: tuple[int, int, int, bytes, bool] = self.oracle.round_info(request_id, round_index)
        return info

    def balances(self, *accounts: Any) -> dict[str, tuple[int, int]]:
        """(FLX, fUSD) per account, keyed by address string; includes the Oracle."""
        everyone = (*accounts, self.oracle.address)
        return {str(a): (self.flx.balanceOf(a), self.usd.balanceOf(a)) for a in everyone}
