"""The market singleton on a fresh Oracle, deployed once per test module: boa's test plugin
runs every test (and every function-scoped fixture) in its own snapshot, so each test still
starts from the same freshly deployed state."""

import pytest

from tests.harness.markets import MarketsProtocol


@pytest.fixture(scope="module")
def markets() -> MarketsProtocol:
    return MarketsProtocol()
