"""A live dev chain for nodes: anvil mining each transaction at once and a block every second
besides, the protocol with short challenge periods, the production `Requester` whitelisted,
validators funded with FLX, and the deployment file nodes read.

    with live_anvil() as anvil:
        node_chain = deploy_node_chain(LocalChain(anvil), tmp_path)

Shared by the node's integration tests and the node benchmarks.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from eth_account.signers.local import LocalAccount

from fluxo.chain.client import ChainClient
from fluxo.deploy import OracleSettings
from fluxo.deployment import Deployment
from fluxo.devnet.anvil import Anvil
from fluxo.devnet.protocol import add_app_requester, fund
from tests.harness.local_chain import (
    ARBITRATOR,
    DEPLOYER,
    TOKEN_WEI,
    TREASURY,
    LocalChain,
    dev_account,
)

CREATOR: Final = DEPLOYER
# Three validator keys; anvil funds every dev account with ETH for gas.
VALIDATORS: Final = (dev_account(6), dev_account(7), dev_account(8))
VALIDATOR_FLX_WEI: Final = 10_000 * TOKEN_WEI
CREATOR_PAYMENT_WEI: Final = 1_000 * TOKEN_WEI
MIN_BOND_WEI: Final = 50 * TOKEN_WEI
SETTINGS: Final = OracleSettings(
    validity_bond=2 * TOKEN_WEI,
    min_bond=MIN_BOND_WEI,
    min_challenge_period=1,
    max_challenge_period=86_400,
    arbitration_threshold=10**24,
    final_arbitrator=ARBITRATOR.address,
    treasury=TREASURY.address,
)
# The chain's clock follows the wall clock as a live chain's does (windows close, settlement
# times arrive) while nobody sends anything.
LIVE_ANVIL_ARGS: Final = ("--block-time", "1", "--mixed-mining")


@dataclass(frozen=True)
class NodeChain:
    chain: LocalChain
    deployment: Deployment
    path: Path


@contextmanager
def live_anvil() -> Iterator[Anvil]:
    """An anvil that mines each transaction at once and a block every second besides."""
    with Anvil(extra_args=list(LIVE_ANVIL_ARGS)) as running:
        yield running


def deploy_node_chain(
    chain: LocalChain,
    directory: Path,
    *,
    validators: Sequence[LocalAccount] = VALIDATORS,
    validator_flx_wei: int = VALIDATOR_FLX_WEI,
    creator_payment_wei: int = CREATOR_PAYMENT_WEI,
    settings: OracleSettings = SETTINGS,
) -> NodeChain:
    """Deploy the protocol and the `app` requester (CREATOR may ask), fund the creator and the
    validators, and write `directory/deployment.json`."""

    async def body(client: ChainClient) -> Deployment:
        protocol = await chain.protocol(client, settings)
        requester = await add_app_requester(
            client, protocol, DEPLOYER, name="app", creators=[CREATOR.address]
        )
        await fund(protocol, DEPLOYER, CREATOR.address, payment_wei=creator_payment_wei)
        for validator in validators:
            await fund(protocol, DEPLOYER, validator.address, stake_wei=validator_flx_wei)
        return protocol.deployment.model_copy(update={"requesters": {"app": requester.address}})

    deployment = chain.run(body)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "deployment.json"
    deployment.save(path)
    return NodeChain(chain, deployment, path)
