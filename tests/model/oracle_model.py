"""A plain model of the Oracle contract's request game, for side-by-side tests.

Every public method is one contract call: it takes the caller (and the block time where the
contract reads it), raises `OracleRevert` with the contract's exact reason before changing
anything, and otherwise applies the call's effects, token movements included, to the model.
"""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import NamedTuple

from fluxo.domain.bonds import Payout, claim_payout, round_bond_wei
from fluxo.domain.config import Config, is_valid_config
from fluxo.domain.outcome import (
    INVALID_OUTCOME,
    NO_OUTCOME,
    OutcomeKind,
    is_valid,
    kind_of,
    require_word,
    string,
)
from fluxo.domain.request_args import RequestArgs
from tests.model.address import canonical_address
from tests.model.errors import OracleRevert
from tests.model.ledger import TokenLedger
from tests.model.pause_clock import PauseClock
from tests.model.request_checks import checked_base_bond_wei, require_decodable
from tests.model.request_state import Request, Round

# Where the model's Oracle holds tokens unless the test names the deployed address.
DEFAULT_ORACLE_ADDRESS = "0x" + "0f" * 20

# The contract stores a requester's multiplier in 32 bits.
MULTIPLIER_LIMIT_BPS = 2**32
# The contract keeps at most this many finished pauses (its clock's history).
MAX_PAUSES = 4_096


class RoundInfo(NamedTuple):
    """`round_info`'s return, comparable with the contract's plain tuple."""

    bond_wei: int
    start_s: int
    end_s: int
    bonded_outcome: bytes
    bonded: bool


class RequesterInfo(NamedTuple):
    """`requester_info`'s return: a requester keeps its record (and its index) once added."""

    whitelisted: bool
    stake_multiplier_bps: int
    requester_index: int


class RequestParams(NamedTuple):
    """`request_params`' return; `kind` is 0 STRING, 1 NUMBER, n >= 2 categorical with n
    outcomes."""

    requester: str
    config_id: int
    base_bond_wei: int
    fee_wei: int
    settlement_s: int
    challenge_period_s: int
    kind: int


class PauseClockView(NamedTuple):
    """`pause_clock`'s return."""

    paused_s: int
    paused_since_s: int
    pauses: int


class OutcomeOf(NamedTuple):
    """`outcome_of`'s return, comparable with the contract's plain tuple."""

    finalized: bool
    outcome: bytes


@dataclass(frozen=True, slots=True)
class Callback:
    """One `on_outcome(request_id, outcome)` call the Oracle makes on `requester`."""

    requester: str
    request_id: int
    outcome: bytes


class OracleModel:
    """The Oracle's state and rules, kept in plain dicts and lists.

    Addresses are accepted in any case and stored lowercase; outcomes are 32-byte `bytes`;
    amounts are integer wei; times are unix seconds.
    """

    def __init__(
        self, config: Config, owner: str, *, oracle_address: str = DEFAULT_ORACLE_ADDRESS
    ) -> None:
        config = _canonical_config(config)
        if not is_valid_config(config):
            raise OracleRevert("oracle: bad config")
        self.address = canonical_address(oracle_address)
        self._owner = canonical_address(owner)
        self._clock = PauseClock()
        self._configs: list[Config] = [config]
        self._requesters: dict[str, RequesterInfo] = {}
        self._requests: list[Request] = []
        self._ledger = TokenLedger()
        self._credits: dict[tuple[str, str], int] = {}
        self._callbacks: list[Callback] = []

    # --- ledger -------------------------------------------------------------------------------

    @property
    def balances(self) -> Mapping[tuple[str, str], int]:
        """Every balance the model knows, keyed `(token, account)`, lowercase."""
        return self._ledger.balances

    def balance_of(self, token: str, account: str) -> int:
        return self._ledger.balance_of(canonical_address(token), canonical_address(account))

    def mint(self, token: str, account: str, amount_wei: int) -> None:
        """Tell the model about tokens `account` received outside the Oracle."""
        self._ledger.mint(canonical_address(token), canonical_address(account), amount_wei)

    # --- plain state --------------------------------------------------------------------------

    @property
    def owner(self) -> str:
        return self._owner

    @property
    def paused(self) -> bool:
        return self._clock.paused_since_s is not None

    @property
    def clock(self) -> PauseClock:
        return self._clock

    @property
    def configs(self) -> tuple[Config, ...]:
        """Every config version; version `v` is `configs[v]`."""
        return tuple(self._configs)

    @property
    def request_count(self) -> int:
        return len(self._requests)

    @property
    def callbacks(self) -> tuple[Callback, ...]:
        """Every `on_outcome` call so far, in order."""
        return tuple(self._callbacks)

    def requester_of(self, request_id: int) -> str:
        return self._request(request_id).requester

    def is_whitelisted(self, requester: str) -> bool:
        return self.requester_info(requester).whitelisted

    def requester_info(self, requester: str) -> RequesterInfo:
        return self._requesters.get(canonical_address(requester), RequesterInfo(False, 0, 0))

    @property
    def latest_config_id(self) -> int:
        return len(self._configs) - 1

    def config(self, config_id: int) -> Config:
        if not 0 <= config_id < len(self._configs):
            raise OracleRevert("oracle: unknown config")
        return self._configs[config_id]

    # --- owner --------------------------------------------------------------------------------

    def set_config(self, caller: str, config: Config) -> int:
        """Add a config version for future requests and return its version number."""
        self._require_owner(caller)
        config = _canonical_config(config)
        if not is_valid_config(config):
            raise OracleRevert("oracle: bad config")
        self._configs.append(config)
        return len(self._configs) - 1

    def add_requester(
        self,
        caller: str,
        requester: str,
        name: str,
        stake_multiplier_bps: int,
        code_base_url: str,
    ) -> None:
        """Whitelist `requester`, or change its multiplier; `name` and `code_base_url` only
        reach the event."""
        self._require_owner(caller)
        if stake_multiplier_bps == 0:
            raise OracleRevert("oracle: zero multiplier")
        if stake_multiplier_bps >= MULTIPLIER_LIMIT_BPS:
            raise OracleRevert("oracle: bad multiplier")
        requester = canonical_address(requester)
        # The first add fixes the requester's index for good; later adds keep it.
        known = self._requesters.get(requester)
        index = len(self._requesters) if known is None else known.requester_index
        self._requesters[requester] = RequesterInfo(True, stake_multiplier_bps, index)

    def remove_requester(self, caller: str, requester: str) -> None:
        self._require_owner(caller)
        requester = canonical_address(requester)
        if not self.is_whitelisted(requester):
            raise OracleRevert("oracle: not whitelisted")
        self._requesters[requester] = self._requesters[requester]._replace(whitelisted=False)

    def pause(self, caller: str, now_s: int) -> None:
        """Stop the game and its clock."""
        self._require_owner(caller)
        if self.paused:
            raise OracleRevert("pausable: contract is paused")
        if len(self._clock.pauses) >= MAX_PAUSES:
            raise OracleRevert("oracle: too many pauses")
        self._clock.pause(now_s)

    def unpause(self, caller: str, now_s: int) -> None:
        """Resume the game; windows resume with the time they had left."""
        self._require_owner(caller)
        if not self.paused:
            raise OracleRevert("pausable: contract is not paused")
        self._clock.unpause(now_s)

    # --- the game -----------------------------------------------------------------------------

    def create_request(self, caller: str, args: RequestArgs, now_s: int) -> int:
        """Open a request against the latest config and pull its validity bond plus fee."""
        require_decodable(args)
        self._require_not_paused()
        requester = canonical_address(caller)
        if not self.is_whitelisted(requester):
            raise OracleRevert("oracle: not whitelisted")
        config_id = len(self._configs) - 1
        config = self._configs[config_id]
        multiplier_bps = self._requesters[requester].stake_multiplier_bps
        base_bond_wei = checked_base_bond_wei(args, config, multiplier_bps)

        self._ledger.transfer(
            config.payment_token, requester, self.address, config.validity_bond + args.fee
        )
        self._requests.append(
            Request(
                requester=requester,
                config_id=config_id,
                config=config,
                stake_multiplier_bps=multiplier_bps,
                kind=kind_of(len(args.outcomes), args.data_type),
                n_outcomes=len(args.outcomes),
                settlement_s=max(args.settlement_time, now_s),
                challenge_period_s=args.challenge_period,
                base_bond_wei=base_bond_wei,
                fee_wei=args.fee,
                rounds=[Round(bond_wei=base_bond_wei)],
            )
        )
        return len(self._requests) - 1

    def stake(
        self, caller: str, request_id: int, outcome: bytes, amount_wei: int, now_s: int
    ) -> int:
        """Stake on `outcome` in the open round and return what was taken, which is capped at
        what the outcome still needs to reach the round's bond."""
        require_word(outcome)
        self._require_not_paused()
        request = self._request(request_id)
        if amount_wei == 0:
            raise OracleRevert("oracle: zero amount")
        self._require_open(request)
        if not is_valid(request.kind, request.n_outcomes, outcome):
            raise OracleRevert("oracle: invalid outcome")
        previous = request.latest_bonded()
        if previous is None:
            if now_s < request.settlement_s:
                raise OracleRevert("oracle: not settled")
        else:
            if now_s <= previous.bonded_at_s:
                raise OracleRevert("oracle: round just opened")
            if (
                self._clock.active_since_s(previous.bonded_at_s, now_s)
                >= request.challenge_period_s
            ):
                raise OracleRevert("oracle: window closed")
            if previous.bonded_outcome == outcome:
                raise OracleRevert("oracle: outcome bonded")

        staker = canonical_address(caller)
        open_round = request.rounds[-1]
        taken_wei = min(amount_wei, open_round.bond_wei - open_round.total_on(outcome))
        self._ledger.transfer(request.config.stake_token, staker, self.address, taken_wei)
        open_round.add_stake(staker, outcome, taken_wei)
        if open_round.total_on(outcome) == open_round.bond_wei:
            self._bond(request, open_round, outcome, now_s)
        return taken_wei

    def unstake(
        self,
        caller: str,
        request_id: int,
        round_index: int,
        outcome: bytes,
        amount_wei: int,
        now_s: int,
    ) -> None:
        """Withdraw stake that did not bond. Neither time nor pause blocks it; `now_s` is
        accepted only so a driver can pass the block time to every game call alike."""
        require_word(outcome)
        request = self._request(request_id)
        if amount_wei == 0:
            raise OracleRevert("oracle: zero amount")
        round_ = _known_round(request, round_index)
        if round_.bonded_outcome == outcome:
            raise OracleRevert("oracle: outcome bonded")
        staker = canonical_address(caller)
        if round_.stake_of(staker, outcome) < amount_wei:
            raise OracleRevert("oracle: insufficient stake")

        round_.remove_stake(staker, outcome, amount_wei)
        self._ledger.transfer(request.config.stake_token, self.address, staker, amount_wei)

    def finalize(self, caller: str, request_id: int, now_s: int) -> None:
        """Settle on the latest bonded outcome once nobody disputed it in time, or an
        escalated request as INVALID once the arbitrator let its timeout pass. Anyone may
        call it."""
        self._require_not_paused()
        request = self._request(request_id)
        if request.finalized:
            raise OracleRevert("oracle: finalized")
        latest = request.latest_bonded()
        if latest is None:
            raise OracleRevert("oracle: nothing bonded")
        active_s = self._clock.active_since_s(latest.bonded_at_s, now_s)
        if request.escalated:
            if active_s < request.config.arbitration_timeout:
                raise OracleRevert("oracle: escalated")
            self._expire_arbitration(request_id, request)
            return
        if active_s < request.challenge_period_s:
            raise OracleRevert("oracle: window open")
        assert latest.bonded_outcome is not None
        self._settle(request_id, request, latest.bonded_outcome)

    def cancel(self, caller: str, request_id: int, now_s: int) -> None:
        """The requester ends a request nobody answered within `max_open_period`: final
        INVALID, fee and validity bond credited back, no callback."""
        self._require_not_paused()
        request = self._request(request_id)
        if canonical_address(caller) != request.requester:
            raise OracleRevert("oracle: not requester")
        if request.finalized:
            raise OracleRevert("oracle: finalized")
        if request.latest_bonded() is not None:
            raise OracleRevert("oracle: already bonded")
        if (
            now_s < request.settlement_s
            or self._clock.active_since_s(request.settlement_s, now_s)
            < request.config.max_open_period
        ):
            raise OracleRevert("oracle: still open")
        request.final_outcome = INVALID_OUTCOME
        request.cancelled = True
        self._credit(
            request.config.payment_token,
            request.requester,
            request.fee_wei + request.config.validity_bond,
        )

    def withdraw(self, caller: str, token: str, account: str) -> int:
        """Pay `account` its credit in `token`; anyone may call, even while paused."""
        key = (canonical_address(token), canonical_address(account))
        amount_wei = self._credits.get(key, 0)
        if amount_wei == 0:
            raise OracleRevert("oracle: nothing to withdraw")
        self._ledger.transfer(key[0], self.address, key[1], amount_wei)
        del self._credits[key]
        return amount_wei

    def withdrawable(self, token: str, account: str) -> int:
        return self._credits.get((canonical_address(token), canonical_address(account)), 0)

    def arbitrate(self, caller: str, request_id: int, outcome: bytes, now_s: int) -> None:
        """The snapshot's final arbitrator settles an escalated request on any valid outcome."""
        require_word(outcome)
        self._require_not_paused()
        request = self._request(request_id)
        if canonical_address(caller) != request.config.final_arbitrator:
            raise OracleRevert("oracle: not arbitrator")
        if request.finalized:
            raise OracleRevert("oracle: finalized")
        if not request.escalated:
            raise OracleRevert("oracle: not escalated")
        latest = request.latest_bonded()
        assert latest is not None
        if (
            self._clock.active_since_s(latest.bonded_at_s, now_s)
            >= request.config.arbitration_timeout
        ):
            raise OracleRevert("oracle: arbitration expired")
        if not is_valid(request.kind, request.n_outcomes, outcome):
            raise OracleRevert("oracle: invalid outcome")

        self._settle(request_id, request, outcome)
        if not any(round_.bonded_outcome == outcome for round_ in request.rounds):
            # No staker can ever claim, so nothing may stay behind for the stakers.
            config = request.config
            bonded_wei = sum(round_.bond_wei for round_ in request.rounds if round_.bonded)
            self._credit(config.stake_token, config.treasury, bonded_wei)
            self._credit(config.payment_token, config.treasury, request.fee_pool_wei(outcome))

    def claim(self, caller: str, request_id: int, account: str) -> Payout:
        """Pay `account` its correct stake, its share of the slashed bonds and of the fee pool.
        Anyone may call it; the money always goes to `account`."""
        request = self._request(request_id)
        if request.final_outcome is None:
            raise OracleRevert("oracle: not finalized")
        account = canonical_address(account)
        payout = self._payout(request, request.final_outcome, account)
        # A correct stake always pays at least itself back, so a zero stake payout means the
        # account has no correct stake left.
        if payout.stake_wei == 0:
            raise OracleRevert("oracle: nothing to claim")

        for round_, outcome in _paid_rounds(request, request.final_outcome):
            round_.stake_wei.pop((account, outcome), None)
        config = request.config
        self._ledger.transfer(config.stake_token, self.address, account, payout.stake_wei)
        self._ledger.transfer(config.payment_token, self.address, account, payout.payment_wei)
        return payout

    def publish_answer(self, request_id: int, text: str) -> bytes:
        """Return the STRING outcome for `text`; on chain this only emits it."""
        self._request(request_id)
        return string(text)

    # --- views --------------------------------------------------------------------------------

    def outcome_of(self, request_id: int) -> OutcomeOf:
        request = self._request(request_id)
        if request.final_outcome is None:
            return OutcomeOf(False, NO_OUTCOME)
        return OutcomeOf(True, request.final_outcome)

    def current_round(self, request_id: int) -> int:
        return self._request(request_id).current_round

    def request_params(self, request_id: int) -> RequestParams:
        request = self._request(request_id)
        kind = request.n_outcomes if request.kind is OutcomeKind.CATEGORICAL else request.kind
        return RequestParams(
            request.requester,
            request.config_id,
            request.base_bond_wei,
            request.fee_wei,
            request.settlement_s,
            request.challenge_period_s,
            int(kind),
        )

    def pause_clock(self) -> PauseClockView:
        """Seconds paused in finished pauses, the start of the ongoing one (0 if none), and
        how many pauses finished."""
        pauses = self._clock.pauses
        return PauseClockView(
            sum(pause.end_s - pause.start_s for pause in pauses),
            self._clock.paused_since_s or 0,
            len(pauses),
        )

    def round_info(self, request_id: int, round_index: int, now_s: int | None = None) -> RoundInfo:
        """A round's bond, start, end (exclusive; 0 for round 0), bonded outcome. `now_s`, the
        block time of the view, matters only while paused: a window a pause froze ends at the
        earliest as if unpaused then."""
        request = self._request(request_id)
        if now_s is None:
            if self.paused:
                raise ValueError("round_info while paused needs the block time (now_s)")
            now_s = 0
        round_ = _known_round(request, round_index)
        if round_index == 0:
            start_s, end_s = request.settlement_s, 0
        else:
            start_s = request.rounds[round_index - 1].bonded_at_s
            end_s = self._clock.window_end_s(start_s, request.challenge_period_s, now_s)
        bonded_outcome = NO_OUTCOME if round_.bonded_outcome is None else round_.bonded_outcome
        return RoundInfo(round_.bond_wei, start_s, end_s, bonded_outcome, round_.bonded)

    def staked(self, request_id: int, round_index: int, account: str, outcome: bytes) -> int:
        """An account's stake on `outcome` in a round; 0 for rounds that never opened."""
        require_word(outcome)
        request = self._request(request_id)
        _require_round_index(round_index)
        if round_index > request.current_round:
            return 0
        return request.rounds[round_index].stake_of(canonical_address(account), outcome)

    def claimable(self, request_id: int, account: str) -> Payout:
        request = self._request(request_id)
        if request.final_outcome is None:
            return Payout(0, 0)
        return self._payout(request, request.final_outcome, canonical_address(account))

    # --- internals ----------------------------------------------------------------------------

    def _require_owner(self, caller: str) -> None:
        if canonical_address(caller) != self._owner:
            raise OracleRevert("ownable: caller is not the owner")

    def _require_not_paused(self) -> None:
        if self.paused:
            raise OracleRevert("pausable: contract is paused")

    def _credit(self, token: str, account: str, amount_wei: int) -> None:
        """Owe `account` tokens the Oracle holds; `withdraw` pays them."""
        if amount_wei:
            key = (token, account)
            self._credits[key] = self._credits.get(key, 0) + amount_wei

    def _request(self, request_id: int) -> Request:
        if not 0 <= request_id < len(self._requests):
            raise OracleRevert("oracle: unknown request")
        return self._requests[request_id]

    @staticmethod
    def _require_open(request: Request) -> None:
        if request.finalized:
            raise OracleRevert("oracle: finalized")
        if request.escalated:
            raise OracleRevert("oracle: escalated")

    @staticmethod
    def _bond(request: Request, filled_round: Round, outcome: bytes, now_s: int) -> None:
        filled_round.bonded_outcome = outcome
        filled_round.bonded_at_s = now_s
        if filled_round.bond_wei >= request.config.arbitration_threshold:
            request.escalated = True
        else:
            next_bond_wei = round_bond_wei(request.base_bond_wei, len(request.rounds))
            request.rounds.append(Round(bond_wei=next_bond_wei))

    def _settle(self, request_id: int, request: Request, outcome: bytes) -> None:
        request.final_outcome = outcome
        if outcome != INVALID_OUTCOME:
            self._credit(
                request.config.payment_token, request.requester, request.config.validity_bond
            )
        self._callbacks.append(Callback(request.requester, request_id, outcome))

    def _expire_arbitration(self, request_id: int, request: Request) -> None:
        request.final_outcome = INVALID_OUTCOME
        request.arbitration_expired = True
        self._credit(
            request.config.payment_token,
            request.requester,
            request.fee_wei + request.config.validity_bond,
        )
        self._callbacks.append(Callback(request.requester, request_id, INVALID_OUTCOME))

    @staticmethod
    def _payout(request: Request, final_outcome: bytes, account: str) -> Payout:
        paid = _paid_rounds(request, final_outcome)
        stake_wei = sum(round_.stake_of(account, outcome) for round_, outcome in paid)
        if request.arbitration_expired:
            # Every bond back, nothing slashed; the fee went back to the requester.
            return Payout(stake_wei, 0)
        total_correct_wei = sum(round_.bond_wei for round_, _ in paid)
        total_bonded_wei = sum(round_.bond_wei for round_ in request.rounds if round_.bonded)
        return claim_payout(
            stake_wei,
            total_correct_wei,
            total_bonded_wei - total_correct_wei,
            request.fee_pool_wei(final_outcome),
        )


def _paid_rounds(request: Request, final_outcome: bytes) -> list[tuple[Round, bytes]]:
    """The rounds a claim pays from, each with the outcome whose stakes it pays: the rounds
    that bonded the final outcome, or every bonded round when arbitration expired."""
    return [
        (round_, round_.bonded_outcome)
        for round_ in request.rounds
        if round_.bonded_outcome is not None
        and (request.arbitration_expired or round_.bonded_outcome == final_outcome)
    ]


def _known_round(request: Request, round_index: int) -> Round:
    _require_round_index(round_index)
    if round_index > request.current_round:
        raise OracleRevert("oracle: unknown round")
    return request.rounds[round_index]


def _require_round_index(round_index: int) -> None:
    # A negative index cannot be ABI-encoded as uint256, and Python would read it from the end.
    if round_index < 0:
        raise ValueError(f"round indices are uint256, got {round_index}")


def _canonical_config(config: Config) -> Config:
    """Return `config` with every address in the model's lowercase form."""
    return replace(
        config,
        stake_token=canonical_address(config.stake_token),
        payment_token=canonical_address(config.payment_token),
        final_arbitrator=canonical_address(config.final_arbitrator),
        treasury=canonical_address(config.treasury),
    )
