"""RpcPool's choices with scripted endpoints: which endpoint serves, when it fails over, how it
backs off, what it reports. The same behaviours over real sockets are in
tests/integration/node/test_rpc_pool.py."""

import asyncio
import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest

from fluxo.exceptions import ChainUnavailable, TransactionReverted, WrongChain
from fluxo.node.config import parse_config
from fluxo.node.rpc_pool import RpcPool, redact_url

T = TypeVar("T")
CHAIN_ID = 31337
ADDRESS = "0x5FbDB2315678afecb367f032d93F642f64180aa3"


class FakeEndpoint:
    """Answers like a ChainClient: up or down, serving a chain id and a head."""

    def __init__(self, url: str, *, up: bool = True, head: int = 100, chain_id: int = CHAIN_ID):
        self.url = url
        self.up = up
        self.head = head
        self.served_chain_id = chain_id
        self.calls = 0
        self.closed = False
        self.w3 = self  # the pool reads `client.w3.eth.chain_id`
        self.eth = self

    async def _answer(self, value: T) -> T:
        self.calls += 1
        if not self.up:
            raise ChainUnavailable(f"{self.url}: connection refused")
        return value

    @property
    def chain_id(self) -> Awaitable[int]:
        return self._answer(self.served_chain_id)

    async def block_number(self) -> int:
        return await self._answer(self.head)

    async def close(self) -> None:
        self.closed = True


class Clock:
    """A monotonic clock that only sleeping moves; `on_sleep` lets a test act during back-off."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []
        self.on_sleep: Callable[[int], None] = lambda count: None

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        self.on_sleep(len(self.sleeps))


def _pool(
    *endpoints: FakeEndpoint, clock: Clock | None = None, **options: Any
) -> tuple[RpcPool, Clock]:
    clock = clock or Clock()
    by_url = {endpoint.url: endpoint for endpoint in endpoints}
    pool = RpcPool(
        [endpoint.url for endpoint in endpoints],
        CHAIN_ID,
        client_factory=lambda url: by_url[url],  # type: ignore[arg-type,return-value]
        sleep=clock.sleep,
        clock=clock,
        **options,
    )
    return pool, clock


def _head(pool: RpcPool, **options: Any) -> int:
    async def main() -> int:
        return await pool.run(lambda client: client.block_number(), **options)

    return asyncio.run(main())


# --- start -----------------------------------------------------------------------------------


def test_start__endpoint_on_another_chain__wrong_chain_naming_url_and_ids() -> None:
    pool, _ = _pool(FakeEndpoint("http://a:1"), FakeEndpoint("http://b:2", chain_id=1))

    with pytest.raises(WrongChain) as caught:
        asyncio.run(pool.start())

    assert str(caught.value).startswith("http://b:2 serves chain id 1, expected 31337")


def test_start__all_endpoints_down__starts_unhealthy_without_raising() -> None:
    pool, _ = _pool(FakeEndpoint("http://a:1", up=False), FakeEndpoint("http://b:2", up=False))

    asyncio.run(pool.start())

    status = pool.status()
    assert not pool.healthy and not status.healthy
    assert [e.last_error for e in status.endpoints] == [
        "http://a:1: connection refused",
        "http://b:2: connection refused",
    ]


def test_start__all_up__first_endpoint_preferred() -> None:
    first, second = FakeEndpoint("http://a:1"), FakeEndpoint("http://b:2")
    pool, _ = _pool(first, second)

    asyncio.run(pool.start())

    assert pool.healthy and pool.client() is first  # type: ignore[comparison-overlap]


# --- failover --------------------------------------------------------------------------------


def test_run__first_endpoint_down__served_by_the_second_and_counted() -> None:
    first, second = FakeEndpoint("http://a:1", head=7), FakeEndpoint("http://b:2", head=8)
    pool, _ = _pool(first, second)
    asyncio.run(pool.start())
    assert _head(pool) == 7

    first.up = False

    assert _head(pool) == 8
    status = pool.status()
    assert (status.active, status.failovers, status.rpc_errors) == ("http://b:2", 1, 1)
    assert status.endpoints[0].healthy is False
    assert status.last_error == "http://a:1: http://a:1: connection refused"


def test_run__failed_endpoint__skipped_until_the_next_health_check() -> None:
    first, second = FakeEndpoint("http://a:1", head=7), FakeEndpoint("http://b:2", head=7)
    pool, clock = _pool(first, second, health_interval_s=10)
    asyncio.run(pool.start())
    _head(pool)
    first.up = False
    _head(pool)
    first.up = True
    calls_before = first.calls

    _head(pool)  # no health check due: stays on the second
    assert first.calls == calls_before
    clock.now += 10
    _head(pool)  # the check finds the first healthy again: it is preferred

    assert pool.status().active == "http://a:1"
    assert pool.failovers == 2


def test_run__revert__raised_at_once_without_failover() -> None:
    first, second = FakeEndpoint("http://a:1"), FakeEndpoint("http://b:2")
    pool, _ = _pool(first, second)
    asyncio.run(pool.start())

    async def reverting(client: object) -> None:
        raise TransactionReverted("oracle: window closed")

    with pytest.raises(TransactionReverted):
        asyncio.run(pool.run(reverting))

    assert pool.failovers == 0 and second.calls == 2  # only its health probe


# --- all down --------------------------------------------------------------------------------


def test_run__all_down__backs_off_exponentially_then_raises() -> None:
    pool, clock = _pool(
        FakeEndpoint("http://a:1", up=False),
        FakeEndpoint("http://b:2", up=False),
        backoff_initial_s=0.25,
        backoff_max_s=1.0,
    )

    with pytest.raises(ChainUnavailable, match="no healthy RPC endpoint for chain 31337"):
        _head(pool, max_wait_s=4.0)

    assert clock.sleeps == [0.25, 0.5, 1.0, 1.0, 1.0]
    assert not pool.healthy


def test_run__all_down_then_one_back__recovers_within_the_wait() -> None:
    first, second = FakeEndpoint("http://a:1", up=False), FakeEndpoint("http://b:2", up=False)
    pool, clock = _pool(first, second)

    def second_back(sleeps: int) -> None:
        second.up = sleeps >= 3

    clock.on_sleep = second_back

    assert _head(pool, max_wait_s=None) == 100
    assert len(clock.sleeps) == 3
    assert pool.healthy and pool.status().active == "http://b:2"


def test_run__zero_wait__each_endpoint_tried_once() -> None:
    first, second = FakeEndpoint("http://a:1", up=False), FakeEndpoint("http://b:2", up=False)
    pool, clock = _pool(first, second)

    with pytest.raises(ChainUnavailable):
        _head(pool, max_wait_s=0)

    assert clock.sleeps == []


def test_client__none_healthy__chain_unavailable() -> None:
    pool, _ = _pool(FakeEndpoint("http://a:1", up=False))
    asyncio.run(pool.start())

    with pytest.raises(ChainUnavailable, match="http://a:1: connection refused"):
        pool.client()


# --- head lag --------------------------------------------------------------------------------


def test_check_health__endpoint_lagging__unhealthy_and_last_resort() -> None:
    behind, ahead = FakeEndpoint("http://a:1", head=90), FakeEndpoint("http://b:2", head=100)
    pool, _ = _pool(behind, ahead, max_head_lag_blocks=5)

    asyncio.run(pool.start())

    assert pool.client() is ahead  # type: ignore[comparison-overlap]
    lagging = pool.status().endpoints[0]
    assert (lagging.healthy, lagging.lag_blocks) == (False, 10)
    assert lagging.last_error is not None and "10 blocks behind" in lagging.last_error


def test_check_health__lag_within_bound__healthy() -> None:
    behind, ahead = FakeEndpoint("http://a:1", head=95), FakeEndpoint("http://b:2", head=100)
    pool, _ = _pool(behind, ahead, max_head_lag_blocks=5)

    asyncio.run(pool.start())

    assert pool.client() is behind  # type: ignore[comparison-overlap]


def test_run__only_lagging_endpoint_answers__used_as_last_resort() -> None:
    behind, ahead = FakeEndpoint("http://a:1", head=90), FakeEndpoint("http://b:2", head=100)
    pool, _ = _pool(behind, ahead, max_head_lag_blocks=5)
    asyncio.run(pool.start())
    ahead.up = False

    assert _head(pool) == 90


def test_close__every_client_closed() -> None:
    endpoints = FakeEndpoint("http://a:1"), FakeEndpoint("http://b:2")
    pool, _ = _pool(*endpoints)

    asyncio.run(pool.close())

    assert all(endpoint.closed for endpoint in endpoints)


# --- labels ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("http://127.0.0.1:8545", "http://127.0.0.1:8545"),
        ("https://mainnet.infura.io/v3/abcdef", "https://mainnet.infura.io/…"),
        ("https://user:pw@rpc.example", "https://rpc.example/…"),
        ("http://[::1]:8545/", "http://[::1]:8545"),
        ("https://rpc.example/?key=s3cret", "https://rpc.example/…"),
    ],
)
def test_redact_url__secrets_in_url__hidden(url: str, shown: str) -> None:
    assert redact_url(url) == shown


def test_pool__labels_given__shown_instead_of_urls() -> None:
    endpoint = FakeEndpoint("https://rpc.example/v3/s3cret", up=False)
    pool = RpcPool(
        [endpoint.url],
        CHAIN_ID,
        labels=["https://rpc.example/v3/${KEY}"],
        client_factory=lambda url: endpoint,  # type: ignore[arg-type,return-value]
    )

    asyncio.run(pool.start())

    assert pool.status().endpoints[0].label == "https://rpc.example/v3/${KEY}"
    assert "s3cret" not in str(pool.status())


def test_of__chain_config__urls_resolved_labels_as_written(tmp_path: Path) -> None:
    deployment = {
        "chain_id": CHAIN_ID,
        "start_block": 1,
        "flux_token": ADDRESS,
        "payment_token": ADDRESS,
        "oracle": ADDRESS,
    }
    (tmp_path / "deployment.json").write_text(json.dumps(deployment))
    document = {
        "node": {"data_dir": "data"},
        "signer": {"private_key_env": "KEY"},
        "chains": [
            {
                "name": "devnet",
                "chain_id": CHAIN_ID,
                "rpc_urls": ["http://a:1", "https://rpc.example/${RPC_KEY}"],
                "deployment": "deployment.json",
                "max_head_lag_blocks": 2,
                "keeper": {"enabled": True},
            }
        ],
    }
    chain = parse_config(document, base_dir=tmp_path, environ={"RPC_KEY": "s3cret"}).chains[0]
    built: list[str] = []

    def factory(url: str) -> FakeEndpoint:
        built.append(url)
        return FakeEndpoint(url)

    pool = RpcPool.of(chain, client_factory=factory)  # type: ignore[arg-type]

    assert built == ["http://a:1", "https://rpc.example/s3cret"]
    assert [e.label for e in pool.status().endpoints] == chain.rpc_urls
