"""A live dev chain for nodes: anvil mining each transaction at once and a block every second
besides, the protocol with short challenge periods, the production `Requester` whitelisted,
validators funded with FLX, and the deployment file nodes read.

    with live_anvil() as anvil:
        node_chain = deploy_node_chain(LocalChain(anvil), tmp_path)

Shared by the node's integration tests and the node benchmarks.
"""

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Final, TypeVar

from eth_abi import encode
from eth_account.signers.local import LocalAccount

from fluxo.chain.client import ChainClient
from fluxo.deploy import OracleSettings
from fluxo.deployment import Deployment
from fluxo.devnet.anvil import Anvil
from fluxo.devnet.protocol import add_app_requester, fund
from fluxo.domain.outcome import OutcomeKind
from fluxo.domain.request_args import Source
from fluxo.domain.request_builder import build_request
from fluxo.sdk import Fluxo
from tests.harness.local_chain import (
    ARBITRATOR,
    DEPLOYER,
    TOKEN_WEI,
    TREASURY,
    LocalChain,
    dev_account,
)

T = TypeVar("T")
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
BALANCE_OF: Final = bytes.fromhex("70a08231")  # balanceOf(address)


@dataclass(frozen=True)
class NodeChain:
    chain: LocalChain
    deployment: Deployment
    path: Path

    def with_fx(self, body: Callable[[Fluxo], Awaitable[T]]) -> T:
        """Run `body` with an SDK session on this deployment, in a fresh event loop."""

        async def main() -> T:
            async with await Fluxo.connect(self.chain.url, deployment=self.deployment) as fx:
                return await body(fx)

        return asyncio.run(main())

    def balance_wei(self, token: str, account: str, block: int | str = "latest") -> int:
        """`token.balanceOf(account)` at `block` (the bindings' views read only the latest)."""

        async def body(client: ChainClient) -> int:
            data = BALANCE_OF + encode(["address"], [account])
            return int.from_bytes(await client.call(token, data, block=block), "big")

        return self.chain.run(body)

    def create_price_request(
        self, source_url: str, *, challenge_period_s: int, settle_in_s: int = 1, fee_wei: int = 0
    ) -> int:
        """A NUMBER request (2 decimals) reading `price` from `source_url`, created by CREATOR
        to settle `settle_in_s` from now; its id."""

        async def body(fx: Fluxo) -> int:
            now_s = max(await fx.client.block_timestamp(), int(time.time()))
            args = build_request(
                OutcomeKind.NUMBER,
                challenge_period=challenge_period_s,
                description="ETH/USD at settlement",
                sources=[Source(source_url, "price")],
                decimals=2,
                settlement_time=now_s + settle_in_s,
                fee=fee_wei,
            )
            return (await fx.requests.create(CREATOR, args)).request_id

        return self.with_fx(body)


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
