"""The one game every Oracle test plays: its config, its default request, its YES and NO.

The contract harness (`OracleProtocol`) and the model driver both start from here, so a
scenario sees the same numbers whichever implementation it runs against.
"""

from dataclasses import replace
from typing import Any, Final

from fluxo.domain import Config, OutcomeKind, RequestArgs, Source, build_request
from fluxo.domain.outcome import INVALID_OUTCOME, categorical

FLX: Final = 10**18
USD: Final = 10**18

VALIDITY_BOND_WEI: Final = 10 * USD
MIN_BOND_WEI: Final = 100 * FLX
MIN_CHALLENGE_PERIOD_S: Final = 60
MAX_CHALLENGE_PERIOD_S: Final = 7 * 24 * 3600
ARBITRATION_THRESHOLD_WEI: Final = 1_600 * FLX  # B0 = 100 FLX: round 4 (1 600 FLX) escalates
MAX_OPEN_PERIOD_S: Final = 30 * 24 * 3600
ARBITRATION_TIMEOUT_S: Final = 14 * 24 * 3600
CHALLENGE_PERIOD_S: Final = 3_600
FEE_WEI: Final = 5 * USD
MULTIPLIER_BPS: Final = 10_000

# Outcomes of the default two-outcome categorical request (labels "No", "Yes").
NO: Final = categorical(0)
YES: Final = categorical(1)
INVALID: Final = INVALID_OUTCOME

# What each staker (validator, disputer, counter_disputer) and each requester starts with.
STAKER_FLX: Final = 1_000_000 * FLX
REQUESTER_USD: Final = 1_000 * USD


def game_config(
    *, stake_token: str, payment_token: str, final_arbitrator: str, treasury: str
) -> Config:
    """The deploy-time config of a game with these tokens and roles."""
    return Config(
        stake_token=stake_token,
        payment_token=payment_token,
        validity_bond=VALIDITY_BOND_WEI,
        min_bond=MIN_BOND_WEI,
        min_challenge_period=MIN_CHALLENGE_PERIOD_S,
        max_challenge_period=MAX_CHALLENGE_PERIOD_S,
        arbitration_threshold=ARBITRATION_THRESHOLD_WEI,
        final_arbitrator=final_arbitrator,
        treasury=treasury,
        max_open_period=MAX_OPEN_PERIOD_S,
        arbitration_timeout=ARBITRATION_TIMEOUT_S,
    )


def request_args(now_s: int, /, **overrides: Any) -> RequestArgs:
    """The default request: categorical No/Yes, settling at `now_s`, built by the
    product's builder. `overrides` are applied as given, unchecked, so a test can hand the
    Oracle a request the builder would refuse and watch the Oracle refuse it too."""
    args = build_request(
        OutcomeKind.CATEGORICAL,
        description="Will it rain in Lisbon on 2026-12-01?",
        sources=(Source("https://weather.example/lisbon", "$.rain"),),
        outcomes=("No", "Yes"),
        settlement_time=now_s,
        challenge_period=CHALLENGE_PERIOD_S,
        fee=FEE_WEI,
        tags=("weather",),
    )
    return replace(args, **overrides)
