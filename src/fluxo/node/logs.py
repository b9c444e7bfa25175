"""The node's structured logs: one JSON object per line for collectors, readable text for people.

    logger = make_logger(sys.stderr, log_format="auto")   # console on a TTY, else JSON lines
    log_decision(logger, stake, chain="devnet", tx_hash="0x…")

`make_logger` builds a logger around the given stream without touching structlog's global
configuration, so two nodes (or a test) in one process each log where they were told to.

Every decision the node takes is one `decision` line with the same keys, present even when
empty, so a log query never has to guess: `chain`, `request_id`, `round`, `action`, `outcome`
(0x hex), `amount_wei`, `tx_hash`, `reason`. Amounts are decimal strings: wei overflow the
64-bit integers and doubles that log stores and JavaScript parse JSON numbers into.
"""

import logging
import sys
from enum import StrEnum
from typing import Any, Final, TextIO, cast

import structlog
from structlog.typing import FilteringBoundLogger, Processor

from fluxo.node.policy.actions import (
    Claim,
    Dispute,
    Finalize,
    Proposal,
    PublishAnswer,
    Stake,
    Unstake,
    Waiting,
    Withdraw,
    WouldDispute,
)

DECISION_EVENT: Final = "decision"
# A STRING answer can be 1 KiB or more; the log line carries its start.
_TEXT_PREVIEW_CHARS: Final = 120


class LogFormat(StrEnum):
    AUTO = "auto"  # console on a terminal, JSON otherwise
    JSON = "json"
    CONSOLE = "console"


def make_logger(
    stream: TextIO | None = None,
    *,
    log_format: LogFormat | str = LogFormat.AUTO,
    level: int = logging.INFO,
) -> FilteringBoundLogger:
    """A logger writing to `stream` (stderr by default) in `log_format`, dropping records
    below `level`."""
    out = sys.stderr if stream is None else stream
    chosen = LogFormat(log_format)
    is_tty = out.isatty()
    as_json = chosen is LogFormat.JSON or (chosen is LogFormat.AUTO and not is_tty)
    processors: list[Processor] = [
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]
    if as_json:
        processors += [
            structlog.processors.dict_tracebacks,
            structlog.processors.JSONRenderer(sort_keys=False),
        ]
    else:
        processors.append(structlog.dev.ConsoleRenderer(colors=is_tty))
    logger = structlog.wrap_logger(
        structlog.PrintLogger(out),
        processors=processors,
        wrapper_class=structlog.make_filtering_bound_logger(level),
    )
    return cast(FilteringBoundLogger, logger)


def decision_fields(
    proposal: Proposal | Withdraw, *, chain: str, tx_hash: str | None = None
) -> dict[str, Any]:
    """The keys of one `decision` line for `proposal` (see the module docstring)."""
    fields: dict[str, Any] = {
        "chain": chain,
        "request_id": getattr(proposal, "request_id", None),
        "round": getattr(proposal, "round", None),
        "action": _action_name(proposal),
        "outcome": None,
        "amount_wei": None,
        "tx_hash": tx_hash,
        "reason": None,
    }
    match proposal:
        case (
            Stake(outcome=outcome, amount_wei=amount_wei)
            | Unstake(outcome=outcome, amount_wei=amount_wei)
        ):
            fields |= {"outcome": _hex(outcome), "amount_wei": str(amount_wei)}
        case Dispute():
            fields |= {
                "outcome": _hex(proposal.outcome),
                "amount_wei": str(proposal.amount_wei),
                "reason": f"disputes {_hex(proposal.disputed_outcome)}",
            }
        case WouldDispute():
            fields |= {
                "outcome": _hex(proposal.outcome),
                "amount_wei": str(proposal.bond_wei),
                "reason": proposal.reason,
            }
        case Claim():
            fields |= {
                "amount_wei": str(proposal.stake_wei),
                "payment_wei": str(proposal.payment_wei),
            }
        case Finalize():
            fields["reason"] = proposal.reason.value
        case PublishAnswer():
            fields["reason"] = f"publishes {proposal.text[:_TEXT_PREVIEW_CHARS]!r}"
        case Withdraw():
            fields |= {"amount_wei": str(proposal.amount_wei), "token": proposal.token}
        case Waiting():
            fields["reason"] = f"{proposal.reason.value}: {proposal.detail}"
    return fields


def log_decision(
    logger: FilteringBoundLogger,
    proposal: Proposal | Withdraw,
    *,
    chain: str,
    tx_hash: str | None = None,
) -> None:
    """Emit one `decision` line; a dispute the limits stopped is a warning."""
    fields = decision_fields(proposal, chain=chain, tx_hash=tx_hash)
    if isinstance(proposal, WouldDispute):
        logger.warning(DECISION_EVENT, **fields)
    else:
        logger.info(DECISION_EVENT, **fields)


def _action_name(proposal: Proposal | Withdraw) -> str:
    if isinstance(proposal, Withdraw):
        return "withdraw"
    if isinstance(proposal, Waiting):
        return "waiting"
    return proposal.key.action.value


def _hex(outcome: bytes) -> str:
    return "0x" + outcome.hex()
