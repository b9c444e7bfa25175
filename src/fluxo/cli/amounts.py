"""Token amounts on the command line: decimal text in token units (`"12.5"` FLX) to integer wei
and back, exactly; never through a float."""

import re
from decimal import Decimal
from typing import Final

from fluxo.exceptions import ConfigError

# Plain positional decimals only: an exponent ("1e3") or a sign is more often a slip than meant.
_AMOUNT: Final = re.compile(r"[0-9]+(\.[0-9]+)?")
UINT256_LIMIT: Final = 2**256


def parse_amount(text: str, flag: str, *, decimals: int, symbol: str) -> int:
    """`text` token units as wei of a token with `decimals`; a `ConfigError` naming `flag` and
    the text when it is not a non-negative decimal, has more decimals than the token, or does
    not fit a uint256."""
    cleaned = text.strip()
    if not _AMOUNT.fullmatch(cleaned):
        raise ConfigError(
            flag, text, f"not an amount of {symbol}: write a non-negative decimal such as 12.5"
        )
    whole, _, fraction = cleaned.partition(".")
    fraction = fraction.rstrip("0")
    if len(fraction) > decimals:
        raise ConfigError(
            flag, text, f"{symbol} has {decimals} decimals; this amount has {len(fraction)}"
        )
    scale: int = 10**decimals
    amount_wei = int(whole) * scale + int(fraction.ljust(decimals, "0") or "0")
    if amount_wei >= UINT256_LIMIT:
        raise ConfigError(flag, text, "too large: it does not fit a uint256 in wei")
    return amount_wei


def amount_text(value: object) -> str:
    """A value read from a request file (a string, an integer or an exact decimal) as the text
    `parse_amount` takes; anything else is returned as its repr, which then fails to parse."""
    if isinstance(value, bool):
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, str):
        return value
    return repr(value)


def format_units(amount_wei: int, decimals: int) -> str:
    """`amount_wei` in token units, exactly, without exponent or trailing zeros: `12.5`."""
    sign = "-" if amount_wei < 0 else ""
    scale: int = 10**decimals
    whole, fraction = divmod(abs(amount_wei), scale)
    digits = str(fraction).rjust(decimals, "0").rstrip("0") if decimals else ""
    return f"{sign}{whole}.{digits}" if digits else f"{sign}{whole}"
