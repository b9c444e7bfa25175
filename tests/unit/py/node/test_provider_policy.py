"""The provider policy: when a feed is due, who transmits a round, which observations go in."""

import functools

import pytest
from eth_account import Account
from eth_account.signers.local import LocalAccount

from fluxo.exceptions import InvalidFeedParameters
from fluxo.feeds import Observation, Report, SignedObservation, feed_id, sign_observation
from fluxo.node.policy.deviation import deviation_reached
from fluxo.node.policy.provider import (
    FEED_HUB_MAX_FEEDS,
    ReadyReport,
    ReportReason,
    attempt_of,
    is_leader,
    leader_index,
    plan_transmissions,
    report_reason,
    select_report,
    should_report,
    should_resign,
    sign_reason,
)

NOW_S = 1_700_000_000
HEARTBEAT_S = 3_600
CHAIN_ID = 31_337
FEED = feed_id("ETH / USD")
FEED_ADDRESS = "0x5FbDB2315678afecb367f032d93F642f64180aa3"
ROUND = 5
MAX_AGE_S = 120
SIGNERS: list[LocalAccount] = [Account.from_key((i + 1).to_bytes(32, "big")) for i in range(4)]
OUTSIDER: LocalAccount = Account.from_key((99).to_bytes(32, "big"))
SIGNER_ADDRESSES = [signer.address for signer in SIGNERS]


@pytest.mark.parametrize(
    ("median", "onchain_answer", "updated_at_s", "now_s", "expected"),
    [
        pytest.param(100, None, 0, NOW_S, ReportReason.NO_ROUND, id="no_round_yet__reports"),
        pytest.param(100, 0, 0, NOW_S, ReportReason.NO_ROUND, id="updated_at_zero__reports"),
        pytest.param(
            10_000,
            10_000,
            NOW_S - HEARTBEAT_S,
            NOW_S,
            ReportReason.HEARTBEAT,
            id="exactly_heartbeat_old__reports",
        ),
        pytest.param(
            10_000, 10_000, NOW_S - HEARTBEAT_S + 1, NOW_S, None, id="a_second_younger__quiet"
        ),
        pytest.param(
            10_050,
            10_000,
            NOW_S - 10,
            NOW_S,
            ReportReason.DEVIATION,
            id="up_exactly_50bps__reports",
        ),
        pytest.param(
            9_950,
            10_000,
            NOW_S - 10,
            NOW_S,
            ReportReason.DEVIATION,
            id="down_exactly_50bps__reports",
        ),
        pytest.param(10_049, 10_000, NOW_S - 10, NOW_S, None, id="up_49bps__quiet"),
        pytest.param(10_000, 10_000, NOW_S - 10, NOW_S, None, id="unchanged__quiet"),
        pytest.param(
            -9_950,
            -10_000,
            NOW_S - 10,
            NOW_S,
            ReportReason.DEVIATION,
            id="negative_answer_moved_50bps__reports",
        ),
        pytest.param(-10_049, -10_000, NOW_S - 10, NOW_S, None, id="negative_answer_49bps__quiet"),
        pytest.param(
            1, 0, NOW_S - 10, NOW_S, ReportReason.DEVIATION, id="zero_answer_any_move__reports"
        ),
        pytest.param(0, 0, NOW_S - 10, NOW_S, None, id="zero_answer_unchanged__quiet"),
        pytest.param(
            -10_000,
            10_000,
            NOW_S - 10,
            NOW_S,
            ReportReason.DEVIATION,
            id="sign_flip__reports",
        ),
    ],
)
def test_report_reason__situation__reason(
    median: int,
    onchain_answer: int | None,
    updated_at_s: int,
    now_s: int,
    expected: ReportReason | None,
) -> None:
    args = (median, onchain_answer, updated_at_s, now_s, 50, HEARTBEAT_S)

    assert report_reason(*args) is expected
    assert should_report(*args) is (expected is not None)


@pytest.mark.parametrize(
    ("deviation_bps", "heartbeat_s", "message"),
    [
        pytest.param(0, HEARTBEAT_S, "deviation_bps", id="zero_deviation"),
        pytest.param(50, 0, "heartbeat_s", id="zero_heartbeat"),
    ],
)
def test_should_report__nonsense_thresholds__rejected(
    deviation_bps: int, heartbeat_s: int, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        should_report(10_100, 10_000, NOW_S - 10, NOW_S, deviation_bps, heartbeat_s)


def test_deviation_reached__huge_values__exact_integer_boundary() -> None:
    """Prices near int192 have no float representation to round off a boundary."""
    reference = 10**57  # within int192, and 3 bps of it is a whole number
    exactly = reference + reference * 3 // 10_000

    assert deviation_reached(exactly, reference, 3)
    assert not deviation_reached(exactly - 1, reference, 3)


@pytest.mark.parametrize(
    ("round_", "attempt", "n", "expected"),
    [
        pytest.param(0, 0, 4, 0, id="round0_first_attempt__signer0"),
        pytest.param(5, 0, 4, 1, id="round5_first_attempt__signer1"),
        pytest.param(5, 1, 4, 2, id="round5_leader_timed_out__next_signer"),
        pytest.param(5, 3, 4, 0, id="round5_three_timeouts__wraps_around"),
        pytest.param(7, 0, 1, 0, id="single_signer__always_it"),
    ],
)
def test_leader_index__round_and_attempt__rotates(
    round_: int, attempt: int, n: int, expected: int
) -> None:
    assert leader_index(round_, attempt, n) == expected


def test_leader_index__no_signers__rejected() -> None:
    with pytest.raises(ValueError, match="at least one signer"):
        leader_index(1, 0, 0)


@pytest.mark.parametrize(
    ("due_since_s", "now_s", "timeout_s", "expected"),
    [
        pytest.param(NOW_S, NOW_S, 10, 0, id="just_due__first_attempt"),
        pytest.param(NOW_S, NOW_S + 9.9, 10, 0, id="within_the_timeout__first_attempt"),
        pytest.param(NOW_S, NOW_S + 10, 10, 1, id="one_timeout__second_attempt"),
        pytest.param(NOW_S, NOW_S + 35, 10, 3, id="three_timeouts__fourth_attempt"),
        pytest.param(NOW_S, NOW_S - 5, 10, 0, id="clock_behind_the_peer__first_attempt"),
        pytest.param(NOW_S, NOW_S + 3, 2.5, 1, id="fractional_timeout__counted"),
    ],
)
def test_attempt_of__time_since_due__attempt(
    due_since_s: float, now_s: float, timeout_s: float, expected: int
) -> None:
    assert attempt_of(due_since_s, now_s, timeout_s) == expected


def test_attempt_of__zero_timeout__rejected() -> None:
    with pytest.raises(ValueError, match="leader_timeout_s"):
        attempt_of(NOW_S, NOW_S, 0)


def test_is_leader__dead_leader__next_signer_takes_over_after_one_timeout() -> None:
    due_since_s = NOW_S
    first = attempt_of(due_since_s, NOW_S + 1, 10)
    second = attempt_of(due_since_s, NOW_S + 11, 10)

    assert is_leader(SIGNER_ADDRESSES, SIGNERS[1].address, ROUND, first)
    assert not is_leader(SIGNER_ADDRESSES, SIGNERS[2].address, ROUND, first)
    assert is_leader(SIGNER_ADDRESSES, SIGNERS[2].address, ROUND, second)
    assert not is_leader(SIGNER_ADDRESSES, SIGNERS[1].address, ROUND, second)


def test_is_leader__address_case__ignored() -> None:
    assert is_leader(SIGNER_ADDRESSES, SIGNERS[1].address.lower(), ROUND, 0)


def test_is_leader__not_a_signer__never() -> None:
    assert not any(is_leader(SIGNER_ADDRESSES, OUTSIDER.address, ROUND, a) for a in range(8))
    assert not is_leader([], OUTSIDER.address, ROUND, 0)


def _signed(
    signer: LocalAccount, answer: int, timestamp_s: int = NOW_S - 5, round_: int = ROUND
) -> SignedObservation:
    observation = Observation(FEED, round_, answer, timestamp_s)
    return sign_observation(observation, CHAIN_ID, FEED_ADDRESS, signer)


def _select(
    held: list[SignedObservation], quorum: int = 3, **overrides: int
) -> tuple[tuple[int, ...], tuple[str, ...]] | None:
    arguments = {
        "round": ROUND,
        "quorum": quorum,
        "now_s": NOW_S,
        "max_observation_age_s": MAX_AGE_S,
    } | overrides
    report = select_report(
        held,
        chain_id=CHAIN_ID,
        feed_address=FEED_ADDRESS,
        signers=SIGNER_ADDRESSES,
        **arguments,  # type: ignore[arg-type]
    )
    return None if report is None else (report.answers, report.signers)


def test_select_report__quorum_of_fresh_observations__sorted_by_answer() -> None:
    held = [_signed(SIGNERS[0], 300), _signed(SIGNERS[1], 100), _signed(SIGNERS[2], 200)]

    assert _select(held) == (
        (100, 200, 300),
        (SIGNERS[1].address, SIGNERS[2].address, SIGNERS[0].address),
    )


def test_select_report__one_short_of_quorum__none() -> None:
    assert _select([_signed(SIGNERS[0], 300), _signed(SIGNERS[1], 100)]) is None


def test_select_report__more_than_quorum__every_fresh_one_included() -> None:
    held = [_signed(signer, 100 + i) for i, signer in enumerate(SIGNERS)]

    report = _select(held)

    assert report is not None
    assert report[0] == (100, 101, 102, 103)


@pytest.mark.parametrize(
    ("timestamp_s", "overrides", "kept"),
    [
        pytest.param(NOW_S - MAX_AGE_S, {}, True, id="exactly_max_age_old__kept"),
        pytest.param(NOW_S - MAX_AGE_S - 1, {}, False, id="a_second_too_old__dropped"),
        pytest.param(NOW_S + 60, {}, True, id="60s_ahead__kept"),
        pytest.param(NOW_S + 61, {}, False, id="61s_ahead__dropped"),
        pytest.param(
            NOW_S - 100,
            {"inclusion_margin_s": 20},
            True,
            id="still_fresh_at_the_margin__kept",
        ),
        pytest.param(
            NOW_S - 101,
            {"inclusion_margin_s": 20},
            False,
            id="too_old_by_the_time_it_lands__dropped",
        ),
        pytest.param(
            NOW_S - 30,
            {"latest_updated_at_s": NOW_S - 30},
            False,
            id="not_newer_than_latest_round__dropped",
        ),
        pytest.param(
            NOW_S - 29,
            {"latest_updated_at_s": NOW_S - 30},
            True,
            id="newer_than_latest_round__kept",
        ),
    ],
)
def test_select_report__observation_time__kept_only_if_a_block_accepts_it(
    timestamp_s: int, overrides: dict[str, int], kept: bool
) -> None:
    held = [
        _signed(SIGNERS[0], 100),
        _signed(SIGNERS[1], 200),
        _signed(SIGNERS[2], 300, timestamp_s),
    ]

    report = _select(held, **overrides)

    assert (report is not None) is kept


def test_select_report__two_from_one_signer__newest_counts_once() -> None:
    held = [
        _signed(SIGNERS[0], 100, NOW_S - 20),
        _signed(SIGNERS[0], 150, NOW_S - 10),
        _signed(SIGNERS[1], 200),
    ]

    assert _select(held, quorum=3) is None
    assert _select(held, quorum=2) == ((150, 200), (SIGNERS[0].address, SIGNERS[1].address))


def test_select_report__outsider_or_other_round__ignored() -> None:
    held = [
        _signed(SIGNERS[0], 100),
        _signed(SIGNERS[1], 200),
        _signed(OUTSIDER, 300),
        _signed(SIGNERS[2], 300, round_=ROUND + 1),
    ]

    assert _select(held) is None
    assert _select(held, quorum=2) == ((100, 200), (SIGNERS[0].address, SIGNERS[1].address))


def test_select_report__forged_signature__ignored() -> None:
    genuine = _signed(SIGNERS[2], 300)
    forged = SignedObservation(
        Observation(FEED, ROUND, 301, genuine.observation.timestamp_s), genuine.signature
    )
    held = [_signed(SIGNERS[0], 100), _signed(SIGNERS[1], 200), forged]

    assert _select(held) is None


def test_select_report__malformed_signature__ignored() -> None:
    broken = SignedObservation(_signed(SIGNERS[2], 300).observation, b"\x00" * 65)
    held = [_signed(SIGNERS[0], 100), _signed(SIGNERS[1], 200), broken]

    assert _select(held) is None


def test_select_report__bad_max_age__rejected() -> None:
    with pytest.raises(InvalidFeedParameters):
        _select([_signed(SIGNERS[0], 100)], max_observation_age_s=0)


@pytest.mark.parametrize(
    ("own_timestamp_s", "margin_s", "expected"),
    [
        pytest.param(None, 0, True, id="nothing_signed_yet__signs"),
        pytest.param(NOW_S - 5, 0, False, id="own_is_fresh__keeps_it"),
        pytest.param(NOW_S - MAX_AGE_S, 0, False, id="exactly_max_age_old__keeps_it"),
        pytest.param(NOW_S - MAX_AGE_S - 1, 0, True, id="older_than_max_age__signs_again"),
        pytest.param(NOW_S - 100, 20, False, id="still_fresh_at_the_margin__keeps_it"),
        pytest.param(NOW_S - 101, 20, True, id="stale_by_the_time_it_lands__signs_again"),
    ],
)
def test_should_resign__own_observation_age__signs_again_only_when_stale(
    own_timestamp_s: int | None, margin_s: int, expected: bool
) -> None:
    assert should_resign(own_timestamp_s, NOW_S, MAX_AGE_S, margin_s) is expected


ONCHAIN = 10_000
UPDATED_S = NOW_S - 30


@pytest.mark.parametrize(
    ("value", "observed_at_s", "own", "expected"),
    [
        pytest.param(ONCHAIN, NOW_S, None, None, id="not_due__signs_nothing"),
        pytest.param(10_050, NOW_S, None, ReportReason.DEVIATION, id="due__signs"),
        pytest.param(
            10_050, UPDATED_S, None, None, id="observed_at_the_latest_round__stale__nothing"
        ),
        pytest.param(
            10_050, UPDATED_S + 1, None, ReportReason.DEVIATION, id="observed_after_it__signs"
        ),
        pytest.param(10_060, NOW_S, (10_050, NOW_S - 1), None, id="own_close_and_fresh__keeps"),
        pytest.param(
            10_101,
            NOW_S,
            (10_050, NOW_S - 1),
            ReportReason.DEVIATION,
            id="moved_50bps_from_own__signs_again",
        ),
        pytest.param(
            10_101, NOW_S - 1, (10_050, NOW_S - 1), None, id="nothing_newer_than_own__keeps"
        ),
        pytest.param(
            10_050,
            NOW_S,
            (10_050, NOW_S - MAX_AGE_S + 10),
            ReportReason.DEVIATION,
            id="own_too_old_at_the_margin__signs_again",
        ),
    ],
)
def test_sign_reason__value_and_own_observation__sign_or_not(
    value: int, observed_at_s: int, own: tuple[int, int] | None, expected: ReportReason | None
) -> None:
    reason = sign_reason(
        value,
        observed_at_s,
        ONCHAIN,
        UPDATED_S,
        own,
        NOW_S,
        deviation_bps=50,
        heartbeat_s=HEARTBEAT_S,
        max_observation_age_s=MAX_AGE_S,
        margin_s=15,
    )

    assert reason is expected


def test_sign_reason__heartbeat__signs_the_unchanged_value() -> None:
    reason = sign_reason(
        ONCHAIN,
        NOW_S,
        ONCHAIN,
        NOW_S - HEARTBEAT_S,
        None,
        NOW_S,
        deviation_bps=50,
        heartbeat_s=HEARTBEAT_S,
        max_observation_age_s=MAX_AGE_S,
    )

    assert reason is ReportReason.HEARTBEAT


@functools.cache
def _report() -> Report:
    """One valid report; the plan looks only at addresses, hub flags and attempts."""
    report = select_report(
        [_signed(signer, 100 + i) for i, signer in enumerate(SIGNERS[:3])],
        round=ROUND,
        chain_id=CHAIN_ID,
        feed_address=FEED_ADDRESS,
        signers=SIGNER_ADDRESSES,
        quorum=3,
        now_s=NOW_S,
        max_observation_age_s=MAX_AGE_S,
    )
    assert report is not None
    return report


def _ready(index: int, hub: bool, attempt: int = 0) -> ReadyReport:
    return ReadyReport("0x" + f"{index + 1:040x}", _report(), attempt, hub)


def test_plan_transmissions__one_feed__direct_even_if_the_hub_takes_it() -> None:
    plans = plan_transmissions([_ready(0, hub=True)])

    assert [(plan.via_hub, plan.key) for plan in plans] == [(False, f"feed:0x{1:040x}:{ROUND}:0")]


def test_plan_transmissions__feeds_taking_the_hub__one_batch_others_direct() -> None:
    ready = [_ready(2, hub=True), _ready(0, hub=True), _ready(1, hub=False, attempt=1)]

    plans = plan_transmissions(ready)

    assert [(plan.via_hub, plan.key) for plan in plans] == [
        (False, f"feed:0x{2:040x}:{ROUND}:1"),
        (True, f"feeds:0x{1:040x}:{ROUND}:0,0x{3:040x}:{ROUND}:0"),
    ]


def test_plan_transmissions__more_feeds_than_a_hub_call_takes__batches_of_the_maximum() -> None:
    ready = [_ready(index, hub=True) for index in range(FEED_HUB_MAX_FEEDS + 2)]

    plans = plan_transmissions(ready)

    assert [len(plan.reports) for plan in plans] == [FEED_HUB_MAX_FEEDS, 2]
    assert all(plan.via_hub for plan in plans)
    assert sorted(r.feed_address for plan in plans for r in plan.reports) == sorted(
        r.feed_address for r in ready
    )
