"""Contract events the SDK and the commands read (requests, stakes, the whitelist, markets),
with `eth_getLogs` in bounded block ranges: public RPCs refuse wide ones."""

from collections.abc import AsyncGenerator, Sequence
from typing import Final

from fluxo.chain.binding import ContractBinding, EventLog
from fluxo.chain.client import ChainClient

LOG_RANGE_BLOCKS: Final = 10_000


async def events(
    client: ChainClient,
    contract: ContractBinding,
    kinds: Sequence[type[EventLog]],
    from_block: int,
    *,
    topic1: bytes | None = None,
    to_block: int | None = None,
) -> list[EventLog]:
    """Every `kinds` event of `contract` from `from_block` to `to_block` (the head), oldest
    first; with `topic1`, only those whose first indexed value it is."""
    head = to_block if to_block is not None else await client.block_number()
    found: list[EventLog] = []
    start = from_block
    while start <= head:
        end = min(start + LOG_RANGE_BLOCKS - 1, head)
        logs = await client.get_logs(
            start,
            end,
            addresses=[contract.address],
            topics=[kind.TOPIC for kind in kinds],
            topic1=topic1,
        )
        found.extend(contract.decode_logs(logs))
        start = end + 1
    return found


async def events_newest_first(
    client: ChainClient,
    contract: ContractBinding,
    kinds: Sequence[type[EventLog]],
    from_block: int,
) -> AsyncGenerator[EventLog, None]:
    """The same events newest first, one range at a time from the head back, so a caller
    that needs only the latest few stops early."""
    end = await client.block_number()
    while end >= from_block:
        start = max(end - LOG_RANGE_BLOCKS + 1, from_block)
        logs = await client.get_logs(
            start, end, addresses=[contract.address], topics=[kind.TOPIC for kind in kinds]
        )
        for event in reversed(contract.decode_logs(logs)):
            yield event
        end = start - 1
