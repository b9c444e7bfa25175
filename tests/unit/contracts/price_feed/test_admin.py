"""PriceFeed administration: signer-set validation and rotation, observation age, whitelist,
ownership."""

from typing import Any

import boa
import pytest

from tests.harness.deployers import PRICE_FEED_DEPLOYER
from tests.harness.feeds import (
    DECIMALS,
    DEFAULT_MAX_OBSERVATION_AGE_S,
    DESCRIPTION,
    MAX_OBSERVATION_AGE_S,
    FeedFixture,
    signer_account,
)

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
    feeds.transmitter = newcomers[0].address  # signers transmit: the new ones now

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


def test_deploy__defaults__max_age_120_s_and_signers_transmit(feeds: FeedFixture) -> None:
    assert feeds.feed.max_observation_age() == DEFAULT_MAX_OBSERVATION_AGE_S == 120
    assert feeds.feed.signers_transmit() is True


@pytest.mark.parametrize("max_age_s", [1, 60, MAX_OBSERVATION_AGE_S])
def test_set_max_observation_age__in_range__stored_and_logged(
    feeds: FeedFixture, max_age_s: int
) -> None:
    feeds.feed.set_max_observation_age(max_age_s, sender=feeds.owner)
    (event,) = feeds.feed.get_logs()

    assert (type(event).__name__, event.max_age_s) == ("MaxObservationAgeSet", max_age_s)
    assert feeds.feed.max_observation_age() == max_age_s


@pytest.mark.parametrize("max_age_s", [0, MAX_OBSERVATION_AGE_S + 1, 2**255])
def test_set_max_observation_age__out_of_range__reverts(feeds: FeedFixture, max_age_s: int) -> None:
    with boa.reverts("price_feed: bad max age"):
        feeds.feed.set_max_observation_age(max_age_s, sender=feeds.owner)


def test_set_max_observation_age__keeps_rounds_signers_and_flags(feeds: FeedFixture) -> None:
    feeds.publish([1, 2, 3, 4])
    feeds.feed.set_whitelist_enabled(True, sender=feeds.owner)
    before = (feeds.feed.latestRound(), feeds.feed.quorum(), feeds.feed.signer_data())

    feeds.feed.set_max_observation_age(30, sender=feeds.owner)

    assert (feeds.feed.latestRound(), feeds.feed.quorum(), feeds.feed.signer_data()) == before
    assert feeds.feed.whitelist_enabled() is True
    assert feeds.feed.signers_transmit() is True


def test_set_signers__keeps_max_age_and_flags(feeds: FeedFixture) -> None:
    feeds.feed.set_max_observation_age(30, sender=feeds.owner)
    feeds.feed.set_signers_transmit(False, sender=feeds.owner)

    feeds.feed.set_signers(_addresses(11, 13), 2, sender=feeds.owner)

    assert feeds.feed.max_observation_age() == 30
    assert feeds.feed.signers_transmit() is False


@pytest.mark.parametrize(
    ("call", "args"),
    [
        ("set_max_observation_age", (60,)),
        ("set_transmitter", ("0x" + "11" * 20, True)),
        ("set_signers_transmit", (False,)),
    ],
)
def test_feed_admin__not_owner__reverts(
    feeds: FeedFixture, call: str, args: tuple[Any, ...]
) -> None:
    """A signer is not an owner either: transmitting rights are the owner's to grant."""
    for caller in (feeds.stranger, feeds.transmitter):
        with boa.reverts("ownable: caller is not the owner"):
            getattr(feeds.feed, call)(*args, sender=caller)
