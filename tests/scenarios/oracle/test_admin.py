"""Owner administration: config validation and versions, the requester whitelist, pause."""

from dataclasses import astuple, replace
from typing import Any

import pytest

from tests.harness.checks import delta
from tests.harness.game import (
    FEE_WEI,
    FLX,
    MIN_BOND_WEI,
    MULTIPLIER_BPS,
    NO,
    VALIDITY_BOND_WEI,
    YES,
)
from tests.harness.oracle_driver import MakeDriver, OracleDriver

ZERO_ADDRESS = "0x" + "00" * 20
NOT_OWNER = "ownable: caller is not the owner"

# Each field just outside the bound `_check_config` enforces, and at it.
BAD_CONFIG_FIELDS = [
    ("final_arbitrator", ZERO_ADDRESS),
    ("treasury", ZERO_ADDRESS),
    ("stake_token", ZERO_ADDRESS),
    ("payment_token", ZERO_ADDRESS),
    ("min_bond", 0),
    ("min_challenge_period", 0),
    ("max_challenge_period", 59),  # below min_challenge_period (60)
    ("max_challenge_period", 2**32),
    ("arbitration_threshold", 2**120),
    ("validity_bond", 2**96),
    ("max_open_period", 0),
    ("max_open_period", 2**32),
    ("arbitration_timeout", 0),
    ("arbitration_timeout", 2**32),
]
CONFIG_FIELDS_AT_LIMIT = [
    ("min_bond", 1),
    ("max_challenge_period", 60),  # == min_challenge_period
    ("max_challenge_period", 2**32 - 1),
    ("arbitration_threshold", 2**120 - 1),
    ("arbitration_threshold", 0),
    ("validity_bond", 2**96 - 1),
    ("validity_bond", 0),
    ("max_open_period", 1),
    ("max_open_period", 2**32 - 1),
    ("arbitration_timeout", 1),
    ("arbitration_timeout", 2**32 - 1),
]


def _ids(row: Any) -> str:
    return str(row) if isinstance(row, str) else str(row)[:12]


# --- deployment and set_config: one validity rule -------------------------------------------


@pytest.mark.parametrize("field, value", BAD_CONFIG_FIELDS, ids=_ids)
def test_deploy__bad_config_field__reverts(
    driver: OracleDriver, make_driver: MakeDriver, field: str, value: Any
) -> None:
    with driver.reverts("oracle: bad config"):
        make_driver(**{field: value})


@pytest.mark.parametrize("field, value", CONFIG_FIELDS_AT_LIMIT, ids=_ids)
def test_deploy__config_field_at_limit__accepted(
    make_driver: MakeDriver, field: str, value: Any
) -> None:
    driver = make_driver(**{field: value})

    assert driver.config_of(0) == astuple(driver.config)
    assert getattr(driver.config, field) == value
    assert driver.latest_config_id() == 0
    assert driver.request_count() == 0


@pytest.mark.parametrize("field, value", BAD_CONFIG_FIELDS, ids=_ids)
def test_set_config__bad_config_field__reverts(
    driver: OracleDriver, field: str, value: Any
) -> None:
    with driver.reverts("oracle: bad config"):
        driver.set_config(**{field: value})

    assert driver.latest_config_id() == 0


@pytest.mark.parametrize("field, value", CONFIG_FIELDS_AT_LIMIT, ids=_ids)
def test_set_config__config_field_at_limit__accepted(
    driver: OracleDriver, field: str, value: Any
) -> None:
    assert driver.set_config(**{field: value}) == 1

    assert driver.config_of(1) == astuple(replace(driver.config, **{field: value}))


def test_set_config__by_owner__returns_increasing_ids(driver: OracleDriver) -> None:
    first = driver.set_config(validity_bond=1)
    second = driver.set_config(validity_bond=2)

    assert (first, second) == (1, 2)
    assert driver.latest_config_id() == 2
    assert driver.config_of(0) == astuple(driver.config)
    assert driver.config_of(1) == astuple(replace(driver.config, validity_bond=1))
    assert driver.config_of(2) == astuple(replace(driver.config, validity_bond=2))


def test_set_config__by_stranger__reverts_even_with_a_bad_config(driver: OracleDriver) -> None:
    with driver.reverts(NOT_OWNER):
        driver.set_config(caller=driver.stranger)
    with driver.reverts(NOT_OWNER):
        driver.set_config(caller=driver.stranger, min_bond=0)

    assert driver.latest_config_id() == 0


def test_config__unknown_id__reverts(driver: OracleDriver) -> None:
    with driver.reverts("oracle: unknown config"):
        driver.config_of(1)


# --- config versions and open requests ------------------------------------------------------


def test_set_config__new_request__uses_new_config(driver: OracleDriver) -> None:
    """Money flow: the request created under config 1 pulls config 1's validity bond + fee."""
    config_id = driver.set_config(validity_bond=2 * VALIDITY_BOND_WEI, min_bond=50 * FLX)
    before = driver.balances(driver.requester)

    request_id = driver.create()

    after = driver.balances(driver.requester)
    params = driver.request_params(request_id)
    assert params[1] == config_id
    assert params[2] == 50 * FLX
    assert delta(before, after, driver.requester) == (0, -(2 * VALIDITY_BOND_WEI + FEE_WEI))
    assert delta(before, after, driver.oracle) == (0, 2 * VALIDITY_BOND_WEI + FEE_WEI)


def test_set_config__open_request__keeps_old_validity_bond(driver: OracleDriver) -> None:
    """Money flow: a request created under config 0 (validity bond 10 fUSD) finalizes after
    config 1 (validity bond 20 fUSD): the requester is credited exactly the old 10 fUSD and
    withdraws it."""
    request_id = driver.create()
    driver.set_config(validity_bond=2 * VALIDITY_BOND_WEI)
    driver.bond_round0(request_id, YES)
    driver.expire_window(request_id)
    before = driver.balances(driver.requester)

    driver.finalize(request_id)
    assert driver.credits(driver.requester) == {driver.requester: (0, VALIDITY_BOND_WEI)}
    driver.withdraw_credits(driver.requester)

    after = driver.balances(driver.requester)
    assert driver.request_params(request_id)[1] == 0
    assert delta(before, after, driver.requester) == (0, VALIDITY_BOND_WEI)
    assert delta(before, after, driver.oracle) == (0, -VALIDITY_BOND_WEI)


def test_set_config__open_request__keeps_old_threshold_and_arbitrator(
    driver: OracleDriver,
) -> None:
    """Config 1 escalates at round 1 and names `anyone` arbitrator; the config-0 request still
    escalates only at round 4 and only the old arbitrator decides it."""
    old_request = driver.create()
    driver.set_config(arbitration_threshold=2 * MIN_BOND_WEI, final_arbitrator=driver.anyone)
    driver.create()  # a config-1 request now exists alongside

    b0 = driver.bond_round0(old_request, YES)
    driver.dispute(driver.disputer, old_request, NO, 2 * b0)
    assert driver.current_round(old_request) == 2
    driver.escalate(old_request)
    assert driver.current_round(old_request) == 4

    with driver.reverts("oracle: not arbitrator"):
        driver.arbitrate(old_request, YES, caller=driver.anyone)
    driver.arbitrate(old_request, YES, caller=driver.arbitrator)
    assert driver.outcome_of(old_request) == (True, YES)


def test_set_config__new_request__uses_new_threshold_and_arbitrator(driver: OracleDriver) -> None:
    driver.set_config(arbitration_threshold=2 * MIN_BOND_WEI, final_arbitrator=driver.anyone)
    request_id = driver.create()

    b0 = driver.bond_round0(request_id, YES)
    driver.dispute(driver.disputer, request_id, NO, 2 * b0)

    assert driver.current_round(request_id) == 1
    with driver.reverts("oracle: escalated"):
        driver.stake(driver.validator, request_id, YES, 4 * b0)
    with driver.reverts("oracle: not arbitrator"):
        driver.arbitrate(request_id, NO, caller=driver.arbitrator)
    driver.arbitrate(request_id, NO, caller=driver.anyone)
    assert driver.outcome_of(request_id) == (True, NO)


def test_set_config__new_payment_token__new_request_pays_in_it(driver: OracleDriver) -> None:
    """Money flow: config 1 pays in FLX; a requester created under it pays validity bond + fee
    in FLX and no fUSD."""
    flx_payer = driver.add_requester(
        funds_wei=VALIDITY_BOND_WEI + FEE_WEI, payment_token=driver.flx
    )
    driver.set_config(payment_token=driver.flx)
    before = driver.balances(flx_payer)

    request_id = driver.create(requester=flx_payer)

    after = driver.balances(flx_payer)
    assert driver.request_params(request_id)[1] == 1
    assert delta(before, after, flx_payer) == (-(VALIDITY_BOND_WEI + FEE_WEI), 0)


# --- requester whitelist --------------------------------------------------------------------


def test_add_requester__new__whitelisted_with_next_index(driver: OracleDriver) -> None:
    other = driver.add_requester(multiplier_bps=15_000)

    assert driver.requester_info(driver.requester) == (True, MULTIPLIER_BPS, 0)
    assert driver.requester_info(other) == (True, 15_000, 1)


def test_requester_info__never_added__all_zero(driver: OracleDriver) -> None:
    assert driver.requester_info(driver.stranger) == (False, 0, 0)


def test_add_requester__by_stranger__reverts(driver: OracleDriver) -> None:
    with driver.reverts(NOT_OWNER):
        driver.whitelist(driver.stranger, MULTIPLIER_BPS, caller=driver.stranger)

    assert driver.requester_info(driver.stranger) == (False, 0, 0)


def test_add_requester__zero_multiplier__reverts(driver: OracleDriver) -> None:
    with driver.reverts("oracle: zero multiplier"):
        driver.whitelist(driver.stranger, 0)


def test_add_requester__multiplier_2_pow_32__reverts(driver: OracleDriver) -> None:
    with driver.reverts("oracle: bad multiplier"):
        driver.whitelist(driver.stranger, 2**32)


def test_add_requester__multiplier_2_pow_32_minus_1__accepted(driver: OracleDriver) -> None:
    driver.whitelist(driver.stranger, 2**32 - 1)

    assert driver.requester_info(driver.stranger) == (True, 2**32 - 1, 1)


def test_add_requester__again__keeps_index_updates_multiplier(driver: OracleDriver) -> None:
    driver.add_requester()

    driver.whitelist(driver.requester, 20_000)

    assert driver.requester_info(driver.requester) == (True, 20_000, 0)


def test_add_requester__after_removal__whitelisted_again_same_index(driver: OracleDriver) -> None:
    other = driver.add_requester()
    driver.remove_requester(other)

    driver.whitelist(other, 12_000)

    assert driver.requester_info(other) == (True, 12_000, 1)
    assert driver.create(requester=other) == 0


def test_remove_requester__whitelisted__record_kept_flag_cleared(driver: OracleDriver) -> None:
    driver.remove_requester(driver.requester)

    assert driver.requester_info(driver.requester) == (False, MULTIPLIER_BPS, 0)


def test_remove_requester__by_stranger__reverts(driver: OracleDriver) -> None:
    with driver.reverts(NOT_OWNER):
        driver.remove_requester(driver.requester, caller=driver.stranger)

    assert driver.requester_info(driver.requester)[0]


def test_remove_requester__never_added__reverts(driver: OracleDriver) -> None:
    with driver.reverts("oracle: not whitelisted"):
        driver.remove_requester(driver.stranger)


def test_remove_requester__already_removed__reverts(driver: OracleDriver) -> None:
    driver.remove_requester(driver.requester)

    with driver.reverts("oracle: not whitelisted"):
        driver.remove_requester(driver.requester)


def test_create__removed_requester__reverts_without_pulling(driver: OracleDriver) -> None:
    """Money flow: none; the failed creation pulls no fUSD."""
    driver.remove_requester(driver.requester)
    before = driver.balances(driver.requester)

    with driver.reverts("oracle: not whitelisted"):
        driver.create()

    assert driver.balances(driver.requester) == before
    assert driver.request_count() == 0


def test_finalize__requester_removed_after_creation__validity_bond_returned(
    driver: OracleDriver,
) -> None:
    """Money flow: the removed requester's open request finalizes on YES and the requester
    gets its 10 fUSD validity bond back (credited, then withdrawn); the Oracle keeps only the
    fee and the bond."""
    request_id = driver.create()
    driver.remove_requester(driver.requester)
    b0 = driver.bond_round0(request_id, YES)
    driver.expire_window(request_id)
    before = driver.balances(driver.requester)

    driver.finalize(request_id)
    driver.withdraw_credits(driver.requester)

    after = driver.balances(driver.requester)
    assert driver.outcome_of(request_id) == (True, YES)
    assert driver.request_params(request_id)[0] == driver.requester
    assert delta(before, after, driver.requester) == (0, VALIDITY_BOND_WEI)
    assert after[driver.oracle] == (b0, FEE_WEI)


# --- pause ----------------------------------------------------------------------------------


def test_pause__by_owner__paused_and_unpause_resumes(driver: OracleDriver) -> None:
    driver.pause()
    assert driver.paused()

    driver.unpause()

    assert not driver.paused()
    assert driver.create() == 0


def test_pause__by_stranger__reverts_before_the_pause_check(driver: OracleDriver) -> None:
    with driver.reverts(NOT_OWNER):
        driver.pause(caller=driver.stranger)
    assert not driver.paused()

    driver.pause()

    with driver.reverts(NOT_OWNER):
        driver.pause(caller=driver.stranger)


def test_unpause__by_stranger__reverts(driver: OracleDriver) -> None:
    driver.pause()

    with driver.reverts(NOT_OWNER):
        driver.unpause(caller=driver.stranger)

    assert driver.paused()


def test_pause__twice__reverts(driver: OracleDriver) -> None:
    driver.pause()

    with driver.reverts("pausable: contract is paused"):
        driver.pause()


def test_unpause__not_paused__reverts(driver: OracleDriver) -> None:
    with driver.reverts("pausable: contract is not paused"):
        driver.unpause()
