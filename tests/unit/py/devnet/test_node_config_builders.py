"""The devnet's node configs (validator, provider, keeper) load as the node loads them."""

from pathlib import Path

from fluxo.devnet.node_config import (
    NodeBase,
    ProvidedFeed,
    keeper_config,
    provider_config,
    validator_config,
    write_node_config,
)
from fluxo.node.config import NodeConfig, load_config

TOKEN = "0x5FbDB2315678afecb367f032d93F642f64180aa3"
ORACLE = "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0"
FEED = "0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9"
AGGREGATOR = "0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9"


def _base(tmp_path: Path) -> NodeBase:
    deployment = tmp_path / "deployment.json"
    deployment.write_text(
        '{"version": 1, "chain_id": 31337, "start_block": 0,'
        f' "flux_token": "{TOKEN}", "payment_token": "{TOKEN}", "oracle": "{ORACLE}",'
        f' "feeds": {{"ETH / USD (exchanges)": "{FEED}"}},'
        f' "aggregators": {{"ETH / USD": "{AGGREGATOR}"}}}}'
    )
    return NodeBase(
        directory=tmp_path / "node",
        listen_port=9471,
        key_env="FLUXO_DEVNET_NODE_KEY",
        rpc_url="http://127.0.0.1:8545",
        chain_id=31337,
        deployment=deployment,
    )


def _load(base: NodeBase, document: dict[str, object]) -> NodeConfig:
    path = base.directory / "node.toml"
    write_node_config(path, document)
    return load_config(path, environ={})


def test_validator_config__loads_with_its_limits(tmp_path: Path) -> None:
    base = _base(tmp_path)

    config = _load(
        base, validator_config(base, max_stake_per_request_flx="50", max_exposure_flx="900")
    )

    chain = config.chains[0]
    assert chain.roles == ("validator",)
    assert chain.validator.max_stake_per_request_wei == 50 * 10**18
    assert chain.confirmations == 0
    assert config.fetch.allow_private_hosts
    assert config.node.listen == "127.0.0.1:9471"


def test_provider_config__loads_with_its_peers_and_feed_sources(tmp_path: Path) -> None:
    base = _base(tmp_path)
    feed = ProvidedFeed(
        name="ETH / USD (exchanges)",
        deviation_bps=50,
        heartbeat_s=3_600,
        source_urls=(("http://127.0.0.1:7000/prices/a", "price"),),
    )

    config = _load(
        base,
        provider_config(base, peers=["http://127.0.0.1:9472"], feeds=[feed], leader_timeout_s=4.0),
    )

    provider = config.chains[0].provider
    assert config.chains[0].roles == ("provider",)
    assert provider.peers == ["http://127.0.0.1:9472"]
    assert provider.feeds[0].sources[0].end_point == "http://127.0.0.1:7000/prices/a"


def test_keeper_config__loads_with_its_aggregator(tmp_path: Path) -> None:
    base = _base(tmp_path)

    config = _load(base, keeper_config(base, aggregators=[("ETH / USD", 50, 3_600)]))

    keeper = config.chains[0].keeper
    assert config.chains[0].roles == ("keeper",)
    assert keeper.finalize
    assert keeper.aggregators[0].name == "ETH / USD"
