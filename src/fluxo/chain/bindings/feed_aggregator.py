"""Typed binding of `FeedAggregator`.

Generated from `contracts/FeedAggregator.vy`
by `python scripts/build_artifacts.py`; do not edit.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Final, Self, cast

from eth_account.signers.local import LocalAccount
from eth_typing import ChecksumAddress
from web3.types import TxReceipt

from fluxo.chain.binding import (
    Codec,
    ContractBinding,
    EventLog,
    Function,
    checksum,
    decode_all,
    deploy,
    each,
    event_topic,
    identity,
    values_tuple,
)
from fluxo.chain.bindings.results import Peek, RoundData
from fluxo.chain.client import ChainClient, ContractCall

_DECIMALS: Final = Function.of("decimals", (), ("uint8",))
_DESCRIPTION: Final = Function.of("description", (), ("string",))
_GET_ANSWER: Final = Function.of("getAnswer", ("uint256",), ("int256",))
_GET_ROUND_DATA: Final = Function.of(
    "getRoundData", ("uint80",), ("uint80", "int256", "uint256", "uint256", "uint80")
)
_GET_TIMESTAMP: Final = Function.of("getTimestamp", ("uint256",), ("uint256",))
_HEARTBEATS: Final = Function.of("heartbeats", (), ("uint256[]",))
_HISTORY_ROUNDS: Final = Function.of("history_rounds", (), ("uint256",))
_LAST_UPDATE_TIME: Final = Function.of("last_update_time", (), ("uint256",))
_LATEST_ANSWER: Final = Function.of("latestAnswer", (), ("int256",))
_LATEST_ROUND: Final = Function.of("latestRound", (), ("uint256",))
_LATEST_ROUND_DATA: Final = Function.of(
    "latestRoundData", (), ("uint80", "int256", "uint256", "uint256", "uint80")
)
_LATEST_TIMESTAMP: Final = Function.of("latestTimestamp", (), ("uint256",))
_MAX_SPREAD_BPS: Final = Function.of("max_spread_bps", (), ("uint256",))
_MIN_INTERVAL: Final = Function.of("min_interval", (), ("uint256",))
_MIN_SOURCES: Final = Function.of("min_sources", (), ("uint256",))
_PEEK: Final = Function.of("peek", (), ("int256", "uint256", "uint256"))
_SOURCES: Final = Function.of("sources", (), ("address[]",))
_UPDATE: Final = Function.of("update", (), ("uint80",))
_VERSION: Final = Function.of("version", (), ("uint256",))


@dataclass(frozen=True, slots=True)
class AnswerUpdated(EventLog):
    """`AnswerUpdated(int256,uint256,uint256)`."""

    current: int
    round_id: int
    updated_at: int

    SIGNATURE: ClassVar[str] = "AnswerUpdated(int256,uint256,uint256)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("current", "int256", True),
        ("round_id", "uint256", True),
        ("updated_at", "uint256", False),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
        identity,
        identity,
        identity,
    )


@dataclass(frozen=True, slots=True)
class NewRound(EventLog):
    """`NewRound(uint256,address,uint256)`."""

    round_id: int
    started_by: ChecksumAddress
    started_at: int

    SIGNATURE: ClassVar[str] = "NewRound(uint256,address,uint256)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("round_id", "uint256", True),
        ("started_by", "address", True),
        ("started_at", "uint256", False),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
        identity,
        checksum,
        identity,
    )


class FeedAggregator(ContractBinding):
    """Typed binding of the `FeedAggregator` contract.

    Source: `contracts/FeedAggregator.vy`.
    """

    ARTIFACT: ClassVar[str] = "FeedAggregator"
    ARTIFACT_PACKAGE: ClassVar[str] = "fluxo.chain.artifacts"
    EVENTS: ClassVar[tuple[type[EventLog], ...]] = (
        AnswerUpdated,
        NewRound,
    )

    @classmethod
    async def deploy(
        cls,
        client: ChainClient,
        sender: LocalAccount,
        decimals: int,
        description: str,
        sources: Sequence[str],
        heartbeats_s: Sequence[int],
        min_sources: int,
        max_spread_bps: int,
        min_interval_s: int,
        history_rounds: int,
        *,
        gas: int | None = None,
    ) -> Self:
        """Deploy a new `FeedAggregator` from the shipped artifact."""
        return await deploy(
            cls,
            client,
            sender,
            decimals,
            description,
            list(sources),
            list(heartbeats_s),
            min_sources,
            max_spread_bps,
            min_interval_s,
            history_rounds,
            gas=gas,
        )

    async def decimals(self) -> int:
        """`decimals` (view)."""
        values = await self._view(_DECIMALS, ())
        return cast(int, identity(values[0]))

    async def description(self) -> str:
        """`description` (view)."""
        values = await self._view(_DESCRIPTION, ())
        return cast(str, identity(values[0]))

    async def get_answer(self, round_id: int) -> int:
        """`getAnswer` (view)."""
        values = await self._view(_GET_ANSWER, (round_id,))
        return cast(int, identity(values[0]))

    async def get_round_data(self, round_id: int) -> RoundData:
        """`getRoundData` (view)."""
        values = await self._view(_GET_ROUND_DATA, (round_id,))
        return RoundData(
            *decode_all(
                (
                    identity,
                    identity,
                    identity,
                    identity,
                    identity,
                ),
                values,
            )
        )

    async def get_timestamp(self, round_id: int) -> int:
        """`getTimestamp` (view)."""
        values = await self._view(_GET_TIMESTAMP, (round_id,))
        return cast(int, identity(values[0]))

    async def heartbeats(self) -> tuple[int, ...]:
        """`heartbeats` (view)."""
        values = await self._view(_HEARTBEATS, ())
        return cast(tuple[int, ...], values_tuple(values[0]))

    async def history_rounds(self) -> int:
        """`history_rounds` (view)."""
        values = await self._view(_HISTORY_ROUNDS, ())
        return cast(int, identity(values[0]))

    async def last_update_time(self) -> int:
        """`last_update_time` (view)."""
        values = await self._view(_LAST_UPDATE_TIME, ())
        return cast(int, identity(values[0]))

    async def latest_answer(self) -> int:
        """`latestAnswer` (view)."""
        values = await self._view(_LATEST_ANSWER, ())
        return cast(int, identity(values[0]))

    async def latest_round(self) -> int:
        """`latestRound` (view)."""
        values = await self._view(_LATEST_ROUND, ())
        return cast(int, identity(values[0]))

    async def latest_round_data(self) -> RoundData:
        """`latestRoundData` (view)."""
        values = await self._view(_LATEST_ROUND_DATA, ())
        return RoundData(
            *decode_all(
                (
                    identity,
                    identity,
                    identity,
                    identity,
                    identity,
                ),
                values,
            )
        )

    async def latest_timestamp(self) -> int:
        """`latestTimestamp` (view)."""
        values = await self._view(_LATEST_TIMESTAMP, ())
        return cast(int, identity(values[0]))

    async def max_spread_bps(self) -> int:
        """`max_spread_bps` (view)."""
        values = await self._view(_MAX_SPREAD_BPS, ())
        return cast(int, identity(values[0]))

    async def min_interval(self) -> int:
        """`min_interval` (view)."""
        values = await self._view(_MIN_INTERVAL, ())
        return cast(int, identity(values[0]))

    async def min_sources(self) -> int:
        """`min_sources` (view)."""
        values = await self._view(_MIN_SOURCES, ())
        return cast(int, identity(values[0]))

    async def peek(self) -> Peek:
        """`peek` (view)."""
        values = await self._view(_PEEK, ())
        return Peek(
            *decode_all(
                (
                    identity,
                    identity,
                    identity,
                ),
                values,
            )
        )

    async def sources(self) -> tuple[ChecksumAddress, ...]:
        """`sources` (view)."""
        values = await self._view(_SOURCES, ())
        return cast(tuple[ChecksumAddress, ...], each(checksum)(values[0]))

    def update_call(self) -> ContractCall:
        """The `update` transaction, unsent."""
        return self._call(_UPDATE, ())

    async def update(self, sender: LocalAccount, *, gas: int | None = None) -> TxReceipt:
        """Send `update` from `sender` and wait for the receipt."""
        return await self._send(self.update_call(), sender, gas)

    async def version(self) -> int:
        """`version` (view)."""
        values = await self._view(_VERSION, ())
        return cast(int, identity(values[0]))


__all__ = ["AnswerUpdated", "FeedAggregator", "NewRound"]
