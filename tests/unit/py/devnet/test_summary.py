"""The devnet summary's checks, on plain values: each passes on a consistent run and fails,
naming the problem, on the inconsistency it exists to catch."""

from dataclasses import replace

from fluxo.devnet.summary import (
    CheckStatus,
    ClaimRow,
    ConditionalRedemptionRow,
    ConditionalRow,
    FeedRoundRow,
    FeedRow,
    MarketHoldings,
    MarketRedemptionRow,
    MarketRow,
    NodeRow,
    OracleHoldings,
    ProcessRow,
    RequestRow,
    RunSummary,
    StakeRow,
    TokenHoldings,
    TraderPnlRow,
    all_passed,
    as_json,
    check_claims,
    check_conditional,
    check_conservation,
    check_faulty_slashed,
    check_feeds,
    check_market_money,
    check_market_redemptions,
    check_markets_resolved,
    check_node_balances,
    check_oracle_settled,
    check_outcomes,
    check_processes,
    expected_payouts,
    run_checks,
    slashed_by_account,
)

FLX = 10**18


def _request(**changes: object) -> RequestRow:
    row = RequestRow(
        request_id=0,
        key="esports-winner",
        kind="categorical",
        description="Who wins?",
        truth="Falcons",
        finalized=True,
        outcome_hex="0x" + "00" * 32,
        outcome_text="Falcons",
        rounds=4,
        bonds_wei=(10 * FLX, 20 * FLX, 40 * FLX, 80 * FLX),
        stakes=(),
    )
    return replace(row, **changes)  # type: ignore[arg-type]


def _node(name: str, *, faulty: bool = False, **changes: object) -> NodeRow:
    row = NodeRow(
        name=name,
        role="validator",
        address="0x" + "11" * 20,
        faulty=faulty,
        flx_start_wei=1_000 * FLX,
        flx_end_wei=1_000 * FLX,
        staked_wei=0,
        unstaked_wei=0,
        claimed_wei=0,
        url="http://127.0.0.1:9464",
    )
    return replace(row, **changes)  # type: ignore[arg-type]


FAULTY = _node(
    "validator-5", faulty=True, staked_wei=50 * FLX, flx_end_wei=950 * FLX, slashed_wei=50 * FLX
)
WINNER = _node("validator-1", staked_wei=100 * FLX, claimed_wei=150 * FLX, flx_end_wei=1_050 * FLX)


def _claim(**changes: object) -> ClaimRow:
    row = ClaimRow(
        request_id=0,
        account="validator-1",
        tx_hash="0x" + "ab" * 32,
        block=40,
        claimable_stake_wei=150 * FLX,
        claimable_payment_wei=2 * FLX,
        paid_stake_wei=150 * FLX,
        paid_payment_wei=2 * FLX,
        flx_gain_wei=150 * FLX,
        payment_gain_wei=2 * FLX,
    )
    return replace(row, **changes)  # type: ignore[arg-type]


USD = 10**18


def _redemption(**changes: object) -> MarketRedemptionRow:
    row = MarketRedemptionRow(
        market_id=0,
        account="trader-2",
        tx_hash="0x" + "cd" * 32,
        block=60,
        paid_wei=12 * USD,
        redeemable_before_wei=12 * USD,
        net_cost_before_wei=6 * USD,
    )
    return replace(row, **changes)  # type: ignore[arg-type]


def _market(**changes: object) -> MarketRow:
    """Money flow: the creator funds 20, trader-2 buys Falcons for 8 and trader-3 Titans for 6;
    Falcons wins; trader-2 redeems 12, the creator's liquidity 22: 34 in, 34 out."""
    row = MarketRow(
        market_id=0,
        request_id=0,
        key="esports-match-winner",
        category="esports",
        kind="categorical",
        question="Who wins Falcons vs Titans (match 2001)?",
        labels=("Falcons", "Titans"),
        truth="Falcons",
        status="resolved",
        outcome="Falcons",
        winner="Falcons",
        redemptions=(_redemption(),),
        positions=(
            TraderPnlRow("deployer", 20 * USD, 22 * USD, 0, liquidity_redeemed_wei=22 * USD),
            TraderPnlRow("trader-2", 8 * USD, 12 * USD, 0),
            TraderPnlRow("trader-3", 6 * USD, 0, 0),
        ),
        left_to_redeem_wei=0,
        lp_shares_left=0,
    )
    return replace(row, **changes)  # type: ignore[arg-type]


def _conditional(**changes: object) -> ConditionalRow:
    row = ConditionalRow(
        request_id=2,
        key="ct-esports-match-winner",
        question="Who wins Falcons vs Titans (match 2002)?",
        labels=("Falcons", "Titans"),
        truth="Titans",
        outcome="Titans",
        condition_id="0x" + "ef" * 32,
        payout_numerators=(0, 1),
        payout_denominator=1,
        redemptions=(
            ConditionalRedemptionRow("trader-1", "0x" + "01" * 32, 0, 0),
            ConditionalRedemptionRow("trader-3", "0x" + "02" * 32, 10 * USD, 10 * USD),
        ),
        collateral_held_wei=0,
    )
    return replace(row, **changes)  # type: ignore[arg-type]


def _summary(**changes: object) -> RunSummary:
    summary = RunSummary(
        chain_id=31337,
        rpc_url="http://127.0.0.1:8545",
        deployment_path="deployment.json",
        requests=(_request(),),
        nodes=(WINNER, FAULTY),
        claims=(_claim(),),
        tokens=(TokenHoldings("FLX", "0x" + "22" * 20, 100, {"a": 60, "b": 40}),),
        oracle=(OracleHoldings("FLX", 5, 2, 3, 0),),
        feeds=(
            FeedRow(
                "ETH / USD",
                "aggregator",
                "0x" + "33" * 20,
                (FeedRoundRow(1, "3000", 1_700_000_000, "0x" + "cd" * 32, 90_000),) * 3,
            ),
        ),
        price_steps=3,
        processes=(ProcessRow("anvil", 100, 0),),
        markets=(_market(),),
        market_holdings=MarketHoldings("fUSD", "0x" + "44" * 20, 0),
        conditional=_conditional(),
    )
    return replace(summary, **changes)  # type: ignore[arg-type]


def test_check_outcomes__truth__passes() -> None:
    assert check_outcomes([_request()]).status is CheckStatus.PASSED


def test_check_outcomes__other_answer__fails_naming_both() -> None:
    check = check_outcomes([_request(outcome_text="Titans")])

    assert check.status is CheckStatus.FAILED
    assert "'Titans'" in check.detail and "'Falcons'" in check.detail


def test_check_outcomes__not_final__fails() -> None:
    check = check_outcomes([_request(finalized=False, outcome_text=None)])

    assert check.status is CheckStatus.FAILED
    assert "not final" in check.detail


def test_check_faulty_slashed__lost_exactly_its_bond__passes() -> None:
    assert check_faulty_slashed([WINNER, FAULTY]).status is CheckStatus.PASSED


def test_check_faulty_slashed__lost_less_than_its_bond__fails() -> None:
    kept_some = replace(FAULTY, flx_end_wei=960 * FLX)

    assert check_faulty_slashed([kept_some]).status is CheckStatus.FAILED


def test_check_faulty_slashed__returned_stakes_are_not_a_loss() -> None:
    """Money flow: 50 FLX staked, 10 of them unstaked from a round that never bonded: it
    loses 40."""
    unstaked = replace(FAULTY, unstaked_wei=10 * FLX, flx_end_wei=960 * FLX, slashed_wei=40 * FLX)

    assert check_faulty_slashed([unstaked]).status is CheckStatus.PASSED


def test_check_faulty_slashed__claimed_something__fails() -> None:
    claimed = replace(FAULTY, claimed_wei=10 * FLX, flx_end_wei=960 * FLX, slashed_wei=40 * FLX)

    check = check_faulty_slashed([claimed])

    assert check.status is CheckStatus.FAILED
    assert "claimed" in check.detail


def test_check_faulty_slashed__won_on_the_markets_requests__still_passes() -> None:
    """Money flow: the faulty validator staked 10 FLX on a market's request, which finalized
    on its answer, and claimed 12: its FLX is 50 down on the questions and 2 up there."""
    node = replace(FAULTY, flx_end_wei=952 * FLX, market_net_wei=2 * FLX)

    assert check_faulty_slashed([node]).status is CheckStatus.PASSED
    assert check_node_balances([node]).status is CheckStatus.PASSED


def test_check_faulty_slashed__bonded_nothing__fails() -> None:
    idle = replace(FAULTY, staked_wei=0, flx_end_wei=1_000 * FLX, slashed_wei=0)

    assert check_faulty_slashed([idle]).status is CheckStatus.FAILED


def test_check_faulty_slashed__lost_on_the_right_outcome__fails() -> None:
    """Its balance fell by its bond, but the game says its stakes were on the final outcome."""
    odd = replace(FAULTY, slashed_wei=0)

    check = check_faulty_slashed([odd])

    assert check.status is CheckStatus.FAILED
    assert "slashed 0 wei" in check.detail


def test_slashed_by_account__stakes_off_the_final_outcome_less_unstakes() -> None:
    """Money flow: the faulty staker bonds 10 and 40 on the wrong outcome and unstakes 5 of a
    third stake that never bonded; the winner's 20 and 80 are on the final outcome."""
    right, wrong = "0x" + "00" * 32, "0x" + "00" * 31 + "01"
    stakes = (
        StakeRow(0, "validator-5", wrong, 10 * FLX, True),
        StakeRow(1, "validator-1", right, 20 * FLX, True),
        StakeRow(2, "validator-5", wrong, 40 * FLX, True),
        StakeRow(3, "validator-1", right, 80 * FLX, True),
        StakeRow(4, "validator-5", wrong, 5 * FLX, False),
    )
    unstakes = (StakeRow(4, "validator-5", wrong, 5 * FLX, False),)
    open_request = _request(request_id=1, finalized=False, stakes=stakes)

    lost = slashed_by_account(
        [_request(outcome_hex=right, stakes=stakes, unstakes=unstakes), open_request]
    )

    assert lost == {"validator-5": 50 * FLX}


def test_check_claims__paid_what_claimable_said__passes() -> None:
    assert check_claims([_claim()], [WINNER, FAULTY]).status is CheckStatus.PASSED


def test_check_claims__paid_other_than_claimable__fails() -> None:
    check = check_claims([_claim(claimable_stake_wei=149 * FLX)], [WINNER])

    assert check.status is CheckStatus.FAILED
    assert "claimable said" in check.detail


def test_check_claims__balance_rose_other_than_paid__fails() -> None:
    check = check_claims([_claim(payment_gain_wei=0)], [WINNER])

    assert check.status is CheckStatus.FAILED
    assert "balances rose" in check.detail


def test_check_claims__honest_staker_never_claimed__fails() -> None:
    unpaid = _node("validator-2", staked_wei=20 * FLX, flx_end_wei=980 * FLX)

    check = check_claims([_claim()], [WINNER, unpaid])

    assert check.status is CheckStatus.FAILED
    assert "validator-2" in check.detail


def test_check_claims__honest_staker_slashed__fails() -> None:
    check = check_claims([_claim()], [replace(WINNER, slashed_wei=FLX)])

    assert check.status is CheckStatus.FAILED
    assert "wrong outcome" in check.detail


def test_check_node_balances__change_is_the_game_net__passes() -> None:
    assert check_node_balances([WINNER, FAULTY]).status is CheckStatus.PASSED


def test_check_node_balances__unexplained_change__fails() -> None:
    drifted = replace(WINNER, flx_end_wei=1_051 * FLX)

    assert check_node_balances([drifted]).status is CheckStatus.FAILED


def test_check_conservation__balances_add_up_to_supply__passes() -> None:
    token = TokenHoldings("FLX", "0x" + "22" * 20, 100, {"a": 60, "b": 40})

    assert check_conservation([token]).status is CheckStatus.PASSED


def test_check_conservation__one_wei_missing__fails_naming_the_token() -> None:
    token = TokenHoldings("fUSD", "0x" + "22" * 20, 100, {"a": 60, "b": 39})

    check = check_conservation([token])

    assert check.status is CheckStatus.FAILED
    assert "fUSD" in check.detail and "99" in check.detail


def test_check_oracle_settled__holds_what_it_owes__passes() -> None:
    assert check_oracle_settled([OracleHoldings("FLX", 5, 2, 3, 0)]).status is CheckStatus.PASSED


def test_check_oracle_settled__stranded_tokens__fails() -> None:
    check = check_oracle_settled([OracleHoldings("FLX", 6, 2, 3, 0)])

    assert check.status is CheckStatus.FAILED


def _feed(kind: str, rounds: int) -> FeedRow:
    row = FeedRoundRow(1, "3000", 1_700_000_000, "0x" + "cd" * 32, 90_000)
    return FeedRow(f"ETH {kind}", kind, "0x" + "44" * 20, tuple([row] * rounds))


def test_check_feeds__a_round_per_step_everywhere__passes() -> None:
    feeds = [_feed("feed", 3), _feed("aggregator", 3)]

    assert check_feeds(feeds, price_steps=3).status is CheckStatus.PASSED


def test_check_feeds__a_feed_missed_a_step__fails() -> None:
    feeds = [_feed("feed", 2), _feed("aggregator", 3)]

    assert check_feeds(feeds, price_steps=3).status is CheckStatus.FAILED


def test_check_feeds__aggregator_missed_a_step__fails_naming_it() -> None:
    feeds = [_feed("feed", 3), _feed("aggregator", 1)]

    check = check_feeds(feeds, price_steps=3)

    assert check.status is CheckStatus.FAILED
    assert "(aggregator)" in check.detail


def test_check_feeds__no_round_at_all__fails() -> None:
    feeds = [_feed("feed", 0), _feed("aggregator", 0)]

    check = check_feeds(feeds, price_steps=3)

    assert check.status is CheckStatus.FAILED
    assert not all_passed([check])


def test_check_processes__one_still_running__fails_naming_it() -> None:
    check = check_processes([ProcessRow("anvil", 10, 0), ProcessRow("keeper", 11, None)])

    assert check.status is CheckStatus.FAILED
    assert "keeper (pid 11)" in check.detail


def test_run_checks__consistent_summary__all_pass() -> None:
    checks = run_checks(_summary())

    assert all_passed(checks)
    assert {c.status for c in checks} == {CheckStatus.PASSED}


def test_as_json__amounts_are_decimal_strings_and_ok_follows_the_checks() -> None:
    document = as_json(_summary())
    broken = as_json(_summary(requests=(_request(outcome_text="Titans"),)))

    assert document["ok"] is True
    assert broken["ok"] is False
    assert document["nodes"][1]["flx_change_wei"] == str(-50 * FLX)
    assert document["tokens"][0]["held_wei"] == "100"
    assert document["claims"][0]["paid_stake_wei"] == str(150 * FLX)


# --- markets ----------------------------------------------------------------------------------


def test_check_markets_resolved__winner_is_the_truth__passes() -> None:
    assert check_markets_resolved([_market()]).status is CheckStatus.PASSED


def test_check_markets_resolved__other_outcome__fails_naming_both() -> None:
    check = check_markets_resolved([_market(outcome="Titans", winner="Titans")])

    assert check.status is CheckStatus.FAILED
    assert "'Titans', the data says 'Falcons'" in check.detail


def test_check_markets_resolved__still_closed__fails() -> None:
    check = check_markets_resolved([_market(status="closed", outcome=None, winner=None)])

    assert check.status is CheckStatus.FAILED
    assert "closed, not resolved" in check.detail


def test_check_markets_resolved__invalid_truth_and_invalid_status__passes() -> None:
    market = _market(truth="INVALID", outcome="INVALID", status="invalid", winner=None)

    assert check_markets_resolved([market]).status is CheckStatus.PASSED


def test_check_markets_resolved__invalid_answer_but_resolved_status__fails() -> None:
    market = _market(truth="INVALID", outcome="INVALID", status="resolved", winner=None)

    assert check_markets_resolved([market]).status is CheckStatus.FAILED


def test_check_markets_resolved__no_markets__fails() -> None:
    assert check_markets_resolved([]).status is CheckStatus.FAILED


def test_check_market_redemptions__paid_what_redeemable_said__passes() -> None:
    assert check_market_redemptions([_market()]).status is CheckStatus.PASSED


def test_check_market_redemptions__paid_other_than_redeemable__fails() -> None:
    market = _market(redemptions=(_redemption(paid_wei=11 * USD),))

    check = check_market_redemptions([market])

    assert check.status is CheckStatus.FAILED
    assert "redeemable said" in check.detail


def test_check_market_redemptions__invalid_refund_is_the_net_cost__passes() -> None:
    refund = _redemption(paid_wei=6 * USD, redeemable_before_wei=6 * USD)
    market = _market(status="invalid", truth="INVALID", redemptions=(refund,))

    assert check_market_redemptions([market]).status is CheckStatus.PASSED


def test_check_market_redemptions__invalid_refund_short_of_the_net_cost__fails() -> None:
    refund = _redemption(paid_wei=5 * USD, redeemable_before_wei=5 * USD)
    market = _market(status="invalid", truth="INVALID", redemptions=(refund,))

    check = check_market_redemptions([market])

    assert check.status is CheckStatus.FAILED
    assert "net cost" in check.detail


def test_check_market_redemptions__something_left_to_redeem__fails() -> None:
    check = check_market_redemptions([_market(left_to_redeem_wei=1, lp_shares_left=3)])

    assert check.status is CheckStatus.FAILED
    assert "1 wei still redeemable, 3 liquidity shares" in check.detail


def test_check_market_money__nothing_left_and_pnl_sums_to_zero__passes() -> None:
    holdings = MarketHoldings("fUSD", "0x" + "44" * 20, 0)

    assert check_market_money([_market()], holdings).status is CheckStatus.PASSED


def test_check_market_money__categorical_market_keeps_a_wei__fails() -> None:
    """A categorical outcome leaves no dust (SPEC IV.6): one wei kept is a bug."""
    market = _market(
        positions=(
            TraderPnlRow("deployer", 20 * USD, 22 * USD - 1, 0, liquidity_redeemed_wei=1),
            TraderPnlRow("trader-2", 8 * USD, 12 * USD, 0),
            TraderPnlRow("trader-3", 6 * USD, 0, 0),
        )
    )
    holdings = MarketHoldings("fUSD", "0x" + "44" * 20, 1)

    check = check_market_money([market], holdings)

    assert check.status is CheckStatus.FAILED
    assert "more than the 0 wei of dust allowed" in check.detail


def test_check_market_money__scalar_market_keeps_a_wei_per_redeemer__passes() -> None:
    market = _market(
        kind="scalar",
        positions=(
            TraderPnlRow("deployer", 20 * USD, 22 * USD - 1, 0, liquidity_redeemed_wei=1),
            TraderPnlRow("trader-2", 8 * USD, 12 * USD - 1, 0),
            TraderPnlRow("trader-3", 6 * USD, 0, 0),
        ),
    )
    holdings = MarketHoldings("fUSD", "0x" + "44" * 20, 2)

    assert market.dust_bound_wei == 2  # trader-2's redemption and the creator's liquidity
    assert check_market_money([market], holdings).status is CheckStatus.PASSED


def test_check_market_money__pnl_does_not_add_up__fails() -> None:
    market = _market(
        positions=(
            TraderPnlRow("deployer", 20 * USD, 23 * USD, 0, liquidity_redeemed_wei=23 * USD),
            TraderPnlRow("trader-2", 8 * USD, 12 * USD, 0),
        )
    )
    holdings = MarketHoldings("fUSD", "0x" + "44" * 20, 0)

    check = check_market_money([market], holdings)

    assert check.status is CheckStatus.FAILED
    assert "P&L add up to" in check.detail


def test_trader_pnl__taken_out_plus_value_less_paid_in() -> None:
    assert TraderPnlRow("trader-1", 10 * USD, 4 * USD, 7 * USD).pnl_wei == USD


def test_check_conditional__payouts_and_redemptions_as_the_data_says__passes() -> None:
    assert check_conditional(_conditional()).status is CheckStatus.PASSED


def test_check_conditional__payout_vector_for_the_wrong_outcome__fails() -> None:
    check = check_conditional(_conditional(payout_numerators=(1, 0)))

    assert check.status is CheckStatus.FAILED
    assert "payouts [1, 0], expected [0, 1]" in check.detail


def test_check_conditional__redemption_paid_other_than_the_tokens_worth__fails() -> None:
    short = ConditionalRedemptionRow("trader-3", "0x" + "02" * 32, 9 * USD, 10 * USD)

    check = check_conditional(_conditional(redemptions=(short,)))

    assert check.status is CheckStatus.FAILED
    assert "trader-3: paid" in check.detail


def test_check_conditional__collateral_left_behind__fails() -> None:
    check = check_conditional(_conditional(collateral_held_wei=1))

    assert check.status is CheckStatus.FAILED


def test_check_conditional__not_reported__fails() -> None:
    check = check_conditional(_conditional(payout_numerators=(0, 0), payout_denominator=0))

    assert check.status is CheckStatus.FAILED
    assert "no payouts reported" in check.detail


def test_expected_payouts__winner_one__invalid_everywhere_one() -> None:
    assert expected_payouts(("Home", "Draw", "Away"), "Draw") == (0, 1, 0)
    assert expected_payouts(("Home", "Draw", "Away"), "INVALID") == (1, 1, 1)


def test_as_json__markets_carry_pnl_and_the_dust_bound() -> None:
    document = as_json(_summary())

    (market,) = document["markets"]
    assert market["positions"][1] == {
        "account": "trader-2",
        "paid_in_wei": str(8 * USD),
        "taken_out_wei": str(12 * USD),
        "value_wei": "0",
        "liquidity_redeemed_wei": "0",
        "pnl_wei": str(4 * USD),
    }
    assert document["market_holdings"]["dust_bound_wei"] == "0"
    assert document["conditional"]["payout_numerators"] == ["0", "1"]
