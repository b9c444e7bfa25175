"""A dev protocol for the command line: FLX, the fUSD test payment token, the Oracle, a
whitelisted production `Requester` (app) whose creator holds fUSD, a Faucet that mints FLX, and
the deployment file the commands read. Commands run in-process through typer's runner with the
chain, the deployment and the signer's key in the environment, as a user's shell would have
them."""

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import pytest
from click.testing import Result
from eth_account.signers.local import LocalAccount
from typer.testing import CliRunner

from fluxo.chain.bindings.erc20 import ERC20
from fluxo.chain.bindings.faucet import Faucet
from fluxo.chain.client import ChainClient
from fluxo.cli.main import app
from fluxo.cli.options import DEFAULT_PRIVATE_KEY_ENV_VAR, DEPLOYMENT_ENV_VAR, RPC_URL_ENV_VAR
from fluxo.deploy import OracleSettings
from fluxo.deployment import Deployment
from fluxo.devnet.protocol import add_app_requester, fund
from tests.harness.local_chain import (
    ARBITRATOR,
    DEPLOYER,
    DISPUTER,
    TOKEN_WEI,
    TREASURY,
    VALIDATOR,
    LocalChain,
)

CREATOR: Final = DEPLOYER
PERIOD_S: Final = 60
MAX_OPEN_PERIOD_S: Final = 3_600
FAUCET_DRIP_WEI: Final = 100 * TOKEN_WEI
FAUCET_COOLDOWN_S: Final = 3_600
SETTINGS: Final = OracleSettings(
    validity_bond=2 * TOKEN_WEI,
    min_bond=10 * TOKEN_WEI,
    min_challenge_period=PERIOD_S,
    max_challenge_period=86_400,
    arbitration_threshold=10**24,
    final_arbitrator=ARBITRATOR.address,
    treasury=TREASURY.address,
    max_open_period=MAX_OPEN_PERIOD_S,
)


@dataclass(frozen=True)
class CliChain:
    chain: LocalChain
    deployment: Deployment
    path: Path

    def env(self, signer: LocalAccount | None) -> dict[str, str]:
        env = {
            "COLUMNS": "200",
            RPC_URL_ENV_VAR: self.chain.url,
            DEPLOYMENT_ENV_VAR: str(self.path),
            DEFAULT_PRIVATE_KEY_ENV_VAR: "",
        }
        if signer is not None:
            env[DEFAULT_PRIVATE_KEY_ENV_VAR] = signer.key.to_0x_hex()
        return env

    def invoke(
        self,
        args: Sequence[str],
        *,
        signer: LocalAccount | None = None,
        extra_env: dict[str, str] | None = None,
    ) -> Result:
        return CliRunner().invoke(app, list(args), env={**self.env(signer), **(extra_env or {})})

    def json(self, args: Sequence[str], *, signer: LocalAccount | None = None) -> Any:
        """Run with --json: it succeeds, and stdout is exactly one JSON document."""
        options = list(args)
        # Before a `--`, after which everything is an argument (a negative number, say).
        options.insert(options.index("--") if "--" in options else len(options), "--json")
        result = self.invoke(options, signer=signer)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    def nonce(self, account: LocalAccount) -> int:
        async def body(client: ChainClient) -> int:
            return await client.pending_count(account.address)

        return self.chain.run(body)

    def latest_timestamp(self) -> int:
        async def body(client: ChainClient) -> int:
            return await client.block_timestamp()

        return self.chain.run(body)

    def balances(self, account: str) -> tuple[int, int]:
        """(FLX, fUSD) of `account`, in wei."""

        async def body(client: ChainClient) -> tuple[int, int]:
            return (
                await ERC20(client, self.deployment.flux_token).balance_of(account),
                await ERC20(client, self.deployment.payment_token).balance_of(account),
            )

        return self.chain.run(body)


@pytest.fixture
def cli_chain(chain: LocalChain, tmp_path: Path) -> CliChain:
    async def body(client: ChainClient) -> Deployment:
        protocol = await chain.protocol(client, SETTINGS)
        requester = await add_app_requester(
            client, protocol, DEPLOYER, name="app", creators=[CREATOR.address]
        )
        await fund(protocol, DEPLOYER, CREATOR.address, payment_wei=1_000 * TOKEN_WEI)
        for staker in (VALIDATOR, DISPUTER):
            await fund(protocol, DEPLOYER, staker.address, stake_wei=1_000 * TOKEN_WEI)
        faucet = await Faucet.deploy(
            client,
            DEPLOYER,
            protocol.stake_token.address,
            protocol.payment_token.address,
            FAUCET_DRIP_WEI,
            0,
            FAUCET_COOLDOWN_S,
        )
        await protocol.stake_token.set_minter(DEPLOYER, faucet.address, True)
        return protocol.deployment.model_copy(
            update={"requesters": {"app": requester.address}, "faucet": faucet.address}
        )

    deployment = chain.run(body)
    path = tmp_path / "deployment.json"
    deployment.save(path)
    return CliChain(chain, deployment, path)


def request_args(*extra: str) -> list[str]:
    """`request create` of a categorical question with a 1 fUSD fee."""
    return [
        "request",
        "create",
        "--description",
        "Who wins match 42?",
        "--outcome",
        "Team A",
        "--outcome",
        "Team B",
        "--source",
        "https://scores.example/match/42#winner",
        "--challenge-period-s",
        str(PERIOD_S),
        "--fee",
        "1",
        "--tag",
        "esports",
        *extra,
    ]
