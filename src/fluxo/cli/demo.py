"""`fluxo demo`: play one request game on a throwaway local chain and show what happened."""

import time
from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.table import Table

from fluxo.exceptions import FluxoError

if TYPE_CHECKING:
    from fluxo.demo.scenario import DemoReport

_TOKEN_DECIMALS = 18


def demo() -> None:
    """One scripted request game on a local anvil, in seconds: a smoke test.

    A validator answers, a disputer disputes, a counter-disputer counters, anyone finalizes,
    everyone claims. `fluxo devnet` runs the real network.

    Example: fluxo demo
    """
    started_s = time.monotonic()
    # Imported here: web3 takes seconds to import, and other commands do not need it.
    from fluxo.demo.scenario import run_demo

    console = Console()
    try:
        with console.status("Starting anvil and playing the request game..."):
            report = run_demo()
    except FluxoError as error:
        console.print(f"[bold red]demo failed:[/] {error}")
        raise typer.Exit(code=1) from error
    except Exception as error:  # the demo must end with a message, whatever broke
        console.print(f"[bold red]demo failed unexpectedly:[/] {type(error).__name__}: {error}")
        raise typer.Exit(code=1) from error
    _render(console, report)
    console.print(f"[green]Done[/] in {time.monotonic() - started_s:.1f} s; anvil stopped.")


def _units(amount_wei: int, *, signed: bool = False) -> str:
    value = Decimal(amount_wei).scaleb(-_TOKEN_DECIMALS).normalize()
    text = f"{value:,f}"
    return f"+{text}" if signed and amount_wei > 0 else text


def _time(timestamp_s: int) -> str:
    return datetime.fromtimestamp(timestamp_s, tz=UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def _short(address: str) -> str:
    return f"{address[:6]}…{address[-4:]}"


def _render(console: Console, report: "DemoReport") -> None:
    console.print(_request_table(report))
    console.print(_rounds_table(report))
    console.print(_payouts_table(report))
    callback = report.callback
    console.print(
        f"Requester callback: [bold]OutcomeReceived[/](request_id={callback.request_id}, "
        f"outcome={callback.outcome}) on {_short(callback.requester)}; validity bond refunded: "
        f"{_units(callback.validity_bond_refund_wei)} {report.payment_symbol}"
    )
    console.print(_gas_table(report))


def _request_table(report: "DemoReport") -> Table:
    request = report.request
    stake, payment = report.stake_symbol, report.payment_symbol
    table = Table(title=f"Request #{request.request_id}", show_header=False)
    table.add_column(style="bold")
    table.add_column(overflow="fold")
    table.add_row("question", request.question)
    table.add_row("outcomes", ", ".join(f"{i}: {o}" for i, o in enumerate(request.outcomes)))
    table.add_row("source", request.source.end_point)
    table.add_row("source path", request.source.source_path)
    table.add_row("requester", request.requester)
    table.add_row("oracle", request.oracle)
    table.add_row("round-0 bond (B0)", f"{_units(request.base_bond)} {stake}")
    table.add_row("fee", f"{_units(request.fee)} {payment}")
    table.add_row("validity bond", f"{_units(request.validity_bond)} {payment}")
    table.add_row("challenge period", f"{request.challenge_period} s")
    table.add_row("settlement time", _time(request.settlement_time))
    table.add_row("final outcome", f"[bold]{request.final_outcome}[/]")
    return table


def _rounds_table(report: "DemoReport") -> Table:
    table = Table(title="Rounds")
    table.add_column("round", justify="right")
    table.add_column(f"bond ({report.stake_symbol})", justify="right")
    table.add_column("outcome")
    table.add_column("staker")
    table.add_column("bonded at")
    for row in report.rounds:
        table.add_row(
            str(row.round),
            _units(row.bond_wei),
            row.outcome,
            f"{row.staker_role} {_short(row.staker)}",
            _time(row.bonded_at_s),
        )
    return table


def _payouts_table(report: "DemoReport") -> Table:
    stake, payment = report.stake_symbol, report.payment_symbol
    table = Table(title="Payouts (Staked/Claimed events, balanceOf before and after)")
    table.add_column("account")
    for column in ("stake in", "stake out", "fee out", "net"):
        table.add_column(column, justify="right")
    table.add_column("note")
    for row in report.payouts:
        table.add_row(
            row.role,
            f"{_units(row.stake_in_wei)} {stake}",
            f"{_units(row.stake_out_wei)} {stake}",
            f"{_units(row.fee_out_wei)} {payment}",
            f"{_units(row.net_stake_wei, signed=True)} {stake}\n"
            f"{_units(row.net_payment_wei, signed=True)} {payment}",
            row.note,
        )
    return table


def _gas_table(report: "DemoReport") -> Table:
    table = Table(title="Gas used (receipts)")
    table.add_column("transaction")
    table.add_column("sender")
    table.add_column("gasUsed", justify="right")
    for row in report.gas:
        table.add_row(row.step, row.sender_role, f"{row.gas_used:,}")
    return table
