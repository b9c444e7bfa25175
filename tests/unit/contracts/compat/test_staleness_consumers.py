"""The staleness checks lending protocols run on Chainlink feeds, run on a Fluxo feed.

The consumers below are our own Solidity (solc 0.8.10, checked arithmetic), written the way
Venus' ChainlinkOracle, Compound-style forks and Liquity's PriceFeed check a feed, against
Chainlink's real `AggregatorV3Interface` from `@chainlink/contracts`. The property that
matters: providers' clocks may run up to 60 s ahead of block time, yet a Fluxo feed never
reports an updatedAt in the future, so `updatedAt <= block.timestamp` holds and
`block.timestamp - updatedAt` never underflows.
"""

from typing import Any

import boa
import pytest

from tests.harness.deployers import MOCK_AGGREGATOR_V3_DEPLOYER
from tests.harness.feeds import DECIMALS, FeedFixture
from tests.harness.solidity import SOLC_0810, SolidityContract, compile_inline

pytestmark = pytest.mark.solidity

MAX_AGE_S = 3_600
LIQUITY_TIMEOUT_S = 4 * 3_600
# Liquity-style statuses.
WORKING, BROKEN, FROZEN, PRICE_JUMP = 0, 1, 2, 3
# Solidity 0.8's revert data Panic(0x11): arithmetic underflow or overflow.
UNDERFLOW_PANIC = "0x4e487b71" + f"{0x11:064x}"

CONSUMERS = """
// SPDX-License-Identifier: MIT
pragma solidity 0.8.10;

import "@chainlink/contracts/src/v0.8/interfaces/AggregatorV3Interface.sol";

/// Venus ChainlinkOracle-style: positive, not from the future, younger than maxStale.
contract VenusStyleConsumer {
    function price(AggregatorV3Interface feed, uint256 maxStale) external view returns (uint256) {
        (, int256 answer, , uint256 updatedAt, ) = feed.latestRoundData();
        if (answer <= 0) revert("chainlink price must be positive");
        if (block.timestamp < updatedAt) revert("updatedAt exceeds block time");
        uint256 deltaTime;
        unchecked {
            deltaTime = block.timestamp - updatedAt;
        }
        if (deltaTime > maxStale) revert("chainlink price expired");
        return uint256(answer);
    }
}

/// The common Compound-fork / audit-checklist checks, age computed with checked arithmetic
/// first (an updatedAt in the future panics with an underflow, as Chainlink's validators do).
contract CheckedConsumer {
    function price(AggregatorV3Interface feed, uint256 maxAge) external view returns (int256) {
        (uint80 roundId, int256 answer, , uint256 updatedAt, uint80 answeredInRound) =
            feed.latestRoundData();
        require(block.timestamp - updatedAt <= maxAge, "stale price");
        require(updatedAt != 0, "round not complete");
        require(updatedAt <= block.timestamp, "updatedAt in the future");
        require(answeredInRound >= roundId, "stale round");
        require(answer > 0, "non-positive answer");
        return answer;
    }
}

/// Liquity PriceFeed-style: never reverts, classifies the feed from the current and the
/// previous round (both read with try/catch).
contract LiquityStyleConsumer {
    uint256 public constant TIMEOUT = 4 hours;
    uint256 public constant MAX_DEVIATION = 5e17; // 50 %, 18 decimals

    uint8 public constant WORKING = 0;
    uint8 public constant BROKEN = 1;
    uint8 public constant FROZEN = 2;
    uint8 public constant PRICE_JUMP = 3;

    struct Response {
        bool success;
        uint80 roundId;
        int256 answer;
        uint256 timestamp;
    }

    function status(AggregatorV3Interface feed) external view returns (uint8) {
        Response memory current = _latest(feed);
        if (_broken(current)) return BROKEN;
        Response memory previous = _round(feed, current.roundId - 1);
        if (_broken(previous)) return BROKEN;
        if (block.timestamp - current.timestamp > TIMEOUT) return FROZEN;
        uint256 a = uint256(current.answer);
        uint256 b = uint256(previous.answer);
        uint256 low = a < b ? a : b;
        uint256 high = a < b ? b : a;
        if (((high - low) * 1e18) / high > MAX_DEVIATION) return PRICE_JUMP;
        return WORKING;
    }

    function _latest(AggregatorV3Interface feed) internal view returns (Response memory r) {
        try feed.latestRoundData() returns (uint80 id, int256 answer, uint256, uint256 at, uint80) {
            r = Response(true, id, answer, at);
        } catch {}
    }

    function _round(AggregatorV3Interface feed, uint80 id)
        internal
        view
        returns (Response memory r)
    {
        try feed.getRoundData(id) returns (uint80 rid, int256 answer, uint256, uint256 at, uint80) {
            r = Response(true, rid, answer, at);
        } catch {}
    }

    function _broken(Response memory r) internal view returns (bool) {
        return !r.success || r.roundId == 0 || r.timestamp == 0
            || r.timestamp > block.timestamp || r.answer <= 0;
    }
}
"""


def consumer(name: str) -> SolidityContract:
    return compile_inline(
        "StalenessConsumers", CONSUMERS, compiler=SOLC_0810, evm_version="london"
    )[name]


@pytest.fixture
def venus() -> Any:
    return consumer("VenusStyleConsumer").deploy()


@pytest.fixture
def checked() -> Any:
    return consumer("CheckedConsumer").deploy()


@pytest.fixture
def liquity() -> Any:
    return consumer("LiquityStyleConsumer").deploy()


def publish_ahead(feeds: FeedFixture, answers: list[int], offsets: list[int]) -> None:
    """One round whose providers' clocks run `offsets` seconds ahead of block time."""
    feeds.publish(answers, timestamps=[feeds.now + offset for offset in offsets])


@pytest.mark.parametrize(
    "offsets",
    [[60, 60, 60, 60], [1, 2, 3, 4], [0, 60, 30, 45], [59, 60, 60, 58, 57, 60, 60]],
    ids=["all+60", "all+1..4", "mixed", "seven-signers"],
)
def test_future_provider_clocks__updated_at_capped_at_block_time(
    feeds: FeedFixture, venus: Any, checked: Any, liquity: Any, offsets: list[int]
) -> None:
    feeds.publish([99, 100, 101, 102])  # Liquity compares with the previous round.
    boa.env.time_travel(seconds=30)
    answers = [100 + i for i in range(len(offsets))]
    publish_ahead(feeds, answers, offsets)

    _, answer, started_at, updated_at, _ = feeds.feed.latestRoundData()
    assert updated_at == started_at == feeds.now == feeds.feed.latestTimestamp()
    # Read in the very block of the update: age 0, never negative.
    assert venus.price(feeds.feed.address, 0) == answer
    assert checked.price(feeds.feed.address, 0) == answer
    assert liquity.status(feeds.feed.address) == WORKING


def test_future_provider_clocks__beyond_60s__transmit_rejected(feeds: FeedFixture) -> None:
    report = feeds.report([100, 101, 102, 103], timestamps=[feeds.now + 61] * 4)

    with boa.reverts("price_feed: timestamp in the future"):
        feeds.transmit(report)


def test_future_updated_at__a_feed_without_the_cap__is_rejected(
    venus: Any, checked: Any, liquity: Any
) -> None:
    """What the cap prevents: the same consumers reject a feed stamped 60 s ahead."""
    now = int(boa.env.evm.patch.timestamp)
    mock = MOCK_AGGREGATOR_V3_DEPLOYER.deploy(DECIMALS, 100, now - 60)
    mock.set_answer(101, now + 60)

    with boa.reverts("updatedAt exceeds block time"):
        venus.price(mock.address, MAX_AGE_S)
    with pytest.raises(boa.BoaError, match=UNDERFLOW_PANIC):
        checked.price(mock.address, MAX_AGE_S)
    assert liquity.status(mock.address) == BROKEN


def test_fresh_round__every_check_accepts(
    feeds: FeedFixture, venus: Any, checked: Any, liquity: Any
) -> None:
    feeds.publish([1_999, 2_000, 2_001, 2_002])
    boa.env.time_travel(seconds=60)
    feeds.publish([2_009, 2_010, 2_011, 2_012])
    boa.env.time_travel(seconds=MAX_AGE_S - 60)

    round_id, _, _, updated_at, answered_in = feeds.feed.latestRoundData()
    assert answered_in >= round_id == 2
    assert feeds.now - updated_at <= MAX_AGE_S
    assert venus.price(feeds.feed.address, MAX_AGE_S) == 2_010
    assert checked.price(feeds.feed.address, MAX_AGE_S) == 2_010
    assert liquity.status(feeds.feed.address) == WORKING


def test_stale_round__every_check_rejects(
    feeds: FeedFixture, venus: Any, checked: Any, liquity: Any
) -> None:
    feeds.publish([1_999, 2_000, 2_001, 2_002])
    boa.env.time_travel(seconds=60)
    feeds.publish([2_009, 2_010, 2_011, 2_012])
    updated_at = feeds.feed.latestTimestamp()
    boa.env.time_travel(seconds=updated_at + LIQUITY_TIMEOUT_S + 1 - feeds.now)

    with boa.reverts("chainlink price expired"):
        venus.price(feeds.feed.address, MAX_AGE_S)
    with boa.reverts("stale price"):
        checked.price(feeds.feed.address, MAX_AGE_S)
    assert liquity.status(feeds.feed.address) == FROZEN


def test_staleness_boundary__max_age_exact_passes_one_more_second_fails(
    feeds: FeedFixture, venus: Any, checked: Any
) -> None:
    feeds.publish([100, 101, 102, 103])
    updated_at = feeds.feed.latestTimestamp()
    boa.env.time_travel(seconds=updated_at + MAX_AGE_S - feeds.now)

    assert venus.price(feeds.feed.address, MAX_AGE_S) == 101
    assert checked.price(feeds.feed.address, MAX_AGE_S) == 101
    boa.env.time_travel(seconds=1)
    with boa.reverts("chainlink price expired"):
        venus.price(feeds.feed.address, MAX_AGE_S)
    with boa.reverts("stale price"):
        checked.price(feeds.feed.address, MAX_AGE_S)


def test_empty_feed__reverting_checks_revert_and_liquity_sees_broken(
    feeds: FeedFixture, venus: Any, checked: Any, liquity: Any
) -> None:
    with boa.reverts("price_feed: no data"):
        venus.price(feeds.feed.address, MAX_AGE_S)
    with boa.reverts("price_feed: no data"):
        checked.price(feeds.feed.address, MAX_AGE_S)
    assert liquity.status(feeds.feed.address) == BROKEN


@pytest.mark.parametrize("answers", [[-3, -2, -1, 0], [0, 0, 0, 0]])
def test_non_positive_answer__rejected(
    feeds: FeedFixture, venus: Any, checked: Any, liquity: Any, answers: list[int]
) -> None:
    feeds.publish([1, 2, 3, 4])
    boa.env.time_travel(seconds=60)
    feeds.publish(answers)

    with boa.reverts("chainlink price must be positive"):
        venus.price(feeds.feed.address, MAX_AGE_S)
    with boa.reverts("non-positive answer"):
        checked.price(feeds.feed.address, MAX_AGE_S)
    assert liquity.status(feeds.feed.address) == BROKEN


def test_first_round__liquity_needs_a_previous_round(feeds: FeedFixture, liquity: Any) -> None:
    """Round 1 has no round 0: getRoundData(0) reverts "no data", which Liquity calls broken."""
    feeds.publish([100, 101, 102, 103])

    assert liquity.status(feeds.feed.address) == BROKEN
    boa.env.time_travel(seconds=60)
    feeds.publish([100, 101, 102, 103])
    assert liquity.status(feeds.feed.address) == WORKING


def test_price_jump__liquity_flags_a_halving_between_rounds(
    feeds: FeedFixture, liquity: Any
) -> None:
    feeds.publish([1_000, 1_000, 1_000, 1_000])
    boa.env.time_travel(seconds=60)
    feeds.publish([499, 499, 499, 499])

    assert liquity.status(feeds.feed.address) == PRICE_JUMP
