"""Owner administration: config validation and versions, the requester whitelist, pause."""

from dataclasses import astuple, replace
from typing import Any

import boa
import pytest

from fluxo.domain import Config
from tests.harness.checks import delta
from tests.harness.deployers import MOCK_REQUESTER_DEPLOYER, ORACLE_DEPLOYER
from tests.harness.game import (
    FEE_WEI,
    FLX,
    MIN_BOND_WEI,
    MULTIPLIER_BPS,
    NO,
    VALIDITY_BOND_WEI,
    YES,
)
from tests.harness.protocol import OracleProtocol

ZERO_ADDRESS = "0x" + "00" * 20


def _deploy(config: Config) -> Any:
    return ORACLE_DEPLOYER.deploy(astuple(config))


def _set_config(protocol: OracleProtocol, **overrides: Any) -> int:
    with boa.env.prank(protocol.owner):
        config_id: int = protocol.oracle.set_config(astuple(replace(protocol.config, **overrides)))
    return config_id


# --- constructor config validation --------------------------------------------------------


def test_deploy__valid_config__config_zero_is_stored(protocol: OracleProtocol) -> None:
    oracle = _deploy(protocol.config)

    assert oracle.config(0) == astuple(protocol.config)
    assert oracle.latest_config_id() == 0
    assert oracle.request_count() == 0


@pytest.mark.parametrize(
    "field, value",
    [
        ("stake_token", "not_a_contract"),
        ("payment_token", "not_a_contract"),
        ("final_arbitrator", ZERO_ADDRESS),
        ("treasury", ZERO_ADDRESS),
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
    ],
)
def test_deploy__bad_config_field__reverts(
    protocol: OracleProtocol, field: str, value: Any
) -> None:
    if value == "not_a_contract":
        value = str(protocol.stranger)
    with boa.reverts("oracle: bad config"):
        _deploy(replace(protocol.config, **{field: value}))


@pytest.mark.parametrize(
    "field, value",
    [
        ("min_bond", 1),
        ("max_challenge_period", 60),  # == min_challenge_period
        ("max_challenge_period", 2**32 - 1),
        ("arbitration_threshold", 2**120 - 1),
        ("validity_bond", 2**96 - 1),
        ("validity_bond", 0),
        ("max_open_period", 1),
        ("max_open_period", 2**32 - 1),
        ("arbitration_timeout", 1),
        ("arbitration_timeout", 2**32 - 1),
    ],
)
def test_deploy__config_field_at_limit__accepted(
    protocol: OracleProtocol, field: str, value: Any
) -> None:
    config = replace(protocol.config, **{field: value})

    oracle = _deploy(config)

    assert oracle.config(0) == astuple(config)


# --- set_config -----------------------------------------------------------------------------


def test_set_config__by_owner__returns_increasing_ids(protocol: OracleProtocol) -> None:
    first = _set_config(protocol, validity_bond=1)
    second = _set_config(protocol, validity_bond=2)

    assert (first, second) == (1, 2)
    assert protocol.oracle.latest_config_id() == 2
    assert protocol.oracle.config(0) == astuple(protocol.config)
    assert protocol.oracle.config(1) == astuple(replace(protocol.config, validity_bond=1))
    assert protocol.oracle.config(2) == astuple(replace(protocol.config, validity_bond=2))


def test_set_config__by_stranger__reverts(protocol: OracleProtocol) -> None:
    with boa.env.prank(protocol.stranger), boa.reverts("ownable: caller is not the owner"):
        protocol.oracle.set_config(astuple(protocol.config))
    assert protocol.oracle.latest_config_id() == 0


def test_set_config__bad_config__reverts(protocol: OracleProtocol) -> None:
    with boa.reverts("oracle: bad config"):
        _set_config(protocol, min_bond=0)
    assert protocol.oracle.latest_config_id() == 0


def test_config__unknown_id__reverts(protocol: OracleProtocol) -> None:
    with boa.reverts("oracle: unknown config"):
        protocol.oracle.config(1)


def test_set_config__new_request__uses_new_config(protocol: OracleProtocol) -> None:
    """Money flow: the request created under config 1 pulls config 1's validity bond + fee."""
    config_id = _set_config(protocol, validity_bond=2 * VALIDITY_BOND_WEI, min_bond=50 * FLX)
    before = protocol.balances(protocol.requester.address)

    request_id = protocol.create()

    after = protocol.balances(protocol.requester.address)
    params = protocol.oracle.request_params(request_id)
    assert params[1] == config_id
    assert params[2] == 50 * FLX
    assert delta(before, after, protocol.requester.address) == (
        0,
        -(2 * VALIDITY_BOND_WEI + FEE_WEI),
    )
    assert delta(before, after, protocol.oracle.address) == (0, 2 * VALIDITY_BOND_WEI + FEE_WEI)


def test_set_config__open_request__keeps_old_validity_bond(protocol: OracleProtocol) -> None:
    """Money flow: a request created under config 0 (validity bond 10 fUSD) finalizes after
    config 1 (validity bond 20 fUSD): the requester is credited exactly the old 10 fUSD and
    withdraws it."""
    request_id = protocol.create()
    _set_config(protocol, validity_bond=2 * VALIDITY_BOND_WEI)
    protocol.bond_round0(request_id, YES)
    protocol.expire_window(request_id)
    before = protocol.balances(protocol.requester.address)

    protocol.finalize(request_id)
    assert protocol.credits(protocol.requester.address) == {
        str(protocol.requester.address): (0, VALIDITY_BOND_WEI)
    }
    protocol.withdraw_credits(protocol.requester.address)

    after = protocol.balances(protocol.requester.address)
    assert protocol.oracle.request_params(request_id)[1] == 0
    assert delta(before, after, protocol.requester.address) == (0, VALIDITY_BOND_WEI)
    assert delta(before, after, protocol.oracle.address) == (0, -VALIDITY_BOND_WEI)


def test_set_config__open_request__keeps_old_threshold_and_arbitrator(
    protocol: OracleProtocol,
) -> None:
    """Config 1 escalates at round 1 and names `anyone` arbitrator; the config-0 request still
    escalates only at round 4 and only the old arbitrator decides it."""
    old_request = protocol.create()
    _set_config(
        protocol, arbitration_threshold=2 * MIN_BOND_WEI, final_arbitrator=str(protocol.anyone)
    )
    protocol.create()  # a config-1 request now exists alongside

    b0 = protocol.bond_round0(old_request, YES)
    protocol.dispute(protocol.disputer, old_request, NO, 2 * b0)
    assert protocol.oracle.current_round(old_request) == 2
    protocol.escalate(old_request)
    assert protocol.oracle.current_round(old_request) == 4

    with boa.reverts("oracle: not arbitrator"):
        protocol.arbitrate(old_request, YES, caller=protocol.anyone)
    protocol.arbitrate(old_request, YES, caller=protocol.arbitrator)
    assert protocol.oracle.outcome_of(old_request) == (True, YES)


def test_set_config__new_request__uses_new_threshold_and_arbitrator(
    protocol: OracleProtocol,
) -> None:
    _set_config(
        protocol, arbitration_threshold=2 * MIN_BOND_WEI, final_arbitrator=str(protocol.anyone)
    )
    request_id = protocol.create()

    b0 = protocol.bond_round0(request_id, YES)
    protocol.dispute(protocol.disputer, request_id, NO, 2 * b0)

    assert protocol.oracle.current_round(request_id) == 1
    with boa.reverts("oracle: escalated"):
        protocol.stake(protocol.validator, request_id, YES, 4 * b0)
    with boa.reverts("oracle: not arbitrator"):
        protocol.arbitrate(request_id, NO, caller=protocol.arbitrator)
    protocol.arbitrate(request_id, NO, caller=protocol.anyone)
    assert protocol.oracle.outcome_of(request_id) == (True, NO)


# --- requester whitelist --------------------------------------------------------------------


def test_add_requester__new__whitelisted_with_next_index(protocol: OracleProtocol) -> None:
    other = protocol.deploy_requester(multiplier_bps=15_000)

    assert protocol.oracle.requester_info(protocol.requester.address) == (True, MULTIPLIER_BPS, 0)
    assert protocol.oracle.requester_info(other.address) == (True, 15_000, 1)


def test_requester_info__never_added__all_zero(protocol: OracleProtocol) -> None:
    assert protocol.oracle.requester_info(protocol.stranger) == (False, 0, 0)


def test_add_requester__by_stranger__reverts(protocol: OracleProtocol) -> None:
    with boa.env.prank(protocol.stranger), boa.reverts("ownable: caller is not the owner"):
        protocol.oracle.add_requester(protocol.stranger, "x", MULTIPLIER_BPS, "")
    assert protocol.oracle.requester_info(protocol.stranger) == (False, 0, 0)


def test_add_requester__zero_multiplier__reverts(protocol: OracleProtocol) -> None:
    with boa.env.prank(protocol.owner), boa.reverts("oracle: zero multiplier"):
        protocol.oracle.add_requester(protocol.stranger, "x", 0, "")


def test_add_requester__multiplier_2_pow_32__reverts(protocol: OracleProtocol) -> None:
    with boa.env.prank(protocol.owner), boa.reverts("oracle: bad multiplier"):
        protocol.oracle.add_requester(protocol.stranger, "x", 2**32, "")


def test_add_requester__multiplier_2_pow_32_minus_1__accepted(protocol: OracleProtocol) -> None:
    with boa.env.prank(protocol.owner):
        protocol.oracle.add_requester(protocol.stranger, "x", 2**32 - 1, "")
    assert protocol.oracle.requester_info(protocol.stranger) == (True, 2**32 - 1, 1)


def test_add_requester__again__keeps_index_updates_multiplier(protocol: OracleProtocol) -> None:
    protocol.deploy_requester()
    with boa.env.prank(protocol.owner):
        protocol.oracle.add_requester(protocol.requester.address, "market", 20_000, "")

    assert protocol.oracle.requester_info(protocol.requester.address) == (True, 20_000, 0)


def test_add_requester__again__open_request_keeps_old_bond(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    with boa.env.prank(protocol.owner):
        protocol.oracle.add_requester(protocol.requester.address, "market", 20_000, "")

    new_request = protocol.create()

    assert protocol.oracle.request_params(request_id)[2] == MIN_BOND_WEI
    assert protocol.oracle.request_params(new_request)[2] == 2 * MIN_BOND_WEI


def test_add_requester__after_removal__whitelisted_again_same_index(
    protocol: OracleProtocol,
) -> None:
    other = protocol.deploy_requester()
    with boa.env.prank(protocol.owner):
        protocol.oracle.remove_requester(other.address)
        protocol.oracle.add_requester(other.address, "again", 12_000, "")

    assert protocol.oracle.requester_info(other.address) == (True, 12_000, 1)
    assert protocol.create(requester=other) == 0


def test_remove_requester__whitelisted__record_kept_flag_cleared(
    protocol: OracleProtocol,
) -> None:
    with boa.env.prank(protocol.owner):
        protocol.oracle.remove_requester(protocol.requester.address)

    assert protocol.oracle.requester_info(protocol.requester.address) == (
        False,
        MULTIPLIER_BPS,
        0,
    )


def test_remove_requester__by_stranger__reverts(protocol: OracleProtocol) -> None:
    with boa.env.prank(protocol.stranger), boa.reverts("ownable: caller is not the owner"):
        protocol.oracle.remove_requester(protocol.requester.address)
    assert protocol.oracle.requester_info(protocol.requester.address)[0]


def test_remove_requester__never_added__reverts(protocol: OracleProtocol) -> None:
    with boa.env.prank(protocol.owner), boa.reverts("oracle: not whitelisted"):
        protocol.oracle.remove_requester(protocol.stranger)


def test_remove_requester__already_removed__reverts(protocol: OracleProtocol) -> None:
    with boa.env.prank(protocol.owner):
        protocol.oracle.remove_requester(protocol.requester.address)
    with boa.env.prank(protocol.owner), boa.reverts("oracle: not whitelisted"):
        protocol.oracle.remove_requester(protocol.requester.address)


def test_create__removed_requester__reverts_without_pulling(protocol: OracleProtocol) -> None:
    """Money flow: none; the failed creation pulls no fUSD."""
    with boa.env.prank(protocol.owner):
        protocol.oracle.remove_requester(protocol.requester.address)
    before = protocol.balances(protocol.requester.address)

    with boa.reverts("oracle: not whitelisted"):
        protocol.create()

    assert protocol.balances(protocol.requester.address) == before
    assert protocol.oracle.request_count() == 0


def test_finalize__requester_removed_after_creation__validity_bond_returned(
    protocol: OracleProtocol,
) -> None:
    """Money flow: the removed requester's open request finalizes on YES and the requester
    gets its 10 fUSD validity bond back (credited, then withdrawn); the Oracle keeps only the
    fee and the bond."""
    request_id = protocol.create()
    with boa.env.prank(protocol.owner):
        protocol.oracle.remove_requester(protocol.requester.address)
    b0 = protocol.bond_round0(request_id, YES)
    protocol.expire_window(request_id)
    before = protocol.balances(protocol.requester.address)

    protocol.finalize(request_id)
    protocol.withdraw_credits(protocol.requester.address)

    after = protocol.balances(protocol.requester.address)
    assert protocol.oracle.outcome_of(request_id) == (True, YES)
    assert protocol.oracle.request_params(request_id)[0] == protocol.requester.address
    assert delta(before, after, protocol.requester.address) == (0, VALIDITY_BOND_WEI)
    assert after[str(protocol.oracle.address)] == (b0, FEE_WEI)


# --- pause ----------------------------------------------------------------------------------


def test_pause__by_owner__paused_and_unpause_resumes(protocol: OracleProtocol) -> None:
    with boa.env.prank(protocol.owner):
        protocol.oracle.pause()
    assert protocol.oracle.paused()

    with boa.env.prank(protocol.owner):
        protocol.oracle.unpause()

    assert not protocol.oracle.paused()
    assert protocol.create() == 0


def test_pause__by_stranger__reverts(protocol: OracleProtocol) -> None:
    with boa.env.prank(protocol.stranger), boa.reverts("ownable: caller is not the owner"):
        protocol.oracle.pause()
    assert not protocol.oracle.paused()


def test_unpause__by_stranger__reverts(protocol: OracleProtocol) -> None:
    with boa.env.prank(protocol.owner):
        protocol.oracle.pause()
    with boa.env.prank(protocol.stranger), boa.reverts("ownable: caller is not the owner"):
        protocol.oracle.unpause()
    assert protocol.oracle.paused()


def test_pause__twice__reverts(protocol: OracleProtocol) -> None:
    with boa.env.prank(protocol.owner):
        protocol.oracle.pause()
    with boa.env.prank(protocol.owner), boa.reverts("pausable: contract is paused"):
        protocol.oracle.pause()


def test_unpause__not_paused__reverts(protocol: OracleProtocol) -> None:
    with boa.env.prank(protocol.owner), boa.reverts("pausable: contract is not paused"):
        protocol.oracle.unpause()


def test_create__paused__reverts_without_pulling(protocol: OracleProtocol) -> None:
    """Money flow: none; the paused creation pulls no fUSD."""
    with boa.env.prank(protocol.owner):
        protocol.oracle.pause()
    before = protocol.balances(protocol.requester.address)

    with boa.reverts("pausable: contract is paused"):
        protocol.create()

    assert protocol.balances(protocol.requester.address) == before
    assert protocol.oracle.request_count() == 0


def test_stake__paused__reverts_without_pulling(protocol: OracleProtocol) -> None:
    """Money flow: none; the paused stake pulls no FLX."""
    request_id = protocol.create()
    with boa.env.prank(protocol.owner):
        protocol.oracle.pause()
    before = protocol.balances(protocol.validator)

    with boa.reverts("pausable: contract is paused"):
        protocol.stake(protocol.validator, request_id, YES, MIN_BOND_WEI)

    assert protocol.balances(protocol.validator) == before


def test_finalize__paused__reverts_without_paying(protocol: OracleProtocol) -> None:
    """Money flow: none; the paused finalization returns no validity bond."""
    request_id = protocol.create()
    protocol.bond_round0(request_id, YES)
    protocol.expire_window(request_id)
    with boa.env.prank(protocol.owner):
        protocol.oracle.pause()
    before = protocol.balances(protocol.requester.address)

    with boa.reverts("pausable: contract is paused"):
        protocol.finalize(request_id)

    assert protocol.balances(protocol.requester.address) == before
    assert protocol.oracle.outcome_of(request_id) == (False, bytes(32))


def test_arbitrate__paused__reverts_without_paying(protocol: OracleProtocol) -> None:
    """Money flow: none; the paused arbitration pays neither requester nor treasury."""
    request_id = protocol.create()
    protocol.escalate(request_id)
    with boa.env.prank(protocol.owner):
        protocol.oracle.pause()
    before = protocol.balances(protocol.requester.address, protocol.treasury)

    with boa.reverts("pausable: contract is paused"):
        protocol.arbitrate(request_id, YES)

    assert protocol.balances(protocol.requester.address, protocol.treasury) == before
    assert protocol.oracle.outcome_of(request_id) == (False, bytes(32))


def test_claim__paused__pays(protocol: OracleProtocol) -> None:
    """Money flow: the validator's round-0 bond on the final YES is returned with the whole
    fee while the Oracle is paused."""
    request_id = protocol.create()
    b0 = protocol.bond_round0(request_id, YES)
    protocol.expire_window(request_id)
    protocol.finalize(request_id)
    with boa.env.prank(protocol.owner):
        protocol.oracle.pause()
    before = protocol.balances(protocol.validator)

    paid = protocol.claim(request_id, protocol.validator)

    after = protocol.balances(protocol.validator)
    assert paid == (b0, FEE_WEI)
    assert delta(before, after, protocol.validator) == (b0, FEE_WEI)
    assert delta(before, after, protocol.oracle.address) == (-b0, -FEE_WEI)


def test_unstake__paused__returns_stake(protocol: OracleProtocol) -> None:
    """Money flow: the validator's partial 40 FLX stake comes back while the Oracle is paused."""
    request_id = protocol.create()
    protocol.stake(protocol.validator, request_id, YES, 40 * FLX)
    with boa.env.prank(protocol.owner):
        protocol.oracle.pause()
    before = protocol.balances(protocol.validator)

    protocol.unstake(protocol.validator, request_id, 0, YES, 40 * FLX)

    after = protocol.balances(protocol.validator)
    assert delta(before, after, protocol.validator) == (40 * FLX, 0)
    assert delta(before, after, protocol.oracle.address) == (-40 * FLX, 0)
    assert protocol.oracle.staked(request_id, 0, protocol.validator, YES) == 0


def test_set_config__new_payment_token__new_request_pays_in_it(
    protocol: OracleProtocol,
) -> None:
    """Money flow: config 1 pays in FLX; a requester created under it pays validity bond + fee
    in FLX and no fUSD."""
    poor = MOCK_REQUESTER_DEPLOYER.deploy(protocol.oracle.address, protocol.flx.address)
    with boa.env.prank(protocol.owner):
        protocol.oracle.add_requester(poor.address, "flx-payer", MULTIPLIER_BPS, "")
    _set_config(protocol, payment_token=str(protocol.flx.address))
    with boa.env.prank(protocol.owner):
        protocol.flx.mint(poor.address, VALIDITY_BOND_WEI + FEE_WEI)
    before = protocol.balances(poor.address)

    request_id = protocol.create(requester=poor)

    after = protocol.balances(poor.address)
    assert protocol.oracle.request_params(request_id)[1] == 1
    assert delta(before, after, poor.address) == (-(VALIDITY_BOND_WEI + FEE_WEI), 0)


# --- ownership ------------------------------------------------------------------------------


def test_renounce_ownership__not_exported__owner_stays(protocol: OracleProtocol) -> None:
    """Renouncing while paused would freeze every bond for good, so the Oracle has no
    `renounce_ownership`: a call with its selector reverts and the owner stays."""
    assert "renounce_ownership" not in {item.get("name") for item in protocol.oracle.abi}
    selector = bytes.fromhex("b15e13ee")  # renounce_ownership()
    protocol.pause()

    computation = boa.env.execute_code(
        protocol.oracle.address, sender=protocol.owner, data=selector
    )

    assert computation.is_error

    assert protocol.oracle.owner() == protocol.owner
    protocol.unpause()
