"""A market as `fluxo market create` takes it: from a shipped template (`--template NAME --set
KEY=VALUE`), a TOML or JSON file (`--file`), flags, or a mix (flags override the file's or the
template's values; a repeatable flag given replaces their list).

The file's schema (TOML shown; JSON has the same keys):

    question = "Who wins match 42?"
    category = "esports"                # the request's `category:` tag, at most 55 bytes
    outcomes = ["Team A", "Team B"]     # categorical: 2 to 8 labels; or, for a scalar market:
    # lower = "-200"                    # bounds in answer units (decimals allowed), and
    # upper = "800"
    # decimals = 2                      # the answer is scaled by 10**decimals
    sources = ["https://scores.example/m/42#winner"]   # URL#PATH, or [[sources]] url/path
    close_in_s = 3600                   # or close_time = "2030-01-01T12:00:00Z" (unix s too)
    settle_after_close_s = 0            # or settlement_time = ...; default: at close
    challenge_period_s = 600            # the Oracle request's dispute window
    fee_bps = 100                       # swap fee: 0, or 1 to 500
    funding = "100"                     # initial liquidity, collateral units
    weights = [1, 1]                    # its odds: price_i is proportional to 1 / weight_i
    min_bond = "0"                      # FLX, the request's minimum round-0 bond
    oracle_fee = "0"                    # payment-token units, paid to correct stakers
    collateral = "0x…"                  # default: the deployment's payment token

Every mistake is a `ConfigError` naming where the value came from: a flag (`--fee-bps`), the
file and key (`market.toml: fee_bps`), or the template and key.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from fluxo.cli.amounts import amount_text
from fluxo.cli.input_file import (
    integer,
    merged,
    read_document,
    sources,
    text,
    texts,
    unix_time,
)
from fluxo.domain.request_args import Source
from fluxo.exceptions import ConfigError, InvalidMarket
from fluxo.markets.spec import MarketSpec, ScalarRange
from fluxo.markets.templates import load_template, render

# Each key of the file, and the flag that sets it.
FLAGS: Final = {
    "question": "--question",
    "category": "--category",
    "outcomes": "--outcome",
    "lower": "--lower",
    "upper": "--upper",
    "decimals": "--decimals",
    "sources": "--source",
    "close_time": "--close-time",
    "close_in_s": "--close-in-s",
    "settlement_time": "--settlement-time",
    "settle_after_close_s": "--settle-after-close-s",
    "challenge_period_s": "--challenge-period-s",
    "fee_bps": "--fee-bps",
    "funding": "--funding",
    "weights": "--weight",
    "min_bond": "--min-bond",
    "oracle_fee": "--oracle-fee",
    "collateral": "--collateral",
}
# `MarketSpec` field (as `InvalidMarket` names it, without an index) -> the key above; the
# times are blamed on whichever of their two keys was given.
_KEY_OF_FIELD: Final = {
    "question": "question",
    "category": "category",
    "outcomes": "outcomes",
    "scalar.lower": "lower",
    "scalar.upper": "upper",
    "scalar.decimals": "decimals",
    "sources": "sources",
    "challenge_period_s": "challenge_period_s",
    "fee_bps": "fee_bps",
    "funding_wei": "funding",
    "weights": "weights",
    "min_bond_wei": "min_bond",
    "oracle_fee_wei": "oracle_fee",
    "collateral": "collateral",
}
_AMOUNT_KEYS: Final = ("funding", "min_bond", "oracle_fee", "lower", "upper")
# A signed decimal in answer units: a scalar bound.
_SIGNED_DECIMAL: Final = re.compile(r"-?[0-9]+(\.[0-9]+)?")


@dataclass(frozen=True, slots=True)
class MarketInput:
    """A market before its amounts become wei (that needs the tokens' decimals) and its
    relative times become unix times (that needs the chain's clock)."""

    question: str
    challenge_period_s: int
    category: str = ""
    outcomes: tuple[str, ...] = ()
    lower: str | None = None
    upper: str | None = None
    decimals: int = 0
    sources: tuple[Source, ...] = ()
    close_time: int | None = None
    close_in_s: int | None = None
    settlement_time: int | None = None
    settle_after_close_s: int = 0
    fee_bps: int = 0
    funding: str = "0"
    weights: tuple[int, ...] = ()
    min_bond: str = "0"
    oracle_fee: str = "0"
    collateral: str | None = None
    origins: Mapping[str, str] = field(default_factory=dict)

    def where(self, key: str) -> str:
        """The flag, `file: key` or `template NAME: key` a value came from."""
        return self.origins.get(key, FLAGS[key])

    def close_at(self, now_s: int) -> int:
        return self.close_time if self.close_time is not None else now_s + (self.close_in_s or 0)

    def scalar(self) -> ScalarRange | None:
        if self.lower is None and self.upper is None:
            return None
        if self.lower is None or self.upper is None:
            missing = "lower" if self.lower is None else "upper"
            raise ConfigError(self.where(missing), None, "a scalar market needs both bounds")
        return ScalarRange(
            _scaled(self.lower, self.decimals, self.where("lower")),
            _scaled(self.upper, self.decimals, self.where("upper")),
            self.decimals,
        )

    def spec(
        self,
        *,
        now_s: int,
        collateral: str,
        funding_wei: int,
        min_bond_wei: int,
        oracle_fee_wei: int,
    ) -> MarketSpec:
        close_time = self.close_at(now_s)
        settlement_time = (
            self.settlement_time
            if self.settlement_time is not None
            else close_time + self.settle_after_close_s
        )
        return MarketSpec(
            question=self.question,
            collateral=collateral,
            close_time=close_time,
            challenge_period_s=self.challenge_period_s,
            outcomes=self.outcomes,
            scalar=self.scalar(),
            category=self.category,
            sources=self.sources,
            settlement_time=settlement_time,
            fee_bps=self.fee_bps,
            funding_wei=funding_wei,
            weights=self.weights,
            min_bond_wei=min_bond_wei,
            oracle_fee_wei=oracle_fee_wei,
        )

    def blame(self, error: InvalidMarket) -> ConfigError:
        """`error` (named by `MarketSpec` field) renamed to where the user wrote the value;
        amounts and relative times are shown as the user wrote them."""
        name = error.field.split("[")[0]
        if name in ("close_time", "settlement_time"):
            relative = "close_in_s" if name == "close_time" else "settle_after_close_s"
            absolute_given = name in self.origins
            key = name if absolute_given or relative not in self.origins else relative
        else:
            key = _KEY_OF_FIELD.get(name, "")
        if not key:
            return ConfigError(error.field, error.value, error.reason)
        value: object = error.value
        if key in _AMOUNT_KEYS or key in ("close_in_s", "settle_after_close_s"):
            value = getattr(self, key)
        return ConfigError(self.where(key), value, error.reason)


def market_input(
    file: Path | None,
    template: str | None,
    settings: Sequence[str],
    flags: Mapping[str, Any],
) -> MarketInput:
    """Merge the template or file (if any) and the flags given (None, or an empty list, is
    "not given")."""
    if file is not None and template is not None:
        raise ConfigError("--template", template, "or --file, not both")
    if settings and template is None:
        raise ConfigError("--set", settings[0], "only with --template")
    layers: list[tuple[str, Mapping[str, Any]]] = []
    if template is not None:
        layers.append(
            (f"template {template}", render(load_template(template), _settings(settings)))
        )
    if file is not None:
        layers.append((file.name, read_document(file, FLAGS, what="market")))
    given = _build(*merged(layers, flags, FLAGS))
    given.scalar()  # the bounds need no chain: a mistake there costs no connection
    return given


def _build(values: Mapping[str, Any], origins: Mapping[str, str]) -> MarketInput:
    def where(key: str) -> str:
        return origins.get(key, FLAGS[key])

    def optional(key: str, parse: Any) -> Any:
        return None if values.get(key) is None else parse(values[key], where(key))

    if "close_time" in values and "close_in_s" in values:
        raise ConfigError(where("close_time"), values["close_time"], "or close_in_s, not both")
    if "close_time" not in values and "close_in_s" not in values:
        raise ConfigError(FLAGS["close_in_s"], None, "not given: when trading closes")
    if "settlement_time" in values and "settle_after_close_s" in values:
        raise ConfigError(
            where("settlement_time"), values["settlement_time"], "or settle_after_close_s"
        )
    if values.get("question") is None:
        raise ConfigError(where("question"), None, "not given: the market's question")
    if values.get("challenge_period_s") is None:
        raise ConfigError(where("challenge_period_s"), None, "not given: the dispute window in s")
    return MarketInput(
        question=text(values["question"], where("question")),
        challenge_period_s=integer(values["challenge_period_s"], where("challenge_period_s")),
        category=text(values.get("category", ""), where("category")),
        outcomes=texts(values.get("outcomes", ()), where("outcomes")),
        lower=None if values.get("lower") is None else amount_text(values["lower"]),
        upper=None if values.get("upper") is None else amount_text(values["upper"]),
        decimals=integer(values.get("decimals", 0), where("decimals")),
        sources=sources(values.get("sources", ()), where("sources")),
        close_time=optional("close_time", unix_time),
        close_in_s=optional("close_in_s", integer),
        settlement_time=optional("settlement_time", unix_time),
        settle_after_close_s=integer(
            values.get("settle_after_close_s", 0), where("settle_after_close_s")
        ),
        fee_bps=integer(values.get("fee_bps", 0), where("fee_bps")),
        funding=amount_text(values.get("funding", "0")),
        weights=_integers(values.get("weights", ()), where("weights")),
        min_bond=amount_text(values.get("min_bond", "0")),
        oracle_fee=amount_text(values.get("oracle_fee", "0")),
        collateral=optional("collateral", text),
        origins=dict(origins),
    )


def _settings(settings: Sequence[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for setting in settings:
        key, separator, value = setting.partition("=")
        if not separator or not key.strip():
            raise ConfigError("--set", setting, "KEY=VALUE, e.g. data_url=http://127.0.0.1:8600")
        found[key.strip()] = value.strip()
    return found


def _integers(value: Any, where: str) -> tuple[int, ...]:
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise ConfigError(where, value, "not a list of integers")
    return tuple(integer(item, where) for item in value)


def _scaled(bound: str, decimals: int, where: str) -> int:
    """A signed decimal in answer units as the scaled integer the Oracle answers in."""
    cleaned = bound.strip()
    if not _SIGNED_DECIMAL.fullmatch(cleaned):
        raise ConfigError(where, bound, "not a decimal number such as -200 or 1850.5")
    sign = -1 if cleaned.startswith("-") else 1
    whole, _, fraction = cleaned.lstrip("-").partition(".")
    fraction = fraction.rstrip("0")
    if len(fraction) > decimals:
        raise ConfigError(
            where, bound, f"answers have {decimals} decimals; this bound has {len(fraction)}"
        )
    scale: int = 10**decimals
    return sign * (int(whole) * scale + int(fraction.ljust(decimals, "0") or "0"))
