"""Faults a running node must survive, on real `fluxo node run` processes against anvil: a
SIGKILL in the middle of a request's life, its RPC cut and restored, its first RPC endpoint
dying, a config pointing at the wrong chain, and SIGTERM.

A reorg is made with anvil's `evm_snapshot`/`evm_revert`: the scanner's own test shows the
dropped event reported and the replacement returned; here the node forgets the dropped request
and answers the one that replaced it under the same id. Proven at component level only: a stuck
transaction replaced by a fee bump (test_transactions.py drives the node's own
`TxManager.reconcile` with mining paused; the node process only adds the loop calling it).

One validator answers a NUMBER request alone; its money flow: it stakes the round-0 bond
(`MIN_BOND_WEI` FLX), nobody disputes, and its claim returns that bond plus the whole fee.
"""

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

import pytest

from fluxo.chain.bindings.oracle import Oracle, Staked
from fluxo.chain.client import ChainClient
from fluxo.domain.outcome import number
from fluxo.node.state import NodeState
from tests.harness.local_chain import TOKEN_WEI
from tests.harness.node_chain import MIN_BOND_WEI, VALIDATORS, NodeChain
from tests.harness.node_process import (
    DataServer,
    NodeProcess,
    node_document,
    validator_document,
    wait_for,
)
from tests.harness.tcp_proxy import TcpProxy

pytestmark = pytest.mark.integration

VALIDATOR = VALIDATORS[0]
FEE_WEI: Final = 3 * TOKEN_WEI
PRICE: Final = {"price": "3000.00"}
ANSWER: Final = number(300_000)  # 3000.00 at 2 decimals
STOP_LIMIT_S: Final = 10.0
# Starting a node is mostly importing web3 and friends: a second or two, but up to a minute on
# a machine busy with other test runs.
STARTUP_LIMIT_S: Final = 60.0


@pytest.fixture
def proxy(node_chain: NodeChain) -> Iterator[TcpProxy]:
    with TcpProxy(node_chain.chain.anvil.port) as running:
        yield running


def _document(
    directory: Path, node_chain: NodeChain, rpc_urls: list[str] | None = None
) -> dict[str, Any]:
    document = node_document(
        data_dir=directory / "data",
        rpc_urls=rpc_urls or [node_chain.chain.url],
        deployment=node_chain.path,
    )
    return validator_document(document, max_stake_flx="100", max_exposure_flx="1000")


def _create_request(node_chain: NodeChain, source_url: str, challenge_period_s: int) -> int:
    return node_chain.create_price_request(
        source_url, challenge_period_s=challenge_period_s, fee_wei=FEE_WEI
    )


def _balances(node_chain: NodeChain, account: str, block: int | str = "latest") -> tuple[int, int]:
    """(FLX wei, payment-token wei) of `account` at `block`."""
    deployment = node_chain.deployment
    return (
        node_chain.balance_wei(deployment.flux_token, account, block),
        node_chain.balance_wei(deployment.payment_token, account, block),
    )


def _stakes_by(node_chain: NodeChain, request_id: int, staker: str) -> list[Staked]:
    """Every `Staked` event of `staker` on the request, from the chain's logs."""

    async def body(client: ChainClient) -> list[Staked]:
        oracle = Oracle(client, node_chain.deployment.oracle)
        logs = await client.get_logs(
            node_chain.deployment.start_block,
            await client.block_number(),
            addresses=[oracle.address],
            topics=[Staked.TOPIC],
            topic1=request_id.to_bytes(32, "big"),
        )
        events = oracle.decode_logs(logs)
        return [e for e in events if isinstance(e, Staked) and e.staker == staker]

    return node_chain.chain.run(body)


def _decisions(node: NodeProcess, action: str) -> list[dict[str, Any]]:
    return [record for record in node.events("decision") if record.get("action") == action]


def _assert_claim_paid_what_it_said(node_chain: NodeChain, claim: dict[str, Any]) -> None:
    """The claim's block moved the validator's balances by exactly what `claimable` showed:
    its own bond back in FLX and the whole fee (it was the only staker)."""
    receipt = node_chain.chain.run(lambda client: client.wait_for_receipt(claim["tx_hash"]))
    block = int(receipt["blockNumber"])
    flx_after, usd_after = _balances(node_chain, VALIDATOR.address, block)
    flx_before, usd_before = _balances(node_chain, VALIDATOR.address, block - 1)
    assert receipt["status"] == 1
    assert (flx_after - flx_before, usd_after - usd_before) == (
        int(claim["amount_wei"]),
        int(claim["payment_wei"]),
    )
    assert (int(claim["amount_wei"]), int(claim["payment_wei"])) == (MIN_BOND_WEI, FEE_WEI)


def test_validator__sigkilled_after_staking__restart_neither_restakes_nor_misses_the_claim(
    node_chain: NodeChain, data: DataServer, tmp_path: Path
) -> None:
    data.put("/eth-usd", PRICE)
    start = _balances(node_chain, VALIDATOR.address)
    request_id = _create_request(node_chain, data.url("/eth-usd"), challenge_period_s=6)

    with NodeProcess.running(
        tmp_path / "v", VALIDATOR.key.hex(), _document(tmp_path / "v", node_chain)
    ) as node:
        node.wait_healthy(timeout_s=STARTUP_LIMIT_S)
        node.wait_event("decision", where=lambda r: r.get("action") == "stake")
        node.kill()  # the stake is journaled and sent; the window is still open
        assert node.process is not None and node.process.returncode == -9
        assert len(_stakes_by(node_chain, request_id, VALIDATOR.address)) == 1

        node.start()
        node.wait_healthy(timeout_s=STARTUP_LIMIT_S)
        claim = node.wait_event("decision", where=lambda r: r.get("action") == "claim")

    stakes = _stakes_by(node_chain, request_id, VALIDATOR.address)
    assert [(s.round, s.outcome, s.amount) for s in stakes] == [(0, ANSWER, MIN_BOND_WEI)]
    assert len(_decisions(node, "stake")) == 1  # across both runs (one log file)
    assert claim["request_id"] == request_id
    _assert_claim_paid_what_it_said(node_chain, claim)
    # Net: the bond came back, the fee was earned.
    assert _balances(node_chain, VALIDATOR.address) == (start[0], start[1] + FEE_WEI)


def test_reorg__request_dropped_before_settlement__node_answers_only_its_replacement(
    node_chain: NodeChain, data: DataServer, tmp_path: Path
) -> None:
    """Request 0 is created reading one source, seen by the node (no confirmations), then
    reorged away and created again reading another: the node stakes the replacement's answer
    once and nothing for the dropped one."""
    data.put("/dropped", {"price": "1000.00"})
    data.put("/replacement", PRICE)
    document = _document(tmp_path / "v", node_chain)
    with NodeProcess.running(tmp_path / "v", VALIDATOR.key.hex(), document) as node:
        node.wait_healthy(timeout_s=STARTUP_LIMIT_S)
        snapshot = node_chain.chain.run_dev(lambda _client, dev: dev.snapshot())
        dropped_id = node_chain.create_price_request(
            data.url("/dropped"), challenge_period_s=60, settle_in_s=5
        )

        def recorded_source() -> str | None:
            state = NodeState.open_read_only(node.data_dir)
            try:
                record = state.request("devnet", dropped_id)
            finally:
                state.close()
            return None if record is None else str(record.creation["sources"][0][0])

        wait_for(recorded_source, 15, "the node to record the first request")
        node_chain.chain.run_dev(lambda _client, dev: dev.revert(snapshot))
        request_id = node_chain.create_price_request(
            data.url("/replacement"), challenge_period_s=60, settle_in_s=2
        )
        stake = node.wait_event("decision", where=lambda r: r.get("action") == "stake")
        reorged = node.events("request_reorged_away")

    assert request_id == dropped_id == 0
    assert [r["request_id"] for r in reorged] == [request_id]
    assert (stake["request_id"], stake["outcome"]) == (request_id, "0x" + ANSWER.hex())
    stakes = _stakes_by(node_chain, request_id, VALIDATOR.address)
    assert [(s.round, s.outcome) for s in stakes] == [(0, ANSWER)]
    assert len(_decisions(node, "stake")) == 1


def test_rpc_cut__while_running__health_503_with_reason_then_recovers_and_completes(
    node_chain: NodeChain, data: DataServer, proxy: TcpProxy, tmp_path: Path
) -> None:
    data.put("/eth-usd", PRICE)
    challenge_period_s = 4
    request_id = _create_request(node_chain, data.url("/eth-usd"), challenge_period_s)
    document = _document(tmp_path / "v", node_chain, rpc_urls=[proxy.url])

    with NodeProcess.running(tmp_path / "v", VALIDATOR.key.hex(), document) as node:
        node.wait_healthy(timeout_s=STARTUP_LIMIT_S)
        node.wait_event("decision", where=lambda r: r.get("action") == "stake")
        proxy.stop()

        def unhealthy() -> dict[str, Any] | None:
            status = node.health()
            return status[1] if status is not None and status[0] == 503 else None

        body = wait_for(unhealthy, 15, "health 503 while the RPC is cut")
        assert "no RPC endpoint is healthy" in body["problems"]

        # Keep the RPC cut until the window has closed: finalizing and claiming must both
        # happen after the node recovers.
        async def closed(client: ChainClient) -> bool:
            info = await Oracle(client, node_chain.deployment.oracle).round_info(request_id, 1)
            return await client.block_timestamp() >= info.end

        def window_closed() -> bool:
            return node_chain.chain.run(closed)

        wait_for(window_closed, 15, "the dispute window to close")
        assert not _decisions(node, "finalize") and not _decisions(node, "claim")

        proxy.start()
        node.wait_healthy(timeout_s=30)
        claim = node.wait_event("decision", where=lambda r: r.get("action") == "claim")

    assert claim["request_id"] == request_id
    _assert_claim_paid_what_it_said(node_chain, claim)


def test_two_rpc_urls__first_dies__fails_over_counted_and_keeps_acting(
    node_chain: NodeChain, data: DataServer, tmp_path: Path
) -> None:
    data.put("/eth-usd", PRICE)
    port = node_chain.chain.anvil.port
    with TcpProxy(port) as first, TcpProxy(port) as second:
        document = _document(tmp_path / "v", node_chain, rpc_urls=[first.url, second.url])
        with NodeProcess.running(tmp_path / "v", VALIDATOR.key.hex(), document) as node:
            node.wait_healthy(timeout_s=STARTUP_LIMIT_S)
            first.stop()
            request_id = _create_request(node_chain, data.url("/eth-usd"), 60)
            stake = node.wait_event("decision", where=lambda r: r.get("action") == "stake")
            failovers = node.metric("fluxo_node_rpc_failovers_total", chain="devnet")
            body = node.wait_healthy()

    assert stake["request_id"] == request_id
    assert len(_stakes_by(node_chain, request_id, VALIDATOR.address)) == 1
    assert failovers >= 1
    endpoints = body["chains"]["devnet"]["rpc"]["endpoints"]
    assert [endpoint["healthy"] for endpoint in endpoints] == [False, True]


def test_node_run__wrong_chain_id__exits_1_quickly_naming_both_ids(
    node_chain: NodeChain, tmp_path: Path
) -> None:
    """The deployment and the config agree on chain id 1, but the RPC serves anvil's 31337:
    the node must refuse before it signs anything."""
    wrong = node_chain.deployment.model_copy(update={"chain_id": 1})
    wrong_path = tmp_path / "deployment-chain-1.json"
    wrong.save(wrong_path)
    document = node_document(
        data_dir=tmp_path / "v" / "data",
        rpc_urls=[node_chain.chain.url],
        deployment=wrong_path,
        chain_id=1,
    )
    document = validator_document(document, max_stake_flx="100", max_exposure_flx="1000")

    with NodeProcess.running(tmp_path / "v", VALIDATOR.key.hex(), document) as node:
        assert node.process is not None
        # A node that accepted the endpoint would run until stopped. The bound is the
        # interpreter's start-up (imports take seconds on a loaded machine), not a retry loop.
        exit_code = node.process.wait(timeout=STARTUP_LIMIT_S)

    # Rich wraps the message to the terminal width: compare it with the line breaks undone.
    output = " ".join(node.log_path.read_text(encoding="utf-8").split())
    assert exit_code == 1, output
    assert "serves chain id 31337, expected 1: refusing to use it" in output
    assert not node.events("node_started") and node.url() is None


def test_node_run__sigterm__exits_0_within_10_s_with_its_state_on_disk(
    node_chain: NodeChain, data: DataServer, tmp_path: Path
) -> None:
    data.put("/eth-usd", PRICE)
    request_id = _create_request(node_chain, data.url("/eth-usd"), 60)
    with NodeProcess.running(
        tmp_path / "v", VALIDATOR.key.hex(), _document(tmp_path / "v", node_chain)
    ) as node:
        node.wait_healthy(timeout_s=STARTUP_LIMIT_S)
        node.wait_event("decision", where=lambda r: r.get("action") == "stake")
        started = time.monotonic()
        exit_code = node.stop(timeout_s=STOP_LIMIT_S)
        elapsed_s = time.monotonic() - started

    assert exit_code == 0
    assert elapsed_s < STOP_LIMIT_S
    assert node.events("node_stopped")
    state = NodeState.open_read_only(node.data_dir)
    try:
        stake = state.decision("devnet", request_id, 0, "stake")
        assert stake is not None and stake.tx_key is not None
        attempts = state.attempts("devnet", f"devnet:{stake.tx_key}")
        cursor = state.scan_cursor("devnet", "oracle")
    finally:
        state.close()
    assert attempts and attempts[-1].tx_hash
    assert cursor is not None and cursor.number >= node_chain.deployment.start_block
