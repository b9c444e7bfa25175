"""`fluxo node status`: what the node is doing, from its database (read-only, so the node may be
running) and, when reachable, the chain (balances, stakes at risk).

The snapshot is plain JSON: amounts are decimal strings of wei under keys ending in `_wei`.
"""

import asyncio
from typing import Any, Final

from fluxo.chain.bindings.erc20 import ERC20
from fluxo.chain.bindings.oracle import Oracle
from fluxo.chain.client import ChainClient
from fluxo.exceptions import ChainError
from fluxo.node.config import ChainSection, NodeConfig
from fluxo.node.requests import ESCALATED_ACTION, OPEN
from fluxo.node.state import NodeState
from fluxo.node.validator import decision_key

RECENT_TRANSACTIONS: Final = 10
SCANNER: Final = "oracle"


async def node_status(config: NodeConfig, account: str) -> dict[str, Any]:
    state = NodeState.open_read_only(config.node.data_dir)
    try:
        chains = [await _chain_status(section, state, account) for section in config.chains]
    finally:
        state.close()
    return {"account": account, "data_dir": str(config.node.data_dir), "chains": chains}


async def _chain_status(section: ChainSection, state: NodeState, account: str) -> dict[str, Any]:
    name = section.name
    cursor = state.scan_cursor(name, SCANNER)
    requests = []
    escalated = []
    stakes: list[tuple[int, int, bytes]] = []
    for record in state.requests(name, statuses=[OPEN]):
        decisions = []
        for decision in state.decisions(name, record.request_id):
            if decision.action == ESCALATED_ACTION:
                escalated.append(record.request_id)
            tracked = state.attempts(name, f"{name}:{decision.tx_key}") if decision.tx_key else []
            decisions.append(
                {
                    "round": decision.round,
                    "action": decision.action,
                    "detail": dict(decision.detail),
                    "tx_hash": tracked[-1].tx_hash if tracked else None,
                    "tx_status": tracked[-1].status.value if tracked else None,
                }
            )
            key = decision_key(decision.action, decision.round)
            outcome = decision.detail.get("outcome")
            if key is not None and key.action.value in ("stake", "dispute") and outcome:
                stakes.append((record.request_id, decision.round, bytes.fromhex(outcome[2:])))
        requests.append(
            {
                "request_id": record.request_id,
                "status": record.status,
                "description": record.creation.get("description", ""),
                "settlement_time": record.creation.get("settlement_time"),
                "decisions": decisions,
            }
        )
    transactions = [
        {
            "key": attempt.key,
            "label": attempt.label,
            "nonce": attempt.nonce,
            "tx_hash": attempt.tx_hash,
            "status": attempt.status.value,
            "revert_reason": attempt.revert_reason,
            "error": attempt.error,
        }
        for attempt in state.recent_attempts(name, RECENT_TRANSACTIONS)
    ]
    balances: dict[str, str] | None
    exposure_wei: str | None
    error: str | None = None
    try:
        balances, exposure = await _chain_reads(section, account, stakes)
        exposure_wei = str(exposure)
    except ChainError as failure:
        balances, exposure_wei, error = None, None, str(failure)
    return {
        "name": name,
        "chain_id": section.chain_id,
        "roles": list(section.roles),
        "last_processed_block": None if cursor is None else cursor.number,
        "requests": requests,
        "escalated": sorted(set(escalated)),
        "exposure_wei": exposure_wei,
        "balances": balances,
        "error": error,
        "recent_transactions": transactions,
    }


async def _chain_reads(
    section: ChainSection, account: str, stakes: list[tuple[int, int, bytes]]
) -> tuple[dict[str, str], int]:
    deployment = section.deployed
    url = section.rpc_endpoints[0][0]
    client = await ChainClient.connect(url, expected_chain_id=section.chain_id)
    try:
        oracle = Oracle(client, deployment.oracle)
        eth, flx, payment = await asyncio.gather(
            client.balance(account),
            ERC20(client, deployment.flux_token).balance_of(account),
            ERC20(client, deployment.payment_token).balance_of(account),
        )
        staked = await asyncio.gather(
            *(oracle.staked(rid, r, account, outcome) for rid, r, outcome in stakes)
        )
    finally:
        await client.close()
    balances = {"eth_wei": str(eth), "flx_wei": str(flx), "payment_wei": str(payment)}
    return balances, sum(staked)
