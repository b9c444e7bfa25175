"""`fluxo feed read|list|history|deploy`: read any AggregatorV3Interface feed (by address, or by
its name in the deployment), list the deployment's feeds and aggregators, show recent rounds,
deploy a Fluxo PriceFeed."""

import asyncio
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Final

import typer
from rich.console import Console
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

MAX_HISTORY_ROUNDS: Final = 1_000

if TYPE_CHECKING:
    from eth_account.signers.local import LocalAccount
    from eth_typing import ChecksumAddress

    from fluxo.deployment import Deployment
    from fluxo.feeds.parameters import FeedParameters
    from fluxo.feeds.reading import FeedReading
    from fluxo.sdk import FeedRound

feed_app = typer.Typer(
    name="feed",
    help="Read price feeds (latest answer, history), list the deployment's, deploy one.",
    no_args_is_help=True,
    add_completion=False,
)
FeedArgument = Annotated[
    str,
    typer.Argument(
        metavar="FEED",
        help="A feed's address, or the name of a feed or aggregator in the deployment.",
        show_default=False,
    ),
]


@feed_app.command("read")
def read(
    address: FeedArgument,
    rpc_url: RpcUrlOption = DEFAULT_RPC_URL,
    deployment: DeploymentOption = DEFAULT_DEPLOYMENT_PATH,
    as_json: JsonOption = False,
) -> None:
    """Print the latest answer (decimals-scaled), decimals, round and age of a feed.

    A name is looked up in the deployment file; an address needs none.

    Example: fluxo feed read 0x5f4eC3Df9cbd43714FE2740f5E3616155c5b8419 --rpc-url $RPC
    """
    # Imported here: web3 takes seconds to import, and other commands do not need it.
    from fluxo.chain.client import ChainClient
    from fluxo.feeds.reader import read_feed

    async def run(checked: str) -> "FeedReading":
        async with await ChainClient.connect(rpc_url) as client:
            return await read_feed(client, checked)

    with reporting(stderr_console(), "feed read"):
        # A typo is reported before any network round trip.
        reading = asyncio.run(run(_feed_address(address, deployment)))
    if as_json:
        typer.echo(json.dumps(_reading_json(reading)))
        return
    Console().print(_reading_table(reading))


@feed_app.command("list")
def list_feeds(
    rpc_url: RpcUrlOption = DEFAULT_RPC_URL,
    deployment: DeploymentOption = DEFAULT_DEPLOYMENT_PATH,
    as_json: JsonOption = False,
) -> None:
    """List the deployment's feeds and aggregators with their latest answer and its age.

    Example: fluxo feed list --json
    """
    from fluxo.cli.session import load_deployment

    with reporting(stderr_console(), "feed list"):
        record = load_deployment(deployment)
        rows = asyncio.run(_read_all(rpc_url, record))
        if as_json:
            emit_json(
                {
                    "feeds": [
                        {
                            "name": name,
                            "kind": kind,
                            "address": address,
                            "reading": None if reading is None else _reading_json(reading),
                            "error": error,
                        }
                        for name, kind, address, reading, error in rows
                    ]
                }
            )
            return
        if not rows:
            stdout_console().print(f"{deployment} names no feeds or aggregators.")
            return
        stdout_console().print(_list_table(rows))


@feed_app.command("history")
def history(
    feed: FeedArgument,
    rounds: Annotated[int, typer.Option(help="How many of the latest rounds (1 to 1000).")] = 10,
    rpc_url: RpcUrlOption = DEFAULT_RPC_URL,
    deployment: DeploymentOption = DEFAULT_DEPLOYMENT_PATH,
    as_json: JsonOption = False,
) -> None:
    """Show a feed's latest rounds, newest first (an aggregator keeps a ring of them).

    Example: fluxo feed history "ETH / USD" --rounds 5
    """
    from fluxo.cli.session import connected, load_deployment

    async def run(record: "Deployment", address: str) -> "list[FeedRound]":
        async with connected(rpc_url, record) as fx:
            return await fx.feeds.history(address, rounds)

    with reporting(stderr_console(), "feed history"):
        if not 1 <= rounds <= MAX_HISTORY_ROUNDS:
            raise ConfigError("--rounds", rounds, f"between 1 and {MAX_HISTORY_ROUNDS}")
        address = _feed_address(feed, deployment)
        found = asyncio.run(run(load_deployment(deployment), address))
        if as_json:
            emit_json(
                {
                    "feed": feed,
                    "address": address,
                    "rounds": [
                        {
                            "round_id": entry.round_id,
                            "answer": f"{entry.answer:f}",
                            "answer_raw": str(entry.answer_raw),
                            "updated_at_s": entry.updated_at,
                        }
                        for entry in found
                    ],
                }
            )
            return
        table = Table(title=f"{escape(feed)}: latest {len(found)} rounds")
        for column in ("round", "answer", "updated at"):
            table.add_column(column, justify="left" if column == "updated at" else "right")
        for entry in found:
            table.add_row(str(entry.round_id), f"{entry.answer:f}", _utc(entry.updated_at))
        stdout_console().print(table)


@feed_app.command("deploy")
def deploy(
    decimals: Annotated[int, typer.Option(help="Decimals of the feed's answers.")],
    description: Annotated[str, typer.Option(help='What the feed prices, e.g. "ETH / USD".')],
    signer: Annotated[
        list[str], typer.Option(help="An authorized signer address; repeat for each signer.")
    ],
    quorum: Annotated[int, typer.Option(help="Observations a report needs at least.")],
    rpc_url: RpcUrlOption = DEFAULT_RPC_URL,
    private_key_env: PrivateKeyEnvOption = DEFAULT_PRIVATE_KEY_ENV_VAR,
    keystore: KeystoreOption = None,
    keystore_password_env: KeystorePasswordEnvOption = DEFAULT_KEYSTORE_PASSWORD_ENV_VAR,
) -> None:
    """Deploy a Fluxo PriceFeed; the deployer becomes its owner.

    Example: fluxo feed deploy --decimals 8 --description "ETH / USD" --signer 0x… --quorum 1
    """
    from fluxo.chain.client import ChainClient
    from fluxo.feeds.deployer import deploy_price_feed
    from fluxo.feeds.parameters import feed_parameters
    from fluxo.keys import load_signer

    console = Console()

    async def run(parameters: "FeedParameters", deployer: "LocalAccount") -> "ChecksumAddress":
        async with await ChainClient.connect(rpc_url) as client:
            return await deploy_price_feed(client, parameters, deployer)

    with reporting(stderr_console(), "feed deploy"):
        parameters = feed_parameters(decimals, description, signer, quorum)
        deployer = load_signer(private_key_env, keystore, keystore_password_env)
        address = asyncio.run(run(parameters, deployer))
    console.print(f"PriceFeed [bold]{escape(parameters.description)}[/] deployed at {address}")
    console.print(
        f"decimals {parameters.decimals}, quorum {parameters.quorum} of "
        f"{len(parameters.signers)} signers, owner {deployer.address}"
    )


def _feed_address(feed: str, deployment: Path) -> str:
    """A feed's address: an address as given (checked), a name from the deployment file."""
    from fluxo.cli.session import load_deployment
    from fluxo.feeds.reading import parse_feed_address

    if feed.startswith("0x"):
        return parse_feed_address(feed)
    record = load_deployment(deployment)
    if feed in record.feeds:
        return record.feeds[feed]
    if feed in record.aggregators:
        return record.aggregators[feed]
    raise ConfigError(
        "FEED",
        feed,
        f"no feed or aggregator of that name in {deployment} (feeds: {sorted(record.feeds)}, "
        f"aggregators: {sorted(record.aggregators)})",
    )


async def _read_all(
    rpc_url: str, record: "Deployment"
) -> "list[tuple[str, str, str, FeedReading | None, str | None]]":
    """Every feed and aggregator of the deployment read; one that cannot be read keeps its
    row with the reason (an empty feed reverts "no data")."""
    from fluxo.cli.session import connected
    from fluxo.exceptions import FeedReadError
    from fluxo.feeds.reader import read_feed

    named = [("feed", name, address) for name, address in record.feeds.items()]
    named += [("aggregator", name, address) for name, address in record.aggregators.items()]
    rows: list[tuple[str, str, str, FeedReading | None, str | None]] = []
    async with connected(rpc_url, record) as fx:
        for kind, name, address in named:
            try:
                rows.append((name, kind, address, await read_feed(fx.client, address), None))
            except FeedReadError as error:
                rows.append((name, kind, address, None, str(error)))
    return rows


def _list_table(rows: "list[tuple[str, str, str, FeedReading | None, str | None]]") -> Table:
    table = Table(title="Feeds and aggregators")
    for column in ("name", "kind", "address", "answer", "round", "age"):
        table.add_column(
            column, justify="right" if column in ("answer", "round", "age") else "left"
        )
    for name, kind, address, reading, error in rows:
        if reading is None:
            table.add_row(escape(name), kind, address, f"[red]{escape(error or '')}[/]", "", "")
            continue
        table.add_row(
            escape(name),
            kind,
            address,
            f"{reading.answer:f}",
            str(reading.round_id),
            f"{reading.age_s} s",
        )
    return table


def _reading_json(reading: "FeedReading") -> dict[str, object]:
    return {
        "address": reading.address,
        "description": reading.description,
        "answer": str(reading.answer),
        "answer_raw": str(reading.answer_raw),
        "decimals": reading.decimals,
        "round_id": reading.round_id,
        "updated_at_s": reading.updated_at_s,
        "age_s": reading.age_s,
    }


def _reading_table(reading: "FeedReading") -> Table:
    table = Table(title=f"Feed {reading.address}", show_header=False)
    table.add_column(style="bold")
    table.add_column(overflow="fold")
    table.add_row("description", escape(reading.description))
    table.add_row("answer", f"{reading.answer:f}")
    table.add_row("decimals", str(reading.decimals))
    table.add_row("round", str(reading.round_id))
    table.add_row("updated at", _utc(reading.updated_at_s))
    table.add_row("age", f"{reading.age_s} s")
    return table


def _utc(timestamp_s: int) -> str:
    try:
        return datetime.fromtimestamp(timestamp_s, tz=UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    except (OverflowError, OSError, ValueError):  # a feed may report any uint256
        return f"{timestamp_s} (unix s)"
