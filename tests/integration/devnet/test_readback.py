"""The devnet's read-back of feed rounds against a real chain: a PriceFeed round transmitted by a
provider and the aggregator's update over it come back with their answers and the gas of the
transactions that wrote them, as the summary reports them."""

from decimal import Decimal

import pytest

from fluxo.chain.bindings.feed_aggregator import FeedAggregator
from fluxo.chain.bindings.price_feed import PriceFeed
from fluxo.chain.client import ChainClient
from fluxo.devnet.readback import read_feed
from fluxo.devnet.summary import CheckStatus, FeedRow, check_feeds
from fluxo.feeds.observation import Observation, feed_id
from fluxo.feeds.report import assemble_report
from fluxo.feeds.signing import sign_observation
from tests.harness.local_chain import ANYONE, DEPLOYER, LocalChain, dev_account

pytestmark = pytest.mark.integration

DECIMALS = 8
DESCRIPTION = "ETH / USD (exchanges)"
PROVIDERS = (dev_account(6), dev_account(7), dev_account(8))
QUORUM = 2


def test_read_feed__a_transmitted_round_and_an_aggregator_update__come_back_with_gas(
    chain: LocalChain,
) -> None:
    async def body(client: ChainClient) -> tuple[FeedRow, FeedRow, int, int]:
        start = await client.block_number()
        feed = await PriceFeed.deploy(
            client, DEPLOYER, DECIMALS, DESCRIPTION, [p.address for p in PROVIDERS], QUORUM
        )
        now_s = await client.block_timestamp()
        signed = [
            sign_observation(
                Observation(feed_id(DESCRIPTION), 1, answer, now_s),
                client.chain_id,
                feed.address,
                provider,
            )
            for provider, answer in zip(PROVIDERS, (300_000_000_000, 300_100_000_000), strict=False)
        ]
        report = assemble_report(
            signed, chain_id=client.chain_id, feed_address=feed.address, quorum=QUORUM
        )
        transmitted = await feed.transmit(PROVIDERS[0], *report.transmit_args())
        aggregator = await FeedAggregator.deploy(
            client, DEPLOYER, DECIMALS, "ETH / USD", [feed.address], [3_600], 1, 500, 0, 0
        )
        updated = await aggregator.update(ANYONE)
        feed_row = await read_feed(client, DESCRIPTION, "feed", feed.address, DECIMALS, start)
        aggregator_row = await read_feed(
            client, "ETH / USD", "aggregator", aggregator.address, DECIMALS, start
        )
        return feed_row, aggregator_row, int(transmitted["gasUsed"]), int(updated["gasUsed"])

    feed_row, aggregator_row, transmit_gas, update_gas = chain.run(body)

    (feed_round,) = feed_row.rounds
    assert feed_round.round_id == 1
    # The median of two answers is their mean, rounded toward zero.
    assert Decimal(feed_round.answer) == Decimal("3000.5")
    assert feed_round.gas_used == transmit_gas > 0
    (aggregator_round,) = aggregator_row.rounds
    assert Decimal(aggregator_round.answer) == Decimal("3000.5")
    assert aggregator_round.gas_used == update_gas > 0
    assert check_feeds([feed_row, aggregator_row], price_steps=1).status is CheckStatus.PASSED
