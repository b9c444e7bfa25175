"""The Oracle's config on the command line: one flag per field (`fluxo deploy`, `fluxo config
set`), amounts in token units, periods in seconds, and the contract's rule (SPEC §7) checked
field by field, so a refusal names the flag instead of the Oracle's bare `oracle: bad config`."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from fluxo.domain.address import ZERO_ADDRESS
from fluxo.domain.config import (
    ARBITRATION_THRESHOLD_LIMIT_WEI,
    DURATION_LIMIT_S,
    VALIDITY_BOND_LIMIT_WEI,
    Config,
    is_valid_config,
)
from fluxo.exceptions import ConfigError

STAKE: Final = "stake token"
PAYMENT: Final = "payment token"
SECONDS: Final = "seconds"
ADDRESS: Final = "address"


@dataclass(frozen=True, slots=True)
class ConfigField:
    """A `Config` field as a flag: `unit` is STAKE or PAYMENT (amounts in that token's units),
    SECONDS or ADDRESS."""

    name: str
    flag: str
    unit: str


# Every field a command may set; the tokens are not among them (see `fluxo config set`).
CONFIG_FIELDS: Final = (
    ConfigField("validity_bond", "--validity-bond", PAYMENT),
    ConfigField("min_bond", "--min-bond", STAKE),
    ConfigField("min_challenge_period", "--min-challenge-period-s", SECONDS),
    ConfigField("max_challenge_period", "--max-challenge-period-s", SECONDS),
    ConfigField("arbitration_threshold", "--arbitration-threshold", STAKE),
    ConfigField("final_arbitrator", "--final-arbitrator", ADDRESS),
    ConfigField("treasury", "--treasury", ADDRESS),
    ConfigField("max_open_period", "--max-open-period-s", SECONDS),
    ConfigField("arbitration_timeout", "--arbitration-timeout-s", SECONDS),
)
FLAG_OF: Final = {field.name: field.flag for field in CONFIG_FIELDS}


def check_config(config: Config, given: Mapping[str, object] | None = None) -> Config:
    """`config` if the Oracle accepts it, else a `ConfigError` naming the first bad field's
    flag, with the value as the user wrote it when `given` (field -> text) has it."""
    given = given or {}
    for name, reason in _problems(config, given):
        shown = given.get(name, getattr(config, name))
        raise ConfigError(FLAG_OF.get(name, name), shown, reason)
    if not is_valid_config(config):  # the rule above and the domain's must never disagree
        raise ConfigError("config", config, "the Oracle rejects this config (SPEC §7)")
    return config


def _problems(config: Config, given: Mapping[str, object]) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    for name in ("stake_token", "payment_token", "final_arbitrator", "treasury"):
        if getattr(config, name) == ZERO_ADDRESS:
            problems.append((name, "must not be the zero address"))
    if config.validity_bond >= VALIDITY_BOND_LIMIT_WEI:
        problems.append(("validity_bond", "at most 2**96 - 1 wei"))
    if config.min_bond <= 0:
        problems.append(("min_bond", "must be more than 0"))
    if not 0 < config.min_challenge_period < DURATION_LIMIT_S:
        problems.append(("min_challenge_period", "between 1 and 2**32 - 1 seconds"))
    if config.max_challenge_period >= DURATION_LIMIT_S:
        problems.append(("max_challenge_period", "at most 2**32 - 1 seconds"))
    elif config.min_challenge_period > config.max_challenge_period:
        # Name the bound the user moved: a new minimum above the maximum, or the reverse.
        if "min_challenge_period" in given and "max_challenge_period" not in given:
            problems.append(
                (
                    "min_challenge_period",
                    f"above the maximum challenge period ({config.max_challenge_period} s)",
                )
            )
        else:
            problems.append(
                (
                    "max_challenge_period",
                    f"below the minimum challenge period ({config.min_challenge_period} s)",
                )
            )
    if config.arbitration_threshold >= ARBITRATION_THRESHOLD_LIMIT_WEI:
        problems.append(("arbitration_threshold", "at most 2**120 - 1 wei"))
    for name in ("max_open_period", "arbitration_timeout"):
        if not 0 < getattr(config, name) < DURATION_LIMIT_S:
            problems.append((name, "between 1 and 2**32 - 1 seconds"))
    return problems
