"""`unstake` (SPEC §4): stake that did not bond comes back at any time; bonded stake never."""

from typing import Any

import boa

from tests.harness.checks import delta, events
from tests.harness.game import FLX, INVALID, MIN_BOND_WEI, NO, YES
from tests.harness.protocol import OracleProtocol

B0 = MIN_BOND_WEI


def _assert_unstake_rejected(
    protocol: OracleProtocol,
    staker: Any,
    request_id: int,
    round_index: int,
    outcome: bytes,
    amount_wei: int,
    reason: str,
) -> None:
    """The unstake reverts with `reason` and moves no tokens."""
    before = protocol.balances(staker)
    with boa.reverts(reason):
        protocol.unstake(staker, request_id, round_index, outcome, amount_wei)
    assert protocol.balances(staker) == before


def _finalize_yes(protocol: OracleProtocol, request_id: int) -> None:
    protocol.expire_window(request_id)
    protocol.finalize(request_id)
    assert protocol.oracle.outcome_of(request_id) == (True, YES)


# --- what can be withdrawn --------------------------------------------------------------------


def test_unstake__partial_stake_in_open_round0__returned(protocol: OracleProtocol) -> None:
    """Money flow: validator stakes 40 FLX on YES (partial) and withdraws all 40 FLX."""
    request_id = protocol.create()
    protocol.stake(protocol.validator, request_id, YES, 40 * FLX)
    before = protocol.balances(protocol.validator)

    protocol.unstake(protocol.validator, request_id, 0, YES, 40 * FLX)

    after = protocol.balances(protocol.validator)
    assert delta(before, after, protocol.validator)[0] == 40 * FLX
    assert delta(before, after, protocol.oracle.address)[0] == -40 * FLX
    assert protocol.oracle.staked(request_id, 0, protocol.validator, YES) == 0


def test_unstake__part_of_partial_stake__rest_stays(protocol: OracleProtocol) -> None:
    """Money flow: of a 40 FLX partial stake, 15 FLX come back and 25 FLX stay staked."""
    request_id = protocol.create()
    protocol.stake(protocol.validator, request_id, YES, 40 * FLX)
    before = protocol.balances(protocol.validator)

    protocol.unstake(protocol.validator, request_id, 0, YES, 15 * FLX)

    after = protocol.balances(protocol.validator)
    assert delta(before, after, protocol.validator)[0] == 15 * FLX
    assert delta(before, after, protocol.oracle.address)[0] == -15 * FLX
    assert protocol.oracle.staked(request_id, 0, protocol.validator, YES) == 25 * FLX


def test_unstake__partial_stake__emits_unstaked(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.stake(protocol.validator, request_id, INVALID, 40 * FLX)

    protocol.unstake(protocol.validator, request_id, 0, INVALID, 40 * FLX)

    (event,) = events(protocol.oracle, "Unstaked")
    assert (event.request_id, event.staker, event.round) == (request_id, protocol.validator, 0)
    assert (event.outcome, event.amount) == (INVALID, 40 * FLX)


def test_unstake__withdrawn_stake__no_longer_counts_toward_bond(
    protocol: OracleProtocol,
) -> None:
    """Money flow: validator's 60 FLX on YES is withdrawn, so the disputer's later YES stake
    must pay the whole B0 (100 FLX), not 40 FLX."""
    request_id = protocol.create()
    protocol.stake(protocol.validator, request_id, YES, 60 * FLX)
    protocol.unstake(protocol.validator, request_id, 0, YES, 60 * FLX)
    before = protocol.balances(protocol.disputer)

    taken = protocol.stake(protocol.disputer, request_id, YES, 1_000 * FLX)

    after = protocol.balances(protocol.disputer)
    assert taken == B0
    assert delta(before, after, protocol.disputer)[0] == -B0
    assert after[str(protocol.oracle.address)][0] == B0


def test_unstake__non_bonded_outcome_of_bonded_round__returned(
    protocol: OracleProtocol,
) -> None:
    """Money flow: disputer's 50 FLX on NO stays partial while YES bonds round 0; the 50 FLX
    come back and the validator's bond stays."""
    request_id = protocol.create()
    protocol.stake(protocol.disputer, request_id, NO, 50 * FLX)
    protocol.bond_round0(request_id, YES)
    before = protocol.balances(protocol.disputer)

    protocol.unstake(protocol.disputer, request_id, 0, NO, 50 * FLX)

    after = protocol.balances(protocol.disputer)
    assert delta(before, after, protocol.disputer)[0] == 50 * FLX
    assert delta(before, after, protocol.oracle.address)[0] == -50 * FLX
    assert after[str(protocol.oracle.address)][0] == B0
    assert protocol.oracle.staked(request_id, 0, protocol.validator, YES) == B0


def test_unstake__non_bonded_outcome_after_finalization__returned(
    protocol: OracleProtocol,
) -> None:
    """Money flow: the disputer's 50 FLX on round 0's losing NO come back after YES is final;
    neither slashed nor rewarded."""
    request_id = protocol.create()
    protocol.stake(protocol.disputer, request_id, NO, 50 * FLX)
    protocol.bond_round0(request_id, YES)
    _finalize_yes(protocol, request_id)
    before = protocol.balances(protocol.disputer)

    protocol.unstake(protocol.disputer, request_id, 0, NO, 50 * FLX)

    after = protocol.balances(protocol.disputer)
    assert delta(before, after, protocol.disputer)[0] == 50 * FLX
    assert delta(before, after, protocol.oracle.address)[0] == -50 * FLX


def test_unstake__unfilled_last_round_after_finalization__returned(
    protocol: OracleProtocol,
) -> None:
    """Money flow: disputer's 90 FLX on NO in round 1 never filled 2·B0; after YES is final the
    90 FLX come back in full."""
    request_id = protocol.create()
    protocol.bond_round0(request_id, YES)
    protocol.dispute(protocol.disputer, request_id, NO, 90 * FLX)
    _finalize_yes(protocol, request_id)
    before = protocol.balances(protocol.disputer)

    protocol.unstake(protocol.disputer, request_id, 1, NO, 90 * FLX)

    after = protocol.balances(protocol.disputer)
    assert delta(before, after, protocol.disputer)[0] == 90 * FLX
    assert delta(before, after, protocol.oracle.address)[0] == -90 * FLX
    assert protocol.oracle.staked(request_id, 1, protocol.disputer, NO) == 0


def test_unstake__unfilled_round_after_finalization_while_paused__returned(
    protocol: OracleProtocol,
) -> None:
    """Money flow: as above, with the Oracle paused: 90 FLX back to the disputer."""
    request_id = protocol.create()
    protocol.bond_round0(request_id, YES)
    protocol.dispute(protocol.disputer, request_id, NO, 90 * FLX)
    _finalize_yes(protocol, request_id)
    with boa.env.prank(protocol.owner):
        protocol.oracle.pause()
    before = protocol.balances(protocol.disputer)

    protocol.unstake(protocol.disputer, request_id, 1, NO, 90 * FLX)

    after = protocol.balances(protocol.disputer)
    assert delta(before, after, protocol.disputer)[0] == 90 * FLX


def test_unstake__escalated_request_unfilled_outcome__returned(
    protocol: OracleProtocol,
) -> None:
    """Money flow: a 30 FLX INVALID stake in escalated round 4 that did not bond comes back."""
    request_id = protocol.create()
    for round_index, (staker, outcome) in enumerate(
        [(protocol.validator, YES), (protocol.disputer, NO)] * 2
    ):
        if round_index:
            protocol.next_block()
        protocol.stake(staker, request_id, outcome, B0 << round_index)
    protocol.dispute(protocol.counter_disputer, request_id, INVALID, 30 * FLX)
    protocol.stake(protocol.validator, request_id, YES, 16 * B0)
    before = protocol.balances(protocol.counter_disputer)

    protocol.unstake(protocol.counter_disputer, request_id, 4, INVALID, 30 * FLX)

    after = protocol.balances(protocol.counter_disputer)
    assert delta(before, after, protocol.counter_disputer)[0] == 30 * FLX


# --- what cannot ------------------------------------------------------------------------------


def test_unstake__single_filler_bonded_outcome__reverts(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.bond_round0(request_id, YES)

    _assert_unstake_rejected(
        protocol, protocol.validator, request_id, 0, YES, 1, "oracle: outcome bonded"
    )


def test_unstake__crowdfunded_bonded_outcome__reverts(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.stake(protocol.validator, request_id, YES, 60 * FLX)
    protocol.stake(protocol.disputer, request_id, YES, 40 * FLX)

    _assert_unstake_rejected(
        protocol, protocol.validator, request_id, 0, YES, 60 * FLX, "oracle: outcome bonded"
    )
    _assert_unstake_rejected(
        protocol, protocol.disputer, request_id, 0, YES, 1, "oracle: outcome bonded"
    )


def test_unstake__bonded_outcome_after_finalization__reverts(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.stake(protocol.validator, request_id, YES, 60 * FLX)
    protocol.stake(protocol.disputer, request_id, YES, 40 * FLX)
    _finalize_yes(protocol, request_id)

    _assert_unstake_rejected(
        protocol, protocol.validator, request_id, 0, YES, 60 * FLX, "oracle: outcome bonded"
    )


def test_unstake__losing_bonded_outcome_of_earlier_round__reverts(
    protocol: OracleProtocol,
) -> None:
    """Round 0's YES bond is slashed once NO wins: it is bonded stake, never unstakeable."""
    request_id = protocol.create()
    protocol.bond_round0(request_id, YES)
    protocol.dispute(protocol.disputer, request_id, NO, 2 * B0)
    protocol.expire_window(request_id)
    protocol.finalize(request_id)

    _assert_unstake_rejected(
        protocol, protocol.validator, request_id, 0, YES, B0, "oracle: outcome bonded"
    )


def test_unstake__more_than_staked__reverts(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.stake(protocol.validator, request_id, YES, 40 * FLX)

    _assert_unstake_rejected(
        protocol,
        protocol.validator,
        request_id,
        0,
        YES,
        40 * FLX + 1,
        "oracle: insufficient stake",
    )
    assert protocol.oracle.staked(request_id, 0, protocol.validator, YES) == 40 * FLX


def test_unstake__other_outcome_than_staked__reverts(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.stake(protocol.validator, request_id, YES, 40 * FLX)

    _assert_unstake_rejected(
        protocol, protocol.validator, request_id, 0, NO, 1, "oracle: insufficient stake"
    )


def test_unstake__someone_elses_stake__reverts(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.stake(protocol.validator, request_id, YES, 40 * FLX)

    _assert_unstake_rejected(
        protocol, protocol.stranger, request_id, 0, YES, 1, "oracle: insufficient stake"
    )


def test_unstake__twice__second_reverts(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.stake(protocol.validator, request_id, YES, 40 * FLX)
    protocol.unstake(protocol.validator, request_id, 0, YES, 40 * FLX)

    _assert_unstake_rejected(
        protocol, protocol.validator, request_id, 0, YES, 40 * FLX, "oracle: insufficient stake"
    )


def test_unstake__round_beyond_current__reverts(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.stake(protocol.validator, request_id, YES, 40 * FLX)

    _assert_unstake_rejected(
        protocol, protocol.validator, request_id, 1, YES, 1, "oracle: unknown round"
    )


def test_unstake__round_beyond_escalated_round__reverts(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.escalate(request_id)
    assert protocol.oracle.current_round(request_id) == 4

    _assert_unstake_rejected(
        protocol, protocol.disputer, request_id, 5, NO, 1, "oracle: unknown round"
    )


def test_unstake__zero_amount__reverts(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.stake(protocol.validator, request_id, YES, 40 * FLX)

    _assert_unstake_rejected(
        protocol, protocol.validator, request_id, 0, YES, 0, "oracle: zero amount"
    )


def test_unstake__unknown_request__reverts(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.stake(protocol.validator, request_id, YES, 40 * FLX)

    _assert_unstake_rejected(
        protocol, protocol.validator, request_id + 1, 0, YES, 1, "oracle: unknown request"
    )
