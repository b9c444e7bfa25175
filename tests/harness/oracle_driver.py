"""`OracleDriver`: what a scenario may do to the Oracle and see of it, whatever runs the game.

A scenario is written once against this interface and runs twice: on the Vyper contract
(`ContractDriver`, titanoboa) and on the plain Python model (`ModelDriver`, `tests/model/`).
Both play `tests/harness/game.py`'s game: the same actors, config, starting balances (each
staker `STAKER_FLX`, the requester `REQUESTER_USD`) and the same YES and NO.

Every actor, token and requester is a 20-byte address string; outcomes are 32-byte `bytes`;
amounts are wei; times are unix seconds. Views return plain tuples shaped like the contract's.
What only the contract has (events, gas, raw calls, hostile counterparties) stays in contract
tests, which use `OracleProtocol` directly.
"""

from abc import abstractmethod
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from fluxo.domain import Config, RequestArgs
from tests.harness.game import MULTIPLIER_BPS, REQUESTER_USD, request_args
from tests.harness.game_steps import GameSteps

Balances = dict[str, tuple[int, int]]
# (requester, request id, outcome) of one `on_outcome` call the Oracle made.
Callback = tuple[str, int, bytes]


class OracleDriver(GameSteps):
    """The game's calls, its views and its clock. Calls that take a `caller` default to the
    role that usually makes them (the owner for admin calls, `anyone` for finalize, claim
    and withdraw, the arbitrator for arbitrate, the default requester for create and cancel)."""

    owner: str
    validator: str
    disputer: str
    counter_disputer: str
    arbitrator: str
    treasury: str
    anyone: str
    stranger: str
    # The whitelisted requester (MULTIPLIER_BPS) every `create` uses unless told otherwise.
    requester: str
    # The Oracle as an account: the key of its holdings in `balances`.
    oracle: str
    # The stake token (FLX) and the payment token (fUSD).
    flx: str
    usd: str
    # The deploy-time config (version 0).
    config: Config

    @property
    def tokens(self) -> tuple[str, str]:
        return (self.flx, self.usd)

    @property
    def stakers(self) -> tuple[str, str, str]:
        return (self.validator, self.disputer, self.counter_disputer)

    # --- reverts ----------------------------------------------------------------------------

    @abstractmethod
    def reverts(self, reason: str | None = None) -> AbstractContextManager[None]:
        """The block's one call reverts with exactly `reason` (with any reason, or none at
        all, when `reason` is None) and changes nothing."""

    # --- set-up and administration ----------------------------------------------------------

    @abstractmethod
    def add_requester(
        self,
        multiplier_bps: int = MULTIPLIER_BPS,
        *,
        funds_wei: int = REQUESTER_USD,
        payment_token: str | None = None,
    ) -> str:
        """A new requester, whitelisted at `multiplier_bps`, holding `funds_wei` of
        `payment_token` (fUSD by default) that the Oracle may pull; returns its address."""

    @abstractmethod
    def fund(self, account: str, *, flx_wei: int = 0, usd_wei: int = 0) -> None:
        """Give `account` tokens and approve the Oracle to pull all of them."""

    @abstractmethod
    def whitelist(self, requester: str, multiplier_bps: int, caller: str | None = None) -> None:
        """`add_requester` on an address as it is (no deployment, no funds)."""

    @abstractmethod
    def remove_requester(self, requester: str, caller: str | None = None) -> None: ...

    @abstractmethod
    def requester_info(self, requester: str) -> tuple[bool, int, int]:
        """(whitelisted, stake multiplier bps, permanent index)."""

    @abstractmethod
    def set_config(self, caller: str | None = None, **overrides: Any) -> int:
        """A new config version: the deploy-time config with `overrides`; returns its id."""

    @abstractmethod
    def latest_config_id(self) -> int: ...

    @abstractmethod
    def config_of(self, config_id: int) -> tuple[Any, ...]:
        """Config version `config_id` as the ABI tuple (`dataclasses.astuple` of a `Config`)."""

    @abstractmethod
    def new_account(self, label: str) -> str:
        """A fresh address holding nothing, for a role the game has no actor for."""

    @abstractmethod
    def pause(self, caller: str | None = None) -> None: ...

    @abstractmethod
    def unpause(self, caller: str | None = None) -> None: ...

    @abstractmethod
    def paused(self) -> bool: ...

    @abstractmethod
    def pause_clock(self) -> tuple[int, int, int]:
        """(seconds paused in finished pauses, start of the ongoing pause or 0, pauses)."""

    # --- the game ---------------------------------------------------------------------------

    def args(self, **overrides: Any) -> RequestArgs:
        """The default request settled now; `overrides` applied as given."""
        return request_args(self.now_s, **overrides)

    def create(self, requester: str | None = None, **overrides: Any) -> int:
        """`create_request(args(**overrides))` by `requester` (the default one if None)."""
        return self.create_request(self.args(**overrides), requester)

    @abstractmethod
    def create_request(self, args: RequestArgs, requester: str | None = None) -> int: ...

    @abstractmethod
    def unstake(
        self, staker: str, request_id: int, round_index: int, outcome: bytes, amount_wei: int
    ) -> None: ...

    @abstractmethod
    def finalize(self, request_id: int, caller: str | None = None) -> None: ...

    @abstractmethod
    def arbitrate(self, request_id: int, outcome: bytes, caller: str | None = None) -> None: ...

    @abstractmethod
    def claim(self, request_id: int, account: str, caller: str | None = None) -> tuple[int, int]:
        """(stake tokens, payment tokens) paid to `account`."""

    @abstractmethod
    def cancel(self, request_id: int, caller: str | None = None) -> None: ...

    @abstractmethod
    def publish_answer(self, request_id: int, answer: str) -> bytes: ...

    # --- views ------------------------------------------------------------------------------

    @abstractmethod
    def outcome_of(self, request_id: int) -> tuple[bool, bytes]: ...

    @abstractmethod
    def staked(self, request_id: int, round_index: int, account: str, outcome: bytes) -> int: ...

    @abstractmethod
    def claimable(self, request_id: int, account: str) -> tuple[int, int]: ...

    @abstractmethod
    def request_count(self) -> int: ...

    @abstractmethod
    def request_params(self, request_id: int) -> tuple[str, int, int, int, int, int, int]:
        """(requester, config id, B0, fee, settlement time, challenge period, kind)."""

    @abstractmethod
    def callbacks(self) -> list[Callback]:
        """Every `on_outcome` the Oracle made on a requester through this driver, in order."""

    @abstractmethod
    def balances(self, *accounts: str) -> Balances:
        """(FLX, fUSD) per account and the Oracle, keyed by `str(account)`."""


# A fixture's factory: a driver of the kind under test, with deploy-time config overrides.
MakeDriver = Callable[..., OracleDriver]
