"""`cancel` (SPEC §4 Exits): a request whose round 0 never bonded within `max_open_period`
(unpaused seconds after settlement) can be ended by its requester: final INVALID, fee and
validity bond credited back, partial stakes unstakeable."""

import boa

from tests.harness.checks import events
from tests.harness.game import FEE_WEI, FLX, INVALID, MAX_OPEN_PERIOD_S, NO, VALIDITY_BOND_WEI, YES
from tests.harness.protocol import OracleProtocol


def _unanswered(protocol: OracleProtocol, open_s: int = MAX_OPEN_PERIOD_S) -> int:
    """A request settled now, left unanswered for `open_s` seconds."""
    request_id = protocol.create()
    protocol.time_travel(open_s)
    return request_id


def test_cancel__after_max_open_period__final_invalid_and_fee_credited(
    protocol: OracleProtocol,
) -> None:
    """Money flow: creation pulled 10 + 5 fUSD; cancelling credits both back to the requester
    (no token moves until it withdraws); no callback is made."""
    request_id = _unanswered(protocol)
    before = protocol.balances(protocol.requester.address)

    protocol.cancel(request_id)

    (cancelled,) = events(protocol.oracle, "Cancelled")
    assert (cancelled.request_id, cancelled.requester) == (
        request_id,
        protocol.requester.address,
    )
    assert events(protocol.oracle, "Finalized") == []
    assert protocol.oracle.outcome_of(request_id) == (True, INVALID)
    assert protocol.balances(protocol.requester.address) == before
    assert protocol.credits(protocol.requester.address) == {
        str(protocol.requester.address): (0, VALIDITY_BOND_WEI + FEE_WEI)
    }
    protocol.withdraw_credits(protocol.requester.address)
    assert protocol.balances()[str(protocol.oracle.address)] == (0, 0)


def test_cancel__one_second_before_max_open_period__reverts_still_open(
    protocol: OracleProtocol,
) -> None:
    request_id = _unanswered(protocol, MAX_OPEN_PERIOD_S - 1)

    with boa.reverts("oracle: still open"):
        protocol.cancel(request_id)
    assert protocol.oracle.outcome_of(request_id) == (False, bytes(32))


def test_cancel__before_settlement__reverts_still_open(protocol: OracleProtocol) -> None:
    request_id = protocol.create(settlement_time=boa.env.timestamp + 10 * MAX_OPEN_PERIOD_S)
    protocol.time_travel(2 * MAX_OPEN_PERIOD_S)

    with boa.reverts("oracle: still open"):
        protocol.cancel(request_id)


def test_cancel__round0_bonded__reverts_already_bonded(protocol: OracleProtocol) -> None:
    request_id = protocol.create()
    protocol.bond_round0(request_id, YES)
    protocol.time_travel(MAX_OPEN_PERIOD_S)

    with boa.reverts("oracle: already bonded"):
        protocol.cancel(request_id)


def test_cancel__by_someone_else__reverts_not_requester(protocol: OracleProtocol) -> None:
    request_id = _unanswered(protocol)

    with boa.env.prank(protocol.anyone), boa.reverts("oracle: not requester"):
        protocol.oracle.cancel(request_id)


def test_cancel__twice__reverts_finalized(protocol: OracleProtocol) -> None:
    request_id = _unanswered(protocol)
    protocol.cancel(request_id)

    with boa.reverts("oracle: finalized"):
        protocol.cancel(request_id)


def test_cancel__unknown_request__reverts(protocol: OracleProtocol) -> None:
    with boa.reverts("oracle: unknown request"):
        protocol.cancel(3)


def test_cancel__with_partial_stakes__stakes_are_unstakeable_never_claimable(
    protocol: OracleProtocol,
) -> None:
    """Money flow: validator 40 FLX on YES and disputer 30 FLX on NO never filled B0; after
    the cancel both unstake exactly their stake; neither can claim."""
    request_id = protocol.create()
    protocol.stake(protocol.validator, request_id, YES, 40 * FLX)
    protocol.stake(protocol.disputer, request_id, NO, 30 * FLX)
    protocol.time_travel(MAX_OPEN_PERIOD_S)
    protocol.cancel(request_id)
    before = protocol.balances(protocol.validator, protocol.disputer)

    protocol.unstake(protocol.validator, request_id, 0, YES, 40 * FLX)
    protocol.unstake(protocol.disputer, request_id, 0, NO, 30 * FLX)

    after = protocol.balances(protocol.validator, protocol.disputer)
    assert after[str(protocol.validator)][0] - before[str(protocol.validator)][0] == 40 * FLX
    assert after[str(protocol.disputer)][0] - before[str(protocol.disputer)][0] == 30 * FLX
    assert protocol.oracle.claimable(request_id, protocol.validator) == (0, 0)
    with boa.env.prank(protocol.anyone), boa.reverts("oracle: nothing to claim"):
        protocol.oracle.claim(request_id, protocol.validator)


def test_stake__cancelled__reverts_finalized(protocol: OracleProtocol) -> None:
    request_id = _unanswered(protocol)
    protocol.cancel(request_id)

    with boa.env.prank(protocol.validator), boa.reverts("oracle: finalized"):
        protocol.oracle.stake(request_id, YES, 10**20)
    with boa.env.prank(protocol.anyone), boa.reverts("oracle: finalized"):
        protocol.oracle.finalize(request_id)
