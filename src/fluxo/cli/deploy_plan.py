"""What `fluxo deploy` checks and then sends: every value is turned into its on-chain form and
checked (a `ConfigError` naming the flag) before the first transaction; then the protocol, the
optional faucet, Requester and PredictionMarket are deployed and the deployment file is written
(after the protocol, and again after each addition, so a failure later leaves a file that says
what exists). Imported by the command when it runs: it pulls in web3."""

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Final

from eth_account.signers.local import LocalAccount
from eth_typing import ChecksumAddress

from fluxo.chain.bindings.faucet import Faucet
from fluxo.chain.bindings.flux_token import FluxToken
from fluxo.chain.bindings.oracle import Oracle
from fluxo.chain.bindings.requester import Requester
from fluxo.chain.client import ChainClient
from fluxo.cli.config_fields import check_config
from fluxo.cli.session import Token, address_option, contract_token, require_gas_funds
from fluxo.deploy import OracleSettings, deploy_prediction_market, deploy_protocol
from fluxo.deployment import Deployment
from fluxo.domain.address import ZERO_ADDRESS
from fluxo.domain.config import Config
from fluxo.exceptions import ConfigError

NEW_FLX: Final = Token(ZERO_ADDRESS, "FLX", 18)
MAX_REQUESTER_NAME_BYTES: Final = 64
MULTIPLIER_LIMIT_BPS: Final = 2**32


@dataclass(frozen=True, slots=True)
class DeployOptions:
    """`fluxo deploy`'s flags as typed; amounts are token-unit texts."""

    out: Path
    force: bool
    payment_token: str | None
    payment_token_is_flx: bool
    flux_token: str | None
    flx_supply: str
    validity_bond: str
    min_bond: str
    min_challenge_period_s: int
    max_challenge_period_s: int
    arbitration_threshold: str
    final_arbitrator: str | None
    treasury: str | None
    max_open_period_s: int
    arbitration_timeout_s: int
    faucet_drip: str | None
    faucet_payment_drip: str
    faucet_cooldown_s: int
    requester: str | None
    requester_multiplier_bps: int
    requester_creators: tuple[str, ...]
    markets: bool = False
    # The flags given on the command line (not defaulted), to blame the right one of a pair.
    explicit: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class FaucetPlan:
    flx_drip_wei: int
    payment_drip_wei: int
    cooldown_s: int


@dataclass(frozen=True, slots=True)
class RequesterPlan:
    name: str
    multiplier_bps: int
    creators: tuple[ChecksumAddress, ...]


@dataclass(frozen=True, slots=True)
class DeployPlan:
    """Everything checked, in wei and addresses: what will be sent."""

    out: Path
    settings: OracleSettings
    flux_token: ChecksumAddress | None
    payment_token: ChecksumAddress | None  # None: FLX pays the fees
    flx_supply_wei: int
    faucet: FaucetPlan | None
    requester: RequesterPlan | None
    markets: bool
    flx: Token
    payment: Token


def check_offline(options: DeployOptions) -> None:
    """What needs no chain: the output file, flags that go together, the text limits."""
    if options.out.exists() and not options.force:
        raise ConfigError("--out", str(options.out), "exists; pass --force to overwrite it")
    if not options.out.parent.is_dir():
        raise ConfigError("--out", str(options.out), "its directory does not exist")
    if options.payment_token is not None and options.payment_token_is_flx:
        raise ConfigError(
            "--payment-token", options.payment_token, "or --payment-token-is-flx, not both"
        )
    if options.payment_token is None and not options.payment_token_is_flx:
        raise ConfigError(
            "--payment-token",
            None,
            "say what requesters pay fees in: --payment-token ADDRESS or --payment-token-is-flx",
        )
    if options.flux_token is not None and options.flx_supply.strip() not in ("0", ""):
        raise ConfigError(
            "--flx-supply", options.flx_supply, "only for a new FLX, not --flux-token"
        )
    if options.faucet_drip is None and options.faucet_payment_drip.strip() != "0":
        raise ConfigError(
            "--faucet-payment-drip", options.faucet_payment_drip, "needs --faucet-drip"
        )
    if options.faucet_drip is not None and options.faucet_cooldown_s <= 0:
        raise ConfigError("--faucet-cooldown-s", options.faucet_cooldown_s, "must be more than 0")
    if options.requester is None and options.requester_creators:
        raise ConfigError("--requester-creator", options.requester_creators[0], "needs --requester")
    if options.requester is not None:
        if not options.requester or len(options.requester.encode()) > MAX_REQUESTER_NAME_BYTES:
            raise ConfigError("--requester", options.requester, "1 to 64 UTF-8 bytes")
        if not 0 < options.requester_multiplier_bps < MULTIPLIER_LIMIT_BPS:
            raise ConfigError(
                "--requester-multiplier-bps",
                options.requester_multiplier_bps,
                "between 1 and 2**32 - 1 (10000 = bonds at the config's minimum)",
            )


async def plan(client: ChainClient, deployer: LocalAccount, options: DeployOptions) -> DeployPlan:
    """Check every value against the chain (tokens exist, their decimals, the config rule,
    FLX ownership for a faucet) and return what will be sent."""
    check_offline(options)
    flux_token = (
        None if options.flux_token is None else address_option(options.flux_token, "--flux-token")
    )
    payment_token = (
        None
        if options.payment_token is None
        else address_option(options.payment_token, "--payment-token")
    )
    arbitrator = _address_or(options.final_arbitrator, "--final-arbitrator", deployer.address)
    treasury = _address_or(options.treasury, "--treasury", deployer.address)
    creators = tuple(address_option(c, "--requester-creator") for c in options.requester_creators)
    flx = (
        NEW_FLX if flux_token is None else await contract_token(client, flux_token, "--flux-token")
    )
    payment = (
        flx
        if payment_token is None
        else await contract_token(client, payment_token, "--payment-token")
    )
    given: dict[str, object] = {
        "validity_bond": options.validity_bond,
        "min_bond": options.min_bond,
        "arbitration_threshold": options.arbitration_threshold,
    }
    for name in ("min_challenge_period", "max_challenge_period"):
        if f"{name}_s" in options.explicit:
            given[name] = getattr(options, f"{name}_s")
    settings = OracleSettings(
        validity_bond=payment.wei(options.validity_bond, "--validity-bond"),
        min_bond=flx.wei(options.min_bond, "--min-bond"),
        min_challenge_period=options.min_challenge_period_s,
        max_challenge_period=options.max_challenge_period_s,
        arbitration_threshold=flx.wei(options.arbitration_threshold, "--arbitration-threshold"),
        final_arbitrator=arbitrator,
        treasury=treasury,
        max_open_period=options.max_open_period_s,
        arbitration_timeout=options.arbitration_timeout_s,
    )
    # A new FLX has no address yet; any non-zero one stands in for the check.
    stand_in = deployer.address
    check_config(
        _config(settings, flux_token or stand_in, payment_token or flux_token or stand_in), given
    )
    faucet = await _faucet_plan(client, deployer, options, flx, payment, flux_token, payment_token)
    requester = (
        None
        if options.requester is None
        else RequesterPlan(options.requester, options.requester_multiplier_bps, creators)
    )
    await require_gas_funds(client, deployer.address)
    return DeployPlan(
        out=options.out,
        settings=settings,
        flux_token=flux_token,
        payment_token=payment_token,
        flx_supply_wei=flx.wei(options.flx_supply or "0", "--flx-supply"),
        faucet=faucet,
        requester=requester,
        markets=options.markets,
        flx=flx,
        payment=payment,
    )


async def execute(client: ChainClient, deployer: LocalAccount, chosen: DeployPlan) -> Deployment:
    """Send it all and write the deployment file."""
    deployment = await deploy_protocol(
        client,
        deployer,
        chosen.settings,
        payment_token=chosen.payment_token,
        flux_token=chosen.flux_token,
        flx_supply_wei=chosen.flx_supply_wei,
    )
    deployment.save(chosen.out)
    if chosen.faucet is not None:
        faucet = await Faucet.deploy(
            client,
            deployer,
            deployment.flux_token,
            ZERO_ADDRESS if chosen.payment_token is None else deployment.payment_token,
            chosen.faucet.flx_drip_wei,
            chosen.faucet.payment_drip_wei,
            chosen.faucet.cooldown_s,
        )
        await FluxToken(client, deployment.flux_token).set_minter(deployer, faucet.address, True)
        deployment = deployment.model_copy(update={"faucet": faucet.address})
        deployment.save(chosen.out)
    if chosen.requester is not None:
        requester = await Requester.deploy(client, deployer, deployment.oracle)
        await Oracle(client, deployment.oracle).add_requester(
            deployer, requester.address, chosen.requester.name, chosen.requester.multiplier_bps, ""
        )
        for creator in chosen.requester.creators:
            await requester.set_creator(deployer, creator, True)
        deployment = deployment.model_copy(
            update={"requesters": {chosen.requester.name: requester.address}}
        )
        deployment.save(chosen.out)
    if chosen.markets:
        deployment = await deploy_prediction_market(client, deployer, deployment)
        deployment.save(chosen.out)
    return deployment


async def _faucet_plan(
    client: ChainClient,
    deployer: LocalAccount,
    options: DeployOptions,
    flx: Token,
    payment: Token,
    flux_token: ChecksumAddress | None,
    payment_token: ChecksumAddress | None,
) -> FaucetPlan | None:
    if options.faucet_drip is None:
        return None
    flx_drip_wei = flx.wei(options.faucet_drip, "--faucet-drip")
    if flx_drip_wei == 0:
        raise ConfigError("--faucet-drip", options.faucet_drip, "must be more than 0")
    payment_drip_wei = payment.wei(options.faucet_payment_drip, "--faucet-payment-drip")
    if payment_drip_wei and payment_token is None:
        raise ConfigError(
            "--faucet-payment-drip",
            options.faucet_payment_drip,
            "FLX pays the fees here: --faucet-drip covers both",
        )
    if flux_token is not None:
        owner = await FluxToken(client, flux_token).owner()
        if owner != deployer.address:
            raise ConfigError(
                "--faucet-drip",
                options.faucet_drip,
                f"the faucet mints FLX, and only FLX's owner ({owner}) can make it a minter",
            )
    return FaucetPlan(flx_drip_wei, payment_drip_wei, options.faucet_cooldown_s)


def _address_or(text: str | None, flag: str, default: ChecksumAddress) -> ChecksumAddress:
    return default if text is None else address_option(text, flag)


def _config(settings: OracleSettings, stake_token: str, payment_token: str) -> Config:
    """The config `settings` make, unchecked (`check_config` names what is wrong)."""
    values = {field.name: getattr(settings, field.name) for field in fields(OracleSettings)}
    return Config(stake_token=stake_token, payment_token=payment_token, **values)
