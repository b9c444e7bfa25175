"""Validators as real `fluxo node run` processes against anvil and a loopback data server.

The faulty validator reads its source while it is wrong and stakes that, alone (the honest
validators are suspended meanwhile); the source is then corrected and the honest validators
resume: they dispute, the faulty one counters until its
stake limit stops it, the honest answer wins, the faulty one loses everything it staked, and
each winner's balance rises by exactly what `claimable` promised.
"""

import os
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fluxo.domain.outcome import number
from tests.harness.local_chain import TOKEN_WEI
from tests.harness.node_chain import VALIDATORS, NodeChain
from tests.harness.node_process import (
    DataServer,
    NodeProcess,
    node_document,
    validator_document,
    wait_for,
)

CHALLENGE_PERIOD_S = 12


@contextmanager
def _paused(*nodes: NodeProcess) -> Iterator[None]:
    """Suspend `nodes` (SIGSTOP) for the block, and let them go on (SIGCONT) after it, also on
    failure."""
    pids = [node.process.pid for node in nodes if node.process is not None]
    for pid in pids:
        os.kill(pid, signal.SIGSTOP)
    try:
        yield
    finally:
        for pid in pids:
            os.kill(pid, signal.SIGCONT)


def _flx_balance(node_chain: NodeChain, account: str, block: int | str = "latest") -> int:
    return node_chain.balance_wei(node_chain.deployment.flux_token, account, block)


def _validator(
    tmp_path: Path, node_chain: NodeChain, name: str, max_stake_flx: str
) -> tuple[Path, dict[str, Any]]:
    directory = tmp_path / name
    document = node_document(
        data_dir=directory / "data",
        rpc_urls=[node_chain.chain.url],
        deployment=node_chain.path,
    )
    return directory, validator_document(
        document, max_stake_flx=max_stake_flx, max_exposure_flx="5000"
    )


def _stake_decisions(node: NodeProcess) -> list[dict[str, Any]]:
    return [
        record for record in node.events("decision") if record.get("action") in ("stake", "dispute")
    ]


def test_validators__faulty_source__honest_dispute_wins_and_faulty_is_slashed(
    node_chain: NodeChain, data: DataServer, tmp_path: Path
) -> None:
    faulty_key, honest_a_key, honest_b_key = (v.key.hex() for v in VALIDATORS)
    faulty, honest_a, honest_b = (v.address for v in VALIDATORS)
    data.put("/eth-usd", {"price": "3000.00"})  # wrong
    start_balances = {a: _flx_balance(node_chain, a) for a in (faulty, honest_a, honest_b)}

    # The faulty node may stake 250 FLX: round 0 (50) and round 2 (200), not round 4 (800);
    # honest A 150 FLX, honest B 1 000.
    directory, document = _validator(tmp_path, node_chain, "faulty", max_stake_flx="250")
    dir_a, doc_a = _validator(tmp_path, node_chain, "honest-a", max_stake_flx="150")
    dir_b, doc_b = _validator(tmp_path, node_chain, "honest-b", max_stake_flx="1000")
    with (
        NodeProcess.running(directory, faulty_key, document) as faulty_node,
        NodeProcess.running(dir_a, honest_a_key, doc_a) as node_a,
        NodeProcess.running(dir_b, honest_b_key, doc_b) as node_b,
    ):
        for node in (faulty_node, node_a, node_b):
            node.wait_healthy()
        # The honest nodes sleep (SIGSTOP) while the faulty one reads the wrong source alone,
        # so how long a node takes to start never decides the test.
        with _paused(node_a, node_b):
            request_id = node_chain.create_price_request(
                data.url("/eth-usd"), challenge_period_s=CHALLENGE_PERIOD_S, settle_in_s=2
            )
            stake = faulty_node.wait_event(
                "decision", timeout_s=30, where=lambda r: r.get("action") == "stake"
            )
            assert stake["request_id"] == request_id
            assert stake["outcome"] == "0x" + number(300_000).hex()
            data.put("/eth-usd", {"price": "3100.00"})  # the source is corrected
        answer = node_chain.with_fx(
            lambda fx: fx.requests.wait(request_id, timeout_s=90, poll_interval_s=0.5)
        )
        assert answer.outcome == number(310_000)

        def claimed(node: NodeProcess) -> list[dict[str, Any]]:
            return [r for r in node.events("decision") if r.get("action") == "claim"]

        winners = [node for node in (node_a, node_b) if _stake_decisions(node)]
        assert winners, "no honest validator staked"
        for node in winners:
            wait_for(lambda node=node: claimed(node), 30, f"{node.directory.name} claim")
        faulty_stakes = _stake_decisions(faulty_node)
        # The faulty node sees its loss once the request is final, and stops tracking it.
        wait_for(lambda: len(faulty_node.events("slashed")) == 2, 30, "the faulty node's slashes")
        assert faulty_node.metric("fluxo_node_slashed_wei_total", chain="devnet") == float(
            250 * TOKEN_WEI
        )

    # The faulty node staked round 0 and countered in round 2, then its limit stopped it.
    assert [d["round"] for d in faulty_stakes] == [0, 2]
    assert _flx_balance(node_chain, faulty) == start_balances[faulty] - 250 * TOKEN_WEI
    for node, account in ((node_a, honest_a), (node_b, honest_b)):
        for claim in claimed(node):
            receipt = node_chain.chain.run(
                lambda client, tx=claim["tx_hash"]: client.wait_for_receipt(tx)
            )
            block = receipt["blockNumber"]
            gained = _flx_balance(node_chain, account, block) - _flx_balance(
                node_chain, account, block - 1
            )
            assert gained == int(claim["amount_wei"]), "claim paid other than claimable said"
    total_won = sum(_flx_balance(node_chain, a) - start_balances[a] for a in (honest_a, honest_b))
    # Winners take the loser's 250 FLX between them (no fee in stake tokens here).
    assert total_won == 250 * TOKEN_WEI


def test_validator__deep_confirmations__dispute_countered_before_its_event_is_confirmed(
    node_chain: NodeChain, data: DataServer, tmp_path: Path
) -> None:
    """The node acts on confirmed events only, but reads a request again as soon as any event
    about it is logged: a dispute is countered long before its event is `CONFIRMATIONS`
    blocks deep."""
    confirmations = 20
    validator, disputer = VALIDATORS[0], VALIDATORS[1]
    data.put("/eth-usd", {"price": "3100.00"})
    request_id = node_chain.create_price_request(
        data.url("/eth-usd"), challenge_period_s=120, settle_in_s=1
    )
    directory, document = _validator(tmp_path, node_chain, "deep", max_stake_flx="1000")
    document["chains"][0]["confirmations"] = confirmations

    async def bury(client: Any, dev: Any) -> None:
        for _ in range(confirmations + 1):
            await dev.mine()

    node_chain.chain.run_dev(bury)  # the request's creation is deep enough at once
    with NodeProcess.running(directory, validator.key.hex(), document) as node:
        node.wait_event("decision", timeout_s=60, where=lambda r: r.get("action") == "stake")
        time.sleep(1.1)  # a dispute is accepted from the block after the bond's
        node_chain.with_fx(lambda fx: fx.requests.dispute(disputer, request_id, number(300_000)))
        disputed_at_s = time.monotonic()

        counter = node.wait_event(
            "decision",
            timeout_s=confirmations,
            where=lambda r: r.get("action") == "dispute" and r.get("round") == 2,
        )

    # Blocks come once a second: the dispute's event was far from confirmed.
    assert time.monotonic() - disputed_at_s < confirmations - 5
    assert counter["outcome"] == "0x" + number(310_000).hex()
