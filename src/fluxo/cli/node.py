"""`fluxo node run|once|check-config|answer|status`: the node daemon and the operator's views of
it. Every subcommand reads one `--config node.toml` (see deploy/node.sample.toml)."""

import asyncio
import signal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Final

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from fluxo.cli.errors import reporting
from fluxo.cli.options import JsonOption
from fluxo.cli.output import emit_json, stderr_console, stdout_console

if TYPE_CHECKING:
    from fluxo.node.config import ChainSection, NodeConfig

# SIGTERM ends the loop at its next step; past this the process exits anyway (what a service
# manager allows before it sends SIGKILL is usually 10 s or more).
DRAIN_LIMIT_S: Final = 8.0

node_app = typer.Typer(
    name="node",
    help="Run a validator, price provider and keeper node; check its config; see what it does.",
    no_args_is_help=True,
    add_completion=False,
)

ConfigOption = Annotated[
    Path,
    typer.Option(
        "--config",
        "-c",
        help="The node's TOML config (see deploy/node.sample.toml).",
        show_default=False,
    ),
]
ChainOption = Annotated[
    str | None,
    typer.Option("--chain", help="The [[chains]] entry to use (default: the first)."),
]


@node_app.command("run")
def run_node(config: ConfigOption) -> None:
    """Run the node until SIGTERM or SIGINT: scan, answer, stake, provide, keep.

    Example: fluxo node run --config node.toml
    """
    with reporting(stderr_console(), "node run"):
        loaded = _load(config)
        asyncio.run(_run(loaded, once=False))


@node_app.command("once")
def run_once(config: ConfigOption) -> None:
    """One pass over every chain, then exit (for cron and tests); exit 1 if a pass failed.

    Example: fluxo node once --config node.toml
    """
    with reporting(stderr_console(), "node once"):
        loaded = _load(config)
        ok = asyncio.run(_run(loaded, once=True))
    if not ok:
        raise typer.Exit(code=1)


@node_app.command("check-config")
def check_config(config: ConfigOption, as_json: JsonOption = False) -> None:
    """Validate the config, its deployment files and its secrets; print what would run.

    Example: fluxo node check-config --config node.toml
    """
    with reporting(stderr_console(), "node check-config"):
        from fluxo.node.config import resolve_signer

        loaded = _load(config)
        signer = resolve_signer(loaded.signer)
        summary: dict[str, Any] = {
            "config": str(config),
            "account": signer.address,
            "data_dir": str(loaded.node.data_dir),
            "listen": loaded.node.listen,
            "chains": [_chain_summary(chain) for chain in loaded.chains],
        }
    if as_json:
        emit_json(summary)
        return
    console = stdout_console()
    console.print(f"[green]config ok[/]: {escape(str(config))}")
    console.print(f"account  {summary['account']}")
    console.print(f"data_dir {escape(summary['data_dir'])}   listen {summary['listen']}")
    for chain in summary["chains"]:
        roles = ", ".join(chain["roles"]) or "none"
        console.print(
            f"chain [bold]{escape(chain['name'])}[/] (id {chain['chain_id']}): roles {roles}; "
            f"oracle {chain['oracle']}; {len(chain['rpc_urls'])} RPC URL(s)"
        )


@node_app.command("answer")
def answer(
    request_id: Annotated[int, typer.Argument(help="The Oracle request id.", min=0)],
    config: ConfigOption,
    chain: ChainOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show what the node would stake on a request, and why.

    Every source's URL, status, value or error, and the decision (outcome, INVALID, or abstain
    with its reason).

    Example: fluxo node answer 17 --config node.toml
    """
    with reporting(stderr_console(), "node answer"):
        loaded = _load(config)
        section = _chain(loaded, chain)
        report = asyncio.run(_answer(loaded, section, request_id))
    if as_json:
        emit_json(report["json"])
        return
    console = stdout_console()
    console.print(f"request {request_id} on {section.name}: {escape(report['description'])}")
    console.print(report["text"], markup=False, highlight=False)


@node_app.command("status")
def status(config: ConfigOption, as_json: JsonOption = False) -> None:
    """Show the node's open requests, exposure, balances and last actions.

    Read from the node's database (the node may be running) and the chain.

    Example: fluxo node status --config node.toml --json
    """
    with reporting(stderr_console(), "node status"):
        loaded = _load(config)
        snapshot = asyncio.run(_status(loaded))
    if as_json:
        emit_json(snapshot)
        return
    _print_status(stdout_console(), snapshot)


# --- bodies ----------------------------------------------------------------------------------


def _load(path: Path) -> "NodeConfig":
    from fluxo.exceptions import ConfigError
    from fluxo.node.config import load_config

    if not path.is_file():
        raise ConfigError("--config", str(path), "no such file (see deploy/node.sample.toml)")
    return load_config(path)


def _chain(config: "NodeConfig", name: str | None) -> "ChainSection":
    return config.chains[0] if name is None else config.chain(name)


def _chain_summary(chain: "ChainSection") -> dict[str, Any]:
    deployment = chain.deployed
    return {
        "name": chain.name,
        "chain_id": chain.chain_id,
        "rpc_urls": [label for _, label in chain.rpc_endpoints],
        "roles": list(chain.roles),
        "oracle": deployment.oracle,
        "start_block": deployment.start_block,
        "confirmations": chain.confirmations,
    }


async def _run(config: "NodeConfig", *, once: bool) -> bool:
    from fluxo.node.config import resolve_signer
    from fluxo.node.logs import make_logger
    from fluxo.node.runner import Node

    logger = make_logger(log_format=config.node.log_format)
    signer = resolve_signer(config.signer)
    node = await Node.start(config, signer, logger=logger, serve_http=not once)
    try:
        if once:
            return await node.run_once()
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, _stopper(stop, logger, signum))
        logger.info("node_started", account=signer.address, chains=[c.name for c in config.chains])
        runner = asyncio.create_task(node.run(stop))
        stopped = asyncio.create_task(stop.wait())
        await asyncio.wait({runner, stopped}, return_when=asyncio.FIRST_COMPLETED)
        stopped.cancel()
        try:
            await asyncio.wait_for(runner, timeout=DRAIN_LIMIT_S)
        except TimeoutError:
            logger.warning("drain_timeout", limit_s=DRAIN_LIMIT_S)
        return True
    finally:
        await node.close()
        logger.info("node_stopped")


def _stopper(stop: asyncio.Event, logger: Any, signum: int) -> Any:
    def handler() -> None:
        if not stop.is_set():
            logger.info("stopping", signal=signal.Signals(signum).name)
        stop.set()

    return handler


async def _answer(config: "NodeConfig", section: "ChainSection", request_id: int) -> dict[str, Any]:
    from fluxo.answering import decision_as_json, fetch_and_decide, render_decision
    from fluxo.answering.request import AnswerRequest
    from fluxo.sdk import Fluxo

    async with await Fluxo.connect(section.rpc_endpoints[0][0], deployment=section.deployed) as fx:
        info = await fx.requests.get(request_id)
    request = AnswerRequest(
        sources=info.sources,
        outcomes=info.outcomes,
        data_type=info.data_type,
        decimals=info.decimals,
    )
    fetch = config.fetch
    decision = await fetch_and_decide(request, fetch.policy, fetch.repeats, fetch.repeat_interval_s)
    body = {"request_id": request_id, "chain": section.name, **decision_as_json(decision)}
    return {"json": body, "text": render_decision(decision), "description": info.description}


async def _status(config: "NodeConfig") -> dict[str, Any]:
    from fluxo.node.config import resolve_signer
    from fluxo.node.status import node_status

    signer = resolve_signer(config.signer)
    return await node_status(config, signer.address)


def _print_status(console: Console, snapshot: dict[str, Any]) -> None:
    console.print(f"account {snapshot['account']}")
    for chain in snapshot["chains"]:
        console.print(f"\n[bold]{escape(chain['name'])}[/] (chain id {chain['chain_id']})")
        balances = chain["balances"]
        if balances is None:
            console.print(f"  chain unreachable: {escape(chain['error'] or '')}")
        else:
            console.print(
                "  balances: " + ", ".join(f"{name} {value}" for name, value in balances.items())
            )
        console.print(
            f"  last processed block {chain['last_processed_block']}; "
            f"exposure {chain['exposure_wei']} FLX wei"
        )
        table = Table("request", "status", "settles", "last decision", "tx")
        for request in chain["requests"]:
            last = request["decisions"][-1] if request["decisions"] else None
            table.add_row(
                str(request["request_id"]),
                request["status"],
                str(request["settlement_time"]),
                "-" if last is None else f"{last['action']} (round {last['round']})",
                "-" if last is None or last["tx_hash"] is None else last["tx_hash"][:18] + "…",
            )
        console.print(table)
        if chain["escalated"]:
            console.print(
                "  [yellow]waiting for the arbitrator:[/] "
                + ", ".join(str(r) for r in chain["escalated"])
            )
