"""What one read of an AggregatorV3Interface feed shows, as plain values (no I/O here)."""

from dataclasses import dataclass
from decimal import Decimal

from eth_typing import ChecksumAddress

from fluxo.domain.address import parse_address
from fluxo.exceptions import ConfigError, FeedReadError
from fluxo.feeds.parameters import MAX_DECIMALS


@dataclass(frozen=True, slots=True)
class FeedReading:
    """The latest round of a feed.

    `answer` is `answer_raw` scaled by `decimals`, exactly (no float, no rounding).
    `age_s` is the latest block's timestamp minus `updated_at_s`: chain time, the clock a
    consumer contract's staleness check uses. It is negative if the feed reports a time past
    the latest block (a Fluxo feed never does; other feeds might).
    """

    address: ChecksumAddress
    description: str
    decimals: int
    answer_raw: int
    answer: Decimal
    round_id: int
    updated_at_s: int
    age_s: int


def parse_feed_address(text: str) -> ChecksumAddress:
    """`text` as a checksummed address; all-lowercase or all-uppercase hex skips the EIP-55
    check, mixed case must carry a valid checksum (a wrong one is most likely a typo)."""
    try:
        return parse_address(text)
    except ValueError as error:
        reason = (
            "its EIP-55 checksum is wrong"
            if "checksum" in str(error)
            else ("not a 20-byte 0x hex address")
        )
        raise ConfigError("feed address", text, reason) from error


def scale_answer(answer_raw: int, decimals: int) -> Decimal:
    """`answer_raw / 10**decimals` as an exact `Decimal`."""
    if not 0 <= decimals <= MAX_DECIMALS:
        raise FeedReadError(f"decimals {decimals} is not a uint8")
    sign, digits, _exponent = Decimal(answer_raw).as_tuple()
    return Decimal((sign, digits, -decimals))


def feed_reading(
    address: ChecksumAddress,
    description: str,
    decimals: int,
    round_data: tuple[int, int, int, int, int],
    block_timestamp_s: int,
) -> FeedReading:
    """Build a reading from `latestRoundData()`'s
    `(roundId, answer, startedAt, updatedAt, answeredInRound)` and the latest block's time."""
    round_id, answer_raw, _started_at_s, updated_at_s, _answered_in_round = round_data
    return FeedReading(
        address=address,
        description=description,
        decimals=decimals,
        answer_raw=answer_raw,
        answer=scale_answer(answer_raw, decimals),
        round_id=round_id,
        updated_at_s=updated_at_s,
        age_s=block_timestamp_s - updated_at_s,
    )
