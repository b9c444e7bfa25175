"""`ModelDriver`: the `OracleDriver` calls made on `OracleModel`, with a clock of its own."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import astuple, replace
from typing import Any

import pytest
from eth_utils.crypto import keccak

from fluxo.domain import RequestArgs
from tests.harness.game import MULTIPLIER_BPS, REQUESTER_USD, STAKER_FLX, game_config
from tests.harness.oracle_driver import Balances, Callback, OracleDriver
from tests.model import OracleModel, OracleRevert


def _address(label: int) -> str:
    return "0x" + "00" * 18 + f"{label:04x}"


# An arbitrary unix time to start at; scenarios only ever read times relative to `now_s`.
START_S = 1_700_000_000
# Requesters the driver adds are numbered from here on.
_FIRST_REQUESTER = 0x100


class ModelDriver(OracleDriver):
    """Drives an `OracleModel`. Time moves only when the scenario moves it, as on titanoboa;
    every call runs at `now_s`."""

    def __init__(self, **config_overrides: Any) -> None:
        self.owner = _address(0x01)
        self.validator = _address(0x02)
        self.disputer = _address(0x03)
        self.counter_disputer = _address(0x04)
        self.arbitrator = _address(0x05)
        self.treasury = _address(0x06)
        self.anyone = _address(0x07)
        self.stranger = _address(0x08)
        self.oracle = _address(0xF0)
        self.flx = _address(0xF1)
        self.usd = _address(0xF2)
        defaults = game_config(
            stake_token=self.flx,
            payment_token=self.usd,
            final_arbitrator=self.arbitrator,
            treasury=self.treasury,
        )
        self.config = replace(defaults, **config_overrides)
        self.model = OracleModel(self.config, self.owner, oracle_address=self.oracle)
        self._now_s = START_S
        self._requester_count = 0
        self.requester = self.add_requester()
        for staker in self.stakers:
            self.fund(staker, flx_wei=STAKER_FLX)

    @contextmanager
    def reverts(self, reason: str | None = None) -> Iterator[None]:
        with pytest.raises(OracleRevert) as raised:
            yield
        if reason is not None:
            assert raised.value.reason == reason

    # --- set-up and administration ----------------------------------------------------------

    def add_requester(
        self,
        multiplier_bps: int = MULTIPLIER_BPS,
        *,
        funds_wei: int = REQUESTER_USD,
        payment_token: str | None = None,
    ) -> str:
        requester = _address(_FIRST_REQUESTER + self._requester_count)
        self._requester_count += 1
        if funds_wei:
            self.model.mint(payment_token or self.usd, requester, funds_wei)
        self.whitelist(requester, multiplier_bps)
        return requester

    def fund(self, account: str, *, flx_wei: int = 0, usd_wei: int = 0) -> None:
        # The model keeps no allowances: every pull is as good as approved.
        for token, amount_wei in ((self.flx, flx_wei), (self.usd, usd_wei)):
            if amount_wei:
                self.model.mint(token, account, amount_wei)

    def whitelist(self, requester: str, multiplier_bps: int, caller: str | None = None) -> None:
        self.model.add_requester(caller or self.owner, requester, "market", multiplier_bps, "")

    def remove_requester(self, requester: str, caller: str | None = None) -> None:
        self.model.remove_requester(caller or self.owner, requester)

    def requester_info(self, requester: str) -> tuple[bool, int, int]:
        return tuple(self.model.requester_info(requester))

    def set_config(self, caller: str | None = None, **overrides: Any) -> int:
        return self.model.set_config(caller or self.owner, replace(self.config, **overrides))

    def latest_config_id(self) -> int:
        return self.model.latest_config_id

    def config_of(self, config_id: int) -> tuple[Any, ...]:
        return astuple(self.model.config(config_id))

    def new_account(self, label: str) -> str:
        return "0x" + keccak(text=label)[-20:].hex()

    def pause(self, caller: str | None = None) -> None:
        self.model.pause(caller or self.owner, self._now_s)

    def unpause(self, caller: str | None = None) -> None:
        self.model.unpause(caller or self.owner, self._now_s)

    def paused(self) -> bool:
        return self.model.paused

    def pause_clock(self) -> tuple[int, int, int]:
        return tuple(self.model.pause_clock())

    # --- the game ---------------------------------------------------------------------------

    def create_request(self, args: RequestArgs, requester: str | None = None) -> int:
        return self.model.create_request(requester or self.requester, args, self._now_s)

    def stake(self, staker: str, request_id: int, outcome: bytes, amount_wei: int) -> int:
        return self.model.stake(staker, request_id, outcome, amount_wei, self._now_s)

    def unstake(
        self, staker: str, request_id: int, round_index: int, outcome: bytes, amount_wei: int
    ) -> None:
        self.model.unstake(staker, request_id, round_index, outcome, amount_wei, self._now_s)

    def finalize(self, request_id: int, caller: str | None = None) -> None:
        self.model.finalize(caller or self.anyone, request_id, self._now_s)

    def arbitrate(self, request_id: int, outcome: bytes, caller: str | None = None) -> None:
        self.model.arbitrate(caller or self.arbitrator, request_id, outcome, self._now_s)

    def claim(self, request_id: int, account: str, caller: str | None = None) -> tuple[int, int]:
        return tuple(self.model.claim(caller or self.anyone, request_id, account))

    def cancel(self, request_id: int, caller: str | None = None) -> None:
        self.model.cancel(caller or self.requester, request_id, self._now_s)

    def withdraw(self, token: str, account: str, caller: str | None = None) -> int:
        return self.model.withdraw(caller or self.anyone, token, account)

    def withdrawable(self, token: str, account: str) -> int:
        return self.model.withdrawable(token, account)

    def publish_answer(self, request_id: int, answer: str) -> bytes:
        return self.model.publish_answer(request_id, answer)

    # --- views ------------------------------------------------------------------------------

    def current_round(self, request_id: int) -> int:
        return self.model.current_round(request_id)

    def round_info(self, request_id: int, round_index: int) -> tuple[int, int, int, bytes, bool]:
        return tuple(self.model.round_info(request_id, round_index, self._now_s))

    def outcome_of(self, request_id: int) -> tuple[bool, bytes]:
        return tuple(self.model.outcome_of(request_id))

    def staked(self, request_id: int, round_index: int, account: str, outcome: bytes) -> int:
        return self.model.staked(request_id, round_index, account, outcome)

    def claimable(self, request_id: int, account: str) -> tuple[int, int]:
        return tuple(self.model.claimable(request_id, account))

    def request_count(self) -> int:
        return self.model.request_count

    def request_params(self, request_id: int) -> tuple[str, int, int, int, int, int, int]:
        return tuple(self.model.request_params(request_id))

    def callbacks(self) -> list[Callback]:
        return [(c.requester, c.request_id, c.outcome) for c in self.model.callbacks]

    def balances(self, *accounts: str) -> Balances:
        return {
            str(a): (self.model.balance_of(self.flx, a), self.model.balance_of(self.usd, a))
            for a in (*accounts, self.oracle)
        }

    # --- the clock --------------------------------------------------------------------------

    @property
    def now_s(self) -> int:
        return self._now_s

    def time_travel(self, seconds: int) -> None:
        self._now_s += seconds

    def next_block(self) -> None:
        self._now_s += 1
