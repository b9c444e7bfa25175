"""Mistakes in what a command is given end it with exit code 2 and a message naming the value,
before any connection: nothing listens at the RPC URL, so a command that tried to connect would
fail differently (exit 1, "cannot reach"). Errors go to stderr; stdout stays empty."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from fluxo.cli.main import app

UNUSED_RPC_URL = "http://127.0.0.1:9"
KEY = "0x" + "ab" * 32
ADDRESS = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"
DEPLOYMENT = """{
  "version": 1, "chain_id": 31337, "start_block": 1,
  "flux_token": "0x5FbDB2315678afecb367f032d93F642f64180aa3",
  "payment_token": "0x5FbDB2315678afecb367f032d93F642f64180aa3",
  "oracle": "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
  "feeds": {"ETH / USD": "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0"}
}"""
CREATE = ["request", "create", "--kind", "string", "--description", "Who won?"]
MARKET = ["market", "create", "--question", "Who won?"]


@pytest.fixture
def deployment(tmp_path: Path) -> Path:
    path = tmp_path / "deployment.json"
    path.write_text(DEPLOYMENT, encoding="utf-8")
    return path


def _invoke(args: list[str], deployment: Path | None, **env: str) -> tuple[int, str, str]:
    variables = {
        "COLUMNS": "200",
        "FLUXO_RPC_URL": UNUSED_RPC_URL,
        "FLUXO_PRIVATE_KEY": KEY,
        "FLUXO_DEPLOYMENT": str(deployment) if deployment else "missing.json",
        **env,
    }
    result = CliRunner().invoke(app, [*args, "--json"], env=variables)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("args", "named"),
    [
        ([*CREATE, "--challenge-period-s", "60", "--kind", "boolean"], "--kind = 'boolean'"),
        (CREATE, "--challenge-period-s = None: not given"),
        ([*CREATE, "--challenge-period-s", "60", "--source", "https://x.example"], "--source"),
        (
            [*CREATE, "--challenge-period-s", "60", "--settlement-time", "next week"],
            "--settlement-time = 'next week'",
        ),
        (["request", "list", "--status", "pending"], "--status = 'pending'"),
        (["request", "list", "--limit", "0"], "--limit = 0"),
        (["request", "watch", "0", "--timeout-s", "-1"], "--timeout-s = -1"),
        (["request", "show", "0", "--account", "0x1234"], "--account = '0x1234'"),
        (["faucet", "0xnope"], "ADDRESS = '0xnope'"),
        (["feed", "read", "BTC / USD"], "FEED = 'BTC / USD'"),
        (["feed", "history", "ETH / USD", "--rounds", "0"], "--rounds = 0"),
        (["aggregator", "read", "ETH / USD"], "AGGREGATOR = 'ETH / USD'"),
        (["whitelist", "add", ADDRESS, "--name", "m", "--multiplier-bps", "0"], "--multiplier-bps"),
        (["whitelist", "add", ADDRESS, "--name", "x" * 65], "--name"),
        (["whitelist", "remove", "0x12"], "ADDRESS = '0x12'"),
        (["config", "set"], "give at least one field"),
        ([*MARKET, "--challenge-period-s", "60"], "--close-in-s = None: not given"),
        ([*MARKET, "--close-in-s", "60"], "--challenge-period-s = None: not given"),
        ([*MARKET, "--close-in-s", "60", "--challenge-period-s", "60", "--lower", "1"], "--upper"),
        (
            [
                *MARKET,
                "--close-in-s",
                "6",
                "--challenge-period-s",
                "6",
                "--lower",
                "x",
                "--upper",
                "1",
            ],
            "--lower = 'x'",
        ),
        (["market", "create", "--template", "nope"], "--template = 'nope': no such template"),
        (["market", "create", "--template", "pulse-sports"], "--set = 'data_url': template"),
        (["market", "buy", "0", "A", "--amount", "1", "--slippage-bps", "-1"], "--slippage-bps"),
        (["market", "sell", "0", "A", "--amount", "1", "--deadline-s", "0"], "--deadline-s = 0"),
        (["market", "list", "--limit", "0"], "--limit = 0"),
        (["market", "show", "0", "--account", "0x1234"], "--account = '0x1234'"),
    ],
)
def test_command__bad_input__exits_two_naming_it_before_connecting(
    deployment: Path, args: list[str], named: str
) -> None:
    exit_code, stdout, stderr = _invoke(args, deployment)

    assert exit_code == 2, stderr
    assert named in stderr
    assert stdout == ""
    assert "Traceback" not in stderr


def test_command__no_deployment_file__exits_two_saying_how_to_get_one() -> None:
    exit_code, _, stderr = _invoke(["request", "show", "0"], None)

    assert exit_code == 2
    assert "--deployment = 'missing.json': no such file: write one with `fluxo deploy`" in stderr


def test_command__key_variable_unset__exits_two_naming_the_variable(deployment: Path) -> None:
    exit_code, _, stderr = _invoke(
        [*CREATE, "--challenge-period-s", "60"], deployment, FLUXO_PRIVATE_KEY=""
    )

    assert exit_code == 2
    assert "$FLUXO_PRIVATE_KEY = None: not set" in stderr


def test_trade__key_variable_unset__exits_two_naming_the_variable(deployment: Path) -> None:
    exit_code, _, stderr = _invoke(
        ["market", "buy", "0", "Team A", "--amount", "1"], deployment, FLUXO_PRIVATE_KEY=""
    )

    assert exit_code == 2
    assert "market buy: $FLUXO_PRIVATE_KEY = None: not set" in stderr
    assert "Traceback" not in stderr


def test_command__keystore_password_unset__exits_two_naming_it(
    deployment: Path, tmp_path: Path
) -> None:
    keystore = tmp_path / "key.json"
    keystore.write_text("{}", encoding="utf-8")

    exit_code, _, stderr = _invoke(
        ["faucet", ADDRESS, "--keystore", str(keystore)], deployment, FLUXO_KEYSTORE_PASSWORD=""
    )

    # An empty password is a password; the keystore itself is what is wrong here.
    assert exit_code == 2
    assert str(keystore) in stderr


def test_command__valid_input_and_no_node__exits_one_cannot_reach(deployment: Path) -> None:
    """The counterpart: input that passes every check reaches for the RPC, and says so."""
    exit_code, stdout, stderr = _invoke(["request", "show", "0"], deployment)

    assert exit_code == 1
    assert "cannot reach" in stderr
    assert stdout == ""


@pytest.mark.parametrize(
    ("extra", "named"),
    [
        ([], "--payment-token = None: say what requesters pay fees in"),
        (["--payment-token-is-flx", "--payment-token", ADDRESS], "not both"),
        (["--payment-token-is-flx", "--flux-token", ADDRESS, "--flx-supply", "5"], "--flx-supply"),
        (["--payment-token-is-flx", "--faucet-payment-drip", "1"], "needs --faucet-drip"),
        (["--payment-token-is-flx", "--requester-creator", ADDRESS], "needs --requester"),
        (["--payment-token-is-flx", "--requester", "a", "--requester-multiplier-bps", "0"], "bps"),
    ],
)
def test_deploy__inconsistent_flags__exits_two_before_connecting(
    tmp_path: Path, extra: list[str], named: str
) -> None:
    exit_code, _, stderr = _invoke(["deploy", "--out", str(tmp_path / "d.json"), *extra], None)

    assert exit_code == 2, stderr
    assert named in stderr
    assert not (tmp_path / "d.json").exists()


def test_deploy__out_exists__exits_two_unless_forced(deployment: Path) -> None:
    exit_code, _, stderr = _invoke(
        ["deploy", "--payment-token-is-flx", "--out", str(deployment)], None
    )
    forced_exit_code, _, forced_stderr = _invoke(
        ["deploy", "--payment-token-is-flx", "--out", str(deployment), "--force"], None
    )

    assert exit_code == 2
    assert "exists; pass --force to overwrite it" in stderr
    assert forced_exit_code == 1  # past the check: it reached for the RPC
    assert "cannot reach" in forced_stderr
