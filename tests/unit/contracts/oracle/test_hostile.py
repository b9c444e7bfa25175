"""Hostile counterparties: requester callbacks that misbehave and a stake token that re-enters.

A failing `on_outcome` never blocks finalization or claims (the Oracle emits `CallbackFailed`);
every state-changing entry point is `@nonreentrant`, so a token that calls back into the
Oracle from `transfer`/`transferFrom` cannot run a second Oracle call inside the first.
"""

from typing import Any

import boa
import pytest

from tests.harness.checks import events
from tests.harness.deployers import (
    HOSTILE_REQUESTER_DEPLOYER,
    REENTRANT_ERC20_DEPLOYER,
)
from tests.harness.game import FEE_WEI, NO, VALIDITY_BOND_WEI, YES
from tests.harness.protocol import OracleProtocol

MODE_NONE, MODE_REVERT, MODE_BURN_GAS, MODE_REENTER, MODE_RETURN_BOMB = range(5)
FAILING_MODES = {"revert": MODE_REVERT, "burn_gas": MODE_BURN_GAS, "reenter": MODE_REENTER}


def _hostile_request(protocol: OracleProtocol, mode: int) -> tuple[Any, int, int]:
    """A hostile requester's request with round 0 bonded on YES and its window expired."""
    hostile = protocol.deploy_requester(deployer=HOSTILE_REQUESTER_DEPLOYER)
    hostile.set_mode(mode)
    request_id = protocol.create(requester=hostile)
    b0 = protocol.bond_round0(request_id, YES)
    protocol.expire_window(request_id)
    return hostile, request_id, b0


# --- hostile requester callbacks ------------------------------------------------------------


@pytest.mark.parametrize("mode", FAILING_MODES.values(), ids=FAILING_MODES.keys())
def test_finalize__failing_callback__emits_callback_failed_and_finalizes(
    protocol: OracleProtocol, mode: int
) -> None:
    """Money flow: the hostile requester is still credited its 10 fUSD validity bond; the
    Oracle keeps B0 FLX and the 5 fUSD fee for the validator's claim, and the bond until the
    requester withdraws it."""
    hostile, request_id, b0 = _hostile_request(protocol, mode)
    before = protocol.balances(hostile.address)

    protocol.finalize(request_id)

    failed = events(protocol.oracle, "CallbackFailed")
    assert [(e.request_id, e.requester) for e in failed] == [(request_id, hostile.address)]
    after = protocol.balances(hostile.address)
    hostile_key, oracle = str(hostile.address), str(protocol.oracle.address)
    assert after[hostile_key] == before[hostile_key]
    assert protocol.credits(hostile.address) == {hostile_key: (0, VALIDITY_BOND_WEI)}
    assert after[oracle] == (b0, FEE_WEI + VALIDITY_BOND_WEI)
    assert protocol.oracle.outcome_of(request_id) == (True, YES)


@pytest.mark.parametrize("mode", FAILING_MODES.values(), ids=FAILING_MODES.keys())
def test_claim__after_failing_callback__pays_validator(protocol: OracleProtocol, mode: int) -> None:
    """Money flow: validator claims B0 FLX and the 5 fUSD fee; once the requester withdrew
    its validity bond the Oracle is empty."""
    hostile, request_id, b0 = _hostile_request(protocol, mode)
    protocol.finalize(request_id)
    protocol.withdraw_credits(hostile.address)
    before = protocol.balances(protocol.validator)

    paid = protocol.claim(request_id, protocol.validator)

    after = protocol.balances(protocol.validator)
    validator = str(protocol.validator)
    assert paid == (b0, FEE_WEI)
    assert after[validator][0] - before[validator][0] == b0
    assert after[validator][1] - before[validator][1] == FEE_WEI
    assert after[str(protocol.oracle.address)] == (0, 0)


def test_finalize__reentering_callback__reentry_changes_nothing(
    protocol: OracleProtocol,
) -> None:
    """The callback re-enters `finalize` (and would then `claim`); the lock rejects it, so
    the callback fails: the request is finalized once, the requester is only credited its
    validity bond, and nothing leaves the Oracle."""
    hostile, request_id, _ = _hostile_request(protocol, MODE_REENTER)
    before = protocol.balances(hostile.address)

    protocol.finalize(request_id)

    assert len(events(protocol.oracle, "Finalized")) == 1
    assert events(protocol.oracle, "Claimed") == []
    assert events(protocol.oracle, "Withdrawn") == []
    hostile_key = str(hostile.address)
    assert protocol.balances(hostile.address)[hostile_key] == before[hostile_key]
    assert protocol.credits(hostile.address) == {hostile_key: (0, VALIDITY_BOND_WEI)}


def test_finalize__return_bomb_callback__finalizes_without_callback_failed(
    protocol: OracleProtocol,
) -> None:
    """64 KiB of return data are never copied: the call succeeds within a modest budget."""
    hostile, request_id, _ = _hostile_request(protocol, MODE_RETURN_BOMB)

    with boa.env.prank(protocol.anyone):
        protocol.oracle.finalize(request_id, gas=400_000)

    assert events(protocol.oracle, "CallbackFailed") == []
    assert protocol.oracle.outcome_of(request_id) == (True, YES)


def test_finalize__gas_burning_callback_with_tight_budget__still_finalizes(
    protocol: OracleProtocol,
) -> None:
    """The callback burns its whole 200 000 gas cap; the reserve leaves enough to finish."""
    hostile, request_id, _ = _hostile_request(protocol, MODE_BURN_GAS)

    with boa.env.prank(protocol.anyone):
        protocol.oracle.finalize(request_id, gas=400_000)

    failed = events(protocol.oracle, "CallbackFailed")
    assert [(e.request_id, e.requester) for e in failed] == [(request_id, hostile.address)]
    assert protocol.oracle.outcome_of(request_id) == (True, YES)


def test_finalize__well_behaved_hostile_mode_none__no_callback_failed(
    protocol: OracleProtocol,
) -> None:
    _, request_id, _ = _hostile_request(protocol, MODE_NONE)

    protocol.finalize(request_id)

    assert events(protocol.oracle, "CallbackFailed") == []


@pytest.mark.parametrize("mode", FAILING_MODES.values(), ids=FAILING_MODES.keys())
def test_arbitrate__failing_callback__emits_callback_failed_and_finalizes(
    protocol: OracleProtocol, mode: int
) -> None:
    hostile = protocol.deploy_requester(deployer=HOSTILE_REQUESTER_DEPLOYER)
    hostile.set_mode(mode)
    request_id = protocol.create(requester=hostile)
    protocol.escalate(request_id)

    protocol.arbitrate(request_id, NO)

    failed = events(protocol.oracle, "CallbackFailed")
    assert [(e.request_id, e.requester) for e in failed] == [(request_id, hostile.address)]
    assert protocol.oracle.outcome_of(request_id) == (True, NO)


# --- a stake token that re-enters the Oracle ------------------------------------------------


@pytest.fixture
def reentrant(protocol: OracleProtocol) -> OracleProtocol:
    """The protocol re-deployed with a ReentrantERC20 as stake token (fUSD still pays)."""
    with boa.env.prank(protocol.owner):
        token = REENTRANT_ERC20_DEPLOYER.deploy()
    return protocol.reconfigure(stake_token=token)


def _ready_to_finalize(protocol: OracleProtocol) -> int:
    """A request anyone could finalize right now: the re-entry target."""
    request_id = protocol.create()
    protocol.bond_round0(request_id, NO)
    protocol.expire_window(request_id)
    return request_id


def _arm(protocol: OracleProtocol, calldata: bytes, swallow: bool) -> None:
    protocol.flx.arm(protocol.oracle.address, calldata, swallow)


def test_stake__token_reenters_finalize__whole_stake_reverts(reentrant: OracleProtocol) -> None:
    """Money flow: the re-entrant `finalize` fails inside the lock, so transferFrom reverts
    and the stake fails as a whole: nothing moves, nothing bonds, the other request stays
    open."""
    protocol = reentrant
    other_id = _ready_to_finalize(protocol)
    request_id = protocol.create()
    b0 = protocol.oracle.round_info(request_id, 0)[0]
    _arm(protocol, protocol.oracle.finalize.prepare_calldata(other_id), swallow=False)
    before = protocol.balances(protocol.validator, protocol.requester.address)

    with boa.env.prank(protocol.validator), boa.reverts("oracle: transfer failed"):
        protocol.oracle.stake(request_id, YES, b0)

    assert protocol.balances(protocol.validator, protocol.requester.address) == before
    assert protocol.oracle.round_info(request_id, 0)[4] is False
    assert protocol.oracle.outcome_of(other_id) == (False, bytes(32))


def test_stake__token_swallows_failed_reentry__only_the_outer_stake_runs(
    reentrant: OracleProtocol,
) -> None:
    """Money flow: the re-entrant `finalize` fails and the token goes on: validator −B0,
    Oracle +B0; the other request (finalizable from outside) is still not finalized."""
    protocol = reentrant
    other_id = _ready_to_finalize(protocol)
    request_id = protocol.create()
    b0 = protocol.oracle.round_info(request_id, 0)[0]
    _arm(protocol, protocol.oracle.finalize.prepare_calldata(other_id), swallow=True)
    before = protocol.balances(protocol.validator)

    protocol.stake(protocol.validator, request_id, YES, b0)

    after = protocol.balances(protocol.validator)
    validator, oracle = str(protocol.validator), str(protocol.oracle.address)
    assert after[validator][0] == before[validator][0] - b0
    assert after[oracle][0] == before[oracle][0] + b0
    assert protocol.flx.reentry_failures() == 1
    assert protocol.oracle.outcome_of(other_id) == (False, bytes(32))
    protocol.finalize(other_id)  # the same call from outside the lock succeeds
    assert protocol.oracle.outcome_of(other_id) == (True, NO)


def test_claim__token_reenters_claim__whole_claim_reverts_and_can_be_retried(
    reentrant: OracleProtocol,
) -> None:
    """Money flow: claim's transfer re-enters `claim` for the same account; the lock makes the
    token revert, so the claim fails with nothing paid. Disarmed, the retry pays B0 + 5 fUSD
    exactly once."""
    protocol = reentrant
    request_id = _ready_to_finalize(protocol)
    protocol.finalize(request_id)
    b0 = protocol.oracle.round_info(request_id, 0)[0]
    _arm(
        protocol,
        protocol.oracle.claim.prepare_calldata(request_id, protocol.validator),
        swallow=False,
    )
    before = protocol.balances(protocol.validator)

    with boa.env.prank(protocol.anyone), boa.reverts("oracle: transfer failed"):
        protocol.oracle.claim(request_id, protocol.validator)

    assert protocol.balances(protocol.validator) == before
    protocol.flx.disarm()
    assert protocol.claim(request_id, protocol.validator) == (b0, FEE_WEI)
    after = protocol.balances(protocol.validator)
    validator = str(protocol.validator)
    assert after[validator] == (before[validator][0] + b0, before[validator][1] + FEE_WEI)


def test_claim__token_reenters_finalize__blocked_claim_paid_once(
    reentrant: OracleProtocol,
) -> None:
    """Money flow: claim pays validator B0 + 5 fUSD; the re-entrant `finalize` of another
    finalizable request fails inside the lock and is swallowed by the token."""
    protocol = reentrant
    request_id = _ready_to_finalize(protocol)
    protocol.finalize(request_id)
    other_id = _ready_to_finalize(protocol)
    b0 = protocol.oracle.round_info(request_id, 0)[0]
    _arm(protocol, protocol.oracle.finalize.prepare_calldata(other_id), swallow=True)
    before = protocol.balances(protocol.validator)

    paid = protocol.claim(request_id, protocol.validator)

    after = protocol.balances(protocol.validator)
    validator = str(protocol.validator)
    assert paid == (b0, FEE_WEI)
    assert after[validator] == (before[validator][0] + b0, before[validator][1] + FEE_WEI)
    assert protocol.flx.reentry_failures() == 1
    assert protocol.oracle.outcome_of(other_id) == (False, bytes(32))


def test_unstake__token_reenters_finalize__whole_unstake_reverts(reentrant: OracleProtocol) -> None:
    """Money flow: validator holds a partial round-0 stake of B0/2; unstake's transfer
    re-enters `finalize` of a finalizable request; the lock reverts it, so the unstake fails
    and the B0/2 stays staked. Disarmed, the retry returns B0/2."""
    protocol = reentrant
    other_id = _ready_to_finalize(protocol)
    request_id = protocol.create()
    half = protocol.oracle.round_info(request_id, 0)[0] // 2
    protocol.stake(protocol.validator, request_id, YES, half)
    _arm(protocol, protocol.oracle.finalize.prepare_calldata(other_id), swallow=False)
    before = protocol.balances(protocol.validator)

    with boa.env.prank(protocol.validator), boa.reverts("oracle: transfer failed"):
        protocol.oracle.unstake(request_id, 0, YES, half)

    assert protocol.balances(protocol.validator) == before
    assert protocol.oracle.staked(request_id, 0, protocol.validator, YES) == half
    protocol.flx.disarm()
    protocol.unstake(protocol.validator, request_id, 0, YES, half)
    validator = str(protocol.validator)
    assert protocol.balances(protocol.validator)[validator][0] == before[validator][0] + half
