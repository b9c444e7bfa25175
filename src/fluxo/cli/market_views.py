"""How `fluxo market ...` shows a market: JSON documents (the conventions of `fluxo.cli.output`)
and rich tables, with odds as percentages of the pool's marginal prices."""

from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any, Final

from rich.markup import escape
from rich.table import Table

from fluxo.cli.amounts import format_units
from fluxo.cli.market_actions import MarketView
from fluxo.cli.output import utc
from fluxo.cli.session import Token
from fluxo.markets.fpmm import BPS, ONE
from fluxo.sdk import Market, MarketStatus, Position

# Prices are scaled by ONE: a percentage is price / 10**16.
_PERCENT: Final = Decimal(ONE // 100)
_TENTH: Final = Decimal("0.1")


def odds_text(price: int) -> str:
    """A price (scaled by `ONE`) as a percentage to the nearest tenth: `45.3 %`."""
    return f"{(Decimal(price) / _PERCENT).quantize(_TENTH, rounding=ROUND_HALF_EVEN)} %"


def kind_text(market: Market) -> str:
    return "scalar" if market.is_scalar else "categorical"


def scalar_text(market: Market) -> str:
    if market.scalar is None:
        return "bounds unknown (created through another contract)"
    decimals = market.scalar.decimals
    return (
        f"{format_units(market.scalar.lower, decimals)} to "
        f"{format_units(market.scalar.upper, decimals)}"
    )


def market_json(view: MarketView) -> dict[str, Any]:
    market, collateral = view.market, view.collateral
    outcomes = []
    for index, label in enumerate(market.labels):
        price = market.prices[index] if market.prices else None
        outcomes.append(
            {
                "index": index,
                "label": label,
                "price": None if price is None else str(Decimal(price) / ONE),
                "odds_bps": None if price is None else price * BPS // ONE,
                "pool_wei": str(market.pool_wei[index]),
            }
        )
    document: dict[str, Any] = {
        "market_id": market.market_id,
        "request_id": market.request_id,
        "question": market.question,
        "category": market.category,
        "kind": kind_text(market),
        "status": market.status.value,
        "creator": market.creator,
        "collateral": market.collateral,
        "collateral_symbol": collateral.symbol,
        "collateral_decimals": collateral.decimals,
        "fee_bps": market.fee_bps,
        "close_time": market.close_time,
        "settlement_time": market.settlement_time,
        "sources": [{"url": s.end_point, "path": s.source_path} for s in market.sources],
        "outcomes": outcomes,
        "scalar": None,
        "winner": market.winner,
        "liquidity_shares_wei": str(market.liquidity_shares),
        "complete_sets_wei": str(market.complete_sets_wei),
    }
    if market.scalar is not None:
        document["scalar"] = {
            "lower": format_units(market.scalar.lower, market.scalar.decimals),
            "upper": format_units(market.scalar.upper, market.scalar.decimals),
            "decimals": market.scalar.decimals,
        }
    if view.position is not None:
        document["position"] = position_json(view.position)
    return document


def position_json(position: Position) -> dict[str, Any]:
    return {
        "account": position.account,
        "shares_wei": [str(amount) for amount in position.shares],
        "net_cost_wei": str(position.net_cost_wei),
        "lp_shares_wei": str(position.lp_shares),
        "lp_book_wei": str(position.lp_book_wei),
        "value_wei": str(position.value_wei),
        "paid_in_wei": str(position.paid_in_wei),
        "taken_out_wei": str(position.taken_out_wei),
        "pnl_wei": str(position.pnl_wei),
    }


def market_table(view: MarketView) -> Table:
    market, collateral = view.market, view.collateral
    table = Table(title=f"Market #{market.market_id}: {escape(market.question)}", show_header=False)
    table.add_column(style="bold")
    table.add_column(overflow="fold")
    table.add_row("category", escape(market.category) or "-")
    table.add_row("kind", kind_text(market))
    if market.is_scalar:
        table.add_row("range", scalar_text(market))
    table.add_row("status", _status_text(market))
    table.add_row("collateral", f"{collateral.symbol} {market.collateral}")
    table.add_row("fee", f"{market.fee_bps / 100:g} %")
    table.add_row("closes", utc(market.close_time))
    table.add_row("settles", utc(market.settlement_time))
    table.add_row("Oracle request", f"#{market.request_id}")
    table.add_row("creator", market.creator)
    table.add_row("complete sets", collateral.show(market.complete_sets_wei))
    for source in market.sources:
        table.add_row("source", escape(f"{source.end_point}#{source.source_path}"))
    for index, label in enumerate(market.labels):
        odds = _outcome_text(market, index)
        table.add_row(
            f"{index}: {escape(label)}", f"{odds}  (pool {collateral.show(market.pool_wei[index])})"
        )
    return table


def position_table(view: MarketView) -> Table:
    position, collateral = view.position, view.collateral
    assert position is not None  # only called with an account
    table = Table(title=f"Position of {position.account}", show_header=False)
    table.add_column(style="bold")
    table.add_column(overflow="fold")
    for label, amount in zip(view.market.labels, position.shares, strict=True):
        table.add_row(f"{escape(label)} shares", format_units(amount, collateral.decimals))
    table.add_row("liquidity shares", format_units(position.lp_shares, collateral.decimals))
    table.add_row("paid in", collateral.show(position.paid_in_wei))
    table.add_row("taken out", collateral.show(position.taken_out_wei))
    table.add_row("worth now", collateral.show(position.value_wei))
    table.add_row("P&L", collateral.show(position.pnl_wei))
    return table


def list_table(rows: list[tuple[Market, Token]]) -> Table:
    table = Table(title="Markets, newest first")
    for column in ("id", "category", "question", "odds", "status", "closes", "sets"):
        table.add_column(column, overflow="fold")
    for market, collateral in rows:
        table.add_row(
            str(market.market_id),
            escape(market.category),
            escape(market.question),
            escape(odds_line(market)),
            market.status.value,
            utc(market.close_time),
            collateral.show(market.complete_sets_wei),
        )
    return table


def odds_line(market: Market) -> str:
    """`Team A 45.3 % · Team B 54.7 %`, or what the market resolved to."""
    if market.winner is not None:
        return f"won by {market.winner}"
    if market.status is MarketStatus.INVALID:
        return "INVALID: net costs refunded"
    if market.status is MarketStatus.RESOLVED:
        return _status_text(market)
    if not market.prices:
        return "no liquidity"
    return " · ".join(
        f"{label} {odds_text(price)}"
        for label, price in zip(market.labels, market.prices, strict=True)
    )


def _outcome_text(market: Market, index: int) -> str:
    """What an outcome is worth: its odds while the market trades, its payout once resolved."""
    if market.status is MarketStatus.INVALID:
        return "INVALID: net costs refunded"
    if market.winner is not None:
        return "won: pays 1 per share" if index == market.result else "lost"
    if market.status is MarketStatus.RESOLVED:
        return "see status"
    return odds_text(market.prices[index]) if market.prices else "no liquidity"


def _status_text(market: Market) -> str:
    if market.winner is not None:
        return f"resolved: {escape(market.winner)} won"
    if market.is_scalar and market.status is MarketStatus.RESOLVED and market.scalar is not None:
        span = market.scalar.upper - market.scalar.lower
        long_share = Decimal(market.result) / span if span else Decimal(0)
        return f"resolved: long pays {long_share:.4f}, short {1 - long_share:.4f} per share"
    return market.status.value
