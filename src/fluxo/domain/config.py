"""The Oracle's global settings, versioned by `set_config` and snapshotted by each request."""

from dataclasses import dataclass

from fluxo.domain.address import ZERO_ADDRESS, parse_address

# The contract packs these fields into narrow storage slots; wider values are rejected.
DURATION_LIMIT_S = 2**32
ARBITRATION_THRESHOLD_LIMIT_WEI = 2**120
VALIDITY_BOND_LIMIT_WEI = 2**96


@dataclass(frozen=True, slots=True)
class Config:
    """One config version. Field names and order mirror `IOracle.Config`, so
    `dataclasses.astuple(config)` is the ABI tuple.

    Units: `validity_bond` is payment-token wei, `min_bond` and `arbitration_threshold` are
    stake-token wei, the challenge periods, `max_open_period` (how long round 0 may stay
    unanswered before the requester may cancel) and `arbitration_timeout` (how long the
    arbitrator has to rule) are seconds of the game's clock, which stops while paused.
    """

    stake_token: str
    payment_token: str
    validity_bond: int
    min_bond: int
    min_challenge_period: int
    max_challenge_period: int
    arbitration_threshold: int
    final_arbitrator: str
    treasury: str
    max_open_period: int
    arbitration_timeout: int


def is_valid_config(config: Config) -> bool:
    """Whether the contract accepts `config` (else it reverts `oracle: bad config`).

    The contract also requires both tokens to hold code, which a model without a chain cannot
    see; callers only hand the model real token addresses.
    """
    addresses = (config.stake_token, config.payment_token, config.final_arbitrator, config.treasury)
    return (
        all(parse_address(address) != ZERO_ADDRESS for address in addresses)
        and config.min_bond > 0
        and 0 < config.min_challenge_period <= config.max_challenge_period
        and config.max_challenge_period < DURATION_LIMIT_S
        and config.arbitration_threshold < ARBITRATION_THRESHOLD_LIMIT_WEI
        and config.validity_bond < VALIDITY_BOND_LIMIT_WEI
        and 0 < config.max_open_period < DURATION_LIMIT_S
        and 0 < config.arbitration_timeout < DURATION_LIMIT_S
    )
