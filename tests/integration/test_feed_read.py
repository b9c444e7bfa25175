"""`read_feed` and `fluxo feed read` against AggregatorV3Interface contracts on anvil."""

import asyncio
from decimal import Decimal

import pytest
from eth_account import Account
from eth_account.signers.local import LocalAccount
from typer.testing import CliRunner

from fluxo.chain.anvil import Anvil
from fluxo.chain.artifacts import MOCK_ERC20, Artifact, load_artifact
from fluxo.chain.client import ChainClient
from fluxo.chain.dev_accounts import ANVIL_DEV_PRIVATE_KEYS
from fluxo.cli.feed import feed_app
from fluxo.exceptions import ChainError, FeedReadError
from fluxo.feeds.reader import read_feed
from fluxo.feeds.reading import FeedReading
from tests.harness.build_script import load_build_script

pytestmark = pytest.mark.integration

DEPLOYER: LocalAccount = Account.from_key(ANVIL_DEV_PRIVATE_KEYS[0])
MODE_REVERT = 1
ANSWER_RAW = -123_456_789  # negative on purpose: the scaling keeps the sign
DECIMALS = 8
ENV = {"COLUMNS": "200"}


@pytest.fixture(scope="module")
def mock_aggregator() -> Artifact:
    built = load_build_script().compile_deployable("testing/MockAggregatorV3.vy")
    return Artifact(built.contract_name, tuple(built.abi), built.bytecode, built.source_sha256)


async def _deploy_mock(client: ChainClient, artifact: Artifact, *, age_s: int) -> str:
    updated_at_s = await client.block_timestamp() - age_s
    return await client.deploy(artifact, DECIMALS, ANSWER_RAW, updated_at_s, sender=DEPLOYER)


def _read(url: str, address: str) -> FeedReading:
    async def main() -> FeedReading:
        async with await ChainClient.connect(url) as client:
            return await read_feed(client.w3, address)

    return asyncio.run(main())


def _deploy(url: str, artifact: Artifact, *, age_s: int = 30, mode: int | None = None) -> str:
    async def main() -> str:
        async with await ChainClient.connect(url) as client:
            address = await _deploy_mock(client, artifact, age_s=age_s)
            if mode is not None:
                mock = client.contract(address, artifact.abi)
                await client.transact(mock.functions.set_mode(mode), DEPLOYER)
            return address

    return asyncio.run(main())


def test_read_feed__mock_aggregator__scaled_answer_round_and_age(
    anvil: Anvil, mock_aggregator: Artifact
) -> None:
    address = _deploy(anvil.url, mock_aggregator, age_s=30)

    reading = _read(anvil.url, address.lower())

    assert reading.address == address
    assert reading.answer_raw == ANSWER_RAW
    assert reading.answer == Decimal("-1.23456789")
    assert (reading.decimals, reading.round_id, reading.description) == (8, 1, "MOCK / USD")
    assert reading.age_s >= 30  # the deploy block is at least as late as the block we read


def test_read_feed__reverting_feed__feed_read_error_with_reason(
    anvil: Anvil, mock_aggregator: Artifact
) -> None:
    address = _deploy(anvil.url, mock_aggregator, mode=MODE_REVERT)

    with pytest.raises(FeedReadError, match=f"feed {address} reverted: mock_aggregator: reverted"):
        _read(anvil.url, address)


def test_read_feed__no_code_at_address__feed_read_error(anvil: Anvil) -> None:
    empty = "0x" + "42" * 20

    with pytest.raises(FeedReadError, match="no contract at 0x4242"):
        _read(anvil.url, empty)


def test_read_feed__not_a_feed__feed_read_error(anvil: Anvil) -> None:
    async def deploy_token() -> str:
        async with await ChainClient.connect(anvil.url) as client:
            return await client.deploy(
                load_artifact(MOCK_ERC20), "Fluxo USD", "fUSD", 18, sender=DEPLOYER
            )

    address = asyncio.run(deploy_token())

    with pytest.raises(FeedReadError, match=address):
        _read(anvil.url, address)


def test_read_feed__node_goes_away__chain_error(anvil: Anvil, mock_aggregator: Artifact) -> None:
    address = _deploy(anvil.url, mock_aggregator)

    async def main() -> None:
        async with await ChainClient.connect(anvil.url) as client:
            anvil.stop()
            await read_feed(client.w3, address)

    with pytest.raises(ChainError, match=f"reading feed {address} failed"):
        asyncio.run(main())


def test_cli_feed_read__mock_aggregator__prints_answer_decimals_round_age(
    anvil: Anvil, mock_aggregator: Artifact
) -> None:
    address = _deploy(anvil.url, mock_aggregator, age_s=90)

    result = CliRunner().invoke(feed_app, ["read", address, "--rpc-url", anvil.url], env=ENV)

    assert result.exit_code == 0, result.output
    assert "-1.23456789" in result.output
    assert "MOCK / USD" in result.output
    for label in ("decimals", "round", "updated at", "age"):
        assert label in result.output


def test_cli_feed_read__rpc_url_from_env__used(anvil: Anvil, mock_aggregator: Artifact) -> None:
    address = _deploy(anvil.url, mock_aggregator)

    result = CliRunner().invoke(
        feed_app, ["read", address], env={**ENV, "FLUXO_RPC_URL": anvil.url}
    )

    assert result.exit_code == 0, result.output
    assert "-1.23456789" in result.output


def test_cli_feed_read__reverting_feed__exits_one_naming_the_feed(
    anvil: Anvil, mock_aggregator: Artifact
) -> None:
    address = _deploy(anvil.url, mock_aggregator, mode=MODE_REVERT)

    result = CliRunner().invoke(feed_app, ["read", address, "--rpc-url", anvil.url], env=ENV)

    assert result.exit_code == 1
    assert f"feed read failed: feed {address} reverted" in result.output


def test_cli_feed_read__unreachable_rpc__exits_one_naming_the_url() -> None:
    with Anvil() as stopped:
        url = stopped.url

    result = CliRunner().invoke(feed_app, ["read", "0x" + "42" * 20, "--rpc-url", url], env=ENV)

    assert result.exit_code == 1
    assert f"cannot reach a JSON-RPC node at {url}" in result.output
