"""`fluxo demo`: the scenario's on-chain payouts follow SPEC §4's claim formula.

Money flow: validator bonds 100 FLX on "Yes" (round 0), disputer 200 FLX on "No" (round 1),
counter_disputer 400 FLX on "Yes" (round 2); "Yes" finalizes. Correct rounds 0 and 2 share
the slashed round 1 and the 25 fUSD fee pro rata; the disputer gets nothing. The requester
is credited its 10 fUSD validity bond, which the demo withdraws for it.
"""

import asyncio

import pytest

from fluxo.chain.client import ChainClient
from fluxo.demo.scenario import DemoAccounts, DemoReport, run_scenario
from fluxo.devnet.anvil import Anvil
from fluxo.devnet.devchain import DevChain

pytestmark = pytest.mark.integration

FLX = 10**18
FUSD = 10**18


def _claim(
    correct_wei: int, total_correct_wei: int, incorrect_wei: int, fee_pool_wei: int
) -> tuple[int, int]:
    """SPEC §4, by hand: c + c*incorrect//correct stake tokens, c*fee_pool//correct fees."""
    return (
        correct_wei + correct_wei * incorrect_wei // total_correct_wei,
        correct_wei * fee_pool_wei // total_correct_wei,
    )


@pytest.fixture(scope="module")
def report() -> DemoReport:
    async def main(url: str) -> DemoReport:
        async with await ChainClient.connect(url) as client, DevChain(url) as chain:
            return await run_scenario(client, chain, DemoAccounts.from_keys())

    with Anvil() as anvil:
        return asyncio.run(main(anvil.url))


def test_scenario__three_rounds__rounds_double_and_alternate(report: DemoReport) -> None:
    rounds = [(row.round, row.bond_wei, row.outcome, row.staker_role) for row in report.rounds]

    assert rounds == [
        (0, 100 * FLX, "Yes", "validator"),
        (1, 200 * FLX, "No", "disputer"),
        (2, 400 * FLX, "Yes", "counter_disputer"),
    ]
    assert report.request.final_outcome == "Yes"
    assert report.request.finalized


def test_scenario__finalized_yes__payouts_match_spec_formula(report: DemoReport) -> None:
    total_correct_wei = 100 * FLX + 400 * FLX
    incorrect_wei = 200 * FLX
    fee_pool_wei = 25 * FUSD
    validator = _claim(100 * FLX, total_correct_wei, incorrect_wei, fee_pool_wei)
    counter = _claim(400 * FLX, total_correct_wei, incorrect_wei, fee_pool_wei)
    payouts = {row.role: row for row in report.payouts}

    assert validator == (140 * FLX, 5 * FUSD)
    assert (payouts["validator"].stake_out_wei, payouts["validator"].fee_out_wei) == validator
    assert (
        payouts["counter_disputer"].stake_out_wei,
        payouts["counter_disputer"].fee_out_wei,
    ) == counter
    assert (payouts["disputer"].stake_out_wei, payouts["disputer"].fee_out_wei) == (0, 0)
    assert payouts["disputer"].note == "claim reverts: oracle: nothing to claim"


def test_scenario__balances__net_is_payout_minus_stake(report: DemoReport) -> None:
    nets = {
        row.role: (row.stake_in_wei, row.net_stake_wei, row.net_payment_wei)
        for row in report.payouts
    }

    assert nets == {
        "validator": (100 * FLX, 40 * FLX, 5 * FUSD),
        "disputer": (200 * FLX, -200 * FLX, 0),
        "counter_disputer": (400 * FLX, 160 * FLX, 20 * FUSD),
    }


def test_scenario__finalize__calls_back_and_refunds_validity_bond(report: DemoReport) -> None:
    assert report.callback.request_id == report.request.request_id
    assert report.callback.outcome == "Yes"
    assert report.callback.validity_bond_refund_wei == 10 * FUSD


def test_scenario__gas__one_receipt_per_game_transaction(report: DemoReport) -> None:
    steps = [row.step for row in report.gas]

    # create, 3 stakes, finalize, the validity bond's withdrawal, 2 successful claims
    assert len(steps) == 8
    assert all(21_000 < row.gas_used < 500_000 for row in report.gas)
