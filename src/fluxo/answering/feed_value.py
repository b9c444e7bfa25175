"""A price-feed provider's value for one round: the NUMBER rules with per-source multipliers.

    feed_value([(Decimal("3141.59"), Decimal(1)), (Decimal("3141.61"), Decimal(1))], 8)
    # 314160000000

Each configured feed has sources fetched and read like a request's (same fetch, path and
decimal rules); each value is multiplied by its source's `multiplier` (exactly, e.g. to turn
cents into dollars) before the median; the median (even count: mean of the two middle values)
is scaled to the feed's on-chain `decimals()` and rounded toward zero, and must fit the int192
of a PriceFeed observation. A strict majority of the sources must succeed. A feed has no
INVALID: a round without a value is skipped and the provider signs nothing.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from fluxo.answering.decimal_grammar import EXPONENT_DIGITS, parse_decimal
from fluxo.answering.decision import SourceTrace
from fluxo.answering.median import exact_product, scaled_median
from fluxo.answering.request import MAX_DECIMALS
from fluxo.exceptions import InvalidAnswerRequest
from fluxo.feeds.observation import MAX_ANSWER, MIN_ANSWER

_MAX_MULTIPLIER_EXPONENT: Final = 10**EXPONENT_DIGITS


@dataclass(frozen=True, slots=True)
class FeedSource:
    """Where one feed value is fetched, and the exact factor applied to it (1 by default)."""

    end_point: str
    source_path: str
    multiplier: Decimal = Decimal(1)

    def __post_init__(self) -> None:
        multiplier = self.multiplier
        if not (multiplier.is_finite() and multiplier > 0):
            raise InvalidAnswerRequest(f"a multiplier must be positive, got {multiplier}")
        if abs(multiplier.adjusted()) >= _MAX_MULTIPLIER_EXPONENT:
            raise InvalidAnswerRequest(f"the multiplier's exponent is beyond 10**{EXPONENT_DIGITS}")


@dataclass(frozen=True, slots=True)
class FeedQuery:
    """One configured feed: its sources and the `decimals()` its PriceFeed reports."""

    sources: tuple[FeedSource, ...]
    decimals: int

    def __post_init__(self) -> None:
        if not self.sources:
            raise InvalidAnswerRequest("a feed needs at least one source")
        if not 0 <= self.decimals <= MAX_DECIMALS:
            raise InvalidAnswerRequest(f"decimals must be in 0..{MAX_DECIMALS}")


@dataclass(frozen=True, slots=True)
class FeedValue:
    """The round's value in the feed's decimals (`None`: sign nothing) and why."""

    value: int | None
    reason: str
    sources: tuple[SourceTrace, ...]


def feed_value(readings: Sequence[tuple[Decimal, Decimal]], decimals: int) -> int | None:
    """`median(value * multiplier) * 10**decimals`, toward zero; `None` if outside int192."""
    products = [exact_product(value, multiplier) for value, multiplier in readings]
    scaled = scaled_median(products, decimals)
    if scaled is None or not MIN_ANSWER <= scaled <= MAX_ANSWER:
        return None
    return scaled


def decide_feed(query: FeedQuery, sources: Sequence[SourceTrace]) -> FeedValue:
    """The feed value from one trace per `query.sources` (in order)."""
    if len(sources) != len(query.sources):
        raise InvalidAnswerRequest(
            f"{len(sources)} traces for a feed with {len(query.sources)} sources"
        )
    readings = [
        (parse_decimal(trace.value), source.multiplier)
        for source, trace in zip(query.sources, sources, strict=True)
        if trace.succeeded and trace.value is not None
    ]
    traces = tuple(sources)
    if 2 * len(readings) <= len(query.sources):
        return FeedValue(
            None,
            f"{len(readings)} of {len(query.sources)} sources succeeded; a strict majority must",
            traces,
        )
    value = feed_value(readings, query.decimals)
    if value is None:
        return FeedValue(None, "the scaled median is outside int192", traces)
    how = f"median of {len(readings)} values times 10**{query.decimals}, rounded toward zero"
    return FeedValue(value, how, traces)
