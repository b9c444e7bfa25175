"""`fluxo config show|set`: the Oracle's economics, versioned (SPEC §7). `set` (owner only)
pushes a new version: the latest with the fields given changed. Open requests keep theirs."""

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from fluxo.cli.errors import reporting
from fluxo.cli.options import (
    DEFAULT_DEPLOYMENT_PATH,
    DEFAULT_KEYSTORE_PASSWORD_ENV_VAR,
    DEFAULT_PRIVATE_KEY_ENV_VAR,
    DEFAULT_RPC_URL,
    DeploymentOption,
    JsonOption,
    KeystoreOption,
    KeystorePasswordEnvOption,
    PrivateKeyEnvOption,
    RpcUrlOption,
)
from fluxo.cli.output import duration, emit_json, stderr_console, stdout_console
from fluxo.exceptions import ConfigError

if TYPE_CHECKING:
    from eth_account.signers.local import LocalAccount

    from fluxo.cli.session import Token
    from fluxo.deployment import Deployment
    from fluxo.domain.config import Config
    from fluxo.sdk import Fluxo

config_app = typer.Typer(
    name="config",
    help="Show the Oracle's config (economics, arbitrator, treasury) and push a new version.",
    no_args_is_help=True,
    add_completion=False,
)


@dataclass(frozen=True, slots=True)
class ConfigView:
    config_id: int
    latest_config_id: int
    config: "Config"
    flx: "Token"
    payment: "Token"
    owner: str
    paused: bool
    changed: tuple[str, ...] = ()


@config_app.command("show")
def show(
    config_id: Annotated[
        int | None,
        typer.Argument(
            metavar="[CONFIG_ID]", help="A version (default: the latest).", show_default=False
        ),
    ] = None,
    rpc_url: RpcUrlOption = DEFAULT_RPC_URL,
    deployment: DeploymentOption = DEFAULT_DEPLOYMENT_PATH,
    as_json: JsonOption = False,
) -> None:
    """Show a config version of the Oracle (the latest by default) with its units.

    Example: fluxo config show --json
    """
    from fluxo.cli.session import load_deployment, run

    with reporting(stderr_console(), "config show"):
        view = run(_show(rpc_url, load_deployment(deployment), config_id))
        if as_json:
            emit_json(_view_json(view))
            return
        stdout_console().print(_view_table(view))


@config_app.command("set")
def set_config(
    validity_bond: Annotated[
        str | None, typer.Option(help="Payment-token units taken per request.")
    ] = None,
    min_bond: Annotated[str | None, typer.Option(help="FLX: floor of round-0 bonds.")] = None,
    min_challenge_period_s: Annotated[
        int | None, typer.Option(help="Shortest dispute window a request may ask for.")
    ] = None,
    max_challenge_period_s: Annotated[
        int | None, typer.Option(help="Longest dispute window a request may ask for.")
    ] = None,
    arbitration_threshold: Annotated[
        str | None, typer.Option(help="FLX: a filled bond this large escalates.")
    ] = None,
    final_arbitrator: Annotated[
        str | None, typer.Option(help="Decides escalated requests.")
    ] = None,
    treasury: Annotated[str | None, typer.Option(help="Is credited what nobody can claim.")] = None,
    max_open_period_s: Annotated[
        int | None, typer.Option(help="After this, an unanswered request may be cancelled.")
    ] = None,
    arbitration_timeout_s: Annotated[
        int | None, typer.Option(help="After this, an undecided escalation finalizes INVALID.")
    ] = None,
    rpc_url: RpcUrlOption = DEFAULT_RPC_URL,
    deployment: DeploymentOption = DEFAULT_DEPLOYMENT_PATH,
    private_key_env: PrivateKeyEnvOption = DEFAULT_PRIVATE_KEY_ENV_VAR,
    keystore: KeystoreOption = None,
    keystore_password_env: KeystorePasswordEnvOption = DEFAULT_KEYSTORE_PASSWORD_ENV_VAR,
    as_json: JsonOption = False,
) -> None:
    """Push a new config version: the latest with the fields given changed (owner only).

    Checked against the Oracle's rule first. The tokens stay as they are; open requests keep
    the version they were created with.

    Example: fluxo config set --min-bond 250 --max-challenge-period-s 86400
    """
    from fluxo.cli.session import load_deployment, run
    from fluxo.keys import load_signer

    changes: dict[str, str | int | None] = {
        "validity_bond": validity_bond,
        "min_bond": min_bond,
        "min_challenge_period": min_challenge_period_s,
        "max_challenge_period": max_challenge_period_s,
        "arbitration_threshold": arbitration_threshold,
        "final_arbitrator": final_arbitrator,
        "treasury": treasury,
        "max_open_period": max_open_period_s,
        "arbitration_timeout": arbitration_timeout_s,
    }
    given = {name: value for name, value in changes.items() if value is not None}
    with reporting(stderr_console(), "config set"):
        if not given:
            raise ConfigError("config set", None, "give at least one field to change (see --help)")
        record = load_deployment(deployment)
        sender = load_signer(private_key_env, keystore, keystore_password_env)
        view = run(_set(rpc_url, record, sender, given))
        if as_json:
            emit_json(_view_json(view))
            return
        out = stdout_console()
        out.print(_view_table(view))
        out.print(f"Config {view.config_id} set; changed: {', '.join(view.changed)}")


async def _show(rpc_url: str, record: "Deployment", config_id: int | None) -> ConfigView:
    from fluxo.cli.session import connected

    async with connected(rpc_url, record) as fx:
        oracle = fx.requests.oracle
        latest = await oracle.latest_config_id()
        chosen = latest if config_id is None else config_id
        if not 0 <= chosen <= latest:
            raise ConfigError("CONFIG_ID", config_id, f"no such version (0 to {latest})")
        return await _view(fx, chosen, latest)


async def _view(
    fx: "Fluxo", config_id: int, latest: int, changed: tuple[str, ...] = ()
) -> ConfigView:
    from fluxo.cli.session import token

    oracle = fx.requests.oracle
    config = await oracle.config(config_id)
    flx = await token(fx.client, config.stake_token)
    payment = await token(fx.client, config.payment_token)
    owner, paused = await oracle.owner(), await oracle.paused()
    return ConfigView(config_id, latest, config, flx, payment, owner, paused, changed)


async def _set(
    rpc_url: str, record: "Deployment", sender: "LocalAccount", given: dict[str, str | int]
) -> ConfigView:
    from dataclasses import replace

    from fluxo.chain.bindings.oracle import ConfigSet
    from fluxo.cli.config_fields import ADDRESS, CONFIG_FIELDS, PAYMENT, STAKE, check_config
    from fluxo.cli.owner import check_owner
    from fluxo.cli.session import address_option, connected, require_gas_funds, token

    async with connected(rpc_url, record) as fx:
        oracle = fx.requests.oracle
        await check_owner(fx, sender.address)
        latest = await oracle.config(await oracle.latest_config_id())
        flx = await token(fx.client, latest.stake_token)
        payment = await token(fx.client, latest.payment_token)
        values: dict[str, Any] = {}
        for field in CONFIG_FIELDS:
            if field.name not in given:
                continue
            value = given[field.name]
            if field.unit == STAKE:
                values[field.name] = flx.wei(str(value), field.flag)
            elif field.unit == PAYMENT:
                values[field.name] = payment.wei(str(value), field.flag)
            elif field.unit == ADDRESS:
                values[field.name] = address_option(str(value), field.flag)
            else:
                values[field.name] = value
        config = check_config(replace(latest, **values), given)
        changed = tuple(n for n in values if getattr(config, n) != getattr(latest, n))
        if not changed:
            raise ConfigError("config set", given, "every field given already has that value")
        await require_gas_funds(fx.client, sender.address)
        receipt = await oracle.set_config(sender, config)
        event = oracle.single_event(receipt, ConfigSet)
        return await _view(fx, event.config_id, event.config_id, changed)


def _view_json(view: ConfigView) -> dict[str, Any]:
    config = view.config
    return {
        "config_id": view.config_id,
        "latest_config_id": view.latest_config_id,
        "stake_token": config.stake_token,
        "payment_token": config.payment_token,
        "validity_bond_wei": str(config.validity_bond),
        "min_bond_wei": str(config.min_bond),
        "min_challenge_period_s": config.min_challenge_period,
        "max_challenge_period_s": config.max_challenge_period,
        "arbitration_threshold_wei": str(config.arbitration_threshold),
        "final_arbitrator": config.final_arbitrator,
        "treasury": config.treasury,
        "max_open_period_s": config.max_open_period,
        "arbitration_timeout_s": config.arbitration_timeout,
        "owner": view.owner,
        "paused": view.paused,
        "changed": list(view.changed),
    }


def _view_table(view: ConfigView) -> Table:
    config, flx, payment = view.config, view.flx, view.payment
    latest = " (latest)" if view.config_id == view.latest_config_id else ""
    table = Table(title=f"Oracle config {view.config_id}{latest}", show_header=False)
    table.add_column(style="bold")
    table.add_column(overflow="fold")
    rows = {
        "stake_token": f"{flx.symbol} {config.stake_token}",
        "payment_token": f"{payment.symbol} {config.payment_token}",
        "validity_bond": payment.show(config.validity_bond),
        "min_bond": flx.show(config.min_bond),
        "min_challenge_period": duration(config.min_challenge_period),
        "max_challenge_period": duration(config.max_challenge_period),
        "arbitration_threshold": flx.show(config.arbitration_threshold),
        "final_arbitrator": config.final_arbitrator,
        "treasury": config.treasury,
        "max_open_period": duration(config.max_open_period),
        "arbitration_timeout": duration(config.arbitration_timeout),
    }
    for field in fields(config):
        marker = " [yellow](changed)[/]" if field.name in view.changed else ""
        table.add_row(field.name.replace("_", " "), rows[field.name] + marker)
    table.add_row("owner", view.owner)
    table.add_row("paused", "[red]yes[/]" if view.paused else "no")
    return table
