"""`stake` (SPEC §4): filling rounds alone or crowdfunded, disputes, windows, escalation."""

from dataclasses import astuple, replace
from typing import Any

import boa
import pytest

from fluxo.domain.outcome import categorical, number, string
from tests.harness.checks import delta, events
from tests.harness.game import (
    ARBITRATION_THRESHOLD_WEI,
    CHALLENGE_PERIOD_S,
    FLX,
    INVALID,
    MIN_BOND_WEI,
    NO,
    YES,
)
from tests.harness.protocol import OracleProtocol

B0 = MIN_BOND_WEI


def _assert_stake_rejected(
    protocol: OracleProtocol, staker: Any, request_id: int, outcome: bytes, reason: str
) -> None:
    """The stake reverts with `reason` and moves no tokens."""
    before = protocol.balances(staker)
    with boa.reverts(reason):
        protocol.stake(staker, request_id, outcome, B0)
    assert protocol.balances(staker) == before


# --- round 0: a single filler ---------------------------------------------------------------


def test_stake__round0_exact_bond__bonds_and_pulls_b0(protocol: OracleProtocol) -> None:
    """Money flow: validator pays B0 (100 FLX) into the Oracle and bonds round 0 on YES."""
    request_id = protocol.create()
    before = protocol.balances(protocol.validator)

    taken = protocol.stake(protocol.validator, request_id, YES, B0)

    after = protocol.balances(protocol.validator)
    assert taken == B0
    assert delta(before, after, protocol.validator)[0] == -B0
    assert delta(before, after, protocol.oracle.address)[0] == B0
    assert protocol.oracle.round_info(request_id, 0)[3:] == (YES, True)
    assert protocol.oracle.current_round(request_id) == 1


def test_stake__round0_more_than_bond__takes_only_b0(protocol: OracleProtocol) -> None:
    """Money flow: validator offers 250 FLX; only B0 (100 FLX) leaves its balance."""
    request_id = protocol.create()
    before = protocol.balances(protocol.validator)

    taken = protocol.stake(protocol.validator, request_id, YES, 250 * FLX)

    after = protocol.balances(protocol.validator)
    assert taken == B0
    assert delta(before, after, protocol.validator)[0] == -B0
    assert delta(before, after, protocol.oracle.address)[0] == B0
    assert protocol.oracle.staked(request_id, 0, protocol.validator, YES) == B0


def test_stake__round0_fill__emits_staked_bonded(protocol: OracleProtocol) -> None:
    request_id = protocol.create()

    protocol.stake(protocol.validator, request_id, YES, 250 * FLX)

    (event,) = events(protocol.oracle, "Staked")
    assert (event.request_id, event.staker, event.round) == (request_id, protocol.validator, 0)
    assert (event.outcome, event.amount, event.bonded) == (YES, B0, True)


# --- crowdfunding -----------------------------------------------------------------------------


def test_stake__two_validators_60_40__second_takes_only_what_is_needed(
    protocol: OracleProtocol,
) -> None:
    """Money flow: validator pays 60 FLX, disputer offers 100 FLX but pays only the 40 FLX YES
    still needs; the Oracle holds exactly B0."""
    request_id = protocol.create()
    before = protocol.balances(protocol.validator, protocol.disputer)

    first = protocol.stake(protocol.validator, request_id, YES, 60 * FLX)
    assert protocol.oracle.round_info(request_id, 0)[3:] == (bytes(32), False)
    assert protocol.oracle.current_round(request_id) == 0
    second = protocol.stake(protocol.disputer, request_id, YES, 100 * FLX)

    after = protocol.balances(protocol.validator, protocol.disputer)
    assert (first, second) == (60 * FLX, 40 * FLX)
    assert delta(before, after, protocol.validator)[0] == -60 * FLX
    assert delta(before, after, protocol.disputer)[0] == -40 * FLX
    assert delta(before, after, protocol.oracle.address)[0] == B0
    assert protocol.oracle.staked(request_id, 0, protocol.validator, YES) == 60 * FLX
    assert protocol.oracle.staked(request_id, 0, protocol.disputer, YES) == 40 * FLX
    assert protocol.oracle.round_info(request_id, 0)[3:] == (YES, True)
    assert protocol.oracle.current_round(request_id) == 1


def test_stake__partial_then_filling__staked_events_flag_bonded(
    protocol: OracleProtocol,
) -> None:
    request_id = protocol.create()

    protocol.stake(protocol.validator, request_id, YES, 60 * FLX)
    (partial,) = events(protocol.oracle, "Staked")
    protocol.stake(protocol.disputer, request_id, YES, 100 * FLX)
    (filling,) = events(protocol.oracle, "Staked")

    assert (partial.staker, partial.amount, partial.bonded) == (protocol.validator, 60 * FLX, False)
    assert (filling.staker, filling.amount, filling.bonded) == (protocol.disputer, 40 * FLX, True)


def test_stake__same_staker_twice__stakes_add_up(protocol: OracleProtocol) -> None:
    """Money flow: validator pays 30 then 70 FLX on YES; round 0 bonds with its 100 FLX."""
    request_id = protocol.create()
    before = protocol.balances(protocol.validator)

    protocol.stake(protocol.validator, request_id, YES, 30 * FLX)
    protocol.stake(protocol.validator, request_id, YES, 90 * FLX)

    after = protocol.balances(protocol.validator)
    assert delta(before, after, protocol.validator)[0] == -B0
    assert protocol.oracle.staked(request_id, 0, protocol.validator, YES) == B0
    assert protocol.oracle.round_info(request_id, 0)[3:] == (YES, True)


def test_stake__several_outcomes_partial__each_tracked_separately(
    protocol: OracleProtocol,
) -> None:
    """Money flow: 30 FLX on YES, 50 FLX on NO, 20 FLX on INVALID: nothing bonds and the Oracle
    holds all 100 FLX."""
    request_id = protocol.create()
    before = protocol.balances(protocol.validator, protocol.disputer, protocol.counter_disputer)

    protocol.stake(protocol.validator, request_id, YES, 30 * FLX)
    protocol.stake(protocol.disputer, request_id, NO, 50 * FLX)
    protocol.stake(protocol.counter_disputer, request_id, INVALID, 20 * FLX)

    after = protocol.balances(protocol.validator, protocol.disputer, protocol.counter_disputer)
    assert delta(before, after, protocol.validator)[0] == -30 * FLX
    assert delta(before, after, protocol.disputer)[0] == -50 * FLX
    assert delta(before, after, protocol.counter_disputer)[0] == -20 * FLX
    assert delta(before, after, protocol.oracle.address)[0] == B0
    assert protocol.oracle.staked(request_id, 0, protocol.validator, YES) == 30 * FLX
    assert protocol.oracle.staked(request_id, 0, protocol.disputer, NO) == 50 * FLX
    assert protocol.oracle.staked(request_id, 0, protocol.counter_disputer, INVALID) == 20 * FLX
    assert protocol.oracle.round_info(request_id, 0)[4] is False
    assert protocol.oracle.current_round(request_id) == 0


def test_stake__first_outcome_to_fill__wins_the_round(protocol: OracleProtocol) -> None:
    """Money flow: NO gets 90 FLX first, but YES fills 100 FLX first and bonds; the NO stake
    stays in the Oracle (unstakeable)."""
    request_id = protocol.create()
    protocol.stake(protocol.disputer, request_id, NO, 90 * FLX)
    before = protocol.balances(protocol.validator)

    taken = protocol.stake(protocol.validator, request_id, YES, B0)

    after = protocol.balances(protocol.validator)
    assert taken == B0
    assert delta(before, after, protocol.validator)[0] == -B0
    assert after[str(protocol.oracle.address)][0] == B0 + 90 * FLX
    assert protocol.oracle.round_info(request_id, 0)[3:] == (YES, True)
    assert protocol.oracle.staked(request_id, 0, protocol.disputer, NO) == 90 * FLX


def test_stake__after_round0_bonded_by_other_outcome__goes_to_round1(
    protocol: OracleProtocol,
) -> None:
    """Money flow: after YES bonds round 0, a 90 FLX NO stake lands in round 1 (bond 200)."""
    request_id = protocol.create()
    protocol.bond_round0(request_id, YES)
    before = protocol.balances(protocol.disputer)

    taken = protocol.dispute(protocol.disputer, request_id, NO, 90 * FLX)

    after = protocol.balances(protocol.disputer)
    assert taken == 90 * FLX
    assert delta(before, after, protocol.disputer)[0] == -90 * FLX
    assert protocol.oracle.staked(request_id, 1, protocol.disputer, NO) == 90 * FLX
    assert protocol.oracle.staked(request_id, 0, protocol.disputer, NO) == 0


# --- disputes -------------------------------------------------------------------------------


def test_stake__dispute_round1__takes_double_bond(protocol: OracleProtocol) -> None:
    """Money flow: disputer offers 1 000 FLX on NO in round 1 and pays exactly 2·B0."""
    request_id = protocol.create()
    protocol.bond_round0(request_id, YES)
    before = protocol.balances(protocol.disputer)

    taken = protocol.dispute(protocol.disputer, request_id, NO, 1_000 * FLX)

    after = protocol.balances(protocol.disputer)
    assert taken == 2 * B0
    assert delta(before, after, protocol.disputer)[0] == -2 * B0
    assert delta(before, after, protocol.oracle.address)[0] == 2 * B0
    assert protocol.oracle.round_info(request_id, 1)[3:] == (NO, True)
    assert protocol.oracle.current_round(request_id) == 2


def test_stake__round1_backs_round0_outcome__reverts(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.bond_round0(request_id, YES)
    protocol.next_block()

    _assert_stake_rejected(protocol, protocol.disputer, request_id, YES, "oracle: outcome bonded")


def test_stake__round1_invalid_after_round0_invalid__reverts(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.bond_round0(request_id, INVALID)
    protocol.next_block()

    _assert_stake_rejected(
        protocol, protocol.disputer, request_id, INVALID, "oracle: outcome bonded"
    )


def test_stake__round2_backs_round0_outcome__allowed(protocol: OracleProtocol) -> None:
    """Money flow: counter-disputer pays 4·B0 on YES in round 2 (YES bonded round 0)."""
    request_id = protocol.create()
    protocol.bond_round0(request_id, YES)
    protocol.dispute(protocol.disputer, request_id, NO, 2 * B0)
    before = protocol.balances(protocol.counter_disputer)

    taken = protocol.dispute(protocol.counter_disputer, request_id, YES, 4 * B0)

    after = protocol.balances(protocol.counter_disputer)
    assert taken == 4 * B0
    assert delta(before, after, protocol.counter_disputer)[0] == -4 * B0
    assert protocol.oracle.round_info(request_id, 2)[3:] == (YES, True)


def test_stake__round2_backs_round1_outcome__reverts(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.bond_round0(request_id, YES)
    protocol.dispute(protocol.disputer, request_id, NO, 2 * B0)
    protocol.next_block()

    _assert_stake_rejected(
        protocol, protocol.counter_disputer, request_id, NO, "oracle: outcome bonded"
    )


# --- windows and settlement -------------------------------------------------------------------


def test_stake__last_second_of_window__accepted(protocol: OracleProtocol) -> None:
    """Money flow: disputer pays 2·B0 at end - 1."""
    request_id = protocol.create()
    protocol.bond_round0(request_id, YES)
    end_s = protocol.oracle.round_info(request_id, 1)[2]
    boa.env.time_travel(seconds=end_s - 1 - boa.env.timestamp)
    before = protocol.balances(protocol.disputer)

    protocol.stake(protocol.disputer, request_id, NO, 2 * B0)

    after = protocol.balances(protocol.disputer)
    assert delta(before, after, protocol.disputer)[0] == -2 * B0
    assert protocol.oracle.round_info(request_id, 1)[4] is True


def test_stake__window_end__reverts_window_closed(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.bond_round0(request_id, YES)
    protocol.expire_window(request_id)
    assert boa.env.timestamp == protocol.oracle.round_info(request_id, 1)[2]

    _assert_stake_rejected(protocol, protocol.disputer, request_id, NO, "oracle: window closed")


def test_stake__long_after_window__reverts_window_closed(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.bond_round0(request_id, YES)
    boa.env.time_travel(seconds=10 * CHALLENGE_PERIOD_S)

    _assert_stake_rejected(protocol, protocol.disputer, request_id, NO, "oracle: window closed")


def test_stake__round0_long_after_settlement__accepted(protocol: OracleProtocol) -> None:
    """Round 0 has no deadline. Money flow: validator pays B0 a year after settlement."""
    request_id = protocol.create()
    boa.env.time_travel(seconds=365 * 24 * 3600)
    before = protocol.balances(protocol.validator)

    protocol.stake(protocol.validator, request_id, YES, B0)

    after = protocol.balances(protocol.validator)
    assert delta(before, after, protocol.validator)[0] == -B0


def test_stake__before_settlement__reverts_not_settled(protocol: OracleProtocol) -> None:
    request_id = protocol.create(settlement_time=boa.env.timestamp + 100)

    _assert_stake_rejected(protocol, protocol.validator, request_id, YES, "oracle: not settled")


def test_stake__at_settlement_time__accepted(protocol: OracleProtocol) -> None:
    """Money flow: validator pays B0 exactly at the settlement time."""
    request_id = protocol.create(settlement_time=boa.env.timestamp + 100)
    boa.env.time_travel(seconds=100)
    before = protocol.balances(protocol.validator)

    protocol.stake(protocol.validator, request_id, YES, B0)

    after = protocol.balances(protocol.validator)
    assert delta(before, after, protocol.validator)[0] == -B0


# --- argument checks --------------------------------------------------------------------------


def test_stake__zero_amount__reverts(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    before = protocol.balances(protocol.validator)

    with boa.reverts("oracle: zero amount"):
        protocol.stake(protocol.validator, request_id, YES, 0)

    assert protocol.balances(protocol.validator) == before


def test_stake__unknown_request__reverts(protocol: OracleProtocol) -> None:
    protocol.create()

    _assert_stake_rejected(protocol, protocol.validator, 1, YES, "oracle: unknown request")


@pytest.mark.parametrize(
    "outcome",
    [categorical(2), categorical(2**255 - 1), string("Yes"), b"\xff" * 32],
    ids=["index-2", "huge-index", "keccak-word", "all-ones"],
)
def test_stake__invalid_categorical_outcome__reverts(
    protocol: OracleProtocol, outcome: bytes
) -> None:
    request_id = protocol.create()

    _assert_stake_rejected(
        protocol, protocol.validator, request_id, outcome, "oracle: invalid outcome"
    )


def test_stake__last_categorical_index__accepted(protocol: OracleProtocol) -> None:
    request_id = protocol.create(outcomes=tuple(f"o{i}" for i in range(8)))

    assert protocol.stake(protocol.validator, request_id, categorical(7), B0) == B0
    _assert_stake_rejected(
        protocol, protocol.disputer, request_id, categorical(8), "oracle: invalid outcome"
    )


@pytest.mark.parametrize("data_type", [None, 0, 1], ids=["categorical", "string", "number"])
def test_stake__invalid_outcome__always_accepted(
    protocol: OracleProtocol, data_type: int | None
) -> None:
    """Money flow: validator pays B0 on INVALID and bonds round 0 with it."""
    overrides: dict[str, Any] = (
        {} if data_type is None else {"outcomes": (), "data_type": data_type}
    )
    request_id = protocol.create(**overrides)
    before = protocol.balances(protocol.validator)

    taken = protocol.stake(protocol.validator, request_id, INVALID, B0)

    after = protocol.balances(protocol.validator)
    assert taken == B0
    assert delta(before, after, protocol.validator)[0] == -B0
    assert protocol.oracle.round_info(request_id, 0)[3:] == (INVALID, True)


def test_stake__number_request__any_word_kept_per_round(protocol: OracleProtocol) -> None:
    """Money flow: B0 on -5, 2·B0 on 10**20, 4·B0 on the word of 'Paris' (any bytes32 is a
    NUMBER answer); the Oracle holds 7·B0."""
    request_id = protocol.create(outcomes=(), data_type=1, decimals=8)
    before = protocol.balances(protocol.validator, protocol.disputer, protocol.counter_disputer)

    protocol.stake(protocol.validator, request_id, number(-5), B0)
    protocol.dispute(protocol.disputer, request_id, number(10**20), 2 * B0)
    protocol.dispute(protocol.counter_disputer, request_id, string("Paris"), 4 * B0)

    after = protocol.balances(protocol.validator, protocol.disputer, protocol.counter_disputer)
    assert delta(before, after, protocol.oracle.address)[0] == 7 * B0
    assert protocol.oracle.round_info(request_id, 0)[3:] == (number(-5), True)
    assert protocol.oracle.round_info(request_id, 1)[3:] == (number(10**20), True)
    assert protocol.oracle.round_info(request_id, 2)[3:] == (string("Paris"), True)


def test_stake__string_request__any_word_kept_per_round(protocol: OracleProtocol) -> None:
    """Money flow: B0 on 'Paris', 2·B0 on 'Lisbon', 4·B0 on 'Paris' again (two rounds back)."""
    request_id = protocol.create(outcomes=(), data_type=0)
    before = protocol.balances(protocol.validator, protocol.disputer, protocol.counter_disputer)

    protocol.stake(protocol.validator, request_id, string("Paris"), B0)
    protocol.dispute(protocol.disputer, request_id, string("Lisbon"), 2 * B0)
    protocol.dispute(protocol.counter_disputer, request_id, string("Paris"), 4 * B0)

    after = protocol.balances(protocol.validator, protocol.disputer, protocol.counter_disputer)
    assert delta(before, after, protocol.oracle.address)[0] == 7 * B0
    assert protocol.oracle.round_info(request_id, 0)[3:] == (string("Paris"), True)
    assert protocol.oracle.round_info(request_id, 1)[3:] == (string("Lisbon"), True)
    assert protocol.oracle.round_info(request_id, 2)[3:] == (string("Paris"), True)


@pytest.mark.parametrize("data_type", [0, 1], ids=["string", "number"])
def test_stake__word_request_backs_previous_round_word__reverts(
    protocol: OracleProtocol, data_type: int
) -> None:
    request_id = protocol.create(outcomes=(), data_type=data_type)
    protocol.stake(protocol.validator, request_id, string("Paris"), B0)
    protocol.next_block()

    _assert_stake_rejected(
        protocol, protocol.disputer, request_id, string("Paris"), "oracle: outcome bonded"
    )


def test_stake__word_request_partial_words__tracked_separately(
    protocol: OracleProtocol,
) -> None:
    request_id = protocol.create(outcomes=(), data_type=1, decimals=8)

    protocol.stake(protocol.validator, request_id, number(-5), 60 * FLX)
    protocol.stake(protocol.disputer, request_id, number(5), 70 * FLX)

    assert protocol.oracle.staked(request_id, 0, protocol.validator, number(-5)) == 60 * FLX
    assert protocol.oracle.staked(request_id, 0, protocol.disputer, number(5)) == 70 * FLX
    assert protocol.oracle.round_info(request_id, 0)[4] is False


def test_stake__staker_without_funds__transfer_failed_nothing_recorded(
    protocol: OracleProtocol,
) -> None:
    request_id = protocol.create()
    before = protocol.balances(protocol.stranger)

    with boa.reverts("oracle: transfer failed"):
        protocol.stake(protocol.stranger, request_id, YES, B0)

    assert protocol.balances(protocol.stranger) == before
    assert protocol.oracle.staked(request_id, 0, protocol.stranger, YES) == 0
    assert protocol.oracle.current_round(request_id) == 0


# --- escalation and finalization -----------------------------------------------------------


def test_stake__bond_below_threshold__not_escalated(protocol: OracleProtocol) -> None:
    """Rounds 0-3 (100..800 FLX) stay below the 1 600 FLX threshold: round 4 opens."""
    request_id = protocol.create()
    for round_index, (staker, outcome) in enumerate(
        [(protocol.validator, YES), (protocol.disputer, NO)] * 2
    ):
        if round_index:
            protocol.next_block()
        protocol.stake(staker, request_id, outcome, B0 << round_index)

    assert protocol.oracle.current_round(request_id) == 4
    assert protocol.oracle.round_info(request_id, 4)[0] == ARBITRATION_THRESHOLD_WEI


def test_stake__bond_reaches_threshold__escalates(protocol: OracleProtocol) -> None:
    """Money flow: the validator's 1 600 FLX round-4 bond is pulled; the request escalates."""
    request_id = protocol.create()
    for round_index, (staker, outcome) in enumerate(
        [(protocol.validator, YES), (protocol.disputer, NO)] * 2
    ):
        if round_index:
            protocol.next_block()
        protocol.stake(staker, request_id, outcome, B0 << round_index)
    before = protocol.balances(protocol.validator)

    taken = protocol.dispute(protocol.validator, request_id, YES, ARBITRATION_THRESHOLD_WEI)

    after = protocol.balances(protocol.validator)
    assert taken == ARBITRATION_THRESHOLD_WEI
    assert delta(before, after, protocol.validator)[0] == -ARBITRATION_THRESHOLD_WEI
    (event,) = events(protocol.oracle, "Escalated")
    assert (event.request_id, event.round, event.bond) == (
        request_id,
        4,
        ARBITRATION_THRESHOLD_WEI,
    )
    assert protocol.oracle.current_round(request_id) == 4
    assert protocol.oracle.round_info(request_id, 4)[3:] == (YES, True)


def test_stake__escalated__reverts(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.escalate(request_id)

    _assert_stake_rejected(protocol, protocol.disputer, request_id, NO, "oracle: escalated")
    assert protocol.oracle.current_round(request_id) == 4


def test_stake__crowdfunded_bond_reaches_threshold__escalates(protocol: OracleProtocol) -> None:
    """The escalating bond may be crowdfunded too: 1 000 + 600 FLX fill round 4."""
    request_id = protocol.create()
    for round_index, (staker, outcome) in enumerate(
        [(protocol.validator, YES), (protocol.disputer, NO)] * 2
    ):
        if round_index:
            protocol.next_block()
        protocol.stake(staker, request_id, outcome, B0 << round_index)

    protocol.dispute(protocol.validator, request_id, YES, 1_000 * FLX)
    assert protocol.oracle.current_round(request_id) == 4
    protocol.stake(protocol.counter_disputer, request_id, YES, 1_000 * FLX)

    (event,) = events(protocol.oracle, "Escalated")
    assert event.round == 4
    assert protocol.oracle.staked(request_id, 4, protocol.counter_disputer, YES) == 600 * FLX
    _assert_stake_rejected(protocol, protocol.disputer, request_id, NO, "oracle: escalated")


def test_stake__finalized__reverts(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.bond_round0(request_id, YES)
    protocol.expire_window(request_id)
    protocol.finalize(request_id)

    _assert_stake_rejected(protocol, protocol.disputer, request_id, NO, "oracle: finalized")


def test_stake__arbitrated__reverts_finalized(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.escalate(request_id)
    protocol.arbitrate(request_id, NO)

    _assert_stake_rejected(protocol, protocol.disputer, request_id, NO, "oracle: finalized")


def test_stake__round0_bond_reaches_threshold__escalates_at_round0(
    protocol: OracleProtocol,
) -> None:
    """Config 1's threshold equals B0, so the very first bond escalates: no round 1 opens."""
    with boa.env.prank(protocol.owner):
        protocol.oracle.set_config(
            astuple(replace(protocol.config, arbitration_threshold=MIN_BOND_WEI))
        )
    request_id = protocol.create()

    protocol.stake(protocol.validator, request_id, YES, B0)

    (event,) = events(protocol.oracle, "Escalated")
    assert (event.round, event.bond) == (0, B0)
    assert protocol.oracle.current_round(request_id) == 0
    assert protocol.oracle.round_info(request_id, 0)[3:] == (YES, True)
    with boa.reverts("oracle: unknown round"):
        protocol.oracle.round_info(request_id, 1)
    _assert_stake_rejected(protocol, protocol.disputer, request_id, NO, "oracle: escalated")
