"""One request's game state: its snapshot, its rounds, and who staked what where."""

from dataclasses import dataclass, field

from fluxo.domain.config import Config
from fluxo.domain.outcome import INVALID_OUTCOME, OutcomeKind


@dataclass(slots=True)
class Round:
    """A staking round. `bonded_at_s` means something only once `bonded_outcome` is set."""

    bond_wei: int
    stake_wei: dict[tuple[str, bytes], int] = field(default_factory=dict)
    bonded_outcome: bytes | None = None
    bonded_at_s: int = 0

    @property
    def bonded(self) -> bool:
        return self.bonded_outcome is not None

    def stake_of(self, account: str, outcome: bytes) -> int:
        return self.stake_wei.get((account, outcome), 0)

    def total_on(self, outcome: bytes) -> int:
        return sum(
            amount_wei
            for (_, staked_outcome), amount_wei in self.stake_wei.items()
            if staked_outcome == outcome
        )

    def add_stake(self, account: str, outcome: bytes, amount_wei: int) -> None:
        self.stake_wei[(account, outcome)] = self.stake_of(account, outcome) + amount_wei

    def remove_stake(self, account: str, outcome: bytes, amount_wei: int) -> None:
        self.stake_wei[(account, outcome)] = self.stake_of(account, outcome) - amount_wei


@dataclass(slots=True)
class Request:
    """Everything the model keeps per request. Strings, sources and tags are not kept: the
    contract only emits them."""

    requester: str
    config_id: int
    config: Config
    stake_multiplier_bps: int
    kind: OutcomeKind
    n_outcomes: int
    settlement_s: int
    challenge_period_s: int
    base_bond_wei: int
    fee_wei: int
    # Round r is rounds[r]; the last one is open (or, once escalated, the escalated round).
    rounds: list[Round]
    escalated: bool = False
    final_outcome: bytes | None = None
    # How the request ended when no bonded outcome decided it: its requester cancelled it
    # (round 0 never bonded), or the arbitrator let the timeout pass (every bond returned).
    cancelled: bool = False
    arbitration_expired: bool = False

    @property
    def finalized(self) -> bool:
        return self.final_outcome is not None

    @property
    def current_round(self) -> int:
        return len(self.rounds) - 1

    def latest_bonded(self) -> Round | None:
        bonded = [round_ for round_ in self.rounds if round_.bonded]
        return bonded[-1] if bonded else None

    def fee_pool_wei(self, final_outcome: bytes) -> int:
        """The payment tokens correct stakers share: an INVALID request forfeits its validity
        bond to them."""
        if final_outcome == INVALID_OUTCOME:
            return self.fee_wei + self.config.validity_bond
        return self.fee_wei
