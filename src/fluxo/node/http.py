"""The node's one HTTP server: observation exchange, `/metrics` and `/health` on one address.

    app = create_app(metrics=metrics, health=lambda: health_status(...), store=store)
    async with serve(app, "127.0.0.1", 9464) as server:   # port 0 picks a free port
        ...                                               # server.url is where it listens
    # leaving the block stops it: no new connections, open ones closed, at most 5 s

`serve` runs uvicorn inside the caller's asyncio loop (no thread, no process). It binds the
socket itself, so a busy port raises `OSError` to the caller instead of uvicorn's `sys.exit`,
and it leaves SIGINT/SIGTERM to the node, which stops the server as part of its own shutdown.
"""

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator, Callable, Generator
from dataclasses import dataclass
from typing import Final

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from fluxo.node.health import HealthStatus
from fluxo.node.metrics import CONTENT_TYPE, NodeMetrics
from fluxo.node.observations.routes import observation_routes
from fluxo.node.observations.store import ObservationStore

# Concurrent connections beyond this get 503: peers and a Prometheus scraper need a handful.
DEFAULT_LIMIT_CONCURRENCY: Final = 64
_GRACEFUL_SHUTDOWN_S: Final = 5
_BACKLOG: Final = 128


def create_app(
    *,
    metrics: NodeMetrics,
    health: Callable[[], HealthStatus],
    store: ObservationStore | None = None,
) -> Starlette:
    """`GET /metrics`, `GET /health`, and the observation routes when `store` is given (a node
    without the provider role serves no observations)."""

    async def get_metrics(_request: Request) -> Response:
        return Response(metrics.render(), media_type=CONTENT_TYPE)

    async def get_health(_request: Request) -> Response:
        status = health()
        return JSONResponse(status.body, status_code=status.status_code)

    routes = [
        Route("/metrics", get_metrics, methods=["GET"]),
        Route("/health", get_health, methods=["GET"]),
    ]
    if store is not None:
        routes += observation_routes(store, metrics)
    return Starlette(routes=routes)


@dataclass(slots=True)
class RunningServer:
    """A started server: where it listens, and how to stop it."""

    host: str
    port: int
    _server: uvicorn.Server
    _task: "asyncio.Task[None]"

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    async def stop(self) -> None:
        """Stop accepting, close open connections, wait for the server task to end."""
        self._server.should_exit = True
        await self._task


class _EmbeddedServer(uvicorn.Server):
    """uvicorn without its signal handlers: the node owns SIGINT/SIGTERM."""

    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        yield


async def start_server(
    app: Starlette,
    host: str,
    port: int,
    *,
    limit_concurrency: int = DEFAULT_LIMIT_CONCURRENCY,
) -> RunningServer:
    """Bind `host:port` and serve `app` in the current loop until `stop()`."""
    sock = _bind(host, port)
    config = uvicorn.Config(
        app,
        log_config=None,  # the node's own logging; uvicorn must not reconfigure the process
        access_log=False,
        lifespan="off",
        http="h11",
        ws="none",
        server_header=False,
        limit_concurrency=limit_concurrency,
        timeout_graceful_shutdown=_GRACEFUL_SHUTDOWN_S,
    )
    server = _EmbeddedServer(config)
    task = asyncio.create_task(server.serve(sockets=[sock]))
    while not server.started:
        if task.done():
            sock.close()
            task.result()  # raises what stopped it
            raise RuntimeError("the HTTP server stopped before it started")
        await asyncio.sleep(0.01)
    bound_host, bound_port = sock.getsockname()[:2]
    return RunningServer(str(bound_host), int(bound_port), server, task)


@contextlib.asynccontextmanager
async def serve(
    app: Starlette,
    host: str,
    port: int,
    *,
    limit_concurrency: int = DEFAULT_LIMIT_CONCURRENCY,
) -> AsyncIterator[RunningServer]:
    """Serve `app` for the duration of the block; stopped on the way out, error or not."""
    server = await start_server(app, host, port, limit_concurrency=limit_concurrency)
    try:
        yield server
    finally:
        await server.stop()


def _bind(host: str, port: int) -> socket.socket:
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(_BACKLOG)
        sock.setblocking(False)
    except OSError:
        sock.close()
        raise
    return sock
