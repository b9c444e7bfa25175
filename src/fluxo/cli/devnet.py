"""`fluxo devnet`: a whole local Fluxo network, shown working, then stopped."""

import asyncio
import json
import os
import signal
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Final

import typer

from fluxo.cli.errors import EXIT_FAILURE, reporting
from fluxo.cli.output import stderr_console, stdout_console

if TYPE_CHECKING:
    from fluxo.devnet.network import DevnetOptions
    from fluxo.devnet.summary import RunSummary

DEFAULT_DIRECTORY: Final = Path(".fluxo-devnet")


def devnet(
    directory: Annotated[
        Path,
        typer.Option(
            "--dir", help="Where the deployment file, node configs, databases and logs go."
        ),
    ] = DEFAULT_DIRECTORY,
    short: Annotated[
        bool,
        typer.Option(
            help="One request of each kind, two markets (and the ConditionalTokens question) "
            "and shorter windows (for tests)."
        ),
    ] = False,
    keep_running: Annotated[
        bool, typer.Option(help="Leave the network up after the summary, until Ctrl-C.")
    ] = False,
    json_path: Annotated[
        Path | None, typer.Option("--json", help="Also write the summary as JSON to this file.")
    ] = None,
    rpc_url: Annotated[
        str | None,
        typer.Option(help="Use this chain instead of starting anvil (needs --keys-env)."),
    ] = None,
    keys_env: Annotated[
        str | None,
        typer.Option(
            help="With --rpc-url: the variable holding 14 private keys with ether (deployer, "
            "validator-1..5, provider-1..4, keeper, trader-1..3), separated by commas or spaces."
        ),
    ] = None,
) -> None:
    """Run a whole Fluxo network locally, show it working, check it, stop it.

    Anvil, the protocol, a data server, and 5 validators (one faulty), 4 price providers and a
    keeper as real `fluxo node run` processes. It asks questions of every kind, shows the
    network answer them live (the faulty validator disputed and slashed), moves prices so
    providers report and the keeper updates the aggregator, opens prediction markets from the
    shipped templates that three traders trade and the network resolves (one INVALID, one
    question through Gnosis ConditionalTokens), prints a summary read back from the chain
    (redemptions, each trader's P&L, a conservation check of every token), and stops
    everything it started (also on Ctrl-C). Exit code 1 if a check failed.

    Example: fluxo devnet --json summary.json
    """
    with reporting(stderr_console(), "devnet"):
        options = _options(directory, short, rpc_url, keys_env)
        passed = _run(options, keep_running, json_path)
    if not passed:
        raise typer.Exit(code=EXIT_FAILURE)


def _options(
    directory: Path, short: bool, rpc_url: str | None, keys_env: str | None
) -> "DevnetOptions":
    from fluxo.devnet.actors import actors_from_keys, dev_actors
    from fluxo.devnet.network import DevnetOptions
    from fluxo.exceptions import ConfigError

    if (rpc_url is None) != (keys_env is None):
        raise ConfigError("--keys-env", keys_env, "--rpc-url and --keys-env go together")
    if keys_env is None:
        actors = dev_actors()
    else:
        if keys_env not in os.environ:
            raise ConfigError("--keys-env", keys_env, f"${keys_env} is not set")
        actors = actors_from_keys(os.environ[keys_env], source=f"${keys_env}")
    return DevnetOptions(directory=directory.resolve(), actors=actors, short=short, rpc_url=rpc_url)


def _run(options: "DevnetOptions", keep_running: bool, json_path: Path | None) -> bool:
    """Run the devnet, show its summary (and write it), stop everything; whether every check
    passed. With `keep_running` the summary comes before the wait, without the process check."""
    from dataclasses import replace

    from fluxo.cli.devnet_view import LiveView, render_reach, render_summary
    from fluxo.devnet.network import Devnet
    from fluxo.devnet.summary import all_passed, as_json, run_checks

    console = stdout_console()
    view = LiveView(console)
    devnet = Devnet(options, view.progress())

    def report(summary: "RunSummary") -> bool:
        render_summary(console, summary)
        if json_path is not None:
            document = as_json(summary)
            json_path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
            console.print(f"Summary written to {json_path}")
        return all_passed(run_checks(summary))

    async def body() -> "RunSummary":
        # SIGTERM ends the run as Ctrl-C does: through the cleanup below.
        main = asyncio.current_task()
        if main is not None:
            asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, main.cancel)
        try:
            with view:
                summary = await devnet.run()
            if keep_running:
                report(summary)
                render_reach(console, devnet)
                await asyncio.Event().wait()  # until Ctrl-C or SIGTERM
            return summary
        finally:
            await devnet.close()

    try:
        summary = asyncio.run(body())
    except asyncio.CancelledError:
        raise KeyboardInterrupt from None
    finally:
        # Also when a second Ctrl-C cut the cleanup in `body` short.
        devnet.stop_processes()
    return report(replace(summary, processes=tuple(devnet.process_rows())))
