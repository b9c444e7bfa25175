"""A fresh anvil per test: the chain state never leaks between tests."""

from collections.abc import Iterator

import pytest

from fluxo.chain.anvil import Anvil


@pytest.fixture
def anvil() -> Iterator[Anvil]:
    with Anvil() as running:
        yield running
