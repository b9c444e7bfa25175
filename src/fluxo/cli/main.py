"""`fluxo`: the command-line entry point. Commands stay thin and delegate to the package."""

import typer

from fluxo import __version__
from fluxo.cli.aggregator import aggregator_app
from fluxo.cli.config import config_app
from fluxo.cli.demo import demo
from fluxo.cli.deploy import deploy
from fluxo.cli.faucet import faucet
from fluxo.cli.feed import feed_app
from fluxo.cli.request import request_app
from fluxo.cli.whitelist import whitelist_app

app = typer.Typer(
    name="fluxo",
    help="Fluxo: a decentralized oracle.",
    no_args_is_help=True,
    add_completion=False,
)


@app.callback()
def main() -> None:
    """Fluxo: a decentralized oracle."""


@app.command()
def version() -> None:
    """Print the installed Fluxo version."""
    typer.echo(f"fluxo {__version__}")


app.command()(deploy)
app.command()(faucet)
app.command()(demo)
app.add_typer(request_app, name="request")
app.add_typer(feed_app, name="feed")
app.add_typer(aggregator_app, name="aggregator")
app.add_typer(whitelist_app, name="whitelist")
app.add_typer(config_app, name="config")
