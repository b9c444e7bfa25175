"""Finding and spawning the anvil binary, without running a real anvil."""

import stat
import sys
from pathlib import Path

import pytest

from fluxo.devnet.anvil import Anvil, anvil_binary_relative_path, find_anvil_binary
from fluxo.exceptions import DevnetError


def _make_executable(path: Path, script: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(script)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_find__env_override_names_a_file__returns_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    binary = _make_executable(tmp_path / "my-anvil", "#!/bin/sh\n")
    monkeypatch.setenv("FLUXO_ANVIL", str(binary))

    assert find_anvil_binary() == binary


def test_find__env_override_names_nothing__raises_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FLUXO_ANVIL", str(tmp_path / "missing"))

    with pytest.raises(DevnetError, match="missing"):
        find_anvil_binary()


def test_find__node_modules_above_root__returns_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FLUXO_ANVIL", raising=False)
    binary = _make_executable(tmp_path / anvil_binary_relative_path(), "#!/bin/sh\n")

    assert find_anvil_binary([tmp_path / "deep" / "inside"]) == binary


def test_find__no_node_modules__raises_telling_to_npm_ci(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FLUXO_ANVIL", raising=False)

    with pytest.raises(DevnetError, match="npm ci") as raised:
        find_anvil_binary([tmp_path])

    assert str(anvil_binary_relative_path()) in str(raised.value)


def test_url__not_started__raises() -> None:
    with pytest.raises(DevnetError, match="not been started"):
        _ = Anvil().url


def test_start__binary_exits_at_once__raises_with_its_stderr() -> None:
    # The Python interpreter rejects anvil's `--host` flag and exits with code 2.
    anvil = Anvil(binary=Path(sys.executable))

    with pytest.raises(DevnetError, match="exited with code 2"):
        anvil.start()


def test_start__binary_never_answers__raises_after_timeout(tmp_path: Path) -> None:
    silent = _make_executable(tmp_path / "silent-anvil", "#!/bin/sh\nexec sleep 30\n")
    anvil = Anvil(binary=silent, startup_timeout_seconds=0.3)

    with pytest.raises(DevnetError, match="did not answer eth_chainId"):
        anvil.start()


def test_start__binary_not_executable__raises(tmp_path: Path) -> None:
    with pytest.raises(DevnetError, match="cannot run anvil"):
        Anvil(binary=tmp_path / "missing").start()
