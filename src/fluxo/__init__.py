"""Fluxo: a decentralized oracle (staked request resolution, signed feeds, aggregation)."""

from fluxo._version import __version__

__all__ = ["__version__"]
