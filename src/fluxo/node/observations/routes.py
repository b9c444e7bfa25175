"""The observation exchange's HTTP endpoints (SPEC §12), as Starlette routes.

    POST /v1/observations                    one observation (JSON)
        202 {"result": "stored" | "replaced" | "duplicate" | "superseded"}
        400 {"error": "invalid observation", "field": "...", "reason": "..."}
        413 the body is larger than 4 KiB
        503 {"error": "store full", ...}: try again later
    GET /v1/observations/{feed}/{round}      the valid observations held for (feed, round)
        200 [observation, ...]; 400 for a malformed feed or round; 404 for a feed not served

A peer's observation is validated before it is kept (`ObservationStore.insert`), so the
transport needs no authentication; the body limit is enforced while reading, before anything
is parsed, whatever `Content-Length` claims.
"""

from typing import Final

from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from fluxo.node.metrics import NodeMetrics
from fluxo.node.observations.store import InsertResult, ObservationStore
from fluxo.node.observations.wire import (
    MAX_BODY_BYTES,
    WireError,
    decode_observation,
    encode_observation,
    parse_feed_address,
    parse_round,
)

OBSERVATIONS_PATH: Final = "/v1/observations"


class _BodyTooLarge(Exception):
    pass


def observation_routes(store: ObservationStore, metrics: NodeMetrics | None = None) -> list[Route]:
    """The two routes of the exchange, serving `store` and counting into `metrics`."""

    def count(result: str) -> None:
        if metrics is not None:
            metrics.observations_received.labels(result=result).inc()

    async def post_observation(request: Request) -> Response:
        try:
            body = await _read_limited(request, MAX_BODY_BYTES)
        except _BodyTooLarge:
            count("too_large")
            return JSONResponse(
                {"error": "body too large", "limit_bytes": MAX_BODY_BYTES}, status_code=413
            )
        except ClientDisconnect:
            count("disconnected")
            return Response(status_code=400)
        try:
            wire = decode_observation(body)
        except WireError as error:
            count("malformed")
            return _invalid(error.field, error.reason)
        outcome = await store.insert(wire)
        count(outcome.result.value)
        if outcome.accepted:
            return JSONResponse({"result": outcome.result.value}, status_code=202)
        if outcome.result is InsertResult.STORE_FULL:
            return JSONResponse({"error": "store full", "reason": outcome.reason}, status_code=503)
        return _invalid(outcome.field, f"{outcome.result.value}: {outcome.reason}")

    async def get_observations(request: Request) -> Response:
        try:
            feed = parse_feed_address(request.path_params["feed"])
            round = parse_round(request.path_params["round"])
        except WireError as error:
            return _invalid(error.field, error.reason, "invalid query")
        held = await store.held(feed, round)
        if held is None:
            return JSONResponse({"error": "unknown feed", "feed": feed}, status_code=404)
        return JSONResponse([encode_observation(wire) for wire in held])

    return [
        Route(OBSERVATIONS_PATH, post_observation, methods=["POST"]),
        Route(OBSERVATIONS_PATH + "/{feed}/{round}", get_observations, methods=["GET"]),
    ]


def _invalid(field: str, reason: str, error: str = "invalid observation") -> JSONResponse:
    return JSONResponse({"error": error, "field": field, "reason": reason}, status_code=400)


async def _read_limited(request: Request, limit_bytes: int) -> bytes:
    """The body, refusing it as soon as it passes `limit_bytes` (a declared length above the
    limit is refused before reading anything)."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit_bytes:
        raise _BodyTooLarge
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit_bytes:
            raise _BodyTooLarge
        chunks.append(chunk)
    return b"".join(chunks)
