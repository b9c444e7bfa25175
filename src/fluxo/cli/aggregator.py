"""`fluxo aggregator read|update`: an oracle-of-oracles FeedAggregator of the deployment: its
latest round, sources and what `update()` would write now; and sending that update."""

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

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
from fluxo.cli.output import emit_json, stderr_console, stdout_console, utc
from fluxo.exceptions import ConfigError

if TYPE_CHECKING:
    from eth_account.signers.local import LocalAccount

    from fluxo.chain.bindings.feed_aggregator import AnswerUpdated
    from fluxo.deployment import Deployment
    from fluxo.feeds.reading import FeedReading
    from fluxo.sdk import Fluxo

aggregator_app = typer.Typer(
    name="aggregator",
    help="Read a FeedAggregator of the deployment and push its update.",
    no_args_is_help=True,
    add_completion=False,
)
AggregatorArgument = Annotated[
    str,
    typer.Argument(
        metavar="AGGREGATOR",
        help="An aggregator's name in the deployment, or its address.",
        show_default=False,
    ),
]


@dataclass(frozen=True, slots=True)
class AggregatorView:
    """An aggregator's settings, latest round (None before the first) and live aggregate."""

    name: str
    address: str
    reading: "FeedReading | None"
    reading_error: str | None
    sources: tuple[str, ...]
    heartbeats_s: tuple[int, ...]
    min_sources: int
    max_spread_bps: int
    min_interval_s: int
    history_rounds: int
    last_update_time: int
    peek_answer: str | None
    peek_updated_at: int | None
    peek_sources_used: int | None
    peek_error: str | None


@aggregator_app.command("read")
def read(
    aggregator: AggregatorArgument,
    rpc_url: RpcUrlOption = DEFAULT_RPC_URL,
    deployment: DeploymentOption = DEFAULT_DEPLOYMENT_PATH,
    as_json: JsonOption = False,
) -> None:
    """Show an aggregator's latest round, sources, settings, and what update() would write.

    Example: fluxo aggregator read "ETH / USD" --json
    """
    from fluxo.cli.session import connected, load_deployment, run

    async def body(record: "Deployment", address: str) -> AggregatorView:
        async with connected(rpc_url, record) as fx:
            return await _view(fx, aggregator, address)

    with reporting(stderr_console(), "aggregator read"):
        record = load_deployment(deployment)
        view = run(body(record, _address(aggregator, record, deployment)))
        if as_json:
            emit_json(_view_json(view))
            return
        stdout_console().print(_view_table(view))


@aggregator_app.command("update")
def update(
    aggregator: AggregatorArgument,
    rpc_url: RpcUrlOption = DEFAULT_RPC_URL,
    deployment: DeploymentOption = DEFAULT_DEPLOYMENT_PATH,
    private_key_env: PrivateKeyEnvOption = DEFAULT_PRIVATE_KEY_ENV_VAR,
    keystore: KeystoreOption = None,
    keystore_password_env: KeystorePasswordEnvOption = DEFAULT_KEYSTORE_PASSWORD_ENV_VAR,
    as_json: JsonOption = False,
) -> None:
    """Send update(): aggregate the live sources into a new round (anyone may send it).

    The aggregator takes at most one update per min interval.

    Example: fluxo aggregator update "ETH / USD"
    """
    from fluxo.cli.session import load_deployment, run
    from fluxo.keys import load_signer

    with reporting(stderr_console(), "aggregator update"):
        record = load_deployment(deployment)
        address = _address(aggregator, record, deployment)
        sender = load_signer(private_key_env, keystore, keystore_password_env)
        event, answer, tx_hash = run(_update(rpc_url, record, address, sender))
        if as_json:
            emit_json(
                {
                    "aggregator": aggregator,
                    "address": address,
                    "round_id": event.round_id,
                    "answer": answer,
                    "answer_raw": str(event.current),
                    "updated_at_s": event.updated_at,
                    "transaction_hash": tx_hash,
                }
            )
            return
        stdout_console().print(
            f"{escape(aggregator)}: round {event.round_id} = [bold]{answer}[/] "
            f"(updated at {utc(event.updated_at)})"
        )


def _address(name: str, record: "Deployment", path: Path) -> str:
    from fluxo.cli.session import address_option

    if name.startswith("0x"):
        return address_option(name, "AGGREGATOR")
    if name not in record.aggregators:
        raise ConfigError(
            "AGGREGATOR", name, f"not in {path} (aggregators: {sorted(record.aggregators)})"
        )
    return record.aggregators[name]


async def _view(fx: "Fluxo", name: str, address: str) -> AggregatorView:
    import asyncio

    from fluxo.chain.bindings.feed_aggregator import FeedAggregator
    from fluxo.exceptions import FeedReadError, TransactionReverted
    from fluxo.feeds.reader import read_feed
    from fluxo.feeds.reading import scale_answer

    binding = FeedAggregator(fx.client, address)
    reading: FeedReading | None = None
    reading_error: str | None = None
    try:
        reading = await read_feed(fx.client, address)
    except FeedReadError as error:
        reading_error = str(error)
    sources, heartbeats, decimals = await asyncio.gather(
        binding.sources(), binding.heartbeats(), binding.decimals()
    )
    min_sources, spread, interval, history, last_update = await asyncio.gather(
        binding.min_sources(),
        binding.max_spread_bps(),
        binding.min_interval(),
        binding.history_rounds(),
        binding.last_update_time(),
    )
    peek: tuple[str | None, int | None, int | None, str | None]
    try:
        peeked = await binding.peek()
        peek = (
            f"{scale_answer(peeked.answer, decimals):f}",
            peeked.updated_at,
            peeked.sources_used,
            None,
        )
    except TransactionReverted as error:
        peek = (None, None, None, error.reason)
    return AggregatorView(
        name,
        binding.address,
        reading,
        reading_error,
        tuple(sources),
        tuple(heartbeats),
        min_sources,
        spread,
        interval,
        history,
        last_update,
        *peek,
    )


async def _update(
    rpc_url: str, record: "Deployment", address: str, sender: "LocalAccount"
) -> "tuple[AnswerUpdated, str, str]":
    from fluxo.chain.bindings.feed_aggregator import AnswerUpdated, FeedAggregator
    from fluxo.cli.errors import Refused
    from fluxo.cli.session import connected, require_gas_funds
    from fluxo.feeds.reading import scale_answer

    async with connected(rpc_url, record) as fx:
        binding = FeedAggregator(fx.client, address)
        last_update, interval, latest_round = (
            await binding.last_update_time(),
            await binding.min_interval(),
            await binding.latest_round(),
        )
        now_s = await fx.client.block_timestamp()
        if latest_round and now_s < last_update + interval:
            raise Refused(
                f"too soon: the aggregator updated at {utc(last_update)} and takes the next "
                f"update from {utc(last_update + interval)}"
            )
        await require_gas_funds(fx.client, sender.address)
        receipt = await binding.update(sender)
        event = binding.single_event(receipt, AnswerUpdated)
        answer = f"{scale_answer(event.current, await binding.decimals()):f}"
        return event, answer, "0x" + event.transaction_hash.hex()


def _view_json(view: AggregatorView) -> dict[str, Any]:
    from fluxo.cli.feed import _reading_json

    return {
        "aggregator": view.name,
        "address": view.address,
        "reading": None if view.reading is None else _reading_json(view.reading),
        "reading_error": view.reading_error,
        "sources": list(view.sources),
        "heartbeats_s": list(view.heartbeats_s),
        "min_sources": view.min_sources,
        "max_spread_bps": view.max_spread_bps,
        "min_interval_s": view.min_interval_s,
        "history_rounds": view.history_rounds,
        "last_update_time": view.last_update_time,
        "peek": (
            None
            if view.peek_answer is None
            else {
                "answer": view.peek_answer,
                "updated_at_s": view.peek_updated_at,
                "sources_used": view.peek_sources_used,
            }
        ),
        "peek_error": view.peek_error,
    }


def _view_table(view: AggregatorView) -> Table:
    table = Table(title=f"Aggregator {escape(view.name)}", show_header=False)
    table.add_column(style="bold")
    table.add_column(overflow="fold")
    table.add_row("address", view.address)
    if view.reading is not None:
        table.add_row(
            "latest",
            f"{view.reading.answer:f} (round {view.reading.round_id}, {view.reading.age_s} s old)",
        )
    else:
        table.add_row("latest", escape(view.reading_error or "-"))
    if view.peek_answer is not None:
        table.add_row(
            "update() now",
            f"{view.peek_answer} from {view.peek_sources_used} sources, updated at "
            f"{utc(view.peek_updated_at or 0)}",
        )
    else:
        table.add_row("update() now", f"reverts: {escape(view.peek_error or '')}")
    for source, heartbeat in zip(view.sources, view.heartbeats_s, strict=False):
        table.add_row("source", f"{source} (heartbeat {heartbeat} s)")
    table.add_row("min sources", str(view.min_sources))
    table.add_row("max spread", f"{view.max_spread_bps} bps")
    table.add_row("min interval", f"{view.min_interval_s} s")
    history = "all" if view.history_rounds == 0 else str(view.history_rounds)
    table.add_row("rounds kept", history)
    return table
