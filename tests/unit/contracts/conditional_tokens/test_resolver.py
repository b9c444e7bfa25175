"""`ConditionalTokensResolver` against the real ConditionalTokens: prepare a condition, split
collateral into positions, resolve through Fluxo, redeem."""

import boa
import pytest

from fluxo.domain.outcome import INVALID_OUTCOME, categorical, number
from tests.harness.checks import events
from tests.harness.game import FEE_WEI, MAX_OPEN_PERIOD_S, VALIDITY_BOND_WEI
from tests.harness.markets import USD, ConditionalTokensProtocol

pytestmark = pytest.mark.solidity

STAKE = 30 * USD


def test_ask__categorical__prepares_condition_with_resolver_as_oracle(
    ct: ConditionalTokensProtocol,
) -> None:
    """Money flow: validity bond + fee (fUSD) asker → resolver → Oracle."""
    before = ct.usd.balanceOf(ct.asker)

    request_id, condition_id = ct.ask(outcomes=["Home", "Draw", "Away"])

    expected = ct.conditional_tokens.getConditionId(
        ct.resolver.address, request_id.to_bytes(32, "big"), 3
    )
    assert condition_id == expected
    assert ct.conditional_tokens.getOutcomeSlotCount(condition_id) == 3
    assert ct.resolver.question(request_id) == (ct.asker, 3, False, False)
    assert ct.usd.balanceOf(ct.asker) == before - VALIDITY_BOND_WEI - FEE_WEI
    assert ct.usd.balanceOf(ct.resolver.address) == 0


@pytest.mark.parametrize("outcomes", [["Only"], []])
def test_ask__bad_outcome_count__reverts(
    ct: ConditionalTokensProtocol, outcomes: list[str]
) -> None:
    with boa.env.prank(ct.asker), boa.reverts("ct_resolver: bad outcome count"):
        ct.resolver.ask(ct.question(outcomes=outcomes))


def test_ask__scalar_bad_bounds__reverts(ct: ConditionalTokensProtocol) -> None:
    with boa.env.prank(ct.asker), boa.reverts("ct_resolver: bad bounds"):
        ct.resolver.ask(ct.question(outcomes=[], scalar=True, lower=5, upper=5))


def test_resolve__categorical_winner__split_positions_redeem_one_to_one(
    ct: ConditionalTokensProtocol,
) -> None:
    """Money flow: the trader splits 30 mUSD into 30 of each of 3 positions in
    ConditionalTokens; Fluxo answers "Away"; the 30 Away tokens redeem for 30 mUSD; the asker
    gets its validity bond back."""
    request_id, condition_id = ct.ask(outcomes=["Home", "Draw", "Away"])
    ct.split(condition_id, 3, STAKE)

    ct.answer(request_id, categorical(2))

    assert not events(ct.oracle.oracle, "CallbackFailed")
    assert [ct.conditional_tokens.payoutNumerators(condition_id, i) for i in range(3)] == [0, 0, 1]
    assert ct.conditional_tokens.payoutDenominator(condition_id) == 1
    assert ct.redeem(condition_id, 3) == STAKE
    assert ct.resolver.question(request_id)[3] is True
    before = ct.usd.balanceOf(ct.asker)
    with boa.env.prank(ct.anyone):
        ct.resolver.withdraw_refund(request_id)
    assert ct.usd.balanceOf(ct.asker) == before + VALIDITY_BOND_WEI


def test_resolve__invalid__equal_payouts(ct: ConditionalTokensProtocol) -> None:
    """INVALID pays every outcome alike, as Omen's adapter does: the full set redeems for what
    was split."""
    request_id, condition_id = ct.ask(outcomes=["a", "b", "c", "d"])
    ct.split(condition_id, 4, STAKE)

    ct.answer(request_id, INVALID_OUTCOME)

    assert [ct.conditional_tokens.payoutNumerators(condition_id, i) for i in range(4)] == [1] * 4
    assert ct.redeem(condition_id, 4) == STAKE


@pytest.mark.parametrize(
    ("answer", "expected"),
    [(-500_00, [1_000_00, 0]), (250_00, [750_00, 250_00]), (9_999_00, [0, 1_000_00])],
)
def test_resolve__scalar__two_slot_linear_payout(
    ct: ConditionalTokensProtocol, answer: int, expected: list[int]
) -> None:
    """Bounds [0, 1000] with 2 decimals: a negative answer clamps to lower (all short), 250
    pays 3/4 short and 1/4 long, above the range all long. Holding both sides redeems in full."""
    request_id, condition_id = ct.ask(outcomes=[], scalar=True, decimals=2, lower=0, upper=1_000_00)
    ct.split(condition_id, 2, STAKE)

    ct.answer(request_id, number(answer))

    assert [ct.conditional_tokens.payoutNumerators(condition_id, i) for i in range(2)] == expected
    assert ct.redeem(condition_id, 2) == STAKE


def test_resolve__scalar_negative_bounds__clamps(ct: ConditionalTokensProtocol) -> None:
    request_id, _ = ct.ask(outcomes=[], scalar=True, lower=-100, upper=-20)

    assert ct.resolver.payouts_for(request_id, number(-40)) == [20, 60]
    assert ct.resolver.payouts_for(request_id, number(-1_000)) == [80, 0]
    assert ct.resolver.payouts_for(request_id, INVALID_OUTCOME) == [1, 1]


def test_payouts_for__index_out_of_range__equal(ct: ConditionalTokensProtocol) -> None:
    """A bad arbitrator's index cannot strand the condition: it reports as INVALID."""
    request_id, _ = ct.ask()

    assert ct.resolver.payouts_for(request_id, categorical(7)) == [1, 1]


def test_on_outcome__not_the_oracle__reverts(ct: ConditionalTokensProtocol) -> None:
    request_id, _ = ct.ask()

    with boa.env.prank(ct.anyone), boa.reverts("ct_resolver: caller is not the oracle"):
        ct.resolver.on_outcome(request_id, categorical(1))


def test_on_outcome__second_delivery__ignored_and_report_reverts(
    ct: ConditionalTokensProtocol,
) -> None:
    """A request reports once: a second delivery is ignored (ConditionalTokens would refuse
    it), and the pull path says so."""
    request_id, condition_id = ct.ask()
    with boa.env.prank(ct.oracle.oracle.address):
        ct.resolver.on_outcome(request_id, categorical(1))
        ct.resolver.on_outcome(request_id, categorical(0))  # ignored: already reported

    assert ct.conditional_tokens.payoutNumerators(condition_id, 1) == 1
    with boa.env.prank(ct.anyone), boa.reverts("ct_resolver: reported"):
        ct.resolver.report(request_id)


def test_report__oracle_not_final__reverts(ct: ConditionalTokensProtocol) -> None:
    request_id, _ = ct.ask()

    with boa.env.prank(ct.anyone), boa.reverts("ct_resolver: not finalized"):
        ct.resolver.report(request_id)


def test_cancel__unanswered__equal_payouts_and_fee_and_bond_back(
    ct: ConditionalTokensProtocol,
) -> None:
    """Money flow: nobody answered; anyone cancels through the resolver; the condition pays
    every outcome alike; the asker gets fee + validity bond back."""
    request_id, condition_id = ct.ask()
    ct.split(condition_id, 2, STAKE)
    settlement_s = ct.oracle.oracle.request_params(request_id)[4]
    boa.env.time_travel(seconds=settlement_s - boa.env.timestamp + MAX_OPEN_PERIOD_S)

    with boa.env.prank(ct.anyone):
        ct.resolver.cancel(request_id)

    assert ct.redeem(condition_id, 2) == STAKE
    assert ct.resolver.refund(request_id) == VALIDITY_BOND_WEI + FEE_WEI
