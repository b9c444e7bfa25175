"""The top-level package exports exactly its declared public surface."""

import tomllib
from pathlib import Path

import fluxo

PYPROJECT = Path(__file__).resolve().parents[3] / "pyproject.toml"


def test_all__top_level__is_the_public_surface() -> None:
    assert fluxo.__all__ == ["__version__"]
    assert all(hasattr(fluxo, name) for name in fluxo.__all__)


def test_version__installed__matches_pyproject() -> None:
    project = tomllib.loads(PYPROJECT.read_text())["project"]

    assert fluxo.__version__ == project["version"]
