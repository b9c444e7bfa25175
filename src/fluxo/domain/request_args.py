"""What a requester submits to `create_request` (SPEC §3); `request_builder` checks it."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Source:
    """Where a node fetches the answer; mirrors `IOracle.Source`."""

    end_point: str
    source_path: str


@dataclass(frozen=True, slots=True)
class RequestArgs:
    """Mirrors `IOracle.RequestArgs` field for field, so `dataclasses.astuple(args)` is the
    ABI tuple.

    Units: `settlement_time` is a unix time in seconds, `challenge_period` seconds, `min_bond`
    stake-token wei, `fee` payment-token wei.
    """

    description: str
    sources: tuple[Source, ...]
    outcomes: tuple[str, ...]
    data_type: int
    decimals: int
    settlement_time: int
    challenge_period: int
    min_bond: int
    fee: int
    tags: tuple[str, ...]
