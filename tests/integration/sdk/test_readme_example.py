"""The README's SDK walk-through runs as written: the chain set up by the README's own
`fluxo deploy` command, then the Python block of "From Python: the SDK", executed verbatim."""

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fluxo.cli.main import app
from tests.harness.local_chain import DEPLOYER, LocalChain

pytestmark = pytest.mark.integration

README = Path(__file__).resolve().parents[3] / "README.md"


def _deploy_command(readme: str) -> list[str]:
    """The README's `fluxo deploy ...` line (with its continuation lines), as arguments."""
    match = re.search(r"^fluxo deploy (?:[^\n]*\\\n)*[^\n]*$", readme, re.MULTILINE)
    assert match, "no `fluxo deploy` command in the README"
    text = match.group(0).replace("\\\n", " ").split("#", 1)[0]
    return shlex.split(text)[1:]


def _sdk_block(readme: str) -> str:
    section = readme.split("## From Python: the SDK", 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert match, "no Python block in the SDK section"
    return match.group(1)


def test_readme_sdk_example__on_the_readme_deployment__runs_and_prints_the_answer(
    chain: LocalChain,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    readme = README.read_text(encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("FLUXO_RPC_URL", chain.url)
    deployed = CliRunner().invoke(
        app,
        _deploy_command(readme),
        env={"COLUMNS": "200", "FLUXO_PRIVATE_KEY": DEPLOYER.key.to_0x_hex()},
    )
    assert deployed.exit_code == 0, deployed.output
    assert (tmp_path / "deployment.json").is_file()
    capsys.readouterr()

    exec(compile(_sdk_block(readme), "README.md", "exec"), {"__name__": "readme"})

    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == "0 True"
    assert "Team B 1" in printed
    kinds = [line.split()[0] for line in printed[1 : printed.index("Team B 1")]]
    assert kinds == ["bonded", "finalized"], printed
    # What a claim pays is what `claimable` said just before.
    claimable, claimed = printed[-2], printed[-1]
    assert claimable == "({}, {})".format(*claimed.split()), printed
    assert int(claimed.split()[0]) == 100 * 10**18, printed
