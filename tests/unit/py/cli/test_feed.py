"""`fluxo feed`: input errors are reported before any network round trip."""

from typer.testing import CliRunner

from fluxo.cli.feed import feed_app

# Nothing listens here: a command that tried to connect would fail with "cannot reach".
UNUSED_RPC_URL = "http://127.0.0.1:9"
SIGNER = "0x" + "11" * 20
KEY_VAR = "FLUXO_TEST_DEPLOYER_KEY"
ENV = {"COLUMNS": "200"}


def _deploy_args(*extra: str) -> list[str]:
    return [
        "deploy",
        "--decimals",
        "8",
        "--description",
        "ETH / USD",
        "--signer",
        SIGNER,
        "--quorum",
        "1",
        "--rpc-url",
        UNUSED_RPC_URL,
        "--private-key-env",
        KEY_VAR,
        *extra,
    ]


def test_feed_read__malformed_address__exits_two_naming_it() -> None:
    result = CliRunner().invoke(feed_app, ["read", "0x1234", "--rpc-url", UNUSED_RPC_URL], env=ENV)

    assert result.exit_code == 2
    assert "feed read: feed address = '0x1234': not a 20-byte" in result.output


def test_feed_deploy__key_variable_unset__exits_two_naming_the_variable() -> None:
    result = CliRunner().invoke(feed_app, _deploy_args(), env={**ENV, KEY_VAR: ""})

    assert result.exit_code == 2
    assert f"${KEY_VAR} = None: not set" in result.output


def test_feed_deploy__malformed_key__exits_two_without_echoing_it() -> None:
    secret = "0xnot-a-key-but-secret"

    result = CliRunner().invoke(feed_app, _deploy_args(), env={**ENV, KEY_VAR: secret})

    assert result.exit_code == 2
    assert "does not hold a valid private key" in result.output
    assert secret not in result.output


def test_feed_deploy__quorum_above_signers__exits_two() -> None:
    result = CliRunner().invoke(feed_app, [*_deploy_args(), "--quorum", "2"], env=ENV)

    assert result.exit_code == 2
    assert "quorum must be between 1 and the 1 signers, got 2" in result.output


def test_feed_deploy__help__offers_a_key_env_var_never_a_key_flag() -> None:
    result = CliRunner().invoke(feed_app, ["deploy", "--help"], env=ENV)

    assert "--private-key-env" in result.output
    assert "--private-key " not in result.output


def test_fluxo_help__feed_group__registered() -> None:
    from fluxo.cli.main import app

    result = CliRunner().invoke(app, ["feed", "--help"], env=ENV)

    assert result.exit_code == 0
    assert "read" in result.output and "deploy" in result.output
