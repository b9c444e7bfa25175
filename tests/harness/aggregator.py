"""A FeedAggregator over mock sources, deployed with defaults a test overrides where it matters.

    sources = deploy_sources([2_000, 2_001, 1_999])          # whole units, 8 decimals, fresh
    aggregator = deploy_aggregator(sources, min_sources=2)
    aggregator.update()

Prices are given in whole units and scaled here, so tests read as prices.
"""

from collections.abc import Sequence
from typing import Any, Final

import boa

from tests.harness import deployers

DECIMALS: Final = 8
HEARTBEAT_S: Final = 3_600
MIN_INTERVAL_S: Final = 60
MAX_SPREAD_BPS: Final = 200
DESCRIPTION: Final = "ETH / USD"
# 0: every round kept (the default an operator should pick); n >= 2: a ring of the latest n.
FULL_HISTORY: Final = 0
HISTORY_ROUNDS: Final = FULL_HISTORY

# MockAggregatorV3 failure modes.
MODE_NORMAL: Final = 0
MODE_REVERT: Final = 1
MODE_BURN_GAS: Final = 2
MODE_HUGE_ANSWER: Final = 3


def now() -> int:
    """The timestamp of the block the next call runs in."""
    timestamp: int = boa.env.evm.patch.timestamp
    return timestamp


def units(price: int | float, decimals: int = DECIMALS) -> int:
    """`price` whole units as an integer answer with `decimals` decimals."""
    return int(round(price * 10**decimals))


def deploy_source(price: int | float, *, decimals: int = DECIMALS, age_s: int = 0) -> Any:
    """A MockAggregatorV3 answering `price` (whole units), updated `age_s` seconds ago."""
    return deployers.MOCK_AGGREGATOR_V3_DEPLOYER.deploy(
        decimals, units(price, decimals), now() - age_s
    )


def deploy_sources(prices: Sequence[int | float], *, decimals: int = DECIMALS) -> list[Any]:
    """One fresh MockAggregatorV3 per price."""
    return [deploy_source(price, decimals=decimals) for price in prices]


def deploy_aggregator(
    sources: Sequence[Any],
    *,
    decimals: int = DECIMALS,
    heartbeats_s: Sequence[int] | None = None,
    min_sources: int | None = None,
    max_spread_bps: int = MAX_SPREAD_BPS,
    min_interval_s: int = MIN_INTERVAL_S,
    history_rounds: int = HISTORY_ROUNDS,
) -> Any:
    """A FeedAggregator over `sources`; `min_sources` defaults to a majority, history to full."""
    count = len(sources)
    return deployers.FEED_AGGREGATOR_DEPLOYER.deploy(
        decimals,
        DESCRIPTION,
        [source.address for source in sources],
        list(heartbeats_s) if heartbeats_s is not None else [HEARTBEAT_S] * count,
        min_sources if min_sources is not None else count // 2 + 1,
        max_spread_bps,
        min_interval_s,
        history_rounds,
    )


def publish(source: Any, price: int | float, *, decimals: int = DECIMALS, age_s: int = 0) -> None:
    """The source reports `price` (whole units), updated `age_s` seconds ago."""
    source.set_answer(units(price, decimals), now() - age_s)


def latest_answer(aggregator: Any) -> int:
    """The answer of the latest round."""
    answer: int = aggregator.latestRoundData()[1]
    return answer
