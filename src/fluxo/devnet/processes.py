"""The devnet's node processes: `fluxo node run` subprocesses it starts, watches and stops.

    nodes = NodeProcesses()
    try:
        node = nodes.start("validator-1", config_path, key_env, private_key, log_path)
        await nodes.wait_listening(node, timeout_s=30)
    finally:
        nodes.stop_all()      # SIGTERM to each group, then SIGKILL, by pid

`pause` and `resume` (SIGSTOP, SIGCONT) hold nodes back while the others act alone.

Each node runs in a session (and process group) of its own: a Ctrl-C in the terminal reaches
the devnet only, which then stops every node itself, in order, and a node's children (none
today) would go with it. Processes are only ever signalled by the pids recorded here.
"""

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Final

import httpx

from fluxo.exceptions import DevnetError

STOP_WAIT_S: Final = 8.0
_POLL_S: Final = 0.2


def node_run_command(config_path: Path) -> list[str]:
    """`fluxo node run --config config_path` with this interpreter (and its environment)."""
    return [sys.executable, "-m", "fluxo.cli.main", "node", "run", "--config", str(config_path)]


@dataclass
class NodeProcess:
    name: str
    url: str
    log_path: Path
    process: subprocess.Popen[bytes]
    _log: IO[bytes] = field(repr=False)

    @property
    def pid(self) -> int:
        return self.process.pid

    def exited(self) -> int | None:
        return self.process.poll()

    def log_tail(self, characters: int = 2_000) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")[-characters:]
        except OSError:
            return ""


@dataclass
class NodeProcesses:
    """Every node process the devnet started, to stop them all whatever happens."""

    started: list[NodeProcess] = field(default_factory=list)

    def start(
        self,
        name: str,
        config_path: Path,
        *,
        url: str,
        key_env: str,
        private_key: str,
        log_path: Path,
    ) -> NodeProcess:
        """Start `fluxo node run --config config_path` with its key in `$key_env` only."""
        log = log_path.open("ab")
        try:
            process = subprocess.Popen(
                node_run_command(config_path),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env={**os.environ, key_env: private_key},
                start_new_session=True,
            )
        except OSError as error:
            log.close()
            raise DevnetError(f"cannot start node {name}: {error}") from error
        node = NodeProcess(name, url, log_path, process, log)
        self.started.append(node)
        return node

    async def wait_listening(self, nodes: list[NodeProcess], *, timeout_s: float) -> None:
        """Until every node in `nodes` answers `/health` over HTTP (healthy or not: it runs);
        a `DevnetError` with its log's tail if one exits or is not up in time."""
        deadline = time.monotonic() + timeout_s
        waiting = list(nodes)
        async with httpx.AsyncClient(timeout=1.0, trust_env=False) as client:
            while waiting:
                for node in list(waiting):
                    code = node.exited()
                    if code is not None:
                        raise DevnetError(
                            f"node {node.name} exited with code {code}:\n{node.log_tail()}"
                        )
                    with contextlib.suppress(httpx.HTTPError):
                        await client.get(node.url + "/health")
                        waiting.remove(node)
                if waiting and time.monotonic() > deadline:
                    names = ", ".join(node.name for node in waiting)
                    raise DevnetError(f"nodes not up within {timeout_s:g} s: {names}")
                if waiting:
                    await asyncio.sleep(_POLL_S)

    def check_alive(self) -> None:
        """A `DevnetError` naming the first node that exited (with its log's tail)."""
        for node in self.started:
            code = node.exited()
            if code is not None:
                raise DevnetError(f"node {node.name} exited with code {code}:\n{node.log_tail()}")

    def pause(self, nodes: list[NodeProcess]) -> None:
        """Suspend `nodes` (SIGSTOP to their groups): they keep their state and do nothing."""
        for node in nodes:
            if node.exited() is None:
                _signal_group(node.pid, signal.SIGSTOP)

    def resume(self, nodes: list[NodeProcess]) -> None:
        """Let paused `nodes` go on (SIGCONT) from where they were."""
        for node in nodes:
            if node.exited() is None:
                _signal_group(node.pid, signal.SIGCONT)

    def stop_all(self, *, timeout_s: float = STOP_WAIT_S) -> None:
        """SIGTERM every node's process group, wait, then SIGKILL whatever is left. Idempotent."""
        running = [node for node in self.started if node.exited() is None]
        for node in running:
            _signal_group(node.pid, signal.SIGTERM)
            # A paused node handles SIGTERM only once it runs again.
            _signal_group(node.pid, signal.SIGCONT)
        deadline = time.monotonic() + timeout_s
        for node in running:
            try:
                node.process.wait(timeout=max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                _signal_group(node.pid, signal.SIGKILL)
                node.process.wait(timeout=timeout_s)
        for node in self.started:
            node._log.close()


def _signal_group(pid: int, signum: signal.Signals) -> None:
    # The node leads its group (start_new_session), so its pid is the group id. Only called
    # while the node is not reaped yet, so the id cannot belong to anybody else.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signum)
