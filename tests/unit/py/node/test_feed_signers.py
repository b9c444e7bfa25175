"""The node's feeds behind its one observation store: routed by address, never ambiguous."""

import asyncio
from types import SimpleNamespace
from typing import Any

import pytest

from fluxo.exceptions import ConfigError
from fluxo.node.feed_signers import ChainFeeds, NodeFeeds
from tests.harness.observations import FEED_ADDRESS, OTHER_FEED_ADDRESS, SIGNERS, signed_wire


def _chain_feeds(name: str, feeds: dict[str, str]) -> ChainFeeds:
    # Routing needs only the chain's name and its wake event, never an RPC.
    context: Any = SimpleNamespace(name=name, wake=asyncio.Event())
    return ChainFeeds(context, feeds)


def test_add__same_feed_address_on_two_chains__refused_naming_both() -> None:
    feeds = NodeFeeds()
    feeds.add(_chain_feeds("one", {"ETH / USD": FEED_ADDRESS}))

    with pytest.raises(ConfigError, match="also served on chain one"):
        feeds.add(_chain_feeds("two", {"ETH / USD": FEED_ADDRESS.lower()}))


def test_feed_signers__feed_no_chain_serves__none() -> None:
    feeds = NodeFeeds()
    feeds.add(_chain_feeds("one", {"ETH / USD": FEED_ADDRESS}))

    assert asyncio.run(feeds.feed_signers(OTHER_FEED_ADDRESS)) is None


def test_stored__observation_of_a_feed__its_chain_hears_of_it() -> None:
    heard: list[str] = []
    one, two = (
        _chain_feeds("one", {"ETH / USD": FEED_ADDRESS}),
        _chain_feeds("two", {"BTC / USD": OTHER_FEED_ADDRESS}),
    )
    one.on_stored = lambda: heard.append("one")
    feeds = NodeFeeds()
    feeds.add(one)
    feeds.add(two)

    feeds.stored(signed_wire(SIGNERS[0]))
    feeds.stored(signed_wire(SIGNERS[0], feed_address=OTHER_FEED_ADDRESS))

    assert heard == ["one"]
    # A chain without a listener has its loop woken instead.
    assert two.context.wake.is_set()
    assert not one.context.wake.is_set()
