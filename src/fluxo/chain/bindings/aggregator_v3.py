"""Typed binding of `AggregatorV3`.

Generated from `contracts/interfaces/IAggregatorV3.vyi`
by `python scripts/build_artifacts.py`; do not edit.
"""

from typing import ClassVar, Final, cast

from fluxo.chain.binding import (
    ContractBinding,
    EventLog,
    Function,
    decode_all,
    identity,
)
from fluxo.chain.bindings.results import RoundData

_DECIMALS: Final = Function.of("decimals", (), ("uint8",))
_DESCRIPTION: Final = Function.of("description", (), ("string",))
_GET_ROUND_DATA: Final = Function.of(
    "getRoundData", ("uint80",), ("uint80", "int256", "uint256", "uint256", "uint80")
)
_LATEST_ROUND_DATA: Final = Function.of(
    "latestRoundData", (), ("uint80", "int256", "uint256", "uint256", "uint80")
)
_VERSION: Final = Function.of("version", (), ("uint256",))


class AggregatorV3(ContractBinding):
    """Typed binding of the `AggregatorV3` interface.

    Source: `contracts/interfaces/IAggregatorV3.vyi`.
    """

    ARTIFACT: ClassVar[str] = "AggregatorV3"
    ARTIFACT_PACKAGE: ClassVar[str] = "fluxo.chain.artifacts"
    EVENTS: ClassVar[tuple[type[EventLog], ...]] = ()

    async def decimals(self) -> int:
        """`decimals` (view)."""
        values = await self._view(_DECIMALS, ())
        return cast(int, identity(values[0]))

    async def description(self) -> str:
        """`description` (view)."""
        values = await self._view(_DESCRIPTION, ())
        return cast(str, identity(values[0]))

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

    async def version(self) -> int:
        """`version` (view)."""
        values = await self._view(_VERSION, ())
        return cast(int, identity(values[0]))


__all__ = ["AggregatorV3"]
