"""Where a sender's next nonce comes from. The client asks before signing and reports back
what became of it, so a persistent source (the node's journal) can survive restarts while the
demo and the tests keep a plain in-memory counter.
"""

import asyncio
from collections.abc import Awaitable, Callable
from typing import Protocol

from fluxo.exceptions import NONCE_TOO_HIGH, NONCE_TOO_LOW

# Reads the chain's count of `address`'s transactions, pending ones included.
PendingCount = Callable[[str], Awaitable[int]]


class NonceSource(Protocol):
    """Hands out nonces per sender and learns what became of them."""

    async def take(self, address: str, pending_count: PendingCount) -> int:
        """The nonce for the next transaction of `address`, now reserved."""
        ...

    async def release(self, address: str, nonce: int, *, rejection: str | None) -> None:
        """`nonce` was not used: the node refused the transaction (`rejection` says why) or
        it was never sent (`rejection` None)."""
        ...

    async def forget(self, address: str) -> None:
        """What this source believes about `address` may be wrong (a send of unknown fate);
        resynchronise from the chain next time."""
        ...


class InMemoryNonces:
    """Counts nonces per sender in memory, starting from the chain's pending count; assumes it
    is the only writer for its senders, and resynchronises when the node says otherwise."""

    def __init__(self) -> None:
        self._next: dict[str, int] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def take(self, address: str, pending_count: PendingCount) -> int:
        async with self._locks.setdefault(address, asyncio.Lock()):
            nonce = self._next.get(address)
            if nonce is None:
                nonce = await pending_count(address)
            self._next[address] = nonce + 1
            return nonce

    async def release(self, address: str, nonce: int, *, rejection: str | None) -> None:
        async with self._locks.setdefault(address, asyncio.Lock()):
            if rejection in (NONCE_TOO_LOW, NONCE_TOO_HIGH):
                # Someone else moved this account (or a restart lost count): ask the chain.
                self._next.pop(address, None)
            elif self._next.get(address) == nonce + 1:
                self._next[address] = nonce  # the latest nonce handed out: reuse it
            else:
                self._next.pop(address, None)  # a gap would stall every later transaction

    async def forget(self, address: str) -> None:
        async with self._locks.setdefault(address, asyncio.Lock()):
            self._next.pop(address, None)
