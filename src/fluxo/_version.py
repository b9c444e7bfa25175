"""The installed distribution's version: pyproject.toml is the single source."""

from importlib.metadata import version
from typing import Final

__version__: Final[str] = version("fluxo")
