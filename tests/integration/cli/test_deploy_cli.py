"""`fluxo deploy` on a bare anvil: the file it writes is what the chain holds, and a bad value
is refused before the first transaction (no nonce used, no file written)."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fluxo.chain.bindings.faucet import Faucet
from fluxo.chain.bindings.flux_token import FluxToken
from fluxo.chain.bindings.oracle import Oracle
from fluxo.chain.bindings.requester import Requester
from fluxo.chain.client import ChainClient
from fluxo.cli.main import app
from fluxo.deployment import Deployment
from tests.harness.local_chain import ARBITRATOR, DEPLOYER, TOKEN_WEI, VALIDATOR, LocalChain

pytestmark = pytest.mark.integration


def _deploy(chain: LocalChain, out: Path, *extra: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        app,
        ["deploy", "--rpc-url", chain.url, "--out", str(out), *extra],
        env={"COLUMNS": "200", "FLUXO_PRIVATE_KEY": DEPLOYER.key.to_0x_hex()},
    )
    return result.exit_code, result.stdout, result.stderr


def _nonce(chain: LocalChain) -> int:
    async def body(client: ChainClient) -> int:
        return await client.pending_count(DEPLOYER.address)

    return chain.run(body)


def test_deploy__faucet_and_requester__file_is_what_the_chain_holds(
    chain: LocalChain, tmp_path: Path
) -> None:
    out = tmp_path / "deployment.json"

    exit_code, stdout, stderr = _deploy(
        chain,
        out,
        "--payment-token-is-flx",
        "--min-bond",
        "25",
        "--validity-bond",
        "0.5",
        "--final-arbitrator",
        ARBITRATOR.address,
        "--faucet-drip",
        "1000",
        "--faucet-cooldown-s",
        "60",
        "--requester",
        "app",
        "--requester-creator",
        VALIDATOR.address,
        "--json",
    )

    assert exit_code == 0, stderr
    printed = json.loads(stdout)
    written = Deployment.load(out)
    assert Deployment.parse({k: v for k, v in printed.items() if k != "out"}) == written
    assert written.payment_token == written.flux_token
    assert written.faucet is not None and set(written.requesters) == {"app"}

    async def on_chain(client: ChainClient) -> tuple[object, ...]:
        oracle = Oracle(client, written.oracle)
        config = await oracle.config(0)
        requester = written.requesters["app"]
        return (
            config.min_bond,
            config.validity_bond,
            config.final_arbitrator,
            config.treasury,
            (await oracle.requester_info(requester)).whitelisted,
            await Requester(client, requester).is_creator(VALIDATOR.address),
            await FluxToken(client, written.flux_token).is_minter(written.faucet or ""),
            await Faucet(client, written.faucet or "").flx_drip(),
            await oracle.owner(),
        )

    assert chain.run(on_chain) == (
        25 * TOKEN_WEI,
        TOKEN_WEI // 2,
        ARBITRATOR.address,
        DEPLOYER.address,  # the treasury defaults to the deployer
        True,
        True,
        True,
        1_000 * TOKEN_WEI,
        DEPLOYER.address,
    )


@pytest.mark.parametrize(
    ("extra", "named"),
    [
        (["--min-challenge-period-s", "0"], "--min-challenge-period-s = 0"),
        (["--max-challenge-period-s", "60"], "--max-challenge-period-s = 60: below the minimum"),
        (["--min-challenge-period-s", "200000"], "--min-challenge-period-s = 200000: above"),
        (["--min-bond", "0"], "--min-bond = '0': must be more than 0"),
        (["--validity-bond", "1.5e3"], "--validity-bond = '1.5e3'"),
        (["--treasury", "0x12"], "--treasury = '0x12'"),
        (["--faucet-drip", "0"], "--faucet-drip = '0'"),
        (["--flux-token", VALIDATOR.address], "no contract at this address"),
    ],
)
def test_deploy__bad_value__exit_2_naming_it_and_nothing_sent(
    chain: LocalChain, tmp_path: Path, extra: list[str], named: str
) -> None:
    out = tmp_path / "deployment.json"
    nonce = _nonce(chain)

    exit_code, stdout, stderr = _deploy(chain, out, "--payment-token-is-flx", *extra)

    assert exit_code == 2, stderr
    assert named in stderr
    assert stdout == ""
    assert _nonce(chain) == nonce
    assert not out.exists()


def test_deploy__payment_token_without_code__exit_2_and_nothing_sent(
    chain: LocalChain, tmp_path: Path
) -> None:
    nonce = _nonce(chain)

    exit_code, _, stderr = _deploy(chain, tmp_path / "d.json", "--payment-token", VALIDATOR.address)

    assert exit_code == 2
    assert f"--payment-token = '{VALIDATOR.address}': no contract at this address" in stderr
    assert _nonce(chain) == nonce
