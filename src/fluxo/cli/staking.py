"""What `fluxo request stake|dispute|unstake` check before sending anything: the ANSWER as an
outcome word, and whether the request's open round can take it now."""

import re
from decimal import Decimal, InvalidOperation
from typing import Final

from fluxo.cli.errors import Refused
from fluxo.cli.output import utc
from fluxo.domain.outcome import OutcomeKind, is_valid
from fluxo.exceptions import ConfigError, InvalidRequest
from fluxo.sdk import RequestInfo, RequestState, RequestStatus

_WORD: Final = re.compile(r"0x[0-9a-fA-F]{64}")


def outcome_from_answer(info: RequestInfo, text: str, where: str = "ANSWER") -> bytes:
    """The outcome word for ANSWER: INVALID; for a categorical request a label (case and
    surrounding spaces ignored) or its index; for NUMBER a decimal (scaled by the request's
    decimals, rounded toward zero as nodes do); for STRING the text. A 0x word of 64 hex
    digits is taken as the outcome itself (a STRING answer known only by its hash)."""
    cleaned = text.strip()
    if _WORD.fullmatch(cleaned):
        outcome = bytes.fromhex(cleaned[2:])
        if not is_valid(info.kind, len(info.outcomes), outcome):
            raise ConfigError(
                where, text, f"no outcome of this request (0..{len(info.outcomes) - 1})"
            )
        return outcome
    try:
        if info.kind is OutcomeKind.CATEGORICAL:
            labels = [label.strip().casefold() for label in info.outcomes]
            if cleaned.casefold() not in labels and cleaned.isdigit():
                return info.outcome_for(int(cleaned))
            return info.outcome_for(cleaned)
        if info.kind is OutcomeKind.NUMBER and cleaned.upper() != "INVALID":
            try:
                value = Decimal(cleaned)
            except InvalidOperation:
                value = Decimal("NaN")
            if not value.is_finite():
                raise ConfigError(where, text, "not a decimal number (or INVALID)")
            return info.outcome_for(value)
        return info.outcome_for(text)
    except ConfigError:
        raise
    except InvalidRequest as error:
        raise ConfigError(where, text, error.reason) from error
    except ValueError as error:  # a NUMBER outside int256
        raise ConfigError(where, text, str(error)) from error


def check_stakeable(
    info: RequestInfo, state: RequestState, outcome: bytes, answer: str, now_s: int
) -> None:
    """Refuse (exit 1) a stake the Oracle would revert now, and name ANSWER (exit 2) when it
    backs the outcome the previous round bonded."""
    request = f"request {info.request_id}"
    if state.status is RequestStatus.UNSETTLED:
        raise Refused(f"{request} settles at {utc(info.settlement_time)}; stakes open then")
    if state.status in (RequestStatus.FINALIZED, RequestStatus.CANCELLED):
        raise Refused(f"{request} is {state.status.value}: no more stakes")
    if state.status is RequestStatus.ESCALATED:
        raise Refused(f"{request} is escalated: only the final arbitrator decides it now")
    if state.status is RequestStatus.DISPUTABLE:
        open_round = state.rounds[-1]
        if now_s >= open_round.end:
            raise Refused(
                f"{request}: round {state.current_round}'s window closed at "
                f"{utc(open_round.end)}; finalize it with `fluxo request finalize "
                f"{info.request_id}`"
            )
        previous = state.rounds[-2]
        if previous.bonded and previous.bonded_outcome == outcome:
            raise ConfigError(
                "ANSWER",
                answer,
                f"round {state.current_round - 1} bonded this outcome; a dispute backs another",
            )


def is_text_answer(info: RequestInfo, answer: str) -> bool:
    """Whether ANSWER is a STRING request's text (to publish), not INVALID or a raw word."""
    cleaned = answer.strip()
    return (
        info.kind is OutcomeKind.STRING
        and cleaned.upper() != "INVALID"
        and not _WORD.fullmatch(cleaned)
    )
