"""Where a command's output goes, and the shapes every command prints.

Tables and messages go to stdout; errors go to stderr (so `--json` leaves exactly one JSON
document on stdout, or nothing when the command failed). JSON conventions, the same in every
command: counts, ids, rounds, block numbers, decimals, basis points and unix times are JSON
integers; token amounts are decimal strings of wei (keys end in `_wei`) because they outgrow a
double; addresses are EIP-55 checksummed; outcomes are objects with the 0x hex word and its
decoded meaning.
"""

import json
from datetime import UTC, datetime
from typing import Any, Final

import typer
from rich.console import Console

_SECONDS_PER: Final = (("d", 86_400), ("h", 3_600), ("min", 60), ("s", 1))


def stdout_console() -> Console:
    """Tables and messages for people."""
    return Console()


def stderr_console() -> Console:
    """Errors: never wrapped, so a message naming a value stays on one line for grep."""
    return Console(stderr=True, soft_wrap=True)


def emit_json(document: Any) -> None:
    """Print one JSON document (one line) on stdout."""
    typer.echo(json.dumps(document))


def utc(timestamp_s: int) -> str:
    """A unix time as a UTC date and time, or the number itself when it is no date."""
    try:
        return datetime.fromtimestamp(timestamp_s, tz=UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    except (OverflowError, OSError, ValueError):
        return f"{timestamp_s} (unix s)"


def duration(seconds: int) -> str:
    """`90061` → `1 d 1 h 1 min 1 s`; `0` → `0 s`."""
    if seconds <= 0:
        return f"{seconds} s"
    parts: list[str] = []
    left = seconds
    for unit, size in _SECONDS_PER:
        count, left = divmod(left, size)
        if count:
            parts.append(f"{count} {unit}")
    return " ".join(parts)


def short(address: str) -> str:
    """`0xf39F…2266`: enough to tell addresses apart in a table."""
    return f"{address[:6]}…{address[-4:]}"
