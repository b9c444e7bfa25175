"""`fluxo market ...`: create prediction markets (from flags, a file or a shipped template), read
the board with its odds, trade, provide liquidity and redeem.

Commands parse their input, call `fluxo.cli.market_actions` (which talks to the chain through
the SDK's markets) and print tables or `--json`. Anything wrong with the input exits 2 naming
the value, before anything is sent; what the market's state refuses now exits 1."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Final

import typer

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
    from fluxo.cli.market_actions import MarketView, Traded
    from fluxo.cli.request_actions import Context

DEFAULT_SLIPPAGE_BPS: Final = 100
DEFAULT_DEADLINE_S: Final = 600
MAX_SLIPPAGE_BPS: Final = 9_999

market_app = typer.Typer(
    name="market",
    help="Prediction markets resolved by the Oracle: create, browse, trade, provide liquidity, "
    "redeem.",
    no_args_is_help=True,
    add_completion=False,
)

MarketIdArgument = Annotated[int, typer.Argument(help="The market's id.", show_default=False)]
OutcomeArgument = Annotated[
    str,
    typer.Argument(
        help="An outcome's label or index (a scalar market's: Short or Long).",
        show_default=False,
    ),
]
SlippageOption = Annotated[
    int,
    typer.Option(help="How far the price may move against you, in basis points (100 = 1 %)."),
]
DeadlineOption = Annotated[
    int, typer.Option(help="Seconds from now the transaction stays valid (chain time).")
]


def _context(
    rpc_url: str,
    deployment: Path,
    private_key_env: str | None = None,
    keystore: Path | None = None,
    keystore_password_env: str = DEFAULT_KEYSTORE_PASSWORD_ENV_VAR,
) -> "Context":
    from fluxo.cli.request_actions import command_context

    return command_context(rpc_url, deployment, private_key_env, keystore, keystore_password_env)


def _check_trade_options(slippage_bps: int, deadline_s: int) -> None:
    if not 0 <= slippage_bps <= MAX_SLIPPAGE_BPS:
        raise ConfigError("--slippage-bps", slippage_bps, f"0 to {MAX_SLIPPAGE_BPS}")
    if deadline_s <= 0:
        raise ConfigError("--deadline-s", deadline_s, "must be more than 0")


@market_app.command("create")
def create(
    template: Annotated[
        str | None, typer.Option(help="A shipped template (`fluxo market templates`).")
    ] = None,
    set_: Annotated[
        list[str] | None,
        typer.Option("--set", help="A template variable, KEY=VALUE; repeatable."),
    ] = None,
    file: Annotated[
        Path | None,
        typer.Option("--file", help="A TOML or JSON market (schema: README); flags override it."),
    ] = None,
    question: Annotated[str | None, typer.Option(help="The question, for people.")] = None,
    category: Annotated[str | None, typer.Option(help="Its category tag (esports, ...).")] = None,
    outcome: Annotated[
        list[str] | None, typer.Option(help="A categorical outcome label; repeat 2 to 8 times.")
    ] = None,
    lower: Annotated[
        str | None, typer.Option(help="Scalar: the answer where short takes all (-200, 1.5).")
    ] = None,
    upper: Annotated[
        str | None, typer.Option(help="Scalar: the answer where long takes all.")
    ] = None,
    decimals: Annotated[
        int | None, typer.Option(help="Scalar: the answer is scaled by 10**decimals.")
    ] = None,
    source: Annotated[
        list[str] | None,
        typer.Option(help="Where nodes fetch the answer, URL#PATH; repeatable."),
    ] = None,
    close_time: Annotated[
        str | None, typer.Option(help="When trading closes: unix seconds or ISO 8601 with zone.")
    ] = None,
    close_in_s: Annotated[
        int | None, typer.Option(help="Or: trading closes this many seconds from now.")
    ] = None,
    settlement_time: Annotated[
        str | None, typer.Option(help="When the Oracle may answer (default: at close).")
    ] = None,
    settle_after_close_s: Annotated[
        int | None, typer.Option(help="Or: it may answer this many seconds after close.")
    ] = None,
    challenge_period_s: Annotated[
        int | None, typer.Option(help="The Oracle request's dispute window, in seconds.")
    ] = None,
    fee_bps: Annotated[
        int | None, typer.Option(help="Swap fee for liquidity providers: 0, or 1 to 500 bps.")
    ] = None,
    funding: Annotated[
        str | None, typer.Option(help="Initial liquidity from you, in collateral units.")
    ] = None,
    weight: Annotated[
        list[int] | None,
        typer.Option(help="Initial odds, one per outcome: price ∝ 1/weight (equal by default)."),
    ] = None,
    min_bond: Annotated[
        str | None, typer.Option(help="Floor of the request's round-0 bond, in FLX.")
    ] = None,
    oracle_fee: Annotated[
        str | None, typer.Option(help="Fee for the Oracle's correct stakers, payment-token units.")
    ] = None,
    collateral: Annotated[
        str | None, typer.Option(help="The collateral ERC-20 (default: the payment token).")
    ] = None,
    rpc_url: RpcUrlOption = DEFAULT_RPC_URL,
    deployment: DeploymentOption = DEFAULT_DEPLOYMENT_PATH,
    private_key_env: PrivateKeyEnvOption = DEFAULT_PRIVATE_KEY_ENV_VAR,
    keystore: KeystoreOption = None,
    keystore_password_env: KeystorePasswordEnvOption = DEFAULT_KEYSTORE_PASSWORD_ENV_VAR,
    as_json: JsonOption = False,
) -> None:
    """Create a market and its Oracle request (from flags, --file or --template).

    You pay the Oracle's validity bond and the oracle fee (payment token) and the initial
    funding (collateral). Everything is checked against the chain first. Categorical: give
    --outcome 2 to 8 times; scalar: --lower and --upper (and --decimals).

    Example: fluxo market create --template esports-match-winner --set
    data_url=http://127.0.0.1:8600 --set match_id=42 --close-in-s 3600
    """
    from fluxo.cli import market_actions
    from fluxo.cli.market_file import market_input
    from fluxo.cli.session import run

    flags = {
        "question": question,
        "category": category,
        "outcomes": outcome,
        "lower": lower,
        "upper": upper,
        "decimals": decimals,
        "sources": source,
        "close_time": close_time,
        "close_in_s": close_in_s,
        "settlement_time": settlement_time,
        "settle_after_close_s": settle_after_close_s,
        "challenge_period_s": challenge_period_s,
        "fee_bps": fee_bps,
        "funding": funding,
        "weights": weight,
        "min_bond": min_bond,
        "oracle_fee": oracle_fee,
        "collateral": collateral,
    }
    with reporting(stderr_console(), "market create"):
        given = market_input(file, template, set_ or [], flags)
        context = _context(rpc_url, deployment, private_key_env, keystore, keystore_password_env)
        created = run(market_actions.create(context, given))
        if as_json:
            _emit(created)
            return
        from fluxo.cli.market_views import odds_line

        market = created.market
        stdout_console().print(
            f"Created market [bold]#{market.market_id}[/] ({market.category or 'no category'}) "
            f"with Oracle request #{market.request_id}: {odds_line(market)}"
        )


@market_app.command("list")
def list_markets(
    category: Annotated[str | None, typer.Option(help="Only markets of this category.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many, newest first.")] = 20,
    rpc_url: RpcUrlOption = DEFAULT_RPC_URL,
    deployment: DeploymentOption = DEFAULT_DEPLOYMENT_PATH,
    as_json: JsonOption = False,
) -> None:
    """List markets newest first, with their odds and status.

    Example: fluxo market list --category esports --json
    """
    from fluxo.cli import market_actions
    from fluxo.cli.market_actions import MarketView
    from fluxo.cli.market_views import list_table, market_json
    from fluxo.cli.session import run

    with reporting(stderr_console(), "market list"):
        if limit < 1:
            raise ConfigError("--limit", limit, "at least 1")
        rows = run(market_actions.listing(_context(rpc_url, deployment), category, limit))
        if as_json:
            emit_json({"markets": [market_json(MarketView(m, t)) for m, t in rows]})
            return
        stdout_console().print(list_table(rows))


@market_app.command("categories")
def categories(
    rpc_url: RpcUrlOption = DEFAULT_RPC_URL,
    deployment: DeploymentOption = DEFAULT_DEPLOYMENT_PATH,
    as_json: JsonOption = False,
) -> None:
    """List the category tags markets were created under, with how many each has.

    Example: fluxo market categories --json
    """
    from fluxo.cli import market_actions
    from fluxo.cli.session import run

    with reporting(stderr_console(), "market categories"):
        counts = run(market_actions.categories(_context(rpc_url, deployment)))
        if as_json:
            emit_json({"categories": [{"category": c, "markets": n} for c, n in counts.items()]})
            return
        from rich.table import Table

        table = Table(title="Categories")
        table.add_column("category")
        table.add_column("markets", justify="right")
        for name, count in counts.items():
            table.add_row(name or "-", str(count))
        stdout_console().print(table)


@market_app.command("templates")
def templates(as_json: JsonOption = False) -> None:
    """List the shipped market templates and the variables each takes (--set KEY=VALUE).

    Example: fluxo market templates
    """
    from fluxo.markets.templates import load_template, template_names

    with reporting(stderr_console(), "market templates"):
        shipped = [load_template(name) for name in template_names()]
        if as_json:
            emit_json(
                {
                    "templates": [
                        {
                            "name": t.name,
                            "summary": t.summary,
                            "category": t.fields.get("category"),
                            "variables": dict(t.variables),
                            "defaults": dict(t.defaults),
                        }
                        for t in shipped
                    ]
                }
            )
            return
        out = stdout_console()
        for chosen in shipped:
            out.print(f"[bold]{chosen.name}[/]: {chosen.summary}")
            for name, meaning in chosen.variables.items():
                default = chosen.defaults.get(name)
                suffix = f" (default {default!r})" if default is not None else ""
                out.print(f"    {name}: {meaning}{suffix}")


@market_app.command("show")
def show(
    market_id: MarketIdArgument,
    account: Annotated[
        str | None, typer.Option("--account", help="Also show this account's position and P&L.")
    ] = None,
    rpc_url: RpcUrlOption = DEFAULT_RPC_URL,
    deployment: DeploymentOption = DEFAULT_DEPLOYMENT_PATH,
    as_json: JsonOption = False,
) -> None:
    """Show a market: its question, odds, pool, status, and optionally a position.

    Example: fluxo market show 0 --account 0x70997970C51812dc3A010C7d01b50e0d17dc79C8
    """
    from fluxo.cli import market_actions
    from fluxo.cli.session import address_option, run

    with reporting(stderr_console(), "market show"):
        who = None if account is None else address_option(account, "--account")
        shown = run(market_actions.show(_context(rpc_url, deployment), market_id, who))
        if as_json:
            _emit(shown)
            return
        _print(shown)


@market_app.command("buy")
def buy(
    market_id: MarketIdArgument,
    outcome: OutcomeArgument,
    amount: Annotated[str, typer.Option(help="Collateral to pay, fee included.")],
    slippage_bps: SlippageOption = DEFAULT_SLIPPAGE_BPS,
    deadline_s: DeadlineOption = DEFAULT_DEADLINE_S,
    rpc_url: RpcUrlOption = DEFAULT_RPC_URL,
    deployment: DeploymentOption = DEFAULT_DEPLOYMENT_PATH,
    private_key_env: PrivateKeyEnvOption = DEFAULT_PRIVATE_KEY_ENV_VAR,
    keystore: KeystoreOption = None,
    keystore_password_env: KeystorePasswordEnvOption = DEFAULT_KEYSTORE_PASSWORD_ENV_VAR,
    as_json: JsonOption = False,
) -> None:
    """Buy an outcome's shares for an amount of collateral (approving it once if needed).

    Example: fluxo market buy 0 "Team A" --amount 10
    """
    with reporting(stderr_console(), "market buy"):
        context = _context(rpc_url, deployment, private_key_env, keystore, keystore_password_env)
        _trade(context, market_id, outcome, amount, True, slippage_bps, deadline_s, as_json)


@market_app.command("sell")
def sell(
    market_id: MarketIdArgument,
    outcome: OutcomeArgument,
    amount: Annotated[str, typer.Option(help="Collateral to receive, after the fee.")],
    slippage_bps: SlippageOption = DEFAULT_SLIPPAGE_BPS,
    deadline_s: DeadlineOption = DEFAULT_DEADLINE_S,
    rpc_url: RpcUrlOption = DEFAULT_RPC_URL,
    deployment: DeploymentOption = DEFAULT_DEPLOYMENT_PATH,
    private_key_env: PrivateKeyEnvOption = DEFAULT_PRIVATE_KEY_ENV_VAR,
    keystore: KeystoreOption = None,
    keystore_password_env: KeystorePasswordEnvOption = DEFAULT_KEYSTORE_PASSWORD_ENV_VAR,
    as_json: JsonOption = False,
) -> None:
    """Sell an outcome's shares for exactly an amount of collateral.

    Example: fluxo market sell 0 "Team A" --amount 4.5
    """
    with reporting(stderr_console(), "market sell"):
        context = _context(rpc_url, deployment, private_key_env, keystore, keystore_password_env)
        _trade(context, market_id, outcome, amount, False, slippage_bps, deadline_s, as_json)


def _trade(
    context: "Context",
    market_id: int,
    outcome: str,
    amount: str,
    buying: bool,
    slippage_bps: int,
    deadline_s: int,
    as_json: bool,
) -> None:
    from fluxo.cli import market_actions
    from fluxo.cli.session import run

    _check_trade_options(slippage_bps, deadline_s)
    traded = run(
        market_actions.trade(
            context,
            market_id,
            outcome,
            amount,
            buying=buying,
            slippage_bps=slippage_bps,
            deadline_s=deadline_s,
        )
    )
    _report_trade(traded, as_json)


@market_app.command("add-liquidity")
def add_liquidity(
    market_id: MarketIdArgument,
    amount: Annotated[str, typer.Option(help="Collateral to add.")],
    weight: Annotated[
        list[int] | None,
        typer.Option(help="First liquidity only: odds, one per outcome (price ∝ 1/weight)."),
    ] = None,
    deadline_s: DeadlineOption = DEFAULT_DEADLINE_S,
    rpc_url: RpcUrlOption = DEFAULT_RPC_URL,
    deployment: DeploymentOption = DEFAULT_DEPLOYMENT_PATH,
    private_key_env: PrivateKeyEnvOption = DEFAULT_PRIVATE_KEY_ENV_VAR,
    keystore: KeystoreOption = None,
    keystore_password_env: KeystorePasswordEnvOption = DEFAULT_KEYSTORE_PASSWORD_ENV_VAR,
    as_json: JsonOption = False,
) -> None:
    """Add liquidity at the pool's odds; the outcome tokens they leave over are yours.

    Example: fluxo market add-liquidity 0 --amount 50
    """
    from fluxo.cli import market_actions
    from fluxo.cli.session import run

    with reporting(stderr_console(), "market add-liquidity"):
        _check_trade_options(0, deadline_s)
        context = _context(rpc_url, deployment, private_key_env, keystore, keystore_password_env)
        added = run(
            market_actions.add_liquidity(
                context, market_id, amount, tuple(weight or ()), deadline_s
            )
        )
        _report_trade(added, as_json)


@market_app.command("remove-liquidity")
def remove_liquidity(
    market_id: MarketIdArgument,
    shares: Annotated[
        str | None, typer.Option(help="Liquidity shares to remove (default: all yours).")
    ] = None,
    merge: Annotated[
        bool, typer.Option(help="Turn the complete sets you then hold back into collateral.")
    ] = True,
    deadline_s: DeadlineOption = DEFAULT_DEADLINE_S,
    rpc_url: RpcUrlOption = DEFAULT_RPC_URL,
    deployment: DeploymentOption = DEFAULT_DEPLOYMENT_PATH,
    private_key_env: PrivateKeyEnvOption = DEFAULT_PRIVATE_KEY_ENV_VAR,
    keystore: KeystoreOption = None,
    keystore_password_env: KeystorePasswordEnvOption = DEFAULT_KEYSTORE_PASSWORD_ENV_VAR,
    as_json: JsonOption = False,
) -> None:
    """Remove liquidity before resolution: the pool's outcome tokens come back to you.

    Example: fluxo market remove-liquidity 0 --shares 25
    """
    from fluxo.cli import market_actions
    from fluxo.cli.session import run

    with reporting(stderr_console(), "market remove-liquidity"):
        _check_trade_options(0, deadline_s)
        context = _context(rpc_url, deployment, private_key_env, keystore, keystore_password_env)
        removed = run(
            market_actions.remove_liquidity(context, market_id, shares, merge, deadline_s)
        )
        _report_trade(removed, as_json)


@market_app.command("redeem")
def redeem(
    market_id: MarketIdArgument,
    rpc_url: RpcUrlOption = DEFAULT_RPC_URL,
    deployment: DeploymentOption = DEFAULT_DEPLOYMENT_PATH,
    private_key_env: PrivateKeyEnvOption = DEFAULT_PRIVATE_KEY_ENV_VAR,
    keystore: KeystoreOption = None,
    keystore_password_env: KeystorePasswordEnvOption = DEFAULT_KEYSTORE_PASSWORD_ENV_VAR,
    as_json: JsonOption = False,
) -> None:
    """Collect what a resolved market owes you: winnings, INVALID refunds, liquidity.

    The creator also collects the Oracle's refund (its validity bond after a valid answer).

    Example: fluxo market redeem 0
    """
    from fluxo.cli import market_actions
    from fluxo.cli.session import run

    with reporting(stderr_console(), "market redeem"):
        context = _context(rpc_url, deployment, private_key_env, keystore, keystore_password_env)
        redeemed = run(market_actions.redeem(context, market_id))
        collateral, redemption = redeemed.view.collateral, redeemed.redemption
        if as_json:
            from fluxo.cli.market_views import market_json

            emit_json(
                {
                    **market_json(redeemed.view),
                    "paid_wei": str(redemption.paid_wei),
                    "liquidity_paid_wei": str(redemption.liquidity_paid_wei),
                    "creator_refund_wei": str(redeemed.creator_refund_wei),
                }
            )
            return
        out = stdout_console()
        out.print(
            f"Redeemed market #{market_id}: {collateral.show(redemption.paid_wei)} for shares, "
            f"{collateral.show(redemption.liquidity_paid_wei)} for liquidity"
        )
        if redeemed.creator_refund_wei:
            out.print(f"Creator refund: {redeemed.payment.show(redeemed.creator_refund_wei)}")
        _print(redeemed.view)


def _report_trade(traded: "Traded", as_json: bool) -> None:
    from fluxo.chain.bindings.prediction_market import Bought, LiquidityAdded, Sold
    from fluxo.cli.amounts import format_units

    event, collateral = traded.event, traded.view.collateral
    if as_json:
        from fluxo.cli.market_views import market_json

        document = market_json(traded.view)
        document["trade"] = {
            "event": type(event).__name__,
            "tx_hash": "0x" + event.transaction_hash.hex(),
        }
        if isinstance(event, Bought | Sold):
            document["trade"].update(
                outcome=event.outcome,
                collateral_wei=str(
                    event.collateral_in if isinstance(event, Bought) else event.collateral_out
                ),
                fee_wei=str(event.fee),
                shares_wei=str(event.shares),
            )
        else:
            document["trade"]["shares_wei"] = str(event.shares)
            document["trade"]["merged_wei"] = str(traded.merged_wei)
        emit_json(document)
        return
    label = traded.view.market.labels[event.outcome] if isinstance(event, Bought | Sold) else ""
    out = stdout_console()
    shares = format_units(event.shares, collateral.decimals)
    if isinstance(event, Bought):
        out.print(
            f"Bought {shares} {label!r} shares for "
            f"{collateral.show(event.collateral_in)} (fee {collateral.show(event.fee)})"
        )
    elif isinstance(event, Sold):
        out.print(
            f"Sold {shares} {label!r} shares for "
            f"{collateral.show(event.collateral_out)} (fee {collateral.show(event.fee)})"
        )
    elif isinstance(event, LiquidityAdded):
        out.print(
            f"Added {collateral.show(event.collateral_in)} of liquidity: {event.shares} shares"
        )
    else:
        merged = f"; merged {collateral.show(traded.merged_wei)} back" if traded.merged_wei else ""
        out.print(f"Removed {shares} liquidity shares{merged}")
    _print(traded.view)


def _emit(view: "MarketView") -> None:
    from fluxo.cli.market_views import market_json

    emit_json(market_json(view))


def _print(view: "MarketView") -> None:
    from fluxo.cli.market_views import market_table, position_table

    out = stdout_console()
    out.print(market_table(view))
    if view.position is not None:
        out.print(position_table(view))
