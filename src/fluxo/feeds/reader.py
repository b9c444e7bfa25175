"""Read any Chainlink AggregatorV3Interface feed (Fluxo's or another oracle's).

reading = await read_feed(client, "0x5f4e…8419")
print(reading.answer, reading.age_s)
"""

import asyncio
from typing import TypeVar

from fluxo.chain.bindings.aggregator_v3 import AggregatorV3
from fluxo.chain.client import ChainClient
from fluxo.exceptions import ChainError, ChainUnavailable, FeedReadError, TransactionReverted
from fluxo.feeds.reading import FeedReading, feed_reading, parse_feed_address

T = TypeVar("T")


async def read_feed(client: ChainClient, address: str) -> FeedReading:
    """Read the latest round, decimals and description of the feed at `address`.

    Raises `FeedReadError` (naming the address) for a malformed address, an address without
    code, a contract that does not speak AggregatorV3Interface or a read that reverts (an empty
    Fluxo feed reverts "no data"); `ChainUnavailable` when the node cannot be reached.
    """
    checksum_address = parse_feed_address(address)
    feed = AggregatorV3(client, checksum_address)
    if await client.code_size(checksum_address) == 0:
        raise FeedReadError(f"no contract at {checksum_address}: is this the right chain?")
    # All four reads finish before any error is looked at: a failure never leaves the others
    # running against a closing client, and the first read's error is the one reported.
    results = await asyncio.gather(
        feed.decimals(),
        feed.description(),
        feed.latest_round_data(),
        client.block_timestamp(),
        return_exceptions=True,
    )
    decimals, description, round_data, block_timestamp_s = results
    return feed_reading(
        checksum_address,
        _value(checksum_address, description),
        _value(checksum_address, decimals),
        _value(checksum_address, round_data),
        _value(checksum_address, block_timestamp_s),
    )


def _value(address: str, result: T | BaseException) -> T:
    """A gathered read's value, or the error a reader of `address` should see."""
    if isinstance(result, TransactionReverted):
        raise FeedReadError(
            f"feed {address} reverted: {result.reason or 'no reason given'}"
        ) from result
    if isinstance(result, ChainUnavailable):
        raise result
    if isinstance(result, ChainError):
        raise FeedReadError(
            f"{address} does not answer as an AggregatorV3Interface feed: {result}"
        ) from result
    if isinstance(result, BaseException):
        raise result
    return result
