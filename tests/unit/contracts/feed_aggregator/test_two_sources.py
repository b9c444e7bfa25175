"""Exactly two live sources: no robust median, so they must agree within max_spread_bps."""

import boa

from tests.harness.aggregator import (
    MODE_REVERT,
    deploy_aggregator,
    deploy_sources,
    latest_answer,
    units,
)


def test_update__two_sources_at_max_spread__stores_mean(updater: str) -> None:
    aggregator = deploy_aggregator(deploy_sources([2_000, 2_040]), max_spread_bps=200)

    aggregator.update(sender=updater)

    assert latest_answer(aggregator) == units(2_020)


def test_update__two_sources_beyond_max_spread__reverts_without_round(updater: str) -> None:
    sources = deploy_sources([1, 1])
    sources[0].set_answer(2_000 * 10**8, boa.env.evm.patch.timestamp)
    sources[1].set_answer(2_040 * 10**8 + 1, boa.env.evm.patch.timestamp)
    aggregator = deploy_aggregator(sources, max_spread_bps=200)

    with boa.reverts("aggregator: sources disagree"):
        aggregator.update(sender=updater)
    assert aggregator.latestRound() == 0


def test_update__two_of_three_live_and_disagreeing__reverts(updater: str) -> None:
    sources = deploy_sources([2_000, 3_000, 2_001])
    sources[2].set_mode(MODE_REVERT)
    aggregator = deploy_aggregator(sources, min_sources=2)

    with boa.reverts("aggregator: sources disagree"):
        aggregator.update(sender=updater)


def test_update__three_live_sources_far_apart__median_needs_no_agreement(updater: str) -> None:
    aggregator = deploy_aggregator(deploy_sources([1_000, 2_000, 3_000]), max_spread_bps=0)

    aggregator.update(sender=updater)

    assert latest_answer(aggregator) == units(2_000)


def test_update__disagreement_after_rounds__keeps_previous_round(updater: str) -> None:
    sources = deploy_sources([2_000, 2_001])
    aggregator = deploy_aggregator(sources, min_interval_s=0)
    aggregator.update(sender=updater)
    sources[1].set_answer(units(2_500), boa.env.evm.patch.timestamp)

    with boa.reverts("aggregator: sources disagree"):
        aggregator.update(sender=updater)
    assert aggregator.latestRoundData()[:2] == (1, units(2_000.5))
