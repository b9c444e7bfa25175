"""`fluxo`: the command-line entry point. Commands stay thin and delegate to the package."""

from typing import TYPE_CHECKING, Final

import typer
from typer.core import TyperGroup

from fluxo import __version__
from fluxo.cli.aggregator import aggregator_app
from fluxo.cli.config import config_app
from fluxo.cli.demo import demo
from fluxo.cli.deploy import deploy
from fluxo.cli.faucet import faucet
from fluxo.cli.feed import feed_app
from fluxo.cli.market import market_app
from fluxo.cli.node import node_app
from fluxo.cli.request import request_app
from fluxo.cli.whitelist import whitelist_app

if TYPE_CHECKING:
    from typer._click.core import Context as ClickContext

TOUR = """Fluxo: a decentralized oracle. A tour, in the order you meet it:

[bold]fluxo deploy[/] puts the protocol (FLX, the Oracle, the FeedHub, optionally a
faucet and a Requester) on a chain and writes deployment.json, which every
other command reads (--deployment, or $FLUXO_DEPLOYMENT).

[bold]fluxo devnet[/] runs a local chain with everything deployed and funded, to try
the rest on.

[bold]fluxo faucet[/] ADDRESS drips test FLX (and payment tokens) to an account.

[bold]fluxo request[/] asks the Oracle a question and follows it (create, show, list,
watch), and plays its game by hand (stake, dispute, finalize, unstake, claim,
cancel, withdraw).

[bold]fluxo market[/] creates prediction markets on the Oracle (from templates: esports,
politics, sports, crypto prices), trades them and redeems them once answered.

[bold]fluxo feed[/] and [bold]fluxo aggregator[/] read price feeds (latest answer, history),
deploy a feed, and push an aggregator's update.

[bold]fluxo whitelist[/] and [bold]fluxo config[/] are for the Oracle's owner: which requester
contracts may ask, and the economics new requests get.

[bold]fluxo node[/] runs a validator and price provider.

Keys come only from an environment variable (--private-key-env,
$FLUXO_PRIVATE_KEY by default) or a keystore (--keystore); the chain from
--rpc-url (or $FLUXO_RPC_URL). Read commands take --json. Exit codes: 0 done;
1 failed, or refused by the chain's state before sending; 2 a mistake in the
input, named in the message, nothing sent."""

# `fluxo --help` lists commands in the tour's order; any other command comes after these.
TOUR_ORDER: Final = (
    "deploy",
    "devnet",
    "faucet",
    "request",
    "market",
    "feed",
    "aggregator",
    "whitelist",
    "config",
    "node",
    "demo",
    "version",
)


class TourOrder(TyperGroup):
    def list_commands(self, ctx: "ClickContext") -> list[str]:
        names = super().list_commands(ctx)
        rank = {name: index for index, name in enumerate(TOUR_ORDER)}
        return sorted(names, key=lambda name: rank.get(name, len(TOUR_ORDER)))


app = typer.Typer(
    name="fluxo",
    cls=TourOrder,
    help=TOUR,
    no_args_is_help=True,
    add_completion=False,
)


@app.callback()
def main() -> None:
    pass  # no docstring: it would replace TOUR as `fluxo --help`


def version() -> None:
    """Print the installed Fluxo version.

    Example: fluxo version
    """
    typer.echo(f"fluxo {__version__}")


# Panels in the order of the tour above.
SET_UP = "Set up"
ASK = "Ask and answer"
FEEDS = "Price feeds"
OWN = "Administer (the Oracle's owner)"
NODE = "Run a node"  # `devnet` belongs in SET_UP, `node` here
MORE = "More"
app.command(rich_help_panel=SET_UP)(deploy)
app.command(rich_help_panel=SET_UP)(faucet)
app.add_typer(request_app, name="request", rich_help_panel=ASK)
app.add_typer(market_app, name="market", rich_help_panel=ASK)
app.add_typer(feed_app, name="feed", rich_help_panel=FEEDS)
app.add_typer(aggregator_app, name="aggregator", rich_help_panel=FEEDS)
app.add_typer(whitelist_app, name="whitelist", rich_help_panel=OWN)
app.add_typer(config_app, name="config", rich_help_panel=OWN)
app.add_typer(node_app, name="node", rich_help_panel=NODE)
app.command(rich_help_panel=MORE)(demo)
app.command(rich_help_panel=MORE)(version)

if __name__ == "__main__":
    app()
