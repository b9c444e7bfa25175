"""`ContractDriver`: the `OracleDriver` calls made on the deployed Vyper Oracle (titanoboa)."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import astuple, replace
from typing import Any

import boa

from fluxo.domain import Config, RequestArgs
from tests.harness.checks import events
from tests.harness.deployers import MOCK_REQUESTER_DEPLOYER
from tests.harness.game import MULTIPLIER_BPS, REQUESTER_USD
from tests.harness.oracle_driver import Balances, Callback, OracleDriver
from tests.harness.protocol import OracleProtocol


class ContractDriver(OracleDriver):
    """Drives an `OracleProtocol` deployment. Requesters are `MockRequester` contracts; a
    create or cancel by any other address is a direct call from it."""

    def __init__(self, protocol: OracleProtocol) -> None:
        self.protocol = protocol
        self._oracle = protocol.oracle
        self._token = {
            str(protocol.flx.address): protocol.flx,
            str(protocol.usd.address): protocol.usd,
        }
        self.owner = str(protocol.owner)
        self.validator = str(protocol.validator)
        self.disputer = str(protocol.disputer)
        self.counter_disputer = str(protocol.counter_disputer)
        self.arbitrator = str(protocol.arbitrator)
        self.treasury = str(protocol.treasury)
        self.anyone = str(protocol.anyone)
        self.stranger = str(protocol.stranger)
        self.requester = str(protocol.requester.address)
        self.oracle = str(protocol.oracle.address)
        self.flx = str(protocol.flx.address)
        self.usd = str(protocol.usd.address)
        self.config: Config = protocol.config
        self._requesters = {self.requester: protocol.requester}
        self._callbacks: list[Callback] = []

    def _as(self, caller: str | None, default: str) -> Any:
        return boa.env.prank(caller or default)

    @contextmanager
    def reverts(self, reason: str | None = None) -> Iterator[None]:
        with boa.reverts(reason) if reason is not None else boa.reverts():
            yield

    # --- set-up and administration ----------------------------------------------------------

    def add_requester(
        self,
        multiplier_bps: int = MULTIPLIER_BPS,
        *,
        funds_wei: int = REQUESTER_USD,
        payment_token: str | None = None,
    ) -> str:
        requester = self.protocol.deploy_requester(
            MOCK_REQUESTER_DEPLOYER,
            multiplier_bps,
            funds_wei,
            self._token[payment_token or self.usd],
        )
        address = str(requester.address)
        self._requesters[address] = requester
        return address

    def fund(self, account: str, *, flx_wei: int = 0, usd_wei: int = 0) -> None:
        for token, amount_wei in ((self.flx, flx_wei), (self.usd, usd_wei)):
            contract = self._token[token]
            if amount_wei:
                with boa.env.prank(self.owner):
                    contract.mint(account, amount_wei)
            with boa.env.prank(account):
                contract.approve(self.oracle, 2**256 - 1)

    def whitelist(self, requester: str, multiplier_bps: int, caller: str | None = None) -> None:
        with self._as(caller, self.owner):
            self._oracle.add_requester(requester, "market", multiplier_bps, "")

    def remove_requester(self, requester: str, caller: str | None = None) -> None:
        with self._as(caller, self.owner):
            self._oracle.remove_requester(requester)

    def requester_info(self, requester: str) -> tuple[bool, int, int]:
        return tuple(self._oracle.requester_info(requester))

    def set_config(self, caller: str | None = None, **overrides: Any) -> int:
        with self._as(caller, self.owner):
            config_id: int = self._oracle.set_config(astuple(replace(self.config, **overrides)))
        return config_id

    def latest_config_id(self) -> int:
        return int(self._oracle.latest_config_id())

    def config_of(self, config_id: int) -> tuple[Any, ...]:
        return tuple(self._oracle.config(config_id))

    def new_account(self, label: str) -> str:
        return str(boa.env.generate_address(label))

    def pause(self, caller: str | None = None) -> None:
        with self._as(caller, self.owner):
            self._oracle.pause()

    def unpause(self, caller: str | None = None) -> None:
        with self._as(caller, self.owner):
            self._oracle.unpause()

    def paused(self) -> bool:
        return bool(self._oracle.paused())

    def pause_clock(self) -> tuple[int, int, int]:
        return tuple(self._oracle.pause_clock())

    # --- the game ---------------------------------------------------------------------------

    def create_request(self, args: RequestArgs, requester: str | None = None) -> int:
        requester = requester or self.requester
        encoded = self.protocol.encode(args)
        if requester in self._requesters:
            return int(self._requesters[requester].create(encoded))
        with boa.env.prank(requester):
            return int(self._oracle.create_request(encoded))

    def stake(self, staker: str, request_id: int, outcome: bytes, amount_wei: int) -> int:
        return self.protocol.stake(staker, request_id, outcome, amount_wei)

    def unstake(
        self, staker: str, request_id: int, round_index: int, outcome: bytes, amount_wei: int
    ) -> None:
        self.protocol.unstake(staker, request_id, round_index, outcome, amount_wei)

    def finalize(self, request_id: int, caller: str | None = None) -> None:
        with self._as(caller, self.anyone):
            self._oracle.finalize(request_id)
        self._record_callbacks()

    def arbitrate(self, request_id: int, outcome: bytes, caller: str | None = None) -> None:
        with self._as(caller, self.arbitrator):
            self._oracle.arbitrate(request_id, outcome)
        self._record_callbacks()

    def _record_callbacks(self) -> None:
        self._callbacks += [
            (str(log.address), log.request_id, log.outcome)
            for log in events(self._oracle, "OutcomeReceived")
        ]

    def claim(self, request_id: int, account: str, caller: str | None = None) -> tuple[int, int]:
        return tuple(self.protocol.claim(request_id, account, caller))

    def cancel(self, request_id: int, caller: str | None = None) -> None:
        self.protocol.cancel(request_id, caller or self.requester)

    def withdraw(self, token: str, account: str, caller: str | None = None) -> int:
        return self.protocol.withdraw(self._token[token], account, caller)

    def withdrawable(self, token: str, account: str) -> int:
        return int(self._oracle.withdrawable(token, account))

    def publish_answer(self, request_id: int, answer: str) -> bytes:
        with boa.env.prank(self.anyone):
            return bytes(self._oracle.publish_answer(request_id, answer))

    # --- views ------------------------------------------------------------------------------

    def current_round(self, request_id: int) -> int:
        return self.protocol.current_round(request_id)

    def round_info(self, request_id: int, round_index: int) -> tuple[int, int, int, bytes, bool]:
        return tuple(self.protocol.round_info(request_id, round_index))

    def outcome_of(self, request_id: int) -> tuple[bool, bytes]:
        return tuple(self._oracle.outcome_of(request_id))

    def staked(self, request_id: int, round_index: int, account: str, outcome: bytes) -> int:
        return int(self._oracle.staked(request_id, round_index, account, outcome))

    def claimable(self, request_id: int, account: str) -> tuple[int, int]:
        return tuple(self._oracle.claimable(request_id, account))

    def request_count(self) -> int:
        return int(self._oracle.request_count())

    def request_params(self, request_id: int) -> tuple[str, int, int, int, int, int, int]:
        params = self._oracle.request_params(request_id)
        return (str(params[0]), *params[1:])

    def callbacks(self) -> list[Callback]:
        return list(self._callbacks)

    def balances(self, *accounts: str) -> Balances:
        return self.protocol.balances(*accounts)

    # --- the clock --------------------------------------------------------------------------

    @property
    def now_s(self) -> int:
        return self.protocol.now_s

    def time_travel(self, seconds: int) -> None:
        self.protocol.time_travel(seconds)

    def next_block(self) -> None:
        self.protocol.next_block()
