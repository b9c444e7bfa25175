"""Everything the roles of one chain share: its pool of RPC endpoints, the node's state, the
transaction manager of the node's key, the bindings of the deployment, and the telemetry.

Roles read the chain through `run` (failover included) and send through `send`, which keys
every transaction so a replayed decision is never sent twice, and logs each decision once.
"""

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from eth_account.signers.local import LocalAccount
from eth_typing import ChecksumAddress
from structlog.typing import FilteringBoundLogger

from fluxo.chain.binding import ContractBinding
from fluxo.chain.bindings.erc20 import ERC20
from fluxo.chain.bindings.oracle import Oracle
from fluxo.chain.client import ChainClient, ContractCall
from fluxo.deployment import Deployment
from fluxo.node.config import ChainSection, FetchSection
from fluxo.node.metrics import NodeMetrics
from fluxo.node.rpc_pool import RpcPool
from fluxo.node.state import NodeState, TxStatus
from fluxo.node.transactions import TrackedTx, TxManager

B = TypeVar("B", bound=ContractBinding)
T = TypeVar("T")

MAX_UINT256 = 2**256 - 1


@dataclass
class ChainContext:
    """One chain as the node serves it."""

    section: ChainSection
    deployment: Deployment
    fetch: FetchSection
    pool: RpcPool
    state: NodeState
    tx: TxManager
    signer: LocalAccount
    metrics: NodeMetrics
    logger: FilteringBoundLogger
    # Set by work finishing beside the loop (an answer fetched): the loop takes a turn now.
    wake: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def name(self) -> str:
        return self.section.name

    @property
    def me(self) -> ChecksumAddress:
        return self.signer.address

    async def run(self, operation: Callable[[ChainClient], Awaitable[T]]) -> T:
        """`operation` on a healthy endpoint, failing over and backing off as the pool does."""
        return await self.pool.run(operation)

    def bind(self, binding: type[B], address: str) -> B:
        """A binding on the pool's preferred endpoint; re-bound for every use (cheap), so a
        failover is followed."""
        return binding(self.pool.client(), address)

    async def read(self, binding: type[B], address: str, read: Callable[[B], Awaitable[T]]) -> T:
        """One read through `binding` at `address`, with failover."""
        return await self.pool.run(lambda client: read(binding(client, address)))

    def oracle(self) -> Oracle:
        return self.bind(Oracle, self.deployment.oracle)

    async def now_s(self) -> int:
        """The latest block's timestamp: the clock every contract check uses."""
        return await self.run(lambda client: client.block_timestamp())

    async def send(
        self, call: ContractCall, *, key: str, gas: int | None = None, **log: Any
    ) -> TrackedTx:
        """Send `call` once for `key` (a key already journaled is not sent again)."""
        tracked = await self.tx.send(call, key=f"{self.name}:{key}", gas=gas)
        self.metrics.transactions.labels(chain=self.name, status=tracked.status.value).inc()
        if tracked.status is TxStatus.REJECTED:
            self.logger.warning(
                "transaction_rejected", chain=self.name, key=key, error=tracked.error, **log
            )
        return tracked

    async def ensure_allowance(self, token: str, spender: str, amount_wei: int) -> None:
        """Approve `spender` for the maximum once, before the first action that needs it, and
        wait for it (a stake sent before its approval is mined would revert)."""
        current = await self.read(ERC20, token, lambda erc20: erc20.allowance(self.me, spender))
        if current >= amount_wei:
            return
        call = ERC20(self.pool.client(), token).approve_call(spender, MAX_UINT256)
        key = f"approve:{token}:{spender}:{current}"
        await self.tx.send(call, key=f"{self.name}:{key}")
        await self.tx.wait(f"{self.name}:{key}")
