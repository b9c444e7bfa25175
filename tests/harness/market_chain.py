"""Markets on anvil: the production PredictionMarket (deployed and whitelisted as `fluxo deploy
--markets` does) over a dev protocol, a mUSD collateral token, and role-named market actors
holding it.

    deployment, collateral = await add_markets(client, deployment, holders=[TRADER.address])
"""

from collections.abc import Sequence
from typing import Final

from fluxo.chain.client import ChainClient
from fluxo.deploy import deploy_prediction_market
from fluxo.deployment import Deployment
from fluxo.devnet.bindings.mock_erc20 import MockERC20
from tests.harness.local_chain import DEPLOYER, TOKEN_WEI, dev_account

TRADER: Final = dev_account(6)
COUNTER_TRADER: Final = dev_account(7)
LIQUIDITY_PROVIDER: Final = dev_account(8)
COLLATERAL_PER_HOLDER_WEI: Final = 1_000 * TOKEN_WEI


async def add_markets(
    client: ChainClient,
    deployment: Deployment,
    *,
    holders: Sequence[str],
) -> tuple[Deployment, MockERC20]:
    """Deploy the PredictionMarket for `deployment` (DEPLOYER owns the Oracle) and a mUSD
    collateral, and mint `COLLATERAL_PER_HOLDER_WEI` of it to each holder."""
    with_markets = await deploy_prediction_market(client, DEPLOYER, deployment)
    collateral = await MockERC20.deploy(client, DEPLOYER, "Market USD", "mUSD", 18)
    for holder in holders:
        await collateral.mint(DEPLOYER, holder, COLLATERAL_PER_HOLDER_WEI)
    return with_markets, collateral
