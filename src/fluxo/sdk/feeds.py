"""Price feeds and aggregators through the SDK: the latest answer, recent rounds, staleness."""

import asyncio
from dataclasses import dataclass
from decimal import Decimal

from fluxo.chain.bindings.aggregator_v3 import AggregatorV3
from fluxo.chain.bindings.feed_aggregator import FeedAggregator
from fluxo.chain.client import ChainClient
from fluxo.deployment import Deployment
from fluxo.exceptions import TransactionReverted
from fluxo.feeds.reader import read_feed
from fluxo.feeds.reading import FeedReading, scale_answer


@dataclass(frozen=True, slots=True)
class FeedRound:
    """One round of a feed, its answer scaled by the feed's decimals."""

    round_id: int
    answer_raw: int
    answer: Decimal
    updated_at: int


class FeedsApi:
    """Reads of the deployment's feeds and aggregators, by name or by address."""

    def __init__(self, client: ChainClient, deployment: Deployment) -> None:
        self._client = client
        self._deployment = deployment

    def address(self, name_or_address: str) -> str:
        """A feed or aggregator of the deployment by name, or any address as given."""
        if name_or_address.startswith("0x"):
            return name_or_address
        if (
            name_or_address in self._deployment.aggregators
            and name_or_address not in self._deployment.feeds
        ):
            return self._deployment.aggregator(name_or_address)
        return self._deployment.feed(name_or_address)

    async def latest(self, feed: str) -> FeedReading:
        """The latest answer, decimals, round and age of a feed (`FeedReadError` if it has none)."""
        return await read_feed(self._client, self.address(feed))

    async def history(self, feed: str, rounds: int) -> list[FeedRound]:
        """Up to `rounds` most recent rounds, newest first; rounds a feed no longer keeps (an
        aggregator's ring) end the list."""
        binding = AggregatorV3(self._client, self.address(feed))
        latest_data, decimals = await asyncio.gather(
            binding.latest_round_data(), binding.decimals()
        )
        latest = latest_data.round_id
        found: list[FeedRound] = []
        for round_id in range(latest, max(latest - rounds, 0), -1):
            try:
                data = await binding.get_round_data(round_id)
            except TransactionReverted:
                break
            found.append(
                FeedRound(
                    data.round_id, data.answer, scale_answer(data.answer, decimals), data.updated_at
                )
            )
        return found

    async def staleness(self, feed: str) -> int:
        """Seconds since the feed's latest update, on the chain's clock."""
        return (await self.latest(feed)).age_s

    async def peek(self, aggregator: str) -> tuple[Decimal, int, int]:
        """What `update()` of an aggregator would write now: (answer, updated_at, sources)."""
        binding = FeedAggregator(self._client, self.address(aggregator))
        peeked, decimals = await asyncio.gather(binding.peek(), binding.decimals())
        return scale_answer(peeked.answer, decimals), peeked.updated_at, peeked.sources_used
