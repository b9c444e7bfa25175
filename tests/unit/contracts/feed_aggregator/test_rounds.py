"""The aggregator is itself an AggregatorV3Interface feed, with history and v2 views."""

from typing import Any

import boa
import pytest

from tests.harness.aggregator import (
    DECIMALS,
    DESCRIPTION,
    FULL_HISTORY,
    HEARTBEAT_S,
    MIN_INTERVAL_S,
    deploy_aggregator,
    deploy_sources,
    now,
    publish,
    units,
)
from tests.harness.deployers import FEED_CONSUMER_DEPLOYER

# A small ring keeps the wrap-around tests fast; 256 behaves the same.
RING_ROUNDS = 4
HISTORY_MODES = pytest.mark.parametrize(
    "history_rounds", [FULL_HISTORY, RING_ROUNDS], ids=["full-history", "ring-of-4"]
)


def test_latest_round_data__empty_aggregator__reverts() -> None:
    aggregator = deploy_aggregator(deploy_sources([2_000, 2_000, 2_000]))

    with boa.reverts("aggregator: no data"):
        aggregator.latestRoundData()


@HISTORY_MODES
def test_get_round_data__unknown_round__reverts(updater: str, history_rounds: int) -> None:
    aggregator = deploy_aggregator(
        deploy_sources([2_000, 2_000, 2_000]), history_rounds=history_rounds
    )
    aggregator.update(sender=updater)

    with boa.reverts("aggregator: no data"):
        aggregator.getRoundData(2)
    with boa.reverts("aggregator: no data"):
        aggregator.getRoundData(0)


@HISTORY_MODES
def test_get_round_data__after_three_updates__returns_history(
    updater: str, history_rounds: int
) -> None:
    sources = deploy_sources([2_000, 2_000, 2_000])
    aggregator = deploy_aggregator(sources, history_rounds=history_rounds)
    times = []
    for price in (2_000, 2_100, 2_200):
        for source in sources:
            publish(source, price)
        aggregator.update(sender=updater)
        times.append(now())
        boa.env.time_travel(seconds=MIN_INTERVAL_S)

    for round_id, (price, at) in enumerate(zip((2_000, 2_100, 2_200), times, strict=True), 1):
        assert aggregator.getRoundData(round_id) == (round_id, units(price), at, at, round_id)
    assert aggregator.latestRoundData() == (3, units(2_200), times[2], times[2], 3)


@HISTORY_MODES
def test_v2_views__follow_latest_round(updater: str, history_rounds: int) -> None:
    aggregator = deploy_aggregator(
        deploy_sources([2_000, 2_000, 2_000]), history_rounds=history_rounds
    )
    assert (aggregator.latestAnswer(), aggregator.latestTimestamp(), aggregator.latestRound()) == (
        0,
        0,
        0,
    )

    aggregator.update(sender=updater)

    assert aggregator.latestAnswer() == aggregator.getAnswer(1) == units(2_000)
    assert aggregator.latestTimestamp() == aggregator.getTimestamp(1) == now()
    assert aggregator.latestRound() == 1
    assert (aggregator.getAnswer(2), aggregator.getTimestamp(2)) == (0, 0)


def test_peek__equals_what_update_then_stores(updater: str) -> None:
    sources = deploy_sources([2_003, 1_999, 2_000, 2_010])
    for age_s, source in zip((40, 10, 30, 20), sources, strict=True):
        source.set_answer(source.latestRoundData()[1], now() - age_s)
    aggregator = deploy_aggregator(sources)

    answer, updated_at, used = aggregator.peek()
    aggregator.update(sender=updater)

    assert aggregator.latestRoundData()[1:4] == (answer, updated_at, updated_at)
    assert (answer, used) == (units(2_001.5), 4)


def test_update__updated_at__is_the_median_source_time(updater: str) -> None:
    sources = deploy_sources([2_000, 2_001, 2_002])
    for age_s, source in zip((300, 100, 5), sources, strict=True):
        source.set_answer(source.latestRoundData()[1], now() - age_s)
    aggregator = deploy_aggregator(sources)

    aggregator.update(sender=updater)

    assert aggregator.latestRoundData()[3] == now() - 100


def test_update__even_count__updated_at_is_older_middle_time(updater: str) -> None:
    sources = deploy_sources([2_000, 2_001, 2_002, 2_003])
    for age_s, source in zip((1, 50, 20, 2), sources, strict=True):
        source.set_answer(source.latestRoundData()[1], now() - age_s)
    aggregator = deploy_aggregator(sources)

    aggregator.update(sender=updater)

    assert aggregator.latestRoundData()[3] == now() - 50


def _median_moves_to_an_older_source(updater: str) -> tuple[Any, list[Any], int]:
    """Round 1's median source is 10 s old; then the freshest source jumps above the others,
    and the median becomes the source that is 20 s old. Returns round 1's updatedAt."""
    sources = deploy_sources([2_000, 2_001, 2_002])
    for age_s, source in zip((5, 10, 20), sources, strict=True):
        source.set_answer(source.latestRoundData()[1], now() - age_s)
    aggregator = deploy_aggregator(sources)
    aggregator.update(sender=updater)
    first_updated_at = now() - 10
    boa.env.time_travel(seconds=MIN_INTERVAL_S)
    publish(sources[0], 2_003)
    return aggregator, sources, first_updated_at


def test_update__median_source_older_than_previous_round__reverts_and_keeps_round(
    updater: str,
) -> None:
    aggregator, _, first_updated_at = _median_moves_to_an_older_source(updater)

    with boa.reverts("aggregator: median not newer"):
        aggregator.update(sender=updater)

    assert aggregator.latestRoundData() == (
        1,
        units(2_001),
        first_updated_at,
        first_updated_at,
        1,
    )


def test_update__median_source_older_than_previous_round__careful_consumer_keeps_reading(
    updater: str,
) -> None:
    """FeedConsumer checks that the previous round is older than the latest one."""
    aggregator, _, _ = _median_moves_to_an_older_source(updater)
    consumer = FEED_CONSUMER_DEPLOYER.deploy(aggregator.address, HEARTBEAT_S)

    with boa.reverts("aggregator: median not newer"):
        aggregator.update(sender=updater)

    assert consumer.price() == units(2_001)


def test_update__median_source_updates_again__writes_newer_round(updater: str) -> None:
    aggregator, sources, first_updated_at = _median_moves_to_an_older_source(updater)
    publish(sources[2], 2_002)
    consumer = FEED_CONSUMER_DEPLOYER.deploy(aggregator.address, HEARTBEAT_S)

    aggregator.update(sender=updater)

    assert aggregator.latestRoundData()[:4] == (2, units(2_002), now(), now())
    assert aggregator.getRoundData(1)[3] == first_updated_at < now()
    assert consumer.price() == units(2_002)


def test_update__no_source_updated_since_last_round__reverts(updater: str) -> None:
    """An unchanged median time would repeat the round: consumers want it strictly newer."""
    aggregator = deploy_aggregator(deploy_sources([2_000, 2_001, 2_002]))
    aggregator.update(sender=updater)
    boa.env.time_travel(seconds=MIN_INTERVAL_S)

    with boa.reverts("aggregator: median not newer"):
        aggregator.update(sender=updater)
    assert aggregator.latestRound() == 1


def test_peek__median_not_newer__still_returns_the_aggregate(updater: str) -> None:
    """peek() is a live read: it does not apply the newer-than-the-last-round rule."""
    aggregator, _, _ = _median_moves_to_an_older_source(updater)

    assert aggregator.peek() == (units(2_002), now() - MIN_INTERVAL_S - 20, 3)


def test_metadata__reports_deployment_settings() -> None:
    sources = deploy_sources([2_000, 2_000, 2_000])
    aggregator = deploy_aggregator(sources, heartbeats_s=[60, 120, 180], min_sources=2)

    assert (aggregator.decimals(), aggregator.description(), aggregator.version()) == (
        DECIMALS,
        DESCRIPTION,
        1,
    )
    assert aggregator.sources() == [source.address for source in sources]
    assert aggregator.heartbeats() == [60, 120, 180]
    assert (aggregator.min_sources(), aggregator.max_spread_bps()) == (2, 200)
    assert aggregator.min_interval() == MIN_INTERVAL_S


def _update_rounds(aggregator: Any, sources: list[Any], prices: range, updater: str) -> None:
    """One round per price, each from answers published a second after the previous round's
    (a round's updatedAt must be newer than the one before)."""
    for price in prices:
        boa.env.time_travel(seconds=1)
        for source in sources:
            publish(source, price)
        aggregator.update(sender=updater)


def test_get_round_data__ring__round_older_than_ring_reverts(updater: str) -> None:
    sources = deploy_sources([2_000, 2_000, 2_000])
    aggregator = deploy_aggregator(sources, min_interval_s=0, history_rounds=RING_ROUNDS)
    rounds = 10
    _update_rounds(aggregator, sources, range(2_001, 2_001 + rounds), updater)

    oldest_kept = rounds - RING_ROUNDS + 1
    for round_id in range(1, oldest_kept):
        with boa.reverts("aggregator: no data"):
            aggregator.getRoundData(round_id)
        assert (aggregator.getAnswer(round_id), aggregator.getTimestamp(round_id)) == (0, 0)
    for round_id in range(oldest_kept, rounds + 1):
        assert aggregator.getRoundData(round_id)[:2] == (round_id, units(2_000 + round_id))
    assert aggregator.latestRoundData()[:2] == (rounds, units(2_000 + rounds))
    with boa.reverts("aggregator: no data"):
        aggregator.getRoundData(rounds + 1)


def test_get_round_data__full_history__every_round_reads(updater: str) -> None:
    sources = deploy_sources([2_000, 2_000, 2_000])
    aggregator = deploy_aggregator(sources, min_interval_s=0)
    rounds = 10
    _update_rounds(aggregator, sources, range(2_001, 2_001 + rounds), updater)

    for round_id in range(1, rounds + 1):
        assert aggregator.getRoundData(round_id)[:2] == (round_id, units(2_000 + round_id))
        assert aggregator.getAnswer(round_id) == units(2_000 + round_id)
    assert aggregator.latestRoundData()[:2] == (rounds, units(2_000 + rounds))
    with boa.reverts("aggregator: no data"):
        aggregator.getRoundData(rounds + 1)


def test_get_round_data__full_history__kept_beyond_256_rounds(updater: str) -> None:
    sources = deploy_sources([2_000, 2_000, 2_000])
    aggregator = deploy_aggregator(sources, min_interval_s=0)
    _update_rounds(aggregator, sources, range(2_001, 2_001 + 257), updater)

    assert aggregator.getRoundData(1)[:2] == (1, units(2_001))
    assert aggregator.getAnswer(1) == units(2_001)
    assert aggregator.latestRoundData()[0] == 257
