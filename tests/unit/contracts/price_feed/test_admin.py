"""PriceFeed administration: signer-set validation and rotation, whitelist, ownership."""

from typing import Any

import boa
import pytest
from eth_abi import encode

from tests.harness.deployers import FEED_HUB_DEPLOYER, PRICE_FEED_DEPLOYER
from tests.harness.feeds import DECIMALS, DESCRIPTION, FeedFixture, signer_account

ZERO = "0x" + "00" * 20


def _addresses(first: int, last: int) -> list[str]:
    return [signer_account(i).address for i in range(first, last + 1)]


@pytest.mark.parametrize(
    ("signers", "quorum", "reason"),
    [
        ([], 1, "price_feed: no signers"),
        (_addresses(1, 3), 0, "price_feed: quorum is zero"),
        (_addresses(1, 3), 4, "price_feed: quorum above signer count"),
        ([*_addresses(1, 2), ZERO], 1, "price_feed: zero signer"),
        ([*_addresses(1, 3), signer_account(2).address], 2, "price_feed: duplicate signer"),
    ],
)
def test_deploy__invalid_signer_set__reverts(signers: list[str], quorum: int, reason: str) -> None:
    with boa.reverts(reason):
        PRICE_FEED_DEPLOYER.deploy(DECIMALS, DESCRIPTION, signers, quorum)


def test_deploy__31_signers_quorum_31__stores_set(feeds: FeedFixture) -> None:
    feed = PRICE_FEED_DEPLOYER.deploy(DECIMALS, DESCRIPTION, _addresses(1, 31), 31)

    assert sorted(feed.signers()) == sorted(_addresses(1, 31))
    assert feed.quorum() == 31


def test_set_signers__rotation__old_signer_rejected_and_rounds_continue(feeds: FeedFixture) -> None:
    feeds.publish([1, 2, 3, 4])
    newcomers = [signer_account(i) for i in range(11, 16)]
    feeds.feed.set_signers([s.address for s in newcomers], 3, sender=feeds.owner)
    boa.env.time_travel(seconds=60)

    with boa.reverts("price_feed: unauthorized signer"):
        feeds.transmit(feeds.report([1, 2, 3], signers=feeds.providers[:3]))
    feeds.publish([5, 6, 7], signers=newcomers[:3])

    assert feeds.feed.latestRoundData()[:2] == (2, 6)
    assert feeds.feed.quorum() == 3


def test_set_signers__not_owner__reverts(feeds: FeedFixture) -> None:
    with boa.reverts("ownable: caller is not the owner"):
        feeds.feed.set_signers(_addresses(1, 3), 2, sender=feeds.transmitter)


def test_set_signers__invalid_quorum__reverts(feeds: FeedFixture) -> None:
    with boa.reverts("price_feed: quorum above signer count"):
        feeds.feed.set_signers(_addresses(1, 3), 4, sender=feeds.owner)


@pytest.mark.parametrize("call", ["set_whitelist_enabled", "set_whitelisted"])
def test_whitelist_admin__not_owner__reverts(feeds: FeedFixture, call: str) -> None:
    args: tuple[Any, ...] = (
        (True,) if call == "set_whitelist_enabled" else (feeds.transmitter, True)
    )

    with boa.reverts("ownable: caller is not the owner"):
        getattr(feeds.feed, call)(*args, sender=feeds.transmitter)


def test_whitelist__deployment__is_off(feeds: FeedFixture) -> None:
    assert feeds.feed.whitelist_enabled() is False


def test_set_whitelisted__owner__records_account(feeds: FeedFixture) -> None:
    feeds.feed.set_whitelisted(feeds.transmitter, True, sender=feeds.owner)

    assert feeds.feed.whitelisted(feeds.transmitter) is True


def test_ownership__two_step__new_owner_rotates_signers(feeds: FeedFixture) -> None:
    new_owner = boa.env.generate_address("new_owner")
    feeds.feed.transfer_ownership(new_owner, sender=feeds.owner)
    feeds.feed.accept_ownership(sender=new_owner)

    feeds.feed.set_signers(_addresses(1, 2), 1, sender=new_owner)

    assert feeds.feed.owner() == new_owner


def test_feed_hub__two_feeds__updates_both_in_one_transaction(feeds: FeedFixture) -> None:
    hub = FEED_HUB_DEPLOYER.deploy()
    other = FeedFixture(description="BTC / USD")
    reports = [feeds.report([1, 2, 3, 4]), other.report([10, 20, 30, 40])]
    encoded = [_encode(r.args()) for r in reports]

    done = hub.transmit_many(
        [feeds.feed.address, other.feed.address], encoded, sender=feeds.transmitter
    )

    assert done == [True, True]
    assert (feeds.feed.latestAnswer(), other.feed.latestAnswer()) == (2, 25)


def test_feed_hub__one_bad_report__others_still_land(feeds: FeedFixture) -> None:
    hub = FEED_HUB_DEPLOYER.deploy()
    other = FeedFixture(description="BTC / USD")
    stale = feeds.report([1, 2, 3, 4], round_id=5)
    encoded = [_encode(stale.args()), _encode(other.report([10, 20, 30, 40]).args())]

    done = hub.transmit_many([feeds.feed.address, other.feed.address], encoded)

    assert done == [False, True]
    assert (feeds.feed.latestRound(), other.feed.latestRound()) == (0, 1)
    (failed,) = [log for log in hub.get_logs() if type(log).__name__ == "TransmitFailed"]
    assert (failed.feed, failed.index) == (feeds.feed.address, 0)


def test_feed_hub__length_mismatch__reverts(feeds: FeedFixture) -> None:
    hub = FEED_HUB_DEPLOYER.deploy()

    with boa.reverts("feed_hub: length mismatch"):
        hub.transmit_many([feeds.feed.address], [])


def _encode(args: tuple[int, list[int], list[int], list[bytes]]) -> bytes:
    return encode(["uint32", "int192[]", "uint64[]", "bytes[]"], list(args))
