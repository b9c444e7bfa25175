"""Which observation times a PriceFeed accepts, as pure functions of the block's time.

    accepted_window(1_700_000_100, latest_updated_at_s=1_700_000_040)
    # Window(oldest_s=1_700_000_041, newest_s=1_700_000_160)
    is_fresh(1_700_000_000, 1_700_000_100)   # True: 100 s old, the default maximum is 120 s

A timestamp is accepted when it is at most `max_age_s` before the block (120 s unless the
feed's owner changed it, `max_observation_age()` on chain), at most `MAX_FUTURE_S` after it
(providers' clocks may run ahead) and newer than the feed's latest `updatedAt`. Providers use
this to know whether an observation they signed can still land in a block at a given time;
transmitters use `fresh_observations` to drop the ones that would make `transmit` revert.
`rejection` names the bound a timestamp breaks with the contract's own revert reason.
"""

from collections.abc import Sequence
from typing import Final, NamedTuple

from fluxo.exceptions import InvalidFeedParameters
from fluxo.feeds.signing import SignedObservation

# How far past the block's time an observation may be stamped.
MAX_FUTURE_S: Final = 60
# A feed's maximum observation age at deployment, and the largest its owner can set: every age
# must fit the contract's 256-entry histogram of ages.
DEFAULT_MAX_OBSERVATION_AGE_S: Final = 120
MAX_OBSERVATION_AGE_S: Final = 255

REASON_FUTURE: Final = "price_feed: timestamp in the future"
REASON_STALE: Final = "price_feed: stale timestamp"
REASON_TOO_OLD: Final = "price_feed: observation too old"


class Window(NamedTuple):
    """The accepted observation times, both ends included (unix seconds)."""

    oldest_s: int
    newest_s: int

    def __contains__(self, timestamp_s: object) -> bool:
        return isinstance(timestamp_s, int) and self.oldest_s <= timestamp_s <= self.newest_s


def accepted_window(
    block_timestamp_s: int,
    *,
    max_age_s: int = DEFAULT_MAX_OBSERVATION_AGE_S,
    latest_updated_at_s: int = 0,
) -> Window:
    """The times a `transmit` mined at `block_timestamp_s` accepts. The window is empty
    (oldest > newest) only if the latest round is stamped later than the block plus 59 s,
    which a feed never does."""
    _check_max_age(max_age_s)
    oldest_s = max(block_timestamp_s - max_age_s, latest_updated_at_s + 1)
    return Window(oldest_s, block_timestamp_s + MAX_FUTURE_S)


def rejection(
    timestamp_s: int,
    block_timestamp_s: int,
    *,
    max_age_s: int = DEFAULT_MAX_OBSERVATION_AGE_S,
    latest_updated_at_s: int = 0,
) -> str | None:
    """The revert reason `transmit` gives for `timestamp_s`, or None when it is accepted.
    The contract checks the bounds in this order: ahead, not newer than the latest round,
    too old."""
    _check_max_age(max_age_s)
    if timestamp_s > block_timestamp_s + MAX_FUTURE_S:
        return REASON_FUTURE
    if timestamp_s <= latest_updated_at_s:
        return REASON_STALE
    if timestamp_s < block_timestamp_s - max_age_s:
        return REASON_TOO_OLD
    return None


def is_fresh(
    timestamp_s: int,
    block_timestamp_s: int,
    *,
    max_age_s: int = DEFAULT_MAX_OBSERVATION_AGE_S,
    latest_updated_at_s: int = 0,
) -> bool:
    """Whether an observation stamped `timestamp_s` is accepted in a block at
    `block_timestamp_s`."""
    reason = rejection(
        timestamp_s,
        block_timestamp_s,
        max_age_s=max_age_s,
        latest_updated_at_s=latest_updated_at_s,
    )
    return reason is None


def fresh_observations(
    signed: Sequence[SignedObservation],
    block_timestamp_s: int,
    *,
    max_age_s: int = DEFAULT_MAX_OBSERVATION_AGE_S,
    latest_updated_at_s: int = 0,
) -> list[SignedObservation]:
    """The observations a block at `block_timestamp_s` still accepts, in their given order.

    Estimate the block time generously (a transaction waits for inclusion): an observation
    fresh now may be too old a few blocks later.
    """
    return [
        item
        for item in signed
        if is_fresh(
            item.observation.timestamp_s,
            block_timestamp_s,
            max_age_s=max_age_s,
            latest_updated_at_s=latest_updated_at_s,
        )
    ]


def _check_max_age(max_age_s: int) -> None:
    if not 1 <= max_age_s <= MAX_OBSERVATION_AGE_S:
        raise InvalidFeedParameters(
            f"max observation age must be 1..{MAX_OBSERVATION_AGE_S} s, got {max_age_s}"
        )
