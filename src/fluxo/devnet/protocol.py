"""A whole protocol on a dev chain: the production deploy over a mint-by-anyone test payment
token (fUSD), plus a forwarding requester contract and helpers that fund and approve actors.

    protocol = await deploy_dev_protocol(client, deployer, settings)
    requester = await add_requester(client, protocol, deployer, name="markets")
    await fund(protocol, deployer, validator.address, stake_wei=10**21)
    await approve_oracle(protocol, validator)

Used by the demo, the benchmarks and the integration tests; the deployer owns the Oracle and
mints FLX.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from eth_account.signers.local import LocalAccount

from fluxo.chain.bindings.erc20 import ERC20
from fluxo.chain.bindings.flux_token import FluxToken
from fluxo.chain.bindings.oracle import Oracle
from fluxo.chain.bindings.requester import Requester
from fluxo.chain.client import ChainClient
from fluxo.deploy import OracleSettings, deploy_protocol
from fluxo.deployment import Deployment
from fluxo.devnet.bindings.mock_erc20 import MockERC20
from fluxo.devnet.bindings.mock_requester import MockRequester

PAYMENT_TOKEN_NAME: Final = "Fluxo USD"
PAYMENT_TOKEN_SYMBOL: Final = "fUSD"
PAYMENT_TOKEN_DECIMALS: Final = 18
# 100 % in basis points: a requester whose bonds are exactly the config's minimum.
NEUTRAL_STAKE_MULTIPLIER_BPS: Final = 10_000
MAX_UINT256: Final = 2**256 - 1


@dataclass(frozen=True, slots=True)
class DevProtocol:
    """A deployed protocol and bindings of its contracts."""

    deployment: Deployment
    oracle: Oracle
    stake_token: FluxToken
    payment_token: ERC20
    # The test token the payment token is, when it is not FLX (it mints for anyone).
    test_payment_token: MockERC20 | None

    @property
    def shares_one_token(self) -> bool:
        """Whether stakes and fees are paid in the same token."""
        return self.stake_token.address == self.payment_token.address


async def deploy_dev_protocol(
    client: ChainClient,
    deployer: LocalAccount,
    settings: OracleSettings,
    *,
    payment_token_is_stake_token: bool = False,
    flx_supply_wei: int = 0,
) -> DevProtocol:
    """Deploy a test payment token (unless FLX pays the fees) and the production protocol."""
    test_token: MockERC20 | None = None
    if not payment_token_is_stake_token:
        test_token = await MockERC20.deploy(
            client, deployer, PAYMENT_TOKEN_NAME, PAYMENT_TOKEN_SYMBOL, PAYMENT_TOKEN_DECIMALS
        )
    deployment = await deploy_protocol(
        client,
        deployer,
        settings,
        payment_token=None if test_token is None else test_token.address,
        flx_supply_wei=flx_supply_wei,
    )
    return DevProtocol(
        deployment=deployment,
        oracle=Oracle(client, deployment.oracle),
        stake_token=FluxToken(client, deployment.flux_token),
        payment_token=ERC20(client, deployment.payment_token),
        test_payment_token=test_token,
    )


async def add_requester(
    client: ChainClient,
    protocol: DevProtocol,
    owner: LocalAccount,
    *,
    name: str,
    stake_multiplier_bps: int = NEUTRAL_STAKE_MULTIPLIER_BPS,
    code_base_url: str = "",
) -> MockRequester:
    """Deploy a MockRequester for `protocol` and whitelist it (the owner signs both).

    The requester approves the Oracle for the payment token in its constructor; fund it with
    `fund(..., payment_wei=...)` before it creates requests."""
    requester = await MockRequester.deploy(
        client, owner, protocol.oracle.address, protocol.payment_token.address
    )
    await protocol.oracle.add_requester(
        owner, requester.address, name, stake_multiplier_bps, code_base_url
    )
    return requester


async def add_app_requester(
    client: ChainClient,
    protocol: DevProtocol,
    owner: LocalAccount,
    *,
    name: str,
    creators: Sequence[str] = (),
    stake_multiplier_bps: int = NEUTRAL_STAKE_MULTIPLIER_BPS,
) -> Requester:
    """Deploy the production `Requester` (owned by `owner`), whitelist it and authorize
    `creators`: the way an application asks the Oracle, and what the SDK creates through."""
    requester = await Requester.deploy(client, owner, protocol.oracle.address)
    await protocol.oracle.add_requester(owner, requester.address, name, stake_multiplier_bps, "")
    for creator in creators:
        await requester.set_creator(owner, creator, True)
    return requester


async def fund(
    protocol: DevProtocol,
    minter: LocalAccount,
    account: str,
    *,
    stake_wei: int = 0,
    payment_wei: int = 0,
) -> None:
    """Mint FLX (`minter` must be a FluxToken minter) and test payment tokens to `account`."""
    if stake_wei:
        await protocol.stake_token.mint(minter, account, stake_wei)
    if payment_wei:
        if protocol.test_payment_token is not None:
            await protocol.test_payment_token.mint(minter, account, payment_wei)
        else:
            await protocol.stake_token.mint(minter, account, payment_wei)


async def approve_oracle(protocol: DevProtocol, account: LocalAccount) -> None:
    """Let the Oracle pull any amount of both tokens from `account` (one approval each)."""
    await protocol.stake_token.approve(account, protocol.oracle.address, MAX_UINT256)
    if not protocol.shares_one_token:
        await protocol.payment_token.approve(account, protocol.oracle.address, MAX_UINT256)
