"""Writing node configs for local networks: the devnet writes one `node.toml` per node it runs.

    document = validator_config(data_dir=..., rpc_url=..., deployment=..., ...)
    write_node_config(path, document)   # TOML that `fluxo node` loads (and validates) as usual

`render_toml` is a small writer for the subset a node config uses (tables, arrays of tables,
strings, integers, floats, booleans, arrays of those); amounts are strings, as the config
wants them.
"""

import json
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any


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
