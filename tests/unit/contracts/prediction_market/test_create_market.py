"""`create_market`: validation, the Oracle request it creates, who pays for it."""

from dataclasses import replace

import boa
import pytest

from tests.harness.checks import events
from tests.harness.game import FEE_WEI, VALIDITY_BOND_WEI
from tests.harness.markets import USD, MarketsProtocol


def test_create_market__categorical__creates_oracle_request_with_market_tags(
    markets: MarketsProtocol,
) -> None:
    """Money flow: validity bond + Oracle fee (fUSD) creator → market → Oracle."""
    before_creator = markets.usd.balanceOf(markets.creator)
    before_oracle = markets.usd.balanceOf(markets.oracle.oracle.address)

    market_id = markets.create_market(category="sports", outcomes=("Home", "Draw", "Away"))

    created = events(markets.market, "RequestCreated")[0]
    assert created.requester == markets.market.address
    assert list(created.outcomes) == ["Home", "Draw", "Away"]
    assert created.data_type == 0
    assert list(created.tags) == [f"market:{market_id}", "category:sports"]
    info = markets.market.market(market_id)
    assert (info.outcome_count, info.scalar, info.status) == (3, False, 0)
    assert info.request_id == created.request_id
    assert info.creator == markets.creator
    assert markets.market.market_of_request(info.request_id) == (True, market_id)
    paid = VALIDITY_BOND_WEI + FEE_WEI
    assert markets.usd.balanceOf(markets.creator) == before_creator - paid
    assert markets.usd.balanceOf(markets.oracle.oracle.address) == before_oracle + paid
    assert markets.usd.balanceOf(markets.market.address) == 0


def test_create_market__scalar__asks_a_number_with_decimals(markets: MarketsProtocol) -> None:
    market_id = markets.create_market(markets.scalar_args(lower=-500_00, upper=1_500_00))

    created = events(markets.market, "RequestCreated")[0]
    assert list(created.outcomes) == []
    assert (created.data_type, created.decimals) == (1, 2)
    info = markets.market.market(market_id)
    assert (info.outcome_count, info.scalar) == (2, True)


def test_create_market__second_market__gets_next_id_and_tag(markets: MarketsProtocol) -> None:
    markets.create_market()
    market_id = markets.create_market()

    assert market_id == 1
    assert list(events(markets.market, "RequestCreated")[0].tags)[0] == "market:1"
    assert markets.market.market_count() == 2


def test_create_market__with_funding__creator_is_first_provider(markets: MarketsProtocol) -> None:
    """Money flow: 100 mUSD creator → market, as liquidity at weights 1:3."""
    before = markets.collateral_of(markets.creator)

    market_id = markets.create_market(funding=100 * USD, weights=(1, 3))

    after = markets.collateral_of(markets.creator)
    assert after[str(markets.creator)] == before[str(markets.creator)] - 100 * USD
    assert after[str(markets.market.address)] == 100 * USD
    assert markets.market.lp_shares(market_id, markets.creator) == (100 * USD, 100 * USD)
    assert markets.market.pool_balances(market_id) == [34 * USD - 2 * USD // 3, 100 * USD]
    assert markets.prices(market_id)[0] > markets.prices(market_id)[1]


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"outcomes": ("Only",)}, "market: bad outcome count"),
        ({"outcomes": ()}, "market: bad outcome count"),
        ({"fee_bps": 501}, "market: bad fee"),
        ({"close_time": 0}, "market: bad close time"),
        ({"close_time": 2**40}, "market: bad close time"),
        ({"collateral": "0x000000000000000000000000000000000000dEaD"}, "market: bad collateral"),
    ],
)
def test_create_market__bad_args__reverts(
    markets: MarketsProtocol, overrides: dict[str, object], reason: str
) -> None:
    with boa.env.prank(markets.creator), boa.reverts(reason):
        markets.market.create_market(markets.args(**overrides).encode())

    assert markets.market.market_count() == 0


def test_create_market__settlement_before_close__reverts(markets: MarketsProtocol) -> None:
    """The Oracle cannot finalize before settlement, so a market can never resolve while it
    still trades."""
    args = markets.args()
    with boa.env.prank(markets.creator), boa.reverts("market: settles before close"):
        markets.market.create_market(markets.args(settlement_time=args.close_time - 1).encode())


@pytest.mark.parametrize(
    ("lower", "upper", "outcomes"),
    [(10, 10, ()), (11, 10, ()), (-(2**127) - 1, 0, ()), (0, 2**127, ()), (0, 10, ("a", "b"))],
)
def test_create_market__bad_scalar__reverts(
    markets: MarketsProtocol, lower: int, upper: int, outcomes: tuple[str, ...]
) -> None:
    reason = "market: bad outcome count" if outcomes else "market: bad bounds"
    args = replace(markets.scalar_args(lower=lower, upper=upper), outcomes=outcomes)

    with boa.env.prank(markets.creator), boa.reverts(reason):
        markets.market.create_market(args.encode())


def test_create_market__paused__reverts(markets: MarketsProtocol) -> None:
    with boa.env.prank(markets.oracle.owner):
        markets.market.pause()

    with boa.env.prank(markets.creator), boa.reverts("pausable: contract is paused"):
        markets.market.create_market(markets.args().encode())


def test_create_market__creator_without_payment_token__reverts_nothing_moves(
    markets: MarketsProtocol,
) -> None:
    with boa.env.prank(markets.trader), boa.reverts("market: transfer failed"):
        markets.market.create_market(markets.args().encode())

    assert markets.usd.balanceOf(markets.market.address) == 0
    assert markets.market.market_count() == 0
