"""`fluxo feed read|deploy`: read any AggregatorV3Interface feed, deploy a Fluxo PriceFeed."""

import asyncio
import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from fluxo.cli.errors import reporting
from fluxo.cli.options import (
    DEFAULT_PRIVATE_KEY_ENV_VAR,
    DEFAULT_RPC_URL,
    JsonOption,
    PrivateKeyEnvOption,
    RpcUrlOption,
)

if TYPE_CHECKING:
    from eth_account.signers.local import LocalAccount
    from eth_typing import ChecksumAddress

    from fluxo.feeds.parameters import FeedParameters
    from fluxo.feeds.reading import FeedReading

feed_app = typer.Typer(
    name="feed", help="Read and deploy price feeds.", no_args_is_help=True, add_completion=False
)


@feed_app.command("read")
def read(
    address: Annotated[str, typer.Argument(help="The feed's contract address.")],
    rpc_url: RpcUrlOption = DEFAULT_RPC_URL,
    as_json: JsonOption = False,
) -> None:
    """Print the latest answer (decimals-scaled), decimals, round and age of a feed.

    Example: fluxo feed read 0x5f4eC3Df9cbd43714FE2740f5E3616155c5b8419 --rpc-url $RPC
    """
    # Imported here: web3 takes seconds to import, and other commands do not need it.
    from fluxo.chain.client import ChainClient
    from fluxo.feeds.reader import read_feed
    from fluxo.feeds.reading import parse_feed_address

    console = Console()

    async def run() -> "FeedReading":
        async with await ChainClient.connect(rpc_url) as client:
            return await read_feed(client, address)

    with reporting(console, "feed read"):
        parse_feed_address(address)  # a typo is reported before any network round trip
        reading = asyncio.run(run())
    if as_json:
        typer.echo(json.dumps(_reading_json(reading)))
        return
    console.print(_reading_table(reading))


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
) -> None:
    """Deploy a Fluxo PriceFeed; the deployer becomes its owner.

    Example: fluxo feed deploy --decimals 8 --description "ETH / USD" --signer 0x… --quorum 1
    """
    from fluxo.chain.client import ChainClient
    from fluxo.cli.keys import account_from_env
    from fluxo.feeds.deployer import deploy_price_feed
    from fluxo.feeds.parameters import feed_parameters

    console = Console()

    async def run(parameters: "FeedParameters", deployer: "LocalAccount") -> "ChecksumAddress":
        async with await ChainClient.connect(rpc_url) as client:
            return await deploy_price_feed(client, parameters, deployer)

    with reporting(console, "feed deploy"):
        parameters = feed_parameters(decimals, description, signer, quorum)
        deployer = account_from_env(private_key_env)
        address = asyncio.run(run(parameters, deployer))
    console.print(f"PriceFeed [bold]{escape(parameters.description)}[/] deployed at {address}")
    console.print(
        f"decimals {parameters.decimals}, quorum {parameters.quorum} of "
        f"{len(parameters.signers)} signers, owner {deployer.address}"
    )


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
