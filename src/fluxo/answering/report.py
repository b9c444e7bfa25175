"""A decision as JSON or as a text table, for `fluxo node answer` and for logs.

    print(render_decision(decision))
    json.dumps(decision_as_json(decision))

Both show each source of each pass (URL, HTTP status, value read or error) and the decision:
the outcome, INVALID, or abstain with its reason. The text form shortens long values; the JSON
form keeps everything.
"""

from typing import Any, Final

from fluxo.answering.decision import Decision, PassResult, Ruling, SourceTrace, Verdict

_CELL_CHARS: Final = 48


def decision_as_json(decision: Decision) -> dict[str, Any]:
    """The decision and its passes as plain JSON values (bytes32 as 0x-prefixed hex)."""
    return {
        "kind": decision.kind.name.lower(),
        **_ruling_json(decision.ruling),
        "passes": [_pass_json(result) for result in decision.passes],
    }


def render_decision(decision: Decision) -> str:
    """The decision as lines of text: the verdict, then one table per pass."""
    lines = [
        f"decision: {_headline(decision.ruling)}",
        f"reason:   {decision.reason}",
    ]
    for number, result in enumerate(decision.passes, start=1):
        lines.append("")
        lines.append(f"pass {number}: {_headline(result.ruling)}")
        lines.extend(_table(result.sources))
    return "\n".join(lines)


def _ruling_json(ruling: Ruling) -> dict[str, Any]:
    return {
        "verdict": ruling.verdict.value,
        "outcome": None if ruling.outcome is None else "0x" + ruling.outcome.hex(),
        "answer": ruling.answer,
        "reason": ruling.reason,
        "abstain_reason": None if ruling.abstain_reason is None else ruling.abstain_reason.value,
    }


def _pass_json(result: PassResult) -> dict[str, Any]:
    return {**_ruling_json(result.ruling), "sources": [_source_json(s) for s in result.sources]}


def _source_json(trace: SourceTrace) -> dict[str, Any]:
    return {
        "end_point": trace.end_point,
        "source_path": trace.source_path,
        "final_url": trace.final_url,
        "http_status": trace.http_status,
        "value": trace.value,
        "error": None if trace.error is None else trace.error.value,
        "detail": trace.detail,
    }


def _headline(ruling: Ruling) -> str:
    if ruling.verdict is Verdict.ABSTAIN:
        reason = ruling.abstain_reason.value if ruling.abstain_reason else "?"
        return f"ABSTAIN ({reason})"
    outcome = "0x" + ruling.outcome.hex() if ruling.outcome is not None else "-"
    if ruling.verdict is Verdict.INVALID:
        return f"INVALID {outcome}"
    return f"ANSWER {_short(ruling.answer or '')} {outcome}"


def _table(sources: tuple[SourceTrace, ...]) -> list[str]:
    rows = [("#", "status", "value / error", "url")]
    for index, trace in enumerate(sources):
        status = "-" if trace.http_status is None else str(trace.http_status)
        if trace.error is None:
            cell = _short(repr(trace.value))
        else:
            cell = _short(f"{trace.error.value}: {trace.detail}")
        url = trace.end_point
        if trace.final_url is not None and trace.final_url != trace.end_point:
            url += f" -> {trace.final_url}"
        rows.append((str(index), status, cell, url))
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    return ["  " + "  ".join(_padded(row, widths)) for row in rows]


def _padded(row: tuple[str, str, str, str], widths: list[int]) -> list[str]:
    cells = [cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True)]
    return [*cells, row[3]]


def _short(text: str) -> str:
    return text if len(text) <= _CELL_CHARS else text[: _CELL_CHARS - 1] + "…"
