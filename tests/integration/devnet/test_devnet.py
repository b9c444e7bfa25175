"""`fluxo devnet --short` end to end, as a real subprocess: its JSON summary against the sample
data's truth, the faulty validator's loss, every claim, the markets, token conservation, and
no process left.

Money flow asserted: the faulty validator bonds B0 on each wrong answer and counters once
(4 B0); the honest validators dispute (2 B0) and counter (8 B0); on finalization the honest
stakers claim their stakes, the faulty one's 5 B0 and the fee between them, each claim exactly
what `claimable` said in the block before it; the faulty validator ends exactly 5 B0 per
question poorer (its stakes on the markets' requests, answered from final documents, aside),
and no token is created or lost anywhere. In the markets: the creator's funding and the
traders' buys go in, sells and redemptions come out; the winners redeem exactly `redeemable`,
the INVALID market refunds every account what it put in, ConditionalTokens pays the winning
tokens 1 fUSD each, and the PredictionMarket keeps at most the dust SPEC IV.6 allows.
"""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Final

import pytest

from fluxo.devnet.sample_data import CONDITIONAL, market_plans, questions
from fluxo.devnet.summary import INVALID_TEXT

pytestmark = pytest.mark.integration

# The short run takes under a minute on two idle cores; leave room for busy ones.
RUN_TIMEOUT_S: Final = 400


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    directory = tmp_path_factory.mktemp("devnet")
    summary_path = directory / "summary.json"
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "fluxo.cli.main",
            "devnet",
            "--short",
            "--dir",
            str(directory / "run"),
            "--json",
            str(summary_path),
        ],
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
        env={**os.environ, "COLUMNS": "160"},
    )
    return completed, directory


@pytest.fixture(scope="module")
def summary(run: tuple[subprocess.CompletedProcess[str], Path]) -> dict[str, Any]:
    completed, directory = run
    assert completed.returncode == 0, completed.stdout[-4000:] + completed.stderr[-4000:]
    document: dict[str, Any] = json.loads((directory / "summary.json").read_text())
    return document


def test_devnet__short_run__every_check_passes(summary: dict[str, Any]) -> None:
    assert summary["ok"] is True
    statuses = {check["name"]: check["status"] for check in summary["checks"]}
    assert "feeds and aggregator updated" in statuses
    assert set(statuses.values()) == {"passed"}, statuses


def test_devnet__short_run__every_outcome_is_the_data_servers_truth(
    summary: dict[str, Any],
) -> None:
    truth = {question.key: question.truth for question in questions(short=True)}
    answered = {request["key"]: request for request in summary["requests"] if not request["market"]}

    assert set(answered) == set(truth)
    assert {request["kind"] for request in summary["requests"]} == {
        "categorical",
        "number",
        "string",
    }
    for key, request in answered.items():
        assert request["finalized"], key
        assert request["truth"] == truth[key], f"{key}: the data server serves another answer"
        assert request["outcome"] == truth[key], key
        assert request["rounds"] >= 2, f"{key}: the wrong answer was never disputed"


def test_devnet__short_run__faulty_validator_lost_exactly_its_bonded_stake(
    summary: dict[str, Any],
) -> None:
    (faulty,) = [node for node in summary["nodes"] if node["faulty"]]
    bonded = int(faulty["staked_wei"]) - int(faulty["unstaked_wei"])
    own_stakes = [
        int(stake["amount_wei"])
        for request in summary["requests"]
        if not request["market"]
        for stake in request["stakes"]
        if stake["account"] == faulty["name"]
    ]
    market_net = int(faulty["market_net_wei"])

    assert bonded > 0
    assert sum(own_stakes) == int(faulty["staked_wei"])
    assert int(faulty["claimed_wei"]) == 0
    assert int(faulty["slashed_wei"]) == bonded  # every stake it made was on a wrong outcome
    assert market_net >= 0  # on the markets' requests it answered from final documents
    assert int(faulty["flx_end_wei"]) - int(faulty["flx_start_wei"]) == market_net - bonded


def test_devnet__short_run__every_correct_staker_received_exactly_claimable(
    summary: dict[str, Any],
) -> None:
    claims = summary["claims"]
    honest = [n for n in summary["nodes"] if n["role"] == "validator" and not n["faulty"]]
    stakers = [node for node in honest if int(node["staked_wei"]) > 0]

    assert claims and stakers
    for claim in claims:
        assert claim["paid_stake_wei"] == claim["claimable_stake_wei"], claim
        assert claim["paid_payment_wei"] == claim["claimable_payment_wei"], claim
        assert claim["flx_gain_wei"] == claim["paid_stake_wei"], claim
        assert claim["payment_gain_wei"] == claim["paid_payment_wei"], claim
    claimants = {claim["account"] for claim in claims}
    for node in stakers:
        assert node["name"] in claimants
        assert node["slashed_wei"] == "0"
        gained = int(node["flx_end_wei"]) - int(node["flx_start_wei"])
        market_net = int(node["market_net_wei"])
        assert gained == int(node["claimed_wei"]) - int(node["staked_wei"]) + market_net
        assert gained > 0, f"{node['name']} staked on the truth and did not win"


def test_devnet__short_run__tokens_are_conserved_across_every_holder(
    summary: dict[str, Any],
) -> None:
    symbols = {token["symbol"] for token in summary["tokens"]}
    (fusd,) = [token for token in summary["tokens"] if token["symbol"] == "fUSD"]

    assert symbols == {"FLX", "fUSD"}
    # The market contracts held fUSD during the run: they are among the holders counted.
    assert {"PredictionMarket", "ConditionalTokens"} <= set(fusd["balances_wei"])
    for token in summary["tokens"]:
        held = sum(int(balance) for balance in token["balances_wei"].values())
        assert held == int(token["total_supply_wei"]), token["symbol"]
    for holding in summary["oracle"]:
        owed = (
            int(holding["withdrawable_wei"])
            + int(holding["unclaimed_wei"])
            + int(holding["open_stakes_wei"])
        )
        assert int(holding["balance_wei"]) == owed, holding["symbol"]


def test_devnet__short_run__markets_resolved_as_the_data_says(summary: dict[str, Any]) -> None:
    truth = {plan.key: plan.truth for plan in market_plans(short=True)}
    markets = {market["key"]: market for market in summary["markets"]}

    assert set(markets) == set(truth)
    assert {market["kind"] for market in markets.values()} == {"categorical"}
    for key, market in markets.items():
        assert market["truth"] == truth[key], f"{key}: the data server serves another answer"
        assert market["outcome"] == truth[key], key
        if truth[key] == INVALID_TEXT:
            assert market["status"] == "invalid", key
        else:
            assert market["status"] == "resolved", key
            assert market["winner"] == truth[key], key
    market_requests = [r for r in summary["requests"] if r["market"]]
    assert len(market_requests) == len(truth) + 1  # and the ConditionalTokens question
    assert all(r["finalized"] and r["outcome"] == r["truth"] for r in market_requests)


def test_devnet__short_run__winners_redeem_exactly_redeemable(summary: dict[str, Any]) -> None:
    (market,) = [m for m in summary["markets"] if m["status"] == "resolved"]

    assert market["redemptions"]
    for redemption in market["redemptions"]:
        assert redemption["paid_wei"] == redemption["redeemable_before_wei"], redemption
    assert market["left_to_redeem_wei"] == "0"
    assert market["lp_shares_left"] == "0"
    pnl = {p["account"]: int(p["pnl_wei"]) for p in market["positions"]}
    assert len(pnl) >= 3  # the creator's liquidity and at least two traders
    assert any(value > 0 for value in pnl.values()) and any(value < 0 for value in pnl.values())


def test_devnet__short_run__invalid_market_refunds_net_cost(summary: dict[str, Any]) -> None:
    (market,) = [m for m in summary["markets"] if m["status"] == "invalid"]

    assert market["redemptions"]
    for refund in market["redemptions"]:
        assert refund["paid_wei"] == refund["net_cost_before_wei"], refund
        assert int(refund["paid_wei"]) > 0
    # Nobody sold above cost: every account, the liquidity provider included, gets back
    # exactly what it put in.
    for position in market["positions"]:
        assert position["pnl_wei"] == "0", position
        assert position["paid_in_wei"] == position["taken_out_wei"], position


def test_devnet__short_run__conditional_tokens_pay_the_winner(summary: dict[str, Any]) -> None:
    conditional = summary["conditional"]
    winner = conditional["labels"].index(CONDITIONAL.truth)
    split_wei = int(CONDITIONAL.split) * 10**18

    assert conditional["outcome"] == conditional["truth"] == CONDITIONAL.truth
    assert conditional["payout_denominator"] == "1"
    assert conditional["payout_numerators"] == [
        "1" if index == winner else "0" for index in range(len(conditional["labels"]))
    ]
    paid = {r["account"]: int(r["payout_wei"]) for r in conditional["redemptions"]}
    for redemption in conditional["redemptions"]:
        assert redemption["payout_wei"] == redemption["expected_wei"], redemption
    # The buyer holds the winning tokens (sold_outcome is the truth): one fUSD each.
    assert paid[f"trader-{CONDITIONAL.buyer + 1}"] == split_wei
    assert paid[f"trader-{CONDITIONAL.splitter + 1}"] == 0
    assert conditional["collateral_held_wei"] == "0"


def test_devnet__short_run__market_keeps_at_most_dust_and_pnl_balances(
    summary: dict[str, Any],
) -> None:
    holdings = summary["market_holdings"]
    pnl_wei = sum(int(p["pnl_wei"]) for m in summary["markets"] for p in m["positions"])

    assert int(holdings["balance_wei"]) <= int(holdings["dust_bound_wei"])
    assert pnl_wei == -int(holdings["balance_wei"])


def test_devnet__short_run__no_process_left_running(
    summary: dict[str, Any], run: tuple[subprocess.CompletedProcess[str], Path]
) -> None:
    _completed, directory = run
    processes = summary["processes"]

    assert {p["name"] for p in processes} >= {"anvil", "validator-1", "provider-1", "keeper"}
    assert len(processes) == 11  # anvil and ten nodes
    for process in processes:
        assert process["exit_code"] is not None, process
        # Reaped by the devnet; if the pid was reused since, it is not one of ours.
        cmdline = Path(f"/proc/{process['pid']}/cmdline")
        if cmdline.exists():
            text = cmdline.read_bytes().replace(b"\0", b" ").decode(errors="replace")
            assert str(directory) not in text and "anvil" not in text, text
    # Nothing anywhere still runs with a config under the run's directory.
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                text = (entry / "cmdline").read_bytes().decode(errors="replace")
            except OSError:
                continue
            assert str(directory / "run") not in text, text
