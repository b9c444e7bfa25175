"""A Fluxo feed as an asset source of Aave v3's AaveOracle.

AaveOracle is the real one from `@aave/core-v3@1.19.3` (contracts/misc/AaveOracle.sol,
solc 0.8.10). It reads a source's `latestAnswer()` and falls back to its fallback oracle
when the answer is not positive; a Fluxo feed answers 0 there while it is empty (Chainlink's
v2 semantics), so an empty feed falls back too. The addresses provider, ACL manager and
fallback oracle are our own minimal doubles, written below.
"""

from typing import Any

import boa
import pytest

from tests.harness.feeds import FeedFixture
from tests.harness.solidity import SOLC_0810, SolidityContract, compile_inline, compile_package_file

pytestmark = pytest.mark.solidity

AAVE_ORACLE_SOURCE = "@aave/core-v3/contracts/misc/AaveOracle.sol"
BASE_CURRENCY_UNIT = 10**8  # USD with 8 decimals, as on Aave v3 markets
FALLBACK_PRICE = 1_234_00000000
NOT_ADMIN = "5"  # Aave's Errors.CALLER_NOT_ASSET_LISTING_OR_POOL_ADMIN

# Test doubles (our own code): an IPoolAddressesProvider that is also its own IACLManager,
# with one asset-listing admin, and an IPriceOracleGetter fallback with a fixed price.
DOUBLES = """
// SPDX-License-Identifier: MIT
pragma solidity 0.8.10;

contract AddressesProviderAndAcl {
    address public immutable listingAdmin;

    constructor(address listingAdmin_) {
        listingAdmin = listingAdmin_;
    }

    function getACLManager() external view returns (address) {
        return address(this);
    }

    function isAssetListingAdmin(address account) external view returns (bool) {
        return account == listingAdmin;
    }

    function isPoolAdmin(address) external pure returns (bool) {
        return false;
    }
}

contract FixedFallbackOracle {
    uint256 public immutable price;

    constructor(uint256 price_) {
        price = price_;
    }

    function getAssetPrice(address) external view returns (uint256) {
        return price;
    }
}
"""


def aave_oracle() -> SolidityContract:
    return compile_package_file(AAVE_ORACLE_SOURCE, compiler=SOLC_0810, evm_version="london")[
        "AaveOracle"
    ]


def double(name: str) -> SolidityContract:
    return compile_inline("AaveDoubles", DOUBLES, compiler=SOLC_0810, evm_version="london")[name]


@pytest.fixture
def listing_admin() -> str:
    return str(boa.env.generate_address("asset listing admin"))


@pytest.fixture
def asset() -> str:
    """The token Aave prices (only its address matters)."""
    return str(boa.env.generate_address("WETH"))


@pytest.fixture
def base_currency() -> str:
    return str(boa.env.generate_address("USD"))


@pytest.fixture
def oracle(
    feeds: FeedFixture, listing_admin: str, asset: str, base_currency: str, user: str
) -> Any:
    """AaveOracle with the Fluxo feed as the source of `asset`."""
    provider = double("AddressesProviderAndAcl").deploy(listing_admin)
    fallback = double("FixedFallbackOracle").deploy(FALLBACK_PRICE)
    return aave_oracle().deploy(
        provider.address,
        [asset],
        [feeds.feed.address],
        fallback.address,
        base_currency,
        BASE_CURRENCY_UNIT,
        sender=user,
    )


def test_get_asset_price__fluxo_round__returns_latest_answer(
    feeds: FeedFixture, oracle: Any, asset: str, base_currency: str
) -> None:
    feeds.publish([2_000_00000000, 2_001_00000000, 2_002_00000000, 2_003_00000000])

    assert oracle.getSourceOfAsset(asset) == feeds.feed.address
    assert oracle.getAssetPrice(asset) == feeds.feed.latestAnswer() == 2_001_50000000
    assert oracle.getAssetsPrices([asset, base_currency]) == [2_001_50000000, BASE_CURRENCY_UNIT]


def test_get_asset_price__follows_new_rounds(feeds: FeedFixture, oracle: Any, asset: str) -> None:
    feeds.publish([100, 101, 102, 103])
    boa.env.time_travel(seconds=60)
    feeds.publish([200, 201, 202, 203])

    assert oracle.getAssetPrice(asset) == 201


def test_get_asset_price__empty_feed__uses_fallback(
    feeds: FeedFixture, oracle: Any, asset: str
) -> None:
    assert feeds.feed.latestAnswer() == 0

    assert oracle.getAssetPrice(asset) == FALLBACK_PRICE


@pytest.mark.parametrize("answers", [[0, 0, 0, 0], [-3, -2, -1, 0], [-100, -90, -80, -70]])
def test_get_asset_price__non_positive_answer__uses_fallback(
    feeds: FeedFixture, oracle: Any, asset: str, answers: list[int]
) -> None:
    feeds.publish(answers)
    assert feeds.feed.latestAnswer() <= 0

    assert oracle.getAssetPrice(asset) == FALLBACK_PRICE


def test_whitelist__on__aave_oracle_must_be_listed(
    feeds: FeedFixture, oracle: Any, asset: str, user: str
) -> None:
    feeds.publish([100, 101, 102, 103])
    feeds.feed.set_whitelist_enabled(True, sender=feeds.owner)

    # A reverting source reverts AaveOracle (it has no try/catch): Fluxo must list it.
    with boa.env.prank(user), boa.reverts("price_feed: caller not whitelisted"):
        oracle.getAssetPrice(asset)

    feeds.feed.set_whitelisted(oracle.address, True, sender=feeds.owner)
    with boa.env.prank(user):
        assert oracle.getAssetPrice(asset) == 101


def test_set_asset_sources__listing_admin_moves_asset_to_fluxo(
    feeds: FeedFixture, listing_admin: str, asset: str, base_currency: str, user: str
) -> None:
    """An asset listed on a fallback-only oracle, then switched to the Fluxo feed."""
    feeds.publish([100, 101, 102, 103])
    provider = double("AddressesProviderAndAcl").deploy(listing_admin)
    fallback = double("FixedFallbackOracle").deploy(FALLBACK_PRICE)
    oracle = aave_oracle().deploy(
        provider.address, [], [], fallback.address, base_currency, BASE_CURRENCY_UNIT
    )
    assert oracle.getAssetPrice(asset) == FALLBACK_PRICE

    with boa.reverts(NOT_ADMIN):
        oracle.setAssetSources([asset], [feeds.feed.address], sender=user)
    oracle.setAssetSources([asset], [feeds.feed.address], sender=listing_admin)

    assert oracle.getAssetPrice(asset) == 101
