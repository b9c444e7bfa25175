"""The devnet's live view and summary as rich renders them: the markets with their odds as
percentages while they trade, their outcome once resolved, and each account's P&L."""

from rich.console import Console

from fluxo.cli.devnet_view import _snapshot_view, render_summary
from fluxo.devnet.network import MarketProgress, Snapshot
from fluxo.devnet.summary import (
    MarketHoldings,
    MarketRow,
    OracleHoldings,
    RunSummary,
    TokenHoldings,
    TraderPnlRow,
)
from fluxo.markets.fpmm import ONE
from fluxo.sdk import Market, MarketStatus

ADDRESS = "0x" + "11" * 20
USD = 10**18


def _market(status: MarketStatus, prices: tuple[int, ...], result: int = 0) -> Market:
    return Market(
        market_id=3,
        request_id=7,
        creator=ADDRESS,  # type: ignore[arg-type]
        collateral=ADDRESS,  # type: ignore[arg-type]
        question="Who wins Falcons vs Titans (match 2001)?",
        category="esports",
        labels=("Falcons", "Titans"),
        is_scalar=False,
        scalar=None,
        sources=(),
        fee_bps=200,
        close_time=1_000,
        settlement_time=1_000,
        status=status,
        pool_wei=(100 * USD, 100 * USD),
        prices=prices,
        liquidity_shares=100 * USD,
        complete_sets_wei=100 * USD,
        result=result,
        created_block=1,
    )


def _render(renderable: object) -> str:
    console = Console(record=True, width=200)
    console.print(renderable)
    return console.export_text()


def test_snapshot_view__trading_market__odds_as_percentages() -> None:
    market = _market(MarketStatus.TRADING, (ONE * 547 // 1000, ONE * 453 // 1000))
    snapshot = Snapshot(
        1.0, "markets", (), (), (), (MarketProgress("esports-match-winner", market),)
    )

    text = _render(_snapshot_view(snapshot))

    assert "3 esports-match-winner" in text
    assert "Falcons 54.7 % · Titans 45.3 %" in text


def test_snapshot_view__resolved_market__shows_its_winner() -> None:
    market = _market(MarketStatus.RESOLVED, (ONE // 2, ONE // 2), result=1)
    snapshot = Snapshot(
        1.0, "markets", (), (), (), (MarketProgress("esports-match-winner", market),)
    )

    assert "won by Titans" in _render(_snapshot_view(snapshot))


def test_snapshot_view__no_markets_yet__no_markets_table() -> None:
    assert "Markets" not in _render(_snapshot_view(Snapshot(1.0, "starting", (), (), ())))


def test_render_summary__markets_and_each_accounts_pnl() -> None:
    row = MarketRow(
        market_id=0,
        request_id=0,
        key="pulse-sports-postponed",
        category="sports",
        kind="categorical",
        question="Harbor City vs Ridgeview: what is the result?",
        labels=("Harbor City", "Draw", "Ridgeview"),
        truth="INVALID",
        status="invalid",
        outcome="INVALID",
        winner=None,
        redemptions=(),
        positions=(TraderPnlRow("trader-2", 6 * USD, 6 * USD, 0),),
        left_to_redeem_wei=0,
        lp_shares_left=0,
    )
    summary = RunSummary(
        chain_id=31337,
        rpc_url="http://127.0.0.1:8545",
        deployment_path="deployment.json",
        requests=(),
        nodes=(),
        claims=(),
        tokens=(TokenHoldings("fUSD", ADDRESS, 6 * USD, {"trader-2": 6 * USD}),),
        oracle=(OracleHoldings("fUSD", 0, 0, 0, 0),),
        feeds=(),
        price_steps=0,
        markets=(row,),
        market_holdings=MarketHoldings("fUSD", ADDRESS, 0),
    )
    console = Console(record=True, width=200)

    render_summary(console, summary)
    text = console.export_text()

    assert "invalid: INVALID" in text
    assert "trader-2" in text
    assert "markets hold at most dust" in text
