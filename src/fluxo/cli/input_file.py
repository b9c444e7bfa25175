"""Input files and their values, as `fluxo request create --file` and `fluxo market create
--file` read them: TOML or JSON (exact decimals, never binary floats) holding one table of known
keys, and typed values whose every mistake is a `ConfigError` naming where the value came from
(a flag such as `--fee`, or the file and key, `request.toml: fee`)."""

import json
import tomllib
from collections.abc import Collection, Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from fluxo.cli.times import parse_time
from fluxo.domain.request_args import Source
from fluxo.exceptions import ConfigError


def parse_source(text: str, where: str) -> Source:
    """`URL#PATH`, split at the last `#`."""
    url, separator, path = text.rpartition("#")
    if not separator or not url.strip() or not path.strip():
        raise ConfigError(where, text, "a source is URL#PATH, e.g. https://api.example/m/42#winner")
    return Source(url.strip(), path.strip())


def read_document(path: Path, known: Collection[str], *, what: str) -> dict[str, Any]:
    """The file's one table of `what` fields (its keys among `known`)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError("--file", str(path), f"cannot be read: {error.strerror}") from error
    return parse_document(text, path.suffix.lower(), known, what=what, name=path.name)


def merged(
    layers: Sequence[tuple[str, Mapping[str, Any]]],
    flags: Mapping[str, Any],
    flag_names: Mapping[str, str],
) -> tuple[dict[str, Any], dict[str, str]]:
    """The values of each `(origin, values)` layer in turn, a later one overriding, then the
    flags given (None, or an empty list, is "not given"); and where each value came from:
    `"<origin>: key"` or the flag's name."""
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    for origin, layer in layers:
        for key, value in layer.items():
            values[key] = value
            origins[key] = f"{origin}: {key}"
    for key, value in flags.items():
        if value is None or (isinstance(value, list | tuple) and not value):
            continue
        values[key] = value
        origins[key] = flag_names[key]
    return values, origins


def parse_document(
    text: str, suffix: str, known: Collection[str], *, what: str, name: str
) -> dict[str, Any]:
    """`text` (`.toml` or `.json`) as one table whose keys are among `known`."""
    try:
        # Exact decimals: `fee = 1.1` must mean 1.1, not the nearest binary float.
        if suffix == ".toml":
            document: Any = tomllib.loads(text, parse_float=Decimal)
        elif suffix == ".json":
            document = json.loads(text, parse_float=Decimal)
        else:
            raise ConfigError("--file", name, "must end in .toml or .json")
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as error:
        raise ConfigError("--file", name, f"not valid {suffix[1:].upper()}: {error}") from error
    if not isinstance(document, dict):
        raise ConfigError("--file", name, f"must hold one table/object of {what} fields")
    unknown = sorted(set(document) - set(known))
    if unknown:
        raise ConfigError(
            f"{name}: {unknown[0]}", document[unknown[0]], f"unknown key (known: {list(known)})"
        )
    return document


def integer(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConfigError(where, value, "not an integer")
    return value


def text(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise ConfigError(where, value, "not a string")
    return value


def optional_text(value: Any, where: str) -> str | None:
    return None if value is None else text(value, where)


def texts(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise ConfigError(where, value, "not a list of strings")
    return tuple(text(item, where) for item in value)


def sources(value: Any, where: str) -> tuple[Source, ...]:
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise ConfigError(where, value, "not a list of sources")
    found: list[Source] = []
    for item in value:
        if isinstance(item, str):
            found.append(parse_source(item, where))
        elif isinstance(item, Mapping) and set(item) == {"url", "path"}:
            found.append(Source(text(item["url"], where), text(item["path"], where)))
        else:
            raise ConfigError(where, item, 'a source is "URL#PATH" or {url = "...", path = "..."}')
    return tuple(found)


def unix_time(value: Any, where: str) -> int:
    if isinstance(value, datetime):  # a TOML date-time
        if value.tzinfo is None:
            raise ConfigError(where, value.isoformat(), "a date-time needs its zone, e.g. Z")
        return int(value.timestamp())
    if isinstance(value, bool):
        raise ConfigError(where, value, "not a time")
    if isinstance(value, int):
        if value < 0:
            raise ConfigError(where, value, "before 1970: no unix time")
        return value
    if isinstance(value, str):
        return parse_time(value, where)
    raise ConfigError(where, value, "unix seconds or an ISO 8601 time with its zone")
