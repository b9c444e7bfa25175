"""The Oracle deployed fresh for every test (boa rolls state back between tests)."""

import pytest

from tests.harness.protocol import OracleProtocol


@pytest.fixture
def protocol() -> OracleProtocol:
    return OracleProtocol()
