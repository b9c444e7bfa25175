"""PriceFeed reads: AggregatorV3 and v2 views, empty feed, consumer whitelist."""

from typing import Any

import boa
import pytest

from tests.harness.deployers import FEED_CONSUMER_DEPLOYER
from tests.harness.feeds import DECIMALS, DESCRIPTION, FeedFixture

MAX_AGE_S = 3_600


@pytest.fixture
def consumer(feeds: FeedFixture) -> Any:
    """A careful DeFi protocol reading the feed."""
    return FEED_CONSUMER_DEPLOYER.deploy(feeds.feed.address, MAX_AGE_S)


@pytest.fixture
def user() -> Any:
    """An EOA calling the consumer (tx.origin)."""
    return boa.env.generate_address("user")


def test_metadata__any_caller__reads_decimals_description_version(feeds: FeedFixture) -> None:
    assert (feeds.feed.decimals(), feeds.feed.description(), feeds.feed.version()) == (
        DECIMALS,
        DESCRIPTION,
        1,
    )


def test_latest_round_data__empty_feed__reverts(feeds: FeedFixture) -> None:
    with boa.reverts("price_feed: no data"):
        feeds.feed.latestRoundData()


@pytest.mark.parametrize("round_id", [0, 1, 2**80 - 1])
def test_get_round_data__unknown_round__reverts(feeds: FeedFixture, round_id: int) -> None:
    with boa.reverts("price_feed: no data"):
        feeds.feed.getRoundData(round_id)


def test_v2_views__empty_feed__return_zero(feeds: FeedFixture) -> None:
    feed = feeds.feed

    assert (feed.latestAnswer(), feed.latestTimestamp(), feed.latestRound()) == (0, 0, 0)
    assert (feed.getAnswer(1), feed.getTimestamp(1)) == (0, 0)


def test_get_round_data__history__returns_every_round(feeds: FeedFixture) -> None:
    times = []
    for answer in (100, 200, 300):
        boa.env.time_travel(seconds=60)
        feeds.publish([answer] * 4, timestamps=[feeds.now - 1] * 4)
        times.append(feeds.now - 1)

    for round_id, (answer, updated_at) in enumerate(zip((100, 200, 300), times, strict=True), 1):
        assert feeds.feed.getRoundData(round_id) == (
            round_id,
            answer,
            updated_at,
            updated_at,
            round_id,
        )
        assert (feeds.feed.getAnswer(round_id), feeds.feed.getTimestamp(round_id)) == (
            answer,
            updated_at,
        )
    assert feeds.feed.latestRoundData() == (3, 300, times[2], times[2], 3)
    assert (feeds.feed.latestAnswer(), feeds.feed.latestTimestamp(), feeds.feed.latestRound()) == (
        300,
        times[2],
        3,
    )


def test_consumer__two_rounds__accepts_fluxo_feed(feeds: FeedFixture, consumer: Any) -> None:
    feeds.publish([100, 101, 102, 103])
    boa.env.time_travel(seconds=60)
    feeds.publish([110, 111, 112, 113])

    assert consumer.price() == 111


def test_consumer__answer_older_than_max_age__reverts(feeds: FeedFixture, consumer: Any) -> None:
    feeds.publish([100, 101, 102, 103])
    boa.env.time_travel(seconds=MAX_AGE_S + 60)

    with boa.reverts("consumer: answer too old"):
        consumer.price()


def test_whitelist__off__contract_reads(feeds: FeedFixture, consumer: Any, user: Any) -> None:
    feeds.publish([100, 101, 102, 103])

    assert consumer.price(sender=user) == 101


def test_whitelist__on__unlisted_contract_reverts(
    feeds: FeedFixture, consumer: Any, user: Any
) -> None:
    feeds.publish([100, 101, 102, 103])
    feeds.feed.set_whitelist_enabled(True, sender=feeds.owner)

    with boa.reverts("price_feed: caller not whitelisted"):
        consumer.latest_round_data(sender=user)


def test_whitelist__on__listed_contract_reads(feeds: FeedFixture, consumer: Any, user: Any) -> None:
    feeds.publish([100, 101, 102, 103])
    boa.env.time_travel(seconds=60)
    feeds.publish([100, 101, 102, 103])
    feeds.feed.set_whitelist_enabled(True, sender=feeds.owner)
    feeds.feed.set_whitelisted(consumer.address, True, sender=feeds.owner)

    assert consumer.price(sender=user) == 101


def test_whitelist__on__eoa_reads_everything(feeds: FeedFixture, user: Any) -> None:
    feeds.publish([100, 101, 102, 103])
    feeds.feed.set_whitelist_enabled(True, sender=feeds.owner)

    with boa.env.prank(user):
        assert feeds.feed.latestRoundData()[1] == 101
        assert feeds.feed.getRoundData(1)[1] == 101
        assert feeds.feed.latestAnswer() == 101


@pytest.mark.parametrize(
    ("view", "args"),
    [
        ("latestRoundData", ()),
        ("getRoundData", (1,)),
        ("latestAnswer", ()),
        ("latestTimestamp", ()),
        ("latestRound", ()),
        ("getAnswer", (1,)),
        ("getTimestamp", (1,)),
    ],
)
def test_whitelist__on__every_read_gated_for_contracts(
    feeds: FeedFixture, consumer: Any, view: str, args: tuple[int, ...]
) -> None:
    feeds.publish([100, 101, 102, 103])
    calldata = getattr(feeds.feed, view).prepare_calldata(*args)
    assert consumer.forward(calldata)  # whitelist off: the contract reads
    feeds.feed.set_whitelist_enabled(True, sender=feeds.owner)

    with boa.reverts("price_feed: caller not whitelisted"):
        consumer.forward(calldata)


def test_whitelist__turned_off_again__contract_reads(feeds: FeedFixture, consumer: Any) -> None:
    feeds.publish([100, 101, 102, 103])
    feeds.feed.set_whitelist_enabled(True, sender=feeds.owner)
    feeds.feed.set_whitelist_enabled(False, sender=feeds.owner)

    assert consumer.latest_round_data()[1] == 101
    assert feeds.feed.whitelist_enabled() is False
