"""`fluxo whitelist add|remove|list`: which requester contracts may ask the Oracle (owner only
for changes), and the bond multiplier each one's requests get."""

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Final

import typer
from rich.markup import escape
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
from fluxo.cli.output import emit_json, stderr_console, stdout_console
from fluxo.exceptions import ConfigError

if TYPE_CHECKING:
    from eth_account.signers.local import LocalAccount

    from fluxo.chain.bindings.oracle import RequesterAdded, RequesterRemoved
    from fluxo.deployment import Deployment

MAX_NAME_BYTES: Final = 64
MAX_CODE_URL_BYTES: Final = 256
MULTIPLIER_LIMIT_BPS: Final = 2**32
NEUTRAL_MULTIPLIER_BPS: Final = 10_000

whitelist_app = typer.Typer(
    name="whitelist",
    help="List, add and remove the requester contracts that may ask the Oracle (owner).",
    no_args_is_help=True,
    add_completion=False,
)
RequesterArgument = Annotated[
    str, typer.Argument(metavar="ADDRESS", help="The requester contract.", show_default=False)
]


@dataclass(frozen=True, slots=True)
class WhitelistEntry:
    """A requester the Oracle ever whitelisted: its latest name and URL (from events) and its
    standing now (from `requester_info`)."""

    requester: str
    name: str
    code_base_url: str
    whitelisted: bool
    stake_multiplier_bps: int
    index: int
    deployment_name: str | None


@whitelist_app.command("add")
def add(
    address: RequesterArgument,
    name: Annotated[str, typer.Option(help="A name people know it by (1 to 64 bytes).")],
    multiplier_bps: Annotated[
        int, typer.Option(help="Scales its round-0 bonds; 10000 = the config's minimum.")
    ] = NEUTRAL_MULTIPLIER_BPS,
    code_url: Annotated[str, typer.Option(help="Where its source code lives.")] = "",
    rpc_url: RpcUrlOption = DEFAULT_RPC_URL,
    deployment: DeploymentOption = DEFAULT_DEPLOYMENT_PATH,
    private_key_env: PrivateKeyEnvOption = DEFAULT_PRIVATE_KEY_ENV_VAR,
    keystore: KeystoreOption = None,
    keystore_password_env: KeystorePasswordEnvOption = DEFAULT_KEYSTORE_PASSWORD_ENV_VAR,
    as_json: JsonOption = False,
) -> None:
    """Whitelist a requester contract, or update its multiplier (the Oracle's owner only).

    Open requests keep the multiplier they were created with.

    Example: fluxo whitelist add 0x5FbDB2315678afecb367f032d93F642f64180aa3 --name markets
    --multiplier-bps 15000
    """
    from fluxo.cli.session import address_option, load_deployment, run

    with reporting(stderr_console(), "whitelist add"):
        requester = address_option(address, "ADDRESS")
        if not name or len(name.encode()) > MAX_NAME_BYTES:
            raise ConfigError("--name", name, f"1 to {MAX_NAME_BYTES} UTF-8 bytes")
        if not 0 < multiplier_bps < MULTIPLIER_LIMIT_BPS:
            raise ConfigError("--multiplier-bps", multiplier_bps, "between 1 and 2**32 - 1")
        if len(code_url.encode()) > MAX_CODE_URL_BYTES:
            raise ConfigError("--code-url", code_url, f"at most {MAX_CODE_URL_BYTES} UTF-8 bytes")
        record = load_deployment(deployment)
        sender = _signer(private_key_env, keystore, keystore_password_env)
        event = run(_add(rpc_url, record, sender, requester, name, multiplier_bps, code_url))
        if as_json:
            emit_json(
                {
                    "requester": event.requester,
                    "name": event.name,
                    "stake_multiplier_bps": event.stake_multiplier_bps,
                    "code_base_url": event.code_base_url,
                    "index": event.index,
                    "transaction_hash": "0x" + event.transaction_hash.hex(),
                }
            )
            return
        stdout_console().print(
            f"Whitelisted {event.requester} as [bold]{escape(event.name)}[/] (index "
            f"{event.index}, multiplier {event.stake_multiplier_bps} bps)"
        )


@whitelist_app.command("remove")
def remove(
    address: RequesterArgument,
    rpc_url: RpcUrlOption = DEFAULT_RPC_URL,
    deployment: DeploymentOption = DEFAULT_DEPLOYMENT_PATH,
    private_key_env: PrivateKeyEnvOption = DEFAULT_PRIVATE_KEY_ENV_VAR,
    keystore: KeystoreOption = None,
    keystore_password_env: KeystorePasswordEnvOption = DEFAULT_KEYSTORE_PASSWORD_ENV_VAR,
    as_json: JsonOption = False,
) -> None:
    """Remove a requester from the whitelist (the Oracle's owner only).

    Its open requests resolve as usual.

    Example: fluxo whitelist remove 0x5FbDB2315678afecb367f032d93F642f64180aa3
    """
    from fluxo.cli.session import address_option, load_deployment, run

    with reporting(stderr_console(), "whitelist remove"):
        requester = address_option(address, "ADDRESS")
        record = load_deployment(deployment)
        sender = _signer(private_key_env, keystore, keystore_password_env)
        event = run(_remove(rpc_url, record, sender, requester))
        if as_json:
            emit_json(
                {
                    "requester": event.requester,
                    "transaction_hash": "0x" + event.transaction_hash.hex(),
                }
            )
            return
        stdout_console().print(f"Removed {event.requester} from the whitelist")


@whitelist_app.command("list")
def list_requesters(
    rpc_url: RpcUrlOption = DEFAULT_RPC_URL,
    deployment: DeploymentOption = DEFAULT_DEPLOYMENT_PATH,
    as_json: JsonOption = False,
) -> None:
    """List every requester the Oracle ever whitelisted, and whether it still is.

    Found in the Oracle's RequesterAdded logs; standing and multiplier from requester_info.

    Example: fluxo whitelist list --json
    """
    from fluxo.cli.session import load_deployment, run

    with reporting(stderr_console(), "whitelist list"):
        entries = run(_entries(rpc_url, load_deployment(deployment)))
        if as_json:
            emit_json({"requesters": [_entry_json(entry) for entry in entries]})
            return
        stdout_console().print(_entries_table(entries))


def _signer(private_key_env: str, keystore: Path | None, password_env: str) -> "LocalAccount":
    from fluxo.keys import load_signer

    return load_signer(private_key_env, keystore, password_env)


async def _add(
    rpc_url: str,
    record: "Deployment",
    sender: "LocalAccount",
    requester: str,
    name: str,
    multiplier_bps: int,
    code_url: str,
) -> "RequesterAdded":
    from fluxo.chain.bindings.oracle import RequesterAdded
    from fluxo.cli.owner import check_owner
    from fluxo.cli.session import connected, require_gas_funds

    async with connected(rpc_url, record) as fx:
        await check_owner(fx, sender.address)
        await require_gas_funds(fx.client, sender.address)
        oracle = fx.requests.oracle
        receipt = await oracle.add_requester(sender, requester, name, multiplier_bps, code_url)
        return oracle.single_event(receipt, RequesterAdded)


async def _remove(
    rpc_url: str, record: "Deployment", sender: "LocalAccount", requester: str
) -> "RequesterRemoved":
    from fluxo.chain.bindings.oracle import RequesterRemoved
    from fluxo.cli.owner import check_owner
    from fluxo.cli.session import connected, require_gas_funds

    async with connected(rpc_url, record) as fx:
        oracle = fx.requests.oracle
        await check_owner(fx, sender.address)
        if not (await oracle.requester_info(requester)).whitelisted:
            raise ConfigError("ADDRESS", requester, "not whitelisted")
        await require_gas_funds(fx.client, sender.address)
        receipt = await oracle.remove_requester(sender, requester)
        return oracle.single_event(receipt, RequesterRemoved)


async def _entries(rpc_url: str, record: "Deployment") -> list[WhitelistEntry]:
    from fluxo.chain.bindings.oracle import RequesterAdded
    from fluxo.cli.session import connected
    from fluxo.sdk.logs import events

    names = {address: name for name, address in record.requesters.items()}
    async with connected(rpc_url, record) as fx:
        oracle = fx.requests.oracle
        added: dict[str, RequesterAdded] = {}
        for event in await events(fx.client, oracle, (RequesterAdded,), record.start_block):
            if isinstance(event, RequesterAdded):
                added[event.requester] = event  # the latest name and URL win
        entries: list[WhitelistEntry] = []
        for requester, event in added.items():
            info = await oracle.requester_info(requester)
            entries.append(
                WhitelistEntry(
                    requester,
                    event.name,
                    event.code_base_url,
                    info.whitelisted,
                    info.stake_multiplier_bps,
                    info.requester_index,
                    names.get(requester),
                )
            )
        return sorted(entries, key=lambda entry: entry.index)


def _entry_json(entry: WhitelistEntry) -> dict[str, Any]:
    return {
        "requester": entry.requester,
        "name": entry.name,
        "code_base_url": entry.code_base_url,
        "whitelisted": entry.whitelisted,
        "stake_multiplier_bps": entry.stake_multiplier_bps,
        "index": entry.index,
        "deployment_name": entry.deployment_name,
    }


def _entries_table(entries: list[WhitelistEntry]) -> Table:
    table = Table(title="Requesters")
    for column in ("index", "name", "address", "whitelisted", "multiplier", "code"):
        table.add_column(column, justify="right" if column in ("index", "multiplier") else "left")
    for entry in entries:
        table.add_row(
            str(entry.index),
            escape(entry.name),
            entry.requester,
            "yes" if entry.whitelisted else "[red]removed[/]",
            f"{entry.stake_multiplier_bps} bps",
            escape(entry.code_base_url),
        )
    return table
