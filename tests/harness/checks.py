"""Shared observations and expectations for contract tests."""

from typing import Any

from fluxo.domain.bonds import claim_payout

Balances = dict[str, tuple[int, int]]


def events(contract: Any, name: str) -> list[Any]:
    """Decoded logs named `name` of `contract`'s last call (child calls included)."""
    return [log for log in contract.get_logs() if type(log).__name__ == name]


def delta(before: Balances, after: Balances, account: Any) -> tuple[int, int]:
    """(FLX, fUSD) change of `account` between two `OracleProtocol.balances` snapshots."""
    key = str(account)
    return (after[key][0] - before[key][0], after[key][1] - before[key][1])


def payout(
    correct_wei: int, total_correct_wei: int, total_incorrect_wei: int, fee_pool_wei: int
) -> tuple[int, int]:
    """What SPEC §4 says a claim pays, from the plain domain math."""
    paid = claim_payout(correct_wei, total_correct_wei, total_incorrect_wei, fee_pool_wei)
    return (paid.stake_wei, paid.payment_wei)


def abi_type(item: dict[str, Any]) -> str:
    """The canonical type string of one ABI input or output, tuples spelled out:
    `(address,uint256)[]`."""
    kind: str = item["type"]
    if kind.startswith("tuple"):
        inner = ",".join(abi_type(component) for component in item["components"])
        return f"({inner}){kind[len('tuple') :]}"
    return kind
