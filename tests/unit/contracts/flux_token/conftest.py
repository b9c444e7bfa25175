"""A freshly deployed FluxToken, owned by `owner`."""

from typing import Any

import pytest

from tests.harness.deployers import FLUX_TOKEN_DEPLOYER


@pytest.fixture
def initial_supply_wei() -> int:
    return 1_000_000 * 10**18


@pytest.fixture
def flux_token(owner: str, initial_supply_wei: int) -> Any:
    return FLUX_TOKEN_DEPLOYER.deploy(initial_supply_wei, sender=owner)
