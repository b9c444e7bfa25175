"""Run a throwaway anvil dev chain: the npm-pinned native binary, on a free local port.

    with Anvil(extra_args=("--chain-id", "31337")) as anvil:
        ...  # anvil.url is a JSON-RPC endpoint; the chain already has block 1

The binary is spawned directly, never through npm's node wrapper, so the process we
stop is anvil itself.
"""

import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, Final, Self

import httpx

from fluxo.devnet.jsonrpc import request_body, result_of
from fluxo.exceptions import DevnetError

ANVIL_BINARY_ENV_VAR: Final = "FLUXO_ANVIL"
ANVIL_HOST: Final = "127.0.0.1"

_POLL_INTERVAL_SECONDS: Final = 0.025
_POLL_REQUEST_TIMEOUT_SECONDS: Final = 0.5
_NPM_OS_NAMES: Final = {"linux": "linux", "darwin": "darwin", "win32": "win32"}
_NPM_ARCH_NAMES: Final = {"x86_64": "amd64", "amd64": "amd64", "arm64": "arm64", "aarch64": "arm64"}


def anvil_binary_relative_path() -> Path:
    """Where npm puts the native anvil for this platform, relative to a project root."""
    os_name = _NPM_OS_NAMES.get(sys.platform, sys.platform)
    machine = platform.machine().lower()
    arch = _NPM_ARCH_NAMES.get(machine, machine)
    binary = "anvil.exe" if os_name == "win32" else "anvil"
    return Path("node_modules", "@foundry-rs", f"anvil-{os_name}-{arch}", "bin", binary)


def find_anvil_binary(search_roots: Iterable[Path] | None = None) -> Path:
    """Locate the anvil binary.

    `$FLUXO_ANVIL` wins when set. Otherwise each search root and its parents are tried in
    turn; the roots default to this package's directory and the working directory.
    """
    override = os.environ.get(ANVIL_BINARY_ENV_VAR)
    if override:
        path = Path(override)
        if not path.is_file():
            raise DevnetError(f"${ANVIL_BINARY_ENV_VAR} names {path}, which is not a file")
        return path
    relative = anvil_binary_relative_path()
    roots = [Path(__file__).resolve().parent, Path.cwd()] if search_roots is None else search_roots
    tried: list[Path] = []
    for root in roots:
        for directory in (root, *root.parents):
            candidate = directory / relative
            if candidate.is_file():
                return candidate
        tried.append(root)
    searched = ", ".join(str(root) for root in tried)
    raise DevnetError(
        f"anvil binary not found: no {relative} in {searched} or their parents. "
        f"Run `npm ci` in the repository root, or set ${ANVIL_BINARY_ENV_VAR}."
    )


def _raise_if_exited(process: subprocess.Popen[bytes], stderr: IO[bytes]) -> None:
    exit_code = process.poll()
    if exit_code is None:
        return
    stderr.seek(0)
    message = stderr.read().decode(errors="replace").strip()
    raise DevnetError(f"anvil exited with code {exit_code} before it was ready: {message}")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((ANVIL_HOST, 0))
        port: int = probe.getsockname()[1]
        return port


class Anvil:
    """A local anvil process, owned by this object: started on `start`/`with`, killed on `stop`.

    Ready means it answers `eth_chainId` and has mined one block: before its first block,
    anvil 1.7.1 reports `block.timestamp == 1` to calls and gas estimates.
    """

    def __init__(
        self,
        *,
        extra_args: Sequence[str] = (),
        binary: Path | None = None,
        startup_timeout_seconds: float = 10.0,
        own_session: bool = False,
    ) -> None:
        self._extra_args = tuple(extra_args)
        # In a session of its own, a Ctrl-C in the terminal does not reach anvil: its owner
        # stops it, after whatever still talks to it.
        self._own_session = own_session
        self._binary = binary
        self._startup_timeout_seconds = startup_timeout_seconds
        self._process: subprocess.Popen[bytes] | None = None
        self._stderr: IO[bytes] | None = None
        self._port: int | None = None
        self._last_pid: int | None = None
        self._exit_code: int | None = None

    @property
    def port(self) -> int:
        """The TCP port anvil listens on."""
        if self._port is None:
            raise DevnetError("anvil has not been started")
        return self._port

    @property
    def url(self) -> str:
        """The HTTP JSON-RPC endpoint."""
        return f"http://{ANVIL_HOST}:{self.port}"

    @property
    def pid(self) -> int:
        """The process id of anvil itself."""
        if self._process is None:
            raise DevnetError("anvil has not been started")
        return self._process.pid

    @property
    def started_pid(self) -> int | None:
        """The pid of the process last started, also after it stopped (None: never started)."""
        return self._last_pid

    @property
    def exit_code(self) -> int | None:
        """The exit code of the process last stopped; None while it runs or before."""
        return self._exit_code

    def start(self) -> Self:
        """Spawn anvil and block until it is ready; raise `DevnetError` if it is not in time."""
        if self._process is not None:
            raise DevnetError("anvil is already running")
        binary = self._binary if self._binary is not None else find_anvil_binary()
        self._port = _free_port()
        stderr = tempfile.TemporaryFile()
        command = [str(binary), "--host", ANVIL_HOST, "--port", str(self._port), "--silent"]
        try:
            process = subprocess.Popen(
                [*command, *self._extra_args],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                start_new_session=self._own_session,
            )
        except OSError as error:
            stderr.close()
            raise DevnetError(f"cannot run anvil at {binary}: {error}") from error
        self._process, self._stderr = process, stderr
        self._last_pid, self._exit_code = process.pid, None
        try:
            self._wait_until_ready(process, stderr)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self, *, timeout_seconds: float = 5.0) -> None:
        """Terminate anvil, killing it if it ignores SIGTERM for `timeout_seconds`. Idempotent."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=timeout_seconds)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if process is not None:
            self._exit_code = process.returncode
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def _wait_until_ready(self, process: subprocess.Popen[bytes], stderr: IO[bytes]) -> None:
        deadline = time.monotonic() + self._startup_timeout_seconds
        # A local chain must never be reached through an HTTP(S)_PROXY from the environment.
        with httpx.Client(timeout=_POLL_REQUEST_TIMEOUT_SECONDS, trust_env=False) as client:
            while not self._answers_chain_id(client):
                _raise_if_exited(process, stderr)
                if time.monotonic() > deadline:
                    raise DevnetError(
                        f"anvil did not answer eth_chainId on {self.url} "
                        f"within {self._startup_timeout_seconds} s"
                    )
                time.sleep(_POLL_INTERVAL_SECONDS)
            result_of(client.post(self.url, json=request_body("evm_mine")), "evm_mine")

    def _answers_chain_id(self, client: httpx.Client) -> bool:
        try:
            response = client.post(self.url, json=request_body("eth_chainId"))
        except httpx.TransportError:
            return False
        result_of(response, "eth_chainId")
        return True
