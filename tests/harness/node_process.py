"""Real `fluxo node run` processes and the devnet data server, for the node's integration tests.

    with DataServer() as data, NodeProcess.start(tmp_path / "v1", config) as node:
        data.put("/price", {"price": "3000"})
        node.wait_healthy()
        ...
    # both stopped here (the node by its pid: SIGTERM, then SIGKILL), also on failure

`node_document` builds the config dict every test starts from (one validator on one chain,
fetching from loopback); tests change what they need before starting.
"""

import asyncio
import contextlib
import json
import os
import re
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Self

import httpx

from fluxo.devnet.data_server import DataBook, start_data_server
from fluxo.devnet.node_config import LOCAL_FETCH, write_node_config
from fluxo.devnet.processes import node_run_command
from fluxo.node.http import RunningServer
from fluxo.node.runner import listen_url

KEY_ENV: Final = "FLUXO_TEST_NODE_KEY"
# One `key="value"` of a Prometheus sample (the node's label values hold no quotes).
_LABEL: Final = re.compile(r'(\w+)="([^"]*)"')
STOP_WAIT_S: Final = 10.0


class DataServer:
    """The devnet data server on a thread of its own, on 127.0.0.1 and a free port."""

    def __init__(self) -> None:
        self.book = DataBook()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: RunningServer | None = None

    def __enter__(self) -> Self:
        self._thread.start()
        future = asyncio.run_coroutine_threadsafe(start_data_server(self.book), self._loop)
        self._server = future.result(timeout=10)
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._server is not None:
            asyncio.run_coroutine_threadsafe(self._server.stop(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    @property
    def base_url(self) -> str:
        assert self._server is not None
        return self._server.url

    def url(self, path: str) -> str:
        return self.base_url + "/" + path.lstrip("/")

    def put(self, path: str, value: Any, *, status: int = 200) -> None:
        # Through the thread-safe book, not HTTP: the test and the server share the process.
        self._loop.call_soon_threadsafe(lambda: self.book.put(path, value, status=status))
        # Make the write visible before the caller moves on.
        asyncio.run_coroutine_threadsafe(asyncio.sleep(0), self._loop).result(timeout=5)


def node_document(
    *,
    data_dir: Path,
    rpc_urls: list[str],
    deployment: Path,
    chain_id: int = 31337,
    poll_interval_s: float = 0.2,
    confirmations: int = 0,
) -> dict[str, Any]:
    """A node config (as a dict) with no role enabled, for one local chain."""
    return {
        "node": {
            "data_dir": str(data_dir),
            "listen": "127.0.0.1:0",
            "poll_interval_s": poll_interval_s,
            "log_format": "json",
        },
        "signer": {"private_key_env": KEY_ENV},
        "fetch": dict(LOCAL_FETCH),
        "chains": [
            {
                "name": "devnet",
                "chain_id": chain_id,
                "rpc_urls": rpc_urls,
                "deployment": str(deployment),
                "confirmations": confirmations,
                "log_range_blocks": 1_000,
                "rpc_timeout_s": 3.0,
                "transactions": {"stuck_after_s": 5.0},
            }
        ],
    }


def validator_document(
    base: dict[str, Any], *, max_stake_flx: str, max_exposure_flx: str
) -> dict[str, Any]:
    base["chains"][0]["validator"] = {
        "enabled": True,
        "max_stake_per_request_flx": max_stake_flx,
        "max_total_exposure_flx": max_exposure_flx,
    }
    return base


@dataclass
class NodeProcess:
    """One `fluxo node run` subprocess; its logs are JSON lines in `log_path`."""

    directory: Path
    private_key: str
    process: subprocess.Popen[bytes] | None = None
    _log_handle: Any = field(default=None, repr=False)

    @property
    def config_path(self) -> Path:
        return self.directory / "node.toml"

    @property
    def log_path(self) -> Path:
        return self.directory / "node.log"

    @property
    def data_dir(self) -> Path:
        return self.directory / "data"

    @classmethod
    @contextlib.contextmanager
    def running(
        cls, directory: Path, private_key: str, document: dict[str, Any]
    ) -> Iterator["NodeProcess"]:
        node = cls(directory, private_key)
        write_node_config(node.config_path, document)
        node.start()
        try:
            yield node
        finally:
            node.stop()

    def start(self) -> None:
        """Start (or restart) the process."""
        assert self.process is None or self.process.poll() is not None, "already running"
        self.directory.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileNotFoundError):
            (self.data_dir / "http.json").unlink()
        self._log_handle = self.log_path.open("ab")
        env = {**os.environ, KEY_ENV: self.private_key}
        self.process = subprocess.Popen(
            node_run_command(self.config_path),
            stdout=self._log_handle,
            stderr=subprocess.STDOUT,
            env=env,
        )

    def stop(self, *, timeout_s: float = STOP_WAIT_S) -> int | None:
        """SIGTERM, then SIGKILL if it has not exited within `timeout_s`; the exit code."""
        process = self.process
        if process is None:
            return None
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=timeout_s)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=timeout_s)
        self._close_log()
        return process.returncode

    def kill(self) -> None:
        """SIGKILL: the crash the node must survive."""
        assert self.process is not None
        self.process.kill()
        self.process.wait(timeout=STOP_WAIT_S)
        self._close_log()

    def _close_log(self) -> None:
        if self._log_handle is not None:
            self._log_handle.close()
            self._log_handle = None

    # --- observing -------------------------------------------------------------------------

    def url(self) -> str | None:
        return listen_url(self.data_dir)

    def health(self) -> tuple[int, dict[str, Any]] | None:
        url = self.url()
        if url is None:
            return None
        try:
            response = httpx.get(url + "/health", timeout=2.0)
        except httpx.HTTPError:
            return None
        return response.status_code, response.json()

    def metrics_text(self) -> str:
        url = self.url()
        assert url is not None, "the node has not started its HTTP server"
        return httpx.get(url + "/metrics", timeout=2.0).text

    def metric(self, name: str, **labels: str) -> float:
        """The value of one sample in /metrics (0 if absent); `labels` in any order."""
        for line in self.metrics_text().splitlines():
            sample, _, value = line.rpartition(" ")
            sample_name, _, label_text = sample.partition("{")
            if sample_name == name and dict(_LABEL.findall(label_text)) == labels:
                return float(value)
        return 0.0

    def logs(self) -> list[dict[str, Any]]:
        records = []
        if not self.log_path.exists():
            return records
        for line in self.log_path.read_text(encoding="utf-8", errors="replace").splitlines():
            with contextlib.suppress(ValueError):
                record = json.loads(line)
                if isinstance(record, dict):
                    records.append(record)
        return records

    def events(self, name: str) -> list[dict[str, Any]]:
        return [record for record in self.logs() if record.get("event") == name]

    def wait_healthy(self, timeout_s: float = 60.0) -> dict[str, Any]:
        def healthy() -> dict[str, Any] | None:
            self._check_alive()
            status = self.health()
            return status[1] if status is not None and status[0] == 200 else None

        return wait_for(healthy, timeout_s, f"{self.directory.name} healthy")

    def wait_event(
        self,
        name: str,
        timeout_s: float = 30.0,
        where: Callable[[dict[str, Any]], bool] = lambda _: True,
    ) -> dict[str, Any]:
        def found() -> dict[str, Any] | None:
            self._check_alive()
            return next((r for r in self.events(name) if where(r)), None)

        return wait_for(found, timeout_s, f"{self.directory.name}: event {name}")

    def _check_alive(self) -> None:
        if self.process is not None and self.process.poll() is not None:
            tail = self.log_path.read_text(encoding="utf-8", errors="replace")[-3000:]
            raise AssertionError(f"node exited with {self.process.returncode}:\n{tail}")


def wait_for(probe: Callable[[], Any], timeout_s: float, what: str, interval_s: float = 0.1) -> Any:
    """Poll `probe` until it returns something truthy; fail naming `what` after `timeout_s`."""
    deadline = time.monotonic() + timeout_s
    while True:
        value = probe()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {timeout_s} s waiting for {what}")
        time.sleep(interval_s)
