"""`fluxo devnet --short` end to end, as a real subprocess: its JSON summary against the sample
data's truth, the faulty validator's loss, every claim, token conservation, and no process left.

Money flow asserted: the faulty validator bonds B0 on each wrong answer and counters once
(4 B0); the honest validators dispute (2 B0) and counter (8 B0); on finalization the honest
stakers claim their stakes, the faulty one's 5 B0 and the fee between them, each claim exactly
what `claimable` said in the block before it; the faulty validator ends exactly 5 B0 per
request poorer, and no token is created or lost anywhere.
"""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Final

import pytest

from fluxo.devnet.sample_data import questions

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
    answered = {request["key"]: request for request in summary["requests"]}

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
        for stake in request["stakes"]
        if stake["account"] == faulty["name"]
    ]

    assert bonded > 0
    assert sum(own_stakes) == int(faulty["staked_wei"])
    assert int(faulty["claimed_wei"]) == 0
    assert int(faulty["slashed_wei"]) == bonded  # every stake it made was on a wrong outcome
    assert int(faulty["flx_end_wei"]) - int(faulty["flx_start_wei"]) == -bonded


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
        assert gained == int(node["claimed_wei"]) - int(node["staked_wei"])
        assert gained > 0, f"{node['name']} staked on the truth and did not win"


def test_devnet__short_run__tokens_are_conserved_across_every_holder(
    summary: dict[str, Any],
) -> None:
    symbols = {token["symbol"] for token in summary["tokens"]}

    assert symbols == {"FLX", "fUSD"}
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
