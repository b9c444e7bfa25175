"""The `fluxo` command line's entry point: the tour, every command's example, a fast start."""

import subprocess
import sys
from typing import Any

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from fluxo import __version__
from fluxo.cli.main import TOUR_ORDER, app
from fluxo.cli.request import STATUSES

ENV = {"COLUMNS": "200"}


def _commands(group: Any, prefix: str = "") -> list[tuple[str, Any]]:
    """Every leaf command under `group` (typer's click objects), by its path."""
    found: list[tuple[str, Any]] = []
    for name, command in group.commands.items():
        path = f"{prefix} {name}".strip()
        if hasattr(command, "commands"):
            found += _commands(command, path)
        else:
            found.append((path, command))
    return found


ROOT = get_command(app)
COMMANDS = _commands(ROOT)


def test_help__no_command__lists_commands() -> None:
    result = CliRunner().invoke(app, ["--help"])

    assert result.exit_code == 0
    assert "version" in result.output


def test_help__top_level__tours_the_groups_in_order() -> None:
    result = CliRunner().invoke(app, ["--help"], env=ENV)

    tour = ["fluxo deploy", "fluxo devnet", "fluxo faucet", "fluxo request", "fluxo feed"]
    tour += ["fluxo aggregator", "fluxo whitelist", "fluxo config", "fluxo node"]
    positions = [result.output.index(name) for name in tour]
    assert positions == sorted(positions)


def test_help__commands__listed_in_the_tours_order() -> None:
    listed = ROOT.list_commands(ROOT.context_class(ROOT))

    ranked = [name for name in TOUR_ORDER if name in listed]
    assert listed[: len(ranked)] == ranked


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[path for path, _ in COMMANDS])
def test_help__every_command__ends_with_an_example(path: str, command: Any) -> None:
    if path == "demo":
        pytest.skip("demo takes no input: its name is the example")
    paragraphs = (command.help or "").strip().split("\n\n")

    assert paragraphs[-1].startswith("Example: fluxo "), path


def test_help__every_command__summary_fits_one_line() -> None:
    for path, command in COMMANDS:
        summary = (command.help or "").strip().split("\n\n")[0]
        assert "\n" not in summary, path


def test_help__signing_commands__offer_key_env_and_keystore_never_a_key_flag() -> None:
    for path, command in COMMANDS:
        names = {option for param in command.params for option in param.opts}
        assert "--private-key" not in names, path
        if "--private-key-env" in names:
            assert "--keystore" in names, path


def test_start_up__importing_the_cli__leaves_web3_unloaded() -> None:
    """Start-up stays fast: web3 and eth-account load only inside a command that needs them."""
    probe = "import sys, fluxo.cli.main; print(sorted(m for m in sys.modules if m in %r))"
    heavy = ("web3", "eth_account", "eth_utils", "fluxo.sdk", "fluxo.domain")

    loaded = subprocess.run(
        [sys.executable, "-c", probe % (heavy,)], capture_output=True, text=True, check=True
    ).stdout

    assert loaded.strip() == "[]"


def test_statuses__listed_for_help__are_the_sdks() -> None:
    from fluxo.sdk import RequestStatus

    assert STATUSES == tuple(status.value for status in RequestStatus)


def test_version__invoked__prints_installed_version() -> None:
    result = CliRunner().invoke(app, ["version"])

    assert result.exit_code == 0
    assert result.output == f"fluxo {__version__}\n"
