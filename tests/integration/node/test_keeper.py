"""The keeper as a real `fluxo node run` process against anvil: it updates a FeedAggregator over
three PriceFeeds on its first round, on a deviation and on a heartbeat; it finalizes a request
whose window closed when nobody else does; beside a validator in one node, the request is
finalized once.

Each feed has one signer (the deployer), who transmits the rounds the test publishes; the
aggregator takes the median of the three feeds.
"""

import asyncio
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import pytest

from fluxo.chain.bindings.feed_aggregator import FeedAggregator
from fluxo.chain.bindings.price_feed import PriceFeed
from fluxo.chain.client import ChainClient
from fluxo.domain.outcome import OutcomeKind, categorical
from fluxo.domain.request_builder import build_request
from fluxo.feeds.observation import Observation, feed_id
from fluxo.feeds.signing import sign_observation
from fluxo.node.state import NodeState
from fluxo.sdk import Fluxo
from tests.harness.local_chain import DEPLOYER, dev_account
from tests.harness.node_chain import CREATOR, MIN_BOND_WEI, VALIDATORS, NodeChain
from tests.harness.node_process import DataServer, NodeProcess, node_document, validator_document

pytestmark = pytest.mark.integration

KEEPER = dev_account(9)
FEED_SIGNER = DEPLOYER
DECIMALS: Final = 8
AGGREGATOR: Final = "ETH / USD"
FEED_DESCRIPTIONS: Final = ("ETH / USD (a)", "ETH / USD (b)", "ETH / USD (c)")
# A source older than an hour is not live; the aggregator may update every second.
SOURCE_HEARTBEAT_S: Final = 3_600
MIN_INTERVAL_S: Final = 1
# The keeper's triggers: 1 % away from the latest round, or the latest round 10 s old (well
# beyond the second or two the test takes to publish a move after an update).
DEVIATION_BPS: Final = 100
HEARTBEAT_S: Final = 10
CHALLENGE_PERIOD_S: Final = 3
# Starting a node is mostly importing web3 and friends: a second or two, but up to a minute on
# a machine busy with other test runs.
STARTUP_LIMIT_S: Final = 60.0


@dataclass(frozen=True)
class FeedsChain:
    node_chain: NodeChain
    feeds: tuple[str, ...]
    aggregator: str

    def publish(self, price: int) -> None:
        """Every feed transmits a new round at `price` whole units, stamped now."""

        async def body(client: ChainClient) -> None:
            feeds = [PriceFeed(client, address) for address in self.feeds]
            latest_s = max([await feed.latest_timestamp() for feed in feeds])
            # A feed caps a round's time at its block's, so a round stamped in the second of
            # the previous one would not be newer: wait for the chain's next second.
            deadline_s = time.monotonic() + 10
            while (now_s := await client.block_timestamp()) <= latest_s:
                assert time.monotonic() < deadline_s, "the chain stopped producing blocks"
                await asyncio.sleep(0.1)
            for feed, description in zip(feeds, FEED_DESCRIPTIONS, strict=True):
                address = feed.address
                round_id = await feed.latest_round() + 1
                stamp_s = now_s
                answer = price * 10**DECIMALS
                observation = Observation(feed_id(description), round_id, answer, stamp_s)
                signed = sign_observation(observation, client.chain_id, address, FEED_SIGNER)
                await feed.transmit(FEED_SIGNER, round_id, [answer], [stamp_s], [signed.signature])

        self.node_chain.chain.run(body)

    def latest(self) -> tuple[int, int, int]:
        """(round, answer, updatedAt) of the aggregator's latest round; round 0 before any."""

        async def body(client: ChainClient) -> tuple[int, int, int]:
            aggregator = FeedAggregator(client, self.aggregator)
            round_id = await aggregator.latest_round()
            if round_id == 0:
                return 0, 0, 0
            data = await aggregator.get_round_data(round_id)
            return round_id, data.answer, data.updated_at

        return self.node_chain.chain.run(body)


@pytest.fixture
def feeds_chain(node_chain: NodeChain) -> FeedsChain:
    async def body(client: ChainClient) -> tuple[tuple[str, ...], str]:
        feeds = []
        for description in FEED_DESCRIPTIONS:
            feed = await PriceFeed.deploy(
                client, DEPLOYER, DECIMALS, description, [FEED_SIGNER.address], 1
            )
            feeds.append(feed.address)
        aggregator = await FeedAggregator.deploy(
            client,
            DEPLOYER,
            DECIMALS,
            AGGREGATOR,
            feeds,
            [SOURCE_HEARTBEAT_S] * len(feeds),
            2,
            500,
            MIN_INTERVAL_S,
            0,
        )
        return tuple(feeds), aggregator.address

    feeds, aggregator = node_chain.chain.run(body)
    deployment = node_chain.deployment.model_copy(
        update={
            "feeds": dict(zip(FEED_DESCRIPTIONS, feeds, strict=True)),
            "aggregators": {AGGREGATOR: aggregator},
        }
    )
    deployment.save(node_chain.path)
    return FeedsChain(NodeChain(node_chain.chain, deployment, node_chain.path), feeds, aggregator)


def keeper_document(
    tmp_path: Path, node_chain: NodeChain, *, aggregators: list[dict[str, Any]], finalize: bool
) -> dict[str, Any]:
    document = node_document(
        data_dir=tmp_path / "keeper" / "data",
        rpc_urls=[node_chain.chain.url],
        deployment=node_chain.path,
    )
    document["chains"][0]["keeper"] = {
        "enabled": True,
        "finalize": finalize,
        "aggregators": aggregators,
    }
    return document


def _receipt(node_chain: NodeChain, tx_hash: str) -> dict[str, Any]:
    return dict(node_chain.chain.run(lambda client: client.wait_for_receipt(tx_hash)))


def _block_time_s(node_chain: NodeChain, number: int) -> int:
    return node_chain.chain.run(lambda client: _timestamp(client, number))


async def _timestamp(client: ChainClient, number: int) -> int:
    return int((await client.block(number))["timestamp"])


def test_keeper__aggregator__updates_on_first_round_deviation_and_heartbeat_only(
    feeds_chain: FeedsChain, tmp_path: Path
) -> None:
    document = keeper_document(
        tmp_path,
        feeds_chain.node_chain,
        aggregators=[
            {"name": AGGREGATOR, "deviation_bps": DEVIATION_BPS, "heartbeat_s": HEARTBEAT_S}
        ],
        finalize=False,
    )
    with NodeProcess.running(tmp_path / "keeper", KEEPER.key.hex(), document) as keeper:

        def updated(reason: str) -> dict[str, Any]:
            return keeper.wait_event(
                "aggregator_updated", timeout_s=30, where=lambda r: r["reason"] == reason
            )

        # The feeds are empty: `peek()` reverts and the keeper waits. The first round comes
        # from prices published now, so the heartbeat below counts from here, not from the
        # node's start.
        keeper.wait_event("keeper_action_not_sent", timeout_s=STARTUP_LIMIT_S)
        feeds_chain.publish(2_000)
        first = updated("first_round")
        assert feeds_chain.latest()[:2] == (1, 2_000 * 10**DECIMALS)
        assert (first["round"], first["answer"]) == (1, str(2_000 * 10**DECIMALS))

        # 5 % up: past the 1 % threshold, long before the heartbeat.
        feeds_chain.publish(2_100)
        deviation = updated("deviation")
        round_2 = feeds_chain.latest()
        assert round_2[:2] == (2, 2_100 * 10**DECIMALS)
        assert deviation["round"] == 2 and deviation["gas_used"] > 0

        # 0.05 % up: below the threshold, so it waits for round 2 to be HEARTBEAT_S old.
        feeds_chain.publish(2_101)
        heartbeat = updated("heartbeat")
        round_3 = feeds_chain.latest()
        assert round_3[:2] == (3, 2_101 * 10**DECIMALS)
        written_s = _block_time_s(feeds_chain.node_chain, heartbeat["block"])
        # The node's clock may run up to a second ahead of the latest block's.
        assert written_s >= round_2[2] + HEARTBEAT_S - 1
        assert keeper.metric(
            "fluxo_node_aggregator_updates_total",
            chain="devnet",
            aggregator=AGGREGATOR,
            reason="heartbeat",
        ) == pytest.approx(1.0)

    receipt = _receipt(feeds_chain.node_chain, heartbeat["tx_hash"])
    assert receipt["from"] == KEEPER.address
    assert receipt["gasUsed"] == heartbeat["gas_used"]
    # Exactly three updates, one per reason: nothing sent on the small move before its time.
    assert len(keeper.events("aggregator_updated")) == 3
    assert feeds_chain.latest()[0] == 3


def test_keeper__expired_request_nobody_finalizes__keeper_finalizes_it_once(
    node_chain: NodeChain, tmp_path: Path
) -> None:
    """A staker answers by hand and walks away; the window closes; the keeper, which staked
    nothing, finalizes on the staker's answer."""
    staker = VALIDATORS[0]
    answer = categorical(1)

    async def answered_request(fx: Fluxo) -> int:
        now_s = await fx.client.block_timestamp()
        args = build_request(
            OutcomeKind.CATEGORICAL,
            challenge_period=CHALLENGE_PERIOD_S,
            description="Who wins the final?",
            outcomes=["Blue", "Red"],
            settlement_time=now_s,
        )
        request_id = (await fx.requests.create(CREATOR, args)).request_id
        staked = await fx.requests.stake(staker, request_id, answer, MIN_BOND_WEI)
        assert staked.bonded
        return request_id

    request_id = node_chain.with_fx(answered_request)
    document = keeper_document(tmp_path, node_chain, aggregators=[], finalize=True)
    with NodeProcess.running(tmp_path / "keeper", KEEPER.key.hex(), document) as keeper:
        decision = keeper.wait_event(
            "decision", timeout_s=STARTUP_LIMIT_S, where=lambda r: r.get("action") == "finalize"
        )
        answer_final = node_chain.with_fx(
            lambda fx: fx.requests.wait(request_id, timeout_s=15, poll_interval_s=0.2)
        )
        assert keeper.metric("fluxo_node_finalizations_total", chain="devnet") == 1.0

    assert decision["request_id"] == request_id
    assert decision["reason"] == "window_expired"
    assert answer_final.outcome == answer
    receipt = _receipt(node_chain, decision["tx_hash"])
    assert receipt["from"] == KEEPER.address and receipt["status"] == 1
    assert len(keeper.events("decision")) == 1


def test_keeper_and_validator_in_one_node__expired_request__finalized_once(
    node_chain: NodeChain, data: DataServer, tmp_path: Path
) -> None:
    """Both roles may finalize the request the validator answered; they share the decision and
    the transaction key, so one `finalize` is sent, and the validator still claims."""
    data.put("/eth-usd", {"price": "3000.00"})
    request_id = node_chain.create_price_request(
        data.url("/eth-usd"), challenge_period_s=CHALLENGE_PERIOD_S
    )
    document = validator_document(
        keeper_document(tmp_path, node_chain, aggregators=[], finalize=True),
        max_stake_flx="100",
        max_exposure_flx="1000",
    )
    with NodeProcess.running(tmp_path / "keeper", VALIDATORS[1].key.hex(), document) as node:
        node.wait_healthy(timeout_s=STARTUP_LIMIT_S)
        claim = node.wait_event("decision", where=lambda r: r.get("action") == "claim")

    assert claim["request_id"] == request_id
    finalizes = [r for r in node.events("decision") if r.get("action") == "finalize"]
    assert [(r["request_id"], r["round"]) for r in finalizes] == [(request_id, 1)]
    state = NodeState.open_read_only(node.data_dir)
    try:
        keys = [attempt.key for attempt in state.recent_attempts("devnet", 50)]
    finally:
        state.close()
    assert [key for key in keys if "finalize" in key] == [f"devnet:request:{request_id}:1:finalize"]
