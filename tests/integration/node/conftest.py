"""Fixtures for node tests: a live anvil, the node chain deployed on it (tests/harness/
node_chain.py), and a loopback data server."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.harness.local_chain import LocalChain
from tests.harness.node_chain import (
    CREATOR,
    MIN_BOND_WEI,
    SETTINGS,
    VALIDATOR_FLX_WEI,
    VALIDATORS,
    NodeChain,
    deploy_node_chain,
    live_anvil,
)
from tests.harness.node_process import DataServer

__all__ = ["CREATOR", "MIN_BOND_WEI", "SETTINGS", "VALIDATORS", "VALIDATOR_FLX_WEI", "NodeChain"]


@pytest.fixture
def live_chain() -> Iterator[LocalChain]:
    with live_anvil() as running:
        yield LocalChain(running)


@pytest.fixture
def node_chain(live_chain: LocalChain, tmp_path: Path) -> NodeChain:
    return deploy_node_chain(live_chain, tmp_path)


@pytest.fixture
def data() -> Iterator[DataServer]:
    with DataServer() as server:
        yield server
