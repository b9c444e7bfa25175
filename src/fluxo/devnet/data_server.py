"""The devnet's data server: JSON documents at paths, that requests and feeds point their
sources at, and that a person (or a test) changes over HTTP to move a price or decide a match.

    GET  /<path>            the document (404 if none)
    PUT  /<path>            store the request body (JSON) as the document
    PUT  /<path>?status=503 serve that status instead (a source that is down)
    GET  /                  every path held

It listens on 127.0.0.1 only and holds at most `MAX_DOCUMENTS` of at most `MAX_BODY_BYTES`:
it is a development tool, never a production data source.
"""

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from fluxo.node.http import RunningServer, start_server

MAX_DOCUMENTS: Final = 10_000
MAX_BODY_BYTES: Final = 64 * 1024


@dataclass
class _Document:
    status: int
    body: bytes


@dataclass
class DataBook:
    """The documents the server holds, by path."""

    documents: dict[str, _Document] = field(default_factory=dict)

    def put(self, path: str, value: Any, *, status: int = 200) -> None:
        key = _normal(path)
        if key not in self.documents and len(self.documents) >= MAX_DOCUMENTS:
            raise ValueError(f"the data server holds at most {MAX_DOCUMENTS} documents")
        self.documents[key] = _Document(status, json.dumps(value).encode("utf-8"))

    def get(self, path: str) -> _Document | None:
        return self.documents.get(_normal(path))

    def paths(self) -> list[str]:
        return sorted(self.documents)


def _normal(path: str) -> str:
    return "/" + path.strip("/")


def create_data_app(book: DataBook) -> Starlette:
    async def index(_request: Request) -> Response:
        return JSONResponse({"paths": book.paths()})

    async def read(request: Request) -> Response:
        document = book.get(request.path_params["path"])
        if document is None:
            return JSONResponse({"error": "no document at this path"}, status_code=404)
        return Response(document.body, status_code=document.status, media_type="application/json")

    async def write(request: Request) -> Response:
        body = await request.body()
        if len(body) > MAX_BODY_BYTES:
            return JSONResponse({"error": f"at most {MAX_BODY_BYTES} bytes"}, status_code=413)
        try:
            value = json.loads(body)
            status = int(request.query_params.get("status", "200"))
        except ValueError as error:
            return JSONResponse({"error": f"not JSON: {error}"}, status_code=400)
        if not 100 <= status <= 599:
            return JSONResponse({"error": "status must be 100..599"}, status_code=400)
        try:
            book.put(request.path_params["path"], value, status=status)
        except ValueError as error:
            return JSONResponse({"error": str(error)}, status_code=507)
        return JSONResponse({"stored": _normal(request.path_params["path"])})

    return Starlette(
        routes=[
            Route("/", index, methods=["GET"]),
            Route("/{path:path}", read, methods=["GET"]),
            Route("/{path:path}", write, methods=["PUT"]),
        ]
    )


def seed(book: DataBook, documents: Mapping[str, Any]) -> None:
    for path, value in documents.items():
        book.put(path, value)


async def start_data_server(book: DataBook, port: int = 0) -> RunningServer:
    """Serve `book` on 127.0.0.1:`port` (0: a free port) until the server's `stop()`."""
    return await start_server(create_data_app(book), "127.0.0.1", port)
