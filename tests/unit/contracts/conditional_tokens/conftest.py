"""Gnosis's ConditionalTokens (as shipped by npm) and the Fluxo resolver, deployed once per
module; boa runs every test in its own snapshot of that state."""

import pytest

from tests.harness.markets import ConditionalTokensProtocol


@pytest.fixture(scope="module")
def ct() -> ConditionalTokensProtocol:
    return ConditionalTokensProtocol()
