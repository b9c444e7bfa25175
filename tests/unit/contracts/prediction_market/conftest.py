"""The market singleton on a fresh Oracle for every test (boa rolls state back between tests)."""

import pytest

from tests.harness.markets import MarketsProtocol


@pytest.fixture
def markets() -> MarketsProtocol:
    return MarketsProtocol()
