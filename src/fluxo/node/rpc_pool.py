"""Several JSON-RPC endpoints for one chain, used as one: health checks, failover, back-off.

    pool = RpcPool(["http://a:8545", "http://b:8545"], chain_id=31337, nonces=nonces)
    await pool.start()                                   # WrongChain here is fatal
    head = await pool.run(lambda client: client.block_number())
    pool.status()                                        # for /health and metrics
    await pool.close()

Endpoints are tried in the operator's order: the first healthy one is used, and `run` moves to
the next when an operation raises `ChainUnavailable` (connection refused, timeout, HTTP 5xx or
429). When every endpoint fails, `run` backs off exponentially (capped) and tries again, for at
most `max_wait_s` (`None`: for ever), then raises `ChainUnavailable`; the node's loop catches it,
reports itself unhealthy and carries on at the next tick: a dead RPC never crashes the node.

Other errors are answers, not outages, and are raised at once: a revert, a refused
transaction, a malformed request. An operation passed to `run` may therefore execute on more
than one endpoint, and must be safe to repeat: reads, and broadcasting one already signed
transaction (a node that has it says "already known"). Never pass a step that signs with a
fresh nonce; `TxManager` journals what it signs and broadcasts through here.

A health check asks every endpoint for its chain id and head. An endpoint serving another chain
is never used (`start` raises `WrongChain` for it, naming the URL and both ids); one whose head
lags the best endpoint's by more than `max_head_lag_blocks` is unhealthy (used only when all
else fails), as is one that does not answer. Checks run at `start`, then at most every
`health_interval_s` when `run` is called, or whenever the caller invokes `check_health`.
"""

import asyncio
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from enum import Enum, auto
from typing import Any, Final, Protocol, TypeVar
from urllib.parse import urlsplit

import aiohttp
from web3 import AsyncWeb3
from web3.providers.rpc import AsyncHTTPProvider

from fluxo.chain.client import DEFAULT_RPC_TIMEOUT_S, ChainClient
from fluxo.chain.nonces import NonceSource
from fluxo.chain.rpc_errors import classify
from fluxo.exceptions import ChainError, ChainUnavailable, WrongChain
from fluxo.node.config import ChainSection

T = TypeVar("T")

DEFAULT_MAX_HEAD_LAG_BLOCKS: Final = 5
DEFAULT_MAX_WAIT_S: Final = 30.0
DEFAULT_HEALTH_INTERVAL_S: Final = 15.0
DEFAULT_BACKOFF_INITIAL_S: Final = 0.25
DEFAULT_BACKOFF_MAX_S: Final = 10.0

# Builds the client of one endpoint (tests pass fakes).
ClientFactory = Callable[[str], ChainClient]


class _Unset(Enum):
    """Marks `run`'s `max_wait_s` as not given (None is a meaningful value: wait for ever)."""

    UNSET = auto()


_UNSET: Final = _Unset.UNSET


class ChainAccess(Protocol):
    """What the transaction manager and the log scanner need from a chain: an operation run
    on a healthy endpoint, with failover."""

    @property
    def chain_id(self) -> int: ...

    async def run(self, operation: Callable[[ChainClient], Awaitable[T]]) -> T: ...


@dataclass(frozen=True, slots=True)
class EndpointStatus:
    """One endpoint as `/health` shows it; `label` never contains a secret."""

    label: str
    healthy: bool
    head_block: int | None
    lag_blocks: int | None
    errors: int
    last_error: str | None
    last_checked_at: float | None


@dataclass(frozen=True, slots=True)
class PoolStatus:
    """The pool as `/health` and the metrics show it."""

    chain_id: int
    healthy: bool
    active: str | None
    failovers: int
    rpc_errors: int
    last_error: str | None
    endpoints: tuple[EndpointStatus, ...]


class _Endpoint:
    def __init__(self, url: str, label: str, client: ChainClient) -> None:
        self.url = url
        self.label = label
        self.client = client
        self.healthy = False
        self.chain_verified = False
        self.wrong_chain: WrongChain | None = None
        self.head_block: int | None = None
        self.lag_blocks: int | None = None
        self.errors = 0
        self.last_error: str | None = None
        self.last_checked_at: float | None = None

    def status(self) -> EndpointStatus:
        return EndpointStatus(
            self.label,
            self.healthy,
            self.head_block,
            self.lag_blocks,
            self.errors,
            self.last_error,
            self.last_checked_at,
        )


class RpcPool:
    """The endpoints of one chain; see the module docstring."""

    def __init__(
        self,
        urls: Sequence[str],
        chain_id: int,
        *,
        labels: Sequence[str] | None = None,
        nonces: NonceSource | None = None,
        timeout_s: float = DEFAULT_RPC_TIMEOUT_S,
        max_head_lag_blocks: int = DEFAULT_MAX_HEAD_LAG_BLOCKS,
        max_wait_s: float | None = DEFAULT_MAX_WAIT_S,
        health_interval_s: float = DEFAULT_HEALTH_INTERVAL_S,
        backoff_initial_s: float = DEFAULT_BACKOFF_INITIAL_S,
        backoff_max_s: float = DEFAULT_BACKOFF_MAX_S,
        client_factory: ClientFactory | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not urls:
            raise ValueError("an RPC pool needs at least one URL")
        if labels is not None and len(labels) != len(urls):
            raise ValueError("one label per URL")
        shown = labels if labels is not None else [redact_url(url) for url in urls]
        if client_factory is None:

            def client_factory(url: str) -> ChainClient:
                return _http_client(url, chain_id, nonces, timeout_s)

        self._endpoints = [
            _Endpoint(url, label, client_factory(url))
            for label, url in zip(shown, urls, strict=True)
        ]
        self._chain_id = chain_id
        self._max_head_lag_blocks = max_head_lag_blocks
        self._max_wait_s = max_wait_s
        self._health_interval_s = health_interval_s
        self._backoff_initial_s = backoff_initial_s
        self._backoff_max_s = backoff_max_s
        self._sleep = sleep
        self._clock = clock
        self._active: _Endpoint | None = None
        self._failovers = 0
        self._rpc_errors = 0
        self._last_error: str | None = None
        self._checked_at: float | None = None
        self._health_lock = asyncio.Lock()

    @classmethod
    def of(
        cls, chain: ChainSection, *, nonces: NonceSource | None = None, **options: Any
    ) -> "RpcPool":
        """The pool of a `[[chains]]` entry: its URLs (labels as written, `${VAR}`s unexpanded),
        chain id, timeout and lag bound; `options` as for the constructor."""
        urls = [url for url, _ in chain.rpc_endpoints]
        labels = [label for _, label in chain.rpc_endpoints]
        return cls(
            urls,
            chain.chain_id,
            labels=labels,
            nonces=nonces,
            timeout_s=chain.rpc_timeout_s,
            max_head_lag_blocks=chain.max_head_lag_blocks,
            **options,
        )

    @property
    def chain_id(self) -> int:
        return self._chain_id

    @property
    def healthy(self) -> bool:
        """Whether at least one endpoint serves the chain and keeps up."""
        return any(endpoint.healthy for endpoint in self._endpoints)

    @property
    def last_error(self) -> str | None:
        return self._last_error

    @property
    def failovers(self) -> int:
        """How many times the endpoint serving operations changed."""
        return self._failovers

    @property
    def rpc_errors(self) -> int:
        """How many calls failed for want of an endpoint (probes included)."""
        return self._rpc_errors

    def status(self) -> PoolStatus:
        return PoolStatus(
            self._chain_id,
            self.healthy,
            None if self._active is None else self._active.label,
            self._failovers,
            self._rpc_errors,
            self._last_error,
            tuple(endpoint.status() for endpoint in self._endpoints),
        )

    async def start(self) -> None:
        """Check every endpoint. An endpoint serving another chain is a configuration error:
        `WrongChain` (naming its URL and both chain ids). Endpoints that do not answer are not:
        the pool starts unhealthy and keeps trying them."""
        await self.check_health()
        for endpoint in self._endpoints:
            if endpoint.wrong_chain is not None:
                raise endpoint.wrong_chain

    async def close(self) -> None:
        for endpoint in self._endpoints:
            await endpoint.client.close()

    async def __aenter__(self) -> "RpcPool":
        return self

    async def __aexit__(self, *_exc_info: object) -> None:
        await self.close()

    def client(self) -> ChainClient:
        """The client of the preferred healthy endpoint (`ChainUnavailable` if none is).
        Prefer `run`, which fails over."""
        for endpoint in self._endpoints:
            if endpoint.healthy:
                return endpoint.client
        raise ChainUnavailable(self._all_down_message())

    def decoding_client(self) -> ChainClient:
        """A client for bindings that only encode calls and decode logs (the scanner's): the
        first endpoint's, healthy or not. Reach the chain through `run`."""
        return self._endpoints[0].client

    async def check_health(self) -> None:
        """Probe every endpoint at once: chain id, head; then judge each head's lag."""
        async with self._health_lock:
            await asyncio.gather(*(self._probe(endpoint) for endpoint in self._endpoints))
            heads = [e.head_block for e in self._endpoints if e.healthy and e.head_block]
            best = max(heads, default=None)
            for endpoint in self._endpoints:
                if not endpoint.healthy or endpoint.head_block is None or best is None:
                    continue
                endpoint.lag_blocks = best - endpoint.head_block
                if endpoint.lag_blocks > self._max_head_lag_blocks:
                    endpoint.healthy = False
                    endpoint.last_error = (
                        f"head {endpoint.head_block} is {endpoint.lag_blocks} blocks behind "
                        f"the best endpoint's ({best}); at most {self._max_head_lag_blocks}"
                    )
            self._checked_at = self._clock()

    async def run(
        self,
        operation: Callable[[ChainClient], Awaitable[T]],
        *,
        max_wait_s: float | None | _Unset = _UNSET,
    ) -> T:
        """Run `operation` on the preferred endpoint, failing over on `ChainUnavailable`; when
        all fail, back off and retry for at most `max_wait_s` (the pool's default when not
        given; `None` waits for ever; 0 tries each endpoint once)."""
        limit_s = self._max_wait_s if isinstance(max_wait_s, _Unset) else max_wait_s
        deadline = None if limit_s is None else self._clock() + limit_s
        delay_s = self._backoff_initial_s
        if self._health_due():
            await self.check_health()
        while True:
            for endpoint in self._candidates():
                if not endpoint.chain_verified:
                    await self._probe(endpoint)
                    if not endpoint.chain_verified:
                        continue
                try:
                    result = await operation(endpoint.client)
                except ChainUnavailable as error:
                    self._failed(endpoint, error)
                    continue
                self._served(endpoint)
                return result
            now = self._clock()
            if deadline is not None and now + delay_s > deadline:
                raise ChainUnavailable(self._all_down_message())
            await self._sleep(delay_s)
            delay_s = min(delay_s * 2, self._backoff_max_s)

    # --- internals -------------------------------------------------------------------------

    def _candidates(self) -> list[_Endpoint]:
        usable = [e for e in self._endpoints if e.wrong_chain is None]
        return [e for e in usable if e.healthy] + [e for e in usable if not e.healthy]

    def _health_due(self) -> bool:
        return (
            self._checked_at is None or self._clock() - self._checked_at >= self._health_interval_s
        )

    async def _probe(self, endpoint: _Endpoint) -> None:
        endpoint.last_checked_at = time.time()
        try:
            chain_id, head = await asyncio.gather(
                _chain_id(endpoint.client), endpoint.client.block_number()
            )
        except ChainError as error:
            self._failed(endpoint, error)
            return
        if chain_id != self._chain_id:
            endpoint.wrong_chain = WrongChain(endpoint.label, self._chain_id, chain_id)
            endpoint.chain_verified = False
            endpoint.healthy = False
            endpoint.last_error = str(endpoint.wrong_chain)
            self._last_error = endpoint.last_error
            return
        endpoint.wrong_chain = None
        endpoint.chain_verified = True
        endpoint.healthy = True
        endpoint.head_block = head
        endpoint.lag_blocks = None
        endpoint.last_error = None

    def _failed(self, endpoint: _Endpoint, error: ChainError) -> None:
        endpoint.healthy = False
        endpoint.errors += 1
        endpoint.last_error = self._scrub(str(error))
        self._rpc_errors += 1
        self._last_error = f"{endpoint.label}: {endpoint.last_error}"

    def _served(self, endpoint: _Endpoint) -> None:
        if self._active is not None and self._active is not endpoint:
            self._failovers += 1
        self._active = endpoint
        endpoint.healthy = True

    def _scrub(self, text: str) -> str:
        # Transport errors may quote the URL, and with it an API key in its path.
        for endpoint in self._endpoints:
            text = text.replace(endpoint.url, endpoint.label)
        return text

    def _all_down_message(self) -> str:
        problems = "; ".join(
            f"{endpoint.label}: {endpoint.last_error or 'not checked yet'}"
            for endpoint in self._endpoints
        )
        return f"no healthy RPC endpoint for chain {self._chain_id} ({problems})"


async def _chain_id(client: ChainClient) -> int:
    try:
        return int(await client.w3.eth.chain_id)
    except Exception as error:
        raise classify(error, "eth_chainId") from error


def _http_client(
    url: str, chain_id: int, nonces: NonceSource | None, timeout_s: float
) -> ChainClient:
    # No retries inside web3: a failing endpoint must fail fast so the pool moves on.
    provider = AsyncHTTPProvider(
        url,
        request_kwargs={"timeout": aiohttp.ClientTimeout(total=timeout_s)},
        exception_retry_configuration=None,
    )
    return ChainClient(AsyncWeb3(provider), chain_id, url=url, nonces=nonces)


def redact_url(url: str) -> str:
    """`url` without what may hold a secret (user info, path, query): RPC providers put API
    keys there. `https://user:pw@host/v3/KEY` → `https://host/…`."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    port = f":{parts.port}" if parts.port is not None else ""
    hidden = "/…" if (parts.path not in ("", "/") or parts.query or parts.username) else ""
    return f"{parts.scheme}://{host}{port}{hidden}"
