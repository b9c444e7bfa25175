"""Every scenario here runs twice: on the deployed contract and on the model of the game.

The default deployment is made once per module; titanoboa rolls every test back to it. A
scenario that needs another deploy-time config asks `make_driver(**overrides)` for one.
"""

from typing import Any

import pytest

from tests.harness.contract_driver import ContractDriver
from tests.harness.model_driver import ModelDriver
from tests.harness.oracle_driver import MakeDriver, OracleDriver
from tests.harness.protocol import OracleProtocol


@pytest.fixture(scope="module")
def deployment() -> OracleProtocol:
    return OracleProtocol()


# `deployment` is a direct dependency even of the model's runs: titanoboa snapshots the chain
# around every fixture, and a module-scoped deployment first set up from inside a test's own
# fixture would keep that test's snapshot open under every later test of the module.
@pytest.fixture(params=["contract", "model"])
def make_driver(request: pytest.FixtureRequest, deployment: OracleProtocol) -> MakeDriver:
    """A driver of the kind under test; config overrides deploy (or build) a fresh game."""

    def make(**config_overrides: Any) -> OracleDriver:
        if request.param == "model":
            return ModelDriver(**config_overrides)
        if config_overrides:
            return ContractDriver(OracleProtocol(config_overrides=config_overrides))
        return ContractDriver(deployment)

    return make


@pytest.fixture
def driver(make_driver: MakeDriver) -> OracleDriver:
    return make_driver()
