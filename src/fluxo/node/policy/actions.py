"""What the validator and keeper policies propose: transactions to send, and notes to log.

An *action* becomes one transaction (`Stake`, `Dispute`, `PublishAnswer`, `Finalize`,
`Unstake`, `Claim`, `Withdraw`). A *note* sends nothing and says why (`WouldDispute`,
`Waiting`); it is logged and shown in the node's status.

Every action on a request, and `WouldDispute`, carries a `DecisionKey`: (round, action, and for
`Unstake` the outcome). The node records a decision under that key before it sends anything
and hands the keys it recorded back to the policy, which never proposes a decided key again.
That is what stops a node from re-staking on every tick, and what makes a restart safe: a
transaction sent before a crash is found in the journal, not sent twice.
"""

from dataclasses import dataclass
from enum import StrEnum
from typing import Final, NamedTuple, TypeAlias

# `finalize` reverts `oracle: gas too low` unless this much gas is left before the requester's
# callback (a 200 000 cap plus the call's own cost), so nobody can starve the callback on purpose.
FINALIZE_CALLBACK_RESERVE_GAS: Final = 215_000


class ActionKind(StrEnum):
    """The kinds of decision; the values are what the node's decision journal stores."""

    STAKE = "stake"
    DISPUTE = "dispute"
    PUBLISH_ANSWER = "publish_answer"
    FINALIZE = "finalize"
    UNSTAKE = "unstake"
    CLAIM = "claim"
    WITHDRAW = "withdraw"
    WOULD_DISPUTE = "would_dispute"
    WAITING = "waiting"


class DecisionKey(NamedTuple):
    """What a decision is unique by, within one request. `outcome` is set only for `Unstake`:
    a round can hold the node's stakes on more than one outcome (a crowdfunded round 0 that
    bonded another outcome), and each is returned by its own transaction."""

    round: int
    action: ActionKind
    outcome: bytes | None = None

    @property
    def label(self) -> str:
        """The action as one string, for a journal keyed by (request, round, action)."""
        if self.outcome is None:
            return self.action.value
        return f"{self.action.value}:0x{self.outcome.hex()}"


@dataclass(frozen=True, slots=True)
class Stake:
    """Stake `amount_wei` on `outcome` in round 0. The Oracle takes only what the outcome still
    needs to reach the bond and pulls only that, so this is an offer, crowdfunded with others."""

    request_id: int
    round: int
    outcome: bytes
    amount_wei: int

    @property
    def key(self) -> DecisionKey:
        return DecisionKey(self.round, ActionKind.STAKE)


@dataclass(frozen=True, slots=True)
class Dispute:
    """Stake the full bond of round `round >= 1` on `outcome`, against the outcome the previous
    round bonded."""

    request_id: int
    round: int
    outcome: bytes
    amount_wei: int
    disputed_outcome: bytes

    @property
    def key(self) -> DecisionKey:
        return DecisionKey(self.round, ActionKind.DISPUTE)


@dataclass(frozen=True, slots=True)
class PublishAnswer:
    """Publish a STRING answer's text (`publish_answer`), so anyone can check the hash staked."""

    request_id: int
    round: int
    text: str

    @property
    def key(self) -> DecisionKey:
        return DecisionKey(self.round, ActionKind.PUBLISH_ANSWER)


class FinalizeReason(StrEnum):
    """Why `finalize` succeeds now."""

    WINDOW_EXPIRED = "window_expired"  # nobody disputed the latest bonded outcome in time
    ARBITRATION_EXPIRED = "arbitration_expired"  # the arbitrator let its timeout pass: INVALID


@dataclass(frozen=True, slots=True)
class Finalize:
    """Finalize a request; anyone may. The transaction's gas limit must leave
    `callback_reserve_gas` for the requester's callback on top of what `finalize` itself uses."""

    request_id: int
    round: int
    reason: FinalizeReason
    callback_reserve_gas: int = FINALIZE_CALLBACK_RESERVE_GAS

    @property
    def key(self) -> DecisionKey:
        return DecisionKey(self.round, ActionKind.FINALIZE)


@dataclass(frozen=True, slots=True)
class Unstake:
    """Take back a stake on an outcome its round did not bond (neither slashed nor rewarded)."""

    request_id: int
    round: int
    outcome: bytes
    amount_wei: int

    @property
    def key(self) -> DecisionKey:
        return DecisionKey(self.round, ActionKind.UNSTAKE, self.outcome)


@dataclass(frozen=True, slots=True)
class Claim:
    """Claim a finalized request's payout: correct stakes, their share of the slashed bonds and
    of the fee pool. `stake_wei` / `payment_wei` are what `claimable` showed."""

    request_id: int
    round: int
    stake_wei: int
    payment_wei: int

    @property
    def key(self) -> DecisionKey:
        return DecisionKey(self.round, ActionKind.CLAIM)


@dataclass(frozen=True, slots=True)
class Withdraw:
    """Withdraw the Oracle's credit to the node's account in `token` (refunds, treasury share)."""

    token: str
    amount_wei: int


@dataclass(frozen=True, slots=True)
class WouldDispute:
    """The node's answer differs from the bonded outcome, but disputing would break a limit."""

    request_id: int
    round: int
    outcome: bytes
    bond_wei: int
    disputed_outcome: bytes
    reason: str

    @property
    def key(self) -> DecisionKey:
        return DecisionKey(self.round, ActionKind.WOULD_DISPUTE)


class WaitReason(StrEnum):
    """Why the node does nothing on a request now; each clears by itself or needs a person."""

    NOT_SETTLED = "not_settled"  # round 0 opens at the settlement time
    NOT_ANSWERED = "not_answered"  # the answer rules have not run yet
    ABSTAINED = "abstained"  # the answer rules abstained: stake nothing
    ROUND_JUST_OPENED = "round_just_opened"  # no stake in the block that opened the round
    PAUSED = "paused"  # the Oracle is paused: no stake, no finalize
    BUDGET = "budget"  # a round-0 stake would break a limit
    ESCALATED = "escalated"  # the arbitrator decides; the node waits


@dataclass(frozen=True, slots=True)
class Waiting:
    """Nothing to send on this request now, and why (for logs and status)."""

    request_id: int
    round: int
    reason: WaitReason
    detail: str


# A transaction on one request.
RequestAction: TypeAlias = Stake | Dispute | PublishAnswer | Finalize | Unstake | Claim
# Nothing sent; logged and shown in status.
Note: TypeAlias = WouldDispute | Waiting
# What `decide_validator` returns, in the order to act on.
Proposal: TypeAlias = RequestAction | Note
