"""`LocalChain`: a throwaway anvil and everything integration tests do on it, in one place.

    def test_something(chain: LocalChain) -> None:          # fixture in tests/integration
        async def body(client: ChainClient) -> int:
            protocol = await chain.protocol(client)
            mock = await chain.deploy_source(client, "testing/MockAggregatorV3.vy", 8, 1, 0)
            return await mock.view("decimals")

        assert chain.run(body) == 8

Role-named dev accounts come from anvil's well-known keys; the default protocol settings are
small and round so money-flow assertions read as numbers.
"""

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Final, TypeVar

from eth_account import Account
from eth_account.signers.local import LocalAccount
from scripts.compiling import compile_source

from fluxo.chain.artifacts import Artifact
from fluxo.chain.binding import AbiContract
from fluxo.chain.client import ChainClient
from fluxo.deploy import OracleSettings
from fluxo.devnet.anvil import Anvil
from fluxo.devnet.dev_accounts import ANVIL_DEV_PRIVATE_KEYS
from fluxo.devnet.devchain import DevChain
from fluxo.devnet.protocol import DevProtocol, deploy_dev_protocol

T = TypeVar("T")

TOKEN_WEI: Final = 10**18


def dev_account(index: int) -> LocalAccount:
    account: LocalAccount = Account.from_key(ANVIL_DEV_PRIVATE_KEYS[index])
    return account


DEPLOYER: Final = dev_account(0)
VALIDATOR: Final = dev_account(1)
ARBITRATOR: Final = dev_account(2)
TREASURY: Final = dev_account(3)
DISPUTER: Final = dev_account(4)
ANYONE: Final = dev_account(5)

DEFAULT_SETTINGS: Final = OracleSettings(
    validity_bond=7 * TOKEN_WEI,
    min_bond=50 * TOKEN_WEI,
    min_challenge_period=60,
    max_challenge_period=86_400,
    arbitration_threshold=10**24,
    final_arbitrator=ARBITRATOR.address,
    treasury=TREASURY.address,
)


@dataclass
class LocalChain:
    """A running anvil, owned by the fixture that started it."""

    anvil: Anvil

    @property
    def url(self) -> str:
        return self.anvil.url

    def run(self, body: Callable[[ChainClient], Awaitable[T]]) -> T:
        """Run `body` with a client connected to this chain, in a fresh event loop."""

        async def main() -> T:
            async with await ChainClient.connect(self.url) as client:
                return await body(client)

        return asyncio.run(main())

    def run_dev(self, body: Callable[[ChainClient, DevChain], Awaitable[T]]) -> T:
        """Like `run`, with the dev chain's time control too."""

        async def main() -> T:
            async with await ChainClient.connect(self.url) as client, DevChain(self.url) as dev:
                return await body(client, dev)

        return asyncio.run(main())

    async def protocol(
        self,
        client: ChainClient,
        settings: OracleSettings = DEFAULT_SETTINGS,
        *,
        shared_token: bool = False,
    ) -> DevProtocol:
        """The dev protocol (test payment token unless `shared_token`), deployed by DEPLOYER."""
        return await deploy_dev_protocol(
            client, DEPLOYER, settings, payment_token_is_stake_token=shared_token
        )

    async def deploy_source(
        self, client: ChainClient, relative_path: str, *args: Any, sender: LocalAccount = DEPLOYER
    ) -> AbiContract:
        """Compile `contracts/<relative_path>` (a test double, say) and deploy it."""
        compiled = compile_source(relative_path)
        artifact = Artifact(relative_path, tuple(compiled.abi), compiled.bytecode, "")
        address = await client.deploy(artifact, *args, sender=sender)
        return AbiContract(client, address, compiled.abi)
