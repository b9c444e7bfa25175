"""The lifecycle the README walks through, end to end."""

from tests.harness.protocol import FEE_WEI, NO, VALIDITY_BOND_WEI, YES, OracleProtocol


def test_lifecycle__answer_dispute_finalize__disputer_wins(protocol: OracleProtocol) -> None:
    """Money flow: validator stakes B0 on YES; disputer stakes 2·B0 on NO; the round-2 window
    expires, so NO is final. Disputer gets 2·B0 + B0 (slashed) FLX and the fee in fUSD; the
    requester is credited its validity bond and withdraws it."""
    request_id = protocol.create()
    b0 = protocol.bond_round0(request_id, YES)
    protocol.dispute(protocol.disputer, request_id, NO, 2 * b0)
    protocol.expire_window(request_id)
    before = protocol.balances(protocol.disputer, protocol.requester.address)

    protocol.finalize(request_id)
    paid = protocol.claim(request_id, protocol.disputer)
    protocol.withdraw_credits(protocol.requester.address)

    after = protocol.balances(protocol.disputer, protocol.requester.address)
    assert paid == (3 * b0, FEE_WEI)
    disputer, requester = str(protocol.disputer), str(protocol.requester.address)
    assert after[disputer][0] - before[disputer][0] == 3 * b0
    assert after[disputer][1] - before[disputer][1] == FEE_WEI
    assert after[requester][1] - before[requester][1] == VALIDITY_BOND_WEI
    assert protocol.oracle.outcome_of(request_id) == (True, NO)
