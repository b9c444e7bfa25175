"""The median rules of `PriceFeed.transmit`, as pure integer functions.

For an odd count the median is the middle value. For an even count it is the mean of the two
middle values rounded toward zero, like Chainlink and the original Flux feed: Solidity's and
Vyper's signed division truncates, while Python's `//` floors, so `(-3 + -2) // 2` would give
-3 where the contract stores -2. The contract adds the two middles in int256, where two int192
values cannot overflow; Python's ints are unbounded, so the same sum is exact here too.

The stored `updatedAt` is the median of the observation times, each first capped at the
block's timestamp: a provider's clock may run ahead of the chain, a round's time never does.
For an odd count that is the same as capping the median; for an even count whose two middle
times straddle the block time it is the older, more conservative value.

`expected_stored_round` is the single entry point a contract cross-check should call: it
returns what a successful `transmit` stores for a round.
"""

from collections.abc import Sequence
from typing import NamedTuple

from fluxo.exceptions import InvalidReport


class StoredRound(NamedTuple):
    """What the contract stores for a round: the answer and its `updatedAt` (unix seconds)."""

    answer: int
    updated_at_s: int


def median_answer(sorted_answers: Sequence[int]) -> int:
    """The stored answer of a report whose answers are already sorted ascending.

    The contract checks the order rather than sorting, so unsorted input is an error here too.
    """
    if any(
        later < earlier for earlier, later in zip(sorted_answers, sorted_answers[1:], strict=False)
    ):
        raise InvalidReport("answers are not sorted ascending")
    return _median_of_sorted(sorted_answers)


def median_timestamp(timestamps: Sequence[int]) -> int:
    """The median of the observations' timestamps (in any order), by the same rule."""
    return _median_of_sorted(sorted(timestamps))


def stored_updated_at(timestamps: Sequence[int], block_timestamp_s: int) -> int:
    """The stored `updatedAt`: the median of the timestamps, each capped at the block's
    timestamp first, so a consumer never sees a time in the future and a clock running ahead
    cannot pull a round forward."""
    return median_timestamp([min(timestamp_s, block_timestamp_s) for timestamp_s in timestamps])


def expected_stored_round(
    sorted_answers: Sequence[int], timestamps: Sequence[int], block_timestamp_s: int
) -> StoredRound:
    """What `transmit` stores for a valid report mined in a block at `block_timestamp_s`."""
    if len(sorted_answers) != len(timestamps):
        raise InvalidReport(
            f"{len(sorted_answers)} answers but {len(timestamps)} timestamps; they pair up"
        )
    return StoredRound(
        median_answer(sorted_answers), stored_updated_at(timestamps, block_timestamp_s)
    )


def _median_of_sorted(values: Sequence[int]) -> int:
    count = len(values)
    if count == 0:
        raise InvalidReport("the median of no values is undefined")
    middle = count // 2
    if count % 2 == 1:
        return values[middle]
    return _halve_toward_zero(values[middle - 1] + values[middle])


def _halve_toward_zero(value: int) -> int:
    half = abs(value) // 2
    return half if value >= 0 else -half
