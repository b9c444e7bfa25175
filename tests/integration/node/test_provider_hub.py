"""A leader of two feeds that both take the FeedHub's reports sends them in one
`transmit_many`, in process against anvil.

The node leads round 1 of both feeds (the signer at index 1 of the sorted list) and its store
holds a quorum of the other providers' observations for each before its first turn, so both
reports are ready in the same turn whatever its own fetch does.
"""

import asyncio
import io
import json
import time
from pathlib import Path
from typing import Any, Final

import pytest
from eth_account.signers.local import LocalAccount

from fluxo.chain.bindings.price_feed import PriceFeed
from fluxo.chain.client import ChainClient
from fluxo.deployment import Deployment
from fluxo.devnet.node_config import write_node_config
from fluxo.feeds.observation import Observation, feed_id
from fluxo.feeds.signing import sign_observation
from fluxo.node.config import load_config
from fluxo.node.logs import make_logger
from fluxo.node.observations.wire import WireObservation
from fluxo.node.runner import Node
from tests.harness.local_chain import DEPLOYER, LocalChain, dev_account
from tests.harness.node_process import DataServer, node_document
from tests.harness.providers import deploy_provider_feed, provider_document
from tests.integration.node.conftest import SETTINGS

FEEDS: Final = ("ETH / USD", "BTC / USD")
DECIMALS: Final = 8
QUORUM: Final = 3
PROVIDERS: Final = tuple(dev_account(index) for index in (6, 7, 8, 9))
PRICES: Final = {"ETH / USD": "3000", "BTC / USD": "90000"}
ANSWERS: Final = {"ETH / USD": 300_000_000_000, "BTC / USD": 9_000_000_000_000}


@pytest.fixture
def hub_chain(live_chain: LocalChain, tmp_path: Path) -> tuple[Deployment, Path]:
    async def body(client: ChainClient) -> Deployment:
        protocol = await live_chain.protocol(client, SETTINGS)
        deployment = protocol.deployment
        feeds = {
            name: await deploy_provider_feed(
                client,
                DEPLOYER,
                [account.address for account in PROVIDERS],
                description=name,
                decimals=DECIMALS,
                quorum=QUORUM,
                hub=deployment.feed_hub,
            )
            for name in FEEDS
        }
        return deployment.model_copy(update={"feeds": feeds})

    deployment = live_chain.run(body)
    path = tmp_path / "deployment.json"
    deployment.save(path)
    return deployment, path


def _signed(
    signer: LocalAccount, name: str, address: str, answer: int, now_s: int
) -> WireObservation:
    observation = Observation(feed_id(name), 1, answer, now_s)
    return WireObservation.from_signed(
        address, sign_observation(observation, 31337, address, signer)
    )


def test_provider__leads_two_hub_feeds__one_transmit_many_lands_both(
    live_chain: LocalChain,
    hub_chain: tuple[Deployment, Path],
    data: DataServer,
    tmp_path: Path,
) -> None:
    deployment, deployment_path = hub_chain
    signers = sorted((account for account in PROVIDERS), key=lambda a: int(a.address, 16))
    leader = signers[1]  # round 1, attempt 0: (1 + 0) % 4
    others = [account for account in signers if account is not leader]
    for index, name in enumerate(FEEDS):
        data.put(f"/price/{index}", {"price": PRICES[name]})
    document = provider_document(
        node_document(
            data_dir=tmp_path / "node" / "data",
            rpc_urls=[live_chain.url],
            deployment=deployment_path,
        ),
        listen_port=0,
        peers=[],
        feeds=[
            {
                "name": name,
                "deviation_bps": 50,
                "heartbeat_s": 3_600,
                "sources": [{"end_point": data.url(f"/price/{index}"), "source_path": "price"}],
            }
            for index, name in enumerate(FEEDS)
        ],
        leader_timeout_s=60.0,
    )
    write_node_config(tmp_path / "node" / "node.toml", document)
    config = load_config(tmp_path / "node" / "node.toml")
    logs = io.StringIO()

    async def main() -> Node:
        node = await Node.start(
            config, leader, logger=make_logger(logs, log_format="json"), serve_http=False
        )
        try:
            assert node.store is not None
            now_s = int(time.time())
            for name in FEEDS:
                address = deployment.feed(name)
                for signer in others:
                    outcome = await node.store.insert(
                        _signed(signer, name, address, ANSWERS[name], now_s)
                    )
                    assert outcome.accepted, outcome
            # One turn sends, the next reads the receipt.
            assert await node.run_once()
            assert await node.run_once()
        finally:
            await node.close()
        return node

    node = asyncio.run(main())

    async def rounds(client: ChainClient) -> dict[str, tuple[int, int]]:
        result = {}
        for name in FEEDS:
            data_ = await PriceFeed(client, deployment.feed(name)).latest_round_data()
            result[name] = (data_.round_id, data_.answer)
        return result

    assert live_chain.run(rounds) == {name: (1, ANSWERS[name]) for name in FEEDS}
    records = [json.loads(line) for line in logs.getvalue().splitlines() if line.startswith("{")]
    landed: list[dict[str, Any]] = [r for r in records if r["event"] == "round_transmitted"]
    assert sorted(r["feed"] for r in landed) == sorted(FEEDS)
    assert all(r["via_hub"] for r in landed)
    assert len({r["tx_hash"] for r in landed}) == 1, "both rounds in one transaction"
    sent = [r for r in records if r["event"] == "transmit_sent"]
    assert len(sent) == 1
    gas = node.metrics.registry.get_sample_value(
        "fluxo_node_transmit_gas_total", {"chain": "devnet"}
    )
    assert gas == landed[0]["gas"]
