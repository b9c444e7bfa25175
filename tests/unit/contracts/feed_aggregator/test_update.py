"""update(): the median of the live sources becomes a new round; bad sources are dropped."""

import boa
import pytest

from tests.harness import deployers
from tests.harness.aggregator import (
    HEARTBEAT_S,
    MODE_BURN_GAS,
    MODE_HUGE_ANSWER,
    MODE_REVERT,
    deploy_aggregator,
    deploy_source,
    deploy_sources,
    latest_answer,
    now,
    publish,
    units,
)


def test_update__three_sources__stores_median(updater: str) -> None:
    aggregator = deploy_aggregator(deploy_sources([2_001, 1_999, 2_000]))

    round_id = aggregator.update(sender=updater)

    assert round_id == 1
    assert aggregator.latestRoundData()[:2] == (1, units(2_000))


def test_update__one_of_three_manipulated__median_holds(updater: str) -> None:
    aggregator = deploy_aggregator(deploy_sources([2_000, 2_002, 1_000_000]))

    aggregator.update(sender=updater)

    assert latest_answer(aggregator) == units(2_002)


def test_update__one_of_five_manipulated_low__median_holds(updater: str) -> None:
    aggregator = deploy_aggregator(deploy_sources([0.01, 2_000, 2_001, 2_003, 1_999]))

    aggregator.update(sender=updater)

    assert latest_answer(aggregator) == units(2_000)


def test_update__two_of_five_manipulated__median_holds(updater: str) -> None:
    aggregator = deploy_aggregator(deploy_sources([9_999_999, 2_000, 2_001, 9_999_999, 1_999]))

    aggregator.update(sender=updater)

    assert latest_answer(aggregator) == units(2_001)


def test_update__even_count__stores_mean_of_middles_rounded_toward_zero(updater: str) -> None:
    sources = deploy_sources([1, 1, 1, 1])
    for source, answer in zip(sources, [10, 3, 4, 100], strict=True):
        source.set_answer(answer, now())
    aggregator = deploy_aggregator(sources)

    aggregator.update(sender=updater)

    assert latest_answer(aggregator) == 7  # (3 + 10) // 2, not 6.5 rounded up


def test_update__emits_chainlink_events(updater: str) -> None:
    aggregator = deploy_aggregator(deploy_sources([2_000, 2_000, 2_000]))

    aggregator.update(sender=updater)

    answer_updated, new_round = aggregator.get_logs()
    assert (answer_updated.current, answer_updated.roundId) == (units(2_000), 1)
    assert (new_round.roundId, new_round.startedBy) == (1, updater)
    assert new_round.startedAt == answer_updated.updatedAt == now()


# --- dropped sources ----------------------------------------------------------------------


def test_update__source_exactly_heartbeat_old__is_used(updater: str) -> None:
    sources = deploy_sources([2_000, 2_000])
    sources.append(deploy_source(3_000, age_s=HEARTBEAT_S))
    aggregator = deploy_aggregator(sources, min_sources=3, max_spread_bps=10_000)

    assert aggregator.peek()[2] == 3


def test_update__source_older_than_heartbeat__dropped(updater: str) -> None:
    sources = deploy_sources([2_000, 2_001, 2_002])
    sources.append(deploy_source(9_000, age_s=HEARTBEAT_S + 1))
    aggregator = deploy_aggregator(sources, min_sources=3)

    aggregator.update(sender=updater)

    assert aggregator.peek()[2] == 3
    assert latest_answer(aggregator) == units(2_001)


def test_update__per_source_heartbeat__applies_to_its_source(updater: str) -> None:
    sources = deploy_sources([2_000, 2_001])
    sources.append(deploy_source(2_002, age_s=100))
    tight = deploy_aggregator(sources, heartbeats_s=[HEARTBEAT_S, HEARTBEAT_S, 99])
    loose = deploy_aggregator(sources, heartbeats_s=[HEARTBEAT_S, HEARTBEAT_S, 100])

    assert (tight.peek()[2], loose.peek()[2]) == (2, 3)


def test_update__source_dated_in_future__dropped(updater: str) -> None:
    sources = deploy_sources([2_000, 2_001, 2_002])
    future = deploy_source(9_000)
    future.set_answer(units(9_000), now() + 1)
    aggregator = deploy_aggregator([*sources, future], min_sources=3)

    aggregator.update(sender=updater)

    assert (latest_answer(aggregator), aggregator.peek()[2]) == (units(2_001), 3)


@pytest.mark.parametrize("answer", [0, -1, -(10**20)], ids=["zero", "minus-one", "negative"])
def test_update__non_positive_source__dropped(updater: str, answer: int) -> None:
    sources = deploy_sources([2_000, 2_001, 2_002, 2_003])
    sources[0].set_answer(answer, now())
    aggregator = deploy_aggregator(sources, min_sources=3)

    aggregator.update(sender=updater)

    assert (latest_answer(aggregator), aggregator.peek()[2]) == (units(2_002), 3)


@pytest.mark.parametrize(
    "mode", [MODE_REVERT, MODE_BURN_GAS, MODE_HUGE_ANSWER], ids=["revert", "burn-gas", "huge"]
)
def test_update__failing_source__dropped_without_reverting(updater: str, mode: int) -> None:
    sources = deploy_sources([2_000, 2_001, 2_002, 1])
    sources[3].set_mode(mode)
    aggregator = deploy_aggregator(sources, min_sources=3)

    aggregator.update(sender=updater)

    assert (latest_answer(aggregator), aggregator.peek()[2]) == (units(2_001), 3)


def test_update__short_returndata_source__dropped_without_reverting(updater: str) -> None:
    short = deployers.MOCK_SHORT_AGGREGATOR_DEPLOYER.deploy()
    aggregator = deploy_aggregator([*deploy_sources([2_000, 2_001, 2_002]), short], min_sources=3)

    aggregator.update(sender=updater)

    assert (latest_answer(aggregator), aggregator.peek()[2]) == (units(2_001), 3)


def test_update__gas_burning_source__costs_at_most_its_allowance(updater: str) -> None:
    sources = deploy_sources([2_000, 2_001, 2_002, 1])
    sources[3].set_mode(MODE_BURN_GAS)
    aggregator = deploy_aggregator(sources, min_sources=3)

    aggregator.update(sender=updater, gas=400_000)

    assert aggregator.latestRound() == 1


def test_update__too_little_gas_for_every_source__reverts(updater: str) -> None:
    aggregator = deploy_aggregator(deploy_sources([2_000, 2_001, 2_002]))

    with boa.reverts("aggregator: gas too low"):
        aggregator.update(sender=updater, gas=100_000)


# --- min_sources ---------------------------------------------------------------------------


def test_update__min_sources_live__succeeds(updater: str) -> None:
    sources = deploy_sources([2_000, 2_001, 2_002, 1])
    sources[3].set_mode(MODE_REVERT)
    aggregator = deploy_aggregator(sources, min_sources=3)

    aggregator.update(sender=updater)

    assert aggregator.latestRound() == 1


def test_update__one_fewer_than_min_sources_live__reverts(updater: str) -> None:
    sources = deploy_sources([2_000, 2_001, 1, 1])
    sources[2].set_mode(MODE_REVERT)
    publish(sources[3], 2_002, age_s=HEARTBEAT_S + 1)
    aggregator = deploy_aggregator(sources, min_sources=3)

    with boa.reverts("aggregator: too few sources"):
        aggregator.update(sender=updater)
    assert aggregator.latestRound() == 0


def test_update__single_live_source_with_min_one__stores_it(updater: str) -> None:
    sources = deploy_sources([2_000, 1, 1])
    sources[1].set_mode(MODE_REVERT)
    sources[2].set_mode(MODE_REVERT)
    aggregator = deploy_aggregator(sources, min_sources=1)

    aggregator.update(sender=updater)

    assert latest_answer(aggregator) == units(2_000)


# --- min_interval ---------------------------------------------------------------------------


def test_update__first_update__needs_no_interval(updater: str) -> None:
    aggregator = deploy_aggregator(deploy_sources([2_000, 2_000, 2_000]), min_interval_s=3_600)

    aggregator.update(sender=updater)

    assert aggregator.last_update_time() == now()


def test_update__exactly_min_interval_later__succeeds(updater: str) -> None:
    sources = deploy_sources([2_000, 2_000, 2_000])
    aggregator = deploy_aggregator(sources, min_interval_s=60)
    aggregator.update(sender=updater)
    boa.env.time_travel(seconds=60)
    for source in sources:
        publish(source, 2_001)

    aggregator.update(sender=updater)

    assert aggregator.latestRound() == 2


def test_update__one_second_before_min_interval__reverts(updater: str) -> None:
    aggregator = deploy_aggregator(deploy_sources([2_000, 2_000, 2_000]), min_interval_s=60)
    aggregator.update(sender=updater)
    boa.env.time_travel(seconds=59)

    with boa.reverts("aggregator: too soon"):
        aggregator.update(sender=updater)


def test_peek__too_few_sources__reverts_like_update() -> None:
    sources = deploy_sources([2_000, 1, 1])
    sources[1].set_mode(MODE_REVERT)
    sources[2].set_mode(MODE_REVERT)
    aggregator = deploy_aggregator(sources, min_sources=2)

    with boa.reverts("aggregator: too few sources"):
        aggregator.peek()
