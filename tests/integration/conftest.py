"""A fresh anvil per test, started and stopped here (by process id, also on failure), so chain
state never leaks between tests."""

from collections.abc import Iterator

import pytest

from fluxo.devnet.anvil import Anvil
from tests.harness.local_chain import LocalChain


@pytest.fixture
def anvil() -> Iterator[Anvil]:
    with Anvil() as running:
        yield running


@pytest.fixture
def chain(anvil: Anvil) -> LocalChain:
    return LocalChain(anvil)
