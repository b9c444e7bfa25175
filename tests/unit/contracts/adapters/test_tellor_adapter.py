"""TellorAdapter: reads only values older than the dispute buffer, scaled from 18 decimals."""

from typing import Any

import boa
import pytest
from eth_abi import encode

from tests.harness import deployers
from tests.harness.aggregator import now
from tests.unit.contracts.adapters.conftest import ETH_USD_QUERY_ID

# Tellor's advice, and the adapter's minimum: 15 minutes.
DISPUTE_BUFFER_S = 900


def _adapter(tellor: Any, decimals: int = 8, dispute_buffer_s: int = DISPUTE_BUFFER_S) -> Any:
    return deployers.TELLOR_ADAPTER_DEPLOYER.deploy(
        tellor.address, ETH_USD_QUERY_ID, dispute_buffer_s, decimals, "ETH / USD (Tellor)"
    )


def _report(tellor: Any, reporter: str, value_18: int, at: int) -> None:
    tellor.submit_value(ETH_USD_QUERY_ID, encode(["uint256"], [value_18]), at, sender=reporter)


def test_deploy__dispute_buffer_at_minimum__is_accepted(tellor: Any) -> None:
    assert _adapter(tellor, dispute_buffer_s=DISPUTE_BUFFER_S).dispute_buffer() == 900


@pytest.mark.parametrize("dispute_buffer_s", [0, 1, DISPUTE_BUFFER_S - 1])
def test_deploy__dispute_buffer_below_15_minutes__reverts(
    tellor: Any, dispute_buffer_s: int
) -> None:
    """A value younger than 15 minutes can still be disputed away (BonqDAO read one)."""
    with boa.reverts("tellor_adapter: dispute buffer too short"):
        _adapter(tellor, dispute_buffer_s=dispute_buffer_s)


@pytest.mark.parametrize(
    ("decimals", "answer"),
    [(8, 200_012_345_678), (18, 2_000_123_456_789_000_000_000), (6, 2_000_123_456)],
    ids=["to-8-truncates", "to-18", "to-6-truncates"],
)
def test_latest_round_data__18_decimal_value__scaled(
    tellor: Any, reporter: str, decimals: int, answer: int
) -> None:
    reported_at = now() - DISPUTE_BUFFER_S - 1
    _report(tellor, reporter, 2_000_123_456_789_000_000_000, reported_at)

    assert _adapter(tellor, decimals).latestRoundData() == (
        reported_at,
        answer,
        reported_at,
        reported_at,
        reported_at,
    )


def test_latest_round_data__value_inside_dispute_buffer__not_read(
    tellor: Any, reporter: str
) -> None:
    older = now() - DISPUTE_BUFFER_S - 10
    _report(tellor, reporter, 2_000 * 10**18, older)
    _report(tellor, reporter, 1 * 10**18, now() - DISPUTE_BUFFER_S)  # not yet past the buffer

    assert _adapter(tellor).latestRoundData()[:2] == (older, 2_000 * 10**8)


def test_latest_round_data__value_just_past_buffer__read(tellor: Any, reporter: str) -> None:
    _report(tellor, reporter, 2_000 * 10**18, now() - DISPUTE_BUFFER_S - 1)

    assert _adapter(tellor).latestRoundData()[1] == 2_000 * 10**8


def test_latest_round_data__only_values_inside_buffer__reverts(tellor: Any, reporter: str) -> None:
    _report(tellor, reporter, 2_000 * 10**18, now() - 1)

    with boa.reverts("tellor_adapter: no value"):
        _adapter(tellor).latestRoundData()


def test_latest_round_data__value_not_one_word__reverts(tellor: Any, reporter: str) -> None:
    tellor.submit_value(ETH_USD_QUERY_ID, b"\x01" * 33, now() - 1_000, sender=reporter)

    with boa.reverts("tellor_adapter: bad value"):
        _adapter(tellor).latestRoundData()


def test_latest_round_data__value_above_int256__reverts(tellor: Any, reporter: str) -> None:
    _report(tellor, reporter, 2**256 - 1, now() - 1_000)

    with boa.reverts("tellor_adapter: value out of range"):
        _adapter(tellor, 18).latestRoundData()


def test_get_round_data__latest__matches_and_older_reverts(tellor: Any, reporter: str) -> None:
    reported_at = now() - 1_000
    _report(tellor, reporter, 2_000 * 10**18, reported_at)
    adapter = _adapter(tellor)

    assert adapter.getRoundData(reported_at) == adapter.latestRoundData()
    with boa.reverts("tellor_adapter: only the latest round"):
        adapter.getRoundData(reported_at - 1)


def test_metadata__reports_deployment_settings(tellor: Any) -> None:
    adapter = _adapter(tellor)

    assert (adapter.decimals(), adapter.description(), adapter.version()) == (
        8,
        "ETH / USD (Tellor)",
        1,
    )
    assert (adapter.query_id(), adapter.dispute_buffer()) == (ETH_USD_QUERY_ID, DISPUTE_BUFFER_S)
