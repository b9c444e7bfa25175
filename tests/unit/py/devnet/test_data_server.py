"""The devnet data server's HTTP surface, through httpx's ASGI transport (no socket)."""

import asyncio
from typing import Any

import httpx
import pytest

from fluxo.devnet.data_server import MAX_BODY_BYTES, DataBook, create_data_app


class Client:
    """One data server; each call a request through the ASGI transport."""

    def __init__(self) -> None:
        self.app = create_data_app(DataBook())

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        async def send() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://data") as client:
                return await client.request(method, path, **kwargs)

        return asyncio.run(send())


@pytest.fixture
def client() -> Client:
    return Client()


def test_put_then_get__returns_the_document(client: Client) -> None:
    stored = client.request("PUT", "/prices/eth-usd", json={"price": "3000.5"})
    read = client.request("GET", "/prices/eth-usd/")

    assert stored.status_code == 200
    assert read.status_code == 200
    assert read.json() == {"price": "3000.5"}
    assert client.request("GET", "/").json() == {"paths": ["/prices/eth-usd"]}


def test_get__unknown_path__404(client: Client) -> None:
    assert client.request("GET", "/nothing").status_code == 404


def test_put__with_status__serves_that_status(client: Client) -> None:
    client.request("PUT", "/down?status=503", json={"error": "maintenance"})

    read = client.request("GET", "/down")

    assert read.status_code == 503
    assert read.json() == {"error": "maintenance"}


@pytest.mark.parametrize(
    ("path", "body", "status"),
    [
        ("/x", b"{not json", 400),
        ("/x?status=99", b"{}", 400),
        ("/x?status=abc", b"{}", 400),
        ("/x", b'"' + b"a" * MAX_BODY_BYTES + b'"', 413),
    ],
)
def test_put__bad_input__refused_and_nothing_stored(
    client: Client, path: str, body: bytes, status: int
) -> None:
    response = client.request("PUT", path, content=body)

    assert response.status_code == status
    assert client.request("GET", "/x").status_code == 404
