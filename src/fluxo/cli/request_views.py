"""How `fluxo request ...` shows a request: JSON documents (the conventions of
`fluxo.cli.output`) and rich tables, from the SDK's `RequestInfo`, `RequestState` and updates."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rich.markup import escape
from rich.table import Table

from fluxo.chain.bindings.results import RoundInfo
from fluxo.cli.output import duration, short, utc
from fluxo.cli.session import Token
from fluxo.domain.outcome import OutcomeKind
from fluxo.sdk import RequestInfo, RequestState, RequestUpdate, decode_answer


@dataclass(frozen=True, slots=True)
class AccountStake:
    """What an account holds in a round on an outcome now (from `staked`)."""

    round: int
    outcome: bytes
    amount_wei: int


@dataclass(frozen=True, slots=True)
class AccountView:
    """An account's part in a request: its stakes and what `claim` would pay it now."""

    account: str
    stakes: tuple[AccountStake, ...]
    claimable_stake_wei: int
    claimable_payment_wei: int


def outcome_json(
    outcome: bytes, info: RequestInfo, published: Mapping[bytes, str] | None = None
) -> dict[str, Any]:
    """An outcome word and what it means for this request."""
    answer = decode_answer(
        outcome,
        outcomes=info.outcomes,
        data_type=info.data_type,
        decimals=info.decimals,
        published=published,
    )
    document: dict[str, Any] = {
        "hex": "0x" + outcome.hex(),
        "answer": str(answer),
        "invalid": answer.invalid,
    }
    if answer.invalid:
        return document
    if info.kind is OutcomeKind.CATEGORICAL:
        document.update(index=answer.index, label=answer.label)
    elif info.kind is OutcomeKind.NUMBER:
        document.update(number=f"{answer.number:f}", raw=str(answer.raw))
    else:
        document.update(text=answer.text)
    return document


def outcome_text(
    outcome: bytes, info: RequestInfo, published: Mapping[bytes, str] | None = None
) -> str:
    return str(outcome_json(outcome, info, published)["answer"])


def info_json(info: RequestInfo, requester_name: str | None) -> dict[str, Any]:
    return {
        "request_id": info.request_id,
        "requester": info.requester,
        "requester_name": requester_name,
        "kind": info.kind.name.lower(),
        "description": info.description,
        "sources": [{"url": s.end_point, "path": s.source_path} for s in info.sources],
        "outcomes": list(info.outcomes),
        "data_type": info.data_type,
        "decimals": info.decimals,
        "tags": list(info.tags),
        "config_id": info.config_id,
        "base_bond_wei": str(info.base_bond),
        "fee_wei": str(info.fee),
        "settlement_time": info.settlement_time,
        "challenge_period_s": info.challenge_period,
        "created_block": info.created_block,
    }


def round_json(
    index: int, info: RoundInfo, request: RequestInfo, published: Mapping[bytes, str]
) -> dict[str, Any]:
    return {
        "round": index,
        "bond_wei": str(info.bond),
        "start": info.start,
        "end": info.end,
        "bonded": info.bonded,
        "bonded_outcome": (
            outcome_json(info.bonded_outcome, request, published) if info.bonded else None
        ),
    }


def state_json(
    state: RequestState, info: RequestInfo, published: Mapping[bytes, str]
) -> dict[str, Any]:
    return {
        "status": state.status.value,
        "current_round": state.current_round,
        "rounds": [round_json(i, r, info, published) for i, r in enumerate(state.rounds)],
        "final_outcome": (
            None
            if state.final_outcome is None
            else outcome_json(state.final_outcome, info, published)
        ),
    }


def account_json(
    view: AccountView, info: RequestInfo, published: Mapping[bytes, str]
) -> dict[str, Any]:
    return {
        "account": view.account,
        "stakes": [
            {
                "round": stake.round,
                "outcome": outcome_json(stake.outcome, info, published),
                "amount_wei": str(stake.amount_wei),
            }
            for stake in view.stakes
        ],
        "claimable_stake_wei": str(view.claimable_stake_wei),
        "claimable_payment_wei": str(view.claimable_payment_wei),
    }


def update_json(
    update: RequestUpdate, info: RequestInfo, published: Mapping[bytes, str]
) -> dict[str, Any]:
    return {
        "kind": update.kind,
        "request_id": update.request_id,
        "round": update.round,
        "outcome": (
            None if update.outcome is None else outcome_json(update.outcome, info, published)
        ),
        "amount_wei": None if update.amount is None else str(update.amount),
        "account": update.account,
        "block_number": update.event.block_number,
        "transaction_hash": "0x" + update.event.transaction_hash.hex(),
    }


def update_line(
    update: RequestUpdate, info: RequestInfo, published: Mapping[bytes, str], flx: Token
) -> str:
    """One update as a line a person reads: `block 12  bonded  round 0  10 FLX on Team A by …`."""
    parts = [f"block {update.event.block_number}", f"[bold]{update.kind}[/]"]
    if update.round is not None:
        parts.append(f"round {update.round}")
    if update.amount is not None:
        parts.append(flx.show(update.amount))
    if update.outcome is not None:
        parts.append(f"on {escape(outcome_text(update.outcome, info, published))}")
    if update.account is not None:
        parts.append(f"by {update.account}")
    return "  ".join(parts)


def request_table(
    info: RequestInfo,
    requester_name: str | None,
    state: RequestState,
    published: Mapping[bytes, str],
    flx: Token,
    payment: Token,
) -> Table:
    table = Table(title=f"Request #{info.request_id}", show_header=False)
    table.add_column(style="bold")
    table.add_column(overflow="fold")
    table.add_row("status", f"[bold]{state.status.value}[/]")
    table.add_row("kind", info.kind.name.lower())
    table.add_row("description", escape(info.description))
    for source in info.sources:
        table.add_row("source", escape(f"{source.end_point}#{source.source_path}"))
    if info.outcomes:
        table.add_row(
            "outcomes", escape(", ".join(f"{i}: {o}" for i, o in enumerate(info.outcomes)))
        )
    if info.kind is OutcomeKind.NUMBER:
        table.add_row("decimals", str(info.decimals))
    if info.tags:
        table.add_row("tags", escape(", ".join(info.tags)))
    name = f" ({escape(requester_name)})" if requester_name else ""
    table.add_row("requester", f"{info.requester}{name}")
    table.add_row("round-0 bond (B0)", flx.show(info.base_bond))
    table.add_row("fee", payment.show(info.fee))
    table.add_row("settlement time", utc(info.settlement_time))
    table.add_row("challenge period", duration(info.challenge_period))
    table.add_row("config", str(info.config_id))
    if state.final_outcome is not None:
        final = outcome_text(state.final_outcome, info, published)
        table.add_row("final answer", f"[bold]{escape(final)}[/]")
    return table


def rounds_table(
    state: RequestState, info: RequestInfo, published: Mapping[bytes, str], flx: Token
) -> Table:
    table = Table(title="Rounds")
    for column in ("round", "bond", "opens", "closes", "bonded outcome"):
        table.add_column(column, justify="right" if column in ("round", "bond") else "left")
    for index, round_info in enumerate(state.rounds):
        table.add_row(
            str(index),
            flx.show(round_info.bond),
            utc(round_info.start),
            "no deadline" if round_info.end == 0 else utc(round_info.end),
            (
                escape(outcome_text(round_info.bonded_outcome, info, published))
                if round_info.bonded
                else "-"
            ),
        )
    return table


def account_table(
    view: AccountView,
    info: RequestInfo,
    published: Mapping[bytes, str],
    flx: Token,
    payment: Token,
) -> Table:
    table = Table(title="Stakes", min_width=60)
    table.add_column("round", justify="right")
    table.add_column("outcome")
    table.add_column("staked", justify="right")
    for stake in view.stakes:
        table.add_row(
            str(stake.round),
            escape(outcome_text(stake.outcome, info, published)),
            flx.show(stake.amount_wei),
        )
    table.caption = (
        f"of {view.account}; claimable now: {flx.show(view.claimable_stake_wei)} and "
        f"{payment.show(view.claimable_payment_wei)}"
    )
    return table


def list_table(
    rows: Sequence[tuple[RequestInfo, RequestState, str | None]], flx: Token, payment: Token
) -> Table:
    table = Table(title="Requests (newest first)")
    for column in ("id", "status", "kind", "description", "requester", "B0", "fee", "settles"):
        table.add_column(column, justify="right" if column in ("id", "B0", "fee") else "left")
    for info, state, name in rows:
        table.add_row(
            str(info.request_id),
            state.status.value,
            info.kind.name.lower(),
            escape(info.description or "(sources only)"),
            escape(name) if name else short(info.requester),
            flx.show(info.base_bond),
            payment.show(info.fee),
            utc(info.settlement_time),
        )
    return table
