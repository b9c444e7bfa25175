"""PriceFeed.transmit: medians, quorum, signature and timestamp rules."""

import boa
import pytest

from fluxo.feeds import expected_stored_round
from tests.harness.feeds import (
    DEFAULT_MAX_OBSERVATION_AGE_S,
    MAX_FUTURE_S,
    MAX_OBSERVATION_AGE_S,
    FeedFixture,
    malleate,
    signer_account,
    with_signature,
)

INT192_MAX = 2**191 - 1
INT192_MIN = -(2**191)


def _latest(feeds: FeedFixture) -> tuple[int, int, int, int, int]:
    return tuple(feeds.feed.latestRoundData())  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("answers", "median"),
    [
        ([10, 20, 30, 40, 50], 30),
        ([10, 20, 30, 41], 25),
        ([10, 20, 21, 40], 20),  # (20 + 21) / 2 rounds down toward zero
        ([-21, -20, 5, 6], -7),  # (-20 + 5) / 2 = -7.5 rounds toward zero
        ([-40, -21, -20, -10], -20),  # -20.5 rounds toward zero
        ([7, 7, 7, 7], 7),
        ([1, 5, 5, 9, 9], 5),
        ([INT192_MAX] * 4, INT192_MAX),
        ([INT192_MIN] * 4, INT192_MIN),
        ([INT192_MIN, INT192_MIN, INT192_MAX, INT192_MAX], 0),
        ([-3, -2, -1, 0, 0, 0, 1], 0),
    ],
)
def test_transmit__valid_report__stores_median_answer(
    feeds: FeedFixture, answers: list[int], median: int
) -> None:
    feeds.publish(answers)

    assert _latest(feeds)[1] == median


@pytest.mark.parametrize(
    ("offsets", "median_offset"),
    [([-9, -1, -5, -3, -7], -5), ([-8, -2, -6, -3], -5), ([-2, -1, -9, -4], -3)],
)
def test_transmit__unsorted_timestamps__stores_median_time(
    feeds: FeedFixture, offsets: list[int], median_offset: int
) -> None:
    feeds.publish(
        [100 + i for i in range(len(offsets))], timestamps=[feeds.now + o for o in offsets]
    )

    assert _latest(feeds)[3] == feeds.now + median_offset


def test_transmit__many_observations__selects_median_time(feeds: FeedFixture) -> None:
    wide = FeedFixture(
        signer_count=31, quorum=1, providers=[signer_account(i) for i in range(1, 32)]
    )
    offsets = [(i * 17) % 31 for i in range(31)]  # a permutation of 0..30
    wide.publish([100] * 31, timestamps=[wide.now - o for o in offsets])

    assert wide.feed.latestTimestamp() == wide.now - 15


def test_transmit__equal_timestamps__stores_that_time(feeds: FeedFixture) -> None:
    """The usual report: every provider signed within the same second."""
    feeds.publish([2_000, 2_001, 2_001, 2_002, 2_003, 2_003, 2_004], timestamps=[feeds.now - 3] * 7)

    assert _latest(feeds)[1:4] == (2_001 + 1, feeds.now - 3, feeds.now - 3)


@pytest.mark.parametrize(
    "ages",
    [
        [31, 32, 32, 33],  # the two middles on both sides of a histogram word boundary
        [0, 31, 31, 31, 32, 95, 96],
        [2, 2, 2, 40, 40, 119, 120],  # ties, and the oldest accepted age
        [120, 119, 64, 63, 1],
        [5, 5, 5, 5, 5, 5, 70, 70],
    ],
)
def test_transmit__timestamps_across_histogram_words__stores_python_median(
    feeds: FeedFixture, ages: list[int]
) -> None:
    count = len(ages)
    wide = FeedFixture(signer_count=count, quorum=1, description="ETH / USD wide")
    timestamps = [wide.now - age for age in ages]

    wide.publish(list(range(count)), timestamps=timestamps)

    expected = expected_stored_round(list(range(count)), timestamps, wide.now)
    assert wide.feed.latestTimestamp() == expected.updated_at_s


def test_transmit__max_age_255__oldest_and_future_extremes_counted(feeds: FeedFixture) -> None:
    """Age 0 (a time 60 s ahead counts as the block time) and age 255 (the largest max age)
    are both histogram entries."""
    feeds.feed.set_max_observation_age(MAX_OBSERVATION_AGE_S, sender=feeds.owner)
    oldest = feeds.now - MAX_OBSERVATION_AGE_S
    timestamps = [oldest, oldest, feeds.now + MAX_FUTURE_S, oldest, feeds.now - 200]

    feeds.publish([1, 2, 3, 4, 5], timestamps=timestamps)

    assert feeds.feed.latestTimestamp() == oldest


def test_transmit__even_count_straddling_block_time__caps_each_time_first(
    feeds: FeedFixture,
) -> None:
    """Middles at now - 10 and now + 40: a time ahead of the block counts as the block time,
    so the round is stamped now - 5 (the mean of now - 10 and now), not now."""
    feeds.publish(
        [1, 2, 3, 4], timestamps=[feeds.now - 20, feeds.now - 10, feeds.now + 40] + [feeds.now + 60]
    )

    assert feeds.feed.latestTimestamp() == feeds.now - 5


def test_transmit__future_timestamps__caps_updated_at_at_block_time(feeds: FeedFixture) -> None:
    feeds.publish([1, 2, 3, 4], timestamps=[feeds.now + 60] * 4)

    assert _latest(feeds)[2:4] == (feeds.now, feeds.now)


def test_transmit__timestamp_60s_ahead__is_accepted(feeds: FeedFixture) -> None:
    feeds.publish([1, 2, 3, 4], timestamps=[feeds.now - 1, feeds.now, feeds.now, feeds.now + 60])

    assert feeds.feed.latestRound() == 1


def test_transmit__timestamp_61s_ahead__reverts(feeds: FeedFixture) -> None:
    report = feeds.report([1, 2, 3, 4], timestamps=[feeds.now] * 3 + [feeds.now + 61])

    with boa.reverts("price_feed: timestamp in the future"):
        feeds.transmit(report)


def test_transmit__observation_exactly_max_age_old__is_accepted(feeds: FeedFixture) -> None:
    oldest = feeds.now - DEFAULT_MAX_OBSERVATION_AGE_S

    feeds.publish([1, 2, 3, 4], timestamps=[oldest, feeds.now, feeds.now, feeds.now])

    assert feeds.feed.latestRound() == 1


def test_transmit__observation_one_second_older_than_max_age__reverts(feeds: FeedFixture) -> None:
    too_old = feeds.now - DEFAULT_MAX_OBSERVATION_AGE_S - 1
    report = feeds.report([1, 2, 3, 4], timestamps=[feeds.now, too_old, feeds.now, feeds.now])

    with boa.reverts("price_feed: observation too old"):
        feeds.transmit(report)


def test_transmit__max_age_lowered__older_observation_reverts(feeds: FeedFixture) -> None:
    feeds.feed.set_max_observation_age(30, sender=feeds.owner)

    with boa.reverts("price_feed: observation too old"):
        feeds.transmit(feeds.report([1, 2, 3, 4], timestamps=[feeds.now - 31] * 4))
    feeds.publish([1, 2, 3, 4], timestamps=[feeds.now - 30] * 4)

    assert feeds.feed.latestRound() == 1


def test_transmit__round_held_back_50_minutes__old_observations_revert_fresh_ones_land(
    feeds: FeedFixture,
) -> None:
    """Nobody transmits round 1 while the price moves from 2 000 to 2 200 in 50 minutes: the
    2 000 observations can no longer be published (in a trade's transaction, say); fresh
    round-1 observations signed at 2 200 still can."""
    signed_at = feeds.now
    held_back = feeds.report([2_000] * 7, timestamps=[signed_at] * 7)
    boa.env.time_travel(seconds=50 * 60)

    with boa.reverts("price_feed: observation too old"):
        feeds.transmit(held_back)
    feeds.publish([2_200] * 7, timestamps=[feeds.now - 1] * 7)

    assert _latest(feeds)[:2] == (1, 2_200)


def test_transmit__timestamp_equal_to_latest_update__reverts(feeds: FeedFixture) -> None:
    feeds.publish([1, 2, 3, 4], timestamps=[feeds.now - 10] * 4)
    boa.env.time_travel(seconds=30)

    stale = feeds.report([1, 2, 3, 4], timestamps=[feeds.now, feeds.now, feeds.now - 40, feeds.now])

    with boa.reverts("price_feed: stale timestamp"):
        feeds.transmit(stale)


def test_transmit__quorum_present__passes_and_quorum_minus_one_reverts(feeds: FeedFixture) -> None:
    with boa.reverts("price_feed: quorum not met"):
        feeds.transmit(feeds.report([1, 2, 3]))

    feeds.publish([1, 2, 3, 4])

    assert feeds.feed.latestRound() == 1


def test_transmit__empty_report__reverts(feeds: FeedFixture) -> None:
    with boa.reverts("price_feed: quorum not met"):
        feeds.feed.transmit(1, [], [], [], sender=feeds.transmitter)


def test_transmit__answers_not_ascending__reverts(feeds: FeedFixture) -> None:
    report = feeds.report([1, 3, 2, 4], sort=False)

    with boa.reverts("price_feed: answers not sorted"):
        feeds.transmit(report)


def test_transmit__same_signer_twice__reverts(feeds: FeedFixture) -> None:
    provider_1, provider_2, provider_3 = feeds.providers[:3]
    report = feeds.report([1, 2, 3, 4], signers=[provider_1, provider_2, provider_3, provider_1])

    with boa.reverts("price_feed: duplicate signer"):
        feeds.transmit(report)


def test_transmit__unauthorized_signer__reverts(feeds: FeedFixture) -> None:
    outsider = signer_account(99)
    report = feeds.report([1, 2, 3, 4], signers=[*feeds.providers[:3], outsider])

    with boa.reverts("price_feed: unauthorized signer"):
        feeds.transmit(report)


def test_transmit__signature_over_other_answer__reverts(feeds: FeedFixture) -> None:
    report = feeds.report([1, 2, 3, 4])
    forged = feeds.sign(feeds.providers[0], 1, 999, report.timestamps[0])

    with boa.reverts("price_feed: unauthorized signer"):
        feeds.transmit(with_signature(report, 0, forged))


@pytest.mark.parametrize("round_id", [0, 2, 3])
def test_transmit__round_not_latest_plus_one__reverts(feeds: FeedFixture, round_id: int) -> None:
    report = feeds.report([1, 2, 3, 4], round_id=round_id)

    with boa.reverts("price_feed: wrong round"):
        feeds.transmit(report)


def test_transmit__replayed_report__reverts(feeds: FeedFixture) -> None:
    report = feeds.publish([1, 2, 3, 4])

    with boa.reverts("price_feed: wrong round"):
        feeds.transmit(report)


def test_transmit__high_s_signature__reverts(feeds: FeedFixture) -> None:
    report = feeds.report([1, 2, 3, 4])

    with boa.reverts("price_feed: high s"):
        feeds.transmit(with_signature(report, 2, malleate(report.signatures[2])))


@pytest.mark.parametrize("v", [0, 1, 26, 29])
def test_transmit__v_not_27_or_28__reverts(feeds: FeedFixture, v: int) -> None:
    report = feeds.report([1, 2, 3, 4])
    signature = report.signatures[1][:64] + bytes([v])

    with boa.reverts("price_feed: bad signature v"):
        feeds.transmit(with_signature(report, 1, signature))


@pytest.mark.parametrize("length", [0, 64])
def test_transmit__signature_not_65_bytes__reverts(feeds: FeedFixture, length: int) -> None:
    report = feeds.report([1, 2, 3, 4])

    with boa.reverts("price_feed: bad signature length"):
        feeds.transmit(with_signature(report, 0, report.signatures[0][:length]))


@pytest.mark.parametrize("short", ["answers", "timestamps", "signatures"])
def test_transmit__array_lengths_differ__reverts(feeds: FeedFixture, short: str) -> None:
    report = feeds.report([1, 2, 3, 4, 5])
    args = {
        "answers": report.answers,
        "timestamps": report.timestamps,
        "signatures": report.signatures,
    }
    args[short] = args[short][:4]

    with boa.reverts("price_feed: length mismatch"):
        feeds.feed.transmit(report.round_id, *args.values(), sender=feeds.transmitter)


def test_transmit__valid_report__emits_chainlink_events(feeds: FeedFixture) -> None:
    feeds.publish([1, 2, 3, 4, 5], timestamps=[feeds.now - 2] * 5)

    answer_updated, new_round = feeds.feed.get_logs()
    assert type(answer_updated).__name__ == "AnswerUpdated"
    assert (answer_updated.current, answer_updated.roundId, answer_updated.updatedAt) == (
        3,
        1,
        feeds.now - 2,
    )
    assert type(new_round).__name__ == "NewRound"
    assert (new_round.roundId, new_round.startedBy, new_round.startedAt) == (
        1,
        feeds.transmitter,
        feeds.now - 2,
    )


def test_transmit__transmitter_picks_a_subset__median_stays_in_the_honest_range(
    feeds: FeedFixture,
) -> None:
    """Quorum 4 of 7 > 2 f for f = 1 colluding provider signing an extreme value: whichever
    quorum-sized subset a transmitter picks, the median stays within the honest answers."""
    honest = [2_000, 2_001, 2_002, 2_003, 2_004, 2_005]
    colluding = 10**12
    answers = [*honest, colluding]
    subsets = [range(4), range(3, 7), range(2, 7), [0, 1, 5, 6], range(7)]

    stored = []
    for subset in subsets:
        with boa.env.anchor():
            chosen = [answers[i] for i in subset]
            feeds.publish(chosen, signers=[feeds.providers[i] for i in subset])
            stored.append(feeds.feed.latestAnswer())

    assert all(min(honest) <= answer <= max(honest) for answer in stored)
    assert min(stored) < max(stored)  # the choice that remains: where in the honest range
