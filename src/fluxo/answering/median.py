"""The exact scaled median of decimal values, with bounded work (SPEC Part III, NUMBER; Q11).

    scaled_median([Decimal("1.5"), Decimal("2"), Decimal("9")], decimals=2)   # 200

The median of the values (even count: the mean of the two middle values) multiplied by
`10**decimals` and rounded toward zero, computed exactly: no float, no rounding before the last
step. Values may be written with any exponent the decimal grammar allows (|e| < 10**15), so a
value like `1e999999` or `1e-999999` must not be expanded into an integer or aligned digit by
digit. Three facts keep the work proportional to the digits actually written:

1. Comparing and scaling decimals only touches exponents (`Decimal` compares exactly).
2. A scaled value of magnitude 10**78 or more cannot land in int256 or int192; the odd-count
   median is then out of range from its exponent alone, and so is the mean of two middle values
   unless they have opposite signs and nearly equal exponents, in which case their exact sum
   needs only as many digits as they already have.
3. For two middle values below 10**78, digits further below the point than either value has
   digits cannot change the truncated mean except through their sign: such a tail is replaced
   by one digit of the same sign just below the cut (a "sticky" digit, as in floating-point
   rounding), which lies in the same open interval between integers as the true sum.

`None` means "at least 10**78 in magnitude": outside every range the rules accept.
"""

from collections.abc import Sequence
from decimal import (
    MAX_EMAX,
    MAX_PREC,
    MIN_EMIN,
    ROUND_DOWN,
    Context,
    Decimal,
    DivisionByZero,
    Inexact,
    InvalidOperation,
    Overflow,
)
from typing import Final

from fluxo.exceptions import InvalidAnswerRequest

# |x| >= 10**78 (adjusted exponent >= 78) is beyond 2**256 > every accepted result.
BEYOND_ADJUSTED_EXPONENT: Final = 78

# Every operation below is exact (Inexact traps); the code bounds the digits before each one.
_EXACT: Final = Context(
    prec=MAX_PREC,
    rounding=ROUND_DOWN,
    Emax=MAX_EMAX,
    Emin=MIN_EMIN,
    traps=[Inexact, InvalidOperation, Overflow, DivisionByZero],
)
# Truncation toward zero at a chosen exponent, which is inexact by design.
_TRUNCATE: Final = Context(prec=MAX_PREC, rounding=ROUND_DOWN, Emax=MAX_EMAX, Emin=MIN_EMIN)
_HALF: Final = Decimal("0.5")


def scaled_median(values: Sequence[Decimal], decimals: int) -> int | None:
    """`median(values) * 10**decimals`, rounded toward zero; `None` if it is >= 10**78 in size.

    Raises `InvalidAnswerRequest` for no values, a non-finite value or negative `decimals`.
    """
    if not values:
        raise InvalidAnswerRequest("the median of no values is undefined")
    if decimals < 0:
        raise InvalidAnswerRequest(f"decimals must be >= 0, got {decimals}")
    if not all(value.is_finite() for value in values):
        raise InvalidAnswerRequest("every value must be a finite decimal")
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2 == 1:
        return _truncated(_scaled(ordered[middle], decimals))
    return _truncated_half_sum(
        _scaled(ordered[middle - 1], decimals), _scaled(ordered[middle], decimals)
    )


def exact_product(value: Decimal, multiplier: Decimal) -> Decimal:
    """`value * multiplier` with every digit kept (`Decimal`'s default context keeps 28)."""
    return _EXACT.multiply(value, multiplier)


def _scaled(value: Decimal, decimals: int) -> Decimal:
    if value.is_zero():
        # A zero keeps its written exponent (0e-999999); drop it so it is never aligned to.
        return Decimal(0)
    return value.scaleb(decimals, _EXACT)


def _is_beyond(value: Decimal) -> bool:
    return not value.is_zero() and value.adjusted() >= BEYOND_ADJUSTED_EXPONENT


def _truncated(value: Decimal) -> int | None:
    return None if _is_beyond(value) else int(value)


def _truncated_half_sum(low: Decimal, high: Decimal) -> int | None:
    if _is_beyond(low) or _is_beyond(high):
        return _truncated_half_sum_beyond(low, high)
    cut = -(max(_digits(low), _digits(high)) + 1)
    total = _EXACT.add(_with_sticky_tail(low, cut), _with_sticky_tail(high, cut))
    return _truncated(_EXACT.multiply(total, _HALF))


def _truncated_half_sum_beyond(low: Decimal, high: Decimal) -> int | None:
    # At least one value is >= 10**78 in size. Same signs (or a zero): the mean is at least
    # half of it, beyond 2**255. Opposite signs with exponents two or more apart: the larger
    # dominates (|sum| > 0.9 * 10**78). Otherwise both have adjusted exponents >= 77 that
    # differ by at most one, so the exact sum has about as many digits as the inputs.
    if low.is_zero() or high.is_zero() or low.is_signed() == high.is_signed():
        return None
    if abs(low.adjusted() - high.adjusted()) >= 2:
        return None
    total = _EXACT.add(low, high)
    if total.is_zero():
        return 0
    if total.adjusted() > BEYOND_ADJUSTED_EXPONENT:
        return None
    return _truncated(_EXACT.multiply(total, _HALF))


def _digits(value: Decimal) -> int:
    return len(value.as_tuple().digits)


def _with_sticky_tail(value: Decimal, cut: int) -> Decimal:
    """`value` with every digit below 10**cut replaced by one digit of its sign at 10**(cut-1).

    `cut` is below -1 and below every digit of the other operand, so the replaced sum lies in
    the same open interval between consecutive multiples of 10**cut (hence between the same
    integers, on the same side of zero) as the true sum, and the truncated mean is unchanged.
    If both operands have such a tail, both are below 10**-2 and the truncated mean is 0
    either way.
    """
    exponent = value.as_tuple().exponent
    if value.is_zero() or not isinstance(exponent, int) or exponent >= cut:
        return value
    head = value.quantize(Decimal((0, (1,), cut)), context=_TRUNCATE)
    sticky = Decimal((1 if value.is_signed() else 0, (1,), cut - 1))
    return _EXACT.add(head, sticky)
