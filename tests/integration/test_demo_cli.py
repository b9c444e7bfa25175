"""`fluxo demo` end to end: exit codes, output, and anvil stopped whatever happens."""

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fluxo.cli.main import app
from fluxo.demo import scenario
from fluxo.devnet.anvil import Anvil
from fluxo.exceptions import ChainError

pytestmark = pytest.mark.integration


def test_demo__local_anvil__exits_zero_and_prints_the_tables() -> None:
    result = CliRunner().invoke(app, ["demo"], env={"COLUMNS": "160"})

    assert result.exit_code == 0, result.output
    for heading in ("Request #0", "Rounds", "Payouts", "OutcomeReceived", "Gas used"):
        assert heading in result.output


def test_demo__no_anvil_binary__exits_one_with_a_clear_message(tmp_path: Path) -> None:
    missing = tmp_path / "no-anvil"

    result = CliRunner().invoke(app, ["demo"], env={"FLUXO_ANVIL": str(missing), "COLUMNS": "160"})

    assert result.exit_code == 1
    assert "demo failed" in result.output
    assert "no-anvil" in result.output


def test_demo__scenario_fails__anvil_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    started_pids: list[int] = []

    class RecordingAnvil(Anvil):
        def start(self) -> "RecordingAnvil":
            super().start()
            started_pids.append(self.pid)
            return self

    async def broken_scenario(*_args: object) -> scenario.DemoReport:
        raise ChainError("boom")

    monkeypatch.setattr(scenario, "Anvil", RecordingAnvil)
    monkeypatch.setattr(scenario, "run_scenario", broken_scenario)

    result = CliRunner().invoke(app, ["demo"], env={"COLUMNS": "160"})

    assert result.exit_code == 1
    assert "demo failed: boom" in result.output
    assert len(started_pids) == 1
    with pytest.raises(ProcessLookupError):
        os.kill(started_pids[0], 0)  # signal 0 only checks that the process exists
