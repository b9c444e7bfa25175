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

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from fluxo.cli.amounts import amount_text
from fluxo.cli.input_file import (
    integer,
    merged,
    optional_text,
    read_document,
    sources,
    text,
    texts,
    unix_time,
)
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
    layers = [] if file is None else [(file.name, read_document(file, FLAGS, what="request"))]
    values, origins = merged(layers, flags, FLAGS)

    def where(key: str) -> str:
        return origins.get(key, FLAGS[key])

    outcomes = texts(values.get("outcomes", ()), where("outcomes"))
    return RequestSpec(
        kind=_kind(values.get("kind"), bool(outcomes), where("kind")),
        challenge_period_s=_required_int(values.get("challenge_period_s"), where),
        description=text(values.get("description", ""), where("description")),
        sources=sources(values.get("sources", ()), where("sources")),
        outcomes=outcomes,
        decimals=integer(values.get("decimals", 0), where("decimals")),
        settlement_time=unix_time(values.get("settlement_time", 0), where("settlement_time")),
        fee=amount_text(values.get("fee", "0")),
        min_bond=amount_text(values.get("min_bond", "0")),
        tags=texts(values.get("tags", ()), where("tags")),
        requester=optional_text(values.get("requester"), where("requester")),
        origins=origins,
    )


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
    return integer(value, where("challenge_period_s"))
