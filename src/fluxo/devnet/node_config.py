"""Writing node configs for local networks: the devnet writes one `node.toml` per node it runs.

    base = NodeBase(directory=..., listen_port=9471, key_env="FLUXO_NODE_KEY", rpc_url=...,
                    chain_id=31337, deployment=Path("deployment.json"))
    document = validator_config(base, max_stake_per_request_flx="50", max_exposure_flx="500")
    write_node_config(path, document)   # TOML that `fluxo node` loads (and validates) as usual

`render_toml` is a small writer for the subset a node config uses (tables, arrays of tables,
strings, integers, floats, booleans, arrays of those); amounts are strings, as the config
wants them.
"""

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

# A devnet node acts on a log as soon as it is mined: anvil never reorgs.
DEVNET_CONFIRMATIONS: Final = 0
DEVNET_POLL_INTERVAL_S: Final = 0.25
# `[fetch]` of a local node: its sources are on 127.0.0.1, which production nodes refuse; two
# quick passes, as a local source answers at once.
LOCAL_FETCH: Final = {
    "timeout_s": 5.0,
    "allow_private_hosts": True,
    "repeats": 2,
    "repeat_interval_s": 0.1,
}


@dataclass(frozen=True, slots=True)
class NodeBase:
    """What every devnet node's config shares: its directory, its fixed HTTP port on
    127.0.0.1 (peers must know it before the node starts), the variable holding its key, and
    the one chain it serves."""

    directory: Path
    listen_port: int
    key_env: str
    rpc_url: str
    chain_id: int
    deployment: Path
    chain_name: str = "devnet"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.listen_port}"


def _document(base: NodeBase, roles: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "node": {
            "data_dir": str(base.directory / "data"),
            "listen": f"127.0.0.1:{base.listen_port}",
            "poll_interval_s": DEVNET_POLL_INTERVAL_S,
            "log_format": "json",
        },
        "signer": {"private_key_env": base.key_env},
        "fetch": dict(LOCAL_FETCH),
        "chains": [
            {
                "name": base.chain_name,
                "chain_id": base.chain_id,
                "rpc_urls": [base.rpc_url],
                "deployment": str(base.deployment),
                "confirmations": DEVNET_CONFIRMATIONS,
                "log_range_blocks": 1_000,
                "rpc_timeout_s": 5.0,
                "transactions": {"stuck_after_s": 10.0},
                **roles,
            }
        ],
    }


def validator_config(
    base: NodeBase, *, max_stake_per_request_flx: str, max_exposure_flx: str
) -> dict[str, Any]:
    """A validator: answers requests from their sources, disputes, finalizes and claims."""
    return _document(
        base,
        {
            "validator": {
                "enabled": True,
                "max_stake_per_request_flx": max_stake_per_request_flx,
                "max_total_exposure_flx": max_exposure_flx,
            }
        },
    )


@dataclass(frozen=True, slots=True)
class ProvidedFeed:
    """A feed a provider reports: its deployment name, when a round is due, where it reads."""

    name: str
    deviation_bps: int
    heartbeat_s: int
    source_urls: tuple[tuple[str, str], ...]  # (end point, source path)


def provider_config(
    base: NodeBase, *, peers: Sequence[str], feeds: Sequence[ProvidedFeed], leader_timeout_s: float
) -> dict[str, Any]:
    """A price provider: signs observations of `feeds`, shares them with `peers` (the other
    providers' URLs), and transmits the rounds it leads."""
    return _document(
        base,
        {
            "provider": {
                "enabled": True,
                "peers": list(peers),
                "leader_timeout_s": leader_timeout_s,
                "feeds": [
                    {
                        "name": feed.name,
                        "deviation_bps": feed.deviation_bps,
                        "heartbeat_s": feed.heartbeat_s,
                        "sources": [
                            {"end_point": end_point, "source_path": source_path}
                            for end_point, source_path in feed.source_urls
                        ],
                    }
                    for feed in feeds
                ],
            }
        },
    )


def keeper_config(base: NodeBase, *, aggregators: Sequence[tuple[str, int, int]]) -> dict[str, Any]:
    """A keeper: finalizes requests whose window closed and updates `aggregators`, given as
    (name, deviation_bps, heartbeat_s)."""
    return _document(
        base,
        {
            "keeper": {
                "enabled": True,
                "finalize": True,
                "aggregators": [
                    {"name": name, "deviation_bps": deviation_bps, "heartbeat_s": heartbeat_s}
                    for name, deviation_bps, heartbeat_s in aggregators
                ],
            }
        },
    )


def render_toml(document: Mapping[str, Any]) -> str:
    """`document` as TOML text."""
    lines: list[str] = []
    _table(lines, (), document)
    return "\n".join(lines).lstrip("\n") + "\n"


def write_node_config(path: Path, document: Mapping[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_toml(document), encoding="utf-8")


def _table(lines: list[str], name: tuple[str, ...], table: Mapping[str, Any]) -> None:
    nested: list[tuple[str, Any]] = []
    for key, value in table.items():
        if isinstance(value, Mapping) or _is_table_array(value):
            nested.append((key, value))
        elif value is not None:
            lines.append(f"{_key(key)} = {_value(value)}")
    for key, value in nested:
        path = (*name, key)
        if isinstance(value, Mapping):
            lines.append("")
            lines.append(f"[{'.'.join(_key(part) for part in path)}]")
            _table(lines, path, value)
        else:
            for item in value:
                lines.append("")
                lines.append(f"[[{'.'.join(_key(part) for part in path)}]]")
                _table(lines, path, item)


def _is_table_array(value: Any) -> bool:
    return (
        isinstance(value, Sequence)
        and not isinstance(value, str)
        and len(value) > 0
        and all(isinstance(item, Mapping) for item in value)
    )


def _key(key: str) -> str:
    if key and all(c.isalnum() or c in "_-" for c in key):
        return key
    return json.dumps(key)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"TOML has no {value}")
        return repr(value)
    if isinstance(value, str):
        # A JSON string is a valid TOML basic string for every character JSON escapes.
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Path):
        return json.dumps(str(value), ensure_ascii=False)
    if isinstance(value, Sequence):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")
