"""Constructor checks: a misconfigured aggregator never deploys."""

from typing import Any

import boa
import pytest

from tests.harness import deployers
from tests.harness.aggregator import DECIMALS, deploy_aggregator, deploy_sources


def _deploy(
    sources: list[str], heartbeats: list[int], min_sources: int = 1, **overrides: int
) -> Any:
    return deployers.FEED_AGGREGATOR_DEPLOYER.deploy(
        overrides.get("decimals", DECIMALS),
        "ETH / USD",
        sources,
        heartbeats,
        min_sources,
        overrides.get("max_spread_bps", 200),
        60,
        overrides.get("history_rounds", 0),
    )


def test_deploy__sixteen_sources__succeeds() -> None:
    sources = deploy_sources([2_000] * 16)

    aggregator = deploy_aggregator(sources)

    assert aggregator.peek() == (2_000 * 10**8, boa.env.evm.patch.timestamp, 16)


def test_deploy__no_sources__reverts() -> None:
    with boa.reverts("aggregator: no sources"):
        _deploy([], [])


def test_deploy__heartbeats_length_mismatch__reverts() -> None:
    sources = [source.address for source in deploy_sources([2_000, 2_000])]

    with boa.reverts("aggregator: length mismatch"):
        _deploy(sources, [60])


@pytest.mark.parametrize("min_sources", [0, 3], ids=["zero", "above-count"])
def test_deploy__min_sources_out_of_range__reverts(min_sources: int) -> None:
    sources = [source.address for source in deploy_sources([2_000, 2_000])]

    with boa.reverts("aggregator: bad min sources"):
        _deploy(sources, [60, 60], min_sources)


def test_deploy__duplicate_source__reverts() -> None:
    (source,) = deploy_sources([2_000])

    with boa.reverts("aggregator: duplicate source"):
        _deploy([source.address, source.address], [60, 60])


def test_deploy__zero_source__reverts() -> None:
    with boa.reverts("aggregator: zero source"):
        _deploy(["0x0000000000000000000000000000000000000000"], [60])


def test_deploy__zero_heartbeat__reverts() -> None:
    (source,) = deploy_sources([2_000])

    with boa.reverts("aggregator: bad heartbeat"):
        _deploy([source.address], [0])


def test_deploy__spread_above_100_percent__reverts() -> None:
    (source,) = deploy_sources([2_000])

    with boa.reverts("aggregator: bad max spread"):
        _deploy([source.address], [60], max_spread_bps=10_001)


def test_deploy__source_with_37_decimals__reverts() -> None:
    (source,) = deploy_sources([1])
    source.set_decimals(37)

    with boa.reverts("aggregator: bad source decimals"):
        _deploy([source.address], [60])


@pytest.mark.parametrize("history_rounds", [0, 2, 256], ids=["full", "ring-of-2", "ring-of-256"])
def test_deploy__history_rounds__is_reported(history_rounds: int) -> None:
    (source,) = deploy_sources([2_000])

    aggregator = _deploy([source.address], [60], history_rounds=history_rounds)

    assert aggregator.history_rounds() == history_rounds


def test_deploy__ring_of_one_round__reverts() -> None:
    (source,) = deploy_sources([2_000])

    with boa.reverts("aggregator: bad history rounds"):
        _deploy([source.address], [60], history_rounds=1)


def test_deploy__default__keeps_full_history() -> None:
    aggregator = deploy_aggregator(deploy_sources([2_000]))

    assert aggregator.history_rounds() == 0
