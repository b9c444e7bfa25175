"""Who may call PriceFeed.transmit: the signers by default, plus transmitters the owner adds."""

import boa
import pytest

from tests.harness.feeds import FeedFixture, signer_account


def test_transmit__signer__stores_round(feeds: FeedFixture) -> None:
    feeds.publish([1, 2, 3, 4], sender=feeds.providers[6].address)

    assert feeds.feed.latestRound() == 1


def test_transmit__stranger__reverts_and_stores_nothing(feeds: FeedFixture) -> None:
    """A valid report from someone who is not a transmitter: choosing a round's observations
    is the transmitters' power, so a stranger cannot exercise it."""
    report = feeds.report([1, 2, 3, 4])

    with boa.reverts("price_feed: unauthorized transmitter"):
        feeds.transmit(report, sender=feeds.stranger)
    assert feeds.feed.latestRound() == 0


def test_transmit__added_transmitter__stores_round(feeds: FeedFixture) -> None:
    feeds.add_transmitter(feeds.stranger)

    feeds.publish([1, 2, 3, 4], sender=feeds.stranger)

    assert feeds.feed.latestRound() == 1


def test_transmit__removed_transmitter__reverts(feeds: FeedFixture) -> None:
    feeds.add_transmitter(feeds.stranger)
    feeds.publish([1, 2, 3, 4], sender=feeds.stranger)
    feeds.feed.set_transmitter(feeds.stranger, False, sender=feeds.owner)
    boa.env.time_travel(seconds=60)

    with boa.reverts("price_feed: unauthorized transmitter"):
        feeds.transmit(feeds.report([5, 6, 7, 8]), sender=feeds.stranger)
    assert feeds.feed.latestRound() == 1


def test_transmit__signers_transmit_off__signer_reverts_and_added_transmitter_works(
    feeds: FeedFixture,
) -> None:
    feeds.feed.set_signers_transmit(False, sender=feeds.owner)
    feeds.add_transmitter(feeds.stranger)
    report = feeds.report([1, 2, 3, 4])

    with boa.reverts("price_feed: unauthorized transmitter"):
        feeds.transmit(report, sender=feeds.transmitter)
    feeds.transmit(report, sender=feeds.stranger)

    assert feeds.feed.latestRound() == 1


def test_transmit__signers_transmit_back_on__signer_transmits_again(feeds: FeedFixture) -> None:
    feeds.feed.set_signers_transmit(False, sender=feeds.owner)
    feeds.feed.set_signers_transmit(True, sender=feeds.owner)

    feeds.publish([1, 2, 3, 4])

    assert feeds.feed.latestRound() == 1


def test_transmit__rotated_out_signer__reverts_and_new_signer_transmits(
    feeds: FeedFixture,
) -> None:
    """Signers are the default transmitters: rotating the set rotates them too."""
    newcomers = [signer_account(i) for i in range(11, 15)]
    feeds.feed.set_signers([s.address for s in newcomers], 3, sender=feeds.owner)
    report = feeds.report([1, 2, 3], signers=newcomers[:3])

    with boa.reverts("price_feed: unauthorized transmitter"):
        feeds.transmit(report, sender=feeds.providers[0].address)
    feeds.transmit(report, sender=newcomers[3].address)

    assert feeds.feed.latestRound() == 1


def test_set_transmitter__owner__recorded_and_logged(feeds: FeedFixture) -> None:
    feeds.feed.set_transmitter(feeds.stranger, True, sender=feeds.owner)
    (event,) = feeds.feed.get_logs()

    assert (type(event).__name__, event.account, event.allowed) == (
        "TransmitterSet",
        feeds.stranger,
        True,
    )
    assert feeds.feed.transmitter(feeds.stranger) is True


def test_set_transmitter__zero_address__reverts(feeds: FeedFixture) -> None:
    with boa.reverts("price_feed: zero transmitter"):
        feeds.feed.set_transmitter("0x" + "00" * 20, True, sender=feeds.owner)


def test_set_signers_transmit__owner__recorded_and_logged(feeds: FeedFixture) -> None:
    feeds.feed.set_signers_transmit(False, sender=feeds.owner)
    (event,) = feeds.feed.get_logs()

    assert (type(event).__name__, event.enabled) == ("SignersTransmitSet", False)
    assert feeds.feed.signers_transmit() is False


@pytest.mark.parametrize(
    ("signers_transmit", "added", "signer_may", "stranger_may"),
    [(True, False, True, False), (True, True, True, True), (False, True, False, True)],
    ids=["default", "stranger-added", "signers-off"],
)
def test_may_transmit__follows_the_rule_transmit_applies(
    feeds: FeedFixture, signers_transmit: bool, added: bool, signer_may: bool, stranger_may: bool
) -> None:
    feeds.feed.set_signers_transmit(signers_transmit, sender=feeds.owner)
    feeds.feed.set_transmitter(feeds.stranger, added, sender=feeds.owner)

    assert feeds.feed.may_transmit(feeds.providers[3].address) is signer_may
    assert feeds.feed.may_transmit(feeds.stranger) is stranger_may
    assert feeds.feed.may_transmit("0x" + "00" * 20) is False
