"""What the provider role and the observation store know of each configured PriceFeed, read
from the chain and cached per round.

    feeds = ChainFeeds(context, {"ETH / USD": "0x5FbD…0aa3"})
    view = await feeds.read(address)        # latestRoundData, once per turn
    view.info.signers, view.info.quorum     # refreshed when the round moved
    await feeds.feed_signers(address)       # the store's SignerSource, from the cache

    exchange = NodeFeeds()                  # the node's one store serves every chain
    exchange.add(feeds)
    store = ObservationStore(exchange, on_stored=exchange.stored)

A feed's decimals and description never change, so they are read once. Its signers, quorum,
maximum observation age and whether it takes reports through the FeedHub change only by an
owner's transaction, so they are read again when the round moves (the provider reads the round
every turn anyway) and at the latest every `REFRESH_S`: a `set_signers` between rounds is
followed within that time, while a peer's POST never costs a chain read once the feed is known.
"""

import asyncio
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Final

from eth_typing import ChecksumAddress

from fluxo.chain.bindings.price_feed import PriceFeed
from fluxo.domain.address import parse_address
from fluxo.exceptions import ConfigError, TransactionReverted
from fluxo.feeds.observation import feed_id
from fluxo.node.chain_context import ChainContext
from fluxo.node.observations.store import FeedSigners
from fluxo.node.observations.wire import WireObservation

# How long the signer set read with a round is trusted when the round does not move.
REFRESH_S: Final = 30.0
# latestRoundData() on a feed that has no round yet (SPEC §10, "Reads").
_NO_DATA: Final = "no data"


@dataclass(frozen=True, slots=True)
class FeedInfo:
    """One feed as its latest read showed it."""

    name: str
    address: ChecksumAddress
    chain_id: int
    feed_id: bytes  # keccak256(description): the `feed` field every observation signs
    decimals: int
    latest_round: int  # the round the signer set was read with
    signers: tuple[ChecksumAddress, ...]
    quorum: int
    max_observation_age_s: int
    hub_transmits: bool  # the feed accepts reports forwarded by the deployment's FeedHub
    read_at_s: float  # monotonic

    def feed_signers(self, latest_round: int) -> FeedSigners:
        return FeedSigners(self.chain_id, self.feed_id, latest_round, self.signers)


@dataclass(frozen=True, slots=True)
class FeedView:
    """The feed's latest round (`answer` None: the feed has none yet) and its cached info."""

    info: FeedInfo
    latest_round: int
    answer: int | None
    updated_at_s: int


class ChainFeeds:
    """The provider's feeds on one chain; a `SignerSource` for the observation store."""

    def __init__(self, context: ChainContext, feeds: Mapping[str, str]) -> None:
        self._ctx = context
        self._names = {parse_address(address): name for name, address in feeds.items()}
        self._info: dict[str, FeedInfo] = {}
        self._latest_round: dict[str, int] = {}
        self._locks = {address: asyncio.Lock() for address in self._names}
        # Called when the store keeps an observation of one of these feeds (the provider
        # acts on it at once); without it, the chain's loop is woken.
        self.on_stored: Callable[[], None] | None = None

    @property
    def context(self) -> ChainContext:
        return self._ctx

    @property
    def addresses(self) -> tuple[ChecksumAddress, ...]:
        return tuple(self._names)

    def name(self, address: str) -> str:
        return self._names[parse_address(address)]

    async def read(self, address: str) -> FeedView:
        """The feed's latest round, read now, with its info (read again if the round moved)."""
        feed = parse_address(address)
        try:
            data = await self._ctx.read(
                PriceFeed, feed, lambda price_feed: price_feed.latest_round_data()
            )
            latest_round, answer, updated_at_s = data.round_id, data.answer, data.updated_at
        except TransactionReverted as error:
            if _NO_DATA not in (error.reason or ""):
                raise
            latest_round, answer, updated_at_s = 0, None, 0
        self._latest_round[feed] = latest_round
        info = await self.info(feed)
        return FeedView(info, latest_round, answer, updated_at_s)

    async def info(self, address: str) -> FeedInfo:
        """The cached info, refreshed if the round moved since it was read or it is older than
        `REFRESH_S`."""
        feed = parse_address(address)
        async with self._locks[feed]:
            cached = self._info.get(feed)
            latest_round = self._latest_round.get(feed)
            if (
                cached is None
                or (latest_round is not None and latest_round != cached.latest_round)
                or time.monotonic() - cached.read_at_s >= REFRESH_S
            ):
                cached = self._info[feed] = await self._read_info(feed, cached)
            return cached

    async def feed_signers(self, feed_address: str) -> FeedSigners | None:
        """The store's view of the feed: None for a feed this chain's provider does not serve.
        The round is the latest this node read (the store keeps that round + 1 and + 2)."""
        feed = parse_address(feed_address)
        if feed not in self._names:
            return None
        info = await self.info(feed)
        return info.feed_signers(self._latest_round.get(feed, info.latest_round))

    async def _read_info(self, feed: ChecksumAddress, cached: FeedInfo | None) -> FeedInfo:
        hub = self._ctx.deployment.feed_hub

        async def read(price_feed: PriceFeed) -> FeedInfo:
            latest_round, signers, quorum, max_age_s, hub_transmits = await asyncio.gather(
                price_feed.latest_round(),
                price_feed.signers(),
                price_feed.quorum(),
                price_feed.max_observation_age(),
                price_feed.may_transmit(hub) if hub is not None else _false(),
            )
            if cached is None:
                decimals, description = await asyncio.gather(
                    price_feed.decimals(), price_feed.description()
                )
                identity, chain_id = feed_id(description), self._ctx.section.chain_id
            else:
                decimals, identity, chain_id = cached.decimals, cached.feed_id, cached.chain_id
            return FeedInfo(
                name=self._names[feed],
                address=feed,
                chain_id=chain_id,
                feed_id=identity,
                decimals=decimals,
                latest_round=latest_round,
                signers=tuple(signers),
                quorum=quorum,
                max_observation_age_s=max_age_s,
                hub_transmits=hub_transmits,
                read_at_s=time.monotonic(),
            )

        info = await self._ctx.read(PriceFeed, feed, read)
        # The freshest word of the chain, taken as is (a reorg may move it back).
        self._latest_round[feed] = info.latest_round
        if cached is not None and cached.signers != info.signers:
            self._ctx.logger.info(
                "feed_signers_changed",
                chain=self._ctx.name,
                feed=info.name,
                signers=list(info.signers),
                quorum=info.quorum,
            )
        return info


async def _false() -> bool:
    return False


class NodeFeeds:
    """Every chain's `ChainFeeds` behind the node's one observation store. The exchange's
    wire format names a feed by its address only, so an address served on two chains (the
    same deployer and nonce on both) would be ambiguous: `add` refuses it."""

    def __init__(self) -> None:
        self._by_address: dict[ChecksumAddress, ChainFeeds] = {}

    def __bool__(self) -> bool:
        return bool(self._by_address)

    def add(self, feeds: ChainFeeds) -> None:
        for address in feeds.addresses:
            other = self._by_address.get(address)
            if other is not None:
                raise ConfigError(
                    f"chains.{feeds.context.name}.provider.feeds",
                    feeds.name(address),
                    f"feed {address} is also served on chain {other.context.name}; observations "
                    "name a feed by its address only, so one node cannot serve both",
                )
        for address in feeds.addresses:
            self._by_address[address] = feeds

    async def feed_signers(self, feed_address: str) -> FeedSigners | None:
        feeds = self._by_address.get(parse_address(feed_address))
        return None if feeds is None else await feeds.feed_signers(feed_address)

    def stored(self, wire: WireObservation) -> None:
        """The store kept `wire`: tell the chain its feed lives on."""
        feeds = self._by_address.get(parse_address(wire.feed_address))
        if feeds is None:
            return
        if feeds.on_stored is not None:
            feeds.on_stored()
        else:
            feeds.context.wake.set()
