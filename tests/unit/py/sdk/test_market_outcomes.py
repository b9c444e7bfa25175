"""`Market.outcome_index`: an outcome named by label (case and spaces ignored) or index; a
label wins over an index where labels are numbers; anything else names the outcome."""

from dataclasses import replace

import pytest

from fluxo.exceptions import InvalidMarket
from fluxo.sdk import Market, MarketStatus

MARKET = Market(
    market_id=0,
    request_id=0,
    creator="0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
    collateral="0x5FbDB2315678afecb367f032d93F642f64180aa3",
    question="Who wins match 42?",
    category="esports",
    labels=("Team A", "Team B"),
    is_scalar=False,
    scalar=None,
    sources=(),
    fee_bps=100,
    close_time=2,
    settlement_time=2,
    status=MarketStatus.TRADING,
    pool_wei=(10, 10),
    prices=(5 * 10**17, 5 * 10**17),
    liquidity_shares=10,
    complete_sets_wei=10,
    result=0,
    created_block=1,
)


@pytest.mark.parametrize(("outcome", "index"), [("team b", 1), (" Team A ", 0), (1, 1), ("0", 0)])
def test_outcome_index__label_or_index__found(outcome: str | int, index: int) -> None:
    assert MARKET.outcome_index(outcome) == index


@pytest.mark.parametrize("outcome", ["Team C", 2, "2", -1])
def test_outcome_index__no_such_outcome__invalid_market_naming_it(outcome: str | int) -> None:
    with pytest.raises(InvalidMarket) as caught:
        MARKET.outcome_index(outcome)

    assert (caught.value.field, caught.value.value) == ("outcome", outcome)


def test_outcome_index__numeric_labels__the_label_wins() -> None:
    maps = replace(MARKET, labels=("3", "2", "1", "0"))

    assert maps.outcome_index("0") == 3
    assert maps.outcome_index(0) == 0  # an int is always an index
