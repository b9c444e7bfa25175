"""`fluxo node check-config|answer|once|status` in-process through typer's runner, against anvil
and the loopback data server."""

import asyncio
import json
import time
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from fluxo.cli.main import app
from fluxo.devnet.node_config import write_node_config
from fluxo.domain.outcome import OutcomeKind, categorical
from fluxo.domain.request_args import Source
from fluxo.domain.request_builder import build_request
from fluxo.sdk import Fluxo
from tests.harness.node_chain import CREATOR, VALIDATORS, NodeChain
from tests.harness.node_process import KEY_ENV, DataServer, node_document, validator_document

RUNNER = CliRunner()
VALIDATOR = VALIDATORS[0]


def _config(tmp_path: Path, node_chain: NodeChain, **changes: Any) -> Path:
    document = validator_document(
        node_document(
            data_dir=tmp_path / "data", rpc_urls=[node_chain.chain.url], deployment=node_chain.path
        ),
        max_stake_flx="100",
        max_exposure_flx="1000",
    )
    document["node"].update(changes)
    path = tmp_path / "node.toml"
    write_node_config(path, document)
    return path


def _fluxo(*args: str) -> Any:
    return RUNNER.invoke(
        app,
        list(args),
        env={KEY_ENV: VALIDATOR.key.hex()},
    )


def _match_request(node_chain: NodeChain, url: str) -> int:
    async def body() -> int:
        async with await Fluxo.connect(
            node_chain.chain.url, deployment=node_chain.deployment
        ) as fx:
            args = build_request(
                OutcomeKind.CATEGORICAL,
                challenge_period=60,
                description="Who wins the final?",
                sources=[Source(url, "$.winner")],
                outcomes=["Blue", "Red"],
                settlement_time=int(time.time()) - 1,
            )
            return (await fx.requests.create(CREATOR, args)).request_id

    return asyncio.run(body())


def test_check_config__valid__prints_account_and_roles(
    node_chain: NodeChain, tmp_path: Path
) -> None:
    result = _fluxo(
        "node", "check-config", "--config", str(_config(tmp_path, node_chain)), "--json"
    )

    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["account"] == VALIDATOR.address
    assert summary["chains"][0]["roles"] == ["validator"]
    assert summary["chains"][0]["oracle"] == node_chain.deployment.oracle


def test_check_config__unknown_key__exit_2_naming_it(node_chain: NodeChain, tmp_path: Path) -> None:
    path = _config(tmp_path, node_chain, poll_intervall_s=1.0)

    result = _fluxo("node", "check-config", "--config", str(path))

    assert result.exit_code == 2
    assert "poll_intervall_s" in result.stderr
    assert "Traceback" not in result.output


def test_check_config__missing_file__exit_2(tmp_path: Path) -> None:
    result = _fluxo("node", "check-config", "--config", str(tmp_path / "nope.toml"))

    assert result.exit_code == 2
    assert "nope.toml" in result.stderr


def test_answer__categorical_source__shows_sources_and_decision(
    node_chain: NodeChain, data: DataServer, tmp_path: Path
) -> None:
    data.put("/final", {"winner": "  red "})
    request_id = _match_request(node_chain, data.url("/final"))

    result = _fluxo(
        "node", "answer", str(request_id), "--config", str(_config(tmp_path, node_chain)), "--json"
    )

    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["request_id"] == request_id
    assert report["verdict"] == "answer"
    assert report["outcome"] == "0x" + categorical(1).hex()
    source = report["passes"][0]["sources"][0]
    assert source["end_point"] == data.url("/final")
    assert source["http_status"] == 200


def test_answer__source_down__abstains_with_reason(
    node_chain: NodeChain, data: DataServer, tmp_path: Path
) -> None:
    data.put("/final", {"error": "maintenance"}, status=503)
    request_id = _match_request(node_chain, data.url("/final"))

    result = _fluxo(
        "node", "answer", str(request_id), "--config", str(_config(tmp_path, node_chain))
    )

    assert result.exit_code == 0, result.output
    assert "ABSTAIN (too_few_sources)" in result.stdout
    assert "503" in result.stdout


def test_once_then_status__stake_is_journaled_and_shown(
    node_chain: NodeChain, data: DataServer, tmp_path: Path
) -> None:
    data.put("/final", {"winner": "Blue"})
    request_id = _match_request(node_chain, data.url("/final"))
    config = str(_config(tmp_path, node_chain))

    once = _fluxo("node", "once", "--config", config)
    status = _fluxo("node", "status", "--config", config, "--json")

    assert once.exit_code == 0, once.output
    assert status.exit_code == 0, status.output
    chain = json.loads(status.stdout)["chains"][0]
    (request,) = [r for r in chain["requests"] if r["request_id"] == request_id]
    stake = next(d for d in request["decisions"] if d["action"] == "stake")
    assert stake["detail"]["outcome"] == "0x" + categorical(0).hex()
    assert stake["tx_hash"] is not None
    assert int(chain["exposure_wei"]) == int(stake["detail"]["amount_wei"])
