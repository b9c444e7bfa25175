"""ABI type strings as signatures and eth-abi spell them: tuples written out in full."""

from collections.abc import Mapping
from typing import Any


def canonical_type(item: Mapping[str, Any]) -> str:
    """The canonical type of one ABI input or output: `(address,uint256)[]` for a struct
    array, `uint256` for a plain value."""
    kind: str = item["type"]
    if kind.startswith("tuple"):
        inner = ",".join(canonical_type(component) for component in item["components"])
        return f"({inner}){kind[len('tuple') :]}"
    return kind
