"""DevChain drives a real anvil: time travel and snapshots."""

import asyncio

import pytest

from fluxo.devnet.anvil import Anvil
from fluxo.devnet.devchain import DevChain

pytestmark = pytest.mark.integration

ONE_DAY_SECONDS = 86_400


def test_time_travel__one_day__next_block_is_a_day_later(anvil: Anvil) -> None:
    async def scenario() -> tuple[int, int, int, int]:
        async with DevChain(anvil.url) as chain:
            before = (await chain.block_number(), await chain.latest_timestamp_seconds())
            await chain.time_travel(ONE_DAY_SECONDS)
            return (*before, await chain.block_number(), await chain.latest_timestamp_seconds())

    block_before, time_before, block_after, time_after = asyncio.run(scenario())

    assert block_after == block_before + 1
    assert ONE_DAY_SECONDS <= time_after - time_before <= ONE_DAY_SECONDS + 5


def test_revert__to_snapshot__restores_block_and_time(anvil: Anvil) -> None:
    async def scenario() -> tuple[tuple[int, int], tuple[int, int]]:
        async with DevChain(anvil.url) as chain:
            snapshot_id = await chain.snapshot()
            before = (await chain.block_number(), await chain.latest_timestamp_seconds())
            await chain.time_travel(ONE_DAY_SECONDS)
            await chain.mine()
            await chain.revert(snapshot_id)
            return before, (await chain.block_number(), await chain.latest_timestamp_seconds())

    before, after = asyncio.run(scenario())

    assert after == before
