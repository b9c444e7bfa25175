"""Four providers as real `fluxo node run` processes against anvil and a loopback data server.

The feed's signers are the four providers, quorum 3. Each provider reads the same three sources
(one in cents, with a multiplier), so every observation carries the sources' median and the
answer on chain must be exactly that median scaled to the feed's decimals, whichever three or
four observations the leader put in the report. The four nodes start once for the module (a
node takes seconds to start); each test reads the feed's state as it finds it, and the test
that kills a leader starts it again, so the tests do not depend on their order.
"""

import time
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final

import pytest

from fluxo.chain.bindings.price_feed import PriceFeed
from fluxo.chain.bindings.results import RoundData
from fluxo.chain.client import ChainClient
from fluxo.deployment import Deployment
from fluxo.devnet.anvil import Anvil
from fluxo.exceptions import TransactionReverted
from fluxo.node.policy.provider import leader_index
from tests.harness.local_chain import DEPLOYER, LocalChain, dev_account
from tests.harness.node_process import DataServer, NodeProcess, node_document, wait_for
from tests.harness.providers import deploy_provider_feed, free_port, provider_document
from tests.integration.node.conftest import SETTINGS

FEED_NAME: Final = "ETH / USD"
DECIMALS: Final = 8
QUORUM: Final = 3
PROVIDERS: Final = tuple(dev_account(index) for index in (6, 7, 8, 9))
DEVIATION_BPS: Final = 50
HEARTBEAT_S: Final = 6
LEADER_TIMEOUT_S: Final = 3.0
# Reading a moved price, signing, exchanging and transmitting take a second or two; starting
# four nodes on a shared machine takes longer.
ROUND_TIMEOUT_S: Final = 15.0
START_TIMEOUT_S: Final = 60.0


@dataclass(frozen=True)
class Price:
    """What the three sources serve: two in dollars, one in cents."""

    a: str
    b_cents: int
    c: str

    def median_scaled(self) -> int:
        values = sorted([Decimal(self.a), Decimal(self.b_cents) / 100, Decimal(self.c)])
        return int(values[1] * 10**DECIMALS)

    def serve(self, data: DataServer) -> None:
        data.put("/eth/a", {"price": self.a})
        data.put("/eth/b", {"data": {"cents": self.b_cents}})
        data.put("/eth/c", {"price": self.c})


START_PRICE: Final = Price("3000.10", 300_020, "3000.35")  # median 3000.20


@dataclass
class Cluster:
    chain: LocalChain
    deployment: Deployment
    feed: str
    data: DataServer
    nodes: list[NodeProcess]
    signers: tuple[str, ...]

    def node_of(self, signer: str) -> NodeProcess:
        index = [account.address for account in PROVIDERS].index(signer)
        return self.nodes[index]

    def latest(self) -> RoundData | None:
        async def body(client: ChainClient) -> RoundData | None:
            try:
                return await PriceFeed(client, self.feed).latest_round_data()
            except TransactionReverted:
                return None  # no round yet

        return self.chain.run(body)

    def wait_round(self, after: int, answer: int, timeout_s: float) -> RoundData:
        """The first round past `after`, once its answer is `answer`."""

        def landed() -> RoundData | None:
            latest = self.latest()
            if latest is not None and latest.round_id > after and latest.answer == answer:
                return latest
            return None

        value: RoundData = wait_for(landed, timeout_s, f"a round after {after} at {answer}")
        return value

    def transmitted(self, round_id: int) -> list[dict[str, Any]]:
        """Every node's `round_transmitted` log of `round_id`."""
        return [
            record
            for node in self.nodes
            for record in node.events("round_transmitted")
            if record.get("round") == round_id
        ]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    tmp_path = tmp_path_factory.mktemp("providers")
    with ExitStack() as stack:
        # Every transaction mined at once, and a block a second besides: the chain's clock
        # follows the wall clock while nobody sends anything, as a live chain's does.
        anvil = stack.enter_context(Anvil(extra_args=["--block-time", "1", "--mixed-mining"]))
        chain = LocalChain(anvil)
        signers = tuple(account.address for account in PROVIDERS)

        async def deploy(client: ChainClient) -> Deployment:
            protocol = await chain.protocol(client, SETTINGS)
            deployment = protocol.deployment
            feed = await deploy_provider_feed(
                client,
                DEPLOYER,
                signers,
                description=FEED_NAME,
                decimals=DECIMALS,
                quorum=QUORUM,
                hub=deployment.feed_hub,
            )
            return deployment.model_copy(update={"feeds": {FEED_NAME: feed}})

        deployment = chain.run(deploy)
        # The leader rule indexes the contract's list, whatever order it keeps the signers in.
        signers = chain.run(lambda client: PriceFeed(client, deployment.feed(FEED_NAME)).signers())
        deployment_path = tmp_path / "deployment.json"
        deployment.save(deployment_path)
        data = stack.enter_context(DataServer())
        START_PRICE.serve(data)
        ports = [free_port() for _ in PROVIDERS]
        sources = [
            {"end_point": data.url("/eth/a"), "source_path": "price"},
            {"end_point": data.url("/eth/b"), "source_path": "$.data.cents", "multiplier": "0.01"},
            {"end_point": data.url("/eth/c"), "source_path": "price"},
        ]
        nodes = []
        for index, (account, port) in enumerate(zip(PROVIDERS, ports, strict=True)):
            directory = tmp_path / f"provider-{index}"
            document = provider_document(
                node_document(
                    data_dir=directory / "data",
                    rpc_urls=[chain.url],
                    deployment=deployment_path,
                ),
                listen_port=port,
                peers=[f"http://127.0.0.1:{other}" for other in ports if other != port],
                feeds=[
                    {
                        "name": FEED_NAME,
                        "deviation_bps": DEVIATION_BPS,
                        "heartbeat_s": HEARTBEAT_S,
                        "sources": sources,
                    }
                ],
                leader_timeout_s=LEADER_TIMEOUT_S,
            )
            nodes.append(
                stack.enter_context(NodeProcess.running(directory, account.key.hex(), document))
            )
        # Stopped by pid in reverse order on the way out (ExitStack), also when a test fails.
        yield Cluster(chain, deployment, deployment.feed(FEED_NAME), data, nodes, signers)


@pytest.fixture
def settled(cluster: Cluster) -> Iterator[Cluster]:
    """The cluster with every node running, the feed at START_PRICE, and a first round."""
    for node in cluster.nodes:
        if node.process is None or node.process.poll() is not None:
            node.start()
    START_PRICE.serve(cluster.data)
    for node in cluster.nodes:
        node.wait_healthy(START_TIMEOUT_S)
    cluster.wait_round(-1, START_PRICE.median_scaled(), START_TIMEOUT_S)
    yield cluster
    START_PRICE.serve(cluster.data)


def test_providers__price_moves__quorum_transmits_the_sources_median(settled: Cluster) -> None:
    before = settled.latest()
    assert before is not None
    moved = Price("3100.00", 310_050, "3100.10")  # +3.3 %, median 3100.10

    moved.serve(settled.data)
    landed = settled.wait_round(before.round_id, moved.median_scaled(), ROUND_TIMEOUT_S)

    assert landed.round_id == before.round_id + 1
    assert landed.answer == 310_010_000_000
    record = wait_for(
        lambda: settled.transmitted(landed.round_id), ROUND_TIMEOUT_S, "round_transmitted"
    )[0]
    assert record["answer"] == str(landed.answer)
    assert record["observations"] >= QUORUM
    assert record["gas"] > 0


def test_providers__price_unchanged__heartbeat_round_after_heartbeat_s(settled: Cluster) -> None:
    before = settled.latest()
    assert before is not None

    landed = settled.wait_round(
        before.round_id, START_PRICE.median_scaled(), HEARTBEAT_S + ROUND_TIMEOUT_S
    )

    assert landed.round_id == before.round_id + 1
    # An observation's time is the second its value was read, which may be up to a second
    # before the node saw the heartbeat pass.
    assert landed.updated_at - before.updated_at >= HEARTBEAT_S - 1


def test_providers__leader_killed__next_signer_transmits_after_the_timeout(
    settled: Cluster,
) -> None:
    before = settled.latest()
    assert before is not None
    round_id = before.round_id + 1
    n = len(settled.signers)
    dead = settled.signers[leader_index(round_id, 0, n)]
    successor = settled.signers[leader_index(round_id, 1, n)]
    settled.node_of(dead).kill()
    moved = Price("2900.00", 290_010, "2900.20")

    started_s = time.monotonic()
    moved.serve(settled.data)
    landed = settled.wait_round(
        before.round_id, moved.median_scaled(), LEADER_TIMEOUT_S + ROUND_TIMEOUT_S
    )
    elapsed_s = time.monotonic() - started_s

    assert landed.round_id == round_id
    assert elapsed_s >= LEADER_TIMEOUT_S, "landed before the dead leader's turn was over"
    record = wait_for(lambda: settled.transmitted(round_id), ROUND_TIMEOUT_S, "round_transmitted")
    assert len(record) == 1
    assert record[0]["attempt"] == 1
    assert record[0] in settled.node_of(successor).events("round_transmitted")
