"""What the node re-read from the chain about one request, as the policies see it.

The node builds a `RequestView` from the Oracle's views just before it decides (`current_round`,
`round_info` for every round, `outcome_of`, `staked` for the outcomes it staked, `claimable`,
`paused`) plus the few facts only events carry (the escalation time, whether a STRING answer is
published) and the decisions it already recorded. Nothing in it is remembered from an earlier
tick: a policy that decides on a stale view would stake into a round that has already bonded.

Times are unix seconds as the chain reports them. `RoundView.end_s` is `round_info`'s `end`: the
game-clock deadline already translated to unix time (it moves later while the Oracle is paused),
so comparing it with the latest block's timestamp is exactly the contract's check.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from fluxo.chain.bindings.results import RoundInfo
from fluxo.domain.outcome import OutcomeKind, require_word
from fluxo.node.policy.actions import DecisionKey


@dataclass(frozen=True, slots=True)
class RoundView:
    """One round as `round_info` reports it. Round 0 has `end_s == 0` (no deadline); round
    `r >= 1` starts when round `r - 1` bonded and takes stakes while `start_s < t < end_s`."""

    bond_wei: int
    start_s: int
    end_s: int
    bonded_outcome: bytes | None = None

    def __post_init__(self) -> None:
        if self.bond_wei <= 0:
            raise ValueError(f"a round's bond is positive, got {self.bond_wei}")
        if self.bonded_outcome is not None:
            require_word(self.bonded_outcome)

    @classmethod
    def from_round_info(cls, info: RoundInfo) -> "RoundView":
        """The view of `Oracle.round_info(request_id, round)`."""
        return cls(
            bond_wei=info.bond,
            start_s=info.start,
            end_s=info.end,
            bonded_outcome=info.bonded_outcome if info.bonded else None,
        )

    @property
    def bonded(self) -> bool:
        return self.bonded_outcome is not None


@dataclass(frozen=True, slots=True)
class RequestView:
    """One request as re-read from the chain, and the node's own part in it.

    `rounds[r]` is round r, up to and including `current_round` (the open round, or the
    escalated one). `own_stakes_wei` maps (round, outcome) to the node's stake there (only
    non-zero entries matter). `decided` holds the keys of the decisions the node already
    recorded on this request.

    An escalated request may be finalized INVALID once `arbitration_timeout_s` game-clock
    seconds have passed since `escalated_at_s` (the block time of the `Escalated` event);
    `arbitration_paused_s` is how many of the seconds since then the Oracle spent paused,
    which the game clock skips.
    """

    request_id: int
    kind: OutcomeKind
    settlement_time_s: int
    rounds: tuple[RoundView, ...]
    finalized: bool = False
    final_outcome: bytes | None = None
    escalated: bool = False
    cancelled: bool = False
    paused: bool = False
    escalated_at_s: int | None = None
    arbitration_timeout_s: int = 0
    arbitration_paused_s: int = 0
    own_stakes_wei: Mapping[tuple[int, bytes], int] = field(default_factory=dict)
    claimable_stake_wei: int = 0
    claimable_payment_wei: int = 0
    answer_published: bool = False
    decided: frozenset[DecisionKey] = frozenset()

    def __post_init__(self) -> None:
        if not self.rounds:
            raise ValueError("a request always has round 0")
        if self.finalized != (self.final_outcome is not None):
            raise ValueError("a finalized request has a final outcome, an open one has none")
        if self.escalated and self.escalated_at_s is None:
            raise ValueError("an escalated request needs its escalation time")
        for (round_index, outcome), amount_wei in self.own_stakes_wei.items():
            require_word(outcome)
            if not 0 <= round_index <= self.current_round or amount_wei < 0:
                raise ValueError(f"a stake in round {round_index} of {amount_wei} wei")

    @property
    def current_round(self) -> int:
        return len(self.rounds) - 1

    @property
    def current(self) -> RoundView:
        return self.rounds[-1]

    @property
    def own_stake_wei(self) -> int:
        """Everything the node still has at stake in this request, all rounds together."""
        return sum(self.own_stakes_wei.values())

    def own_stake_on(self, round_index: int, outcome: bytes) -> int:
        return self.own_stakes_wei.get((round_index, outcome), 0)

    @property
    def arbitration_deadline_s(self) -> int | None:
        """The first block time at which `finalize` ends an escalated request, or None."""
        if not self.escalated or self.escalated_at_s is None:
            return None
        return self.escalated_at_s + self.arbitration_timeout_s + self.arbitration_paused_s
