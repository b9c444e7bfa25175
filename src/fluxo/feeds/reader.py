"""Read any Chainlink AggregatorV3Interface feed (Fluxo's or another oracle's) over web3.

reading = await read_feed(client.w3, "0x5f4e…8419")
print(reading.answer, reading.age_s)
"""

import asyncio
from typing import Any, Final, cast

from eth_typing import ABI
from web3 import AsyncWeb3
from web3.exceptions import BadFunctionCallOutput, ContractLogicError, Web3Exception

from fluxo.chain.client import revert_reason
from fluxo.exceptions import ChainError, FeedReadError
from fluxo.feeds.reading import FeedReading, feed_reading, parse_feed_address

# The read half of AggregatorV3Interface: all a reading needs.
AGGREGATOR_V3_READ_ABI: Final[tuple[dict[str, Any], ...]] = (
    {
        "type": "function",
        "name": "decimals",
        "stateMutability": "view",
        "inputs": [],
        "outputs": [{"name": "", "type": "uint8"}],
    },
    {
        "type": "function",
        "name": "description",
        "stateMutability": "view",
        "inputs": [],
        "outputs": [{"name": "", "type": "string"}],
    },
    {
        "type": "function",
        "name": "latestRoundData",
        "stateMutability": "view",
        "inputs": [],
        "outputs": [
            {"name": "roundId", "type": "uint80"},
            {"name": "answer", "type": "int256"},
            {"name": "startedAt", "type": "uint256"},
            {"name": "updatedAt", "type": "uint256"},
            {"name": "answeredInRound", "type": "uint80"},
        ],
    },
)


async def read_feed(w3: AsyncWeb3[Any], address: str) -> FeedReading:
    """Read the latest round, decimals and description of the feed at `address`.

    Raises `FeedReadError` (naming the address) for a malformed address, an address without
    code, a contract that does not speak AggregatorV3Interface or a read that reverts (an empty
    Fluxo feed reverts "no data"); `ChainError` when the node cannot be reached.
    """
    checksum_address = parse_feed_address(address)
    feed = w3.eth.contract(address=checksum_address, abi=cast(ABI, list(AGGREGATOR_V3_READ_ABI)))
    try:
        code = await w3.eth.get_code(checksum_address)
        if not code:
            raise FeedReadError(f"no contract at {checksum_address}: is this the right chain?")
        decimals, description, round_data, block = await asyncio.gather(
            feed.functions.decimals().call(),
            feed.functions.description().call(),
            feed.functions.latestRoundData().call(),
            w3.eth.get_block("latest"),
        )
    except ContractLogicError as error:
        raise FeedReadError(
            f"feed {checksum_address} reverted: {revert_reason(error) or 'no reason given'}"
        ) from error
    except BadFunctionCallOutput as error:
        raise FeedReadError(
            f"{checksum_address} does not answer as an AggregatorV3Interface feed: {error}"
        ) from error
    except (OSError, Web3Exception) as error:
        raise ChainError(f"reading feed {checksum_address} failed: {error}") from error
    round_id, answer, started_at_s, updated_at_s, answered_in_round = round_data
    return feed_reading(
        checksum_address,
        str(description),
        int(decimals),
        (int(round_id), int(answer), int(started_at_s), int(updated_at_s), int(answered_in_round)),
        int(block["timestamp"]),
    )
