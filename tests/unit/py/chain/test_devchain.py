"""DevChain's JSON-RPC handling, against a faked HTTP transport."""

import asyncio
import json
from collections.abc import Callable

import httpx
import pytest

from fluxo.devnet.devchain import DevChain
from fluxo.exceptions import DevnetError

URL = "http://dev-chain.invalid"


def _chain_answering(answer: Callable[[str, list[object]], dict[str, object]]) -> DevChain:
    def handle(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        return httpx.Response(
            200, json={"jsonrpc": "2.0", "id": body["id"], **answer(body["method"], body["params"])}
        )

    return DevChain(URL, client=httpx.AsyncClient(transport=httpx.MockTransport(handle)))


def test_time_travel__any_seconds__increases_time_then_mines() -> None:
    calls: list[tuple[str, list[object]]] = []

    def answer(method: str, params: list[object]) -> dict[str, object]:
        calls.append((method, params))
        return {"result": "0x0"}

    asyncio.run(_chain_answering(answer).time_travel(3_600))

    assert calls == [("evm_increaseTime", [3_600]), ("evm_mine", [])]


def test_increase_time__negative__raises_without_calling() -> None:
    chain = _chain_answering(lambda method, params: pytest.fail(f"unexpected {method}"))

    with pytest.raises(DevnetError, match="backwards"):
        asyncio.run(chain.increase_time(-1))


def test_revert__known_snapshot__succeeds() -> None:
    chain = _chain_answering(lambda method, params: {"result": True})

    asyncio.run(chain.revert("0x1"))


def test_revert__unknown_snapshot__raises() -> None:
    chain = _chain_answering(lambda method, params: {"result": False})

    with pytest.raises(DevnetError, match="unknown or already used snapshot 0x9"):
        asyncio.run(chain.revert("0x9"))


def test_call__json_rpc_error__raises_with_method_and_error() -> None:
    chain = _chain_answering(
        lambda method, params: {"error": {"code": -32601, "message": "Method not found"}}
    )

    with pytest.raises(DevnetError, match="evm_mine: JSON-RPC error .*Method not found"):
        asyncio.run(chain.mine())


def test_call__node_unreachable__raises() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    chain = DevChain(URL, client=httpx.AsyncClient(transport=httpx.MockTransport(refuse)))

    with pytest.raises(DevnetError, match="cannot reach"):
        asyncio.run(chain.mine())
