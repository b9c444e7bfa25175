"""The deployed Oracle against `OracleModel`, step by step, under hypothesis' stateful fuzzing.

Every rule calls the model first. If the model says the call reverts, the contract must revert
with exactly that reason (a `TransferFailed` only has to revert); otherwise both must return the
same value. After every step the request the step touched is compared view by view, the
balances it moved are compared with the real tokens, and the economic invariants (token
conservation, doubling bonds, a final outcome never changes, no payout above what came in) are
checked. Teardown compares everything once more.

Inputs are constructive: most rules derive a valid call from the current state (the remaining
need of an outcome, the end of the open window, an existing stake), and some are invalid on
purpose (a bonded outcome, an out-of-range one, a zero amount, a stranger as arbitrator).

The numbers are small on purpose: B0 is a few wei and the arbitration threshold is 8 · 3 wei,
so escalation is reached within a few stakes, and odd bonds and fees exercise floor rounding;
the open period and the arbitration timeout are minutes, so cancels and expired arbitrations
happen, and pauses stop the game's clock in between.
"""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

import boa
import pytest
from hypothesis import event, note
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from fluxo.domain import INVALID_OUTCOME, RequestArgs
from fluxo.domain.outcome import categorical, number
from tests.harness.game import NO, REQUESTER_USD, request_args
from tests.harness.protocol import OracleProtocol
from tests.model import OracleModel, OracleRevert, TransferFailed

T = TypeVar("T")

VALIDITY_BOND_WEI = 5
MIN_BOND_WEI = 3
ARBITRATION_THRESHOLD_WEI = 8 * MIN_BOND_WEI  # B0 = 3: round 3 (24 wei) escalates
MIN_PERIOD_S = 60
MAX_PERIOD_S = 600
MAX_OPEN_PERIOD_S = 900
ARBITRATION_TIMEOUT_S = 1_200
# The counter-disputer is poor, so some of its stakes fail to transfer.
STAKER_FUNDS_WEI = (10_000, 10_000, 40)

MAX_REQUESTS = 4

# A few NUMBER answers: zero (the same word as categorical 0), negative, large positive.
NUMBER_ANSWERS = (number(0), number(-1), number(42), number(2**200))


def small_stakes_protocol() -> OracleProtocol:
    """`OracleProtocol` with bonds, fees and balances of a few wei, so escalation and rounding
    dust are reachable in a short run."""
    return OracleProtocol(
        config_overrides={
            "validity_bond": VALIDITY_BOND_WEI,
            "min_bond": MIN_BOND_WEI,
            "min_challenge_period": MIN_PERIOD_S,
            "max_challenge_period": MAX_PERIOD_S,
            "arbitration_threshold": ARBITRATION_THRESHOLD_WEI,
            "max_open_period": MAX_OPEN_PERIOD_S,
            "arbitration_timeout": ARBITRATION_TIMEOUT_S,
        },
        staker_funds_wei=STAKER_FUNDS_WEI,
    )


@pytest.fixture(scope="module")
def protocol() -> OracleProtocol:
    """Deployed once; boa's pytest plugin wraps every hypothesis example in `env.anchor()`,
    so each example starts from this state (clock included) and leaves nothing behind."""
    return small_stakes_protocol()


@dataclass
class RequestMeta:
    """What the test remembers about a request to build inputs and bound its payouts."""

    n_outcomes: int  # 0 for NUMBER
    fee_wei: int
    # Tokens the Oracle paid out for this request other than unstakes (claims, refunds,
    # treasury), and how many claims paid.
    paid_stake_wei: int = 0
    paid_payment_wei: int = 0
    claims: int = 0
    final_outcome: bytes | None = None
    # (round, account, outcome) triples ever staked on, for the `staked` view.
    stakes: set[tuple[int, str, bytes]] = field(default_factory=set)

    def valid_outcomes(self) -> tuple[bytes, ...]:
        if self.n_outcomes == 0:
            return (*NUMBER_ANSWERS, INVALID_OUTCOME)
        return (*(categorical(i) for i in range(self.n_outcomes)), INVALID_OUTCOME)

    def invalid_outcomes(self) -> tuple[bytes, ...]:
        if self.n_outcomes == 0:
            return ()  # every bytes32 is a NUMBER answer
        return (categorical(self.n_outcomes), categorical(7), b"\xff" * 32, b"\x7f" + bytes(31))


class RequestLifecycle(RuleBasedStateMachine):
    """The Oracle and its model, driven through the same calls."""

    def __init__(self, protocol: OracleProtocol) -> None:
        super().__init__()
        self.p = protocol
        self.oracle = protocol.oracle
        self.flx = str(protocol.flx.address).lower()
        self.usd = str(protocol.usd.address).lower()
        self.oracle_address = str(protocol.oracle.address).lower()
        self.requester = str(protocol.requester.address).lower()
        self.stakers = tuple(str(s).lower() for s in protocol.stakers)
        self.model = OracleModel(
            protocol.config, str(protocol.owner), oracle_address=self.oracle_address
        )
        self.model.add_requester(
            str(protocol.owner), self.requester, "market", 10_000, "https://example.org/market"
        )
        self.model.mint(self.usd, self.requester, REQUESTER_USD)
        for staker, amount_wei in zip(self.stakers, STAKER_FUNDS_WEI, strict=True):
            self.model.mint(self.flx, staker, amount_wei)
        self.requests: list[RequestMeta] = []
        self.accounts = {
            str(a).lower()
            for a in (
                *protocol.stakers,
                protocol.requester.address,
                protocol.treasury,
                protocol.stranger,
                protocol.anyone,
                protocol.oracle.address,
            )
        }
        # What the last step touched: checked by the per-step invariant, then cleared.
        self.touched: set[int] = set()
        self.seen_balances: dict[tuple[str, str], int] = dict(self.model.balances)

    # --- the side-by-side call ----------------------------------------------------------------

    def both(self, what: str, on_model: Callable[[], T], on_chain: Callable[[], Any]) -> T | None:
        """Run the model, then the contract, and require the same revert or the same result.
        Returns the result, or None when both reverted."""
        try:
            expected = on_model()
        except TransferFailed:
            event(f"{what}: transfer failed")
            note(f"{what} -> reverts (transfer failed)")
            with boa.reverts():
                on_chain()
            return None
        except OracleRevert as revert:
            event(f"{what}: {revert.reason}")
            note(f"{what} -> reverts {revert.reason!r}")
            with boa.reverts(revert.reason):
                on_chain()
            return None
        event(f"{what}: ok")
        note(f"{what} -> {expected!r}")
        actual = on_chain()
        assert actual == expected, f"{what}: contract returned {actual!r}, model {expected!r}"
        return expected

    @property
    def now_s(self) -> int:
        return int(boa.env.timestamp)

    # --- strategies from the current state ----------------------------------------------------

    def draw_request_id(
        self, data: st.DataObject, prefer: Callable[[int], bool] = lambda _: True
    ) -> int:
        """Mostly a request in the state the rule wants (`prefer`), sometimes any existing
        one, now and then one that does not exist."""
        preferred = [r for r in range(len(self.requests)) if prefer(r)]
        mode = data.draw(st.sampled_from(["preferred"] * 6 + ["any", "unknown"]), "which")
        if mode == "unknown":
            return len(self.requests)
        pool = preferred if mode == "preferred" and preferred else range(len(self.requests))
        return data.draw(st.sampled_from(list(pool)), "request")

    def any_phase(self, phase: str) -> bool:
        return any(self.phase(r) == phase for r in range(len(self.requests)))

    def any_bonded_open(self) -> bool:
        return any(
            self.phase(r) == "open" and self.model.current_round(r) > 0
            for r in range(len(self.requests))
        )

    def phase(self, request_id: int) -> str:
        """ "open" (stakeable now), "expired" (finalizable), "unsettled", "escalated" or
        "final", from the model's views."""
        if self.model.outcome_of(request_id).finalized:
            return "final"
        current = self.model.current_round(request_id)
        info = self.model.round_info(request_id, current, self.now_s)
        if info.bonded:
            return "escalated"
        if current == 0:
            return "open" if self.now_s >= info.start_s else "unsettled"
        return "open" if self.now_s < info.end_s else "expired"

    def open_round_need_wei(self, request_id: int, outcome: bytes) -> int:
        """What `outcome` still needs to bond the open round (by the model's views)."""
        current = self.model.current_round(request_id)
        bond_wei = self.model.round_info(request_id, current, self.now_s).bond_wei
        staked_wei = sum(
            self.model.staked(request_id, current, staker, outcome) for staker in self.stakers
        )
        return bond_wei - staked_wei

    def bonded_outcomes(self, request_id: int) -> list[bytes]:
        current = self.model.current_round(request_id)
        infos = (self.model.round_info(request_id, r, self.now_s) for r in range(current + 1))
        return [info.bonded_outcome for info in infos if info.bonded]

    # --- rules ----------------------------------------------------------------------------------

    def _create(self, args: RequestArgs, caller: str | None = None) -> None:
        if caller is None:
            caller = self.requester
            contract = self.p.requester

            def on_chain() -> Any:
                return contract.create(self.p.encode(args))

        else:

            def on_chain() -> Any:
                with boa.env.prank(caller):
                    return self.oracle.create_request(self.p.encode(args))

        now_s = self.now_s
        note(f"create_request by {caller} at t={now_s}: {args}")
        before_usd = self.model.balance_of(self.usd, self.oracle_address)
        request_id = self.both(
            "create_request", lambda: self.model.create_request(caller, args, now_s), on_chain
        )
        if request_id is not None:
            assert request_id == len(self.requests)
            pulled_wei = self.model.balance_of(self.usd, self.oracle_address) - before_usd
            assert pulled_wei == VALIDITY_BOND_WEI + args.fee
            self.requests.append(RequestMeta(n_outcomes=len(args.outcomes), fee_wei=args.fee))
            self.touched.add(request_id)

    def draw_args(self, data: st.DataObject, *, valid_only: bool) -> RequestArgs:
        now_s = self.now_s
        outcomes = data.draw(st.sampled_from([("No", "Yes"), ("A", "B", "C"), ()]), "outcomes")
        args = request_args(
            now_s,
            outcomes=outcomes,
            data_type=1,  # NUMBER when `outcomes` is empty; ignored when there are labels
            decimals=2,
            settlement_time=data.draw(
                st.sampled_from([now_s, now_s, 0, now_s + 30]), "settlement_time"
            ),
            challenge_period=data.draw(st.sampled_from([MIN_PERIOD_S, 100]), "period"),
            min_bond=data.draw(st.sampled_from([0, 0, 5, 7]), "min_bond"),
            fee=data.draw(st.sampled_from([0, 1, 7]), "fee"),
        )
        if valid_only:
            return args
        broken = data.draw(
            st.sampled_from(
                [
                    None,
                    None,
                    None,
                    {"outcomes": ("Only",)},
                    {"challenge_period": MIN_PERIOD_S - 1},
                    {"challenge_period": MAX_PERIOD_S + 1},
                    {"data_type": 2, "outcomes": ()},
                    {"description": "", "sources": ()},
                    {"fee": 2**96},
                    {"fee": 2**95},  # within the field, beyond the requester's funds
                    {"min_bond": 2**96},
                    {"settlement_time": 2**40},
                ]
            ),
            "broken",
        )
        if broken is None:
            return args
        return replace(args, **broken)

    @initialize(data=st.data())
    def first_request(self, data: st.DataObject) -> None:
        self._create(self.draw_args(data, valid_only=True))

    @precondition(lambda self: len(self.requests) < MAX_REQUESTS)
    @rule(data=st.data())
    def create_request(self, data: st.DataObject) -> None:
        args = self.draw_args(data, valid_only=False)
        if data.draw(st.sampled_from([False] * 9 + [True]), "stranger creates"):
            self._create(args, caller=str(self.p.stranger).lower())
        else:
            self._create(args)

    @rule(data=st.data())
    def stake(self, data: st.DataObject) -> None:
        request_id = self.draw_request_id(data, lambda r: self.phase(r) == "open")
        staker = data.draw(st.sampled_from(self.stakers), "staker")
        if request_id == len(self.requests):
            outcome, amount_wei = NO, 1
        else:
            meta = self.requests[request_id]
            bonded = self.bonded_outcomes(request_id)
            # Progress means backing something other than the previous bonded outcome.
            candidates = [o for o in meta.valid_outcomes() if not bonded or o != bonded[-1]]
            choice = data.draw(st.sampled_from(["valid"] * 8 + ["bonded", "bad"]), "kind")
            if choice == "bonded" and bonded:
                outcome = bonded[-1]  # the previous round's bonded outcome: "outcome bonded"
            elif choice == "bad" and meta.invalid_outcomes():
                outcome = data.draw(st.sampled_from(meta.invalid_outcomes()), "bad outcome")
            else:
                outcome = data.draw(st.sampled_from(candidates), "outcome")
            need_wei = max(self.open_round_need_wei(request_id, outcome), 1)
            amount_wei = data.draw(
                st.one_of(
                    st.just(need_wei),
                    st.just(need_wei),
                    st.integers(need_wei + 1, need_wei + 50),
                    st.integers(1, need_wei),
                    st.just(0),
                ),
                "amount",
            )
        self._stake(request_id, staker, outcome, amount_wei)

    def _stake(self, request_id: int, staker: str, outcome: bytes, amount_wei: int) -> None:
        now_s = self.now_s
        note(f"t={now_s}")
        before_wei = self.model.balance_of(self.flx, self.oracle_address)
        taken = self.both(
            f"stake(request {request_id}, {outcome.hex()[:8]}.., {amount_wei}) by {staker[:8]}",
            lambda: self.model.stake(staker, request_id, outcome, amount_wei, now_s),
            lambda: self._as(staker, lambda: self.oracle.stake(request_id, outcome, amount_wei)),
        )
        if taken is not None:
            assert 0 < taken <= amount_wei
            assert self.model.balance_of(self.flx, self.oracle_address) - before_wei == taken
            # A stake never bonds the outcome the previous round bonded; find the round it
            # went into (the open one, or the one it just filled).
            current = self.model.current_round(request_id)
            for round_index in (current, current - 1):
                if round_index >= 0 and self.model.staked(request_id, round_index, staker, outcome):
                    self.requests[request_id].stakes.add((round_index, staker, outcome))
        if request_id < len(self.requests):
            self.touched.add(request_id)

    @precondition(lambda self: self.any_phase("open"))
    @rule(data=st.data())
    def dispute(self, data: st.DataObject) -> None:
        """The constructive path to escalation: fill the open round of an open request on an
        outcome other than the previous bonded one, in one stake."""
        open_ids = [r for r in range(len(self.requests)) if self.phase(r) == "open"]
        request_id = data.draw(st.sampled_from(open_ids), "request")
        bonded = self.bonded_outcomes(request_id)
        candidates = [
            o for o in self.requests[request_id].valid_outcomes() if not bonded or o != bonded[-1]
        ]
        outcome = data.draw(st.sampled_from(candidates), "outcome")
        staker = data.draw(st.sampled_from(self.stakers), "staker")
        current = self.model.current_round(request_id)
        if current and self.model.round_info(request_id, current, self.now_s).start_s == self.now_s:
            boa.env.time_travel(seconds=1)  # a round takes no stake in the block that opened it
        self._stake(request_id, staker, outcome, self.open_round_need_wei(request_id, outcome))

    def _as(self, account: str, call: Callable[[], T]) -> T:
        with boa.env.prank(account):
            return call()

    @precondition(lambda self: any(meta.stakes for meta in self.requests))
    @rule(data=st.data())
    def unstake(self, data: st.DataObject) -> None:
        entries = sorted(
            (request_id, *entry)
            for request_id, meta in enumerate(self.requests)
            for entry in meta.stakes
        )
        request_id, round_index, staker, outcome = data.draw(st.sampled_from(entries), "stake")
        held_wei = self.model.staked(request_id, round_index, staker, outcome)
        if data.draw(st.sampled_from([False] * 9 + [True]), "unknown round"):
            round_index = self.model.current_round(request_id) + 1
        amount_wei = data.draw(
            st.one_of(
                st.just(held_wei),
                st.integers(1, max(held_wei, 1)),
                st.just(held_wei + 1),
                st.just(0),
            ),
            "amount",
        )
        now_s = self.now_s
        self.both(
            f"unstake(request {request_id}, round {round_index}, {outcome.hex()[:8]}.., "
            f"{amount_wei}) by {staker[:8]}",
            lambda: self.model.unstake(staker, request_id, round_index, outcome, amount_wei, now_s),
            lambda: self._as(
                staker, lambda: self.oracle.unstake(request_id, round_index, outcome, amount_wei)
            ),
        )
        self.touched.add(request_id)

    @rule(data=st.data())
    def time_travel(self, data: st.DataObject) -> None:
        request_id = self.draw_request_id(data, lambda r: self.phase(r) == "open")
        if request_id == len(self.requests):
            request_id = 0
        current = self.model.current_round(request_id)
        end_s = self.model.round_info(request_id, current, self.now_s).end_s
        now_s = self.now_s
        to_end = end_s - now_s
        choices = [
            st.integers(1, 30),
            st.just(MAX_PERIOD_S),
            st.just(MAX_OPEN_PERIOD_S),
            st.just(ARBITRATION_TIMEOUT_S),
        ]
        if to_end > 1:
            choices += [st.just(to_end), st.just(to_end), st.just(to_end - 1), st.just(to_end + 1)]
        seconds = data.draw(st.one_of(choices), "seconds")
        note(f"time_travel {seconds}s from t={now_s} (request {request_id} window end {end_s})")
        boa.env.time_travel(seconds=seconds)

    @precondition(
        lambda self: (
            self.any_phase("expired") or self.any_bonded_open() or self.any_phase("escalated")
        )
    )
    @rule(data=st.data())
    def finalize(self, data: st.DataObject) -> None:
        request_id = self.draw_request_id(data, lambda r: self.phase(r) in ("expired", "escalated"))
        caller = str(self.p.anyone).lower()
        now_s = self.now_s
        self.both_settling(
            request_id,
            f"finalize(request {request_id}) at t={now_s}",
            lambda: self.model.finalize(caller, request_id, now_s),
            lambda: self._as(caller, lambda: self.oracle.finalize(request_id)),
        )

    @precondition(lambda self: self.any_phase("escalated"))
    @rule(data=st.data())
    def arbitrate(self, data: st.DataObject) -> None:
        request_id = self.draw_request_id(data, lambda r: self.phase(r) == "escalated")
        if request_id == len(self.requests):
            outcome = INVALID_OUTCOME
        else:
            meta = self.requests[request_id]
            bonded = self.bonded_outcomes(request_id)
            pool = [*meta.valid_outcomes(), *meta.invalid_outcomes()]
            outcome = data.draw(
                st.one_of(st.sampled_from(bonded), st.sampled_from(pool))
                if bonded
                else st.sampled_from(pool),
                "outcome",
            )
        caller = data.draw(
            st.sampled_from([str(self.p.arbitrator)] * 4 + [str(self.p.stranger)]), "caller"
        ).lower()
        now_s = self.now_s
        self.both_settling(
            request_id,
            f"arbitrate(request {request_id}, {outcome.hex()[:8]}..) by {caller[:8]}",
            lambda: self.model.arbitrate(caller, request_id, outcome, now_s),
            lambda: self._as(caller, lambda: self.oracle.arbitrate(request_id, outcome)),
        )

    def both_settling(
        self,
        request_id: int,
        what: str,
        on_model: Callable[[], None],
        on_chain: Callable[[], Any],
    ) -> None:
        """`both` for finalize/arbitrate: also books what the Oracle paid out."""
        before = self.oracle_holdings()
        self.both(what, on_model, on_chain)
        if request_id < len(self.requests):
            self.book_payout(request_id, before)
            self.touched.add(request_id)

    def oracle_holdings(self) -> tuple[int, int]:
        return (
            self.model.balance_of(self.flx, self.oracle_address),
            self.model.balance_of(self.usd, self.oracle_address),
        )

    def book_payout(self, request_id: int, before: tuple[int, int]) -> None:
        after = self.oracle_holdings()
        meta = self.requests[request_id]
        meta.paid_stake_wei += before[0] - after[0]
        meta.paid_payment_wei += before[1] - after[1]

    @precondition(lambda self: self.any_phase("final"))
    @rule(data=st.data())
    def claim(self, data: st.DataObject) -> None:
        request_id = self.draw_request_id(data, lambda r: self.phase(r) == "final")
        accounts = [*self.stakers, str(self.p.stranger).lower()]
        if request_id < len(self.requests):
            owed = [a for a in self.stakers if self.model.claimable(request_id, a).stake_wei]
            accounts = owed * 3 + accounts  # mostly someone with something to claim
        account = data.draw(st.sampled_from(accounts), "account")
        caller = data.draw(st.sampled_from([account, str(self.p.anyone).lower()]), "caller")
        before = self.oracle_holdings()

        def on_chain() -> Any:
            return self._as(caller, lambda: self.oracle.claim(request_id, account))

        what = f"claim(request {request_id}, {account[:8]}) by {caller[:8]}"
        paid = self.both(what, lambda: self.model.claim(caller, request_id, account), on_chain)
        if request_id >= len(self.requests):
            return
        self.touched.add(request_id)
        self.book_payout(request_id, before)
        if paid is None:
            return
        self.requests[request_id].claims += 1
        assert paid[0] > 0
        # No double claim: the same claim again reverts on both sides.
        with pytest.raises(OracleRevert, match="oracle: nothing to claim"):
            self.model.claim(caller, request_id, account)
        with boa.reverts("oracle: nothing to claim"):
            on_chain()

    @rule(data=st.data())
    def pause_or_unpause(self, data: st.DataObject) -> None:
        owner = str(self.p.owner).lower()
        caller = data.draw(st.sampled_from([owner] * 4 + [str(self.p.stranger).lower()]))
        now_s = self.now_s
        if self.model.paused:
            self.both(
                "unpause",
                lambda: self.model.unpause(caller, now_s),
                lambda: self._as(caller, self.oracle.unpause),
            )
        elif data.draw(st.sampled_from([False] * 4 + [True]), "pause now"):
            self.both(
                "pause",
                lambda: self.model.pause(caller, now_s),
                lambda: self._as(caller, self.oracle.pause),
            )
        # Every open request's rounds are compared after a pause or an unpause.
        self.touched.update(range(len(self.requests)))

    @precondition(lambda self: self.any_phase("open") or self.any_phase("unsettled"))
    @rule(data=st.data())
    def cancel(self, data: st.DataObject) -> None:
        """The requester (mostly) cancels a request: accepted only when round 0 never bonded
        and the open period is over."""
        request_id = self.draw_request_id(
            data, lambda r: self.model.current_round(r) == 0 and self.phase(r) != "final"
        )
        now_s = self.now_s
        by_stranger = data.draw(st.sampled_from([False] * 4 + [True]), "stranger cancels")
        caller = str(self.p.stranger).lower() if by_stranger else self.requester

        def on_chain() -> Any:
            if by_stranger:
                return self._as(caller, lambda: self.oracle.cancel(request_id))
            return self.p.requester.cancel(request_id)

        self.both(
            f"cancel(request {request_id}) by {caller[:8]} at t={now_s}",
            lambda: self.model.cancel(caller, request_id, now_s),
            on_chain,
        )
        if request_id < len(self.requests):
            self.touched.add(request_id)

    @rule(data=st.data())
    def withdraw(self, data: st.DataObject) -> None:
        """Anyone pays out a credit: the requester's refunds, the treasury's shares, or
        (reverting) an account owed nothing."""
        token = data.draw(st.sampled_from([self.flx, self.usd]), "token")
        account = data.draw(
            st.sampled_from([self.requester, str(self.p.treasury).lower(), self.stakers[0]]),
            "account",
        )
        caller = str(self.p.anyone).lower()
        self.both(
            f"withdraw({token[:8]}, {account[:8]})",
            lambda: self.model.withdraw(caller, token, account),
            lambda: self._as(caller, lambda: self.oracle.withdraw(token, account)),
        )

    # --- invariants -----------------------------------------------------------------------------

    @invariant()
    def touched_request_matches(self) -> None:
        """The request the last step touched, view by view, and the balances it moved."""
        for request_id in sorted(self.touched):
            self.check_request(request_id, full=False)
        changed = {
            key
            for key, value in self.model.balances.items()
            if self.seen_balances.get(key) != value
        }
        changed |= {(self.flx, self.oracle_address), (self.usd, self.oracle_address)}
        self.check_balances(changed)
        self.seen_balances = dict(self.model.balances)
        self.touched.clear()

    @invariant()
    def economics_hold(self) -> None:
        """Model-side economic invariants; they bind the contract through the comparisons."""
        owed_stake_wei, owed_payment_wei, dust_allowance = 0, 0, 0
        for request_id, meta in enumerate(self.requests):
            owed = self.owed(request_id, meta)
            owed_stake_wei += owed[0]
            owed_payment_wei += owed[1]
            dust_allowance += owed[2]
            self.check_finality(request_id, meta)
            self.check_payout_bounds(request_id, meta)
        for token, account in self.credit_keys():
            credit_wei = self.model.withdrawable(token, account)
            if token == self.flx:
                owed_stake_wei += credit_wei
            else:
                owed_payment_wei += credit_wei
        held_stake_wei, held_payment_wei = self.oracle_holdings()
        assert 0 <= held_stake_wei - owed_stake_wei <= dust_allowance, (
            held_stake_wei,
            owed_stake_wei,
        )
        assert 0 <= held_payment_wei - owed_payment_wei <= dust_allowance, (
            held_payment_wei,
            owed_payment_wei,
        )

    def teardown(self) -> None:
        """Everything, once per example: every request, every balance."""
        for request_id in range(len(self.requests)):
            self.check_request(request_id, full=True)
        self.check_balances(
            {(token, account) for token in (self.flx, self.usd) for account in self.accounts}
            | set(self.model.balances)
        )

    # --- checks ---------------------------------------------------------------------------------

    def check_request(self, request_id: int, *, full: bool) -> None:
        """Per step (`full=False`) only the rounds a step can change (the open one and the
        one before it) and claimables once final; teardown checks everything."""
        meta = self.requests[request_id]
        current = self.model.current_round(request_id)
        assert self.oracle.current_round(request_id) == current
        assert self.oracle.outcome_of(request_id) == self.model.outcome_of(request_id)
        b0_wei = self.model.round_info(request_id, 0, self.now_s).bond_wei
        first = 0 if full else max(current - 1, 0)
        for round_index in range(first, current + 1):
            expected = self.model.round_info(request_id, round_index, self.now_s)
            assert self.oracle.round_info(request_id, round_index) == expected, round_index
            assert expected.bond_wei == b0_wei << round_index  # bonds double
        for round_index, account, outcome in sorted(meta.stakes):
            expected_wei = self.model.staked(request_id, round_index, account, outcome)
            actual_wei = self.oracle.staked(request_id, round_index, account, outcome)
            assert actual_wei == expected_wei, (round_index, account, outcome.hex())
        if full or self.model.outcome_of(request_id).finalized:
            for staker in self.stakers:
                expected_pay = self.model.claimable(request_id, staker)
                assert self.oracle.claimable(request_id, staker) == expected_pay, staker

    def credit_keys(self) -> list[tuple[str, str]]:
        """Every (token, account) the Oracle may credit: the requester and the treasury."""
        accounts = (self.requester, str(self.p.treasury).lower())
        return [(token, account) for token in (self.flx, self.usd) for account in accounts]

    def check_balances(self, keys: set[tuple[str, str]]) -> None:
        tokens = {self.flx: self.p.flx, self.usd: self.p.usd}
        for token, account in sorted(keys):
            expected_wei = self.model.balance_of(token, account)
            actual_wei = tokens[token].balanceOf(account)
            assert actual_wei == expected_wei, (token, account)
        for token, account in self.credit_keys():
            expected_wei = self.model.withdrawable(token, account)
            assert self.oracle.withdrawable(token, account) == expected_wei, (token, account)

    def owed(self, request_id: int, meta: RequestMeta) -> tuple[int, int, int]:
        """What the Oracle still owes for a request, in (stake, payment) wei, and how many
        claims (made or pending) may each leave 1 wei of rounding dust behind."""
        finalized, final_outcome = self.model.outcome_of(request_id)
        current = self.model.current_round(request_id)
        infos = [self.model.round_info(request_id, r, self.now_s) for r in range(current + 1)]
        stake_wei = 0
        for round_index, account, outcome in meta.stakes:
            held_wei = self.model.staked(request_id, round_index, account, outcome)
            info = infos[round_index]
            if not finalized or not (info.bonded and info.bonded_outcome == outcome):
                stake_wei += held_wei  # unfinalized, or unstakeable at any time
        if not finalized:
            return stake_wei, VALIDITY_BOND_WEI + meta.fee_wei, 0
        claimables = [self.model.claimable(request_id, s) for s in self.stakers]
        pending = sum(1 for c in claimables if c.stake_wei > 0)
        stake_wei += sum(c.stake_wei for c in claimables)
        payment_wei = sum(c.payment_wei for c in claimables)
        return stake_wei, payment_wei, meta.claims + pending

    def check_finality(self, request_id: int, meta: RequestMeta) -> None:
        finalized, outcome = self.model.outcome_of(request_id)
        if meta.final_outcome is not None:
            assert finalized and outcome == meta.final_outcome, "a final outcome changed"
        elif finalized:
            meta.final_outcome = outcome

    def check_payout_bounds(self, request_id: int, meta: RequestMeta) -> None:
        current = self.model.current_round(request_id)
        infos = (self.model.round_info(request_id, r, self.now_s) for r in range(current + 1))
        bonded_wei = sum(info.bond_wei for info in infos if info.bonded)
        assert meta.paid_stake_wei <= bonded_wei
        assert meta.paid_payment_wei <= meta.fee_wei + VALIDITY_BOND_WEI


def test_request_lifecycle(protocol: OracleProtocol) -> None:
    """Runs under the active hypothesis profile (`dev` or `ci`)."""

    class OnThisDeployment(RequestLifecycle):
        def __init__(self) -> None:
            super().__init__(protocol)

    run_state_machine_as_test(OnThisDeployment)
