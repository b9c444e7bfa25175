"""The multi-call steps Oracle tests keep repeating, written once over a few primitive calls.

`OracleProtocol` (the contract harness) and both drivers provide the primitives, so answering
round 0, climbing to the arbitrator, waiting out a window or paying out credits is the same
sequence of calls on the contract and on the model.
"""

from abc import ABC, abstractmethod
from typing import Any

from tests.harness.game import NO, YES


class GameSteps(ABC):
    """Steps over the primitives below. Accounts, tokens and outcomes are whatever handles the
    implementation uses for them; balances and credits are keyed by `str(account)`."""

    validator: Any
    disputer: Any
    counter_disputer: Any

    # --- primitives -----------------------------------------------------------------------

    @property
    @abstractmethod
    def now_s(self) -> int:
        """The time the next call runs at (the block's timestamp)."""

    @abstractmethod
    def time_travel(self, seconds: int) -> None: ...

    @abstractmethod
    def next_block(self) -> None:
        """Mine on: the next call runs one block and one second later."""

    @abstractmethod
    def stake(self, staker: Any, request_id: int, outcome: bytes, amount_wei: int) -> int: ...

    @abstractmethod
    def current_round(self, request_id: int) -> int: ...

    @abstractmethod
    def round_info(self, request_id: int, round_index: int) -> tuple[int, int, int, bytes, bool]:
        """(bond, start, end, bonded outcome, bonded), as the contract returns it."""

    @property
    @abstractmethod
    def tokens(self) -> tuple[Any, Any]:
        """(stake token, payment token)."""

    @abstractmethod
    def withdrawable(self, token: Any, account: Any) -> int: ...

    @abstractmethod
    def withdraw(self, token: Any, account: Any, caller: Any = None) -> int: ...

    # --- steps ----------------------------------------------------------------------------

    def dispute(self, staker: Any, request_id: int, outcome: bytes, amount_wei: int) -> int:
        """A stake in the open round r >= 1, made one block after the round opened: a round
        never takes a stake in the block (timestamp) that opened it."""
        self.next_block()
        return self.stake(staker, request_id, outcome, amount_wei)

    def expire_window(self, request_id: int) -> None:
        """Move time to the exact end of the request's open dispute window."""
        end_s = self.round_info(request_id, self.current_round(request_id))[2]
        self.time_travel(max(0, end_s - self.now_s))

    def bond_round0(self, request_id: int, outcome: bytes = YES) -> int:
        """The validator fills round 0 in one stake; returns B0."""
        b0_wei = self.round_info(request_id, 0)[0]
        self.stake(self.validator, request_id, outcome, b0_wei)
        return b0_wei

    def escalate(self, request_id: int, a: bytes = YES, b: bytes = NO) -> int:
        """From the open round on, fill rounds with full bonds until the bond that fills reaches
        the threshold: the validator backs `a` in round 0, the disputer `b` in odd rounds, the
        counter-disputer `a` in even rounds from 2 (rounds 0..4 with the default config), each
        round one block after the one before. Returns B0."""
        b0_wei = self.round_info(request_id, 0)[0]
        round_index = self.current_round(request_id)
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
            if self.current_round(request_id) == round_index:
                return b0_wei
            round_index += 1

    def credits(self, *accounts: Any) -> dict[str, tuple[int, int]]:
        """(stake, payment) tokens each account may `withdraw`, keyed by `str(account)`."""
        stake_token, payment_token = self.tokens
        return {
            str(a): (self.withdrawable(stake_token, a), self.withdrawable(payment_token, a))
            for a in accounts
        }

    def withdraw_credits(self, *accounts: Any) -> None:
        """Pay out everything the Oracle credited to `accounts`, in both tokens."""
        for account in accounts:
            for token in self.tokens:
                if self.withdrawable(token, account):
                    self.withdraw(token, account)
