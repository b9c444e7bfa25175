"""The market templates shipped with Fluxo, and their rendering.

A template is a market file (the keys `fluxo market create --file` reads) whose strings hold
`{variable}` placeholders, plus a `[template]` table: a one-line `summary`, the `variables`
(name -> what to put there) and their `defaults`. Every template's sources start with
`{data_url}`, the base URL of the data server its nodes read (the devnet's, in development).

    template = load_template("esports-match-winner")
    fields = render(template, {"data_url": "http://127.0.0.1:8600", "match_id": "42"})

Two flavours ship: Stake.GG-style esports (`esports-match-winner`, categorical;
`esports-map-score`, scalar) and a Pulse-style multi-category board (`pulse-politics`,
`pulse-sports`, categorical; `pulse-crypto-price`, scalar), each market under its own category.
"""

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from typing import Any, Final

from fluxo.exceptions import ConfigError

SUFFIX: Final = ".toml"
# A placeholder: `{name}` with a lower-case identifier (a JSON path's `[0]` is left alone).
_PLACEHOLDER: Final = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


@dataclass(frozen=True, slots=True)
class MarketTemplate:
    name: str
    summary: str
    variables: Mapping[str, str]
    defaults: Mapping[str, str]
    fields: Mapping[str, Any]


def template_names() -> list[str]:
    """The shipped templates' names, sorted."""
    return sorted(
        entry.name.removesuffix(SUFFIX)
        for entry in resources.files(__name__).iterdir()
        if entry.name.endswith(SUFFIX)
    )


def load_template(name: str) -> MarketTemplate:
    """The shipped template `name`; a `ConfigError` lists the known ones."""
    if name not in template_names():
        raise ConfigError("--template", name, f"no such template (known: {template_names()})")
    text = resources.files(__name__).joinpath(name + SUFFIX).read_text(encoding="utf-8")
    document = tomllib.loads(text, parse_float=Decimal)
    meta = document.pop("template")
    return MarketTemplate(
        name=name,
        summary=meta["summary"],
        variables=meta["variables"],
        defaults=meta.get("defaults", {}),
        fields=document,
    )


def render(template: MarketTemplate, values: Mapping[str, str]) -> dict[str, Any]:
    """The template's fields with every placeholder filled from `values` (over the defaults).
    A value for no variable, or a variable without a value, is a `ConfigError` naming it."""
    for key in values:
        if key not in template.variables:
            raise ConfigError(
                "--set",
                key,
                f"not a variable of template {template.name} (its: {sorted(template.variables)})",
            )
    filled = {**template.defaults, **values}
    missing = sorted(set(template.variables) - set(filled))
    if missing:
        raise ConfigError(
            "--set",
            missing[0],
            f"template {template.name} needs it: {template.variables[missing[0]]}",
        )
    rendered: dict[str, Any] = {key: _fill(value, filled) for key, value in template.fields.items()}
    return rendered


def _fill(value: Any, filled: Mapping[str, str]) -> Any:
    if isinstance(value, str):
        return _PLACEHOLDER.sub(lambda match: filled[match.group(1)], value)
    if isinstance(value, list):
        return [_fill(item, filled) for item in value]
    if isinstance(value, dict):
        return {key: _fill(item, filled) for key, item in value.items()}
    return value
