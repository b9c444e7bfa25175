"""The node's HTTP server over real sockets on 127.0.0.1: two providers exchange observations,
and /metrics and /health answer next to them. Every server is stopped by the test that
started it, failing or not (`serve` is a context manager)."""

import asyncio
import socket

import httpx
import pytest

from fluxo.node.health import HealthStatus, health_status
from fluxo.node.http import create_app, serve, start_server
from fluxo.node.metrics import NodeMetrics
from fluxo.node.observations import InsertResult, ObservationClient, ObservationStore
from tests.harness.observations import (
    FEED_ADDRESS,
    NOW_S,
    ROUND,
    SIGNERS,
    FakeSignerSource,
    signed_wire,
)

LOCALHOST = "127.0.0.1"


def _healthy() -> HealthStatus:
    return health_status(NOW_S, NOW_S, 5.0, True)


def _node() -> tuple[ObservationStore, NodeMetrics]:
    return ObservationStore(FakeSignerSource(), clock=lambda: NOW_S), NodeMetrics()


def test_serve__two_providers__push_to_each_other_and_read_back() -> None:
    store_a, metrics_a = _node()
    store_b, metrics_b = _node()
    wire_a, wire_b = signed_wire(SIGNERS[0], answer=100), signed_wire(SIGNERS[1], answer=101)

    async def main() -> None:
        app_a = create_app(metrics=metrics_a, health=_healthy, store=store_a)
        app_b = create_app(metrics=metrics_b, health=_healthy, store=store_b)
        async with (
            serve(app_a, LOCALHOST, 0) as server_a,
            serve(app_b, LOCALHOST, 0) as server_b,
            httpx.AsyncClient() as http,
        ):
            assert (await store_a.insert(wire_a)).result is InsertResult.STORED
            assert (await store_b.insert(wire_b)).result is InsertResult.STORED
            client_a = ObservationClient(http, [server_b.url], timeout_s=5)
            client_b = ObservationClient(http, [server_a.url], timeout_s=5)

            pushed = await asyncio.gather(client_a.push(wire_a), client_b.push(wire_b))

            assert [result.status_code for results in pushed for result in results] == [202, 202]
            assert await store_a.held(FEED_ADDRESS, ROUND) == [wire_a, wire_b]
            assert await store_b.held(FEED_ADDRESS, ROUND) == [wire_a, wire_b]
            assert await client_a.pull(server_b.url, FEED_ADDRESS, ROUND) == [wire_a, wire_b]

    asyncio.run(main())

    received = metrics_b.registry.get_sample_value(
        "fluxo_node_observations_received_total", {"result": "stored"}
    )
    assert received == 1


def test_serve__metrics_and_health__served_on_the_same_address() -> None:
    store, metrics = _node()
    metrics.last_processed_block.labels(chain="devnet").set(42)
    healthy = [True]

    def health() -> HealthStatus:
        return health_status(NOW_S, NOW_S, 5.0, healthy[0])

    async def main() -> None:
        app = create_app(metrics=metrics, health=health, store=store)
        async with serve(app, LOCALHOST, 0) as server, httpx.AsyncClient() as http:
            scraped = await http.get(server.url + "/metrics")
            up = await http.get(server.url + "/health")
            healthy[0] = False
            down = await http.get(server.url + "/health")

            assert scraped.status_code == 200
            assert scraped.headers["content-type"].startswith("text/plain")
            assert 'fluxo_node_last_processed_block{chain="devnet"} 42.0' in scraped.text
            assert (up.status_code, up.json()["status"]) == (200, "ok")
            assert down.status_code == 503
            assert down.json()["problems"] == ["no RPC endpoint is healthy"]

    asyncio.run(main())


def test_create_app__without_store__no_observation_routes() -> None:
    async def main() -> None:
        app = create_app(metrics=NodeMetrics(), health=_healthy)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://node") as http:
            assert (await http.post("/v1/observations", content=b"{}")).status_code == 404
            assert (await http.get("/health")).status_code == 200

    asyncio.run(main())


def test_start_server__port_taken__os_error_and_nothing_left_running() -> None:
    async def main() -> None:
        app = create_app(metrics=NodeMetrics(), health=_healthy)
        async with serve(app, LOCALHOST, 0) as server:
            with pytest.raises(OSError):
                await start_server(app, LOCALHOST, server.port)

    asyncio.run(main())


def test_serve__stopped__port_closed() -> None:
    async def main() -> int:
        app = create_app(metrics=NodeMetrics(), health=_healthy)
        async with serve(app, LOCALHOST, 0) as server, httpx.AsyncClient() as http:
            assert (await http.get(server.url + "/health")).status_code == 200
        return server.port

    port = asyncio.run(main())

    with pytest.raises(ConnectionRefusedError), socket.create_connection((LOCALHOST, port), 1):
        pass
