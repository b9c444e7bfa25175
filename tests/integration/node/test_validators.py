"""Validators as real `fluxo node run` processes against anvil and a loopback data server.

The faulty validator reads its source while it is wrong and stakes that; the source is then
corrected and the honest validators start: they dispute, the faulty one counters until its
stake limit stops it, the honest answer wins, the faulty one loses everything it staked, and
each winner's balance rises by exactly what `claimable` promised.
"""

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

# Long enough for the honest nodes to start (a few seconds each, more on a loaded machine) after
# the faulty one staked.
CHALLENGE_PERIOD_S = 20


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
    request_id = node_chain.create_price_request(
        data.url("/eth-usd"), challenge_period_s=CHALLENGE_PERIOD_S, settle_in_s=2
    )
    start_balances = {a: _flx_balance(node_chain, a) for a in (faulty, honest_a, honest_b)}

    # The faulty node may stake 250 FLX: round 0 (50) and round 2 (200), not round 4 (800).
    directory, document = _validator(tmp_path, node_chain, "faulty", max_stake_flx="250")
    with NodeProcess.running(directory, faulty_key, document) as faulty_node:
        faulty_node.wait_healthy()
        stake = faulty_node.wait_event(
            "decision", timeout_s=30, where=lambda r: r.get("action") == "stake"
        )
        assert stake["request_id"] == request_id
        assert stake["outcome"] == "0x" + number(300_000).hex()
        data.put("/eth-usd", {"price": "3100.00"})  # the source is corrected

        # Honest A may stake 150 FLX; honest B 1 000.
        dir_a, doc_a = _validator(tmp_path, node_chain, "honest-a", max_stake_flx="150")
        dir_b, doc_b = _validator(tmp_path, node_chain, "honest-b", max_stake_flx="1000")
        with (
            NodeProcess.running(dir_a, honest_a_key, doc_a) as node_a,
            NodeProcess.running(dir_b, honest_b_key, doc_b) as node_b,
        ):
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
