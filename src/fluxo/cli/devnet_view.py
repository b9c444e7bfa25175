"""How `fluxo devnet` looks: a live view while the network runs (requests and their rounds,
each validator's stake and reward, feed rounds, the markets with their odds), then the summary
read back from the chain."""

from decimal import Decimal
from types import TracebackType
from typing import TYPE_CHECKING, Final

from rich.console import Console, Group
from rich.live import Live
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from fluxo.devnet.summary import CheckStatus, RunSummary, run_checks

if TYPE_CHECKING:
    from fluxo.devnet.network import Devnet, Progress, Snapshot

_TOKEN_DECIMALS: Final = 18
_STATUS_STYLE: Final = {
    CheckStatus.PASSED: "[green]passed[/]",
    CheckStatus.FAILED: "[bold red]FAILED[/]",
}


def _units(amount_wei: int, *, signed: bool = False) -> str:
    text = f"{Decimal(amount_wei).scaleb(-_TOKEN_DECIMALS).normalize():,f}"
    return f"+{text}" if signed and amount_wei > 0 else text


class LiveView:
    """Step lines printed as they come, under them a table refreshed from each snapshot."""

    def __init__(self, console: Console) -> None:
        self._console = console
        self._live = Live(Text(""), console=console, refresh_per_second=4, transient=True)

    def progress(self) -> "Progress":
        from fluxo.devnet.network import Progress

        return Progress(on_step=self._step, on_snapshot=self._snapshot)

    def _step(self, text: str) -> None:
        self._console.print(escape(text), highlight=False)

    def _snapshot(self, snapshot: "Snapshot") -> None:
        self._live.update(_snapshot_view(snapshot))

    def __enter__(self) -> "LiveView":
        self._live.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._live.stop()


def _snapshot_view(snapshot: "Snapshot") -> Group:
    requests = Table(title=f"{snapshot.elapsed_s:.0f} s: {escape(snapshot.phase)}", expand=False)
    for column in ("request", "kind", "question", "round", "bonded", "status", "outcome"):
        requests.add_column(column)
    for r in snapshot.requests:
        requests.add_row(
            str(r.request_id),
            r.kind,
            r.key,
            str(r.current_round),
            str(r.bonded_rounds),
            r.status,
            escape(r.outcome or "-"),
        )
    nodes = Table(title="Validators (FLX)")
    for column in ("node", "staked", "claimed", "change"):
        nodes.add_column(column, justify="left" if column == "node" else "right")
    for n in snapshot.nodes:
        nodes.add_row(
            n.name,
            _units(n.staked_wei),
            _units(n.claimed_wei),
            _units(n.flx_change_wei, signed=True),
        )
    feeds = Table(title="Feeds")
    for column in ("feed", "round", "answer"):
        feeds.add_column(column)
    for f in snapshot.feeds:
        feeds.add_row(escape(f.name), str(f.round_id), f.answer or "-")
    if not snapshot.markets:
        return Group(requests, nodes, feeds)
    from fluxo.cli.market_views import odds_line

    markets = Table(title="Markets (odds as the pool prices them)")
    for column in ("market", "category", "status", "odds"):
        markets.add_column(column)
    for m in snapshot.markets:
        markets.add_row(
            f"{m.market.market_id} {escape(m.key)}",
            escape(m.market.category),
            m.market.status.value,
            escape(odds_line(m.market)),
        )
    return Group(requests, nodes, feeds, markets)


def render_summary(console: Console, summary: RunSummary) -> None:
    """The run as the chain records it, then the checks."""
    for table in (
        _requests_table(summary),
        _nodes_table(summary),
        _claims_table(summary),
        _feeds_table(summary),
        _markets_table(summary),
        _pnl_table(summary),
        _tokens_table(summary),
    ):
        console.print(table)
    if summary.conditional is not None:
        c = summary.conditional
        paid = ", ".join(f"{r.account} {_units(r.payout_wei)}" for r in c.redemptions)
        console.print(
            f"ConditionalTokens, request {c.request_id} ({escape(c.question)}): the data says "
            f"{escape(c.truth)}, Fluxo answered {escape(c.outcome or 'nothing')}, payouts "
            f"{list(c.payout_numerators)} / {c.payout_denominator}; redeemed: {escape(paid)} fUSD"
        )
    for note in summary.notes:
        console.print(f"[yellow]note[/]  {escape(note)}")
    for check in run_checks(summary):
        console.print(f"{_STATUS_STYLE[check.status]}  {check.name}: {escape(check.detail)}")
    console.print(f"Done in {summary.duration_s:.1f} s.")


def _requests_table(summary: RunSummary) -> Table:
    requests = Table(title="Requests (read back from the chain)")
    for column in ("id", "kind", "question", "data says", "outcome", "rounds", "bonds (FLX)"):
        requests.add_column(column)
    for r in summary.requests:
        requests.add_row(
            str(r.request_id),
            r.kind,
            r.key,
            escape(r.truth),
            escape(r.outcome_text or "not final"),
            str(r.rounds),
            ", ".join(_units(bond) for bond in r.bonds_wei),
        )
    return requests


def _markets_table(summary: RunSummary) -> Table:
    table = Table(title="Markets (read back from the chain)")
    for column in ("id", "market", "category", "kind", "data says", "resolved", "redeemed (fUSD)"):
        table.add_column(column)
    for m in summary.markets:
        table.add_row(
            str(m.market_id),
            escape(m.key),
            escape(m.category),
            m.kind,
            escape(m.truth),
            escape(f"{m.status}: {m.outcome}" if m.outcome is not None else m.status),
            _units(sum(r.paid_wei for r in m.redemptions)),
        )
    return table


def _pnl_table(summary: RunSummary) -> Table:
    table = Table(title="Market P&L per account (fUSD; the creator's is its liquidity)")
    for column in ("market", "account", "paid in", "taken out", "P&L"):
        table.add_column(column, justify="left" if column in ("market", "account") else "right")
    for m in summary.markets:
        for p in m.positions:
            table.add_row(
                f"{m.market_id} {escape(m.key)}",
                p.account,
                _units(p.paid_in_wei),
                _units(p.taken_out_wei),
                _units(p.pnl_wei, signed=True),
            )
    return table


def _nodes_table(summary: RunSummary) -> Table:
    nodes = Table(title="Nodes (FLX from after funding to the end)")
    for column in ("node", "address", "staked", "returned", "claimed", "slashed", "change"):
        nodes.add_column(column, justify="left" if column in ("node", "address") else "right")
    for n in summary.nodes:
        name = n.name + (" [red](faulty)[/]" if n.faulty else "")
        nodes.add_row(
            name,
            n.address,
            _units(n.staked_wei),
            _units(n.unstaked_wei),
            _units(n.claimed_wei),
            _units(n.slashed_wei),
            _units(n.flx_change_wei, signed=True),
        )
    return nodes


def _claims_table(summary: RunSummary) -> Table:
    claims = Table(title="Claims (claimable in the block before = paid = balance rise)")
    for column in ("request", "account", "FLX", "fUSD", "block"):
        claims.add_column(column, justify="left" if column == "account" else "right")
    for c in summary.claims:
        claims.add_row(
            str(c.request_id),
            c.account,
            _units(c.paid_stake_wei),
            _units(c.paid_payment_wei),
            str(c.block),
        )
    return claims


def _feeds_table(summary: RunSummary) -> Table:
    feeds = Table(title="Feed rounds (gas of the transaction that wrote each)")
    for column in ("feed", "round", "answer", "gas"):
        feeds.add_column(column, justify="left" if column == "feed" else "right")
    for f in summary.feeds:
        if not f.rounds:
            feeds.add_row(f"{escape(f.name)} ({f.kind})", "-", "no rounds", "-")
        for row in f.rounds:
            feeds.add_row(
                f"{escape(f.name)} ({f.kind})", str(row.round_id), row.answer, f"{row.gas_used:,}"
            )
    return feeds


def _tokens_table(summary: RunSummary) -> Table:
    tokens = Table(title="Conservation: every holder's balance against the supply")
    for column in ("token", "holders", "held", "supply", "Oracle holds", "Oracle owes"):
        tokens.add_column(column, justify="left" if column == "token" else "right")
    for token, held in zip(summary.tokens, summary.oracle, strict=False):
        owed = held.withdrawable_wei + held.unclaimed_wei + held.open_stakes_wei
        tokens.add_row(
            token.symbol,
            str(len(token.balances_wei)),
            _units(sum(token.balances_wei.values())),
            _units(token.total_supply_wei),
            _units(held.balance_wei),
            _units(owed),
        )
    return tokens


def render_reach(console: Console, devnet: "Devnet") -> None:
    """How to reach the network left running."""
    console.print("\n[bold]The network keeps running[/] (Ctrl-C stops it):")
    console.print(f"  RPC              {devnet.rpc_url}")
    console.print(f"  deployment file  {devnet.deployment_path}")
    for name, url in devnet.node_urls.items():
        console.print(f"  {name:<16} {url}/metrics  {url}/health")
    console.print(
        f"  try: FLUXO_RPC_URL={devnet.rpc_url} FLUXO_DEPLOYMENT={devnet.deployment_path} "
        "fluxo feed list",
        soft_wrap=True,
    )
