"""The NamedTuples generated bindings return for multi-value views.

Generated from `contracts/manifest.toml`
by `python scripts/build_artifacts.py`; do not edit.
"""

from typing import NamedTuple

from eth_typing import ChecksumAddress


class Claimable(NamedTuple):
    """What the Claimable views return."""

    stake_amount: int
    payment_amount: int


class Liquidity(NamedTuple):
    """What the Liquidity views return."""

    shares: int
    book: int


class LpShares(NamedTuple):
    """What the LpShares views return."""

    shares: int
    book: int


class MarketOfRequest(NamedTuple):
    """What the MarketOfRequest views return."""

    found: bool
    market_id: int


class MarketTotals(NamedTuple):
    """What the MarketTotals views return."""

    complete_sets: int
    net_cost: int


class OutcomeOf(NamedTuple):
    """What the OutcomeOf views return."""

    finalized: bool
    outcome: bytes


class PauseClock(NamedTuple):
    """What the PauseClock views return."""

    paused_seconds: int
    paused_since: int
    pauses: int


class Peek(NamedTuple):
    """What the Peek views return."""

    answer: int
    updated_at: int
    sources_used: int


class QuestionInfo(NamedTuple):
    """What the QuestionInfo views return."""

    asker: ChecksumAddress
    outcome_slots: int
    scalar: bool
    reported: bool


class RequestParams(NamedTuple):
    """What the RequestParams views return."""

    requester: ChecksumAddress
    config_id: int
    base_bond: int
    fee: int
    settlement_time: int
    challenge_period: int
    kind: int


class RequesterInfo(NamedTuple):
    """What the RequesterInfo views return."""

    whitelisted: bool
    stake_multiplier_bps: int
    requester_index: int


class RoundData(NamedTuple):
    """What the RoundData views return."""

    round_id: int
    answer: int
    started_at: int
    updated_at: int
    answered_in_round: int


class RoundInfo(NamedTuple):
    """What the RoundInfo views return."""

    bond: int
    start: int
    end: int
    bonded_outcome: bytes
    bonded: bool


__all__ = [
    "Claimable",
    "Liquidity",
    "LpShares",
    "MarketOfRequest",
    "MarketTotals",
    "OutcomeOf",
    "PauseClock",
    "Peek",
    "QuestionInfo",
    "RequestParams",
    "RequesterInfo",
    "RoundData",
    "RoundInfo",
]
