"""The one grammar of a decimal number, for JSON numbers and numeric strings alike (Q3, Q11).

    parse_decimal("-1.25e3")   # Decimal('-1.25E+3')
    parse_decimal("1_000")     # SourceFailure(WRONG_TYPE)

A string holds a decimal number iff its whole text is a JSON number token (RFC 8259 §6):

    -?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?      (ASCII digits only)

so no `+` sign, no leading zeros, no bare `.5` or `5.`, no surrounding whitespace, no
underscores, no `NaN`/`Infinity`, no non-ASCII digits — all of which Python's `Decimal` would
otherwise accept. One grammar for both JSON numbers and strings means a second implementation
needs only the RFC to agree with this one.

The exponent's magnitude must stay below `10**EXPONENT_DIGITS` (a quadrillion). Within that
bound every value is an exact `Decimal`, and the NUMBER rules decide out-of-range results from
the exponent alone (`1e999999` costs what `1e9` costs); beyond it the text is not read as a
number, because exact arithmetic there would be unbounded (the source fails as WRONG_TYPE).
"""

import re
from decimal import Decimal
from typing import Final

from fluxo.answering.failure import FailureCode, SourceFailure

EXPONENT_DIGITS: Final = 15

_DECIMAL: Final = re.compile(
    r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?(?P<exponent>[0-9]+))?", re.ASCII
)


def parse_decimal(text: str) -> Decimal:
    """Read `text` exactly as a decimal number; raise `SourceFailure(WRONG_TYPE)` otherwise."""
    match = _DECIMAL.fullmatch(text)
    if match is None:
        raise SourceFailure(FailureCode.WRONG_TYPE, f"{_excerpt(text)} is not a decimal number")
    exponent = match["exponent"]
    if exponent is not None and len(exponent.lstrip("0")) > EXPONENT_DIGITS:
        raise SourceFailure(
            FailureCode.WRONG_TYPE,
            f"{_excerpt(text)} has an exponent of more than {EXPONENT_DIGITS} digits",
        )
    return Decimal(text)


def _excerpt(text: str, limit: int = 40) -> str:
    return repr(text) if len(text) <= limit else repr(text[:limit]) + "…"
