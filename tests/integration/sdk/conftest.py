"""A dev protocol with the production `Requester` whitelisted, its creator funded, and the
deployment file the SDK connects with."""

from dataclasses import dataclass
from pathlib import Path

import pytest

from fluxo.chain.client import ChainClient
from fluxo.deploy import OracleSettings
from fluxo.deployment import Deployment
from fluxo.devnet.protocol import add_app_requester, approve_oracle, fund
from tests.harness.local_chain import (
    ARBITRATOR,
    DEPLOYER,
    DISPUTER,
    TOKEN_WEI,
    TREASURY,
    VALIDATOR,
    LocalChain,
)

CREATOR = DEPLOYER
SETTINGS = OracleSettings(
    validity_bond=2 * TOKEN_WEI,
    min_bond=10 * TOKEN_WEI,
    min_challenge_period=60,
    max_challenge_period=86_400,
    arbitration_threshold=10**24,
    final_arbitrator=ARBITRATOR.address,
    treasury=TREASURY.address,
)


@dataclass(frozen=True)
class SdkChain:
    chain: LocalChain
    deployment: Deployment
    path: Path


@pytest.fixture
def sdk_chain(chain: LocalChain, tmp_path: Path) -> SdkChain:
    async def body(client: ChainClient) -> Deployment:
        protocol = await chain.protocol(client, SETTINGS)
        requester = await add_app_requester(
            client, protocol, DEPLOYER, name="app", creators=[CREATOR.address]
        )
        await fund(protocol, DEPLOYER, CREATOR.address, payment_wei=1_000 * TOKEN_WEI)
        for staker in (VALIDATOR, DISPUTER):
            await fund(protocol, DEPLOYER, staker.address, stake_wei=10_000 * TOKEN_WEI)
            await approve_oracle(protocol, staker)
        return protocol.deployment.model_copy(update={"requesters": {"app": requester.address}})

    deployment = chain.run(body)
    path = tmp_path / "deployment.json"
    deployment.save(path)
    return SdkChain(chain, deployment, path)
