"""RpcPool over real sockets: two endpoints to one anvil through TCP proxies the tests cut and
restore, so an endpoint goes down and comes back while the chain keeps its state."""

import asyncio
import threading
from collections.abc import Iterator

import pytest

from fluxo.devnet.anvil import Anvil
from fluxo.exceptions import ChainUnavailable, WrongChain
from fluxo.node.rpc_pool import RpcPool
from tests.harness.tcp_proxy import TcpProxy

pytestmark = pytest.mark.integration

CHAIN_ID = 31337


@pytest.fixture
def proxies(anvil: Anvil) -> Iterator[tuple[TcpProxy, TcpProxy]]:
    with TcpProxy(anvil.port) as first, TcpProxy(anvil.port) as second:
        yield first, second


def _pool(*urls: str, chain_id: int = CHAIN_ID) -> RpcPool:
    return RpcPool(
        list(urls),
        chain_id,
        timeout_s=2.0,
        backoff_initial_s=0.05,
        backoff_max_s=0.2,
        health_interval_s=60,
    )


def test_run__first_endpoint_dies__fails_over_to_the_second(
    proxies: tuple[TcpProxy, TcpProxy],
) -> None:
    first, second = proxies

    async def main() -> tuple[int, int, RpcPool]:
        async with _pool(first.url, second.url) as pool:
            await pool.start()
            before = await pool.run(lambda client: client.block_number())
            first.stop()
            after = await pool.run(lambda client: client.block_number(), max_wait_s=0)
            return before, after, pool

    before, after, pool = asyncio.run(main())

    status = pool.status()
    assert after == before  # the same chain, through the other proxy
    assert (status.active, status.failovers) == (second.url, 1)
    assert status.endpoints[0].healthy is False and status.endpoints[0].errors >= 1


def test_run__both_down__raises_after_the_bounded_wait(
    proxies: tuple[TcpProxy, TcpProxy],
) -> None:
    first, second = proxies

    async def main() -> RpcPool:
        async with _pool(first.url, second.url) as pool:
            await pool.start()
            first.stop()
            second.stop()
            with pytest.raises(ChainUnavailable, match="no healthy RPC endpoint"):
                await pool.run(lambda client: client.block_number(), max_wait_s=0.3)
            return pool

    pool = asyncio.run(main())

    assert not pool.healthy
    assert pool.last_error is not None


def test_run__both_down_then_one_back__backs_off_and_recovers(
    proxies: tuple[TcpProxy, TcpProxy],
) -> None:
    first, second = proxies
    first.stop()
    second.stop()
    restore = threading.Timer(0.3, second.start)

    async def main() -> tuple[int, RpcPool]:
        async with _pool(first.url, second.url) as pool:
            await pool.start()  # all down: starts unhealthy, does not raise
            assert not pool.healthy
            restore.start()
            head = await pool.run(lambda client: client.block_number(), max_wait_s=10)
            return head, pool

    try:
        head, pool = asyncio.run(main())
    finally:
        restore.cancel()
        restore.join()

    assert head >= 1
    assert pool.healthy and pool.status().active == second.url


def test_start__wrong_chain_id__refuses_naming_url_and_both_ids(anvil: Anvil) -> None:
    async def main() -> None:
        async with _pool(anvil.url, chain_id=1) as pool:
            await pool.start()

    with pytest.raises(WrongChain) as caught:
        asyncio.run(main())

    assert str(caught.value) == (
        f"{anvil.url} serves chain id 31337, expected 1: refusing to use it"
    )
