"""The exchange's endpoints through an in-process ASGI transport: 202, 400 with the field, 413,
503, and the GET list."""

import asyncio
import json
from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from fluxo.node.metrics import NodeMetrics
from fluxo.node.observations import MAX_BODY_BYTES, ObservationStore, observation_routes
from tests.harness.observations import (
    FEED_ADDRESS,
    NOW_S,
    OTHER_FEED_ADDRESS,
    OUTSIDER,
    ROUND,
    SIGNERS,
    FakeSignerSource,
    signed_wire,
    wire_bytes,
    wire_json,
)

PATH = "/v1/observations"

Check = Callable[[httpx.AsyncClient, NodeMetrics], Coroutine[Any, Any, None]]


def _run(check: Check, *, max_observations: int = 100) -> None:
    metrics = NodeMetrics()
    store = ObservationStore(
        FakeSignerSource(), clock=lambda: NOW_S, max_observations=max_observations
    )
    app = Starlette(routes=observation_routes(store, metrics))

    async def main() -> None:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://node") as client:
            await check(client, metrics)

    asyncio.run(main())


def _received(metrics: NodeMetrics, result: str) -> float | None:
    return metrics.registry.get_sample_value(
        "fluxo_node_observations_received_total", {"result": result}
    )


def test_post__valid_observation__202_stored_and_counted() -> None:
    async def check(client: httpx.AsyncClient, metrics: NodeMetrics) -> None:
        response = await client.post(PATH, content=wire_bytes(signed_wire(SIGNERS[0])))

        assert response.status_code == 202
        assert response.json() == {"result": "stored"}
        assert _received(metrics, "stored") == 1

    _run(check)


def test_post__same_observation_again__202_duplicate() -> None:
    async def check(client: httpx.AsyncClient, metrics: NodeMetrics) -> None:
        body = wire_bytes(signed_wire(SIGNERS[0]))
        await client.post(PATH, content=body)
        response = await client.post(PATH, content=body)

        assert response.status_code == 202
        assert response.json() == {"result": "duplicate"}

    _run(check)


@pytest.mark.parametrize(
    ("overrides", "field", "reason"),
    [
        pytest.param({"round": "6"}, "round", "JSON integer", id="malformed_round"),
        pytest.param({"answer": 5}, "answer", "decimal integer string", id="malformed_answer"),
        pytest.param({"extra": 1}, "extra", "unknown field", id="unknown_field"),
        pytest.param({"round": ROUND + 5}, "round", "round_not_open", id="round_not_open"),
        pytest.param(
            {"timestamp": NOW_S + 3_600}, "timestamp", "bad_timestamp", id="timestamp_ahead"
        ),
        pytest.param({"feed": OTHER_FEED_ADDRESS}, "feed", "unknown_feed", id="feed_not_served"),
        pytest.param({"answer": "101"}, "signature", "unknown_signer", id="forged_answer"),
    ],
)
def test_post__invalid_observation__400_naming_the_field(
    overrides: dict[str, object], field: str, reason: str
) -> None:
    async def check(client: httpx.AsyncClient, metrics: NodeMetrics) -> None:
        body = json.dumps(wire_json(signed_wire(SIGNERS[0]), **overrides))
        response = await client.post(PATH, content=body)

        assert response.status_code == 400
        answer = response.json()
        assert answer["error"] == "invalid observation"
        assert answer["field"] == field
        assert reason in answer["reason"]

    _run(check)


def test_post__outsiders_signature__400_unknown_signer() -> None:
    async def check(client: httpx.AsyncClient, metrics: NodeMetrics) -> None:
        response = await client.post(PATH, content=wire_bytes(signed_wire(OUTSIDER)))

        assert response.status_code == 400
        assert response.json()["reason"].startswith("unknown_signer: recovers to ")
        assert _received(metrics, "unknown_signer") == 1

    _run(check)


def test_post__not_json__400_body() -> None:
    async def check(client: httpx.AsyncClient, metrics: NodeMetrics) -> None:
        response = await client.post(PATH, content=b"round=6")

        assert response.status_code == 400
        assert response.json()["field"] == "body"
        assert _received(metrics, "malformed") == 1

    _run(check)


def test_post__body_over_the_limit__413_before_parsing() -> None:
    async def check(client: httpx.AsyncClient, metrics: NodeMetrics) -> None:
        response = await client.post(PATH, content=b" " * (MAX_BODY_BYTES + 1))

        assert response.status_code == 413
        assert _received(metrics, "too_large") == 1

    _run(check)


def test_post__body_exactly_the_limit__parsed() -> None:
    async def check(client: httpx.AsyncClient, metrics: NodeMetrics) -> None:
        body = wire_bytes(signed_wire(SIGNERS[0]))
        padded = body + b" " * (MAX_BODY_BYTES - len(body))
        response = await client.post(PATH, content=padded)

        assert response.status_code == 202

    _run(check)


def test_post__streamed_body_without_length_over_the_limit__413() -> None:
    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(10):
            yield b" " * 1_000

    async def check(client: httpx.AsyncClient, metrics: NodeMetrics) -> None:
        response = await client.post(PATH, content=chunks())

        assert response.status_code == 413

    _run(check)


def test_post__store_full__503() -> None:
    async def check(client: httpx.AsyncClient, metrics: NodeMetrics) -> None:
        await client.post(PATH, content=wire_bytes(signed_wire(SIGNERS[0])))
        response = await client.post(PATH, content=wire_bytes(signed_wire(SIGNERS[1])))

        assert response.status_code == 503
        assert response.json()["error"] == "store full"

    _run(check, max_observations=1)


def test_get__observations_held__200_list_in_the_post_format() -> None:
    async def check(client: httpx.AsyncClient, metrics: NodeMetrics) -> None:
        wires = [signed_wire(SIGNERS[1], answer=5), signed_wire(SIGNERS[0], answer=4)]
        for wire in wires:
            await client.post(PATH, content=wire_bytes(wire))

        response = await client.get(f"{PATH}/{FEED_ADDRESS.lower()}/{ROUND}")

        assert response.status_code == 200
        assert response.json() == [wire_json(wires[1]), wire_json(wires[0])]

    _run(check)


def test_get__nothing_held__200_empty_list() -> None:
    async def check(client: httpx.AsyncClient, metrics: NodeMetrics) -> None:
        response = await client.get(f"{PATH}/{FEED_ADDRESS}/{ROUND}")

        assert response.status_code == 200
        assert response.json() == []

    _run(check)


def test_get__feed_not_served__404() -> None:
    async def check(client: httpx.AsyncClient, metrics: NodeMetrics) -> None:
        response = await client.get(f"{PATH}/{OTHER_FEED_ADDRESS}/{ROUND}")

        assert response.status_code == 404

    _run(check)


@pytest.mark.parametrize(
    ("feed", "round_", "field"),
    [
        pytest.param("0x1234", str(ROUND), "feed", id="short_feed"),
        pytest.param(FEED_ADDRESS, "-1", "round", id="negative_round"),
        pytest.param(FEED_ADDRESS, "six", "round", id="word_round"),
    ],
)
def test_get__malformed_path__400_naming_it(feed: str, round_: str, field: str) -> None:
    async def check(client: httpx.AsyncClient, metrics: NodeMetrics) -> None:
        response = await client.get(f"{PATH}/{feed}/{round_}")

        assert response.status_code == 400
        assert response.json()["field"] == field

    _run(check)


def test_get__post_only_path__405() -> None:
    async def check(client: httpx.AsyncClient, metrics: NodeMetrics) -> None:
        assert (await client.get(PATH)).status_code == 405

    _run(check)
