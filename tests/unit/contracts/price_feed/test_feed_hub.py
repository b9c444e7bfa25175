"""FeedHub.transmit_many: one transaction updates many feeds, for their transmitters only."""

from typing import Any

import boa
import pytest

from tests.harness.deployers import FEED_CONSUMER_DEPLOYER, FEED_HUB_DEPLOYER
from tests.harness.feeds import FeedFixture


@pytest.fixture
def hub() -> Any:
    return FEED_HUB_DEPLOYER.deploy()


@pytest.fixture
def other(feeds: FeedFixture) -> FeedFixture:
    """A second feed with the same providers (so provider 1 may transmit to both)."""
    return FeedFixture(description="BTC / USD")


def _failed(hub: Any) -> list[tuple[str, int]]:
    return [
        (log.feed, log.index) for log in hub.get_logs() if type(log).__name__ == "TransmitFailed"
    ]


def test_transmit_many__signer_through_registered_hub__updates_both(
    feeds: FeedFixture, other: FeedFixture, hub: Any
) -> None:
    feeds.add_transmitter(hub.address)
    other.add_transmitter(hub.address)
    reports = [feeds.report([1, 2, 3, 4]), other.report([10, 20, 30, 40])]

    done = hub.transmit_many(
        [feeds.feed.address, other.feed.address],
        [r.encoded() for r in reports],
        sender=feeds.transmitter,
    )

    assert done == [True, True]
    assert (feeds.feed.latestAnswer(), other.feed.latestAnswer()) == (2, 25)
    assert _failed(hub) == []


def test_transmit_many__stranger_through_registered_hub__fails_and_moves_nothing(
    feeds: FeedFixture, hub: Any
) -> None:
    """The hub is a transmitter of the feed, but it never lends that to a stranger."""
    feeds.add_transmitter(hub.address)
    report = feeds.report([1, 2, 3, 4])

    done = hub.transmit_many([feeds.feed.address], [report.encoded()], sender=feeds.stranger)

    assert done == [False]
    assert _failed(hub) == [(feeds.feed.address, 0)]
    assert feeds.feed.latestRound() == 0


def test_transmit_many__added_transmitter_through_hub__lands(feeds: FeedFixture, hub: Any) -> None:
    feeds.add_transmitter(hub.address)
    feeds.add_transmitter(feeds.stranger)

    done = hub.transmit_many(
        [feeds.feed.address], [feeds.report([1, 2, 3, 4]).encoded()], sender=feeds.stranger
    )

    assert done == [True]
    assert feeds.feed.latestRound() == 1


def test_transmit_many__removed_transmitter_through_hub__fails(
    feeds: FeedFixture, hub: Any
) -> None:
    feeds.add_transmitter(hub.address)
    feeds.add_transmitter(feeds.stranger)
    feeds.feed.set_transmitter(feeds.stranger, False, sender=feeds.owner)

    done = hub.transmit_many(
        [feeds.feed.address], [feeds.report([1, 2, 3, 4]).encoded()], sender=feeds.stranger
    )

    assert done == [False]
    assert feeds.feed.latestRound() == 0


def test_transmit_many__hub_not_a_transmitter__feed_rejects_it_alone(
    feeds: FeedFixture, other: FeedFixture, hub: Any
) -> None:
    other.add_transmitter(hub.address)
    reports = [feeds.report([1, 2, 3, 4]), other.report([10, 20, 30, 40])]

    done = hub.transmit_many(
        [feeds.feed.address, other.feed.address],
        [r.encoded() for r in reports],
        sender=feeds.transmitter,
    )

    assert done == [False, True]
    assert (feeds.feed.latestRound(), other.feed.latestRound()) == (0, 1)
    assert _failed(hub) == [(feeds.feed.address, 0)]


def test_transmit_many__one_bad_report__others_still_land(
    feeds: FeedFixture, other: FeedFixture, hub: Any
) -> None:
    feeds.add_transmitter(hub.address)
    other.add_transmitter(hub.address)
    stale = feeds.report([1, 2, 3, 4], round_id=5)
    reports = [stale, other.report([10, 20, 30, 40])]

    done = hub.transmit_many(
        [feeds.feed.address, other.feed.address],
        [r.encoded() for r in reports],
        sender=feeds.transmitter,
    )

    assert done == [False, True]
    assert (feeds.feed.latestRound(), other.feed.latestRound()) == (0, 1)
    assert _failed(hub) == [(feeds.feed.address, 0)]


def test_transmit_many__target_is_not_a_feed__fails_alone(feeds: FeedFixture, hub: Any) -> None:
    """A contract without `may_transmit` (or an address without code) answers no."""
    feeds.add_transmitter(hub.address)
    not_a_feed = FEED_CONSUMER_DEPLOYER.deploy(feeds.feed.address, 3_600)
    report = feeds.report([1, 2, 3, 4])
    no_code = "0x" + "42" * 20

    done = hub.transmit_many(
        [not_a_feed.address, no_code, feeds.feed.address],
        [report.encoded()] * 3,
        sender=feeds.transmitter,
    )

    assert done == [False, False, True]
    assert feeds.feed.latestRound() == 1


def test_transmit_many__length_mismatch__reverts(feeds: FeedFixture, hub: Any) -> None:
    with boa.reverts("feed_hub: length mismatch"):
        hub.transmit_many([feeds.feed.address], [], sender=feeds.transmitter)


def test_feed_hub__selectors__match_the_price_feed_abi() -> None:
    """FeedHub forwards raw calldata, so it names PriceFeed's functions by signature strings;
    they must be the signatures the PriceFeed ABI actually has."""
    import re

    from eth_utils import keccak
    from scripts.compiling import CONTRACTS_DIR, compile_source

    from fluxo.chain.abi_types import canonical_type

    hub_source = (CONTRACTS_DIR / "FeedHub.vy").read_text()
    used = set(re.findall(r'method_id\("([^"]+)"', hub_source))
    abi = compile_source("PriceFeed.vy").abi
    signatures = {
        f"{item['name']}({','.join(canonical_type(i) for i in item['inputs'])})"
        for item in abi
        if item.get("type") == "function"
    }

    assert used and used <= signatures, sorted(used - signatures)
    assert all(len(keccak(text=signature)[:4]) == 4 for signature in used)
