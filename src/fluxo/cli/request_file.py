"""A request as `fluxo request create` takes it: from flags, from a TOML or JSON file, or both
(a flag given overrides the file's value; a repeatable flag given replaces the file's list).

The file's schema (TOML shown; JSON has the same keys and values):

    kind = "categorical"            # categorical | number | string; categorical when outcomes
                                    # are given and kind is not
    description = "Who wins match 42?"
    outcomes = ["Team A", "Team B"] # categorical only, 2 to 8 labels
    decimals = 0                    # number only: answers are scaled by 10**decimals
    settlement_time = "2030-01-01T12:00:00Z"  # or unix seconds, or a TOML date-time with zone;
                                    # omitted or 0: settles at creation
    challenge_period_s = 600        # required
    fee = "1.5"                     # payment-token units (a string, an integer or an exact
                                    # decimal; never a binary float), default 0
    min_bond = "0"                  # FLX units, default 0 (the config's minimum applies)
    tags = ["esports"]
    requester = "app"               # a requester of the deployment by name, or an address
    [[sources]]                     # 0 to 8; or sources = ["https://api.example/m/42#winner"]
    url = "https://api.example/m/42"
    path = "winner"                 # a JSON path into the source's body (SPEC III.3)

On the command line a source is `--source URL#PATH`, split at the last `#` (a path never holds
one; a URL's own fragment is never sent to the server anyway).

Every mistake is a `ConfigError` naming where the value came from: the flag (`--fee`) or the
file and key (`request.toml: fee`).
"""

import json
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

from fluxo.cli.amounts import amount_text
from fluxo.cli.times import parse_time
from fluxo.domain.outcome import OutcomeKind
from fluxo.domain.request_args import RequestArgs, Source
from fluxo.domain.request_builder import build_request
from fluxo.exceptions import ConfigError, InvalidRequest

# Each key of the file, and the flag that sets it.
FLAGS: Final = {
    "kind": "--kind",
    "description": "--description",
    "sources": "--source",
    "outcomes": "--outcome",
    "decimals": "--decimals",
    "settlement_time": "--settlement-time",
    "challenge_period_s": "--challenge-period-s",
    "fee": "--fee",
    "min_bond": "--min-bond",
    "tags": "--tag",
    "requester": "--requester",
}
KINDS: Final = {kind.name.lower(): kind for kind in OutcomeKind}
# `RequestArgs` field (as `InvalidRequest` names it, without an index) -> the key above.
_KEY_OF_FIELD: Final = {
    "data_type": "kind",
    "challenge_period": "challenge_period_s",
    "description": "description",
    "sources": "sources",
    "outcomes": "outcomes",
    "decimals": "decimals",
    "settlement_time": "settlement_time",
    "fee": "fee",
    "min_bond": "min_bond",
    "tags": "tags",
}


@dataclass(frozen=True, slots=True)
class RequestSpec:
    """A request before its amounts are turned into wei (that needs the tokens' decimals).
    `fee` and `min_bond` are token-unit texts; `origins` says where each key came from."""

    kind: OutcomeKind
    challenge_period_s: int
    description: str = ""
    sources: tuple[Source, ...] = ()
    outcomes: tuple[str, ...] = ()
    decimals: int = 0
    settlement_time: int = 0
    fee: str = "0"
    min_bond: str = "0"
    tags: tuple[str, ...] = ()
    requester: str | None = None
    origins: Mapping[str, str] = field(default_factory=dict)

    def where(self, key: str) -> str:
        """The flag or `file: key` a value came from."""
        return self.origins.get(key, FLAGS[key])

    def args(self, *, fee_wei: int, min_bond_wei: int) -> RequestArgs:
        """The checked `RequestArgs` (every bound that needs no chain)."""
        try:
            return build_request(
                self.kind,
                challenge_period=self.challenge_period_s,
                description=self.description,
                sources=self.sources,
                outcomes=self.outcomes,
                decimals=self.decimals,
                settlement_time=self.settlement_time,
                min_bond=min_bond_wei,
                fee=fee_wei,
                tags=self.tags,
            )
        except InvalidRequest as error:
            raise self.blame(error) from error

    def blame(self, error: InvalidRequest) -> ConfigError:
        """`error` (named by `RequestArgs` field) renamed to where the user wrote the value;
        amounts are shown as the user wrote them, not in wei."""
        key = _KEY_OF_FIELD.get(error.field.split("[")[0].split(".")[0])
        if key is None:
            return ConfigError(error.field, error.value, error.reason)
        value: object = error.value
        if key in ("fee", "min_bond"):
            value = getattr(self, key)
        return ConfigError(self.where(key), value, error.reason)


def request_spec(file: Path | None, flags: Mapping[str, Any]) -> RequestSpec:
    """Merge the file (if any) and the flags given (None, or an empty list, is "not given")."""
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    if file is not None:
        for key, value in _read_file(file).items():
            values[key] = value
            origins[key] = f"{file.name}: {key}"
    for key, value in flags.items():
        if value is None or (isinstance(value, list | tuple) and not value):
            continue
        values[key] = value
        origins[key] = FLAGS[key]

    def where(key: str) -> str:
        return origins.get(key, FLAGS[key])

    outcomes = _texts(values.get("outcomes", ()), where("outcomes"))
    return RequestSpec(
        kind=_kind(values.get("kind"), bool(outcomes), where("kind")),
        challenge_period_s=_required_int(values.get("challenge_period_s"), where),
        description=_text(values.get("description", ""), where("description")),
        sources=_sources(values.get("sources", ()), where("sources")),
        outcomes=outcomes,
        decimals=_int(values.get("decimals", 0), where("decimals")),
        settlement_time=_time(values.get("settlement_time", 0), where("settlement_time")),
        fee=amount_text(values.get("fee", "0")),
        min_bond=amount_text(values.get("min_bond", "0")),
        tags=_texts(values.get("tags", ()), where("tags")),
        requester=_optional_text(values.get("requester"), where("requester")),
        origins=origins,
    )


def parse_source(text: str, where: str) -> Source:
    """`URL#PATH`, split at the last `#`."""
    url, separator, path = text.rpartition("#")
    if not separator or not url.strip() or not path.strip():
        raise ConfigError(where, text, "a source is URL#PATH, e.g. https://api.example/m/42#winner")
    return Source(url.strip(), path.strip())


def _read_file(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError("--file", str(path), f"cannot be read: {error.strerror}") from error
    suffix = path.suffix.lower()
    try:
        # Exact decimals: `fee = 1.1` must mean 1.1, not the nearest binary float.
        if suffix == ".toml":
            document: Any = tomllib.loads(text, parse_float=Decimal)
        elif suffix == ".json":
            document = json.loads(text, parse_float=Decimal)
        else:
            raise ConfigError("--file", str(path), "must end in .toml or .json")
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as error:
        raise ConfigError(
            "--file", str(path), f"not valid {suffix[1:].upper()}: {error}"
        ) from error
    if not isinstance(document, dict):
        raise ConfigError("--file", str(path), "must hold one table/object of request fields")
    unknown = sorted(set(document) - set(FLAGS))
    if unknown:
        raise ConfigError(
            f"{path.name}: {unknown[0]}",
            document[unknown[0]],
            f"unknown key (known: {list(FLAGS)})",
        )
    return document


def _kind(value: Any, has_outcomes: bool, where: str) -> OutcomeKind:
    if value is None:
        if has_outcomes:
            return OutcomeKind.CATEGORICAL
        raise ConfigError(where, None, f"not given: one of {', '.join(KINDS)}")
    if not isinstance(value, str) or value.strip().lower() not in KINDS:
        raise ConfigError(where, value, f"one of {', '.join(KINDS)}")
    return KINDS[value.strip().lower()]


def _required_int(value: Any, where: Any) -> int:
    if value is None:
        raise ConfigError(where("challenge_period_s"), None, "not given: the dispute window in s")
    return _int(value, where("challenge_period_s"))


def _int(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConfigError(where, value, "not an integer")
    return value


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise ConfigError(where, value, "not a string")
    return value


def _optional_text(value: Any, where: str) -> str | None:
    return None if value is None else _text(value, where)


def _texts(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise ConfigError(where, value, "not a list of strings")
    return tuple(_text(item, where) for item in value)


def _sources(value: Any, where: str) -> tuple[Source, ...]:
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise ConfigError(where, value, "not a list of sources")
    sources: list[Source] = []
    for item in value:
        if isinstance(item, str):
            sources.append(parse_source(item, where))
        elif isinstance(item, Mapping) and set(item) == {"url", "path"}:
            sources.append(Source(_text(item["url"], where), _text(item["path"], where)))
        else:
            raise ConfigError(where, item, 'a source is "URL#PATH" or {url = "...", path = "..."}')
    return tuple(sources)


def _time(value: Any, where: str) -> int:
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
