"""`render_toml` writes what tomllib reads back, and a node config written with it loads."""

import tomllib
from pathlib import Path

import pytest

from fluxo.devnet.node_config import render_toml, write_node_config
from fluxo.node.config import load_config

DOCUMENT = {
    "title": 'quote " and \\ backslash, ünïcode',
    "count": 3,
    "ratio": 0.25,
    "flag": False,
    "urls": ["http://127.0.0.1:1", "http://127.0.0.1:2"],
    "table": {"inner": 1, "deeper": {"x": "y"}},
    "items": [{"name": "a", "sub": [{"k": 1}]}, {"name": "b"}],
}


def test_render_toml__mixed_document__reads_back_equal() -> None:
    assert tomllib.loads(render_toml(DOCUMENT)) == DOCUMENT


def test_render_toml__none_values__are_left_out() -> None:
    assert tomllib.loads(render_toml({"a": 1, "b": None})) == {"a": 1}


@pytest.mark.parametrize("value", [float("nan"), float("inf"), object()])
def test_render_toml__unwritable_value__raises(value: object) -> None:
    with pytest.raises((TypeError, ValueError)):
        render_toml({"bad": value})


def test_write_node_config__validator_document__loads_as_node_config(tmp_path: Path) -> None:
    deployment = tmp_path / "deployment.json"
    deployment.write_text(
        '{"version": 1, "chain_id": 31337, "start_block": 0,'
        ' "flux_token": "0x5FbDB2315678afecb367f032d93F642f64180aa3",'
        ' "payment_token": "0x5FbDB2315678afecb367f032d93F642f64180aa3",'
        ' "oracle": "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0"}'
    )
    document = {
        "node": {"data_dir": "data", "listen": "127.0.0.1:0", "poll_interval_s": 0.5},
        "signer": {"private_key_env": "KEY"},
        "chains": [
            {
                "name": "devnet",
                "chain_id": 31337,
                "rpc_urls": ["http://127.0.0.1:8545"],
                "deployment": "deployment.json",
                "validator": {
                    "enabled": True,
                    "max_stake_per_request_flx": "100",
                    "max_total_exposure_flx": "1000",
                },
            }
        ],
    }
    path = tmp_path / "node.toml"
    write_node_config(path, document)

    config = load_config(path, environ={})

    assert config.node.poll_interval_s == 0.5
    assert config.chains[0].validator.max_stake_per_request_wei == 100 * 10**18
    assert config.node.data_dir == tmp_path / "data"
