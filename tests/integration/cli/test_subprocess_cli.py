"""The real entry points in their own processes: `python -m fluxo.cli.main` and the installed
`fluxo` script, as a shell runs them: JSON on stdout, and no traceback for a mistake."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fluxo.cli.options import DEFAULT_PRIVATE_KEY_ENV_VAR
from tests.harness.local_chain import VALIDATOR
from tests.integration.cli.conftest import CREATOR, CliChain, request_args

pytestmark = pytest.mark.integration

FLUXO_SCRIPT = Path(sys.executable).parent / "fluxo"


def _run(
    command: list[str], cli: CliChain, signer_key: str = ""
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **cli.env(None), DEFAULT_PRIVATE_KEY_ENV_VAR: signer_key}
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)


def test_entry_points__create_then_show__json_round_trip(cli_chain: CliChain) -> None:
    assert FLUXO_SCRIPT.exists() or shutil.which("fluxo")
    module = [sys.executable, "-m", "fluxo.cli.main"]

    created = _run([*module, *request_args(), "--json"], cli_chain, CREATOR.key.to_0x_hex())
    shown = _run([str(FLUXO_SCRIPT), "request", "show", "0", "--json"], cli_chain)

    assert created.returncode == 0, created.stderr
    assert shown.returncode == 0, shown.stderr
    assert json.loads(created.stdout)["request_id"] == 0
    document = json.loads(shown.stdout)
    assert (document["request_id"], document["status"]) == (0, "open")
    assert document["outcomes"] == ["Team A", "Team B"]


def test_entry_point__bad_answer__exit_2_message_and_no_traceback(cli_chain: CliChain) -> None:
    cli_chain.json(request_args(), signer=CREATOR)

    result = _run(
        [str(FLUXO_SCRIPT), "request", "stake", "0", "Team C", "--amount", "1", "--json"],
        cli_chain,
        VALIDATOR.key.to_0x_hex(),
    )

    assert result.returncode == 2
    assert "request stake: ANSWER = 'Team C': not one of ['Team A', 'Team B']" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
