"""Anvil starts ready, honours extra arguments, and stops for good."""

import os
from pathlib import Path
from typing import Any

import httpx
import pytest
from eth_account import Account

from fluxo.devnet.anvil import Anvil, find_anvil_binary
from fluxo.devnet.dev_accounts import ANVIL_DEV_PRIVATE_KEYS

pytestmark = pytest.mark.integration


def _rpc(url: str, method: str, *params: Any) -> Any:
    body = {"jsonrpc": "2.0", "id": 1, "method": method, "params": list(params)}
    return httpx.post(url, json=body, trust_env=False).json()["result"]


def test_start__default__answers_and_has_mined_a_block(anvil: Anvil) -> None:
    assert int(_rpc(anvil.url, "eth_chainId"), 16) == 31_337
    assert int(_rpc(anvil.url, "eth_blockNumber"), 16) == 1
    assert anvil.url == f"http://127.0.0.1:{anvil.port}"


@pytest.mark.skipif(not Path("/proc/self/exe").exists(), reason="needs Linux /proc")
def test_start__default__process_is_anvil_itself(anvil: Anvil) -> None:
    assert Path(f"/proc/{anvil.pid}/exe").resolve() == find_anvil_binary().resolve()


def test_start__extra_chain_id__is_used() -> None:
    with Anvil(extra_args=("--chain-id", "1337")) as anvil:
        assert int(_rpc(anvil.url, "eth_chainId"), 16) == 1_337


def test_accounts__default__are_the_dev_keys(anvil: Anvil) -> None:
    expected = [Account.from_key(key).address.lower() for key in ANVIL_DEV_PRIVATE_KEYS]

    assert [address.lower() for address in _rpc(anvil.url, "eth_accounts")] == expected


def test_stop__running__ends_process_and_refuses_connections() -> None:
    anvil = Anvil().start()
    pid, url = anvil.pid, anvil.url

    anvil.stop()

    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    with pytest.raises(httpx.ConnectError):
        httpx.post(url, json={}, trust_env=False)
    anvil.stop()  # idempotent
