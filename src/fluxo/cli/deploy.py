"""`fluxo deploy`: put the protocol on a chain and write the deployment file."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Final

import typer

from fluxo.cli.errors import reporting
from fluxo.cli.options import (
    DEFAULT_DEPLOYMENT_PATH,
    DEFAULT_KEYSTORE_PASSWORD_ENV_VAR,
    DEFAULT_PRIVATE_KEY_ENV_VAR,
    DEFAULT_RPC_URL,
    JsonOption,
    KeystoreOption,
    KeystorePasswordEnvOption,
    PrivateKeyEnvOption,
    RpcUrlOption,
)
from fluxo.cli.output import duration, emit_json, stderr_console, stdout_console

if TYPE_CHECKING:
    from fluxo.cli.deploy_plan import DeployOptions, DeployPlan
    from fluxo.deployment import Deployment

# Defaults in the spirit of Flux's mainnet config (SPEC §7, README): a start, not a policy.
DEFAULT_VALIDITY_BOND: Final = "1"
DEFAULT_MIN_BOND_FLX: Final = "100"
DEFAULT_MIN_CHALLENGE_PERIOD_S: Final = 3 * 60
DEFAULT_MAX_CHALLENGE_PERIOD_S: Final = 36 * 3600
DEFAULT_ARBITRATION_THRESHOLD_FLX: Final = "100000"
DEFAULT_PERIOD_30_DAYS_S: Final = 30 * 24 * 3600
DEFAULT_FAUCET_COOLDOWN_S: Final = 24 * 3600
NEUTRAL_MULTIPLIER_BPS: Final = 10_000


def deploy(
    ctx: typer.Context,
    out: Annotated[
        Path, typer.Option(help="Where to write the deployment file.")
    ] = DEFAULT_DEPLOYMENT_PATH,
    force: Annotated[bool, typer.Option(help="Overwrite --out if it exists.")] = False,
    payment_token: Annotated[
        str | None, typer.Option(help="The ERC-20 requesters pay fees and bonds in (USDC, say).")
    ] = None,
    payment_token_is_flx: Annotated[
        bool, typer.Option(help="FLX pays the fees too (instead of --payment-token).")
    ] = False,
    flux_token: Annotated[
        str | None, typer.Option(help="Reuse this FLX instead of deploying one.")
    ] = None,
    flx_supply: Annotated[str, typer.Option(help="FLX minted to the deployer by a new FLX.")] = "0",
    validity_bond: Annotated[
        str, typer.Option(help="Payment-token units taken per request, refunded unless INVALID.")
    ] = DEFAULT_VALIDITY_BOND,
    min_bond: Annotated[str, typer.Option(help="FLX: floor of every round-0 bond.")] = (
        DEFAULT_MIN_BOND_FLX
    ),
    min_challenge_period_s: Annotated[
        int, typer.Option(help="Shortest dispute window a request may ask for.")
    ] = DEFAULT_MIN_CHALLENGE_PERIOD_S,
    max_challenge_period_s: Annotated[
        int, typer.Option(help="Longest dispute window a request may ask for.")
    ] = DEFAULT_MAX_CHALLENGE_PERIOD_S,
    arbitration_threshold: Annotated[
        str, typer.Option(help="FLX: a filled bond this large escalates to the arbitrator.")
    ] = DEFAULT_ARBITRATION_THRESHOLD_FLX,
    final_arbitrator: Annotated[
        str | None, typer.Option(help="Decides escalated requests (default: the deployer).")
    ] = None,
    treasury: Annotated[
        str | None, typer.Option(help="Is credited what nobody can claim (default: the deployer).")
    ] = None,
    max_open_period_s: Annotated[
        int, typer.Option(help="After this, a requester may cancel an unanswered request.")
    ] = DEFAULT_PERIOD_30_DAYS_S,
    arbitration_timeout_s: Annotated[
        int, typer.Option(help="After this, an undecided escalation finalizes INVALID.")
    ] = DEFAULT_PERIOD_30_DAYS_S,
    faucet_drip: Annotated[
        str | None, typer.Option(help="Also deploy a faucet minting this much FLX per drip.")
    ] = None,
    faucet_payment_drip: Annotated[
        str, typer.Option(help="Payment-token units per drip, from the faucet's own balance.")
    ] = "0",
    faucet_cooldown_s: Annotated[
        int, typer.Option(help="Seconds between two drips to one account.")
    ] = DEFAULT_FAUCET_COOLDOWN_S,
    requester: Annotated[
        str | None,
        typer.Option(help="Also deploy a Requester, whitelisted under this name."),
    ] = None,
    requester_multiplier_bps: Annotated[
        int, typer.Option(help="The Requester's bond multiplier (10000 = the config's bonds).")
    ] = NEUTRAL_MULTIPLIER_BPS,
    requester_creator: Annotated[
        list[str] | None,
        typer.Option(help="Another account that may create requests through it; repeatable."),
    ] = None,
    markets: Annotated[
        bool,
        typer.Option(help="Also deploy the PredictionMarket, whitelisted as 'markets'."),
    ] = False,
    rpc_url: RpcUrlOption = DEFAULT_RPC_URL,
    private_key_env: PrivateKeyEnvOption = DEFAULT_PRIVATE_KEY_ENV_VAR,
    keystore: KeystoreOption = None,
    keystore_password_env: KeystorePasswordEnvOption = DEFAULT_KEYSTORE_PASSWORD_ENV_VAR,
    as_json: JsonOption = False,
) -> None:
    """Deploy the protocol (and optionally a faucet, a Requester, markets); write the file.

    Deploys FLX (unless --flux-token), the Oracle and the FeedHub; with --faucet-drip a Faucet
    that mints FLX; with --requester a Requester whitelisted under that name; with --markets the
    PredictionMarket (`fluxo market`), whitelisted as "markets". Every value is
    checked before the first transaction; amounts are token units ("100"), periods seconds.
    The deployer owns everything it deploys.

    Example: fluxo deploy --rpc-url http://127.0.0.1:8545 --payment-token-is-flx
    --faucet-drip 1000 --requester app --markets --out deployment.json
    """
    from fluxo.cli.deploy_plan import DeployOptions

    options = DeployOptions(
        out=out,
        force=force,
        payment_token=payment_token,
        payment_token_is_flx=payment_token_is_flx,
        flux_token=flux_token,
        flx_supply=flx_supply,
        validity_bond=validity_bond,
        min_bond=min_bond,
        min_challenge_period_s=min_challenge_period_s,
        max_challenge_period_s=max_challenge_period_s,
        arbitration_threshold=arbitration_threshold,
        final_arbitrator=final_arbitrator,
        treasury=treasury,
        max_open_period_s=max_open_period_s,
        arbitration_timeout_s=arbitration_timeout_s,
        faucet_drip=faucet_drip,
        faucet_payment_drip=faucet_payment_drip,
        faucet_cooldown_s=faucet_cooldown_s,
        requester=requester,
        requester_multiplier_bps=requester_multiplier_bps,
        requester_creators=tuple(requester_creator or ()),
        markets=markets,
        explicit=frozenset(
            name
            for name in ctx.params
            if (source := ctx.get_parameter_source(name)) is not None and source.name != "DEFAULT"
        ),
    )
    with reporting(stderr_console(), "deploy"):
        deployment, chosen = _deploy(
            options, rpc_url, private_key_env, keystore, keystore_password_env
        )
        if as_json:
            emit_json({**deployment.model_dump(mode="json"), "out": str(out)})
            return
        _print(deployment, chosen)


def _deploy(
    options: "DeployOptions",
    rpc_url: str,
    private_key_env: str,
    keystore: Path | None,
    keystore_password_env: str,
) -> "tuple[Deployment, DeployPlan]":
    from fluxo.chain.client import ChainClient
    from fluxo.cli.deploy_plan import check_offline, execute, plan
    from fluxo.cli.session import run
    from fluxo.keys import load_signer

    check_offline(options)  # a typo costs no connection
    deployer = load_signer(private_key_env, keystore, keystore_password_env)

    async def body() -> "tuple[Deployment, DeployPlan]":
        async with await ChainClient.connect(rpc_url) as client:
            chosen = await plan(client, deployer, options)
            return await execute(client, deployer, chosen), chosen

    return run(body())


def _print(deployment: "Deployment", chosen: "DeployPlan") -> None:
    from rich.table import Table

    settings, flx, payment = chosen.settings, chosen.flx, chosen.payment
    payment_symbol = flx.symbol if chosen.payment_token is None else payment.symbol
    table = Table(title=f"Deployed on chain {deployment.chain_id}", show_header=False)
    table.add_column(style="bold")
    table.add_column(overflow="fold")
    table.add_row("FLX", deployment.flux_token)
    table.add_row(f"payment token ({payment_symbol})", deployment.payment_token)
    table.add_row("Oracle", deployment.oracle)
    table.add_row("FeedHub", deployment.feed_hub or "-")
    if deployment.faucet is not None:
        table.add_row("Faucet", deployment.faucet)
    for name, address in deployment.requesters.items():
        table.add_row(f"Requester {name}", address)
    if deployment.prediction_market is not None:
        table.add_row("PredictionMarket", deployment.prediction_market)
    table.add_row("validity bond", payment.show(settings.validity_bond))
    table.add_row("min bond", flx.show(settings.min_bond))
    table.add_row(
        "challenge period",
        f"{duration(settings.min_challenge_period)} to {duration(settings.max_challenge_period)}",
    )
    table.add_row("arbitration threshold", flx.show(settings.arbitration_threshold))
    table.add_row("final arbitrator", settings.final_arbitrator)
    table.add_row("treasury", settings.treasury)
    table.add_row("max open period", duration(settings.max_open_period))
    table.add_row("arbitration timeout", duration(settings.arbitration_timeout))
    out = stdout_console()
    out.print(table)
    out.print(f"Wrote {chosen.out} (start block {deployment.start_block}).")
