"""`create_request` (SPEC §3): validation in order, the payment pull, stored params, snapshots."""

from typing import Any

import pytest

from fluxo.domain import Source
from tests.harness.checks import delta
from tests.harness.game import (
    CHALLENGE_PERIOD_S,
    FEE_WEI,
    FLX,
    MAX_CHALLENGE_PERIOD_S,
    MIN_BOND_WEI,
    MIN_CHALLENGE_PERIOD_S,
    MULTIPLIER_BPS,
    USD,
    VALIDITY_BOND_WEI,
    YES,
)
from tests.harness.oracle_driver import OracleDriver

_NINE_LABELS = tuple(f"o{i}" for i in range(9))
_NINE_SOURCES = tuple(Source(f"https://s{i}.example", "$") for i in range(9))


def _tiny_bond_requester(driver: OracleDriver) -> str:
    """Config 1 with min_bond 1 wei and a requester at 1 bps: B0 = 1 * 1 // 10_000 = 0."""
    driver.set_config(min_bond=1)
    return driver.add_requester(multiplier_bps=1)


def _assert_rejected(driver: OracleDriver, reason: str | None, **overrides: Any) -> None:
    """Creation reverts with `reason` (any, or none, if None), pulls nothing, creates nothing."""
    before = driver.balances(driver.requester)

    with driver.reverts(reason):
        driver.create(**overrides)

    assert driver.balances(driver.requester) == before
    assert driver.request_count() == 0


# --- happy path -----------------------------------------------------------------------------


def test_create__three_requests__ids_0_1_2(driver: OracleDriver) -> None:
    assert driver.request_count() == 0

    ids = [driver.create() for _ in range(3)]

    assert ids == [0, 1, 2]
    assert driver.request_count() == 3


def test_create__valid__pulls_validity_bond_plus_fee(driver: OracleDriver) -> None:
    """Money flow: the requester pays 10 fUSD validity bond + 5 fUSD fee to the Oracle in one
    pull, twice for two requests; no FLX moves."""
    before = driver.balances(driver.requester)

    driver.create()
    driver.create()

    after = driver.balances(driver.requester)
    assert delta(before, after, driver.requester) == (0, -2 * (VALIDITY_BOND_WEI + FEE_WEI))
    assert delta(before, after, driver.oracle) == (0, 2 * (VALIDITY_BOND_WEI + FEE_WEI))


def test_create__zero_fee__pulls_validity_bond_only(driver: OracleDriver) -> None:
    """Money flow: fee 0, so the requester pays exactly the 10 fUSD validity bond."""
    before = driver.balances(driver.requester)

    driver.create(fee=0)

    after = driver.balances(driver.requester)
    assert delta(before, after, driver.requester) == (0, -VALIDITY_BOND_WEI)
    assert delta(before, after, driver.oracle) == (0, VALIDITY_BOND_WEI)


def test_request_params__categorical__as_created(driver: OracleDriver) -> None:
    settlement_s = driver.now_s + 1_000

    request_id = driver.create(
        settlement_time=settlement_s, outcomes=("a", "b", "c"), challenge_period=600
    )

    assert driver.request_params(request_id) == (
        driver.requester,
        0,
        MIN_BOND_WEI,
        FEE_WEI,
        settlement_s,
        600,
        3,
    )


@pytest.mark.parametrize("data_type", [0, 1])
def test_request_params__no_outcomes__kind_is_data_type(
    driver: OracleDriver, data_type: int
) -> None:
    request_id = driver.create(outcomes=(), data_type=data_type, decimals=8)

    assert driver.request_params(request_id)[6] == data_type


def test_request_params__unknown_request__reverts(driver: OracleDriver) -> None:
    with driver.reverts("oracle: unknown request"):
        driver.request_params(0)


def test_create__description_only__accepted(driver: OracleDriver) -> None:
    assert driver.create(sources=()) == 0


def test_create__sources_only__accepted(driver: OracleDriver) -> None:
    assert driver.create(description="") == 0


def test_create__eight_outcomes_sources_tags__accepted(driver: OracleDriver) -> None:
    request_id = driver.create(
        outcomes=_NINE_LABELS[:8], sources=_NINE_SOURCES[:8], tags=_NINE_LABELS[:8]
    )

    assert driver.request_params(request_id)[6] == 8


@pytest.mark.parametrize(
    "overrides",
    [
        {"sources": _NINE_SOURCES[:8]},
        {"outcomes": _NINE_LABELS[:8]},
        {"outcomes": ("a", "b")},
        {"outcomes": (), "data_type": 1},
        {"tags": _NINE_LABELS[:8]},
        {"description": "", "sources": (Source("https://api.example", "$.price"),)},
        {"challenge_period": MIN_CHALLENGE_PERIOD_S},
        {"challenge_period": MAX_CHALLENGE_PERIOD_S},
        {"min_bond": 2**96 - 1},
        {"fee": 2**96 - 1},
        {"settlement_time": 2**40 - 1},
    ],
    ids=lambda overrides: "-".join(overrides),
)
def test_create__at_the_limits__accepted(driver: OracleDriver, overrides: dict[str, Any]) -> None:
    driver.fund(driver.requester, usd_wei=2**96)

    assert driver.create(**overrides) == 0


# --- B0 and settlement time -----------------------------------------------------------------


def test_create__multiplier_15000__b0_scaled_from_config_min_bond(driver: OracleDriver) -> None:
    requester = driver.add_requester(multiplier_bps=15_000)

    request_id = driver.create(requester=requester, min_bond=MIN_BOND_WEI // 2)

    assert driver.request_params(request_id)[2] == 150 * FLX


def test_create__multiplier_15000__b0_scaled_from_args_min_bond(driver: OracleDriver) -> None:
    requester = driver.add_requester(multiplier_bps=15_000)

    request_id = driver.create(requester=requester, min_bond=300 * FLX + 1)

    assert driver.request_params(request_id)[2] == (300 * FLX + 1) * 15_000 // 10_000


def test_create__settlement_in_past__clamped_to_now(driver: OracleDriver) -> None:
    driver.time_travel(10_000)
    now_s = driver.now_s

    request_id = driver.create(settlement_time=now_s - 5_000)

    assert driver.request_params(request_id)[4] == now_s
    assert driver.round_info(request_id, 0)[1] == now_s


def test_create__settlement_zero__clamped_to_now(driver: OracleDriver) -> None:
    request_id = driver.create(settlement_time=0)

    assert driver.request_params(request_id)[4] == driver.now_s


def test_create__settlement_in_future__kept(driver: OracleDriver) -> None:
    settlement_s = driver.now_s + 3_766

    request_id = driver.create(settlement_time=settlement_s)

    assert driver.request_params(request_id)[4] == settlement_s
    assert driver.round_info(request_id, 0)[1] == settlement_s


def test_create__default_period__stored(driver: OracleDriver) -> None:
    request_id = driver.create()

    assert driver.request_params(request_id)[5] == CHALLENGE_PERIOD_S


@pytest.mark.parametrize("period_s", [MIN_CHALLENGE_PERIOD_S, MAX_CHALLENGE_PERIOD_S])
def test_create__period_at_bound__accepted(driver: OracleDriver, period_s: int) -> None:
    request_id = driver.create(challenge_period=period_s)

    assert driver.request_params(request_id)[5] == period_s


def test_create__b0_just_below_2_pow_96__accepted(driver: OracleDriver) -> None:
    request_id = driver.create(min_bond=2**96 - 1)

    assert driver.request_params(request_id)[2] == 2**96 - 1


def test_create__multiplier_pushes_b0_to_2_pow_96__reverts(driver: OracleDriver) -> None:
    requester = driver.add_requester(multiplier_bps=2 * MULTIPLIER_BPS)

    with driver.reverts("oracle: bond too large"):
        driver.create(requester=requester, min_bond=2**95)


def test_create__fee_just_below_2_pow_96__accepted_and_pulled(driver: OracleDriver) -> None:
    """Money flow: the requester, topped up with 2**96 fUSD, pays validity bond + 2**96 - 1."""
    driver.fund(driver.requester, usd_wei=2**96)
    before = driver.balances(driver.requester)

    request_id = driver.create(fee=2**96 - 1)

    after = driver.balances(driver.requester)
    assert driver.request_params(request_id)[3] == 2**96 - 1
    assert delta(before, after, driver.requester) == (0, -(VALIDITY_BOND_WEI + 2**96 - 1))


def test_create__settlement_just_below_2_pow_40__accepted(driver: OracleDriver) -> None:
    request_id = driver.create(settlement_time=2**40 - 1)

    assert driver.request_params(request_id)[4] == 2**40 - 1


def test_create__zero_bond__reverts(driver: OracleDriver) -> None:
    requester = _tiny_bond_requester(driver)
    before = driver.balances(requester)

    with driver.reverts("oracle: zero bond"):
        driver.create(requester=requester)

    assert driver.balances(requester) == before
    assert driver.request_count() == 0


def test_create__zero_bond_and_fee_too_large__zero_bond_first(driver: OracleDriver) -> None:
    requester = _tiny_bond_requester(driver)

    with driver.reverts("oracle: zero bond"):
        driver.create(requester=requester, fee=2**96, settlement_time=2**40)


def test_create__tiny_multiplier_with_enough_min_bond__b0_is_one_wei(driver: OracleDriver) -> None:
    requester = _tiny_bond_requester(driver)

    request_id = driver.create(requester=requester, min_bond=10_000)

    assert driver.request_params(request_id)[2] == 1


def test_create__multiplier_floors_b0_to_zero__one_more_bps_makes_one_wei(
    driver: OracleDriver,
) -> None:
    """Config min_bond 200 wei: B0 = 200 * 49 // 10_000 = 0 reverts; re-whitelisted at
    50 bps, B0 = 200 * 50 // 10_000 = 1."""
    driver.set_config(min_bond=200)
    requester = driver.add_requester(multiplier_bps=49)
    with driver.reverts("oracle: zero bond"):
        driver.create(requester=requester)

    driver.whitelist(requester, 50)
    request_id = driver.create(requester=requester)

    assert driver.round_info(request_id, 0)[0] == 1


# --- validation, SPEC §3 order --------------------------------------------------------------


def test_create__stranger__reverts_not_whitelisted(driver: OracleDriver) -> None:
    """Money flow: none; the stranger holds fUSD and approved the Oracle, nothing is pulled."""
    driver.fund(driver.stranger, usd_wei=VALIDITY_BOND_WEI + FEE_WEI)
    before = driver.balances(driver.stranger)

    with driver.reverts("oracle: not whitelisted"):
        driver.create(requester=driver.stranger)

    assert driver.balances(driver.stranger) == before
    assert driver.request_count() == 0


def test_create__not_whitelisted_and_bad_outcome_count__whitelist_checked_first(
    driver: OracleDriver,
) -> None:
    with driver.reverts("oracle: not whitelisted"):
        driver.create(requester=driver.stranger, outcomes=("only",), data_type=7)


def test_create__paused__reverts_before_the_whitelist(driver: OracleDriver) -> None:
    """Money flow: none; neither the requester's nor a stranger's creation pulls anything."""
    driver.pause()

    _assert_rejected(driver, "pausable: contract is paused")
    with driver.reverts("pausable: contract is paused"):
        driver.create(requester=driver.stranger)


@pytest.mark.parametrize(
    "overrides",
    [
        {"outcomes": _NINE_LABELS},
        {"sources": _NINE_SOURCES},
        {"tags": _NINE_LABELS},
        {"sources": _NINE_SOURCES, "outcomes": _NINE_LABELS, "data_type": 9},
        {"description": "x" * 513},
        {"outcomes": ("No", "x" * 65)},
    ],
    ids=["outcomes", "sources", "tags", "with-later-errors", "description", "label"],
)
def test_create__beyond_the_abi_types__reverts_without_reason(
    driver: OracleDriver, overrides: dict[str, Any]
) -> None:
    """The interface bounds lists at 8 entries and strings at their sizes: the decoder
    rejects longer ones before any code runs, so there is no reason, and nothing moves."""
    _assert_rejected(driver, None, **overrides)


@pytest.mark.parametrize(
    "overrides, reason",
    [
        ({"outcomes": ("only",)}, "oracle: bad outcome count"),
        ({"outcomes": (), "data_type": 2}, "oracle: bad data type"),
        ({"data_type": 255}, "oracle: bad data type"),
        ({"description": "", "sources": ()}, "oracle: empty request"),
        ({"challenge_period": MIN_CHALLENGE_PERIOD_S - 1}, "oracle: period out of bounds"),
        ({"challenge_period": 0}, "oracle: period out of bounds"),
        ({"challenge_period": MAX_CHALLENGE_PERIOD_S + 1}, "oracle: period out of bounds"),
        ({"min_bond": 2**96}, "oracle: bond too large"),
        ({"min_bond": 2**128 + 1}, "oracle: bond too large"),
        ({"min_bond": 2**256 - 1}, "oracle: bond too large"),
        ({"fee": 2**96}, "oracle: fee too large"),
        ({"settlement_time": 2**40}, "oracle: bad settlement time"),
    ],
    ids=lambda v: v if isinstance(v, str) else "-".join(v),
)
def test_create__invalid_args__reverts_without_pulling(
    driver: OracleDriver, overrides: dict[str, Any], reason: str
) -> None:
    """Money flow: none; every rejected creation leaves the requester's fUSD untouched."""
    _assert_rejected(driver, reason, **overrides)


@pytest.mark.parametrize(
    "overrides, reason",
    [
        # each case also breaks every later check: the earliest one wins
        ({"outcomes": ("x",), "data_type": 2, "description": ""}, "oracle: bad outcome count"),
        ({"outcomes": ("only",), "data_type": 9}, "oracle: bad outcome count"),
        (
            {"outcomes": (), "data_type": 2, "description": "", "sources": ()},
            "oracle: bad data type",
        ),
        ({"data_type": 9, "description": ""}, "oracle: bad data type"),
        (
            {"description": "", "sources": (), "challenge_period": 1, "min_bond": 2**96},
            "oracle: empty request",
        ),
        ({"challenge_period": 1, "min_bond": 2**96, "fee": 2**96}, "oracle: period out of bounds"),
        ({"challenge_period": 0, "fee": 2**96}, "oracle: period out of bounds"),
        ({"min_bond": 2**96, "fee": 2**96, "settlement_time": 2**40}, "oracle: bond too large"),
        ({"fee": 2**96, "settlement_time": 2**40}, "oracle: fee too large"),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_create__several_invalid_fields__first_check_in_spec_order_wins(
    driver: OracleDriver, overrides: dict[str, Any], reason: str
) -> None:
    with driver.reverts(reason):
        driver.create(**overrides)


def test_create__requester_one_wei_short__transfer_failed_nothing_created(
    driver: OracleDriver,
) -> None:
    """Money flow: none; the requester holds validity bond + fee − 1 wei, the pull fails
    (`oracle: transfer failed`) and no request exists afterwards."""
    poor = driver.add_requester(funds_wei=VALIDITY_BOND_WEI + FEE_WEI - 1)
    driver.create()
    before = driver.balances(poor)

    with driver.reverts("oracle: transfer failed"):
        driver.create(requester=poor)

    assert driver.balances(poor) == before
    assert driver.request_count() == 1
    with driver.reverts("oracle: unknown request"):
        driver.request_params(1)


# --- snapshots ------------------------------------------------------------------------------


def test_create__later_multiplier_change__leaves_open_request_alone(driver: OracleDriver) -> None:
    """B0 = 100 FLX at 10 000 bps before the change, 200 FLX at 20 000 bps after it."""
    request_id = driver.create()
    driver.whitelist(driver.requester, 20_000)

    new_request = driver.create()

    assert driver.request_params(request_id)[2] == MIN_BOND_WEI
    assert driver.request_params(new_request)[2] == 2 * MIN_BOND_WEI


def test_create__later_config__applies_to_new_requests_only(driver: OracleDriver) -> None:
    """Money flow: 10 + 5 fUSD under version 0, then 7 + 5 fUSD under version 1; B0 100 FLX
    then 300 FLX."""
    before = driver.balances(driver.requester)
    request_id = driver.create()
    driver.set_config(validity_bond=7 * USD, min_bond=300 * FLX)

    new_request = driver.create()

    after = driver.balances(driver.requester)
    assert delta(before, after, driver.requester) == (0, -(15 * USD + 12 * USD))
    assert driver.round_info(request_id, 0)[0] == MIN_BOND_WEI
    assert driver.round_info(new_request, 0)[0] == 300 * FLX


def test_create__later_config__keeps_snapshot_periods(driver: OracleDriver) -> None:
    """Tightened period bounds bind new requests only; the open one keeps its own period."""
    request_id = driver.create()
    driver.set_config(min_challenge_period=10, max_challenge_period=20)
    with driver.reverts("oracle: period out of bounds"):
        driver.create()

    driver.stake(driver.validator, request_id, YES, MIN_BOND_WEI)

    assert driver.round_info(request_id, 1)[2] == driver.now_s + CHALLENGE_PERIOD_S
