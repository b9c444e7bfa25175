"""The exchange client: pushes to every peer, pulls from one, never raises for a bad peer."""

import asyncio
import io
import json

import httpx

from fluxo.node.logs import make_logger
from fluxo.node.metrics import NodeMetrics
from fluxo.node.observations import ObservationClient, PushResult, encode_observation
from fluxo.node.observations.client import MAX_PULL_BYTES
from tests.harness.observations import FEED_ADDRESS, ROUND, SIGNERS, signed_wire

GOOD = "http://good.peer:9464"
PICKY = "http://picky.peer:9464"
DOWN = "http://down.peer:9464"
SLOW = "http://slow.peer:9464"
WIRE = signed_wire(SIGNERS[0])


async def _peers(request: httpx.Request) -> httpx.Response:
    host = request.url.host
    if host == "down.peer":
        raise httpx.ConnectError("connection refused", request=request)
    if host == "slow.peer":
        raise httpx.ReadTimeout("timed out", request=request)
    if host == "picky.peer":
        return httpx.Response(400, json={"error": "invalid observation", "field": "round"})
    if request.method == "POST":
        assert json.loads(request.content) == encode_observation(WIRE)
        assert request.headers["content-type"] == "application/json"
        return httpx.Response(202, json={"result": "stored"})
    return httpx.Response(200, json=[encode_observation(WIRE)])


def _client(
    handler: httpx.MockTransport | None = None, *peers: str
) -> tuple[ObservationClient, NodeMetrics, io.StringIO]:
    metrics, log = NodeMetrics(), io.StringIO()
    http = httpx.AsyncClient(transport=handler or httpx.MockTransport(_peers))
    client = ObservationClient(http, peers, metrics=metrics, logger=make_logger(log))
    return client, metrics, log


def test_push__mixed_peers__one_result_each_in_config_order_and_no_exception() -> None:
    client, metrics, log = _client(None, GOOD, PICKY, DOWN, SLOW)

    results = asyncio.run(client.push(WIRE))

    assert [(r.peer, r.status_code, r.accepted) for r in results] == [
        (GOOD, 202, True),
        (PICKY, 400, False),
        (DOWN, None, False),
        (SLOW, None, False),
    ]
    assert results[2].error == "ConnectError: connection refused"
    assert [r.label for r in results] == ["accepted", "http_400", "error", "error"]
    sample = metrics.registry.get_sample_value
    assert sample("fluxo_node_observation_pushes_total", {"peer": GOOD, "result": "accepted"}) == 1
    assert sample("fluxo_node_observation_pushes_total", {"peer": DOWN, "result": "error"}) == 1
    lines = [json.loads(line) for line in log.getvalue().splitlines()]
    assert [line["event"] for line in lines] == [
        "observation push refused",
        "observation push failed",
        "observation push failed",
    ]
    assert '"field":"round"' in lines[0]["answer"]


def test_push__peer_url_with_trailing_slash__posts_to_the_path() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(202)

    client, _, _ = _client(httpx.MockTransport(handler), GOOD + "/")

    asyncio.run(client.push(WIRE))

    assert seen == [GOOD + "/v1/observations"]


def test_push__no_peers__nothing_sent() -> None:
    client, _, _ = _client(None)

    assert asyncio.run(client.push(WIRE)) == []


def test_push__malformed_peer_url__error_result_not_exception() -> None:
    client, _, _ = _client(None, "://no-scheme")

    [result] = asyncio.run(client.push(WIRE))

    assert result == PushResult(
        "://no-scheme", None, "ValueError: unknown url type: '/v1/observations'"
    )


def test_pull__peer_holds_observations__parsed() -> None:
    client, _, _ = _client(None, GOOD)

    assert asyncio.run(client.pull(GOOD, FEED_ADDRESS, ROUND)) == [WIRE]


def test_pull__peer_down_or_refusing__empty() -> None:
    client, _, _ = _client(None)

    assert asyncio.run(client.pull(DOWN, FEED_ADDRESS, ROUND)) == []
    assert asyncio.run(client.pull(PICKY, FEED_ADDRESS, ROUND)) == []


def test_pull__garbage_or_oversized_answer__empty() -> None:
    def garbage(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=[{"feed": "nope"}])

    def huge(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"[" + b" " * MAX_PULL_BYTES + b"]")

    for handler in (garbage, huge):
        client, _, log = _client(httpx.MockTransport(handler))

        assert asyncio.run(client.pull(GOOD, FEED_ADDRESS, ROUND)) == []
        assert "observation pull failed" in log.getvalue()
