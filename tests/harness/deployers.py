"""Every contract the tests deploy, compiled once per test session.

Importing this module compiles each contract with titanoboa (boa also caches the artefacts in
~/.cache/titanoboa, so later sessions skip the compiler). Deploy with the constructor
arguments and, optionally, the deployer: `FLUX_TOKEN_DEPLOYER.deploy(supply, sender=owner)`.

No import path is configured anywhere, and none is needed from any working directory:
- Vyper adds the *top-level* contract's own directory to the absolute search path, so
  `from interfaces import IOracle` works in contracts/Oracle.vy (and only in files compiled
  from contracts/);
- contracts/testing/ imports `from ..interfaces import IOracle`, a relative import that Vyper
  resolves against the importing file itself;
- snekmate resolves through `sys.path` (site-packages), which boa searches by default.
An interface's structs come with the interface: `IOracle.RequestArgs`.
"""

from pathlib import Path
from typing import Any, Final

import boa

CONTRACTS_DIR: Final = Path(__file__).resolve().parents[2] / "contracts"


def _compile(relative_path: str) -> Any:
    return boa.load_partial(str(CONTRACTS_DIR / relative_path))


FLUX_TOKEN_DEPLOYER: Final = _compile("FluxToken.vy")

# Test doubles from contracts/testing/; never deployed outside tests.
MOCK_ERC20_DEPLOYER: Final = _compile("testing/MockERC20.vy")
NO_RETURN_ERC20_DEPLOYER: Final = _compile("testing/NoReturnERC20.vy")
FALSE_RETURN_ERC20_DEPLOYER: Final = _compile("testing/FalseReturnERC20.vy")
MOCK_REQUESTER_DEPLOYER: Final = _compile("testing/MockRequester.vy")
HOSTILE_REQUESTER_DEPLOYER: Final = _compile("testing/HostileRequester.vy")
PROBE_REQUESTER_DEPLOYER: Final = _compile("testing/ProbeRequester.vy")
REENTRANT_ERC20_DEPLOYER: Final = _compile("testing/ReentrantERC20.vy")
BLACKLIST_ERC20_DEPLOYER: Final = _compile("testing/BlacklistERC20.vy")
ESCALATING_STAKER_DEPLOYER: Final = _compile("testing/EscalatingStaker.vy")
FEE_ON_TRANSFER_ERC20_DEPLOYER: Final = _compile("testing/FeeOnTransferERC20.vy")

# --- Oracle -------------------------------------------------------------------------------

# The protocol itself.
ORACLE_DEPLOYER: Final = _compile("Oracle.vy")
# The requester contract applications deploy.
REQUESTER_DEPLOYER: Final = _compile("Requester.vy")

# --- Faucet -------------------------------------------------------------------------------

FAUCET_DEPLOYER: Final = _compile("Faucet.vy")

# --- Price feeds ----------------------------------------------------------------------------

PRICE_FEED_DEPLOYER: Final = _compile("PriceFeed.vy")
FEED_HUB_DEPLOYER: Final = _compile("FeedHub.vy")
FEED_CONSUMER_DEPLOYER: Final = _compile("testing/FeedConsumer.vy")

# --- FeedAggregator and adapters ----------------------------------------------------------

FEED_AGGREGATOR_DEPLOYER: Final = _compile("FeedAggregator.vy")
PYTH_ADAPTER_DEPLOYER: Final = _compile("adapters/PythAdapter.vy")
TELLOR_ADAPTER_DEPLOYER: Final = _compile("adapters/TellorAdapter.vy")
MOCK_AGGREGATOR_V3_DEPLOYER: Final = _compile("testing/MockAggregatorV3.vy")
MOCK_SHORT_AGGREGATOR_DEPLOYER: Final = _compile("testing/MockShortAggregator.vy")
MOCK_PYTH_DEPLOYER: Final = _compile("testing/MockPyth.vy")
MOCK_TELLOR_DEPLOYER: Final = _compile("testing/MockTellor.vy")

# --- Prediction markets ---------------------------------------------------------------------

PREDICTION_MARKET_DEPLOYER: Final = _compile("markets/PredictionMarket.vy")
CT_RESOLVER_DEPLOYER: Final = _compile("markets/ConditionalTokensResolver.vy")
