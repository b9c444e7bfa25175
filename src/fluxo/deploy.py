"""Deploy the Fluxo protocol on any chain: FLX (unless it exists), the Oracle over FLX and a
payment token that already exists (USDC, say, or FLX itself), and the FeedHub.

    settings = OracleSettings(validity_bond=..., final_arbitrator=..., treasury=..., ...)
    deployment = await deploy_protocol(client, deployer, settings, payment_token="0xA0b8…")

Nothing here mints a payment token: a production Oracle takes real ones. The devnet
(`fluxo.devnet`) brings its own test token and passes its address in like any other.
"""

from dataclasses import dataclass
from typing import Final

from eth_account.signers.local import LocalAccount
from eth_utils.address import to_checksum_address

from fluxo.chain.bindings.feed_hub import FeedHub
from fluxo.chain.bindings.flux_token import FluxToken
from fluxo.chain.bindings.oracle import Oracle
from fluxo.chain.bindings.prediction_market import PredictionMarket
from fluxo.chain.client import ChainClient
from fluxo.deployment import DEPLOYMENT_FORMAT_VERSION, Deployment
from fluxo.domain.config import Config, is_valid_config
from fluxo.exceptions import ConfigError

# How long round 0 may stay unanswered before its requester may cancel, and how long the final
# arbitrator has to rule before anyone may finalize the request INVALID with every bond
# returned; both in unpaused seconds.
DEFAULT_MAX_OPEN_PERIOD_S: Final = 30 * 24 * 3600
DEFAULT_ARBITRATION_TIMEOUT_S: Final = 30 * 24 * 3600
# The name the PredictionMarket is whitelisted under, and its bond multiplier (10 000: the
# config's bonds as they are).
MARKETS_REQUESTER_NAME: Final = "markets"
NEUTRAL_MULTIPLIER_BPS: Final = 10_000


@dataclass(frozen=True, slots=True)
class OracleSettings:
    """The Oracle's config-0 economics (SPEC §7), tokens aside: `Config`'s fields and units
    (wei of the token each amount is paid in, seconds of the game clock)."""

    validity_bond: int
    min_bond: int
    min_challenge_period: int
    max_challenge_period: int
    arbitration_threshold: int
    final_arbitrator: str
    treasury: str
    max_open_period: int = DEFAULT_MAX_OPEN_PERIOD_S
    arbitration_timeout: int = DEFAULT_ARBITRATION_TIMEOUT_S

    def config(self, stake_token: str, payment_token: str) -> Config:
        """The `IOracle.Config` for these tokens; a `ConfigError` if the Oracle would refuse
        it (checked before anything is sent)."""
        config = Config(
            stake_token=to_checksum_address(stake_token),
            payment_token=to_checksum_address(payment_token),
            validity_bond=self.validity_bond,
            min_bond=self.min_bond,
            min_challenge_period=self.min_challenge_period,
            max_challenge_period=self.max_challenge_period,
            arbitration_threshold=self.arbitration_threshold,
            final_arbitrator=to_checksum_address(self.final_arbitrator),
            treasury=to_checksum_address(self.treasury),
            max_open_period=self.max_open_period,
            arbitration_timeout=self.arbitration_timeout,
        )
        if not is_valid_config(config):
            raise ConfigError("oracle settings", self, "the Oracle rejects this config (SPEC §7)")
        return config


async def deploy_protocol(
    client: ChainClient,
    deployer: LocalAccount,
    settings: OracleSettings,
    *,
    payment_token: str | None,
    flux_token: str | None = None,
    flx_supply_wei: int = 0,
) -> Deployment:
    """Deploy FLX (unless `flux_token` names one), the Oracle and the FeedHub; return the
    deployment record. `payment_token` None means FLX pays the fees too. The deployer owns
    the Oracle and FLX (and may mint FLX)."""
    start_block = await client.block_number()
    if flux_token is None:
        flx = await FluxToken.deploy(client, deployer, flx_supply_wei)
        flux_token = flx.address
    payment = flux_token if payment_token is None else payment_token
    for role, address in (("flux_token", flux_token), ("payment_token", payment)):
        if await client.code_size(address) == 0:
            raise ConfigError(role, address, "no contract at this address on this chain")
    oracle = await Oracle.deploy(client, deployer, settings.config(flux_token, payment))
    hub = await FeedHub.deploy(client, deployer)
    return Deployment(
        version=DEPLOYMENT_FORMAT_VERSION,
        chain_id=client.chain_id,
        start_block=start_block,
        flux_token=flux_token,
        payment_token=payment,
        oracle=oracle.address,
        feed_hub=hub.address,
    )


async def deploy_prediction_market(
    client: ChainClient,
    owner: LocalAccount,
    deployment: Deployment,
    *,
    name: str = MARKETS_REQUESTER_NAME,
    stake_multiplier_bps: int = NEUTRAL_MULTIPLIER_BPS,
) -> Deployment:
    """Deploy the PredictionMarket singleton over the deployment's Oracle and whitelist it as a
    requester (`owner` must own the Oracle); return the record with its address."""
    market = await PredictionMarket.deploy(client, owner, deployment.oracle)
    await Oracle(client, deployment.oracle).add_requester(
        owner, market.address, name, stake_multiplier_bps, ""
    )
    return deployment.model_copy(update={"prediction_market": market.address})
