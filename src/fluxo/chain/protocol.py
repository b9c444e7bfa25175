"""Deploy a whole Fluxo protocol (tokens + Oracle) and wire requesters and accounts into it.

    protocol = await deploy_protocol(client, deployer, validity_bond_wei=..., ...)
    requester = await add_requester(client, protocol, deployer, name="markets")
    await fund(protocol, deployer, validator.address, stake_wei=10**21)
    await approve_oracle(protocol, validator)

Used by the demo, the gas benchmark and the integration tests; the deployer is the Oracle's
owner and the minter of both tokens.
"""

from dataclasses import astuple, dataclass
from typing import Final

from eth_account.signers.local import LocalAccount

from fluxo.chain.artifacts import FLUX_TOKEN, MOCK_ERC20, MOCK_REQUESTER, ORACLE, load_artifact
from fluxo.chain.client import ChainClient
from fluxo.chain.contracts import MAX_UINT256, OracleContract, RequesterContract, TokenContract
from fluxo.domain.config import Config

PAYMENT_TOKEN_NAME: Final = "Fluxo USD"
PAYMENT_TOKEN_SYMBOL: Final = "fUSD"
PAYMENT_TOKEN_DECIMALS: Final = 18

# 100 % in basis points: a requester whose bonds are exactly the config's minimum.
NEUTRAL_STAKE_MULTIPLIER_BPS: Final = 10_000
# How long round 0 may stay unanswered before its requester may cancel, and how long the final
# arbitrator has to rule before anyone may finalize the request INVALID with every bond
# returned; both in unpaused seconds.
DEFAULT_MAX_OPEN_PERIOD_S: Final = 30 * 24 * 3600
DEFAULT_ARBITRATION_TIMEOUT_S: Final = 30 * 24 * 3600


@dataclass(frozen=True, slots=True)
class Protocol:
    """A deployed Oracle with its config-0 tokens."""

    config: Config
    oracle: OracleContract
    stake_token: TokenContract
    payment_token: TokenContract

    @property
    def shares_one_token(self) -> bool:
        """Whether stakes and fees are paid in the same token."""
        return self.stake_token.address == self.payment_token.address


async def deploy_protocol(
    client: ChainClient,
    deployer: LocalAccount,
    *,
    validity_bond_wei: int,
    min_bond_wei: int,
    min_challenge_period_s: int,
    max_challenge_period_s: int,
    arbitration_threshold_wei: int,
    final_arbitrator: str,
    treasury: str,
    stake_token_supply_wei: int = 0,
    payment_token_is_stake_token: bool = False,
    max_open_period_s: int = DEFAULT_MAX_OPEN_PERIOD_S,
    arbitration_timeout_s: int = DEFAULT_ARBITRATION_TIMEOUT_S,
) -> Protocol:
    """Deploy FluxToken (the stake token), a payment token and the Oracle.

    The payment token is a MockERC20 "Fluxo USD" unless `payment_token_is_stake_token`, in
    which case FLX pays the fees too. `stake_token_supply_wei` FLX is minted to the deployer.
    """
    stake_token_address = await client.deploy(
        load_artifact(FLUX_TOKEN), stake_token_supply_wei, sender=deployer
    )
    payment_token_address = stake_token_address
    if not payment_token_is_stake_token:
        payment_token_address = await client.deploy(
            load_artifact(MOCK_ERC20),
            PAYMENT_TOKEN_NAME,
            PAYMENT_TOKEN_SYMBOL,
            PAYMENT_TOKEN_DECIMALS,
            sender=deployer,
        )
    config = Config(
        stake_token=stake_token_address,
        payment_token=payment_token_address,
        validity_bond=validity_bond_wei,
        min_bond=min_bond_wei,
        min_challenge_period=min_challenge_period_s,
        max_challenge_period=max_challenge_period_s,
        arbitration_threshold=arbitration_threshold_wei,
        final_arbitrator=client.w3.to_checksum_address(final_arbitrator),
        treasury=client.w3.to_checksum_address(treasury),
        max_open_period=max_open_period_s,
        arbitration_timeout=arbitration_timeout_s,
    )
    oracle_address = await client.deploy(load_artifact(ORACLE), astuple(config), sender=deployer)
    return Protocol(
        config=config,
        oracle=OracleContract(client, oracle_address),
        stake_token=TokenContract(client, stake_token_address),
        payment_token=TokenContract(client, payment_token_address),
    )


async def add_requester(
    client: ChainClient,
    protocol: Protocol,
    owner: LocalAccount,
    *,
    name: str,
    stake_multiplier_bps: int = NEUTRAL_STAKE_MULTIPLIER_BPS,
    code_base_url: str = "",
) -> RequesterContract:
    """Deploy a MockRequester for `protocol` and whitelist it (the owner signs both).

    The requester approves the Oracle for the payment token in its constructor; fund it with
    `fund(..., payment_wei=...)` before it creates requests.
    """
    address = await client.deploy(
        load_artifact(MOCK_REQUESTER),
        protocol.oracle.address,
        protocol.payment_token.address,
        sender=owner,
    )
    await protocol.oracle.add_requester(
        owner,
        address,
        name=name,
        stake_multiplier_bps=stake_multiplier_bps,
        code_base_url=code_base_url,
    )
    return RequesterContract(client, address, protocol.oracle)


async def fund(
    protocol: Protocol,
    minter: LocalAccount,
    account: str,
    *,
    stake_wei: int = 0,
    payment_wei: int = 0,
) -> None:
    """Mint stake and payment tokens to `account`; `minter` must be a FluxToken minter."""
    if stake_wei:
        await protocol.stake_token.mint(minter, account, stake_wei)
    if payment_wei:
        await protocol.payment_token.mint(minter, account, payment_wei)


async def approve_oracle(protocol: Protocol, account: LocalAccount) -> None:
    """Let the Oracle pull any amount of both tokens from `account` (one approval each)."""
    await protocol.stake_token.approve(account, protocol.oracle.address, MAX_UINT256)
    if not protocol.shares_one_token:
        await protocol.payment_token.approve(account, protocol.oracle.address, MAX_UINT256)
