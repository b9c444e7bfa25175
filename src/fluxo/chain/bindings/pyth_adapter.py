"""Typed binding of `PythAdapter`.

Generated from `contracts/adapters/PythAdapter.vy`
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
_GET_ROUND_DATA: Final = Function.of(
    "getRoundData", ("uint80",), ("uint80", "int256", "uint256", "uint256", "uint80")
)
_LATEST_ROUND_DATA: Final = Function.of(
    "latestRoundData", (), ("uint80", "int256", "uint256", "uint256", "uint80")
)
_MAX_AGE: Final = Function.of("max_age", (), ("uint256",))
_PRICE_ID: Final = Function.of("price_id", (), ("bytes32",))
_VERSION: Final = Function.of("version", (), ("uint256",))


class PythAdapter(ContractBinding):
    """Typed binding of the `PythAdapter` contract.

    Source: `contracts/adapters/PythAdapter.vy`.
    """

    ARTIFACT: ClassVar[str] = "PythAdapter"
    ARTIFACT_PACKAGE: ClassVar[str] = "fluxo.chain.artifacts"
    EVENTS: ClassVar[tuple[type[EventLog], ...]] = ()

    @classmethod
    async def deploy(
        cls,
        client: ChainClient,
        sender: LocalAccount,
        pyth: str,
        price_id: bytes,
        max_age_s: int,
        decimals: int,
        description: str,
        *,
        gas: int | None = None,
    ) -> Self:
        """Deploy a new `PythAdapter` from the shipped artifact."""
        return await deploy(
            cls, client, sender, pyth, price_id, max_age_s, decimals, description, gas=gas
        )

    async def decimals(self) -> int:
        """`decimals` (view)."""
        values = await self._view(_DECIMALS, ())
        return cast(int, identity(values[0]))

    async def description(self) -> str:
        """`description` (view)."""
        values = await self._view(_DESCRIPTION, ())
        return cast(str, identity(values[0]))

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

    async def max_age(self) -> int:
        """`max_age` (view)."""
        values = await self._view(_MAX_AGE, ())
        return cast(int, identity(values[0]))

    async def price_id(self) -> bytes:
        """`price_id` (view)."""
        values = await self._view(_PRICE_ID, ())
        return cast(bytes, identity(values[0]))

    async def version(self) -> int:
        """`version` (view)."""
        values = await self._view(_VERSION, ())
        return cast(int, identity(values[0]))


__all__ = ["PythAdapter"]
