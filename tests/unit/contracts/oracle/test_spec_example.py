"""docs/SPEC.md §6, the worked example, step by step on the contract."""

import boa

from tests.harness.game import FLX, NO, USD, VALIDITY_BOND_WEI, YES
from tests.harness.protocol import OracleProtocol


def test_spec_worked_example__crowdfunded_round0_dispute_counter__pays_as_documented(
    protocol: OracleProtocol,
) -> None:
    """Money flow (FLX): B0 = 100 · 15 000 / 10 000 = 150. Round 0 Yes = validator 100 +
    validator_2 50 (offered 80); round 1 No = disputer 300; round 2 Yes = counter_disputer 600;
    40 on No in round 3 never fills. total_correct = 750, total_incorrect = 300, fee pool 30:
    validator 140 + 4, validator_2 70 + 2, counter_disputer 840 + 24; the requester is credited
    its 10 fUSD validity bond and withdraws it; the 40 FLX stake is returned by unstake. Each
    dispute comes at least one block after the round it disputes opened."""
    requester = protocol.deploy_requester(multiplier_bps=15_000)
    validator_2 = boa.env.generate_address("validator_2")
    protocol.fund_staker(validator_2)
    request_id = protocol.create(requester=requester, fee=30 * USD)
    stakers = (protocol.validator, validator_2, protocol.disputer, protocol.counter_disputer)
    before = protocol.balances(*stakers, requester.address)

    assert protocol.stake(protocol.validator, request_id, YES, 100 * FLX) == 100 * FLX
    assert protocol.stake(validator_2, request_id, YES, 80 * FLX) == 50 * FLX
    assert protocol.dispute(protocol.disputer, request_id, NO, 300 * FLX) == 300 * FLX
    assert protocol.dispute(protocol.counter_disputer, request_id, YES, 600 * FLX) == 600 * FLX
    assert protocol.dispute(protocol.disputer, request_id, NO, 40 * FLX) == 40 * FLX
    protocol.expire_window(request_id)
    protocol.finalize(request_id)
    protocol.withdraw_credits(requester.address)
    paid = {str(a): protocol.claim(request_id, a) for a in stakers[:2] + stakers[3:]}
    protocol.unstake(protocol.disputer, request_id, 3, NO, 40 * FLX)

    assert [protocol.oracle.round_info(request_id, r)[0] for r in range(4)] == [
        150 * FLX,
        300 * FLX,
        600 * FLX,
        1_200 * FLX,
    ]
    assert protocol.oracle.outcome_of(request_id) == (True, YES)
    assert paid == {
        str(protocol.validator): (140 * FLX, 4 * USD),
        str(validator_2): (70 * FLX, 2 * USD),
        str(protocol.counter_disputer): (840 * FLX, 24 * USD),
    }
    after = protocol.balances(*stakers, requester.address)
    net_flx = {k: after[k][0] - before[k][0] for k in after}
    assert net_flx[str(protocol.validator)] == 40 * FLX
    assert net_flx[str(validator_2)] == 20 * FLX
    assert net_flx[str(protocol.counter_disputer)] == 240 * FLX
    assert net_flx[str(protocol.disputer)] == -300 * FLX
    assert after[str(requester.address)][1] - before[str(requester.address)][1] == VALIDITY_BOND_WEI
    # The only request is settled: every FLX and fUSD it brought in has left the Oracle.
    assert after[str(protocol.oracle.address)] == (0, 0)
