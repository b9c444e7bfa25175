"""The adapters' peers (mock Pyth and Tellor) and their ids."""

from typing import Any

import boa
import pytest
from eth_utils import keccak

from tests.harness import deployers

ETH_USD_PRICE_ID = keccak(text="Crypto.ETH/USD")
ETH_USD_QUERY_ID = keccak(text="SpotPrice(eth,usd)")


@pytest.fixture
def pyth() -> Any:
    return deployers.MOCK_PYTH_DEPLOYER.deploy()


@pytest.fixture
def tellor() -> Any:
    return deployers.MOCK_TELLOR_DEPLOYER.deploy()


@pytest.fixture
def reporter() -> str:
    """Reports values to the mock peers."""
    return str(boa.env.generate_address("reporter"))
