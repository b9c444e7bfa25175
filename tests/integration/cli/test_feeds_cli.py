"""`fluxo feed list|history|read` and `fluxo aggregator read|update` on anvil, over three mock
Chainlink sources (2 000, 2 001 and 1 999 USD, 8 decimals) and a FeedAggregator of them, named
in the deployment file."""

from dataclasses import dataclass
from functools import cache
from typing import Final

import pytest
from scripts.compiling import compile_source

from fluxo.chain.artifacts import Artifact
from fluxo.chain.binding import AbiContract
from fluxo.chain.bindings.feed_aggregator import FeedAggregator
from fluxo.chain.client import ChainClient
from fluxo.devnet.devchain import DevChain
from tests.harness.local_chain import ANYONE, DEPLOYER
from tests.integration.cli.conftest import CliChain

pytestmark = pytest.mark.integration

DECIMALS: Final = 8
PRICES: Final = (2_000, 2_001, 1_999)
MIN_INTERVAL_S: Final = 60
AGGREGATOR: Final = "ETH / USD"
SOURCE: Final = "ETH / USD (source A)"


@dataclass(frozen=True)
class FeedsChain:
    cli: CliChain
    sources: tuple[str, ...]
    aggregator: str

    def publish(self, prices: tuple[int, ...], after_s: int) -> None:
        """`after_s` seconds later, every source reports its price, fresh."""

        async def body(client: ChainClient, dev: DevChain) -> None:
            await dev.time_travel(after_s)
            now_s = await client.block_timestamp()
            for address, price in zip(self.sources, prices, strict=True):
                source = AbiContract(client, address, _mock_source().abi)
                await source.send(DEPLOYER, "set_answer", price * 10**DECIMALS, now_s)

        self.cli.chain.run_dev(body)


@cache
def _mock_source() -> Artifact:
    """MockAggregatorV3, compiled once for the module (each fixture deploys three)."""
    compiled = compile_source("testing/MockAggregatorV3.vy")
    return Artifact("MockAggregatorV3", tuple(compiled.abi), compiled.bytecode, "")


@pytest.fixture
def feeds(cli_chain: CliChain) -> FeedsChain:
    async def body(client: ChainClient) -> tuple[tuple[str, ...], str]:
        now_s = await client.block_timestamp()
        sources = tuple(
            [
                await client.deploy(
                    _mock_source(), DECIMALS, price * 10**DECIMALS, now_s, sender=DEPLOYER
                )
                for price in PRICES
            ]
        )
        aggregator = await FeedAggregator.deploy(
            client, DEPLOYER, DECIMALS, AGGREGATOR, sources, [3_600] * 3, 2, 200, MIN_INTERVAL_S, 0
        )
        return sources, aggregator.address

    sources, aggregator = cli_chain.chain.run(body)
    deployment = cli_chain.deployment.model_copy(
        update={"feeds": {SOURCE: sources[0]}, "aggregators": {AGGREGATOR: aggregator}}
    )
    deployment.save(cli_chain.path)
    return FeedsChain(CliChain(cli_chain.chain, deployment, cli_chain.path), sources, aggregator)


def test_aggregator_update__live_sources__new_round_is_the_median(feeds: FeedsChain) -> None:
    updated = feeds.cli.json(["aggregator", "update", AGGREGATOR], signer=ANYONE)

    async def latest(client: ChainClient) -> tuple[int, int]:
        data = await FeedAggregator(client, feeds.aggregator).latest_round_data()
        return data.round_id, data.answer

    assert (updated["round_id"], updated["answer"]) == (1, "2000.00000000")
    assert feeds.cli.chain.run(latest) == (1, 2_000 * 10**DECIMALS)


def test_aggregator_update__within_min_interval__exit_1_and_nothing_sent(feeds: FeedsChain) -> None:
    feeds.cli.json(["aggregator", "update", AGGREGATOR], signer=ANYONE)
    nonce = feeds.cli.nonce(ANYONE)

    result = feeds.cli.invoke(["aggregator", "update", AGGREGATOR], signer=ANYONE)

    assert result.exit_code == 1
    assert "too soon" in result.stderr
    assert feeds.cli.nonce(ANYONE) == nonce


def test_aggregator_read__before_any_round__settings_and_what_update_would_write(
    feeds: FeedsChain,
) -> None:
    shown = feeds.cli.json(["aggregator", "read", AGGREGATOR])

    assert shown["reading"] is None and shown["reading_error"]
    assert shown["sources"] == list(feeds.sources)
    assert (shown["min_sources"], shown["max_spread_bps"], shown["min_interval_s"]) == (2, 200, 60)
    assert shown["peek"]["answer"] == "2000.00000000"
    assert shown["peek"]["sources_used"] == 3


def test_feed_list__feeds_and_aggregators__latest_answers_and_unreadable_ones_said(
    feeds: FeedsChain,
) -> None:
    before = feeds.cli.json(["feed", "list"])["feeds"]
    feeds.cli.json(["aggregator", "update", AGGREGATOR], signer=ANYONE)
    after = {entry["name"]: entry for entry in feeds.cli.json(["feed", "list"])["feeds"]}

    assert [(e["name"], e["kind"], e["reading"] is None) for e in before] == [
        (SOURCE, "feed", False),
        (AGGREGATOR, "aggregator", True),  # no round yet: the row says why
    ]
    assert after[SOURCE]["reading"]["answer"] == "2000.00000000"
    assert after[AGGREGATOR]["reading"]["answer"] == "2000.00000000"
    assert after[AGGREGATOR]["address"] == feeds.aggregator


def test_feed_history__two_rounds__newest_first(feeds: FeedsChain) -> None:
    feeds.cli.json(["aggregator", "update", AGGREGATOR], signer=ANYONE)
    feeds.publish((2_100, 2_102, 2_098), after_s=MIN_INTERVAL_S)
    feeds.cli.json(["aggregator", "update", AGGREGATOR], signer=ANYONE)

    history = feeds.cli.json(["feed", "history", AGGREGATOR, "--rounds", "5"])

    assert [(r["round_id"], r["answer"]) for r in history["rounds"]] == [
        (2, "2100.00000000"),
        (1, "2000.00000000"),
    ]
    assert history["address"] == feeds.aggregator


def test_feed_read__name_in_the_deployment__read_by_its_address(feeds: FeedsChain) -> None:
    read = feeds.cli.json(["feed", "read", SOURCE])

    assert (read["address"], read["answer"], read["decimals"]) == (
        feeds.sources[0],
        "2000.00000000",
        8,
    )


def test_feed_list__deployment_without_feeds__says_so(cli_chain: CliChain) -> None:
    result = cli_chain.invoke(["feed", "list"])

    assert result.exit_code == 0, result.output
    assert "names no feeds or aggregators" in result.stdout
