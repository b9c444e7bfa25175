"""PythAdapter: a Pyth price as an AggregatorV3Interface feed, scaled exactly."""

from typing import Any

import boa
import pytest
from eth_utils import function_signature_to_4byte_selector

from tests.harness import deployers
from tests.harness.aggregator import deploy_aggregator, deploy_sources, now
from tests.unit.contracts.adapters.conftest import ETH_USD_PRICE_ID

MAX_AGE_S = 60


def _adapter(pyth: Any, decimals: int = 8) -> Any:
    return deployers.PYTH_ADAPTER_DEPLOYER.deploy(
        pyth.address, ETH_USD_PRICE_ID, MAX_AGE_S, decimals, "ETH / USD (Pyth)"
    )


@pytest.mark.parametrize(
    ("price", "expo", "decimals", "answer"),
    [
        (200_012_345_678, -8, 8, 200_012_345_678),
        (200_012_345, -5, 8, 200_012_345_000),
        (20, 2, 8, 2_000 * 10**8),
        (200_012_345_678, -8, 18, 2_000_123_456_780_000_000_000),
        (200_012_345_678, -8, 6, 2_000_123_456),  # truncated toward zero
        (-200_012_345_678, -8, 6, -2_000_123_456),
    ],
    ids=["expo-8", "expo-5", "expo+2", "to-18", "to-6-truncates", "negative-truncates-toward-zero"],
)
def test_latest_round_data__pyth_exponent__scaled_to_adapter_decimals(
    pyth: Any, reporter: str, price: int, expo: int, decimals: int, answer: int
) -> None:
    pyth.set_price(ETH_USD_PRICE_ID, price, 10, expo, now(), sender=reporter)

    round_id, read_answer, started_at, updated_at, answered_in = _adapter(
        pyth, decimals
    ).latestRoundData()

    assert read_answer == answer
    assert round_id == answered_in == started_at == updated_at == now()


def test_latest_round_data__price_at_max_age__is_read(pyth: Any, reporter: str) -> None:
    pyth.set_price(ETH_USD_PRICE_ID, 2_000, 1, -8, now() - MAX_AGE_S, sender=reporter)

    assert _adapter(pyth).latestRoundData()[1] == 2_000


def test_latest_round_data__price_older_than_max_age__reverts_stale(
    pyth: Any, reporter: str
) -> None:
    pyth.set_price(ETH_USD_PRICE_ID, 2_000, 1, -8, now() - MAX_AGE_S - 1, sender=reporter)
    adapter = _adapter(pyth)

    with pytest.raises(boa.BoaError) as raised:
        adapter.latestRoundData()
    assert function_signature_to_4byte_selector("StalePrice()").hex() in str(raised.value)


def test_latest_round_data__publish_time_at_block_time__updated_at_unchanged(
    pyth: Any, reporter: str
) -> None:
    pyth.set_price(ETH_USD_PRICE_ID, 2_000, 1, -8, now(), sender=reporter)

    round_id, _, started_at, updated_at, _ = _adapter(pyth).latestRoundData()

    assert (round_id, started_at, updated_at) == (now(), now(), now())


def test_latest_round_data__publish_time_ahead_of_block__updated_at_capped_at_block_time(
    pyth: Any, reporter: str
) -> None:
    """Pyth accepts publish times up to `max_age` ahead; the round id keeps Pyth's time."""
    pyth.set_price(ETH_USD_PRICE_ID, 2_000, 1, -8, now() + 10, sender=reporter)

    round_id, _, started_at, updated_at, answered_in = _adapter(pyth).latestRoundData()

    assert (round_id, answered_in) == (now() + 10, now() + 10)
    assert (started_at, updated_at) == (now(), now())


def test_get_round_data__publish_time_ahead_of_block__capped_like_latest(
    pyth: Any, reporter: str
) -> None:
    pyth.set_price(ETH_USD_PRICE_ID, 2_000, 1, -8, now() + 10, sender=reporter)
    adapter = _adapter(pyth)

    assert adapter.getRoundData(now() + 10) == adapter.latestRoundData()


def test_latest_round_data__exponent_out_of_range__reverts(pyth: Any, reporter: str) -> None:
    pyth.set_price(ETH_USD_PRICE_ID, 1, 0, 31, now(), sender=reporter)

    with boa.reverts("pyth_adapter: exponent out of range"):
        _adapter(pyth).latestRoundData()


def test_get_round_data__latest_publish_time__matches_latest(pyth: Any, reporter: str) -> None:
    pyth.set_price(ETH_USD_PRICE_ID, 2_000, 1, -8, now() - 5, sender=reporter)
    adapter = _adapter(pyth)

    assert adapter.getRoundData(now() - 5) == adapter.latestRoundData()


def test_get_round_data__older_round__reverts(pyth: Any, reporter: str) -> None:
    pyth.set_price(ETH_USD_PRICE_ID, 2_000, 1, -8, now() - 5, sender=reporter)

    with boa.reverts("pyth_adapter: only the latest round"):
        _adapter(pyth).getRoundData(now() - 6)


def test_metadata__reports_deployment_settings(pyth: Any) -> None:
    adapter = _adapter(pyth, 8)

    assert (adapter.decimals(), adapter.description(), adapter.version()) == (
        8,
        "ETH / USD (Pyth)",
        1,
    )
    assert (adapter.price_id(), adapter.max_age()) == (ETH_USD_PRICE_ID, MAX_AGE_S)


def test_feed_aggregator__stale_pyth_source__dropped(pyth: Any, reporter: str) -> None:
    pyth.set_price(ETH_USD_PRICE_ID, 9_999, 1, 0, now() - MAX_AGE_S - 1, sender=reporter)
    sources = [*deploy_sources([2_000, 2_001, 2_002]), _adapter(pyth)]
    aggregator = deploy_aggregator(sources, min_sources=3)

    assert aggregator.peek()[::2] == (2_001 * 10**8, 3)


def test_feed_aggregator__pyth_source_ahead_of_block__counted(pyth: Any, reporter: str) -> None:
    """The freshest source is not dropped as "from the future" by the aggregator."""
    pyth.set_price(ETH_USD_PRICE_ID, 2_003, 1, 0, now() + 5, sender=reporter)
    sources = [*deploy_sources([2_000, 2_001, 2_002]), _adapter(pyth)]
    aggregator = deploy_aggregator(sources, min_sources=3)

    assert aggregator.peek()[::2] == (200_150_000_000, 4)


def test_feed_aggregator__fresh_pyth_source__counted(pyth: Any, reporter: str) -> None:
    pyth.set_price(ETH_USD_PRICE_ID, 2_003, 1, 0, now(), sender=reporter)
    sources = [*deploy_sources([2_000, 2_001, 2_002]), _adapter(pyth)]
    aggregator = deploy_aggregator(sources, min_sources=3)

    assert aggregator.peek()[::2] == (200_150_000_000, 4)
