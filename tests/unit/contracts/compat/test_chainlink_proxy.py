"""Fluxo feeds behind Chainlink's own AggregatorProxy and EACAggregatorProxy.

The proxies are the real ones from `@chainlink/contracts@0.8.0` (src/v0.6, solc 0.6.6), the
address most integrations hard-code. A proxy prefixes every round id with its phase:
proxyRoundId = (phaseId << 64) | aggregatorRoundId, and keeps every past aggregator readable
by phase after `confirmAggregator`. With Fluxo's consumer whitelist on, the proxy is the
msg.sender the feed sees, so the proxy, not its callers, must be whitelisted.
"""

from collections.abc import Callable
from typing import Any

import boa
import pytest

from tests.harness.deployers import FEED_CONSUMER_DEPLOYER
from tests.harness.feeds import DECIMALS, DESCRIPTION, FeedFixture, signer_account
from tests.harness.solidity import SOLC_066, SolidityContract, compile_package_file

pytestmark = pytest.mark.solidity

EAC_SOURCE = "@chainlink/contracts/src/v0.6/EACAggregatorProxy.sol"
ACCESS_CONTROLLER_SOURCE = "@chainlink/contracts/src/v0.6/SimpleReadAccessController.sol"
ZERO_ADDRESS = "0x" + "00" * 20
PHASE_OFFSET = 64
MAX_AGE_S = 3_600
NOT_WHITELISTED = "price_feed: caller not whitelisted"

# The whitelist-gated reads of a Fluxo feed, with arguments for round 2 of phase 1.
GATED_READS: list[tuple[str, tuple[int, ...]]] = [
    ("latestRoundData", ()),
    ("getRoundData", ((1 << PHASE_OFFSET) | 2,)),
    ("latestAnswer", ()),
    ("latestTimestamp", ()),
    ("latestRound", ()),
    ("getAnswer", ((1 << PHASE_OFFSET) | 2,)),
    ("getTimestamp", ((1 << PHASE_OFFSET) | 2,)),
]


def proxy_round(phase: int, aggregator_round: int) -> int:
    """The proxy's id of `aggregator_round` of the aggregator in `phase`."""
    return (phase << PHASE_OFFSET) | aggregator_round


def chainlink(name: str) -> SolidityContract:
    source = ACCESS_CONTROLLER_SOURCE if name == "SimpleReadAccessController" else EAC_SOURCE
    return compile_package_file(source, compiler=SOLC_066, evm_version="istanbul")[name]


def deploy_plain(feed: Any, owner: Any) -> Any:
    return chainlink("AggregatorProxy").deploy(feed.address, sender=owner)


def deploy_eac(feed: Any, owner: Any) -> Any:
    """EACAggregatorProxy without an access controller: open to every caller."""
    return chainlink("EACAggregatorProxy").deploy(feed.address, ZERO_ADDRESS, sender=owner)


PROXY_KINDS: dict[str, Callable[[Any, Any], Any]] = {
    "AggregatorProxy": deploy_plain,
    "EACAggregatorProxy": deploy_eac,
}


@pytest.fixture
def proxy_owner() -> str:
    return str(boa.env.generate_address("proxy owner"))


@pytest.fixture(params=sorted(PROXY_KINDS))
def make_proxy(request: pytest.FixtureRequest, proxy_owner: str) -> Callable[[Any], Any]:
    """Deploys the parametrized proxy kind in front of a feed."""
    deploy = PROXY_KINDS[request.param]
    return lambda feed: deploy(feed, proxy_owner)


def publish_rounds(feeds: FeedFixture, answers: list[int]) -> None:
    """One round per answer, a minute apart, each from 4 providers around the answer."""
    for answer in answers:
        boa.env.time_travel(seconds=60)
        feeds.publish([answer - 2, answer - 1, answer + 1, answer + 2])


def with_phase(round_data: tuple[Any, ...], phase: int) -> tuple[Any, ...]:
    """A feed's round tuple as the proxy of `phase` reports it."""
    round_id, answer, started_at, updated_at, answered_in = round_data
    return (
        proxy_round(phase, round_id),
        answer,
        started_at,
        updated_at,
        proxy_round(phase, answered_in),
    )


def test_reads__match_feed_with_phase_encoded_round_ids(
    feeds: FeedFixture, make_proxy: Callable[[Any], Any]
) -> None:
    publish_rounds(feeds, [2_000_00000000, 2_010_00000000, 1_990_00000000])
    feed = feeds.feed
    proxy = make_proxy(feed)

    assert proxy.latestRoundData() == with_phase(feed.latestRoundData(), 1)
    assert proxy.latestRoundData()[0] == (1 << 64) | 3 == 18_446_744_073_709_551_619
    for round_id in (1, 2, 3):
        assert proxy.getRoundData(proxy_round(1, round_id)) == with_phase(
            feed.getRoundData(round_id), 1
        )
        assert proxy.getAnswer(proxy_round(1, round_id)) == feed.getAnswer(round_id)
        assert proxy.getTimestamp(proxy_round(1, round_id)) == feed.getTimestamp(round_id)
    assert proxy.latestAnswer() == feed.latestAnswer() == 1_990_00000000
    assert proxy.latestTimestamp() == feed.latestTimestamp() == feed.latestRoundData()[3] > 0
    assert proxy.latestRound() == proxy_round(1, feed.latestRound()) == proxy_round(1, 3)
    assert (proxy.decimals(), proxy.description(), proxy.version()) == (DECIMALS, DESCRIPTION, 1)
    assert (proxy.phaseId(), proxy.aggregator(), proxy.phaseAggregators(1)) == (
        1,
        feed.address,
        feed.address,
    )


def test_reads__empty_feed__no_data_reverts_and_v2_views_are_zero(
    feeds: FeedFixture, make_proxy: Callable[[Any], Any]
) -> None:
    proxy = make_proxy(feeds.feed)

    with boa.reverts("price_feed: no data"):
        proxy.latestRoundData()
    with boa.reverts("price_feed: no data"):
        proxy.getRoundData(proxy_round(1, 1))
    assert (proxy.latestAnswer(), proxy.latestTimestamp()) == (0, 0)
    # Round 0 of phase 1: the phase bits survive even on an empty feed.
    assert proxy.latestRound() == proxy_round(1, 0) == 2**64


def test_reads__unknown_rounds__revert_or_zero_like_chainlink(
    feeds: FeedFixture, make_proxy: Callable[[Any], Any]
) -> None:
    publish_rounds(feeds, [100])
    proxy = make_proxy(feeds.feed)

    with boa.reverts("price_feed: no data"):
        proxy.getRoundData(proxy_round(1, 2))
    # No aggregator in phase 2 yet: the proxy's v2 views answer 0, getRoundData reverts.
    with boa.reverts():
        proxy.getRoundData(proxy_round(2, 1))
    assert proxy.getAnswer(proxy_round(1, 2)) == proxy.getAnswer(proxy_round(2, 1)) == 0
    assert proxy.getTimestamp(proxy_round(1, 2)) == proxy.getTimestamp(2**80) == 0


def test_aggregator_switch__fluxo_to_fluxo__history_readable_by_phase(
    feeds: FeedFixture, make_proxy: Callable[[Any], Any], proxy_owner: str
) -> None:
    publish_rounds(feeds, [100, 110, 120])
    old_feed = feeds.feed
    proxy = make_proxy(old_feed)
    replacement = FeedFixture(
        signer_count=5, quorum=3, providers=[signer_account(i) for i in range(11, 16)]
    )
    publish_rounds(replacement, [130, 140])
    new_feed = replacement.feed

    proxy.proposeAggregator(new_feed.address, sender=proxy_owner)
    # Before confirmation the proposal is readable raw (no phase), the live answer unchanged.
    assert proxy.proposedLatestRoundData() == new_feed.latestRoundData()
    assert proxy.latestAnswer() == 120
    proxy.confirmAggregator(new_feed.address, sender=proxy_owner)

    assert (proxy.phaseId(), proxy.aggregator()) == (2, new_feed.address)
    assert proxy.latestRoundData() == with_phase(new_feed.latestRoundData(), 2)
    assert proxy.latestRound() == proxy_round(2, 2)
    assert proxy.latestAnswer() == 140
    for round_id, answer in [(1, 100), (2, 110), (3, 120)]:
        assert proxy.getRoundData(proxy_round(1, round_id)) == with_phase(
            old_feed.getRoundData(round_id), 1
        )
        assert proxy.getAnswer(proxy_round(1, round_id)) == answer
        assert proxy.getTimestamp(proxy_round(1, round_id)) == old_feed.getTimestamp(round_id)
    for round_id, answer in [(1, 130), (2, 140)]:
        assert proxy.getRoundData(proxy_round(2, round_id)) == with_phase(
            new_feed.getRoundData(round_id), 2
        )
        assert proxy.getAnswer(proxy_round(2, round_id)) == answer
    # The switch never makes a proxy round id go backwards, although the new feed restarts at 1.
    assert proxy_round(2, 1) > proxy_round(1, 3)
    assert (proxy.phaseAggregators(1), proxy.phaseAggregators(2)) == (
        old_feed.address,
        new_feed.address,
    )


def test_aggregator_switch__guards__owner_only_and_proposed_only(
    feeds: FeedFixture, make_proxy: Callable[[Any], Any], proxy_owner: str, user: str
) -> None:
    proxy = make_proxy(feeds.feed)
    other = FeedFixture().feed

    with boa.reverts("Only callable by owner"):
        proxy.proposeAggregator(other.address, sender=user)
    with boa.reverts("Invalid proposed aggregator"):
        proxy.confirmAggregator(other.address, sender=proxy_owner)


@pytest.mark.parametrize(("view", "args"), GATED_READS)
def test_whitelist__on__eoa_through_unlisted_proxy_reverts(
    feeds: FeedFixture, make_proxy: Callable[[Any], Any], user: str, view: str, args: tuple[int]
) -> None:
    publish_rounds(feeds, [100, 110])
    proxy = make_proxy(feeds.feed)
    feeds.feed.set_whitelist_enabled(True, sender=feeds.owner)

    # The EOA reads the feed directly; through the proxy, the proxy is the (unlisted) caller.
    with boa.env.prank(user):
        getattr(feeds.feed, view)(*((2,) if args else ()))
        with boa.reverts(NOT_WHITELISTED):
            getattr(proxy, view)(*args)


def test_whitelist__on__listed_proxy__every_read_works(
    feeds: FeedFixture, make_proxy: Callable[[Any], Any], user: str
) -> None:
    publish_rounds(feeds, [100, 110])
    proxy = make_proxy(feeds.feed)
    feeds.feed.set_whitelist_enabled(True, sender=feeds.owner)
    feeds.feed.set_whitelisted(proxy.address, True, sender=feeds.owner)

    with boa.env.prank(user):
        assert proxy.latestRoundData() == with_phase(feeds.feed.latestRoundData(), 1)
        assert proxy.getRoundData(proxy_round(1, 2))[1] == 110
        assert (proxy.latestAnswer(), proxy.latestRound()) == (110, proxy_round(1, 2))
        assert proxy.latestTimestamp() == feeds.feed.latestTimestamp()
        assert proxy.getAnswer(proxy_round(1, 1)) == 100
        assert proxy.getTimestamp(proxy_round(1, 1)) == feeds.feed.getTimestamp(1)
        # Metadata is never gated.
        assert (proxy.decimals(), proxy.description(), proxy.version()) == (
            DECIMALS,
            DESCRIPTION,
            1,
        )


def test_whitelist__on__metadata_open_through_unlisted_proxy(
    feeds: FeedFixture, make_proxy: Callable[[Any], Any], user: str
) -> None:
    proxy = make_proxy(feeds.feed)
    feeds.feed.set_whitelist_enabled(True, sender=feeds.owner)

    with boa.env.prank(user):
        assert (proxy.decimals(), proxy.description(), proxy.version()) == (
            DECIMALS,
            DESCRIPTION,
            1,
        )


def test_whitelist__consumer_contract__the_proxy_not_the_consumer_must_be_listed(
    feeds: FeedFixture, make_proxy: Callable[[Any], Any], user: str
) -> None:
    publish_rounds(feeds, [100, 110])
    proxy = make_proxy(feeds.feed)
    # A careful DeFi consumer configured with the proxy address, as integrations are.
    consumer = FEED_CONSUMER_DEPLOYER.deploy(proxy.address, MAX_AGE_S)
    feed = feeds.feed
    feed.set_whitelist_enabled(True, sender=feeds.owner)
    feed.set_whitelisted(consumer.address, True, sender=feeds.owner)

    with boa.reverts(NOT_WHITELISTED):
        consumer.price(sender=user)

    feed.set_whitelisted(proxy.address, True, sender=feeds.owner)
    assert consumer.price(sender=user) == 110
    assert consumer.latest_round_data(sender=user)[0] == proxy_round(1, 2)

    feed.set_whitelisted(proxy.address, False, sender=feeds.owner)
    with boa.reverts(NOT_WHITELISTED):
        consumer.price(sender=user)


def test_whitelist__off__consumer_contract_reads_through_proxy(
    feeds: FeedFixture, make_proxy: Callable[[Any], Any], user: str
) -> None:
    publish_rounds(feeds, [100, 110])
    consumer = FEED_CONSUMER_DEPLOYER.deploy(make_proxy(feeds.feed).address, MAX_AGE_S)

    assert consumer.price(sender=user) == 110


def test_eac_access_controller__stacks_with_fluxo_whitelist(
    feeds: FeedFixture, proxy_owner: str, user: str
) -> None:
    """Chainlink's read access controller gates the proxy's callers; Fluxo's gates the proxy."""
    publish_rounds(feeds, [100, 110])
    controller = chainlink("SimpleReadAccessController").deploy(sender=proxy_owner)
    proxy = chainlink("EACAggregatorProxy").deploy(
        feeds.feed.address, controller.address, sender=proxy_owner
    )
    consumer = FEED_CONSUMER_DEPLOYER.deploy(proxy.address, MAX_AGE_S)
    feeds.feed.set_whitelist_enabled(True, sender=feeds.owner)
    feeds.feed.set_whitelisted(proxy.address, True, sender=feeds.owner)

    # EOAs pass Chainlink's controller (tx.origin) and the feed sees the listed proxy.
    with boa.env.prank(user):
        assert proxy.latestAnswer() == 110
    # The consumer contract is not on the controller's list: the proxy refuses it.
    with boa.reverts("No access"):
        consumer.price(sender=user)

    controller.addAccess(consumer.address, sender=proxy_owner)
    assert consumer.price(sender=user) == 110

    feeds.feed.set_whitelisted(proxy.address, False, sender=feeds.owner)
    with boa.reverts(NOT_WHITELISTED):
        consumer.price(sender=user)
