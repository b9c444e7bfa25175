"""Typed binding of `TellorAdapter`.

Generated from `contracts/adapters/TellorAdapter.vy`
by `python scripts/build_artifacts.py`; do not edit.
"""

from typing import ClassVar, Final, Self, cast

from eth_account.signers.local import LocalAccount

from fluxo.chain.binding import (
    ContractBinding,
    EventLog,
    Function,
    decode_all,
    deploy,
    identity,
)
from fluxo.chain.client import ChainClient

_DECIMALS: Final = Function.of("decimals", (), ("uint8",))
_DESCRIPTION: Final = Function.of("description", (), ("string",))
_DISPUTE_BUFFER: Final = Function.of("dispute_buffer", (), ("uint256",))
_GET_ROUND_DATA: Final = Function.of(
    "getRoundData", ("uint80",), ("uint80", "int256", "uint256", "uint256", "uint80")
)
_LATEST_ROUND_DATA: Final = Function.of(
    "latestRoundData", (), ("uint80", "int256", "uint256", "uint256", "uint80")
)
_MIN_DISPUTE_BUFFER_S: Final = Function.of("MIN_DISPUTE_BUFFER_S", (), ("uint256",))
_QUERY_ID: Final = Function.of("query_id", (), ("bytes32",))
_VERSION: Final = Function.of("version", (), ("uint256",))


class TellorAdapter(ContractBinding):
    """Typed binding of the `TellorAdapter` contract.

    Source: `contracts/adapters/TellorAdapter.vy`.
    """

    ARTIFACT: ClassVar[str] = "TellorAdapter"
    ARTIFACT_PACKAGE: ClassVar[str] = "fluxo.chain.artifacts"
    EVENTS: ClassVar[tuple[type[EventLog], ...]] = ()

    @classmethod
    async def deploy(
        cls,
        client: ChainClient,
        sender: LocalAccount,
        tellor: str,
        query_id: bytes,
        dispute_buffer_s: int,
        decimals: int,
        description: str,
        *,
        gas: int | None = None,
    ) -> Self:
        """Deploy a new `TellorAdapter` from the shipped artifact."""
        return await deploy(
            cls, client, sender, tellor, query_id, dispute_buffer_s, decimals, description, gas=gas
        )

    async def decimals(self) -> int:
        """`decimals` (view)."""
        values = await self._view(_DECIMALS, ())
        return cast(int, identity(values[0]))

    async def description(self) -> str:
        """`description` (view)."""
        values = await self._view(_DESCRIPTION, ())
        return cast(str, identity(values[0]))

    async def dispute_buffer(self) -> int:
        """`dispute_buffer` (view)."""
        values = await self._view(_DISPUTE_BUFFER, ())
        return cast(int, identity(values[0]))

    async def get_round_data(self, round_id: int) -> tuple[int, int, int, int, int]:
        """`getRoundData` (view)."""
        values = await self._view(_GET_ROUND_DATA, (round_id,))
        return cast(
            tuple[int, int, int, int, int],
            tuple(
                decode_all(
                    (
                        identity,
                        identity,
                        identity,
                        identity,
                        identity,
                    ),
                    values,
                )
            ),
        )

    async def latest_round_data(self) -> tuple[int, int, int, int, int]:
        """`latestRoundData` (view)."""
        values = await self._view(_LATEST_ROUND_DATA, ())
        return cast(
            tuple[int, int, int, int, int],
            tuple(
                decode_all(
                    (
                        identity,
                        identity,
                        identity,
                        identity,
                        identity,
                    ),
                    values,
                )
            ),
        )

    async def min_dispute_buffer_s(self) -> int:
        """`MIN_DISPUTE_BUFFER_S` (view)."""
        values = await self._view(_MIN_DISPUTE_BUFFER_S, ())
        return cast(int, identity(values[0]))

    async def query_id(self) -> bytes:
        """`query_id` (view)."""
        values = await self._view(_QUERY_ID, ())
        return cast(bytes, identity(values[0]))

    async def version(self) -> int:
        """`version` (view)."""
        values = await self._view(_VERSION, ())
        return cast(int, identity(values[0]))


__all__ = ["TellorAdapter"]
