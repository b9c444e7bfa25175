"""A blocking face for the async SDK, for scripts and notebooks:

    with FluxoSync.connect(rpc_url, deployment="deployment.json") as fx:
        print(fx.requests.get(0).description)

Every coroutine method becomes a blocking call; `watch` becomes a plain iterator. One event
loop runs in a background thread for the connection's lifetime.
"""

import asyncio
import inspect
import threading
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any, Self, TypeVar

from fluxo.deployment import Deployment
from fluxo.sdk.fluxo import Fluxo

T = TypeVar("T")


class _Loop:
    """An event loop in a daemon thread; `run` blocks until a coroutine is done there."""

    def __init__(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result()

    def iterate(self, iterator: AsyncIterator[T]) -> Iterator[T]:
        while True:
            try:
                yield self.run(_next(iterator))
            except StopAsyncIteration:
                return

    def stop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._loop.close()


async def _next(iterator: AsyncIterator[T]) -> T:
    return await iterator.__anext__()


class _Blocking:
    """`target`'s async methods as blocking ones; other attributes as they are."""

    def __init__(self, target: Any, loop: _Loop) -> None:
        self._target = target
        self._loop = loop

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._target, name)
        if inspect.iscoroutinefunction(attribute):
            return self._wrap(attribute)
        if inspect.isasyncgenfunction(attribute):
            return lambda *args, **kwargs: self._loop.iterate(attribute(*args, **kwargs))
        return attribute

    def _wrap(self, method: Callable[..., Coroutine[Any, Any, T]]) -> Callable[..., T]:
        def blocking(*args: Any, **kwargs: Any) -> T:
            return self._loop.run(method(*args, **kwargs))

        return blocking


class FluxoSync:
    """`Fluxo`, blocking: `requests`, `markets`, `feeds` and `faucet` with the same methods."""

    def __init__(self, fluxo: Fluxo, loop: _Loop) -> None:
        self._fluxo = fluxo
        self._loop = loop
        self.deployment = fluxo.deployment
        self.requests = _Blocking(fluxo.requests, loop)
        self.markets = _Blocking(fluxo.markets, loop)
        self.feeds = _Blocking(fluxo.feeds, loop)
        self.faucet = _Blocking(fluxo.faucet, loop)

    @classmethod
    def connect(cls, rpc_url: str, *, deployment: Deployment | str | Path) -> Self:
        loop = _Loop()
        try:
            fluxo = loop.run(Fluxo.connect(rpc_url, deployment=deployment))
        except BaseException:
            loop.stop()
            raise
        return cls(fluxo, loop)

    def close(self) -> None:
        try:
            self._loop.run(self._fluxo.close())
        finally:
            self._loop.stop()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc_info: object) -> None:
        self.close()
