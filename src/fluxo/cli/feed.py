"""`fluxo feed read|deploy`: read any AggregatorV3Interface feed, deploy a Fluxo PriceFeed.

Private keys come from an environment variable named by `--private-key-env`, never from a
flag: flags end up in shell history and process listings.
"""

import asyncio
import os
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Annotated, Final, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from fluxo.exceptions import FluxoError

if TYPE_CHECKING:
    from eth_account.signers.local import LocalAccount
    from eth_typing import ChecksumAddress

    from fluxo.feeds.parameters import FeedParameters
    from fluxo.feeds.reading import FeedReading

DEFAULT_RPC_URL: Final = "http://127.0.0.1:8545"
RPC_URL_ENV_VAR: Final = "FLUXO_RPC_URL"
DEFAULT_PRIVATE_KEY_ENV_VAR: Final = "FLUXO_PRIVATE_KEY"

feed_app = typer.Typer(
    name="feed", help="Read and deploy price feeds.", no_args_is_help=True, add_completion=False
)

RpcUrlOption = Annotated[
    str, typer.Option("--rpc-url", envvar=RPC_URL_ENV_VAR, help="JSON-RPC endpoint.")
]


@feed_app.command("read")
def read(
    address: Annotated[str, typer.Argument(help="The feed's contract address.")],
    rpc_url: RpcUrlOption = DEFAULT_RPC_URL,
) -> None:
    """Print the latest answer (decimals-scaled), decimals, round and age of a feed."""
    # Imported here: web3 takes seconds to import, and other commands do not need it.
    from fluxo.chain.client import ChainClient
    from fluxo.feeds.reader import read_feed
    from fluxo.feeds.reading import parse_feed_address

    console = Console()

    async def run() -> "FeedReading":
        async with await ChainClient.connect(rpc_url) as client:
            return await read_feed(client.w3, address)

    try:
        parse_feed_address(address)  # a typo is reported before any network round trip
        reading = asyncio.run(run())
    except FluxoError as error:
        _fail(console, "feed read", error)
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
    private_key_env: Annotated[
        str,
        typer.Option(
            "--private-key-env",
            help="Name of the environment variable holding the deployer's private key.",
        ),
    ] = DEFAULT_PRIVATE_KEY_ENV_VAR,
) -> None:
    """Deploy a Fluxo PriceFeed; the deployer becomes its owner."""
    from fluxo.chain.client import ChainClient
    from fluxo.feeds.deployer import deploy_price_feed
    from fluxo.feeds.parameters import feed_parameters

    console = Console()

    async def run(parameters: "FeedParameters", deployer: "LocalAccount") -> "ChecksumAddress":
        async with await ChainClient.connect(rpc_url) as client:
            return await deploy_price_feed(client, parameters, deployer)

    try:
        parameters = feed_parameters(decimals, description, signer, quorum)
        deployer = _account_from_env(private_key_env)
        address = asyncio.run(run(parameters, deployer))
    except FluxoError as error:
        _fail(console, "feed deploy", error)
    console.print(f"PriceFeed [bold]{escape(parameters.description)}[/] deployed at {address}")
    console.print(
        f"decimals {parameters.decimals}, quorum {parameters.quorum} of "
        f"{len(parameters.signers)} signers, owner {deployer.address}"
    )


def _account_from_env(variable: str) -> "LocalAccount":
    from eth_account import Account

    from fluxo.exceptions import InvalidFeedParameters

    key = os.environ.get(variable)
    if not key:
        raise InvalidFeedParameters(
            f"environment variable {variable} is not set; it must hold the deployer's private key"
        )
    try:
        account: LocalAccount = Account.from_key(key)
    except (ValueError, TypeError):
        # The original error could quote the key, so it is neither shown nor chained.
        raise InvalidFeedParameters(
            f"environment variable {variable} does not hold a valid private key"
        ) from None
    return account


def _fail(console: Console, command: str, error: FluxoError) -> NoReturn:
    console.print(f"[bold red]{command} failed:[/] {escape(str(error))}")
    raise typer.Exit(code=1) from error


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
