"""`fluxo feed deploy` on anvil, from the PriceFeed artifact shipped with the package."""

import pytest
from typer.testing import CliRunner

from fluxo.chain.bindings.price_feed import PriceFeed
from fluxo.chain.client import ChainClient
from fluxo.cli.feed import feed_app
from fluxo.devnet.dev_accounts import ANVIL_DEV_PRIVATE_KEYS
from fluxo.feeds.observation import feed_id
from tests.harness.local_chain import LocalChain

pytestmark = pytest.mark.integration

KEY_VAR = "FLUXO_TEST_DEPLOYER_KEY"
SIGNERS = ["0x" + f"{i:040x}" for i in (0x11, 0x22, 0x33)]


def _deploy(url: str) -> tuple[int, str]:
    args = ["deploy", "--decimals", "8", "--description", "ETH / USD", "--quorum", "2"]
    for signer in SIGNERS:
        args += ["--signer", signer]
    args += ["--rpc-url", url, "--private-key-env", KEY_VAR]
    env = {"COLUMNS": "200", KEY_VAR: ANVIL_DEV_PRIVATE_KEYS[0]}
    result = CliRunner().invoke(feed_app, args, env=env)
    return result.exit_code, result.output


def test_feed_deploy__artifact_shipped__feed_answers_its_constructor_args(
    chain: LocalChain,
) -> None:
    exit_code, output = _deploy(chain.url)

    assert exit_code == 0, output
    address = output.split("deployed at ")[1].split()[0]

    async def views(client: ChainClient) -> tuple[int, str, bytes, int]:
        feed = PriceFeed(client, address)
        return (
            await feed.decimals(),
            await feed.description(),
            await feed.feed_id(),
            await feed.quorum(),
        )

    assert chain.run(views) == (8, "ETH / USD", feed_id("ETH / USD"), 2)
