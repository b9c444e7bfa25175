"""Async control of a dev chain's test-only RPC methods (anvil, hardhat): time travel and snapshots.

    async with DevChain(anvil.url) as chain:
        snapshot_id = await chain.snapshot()
        await chain.time_travel(3_600)  # the next block is an hour later
        await chain.revert(snapshot_id)

Only dev chains implement these methods; a production node rejects them.
"""

from collections.abc import Sequence
from types import TracebackType
from typing import Any, Self

import httpx

from fluxo.devnet.jsonrpc import request_body, result_of
from fluxo.exceptions import DevnetError


class DevChain:
    """JSON-RPC over HTTP to one dev chain. Pass `client` to share or fake the transport."""

    def __init__(
        self,
        url: str,
        *,
        client: httpx.AsyncClient | None = None,
        timeout_seconds: float = 10.0,
    ) -> None:
        self._url = url
        self._owns_client = client is None
        # A dev chain is local: never route it through an HTTP(S)_PROXY from the environment.
        self._client = client or httpx.AsyncClient(timeout=timeout_seconds, trust_env=False)

    async def increase_time(self, seconds: int) -> None:
        """Move the clock of the *next* block forward by `seconds` (`evm_increaseTime`)."""
        if seconds < 0:
            raise DevnetError(f"cannot move time backwards by {seconds} s")
        await self._call("evm_increaseTime", [seconds])

    async def mine(self) -> None:
        """Mine one block now (`evm_mine`)."""
        await self._call("evm_mine")

    async def set_automine(self, enabled: bool) -> None:
        """Mine each transaction at once (the default) or only on `mine` (`evm_setAutomine`):
        pending transactions then stay in the pool, as on a congested chain."""
        await self._call("evm_setAutomine", [enabled])

    async def time_travel(self, seconds: int) -> None:
        """Mine a block whose timestamp is `seconds` after the previous block's clock."""
        await self.increase_time(seconds)
        await self.mine()

    async def snapshot(self) -> str:
        """Record the chain state; return the id `revert` takes (`evm_snapshot`)."""
        snapshot_id = await self._call("evm_snapshot")
        return str(snapshot_id)

    async def revert(self, snapshot_id: str) -> None:
        """Restore the state recorded by `snapshot` (`evm_revert`). An id can be used once."""
        if await self._call("evm_revert", [snapshot_id]) is not True:
            raise DevnetError(f"evm_revert: unknown or already used snapshot {snapshot_id}")

    async def block_number(self) -> int:
        """The number of the latest block."""
        return int(await self._call("eth_blockNumber"), 16)

    async def latest_timestamp_seconds(self) -> int:
        """The timestamp of the latest block, in Unix seconds."""
        block = await self._call("eth_getBlockByNumber", ["latest", False])
        return int(block["timestamp"], 16)

    async def aclose(self) -> None:
        """Close the HTTP client if this object created it."""
        if self._owns_client:
            await self._client.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def _call(self, method: str, params: Sequence[object] = ()) -> Any:
        try:
            response = await self._client.post(self._url, json=request_body(method, params))
        except httpx.TransportError as error:
            raise DevnetError(f"{method}: cannot reach {self._url}: {error}") from error
        return result_of(response, method)
