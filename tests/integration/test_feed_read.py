"""`read_feed` and `fluxo feed read` against AggregatorV3Interface contracts on anvil."""

from decimal import Decimal

import pytest
from typer.testing import CliRunner

from fluxo.chain.client import ChainClient
from fluxo.cli.feed import feed_app
from fluxo.devnet.anvil import Anvil
from fluxo.devnet.bindings.mock_erc20 import MockERC20
from fluxo.exceptions import ChainUnavailable, FeedReadError
from fluxo.feeds.reader import read_feed
from fluxo.feeds.reading import FeedReading
from tests.harness.local_chain import DEPLOYER, LocalChain

pytestmark = pytest.mark.integration

MODE_REVERT = 1
ANSWER_RAW = -123_456_789  # negative on purpose: the scaling keeps the sign
DECIMALS = 8
ENV = {"COLUMNS": "200"}


def _deploy(chain: LocalChain, *, age_s: int = 30, mode: int | None = None) -> str:
    async def body(client: ChainClient) -> str:
        updated_at_s = await client.block_timestamp() - age_s
        mock = await chain.deploy_source(
            client, "testing/MockAggregatorV3.vy", DECIMALS, ANSWER_RAW, updated_at_s
        )
        if mode is not None:
            await mock.send(DEPLOYER, "set_mode", mode)
        return mock.address

    return chain.run(body)


def _read(chain: LocalChain, address: str) -> FeedReading:
    async def body(client: ChainClient) -> FeedReading:
        return await read_feed(client, address)

    return chain.run(body)


def test_read_feed__mock_aggregator__scaled_answer_round_and_age(chain: LocalChain) -> None:
    address = _deploy(chain, age_s=30)

    reading = _read(chain, address.lower())

    assert reading.address == address
    assert reading.answer_raw == ANSWER_RAW
    assert reading.answer == Decimal("-1.23456789")
    assert (reading.decimals, reading.round_id, reading.description) == (8, 1, "MOCK / USD")
    assert reading.age_s >= 30  # the deploy block is at least as late as the block we read


def test_read_feed__reverting_feed__feed_read_error_with_reason(chain: LocalChain) -> None:
    address = _deploy(chain, mode=MODE_REVERT)

    with pytest.raises(FeedReadError, match=f"feed {address} reverted: mock_aggregator: reverted"):
        _read(chain, address)


def test_read_feed__no_code_at_address__feed_read_error(chain: LocalChain) -> None:
    with pytest.raises(FeedReadError, match="no contract at 0x4242"):
        _read(chain, "0x" + "42" * 20)


def test_read_feed__not_a_feed__feed_read_error(chain: LocalChain) -> None:
    async def deploy_token(client: ChainClient) -> str:
        return (await MockERC20.deploy(client, DEPLOYER, "Fluxo USD", "fUSD", 18)).address

    address = chain.run(deploy_token)

    with pytest.raises(FeedReadError, match=address):
        _read(chain, address)


def test_read_feed__node_goes_away__chain_unavailable(chain: LocalChain, anvil: Anvil) -> None:
    address = _deploy(chain)

    async def body(client: ChainClient) -> FeedReading:
        anvil.stop()
        return await read_feed(client, address)

    with pytest.raises(ChainUnavailable):
        chain.run(body)


def test_cli_feed_read__mock_aggregator__prints_answer_decimals_round_age(
    chain: LocalChain,
) -> None:
    address = _deploy(chain, age_s=90)

    result = CliRunner().invoke(feed_app, ["read", address, "--rpc-url", chain.url], env=ENV)

    assert result.exit_code == 0, result.output
    assert "-1.23456789" in result.output
    assert "MOCK / USD" in result.output
    for label in ("decimals", "round", "updated at", "age"):
        assert label in result.output


def test_cli_feed_read__json__parsable_with_exact_answer(chain: LocalChain) -> None:
    import json

    address = _deploy(chain, age_s=90)

    result = CliRunner().invoke(
        feed_app, ["read", address, "--rpc-url", chain.url, "--json"], env=ENV
    )

    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["answer"] == "-1.23456789"
    assert document["answer_raw"] == str(ANSWER_RAW)
    assert (document["decimals"], document["round_id"]) == (8, 1)
    assert document["age_s"] >= 90


def test_cli_feed_read__rpc_url_from_env__used(chain: LocalChain) -> None:
    address = _deploy(chain)

    result = CliRunner().invoke(
        feed_app, ["read", address], env={**ENV, "FLUXO_RPC_URL": chain.url}
    )

    assert result.exit_code == 0, result.output
    assert "-1.23456789" in result.output


def test_cli_feed_read__reverting_feed__exits_one_naming_the_feed(chain: LocalChain) -> None:
    address = _deploy(chain, mode=MODE_REVERT)

    result = CliRunner().invoke(feed_app, ["read", address, "--rpc-url", chain.url], env=ENV)

    assert result.exit_code == 1
    assert f"feed read failed: feed {address} reverted" in result.output


def test_cli_feed_read__unreachable_rpc__exits_one_naming_the_url() -> None:
    with Anvil() as stopped:
        url = stopped.url

    result = CliRunner().invoke(feed_app, ["read", "0x" + "42" * 20, "--rpc-url", url], env=ENV)

    assert result.exit_code == 1
    assert f"cannot reach a JSON-RPC node at {url}" in result.output
