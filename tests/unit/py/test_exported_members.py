"""The top-level package exports exactly its declared public surface."""

import tomllib
from pathlib import Path

import fluxo
import fluxo.domain

PYPROJECT = Path(__file__).resolve().parents[3] / "pyproject.toml"


def test_all__top_level__is_the_public_surface() -> None:
    assert fluxo.__all__ == ["__version__"]
    assert all(hasattr(fluxo, name) for name in fluxo.__all__)


def test_all__domain__is_what_the_node_sdk_and_cli_use() -> None:
    """The model of the game is test-only and lives in `tests/model/`, not here."""
    assert fluxo.domain.__all__ == [
        "INVALID_OUTCOME",
        "NO_OUTCOME",
        "Config",
        "OutcomeKind",
        "Payout",
        "RequestArgs",
        "Source",
        "build_request",
        "check_request",
    ]
    assert all(hasattr(fluxo.domain, name) for name in fluxo.domain.__all__)


def test_version__installed__matches_pyproject() -> None:
    project = tomllib.loads(PYPROJECT.read_text())["project"]

    assert fluxo.__version__ == project["version"]
