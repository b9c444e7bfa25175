"""The `fluxo` command line's entry point."""

from typer.testing import CliRunner

from fluxo import __version__
from fluxo.cli.main import app


def test_help__no_command__lists_commands() -> None:
    result = CliRunner().invoke(app, ["--help"])

    assert result.exit_code == 0
    assert "version" in result.output


def test_version__invoked__prints_installed_version() -> None:
    result = CliRunner().invoke(app, ["version"])

    assert result.exit_code == 0
    assert result.output == f"fluxo {__version__}\n"
