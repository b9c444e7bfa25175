"""`fluxo.markets.spec`: every bound `create_market` (and the Oracle request it makes) enforces,
one field at a time, the value at its limit accepted beside the first value past it refused
with `InvalidMarket` naming the field."""

from dataclasses import replace
from typing import Any

import pytest

from fluxo.domain.config import Config
from fluxo.domain.request_args import Source
from fluxo.exceptions import InvalidMarket
from fluxo.markets.spec import MarketSpec, ScalarRange, check_market

NOW_S = 1_700_000_000
COLLATERAL = "0x5FbDB2315678afecb367f032d93F642f64180aa3"
USD = 10**18
CONFIG = Config(
    stake_token=COLLATERAL,
    payment_token=COLLATERAL,
    validity_bond=2 * USD,
    min_bond=10 * USD,
    min_challenge_period=60,
    max_challenge_period=86_400,
    arbitration_threshold=10**24,
    final_arbitrator=COLLATERAL,
    treasury=COLLATERAL,
    max_open_period=3_600,
    arbitration_timeout=3_600,
)
SPEC = MarketSpec(
    question="Who wins match 42?",
    collateral=COLLATERAL,
    close_time=NOW_S + 3_600,
    challenge_period_s=600,
    outcomes=("Team A", "Team B"),
    category="esports",
    sources=(Source("https://scores.example/match/42", "winner"),),
    fee_bps=100,
    funding_wei=100 * USD,
)
SCALAR = replace(SPEC, outcomes=(), scalar=ScalarRange(-20_000, 80_000, 2))


def _check(spec: MarketSpec) -> MarketSpec:
    return check_market(spec, now_s=NOW_S, config=CONFIG, stake_multiplier_bps=10_000)


# (field as named, spec at the limit, spec one past it)
CASES: list[tuple[str, MarketSpec, MarketSpec]] = [
    ("outcomes", replace(SPEC, outcomes=("A", "B")), replace(SPEC, outcomes=("A",))),
    (
        "outcomes",
        replace(SPEC, outcomes=tuple("ABCDEFGH")),
        replace(SPEC, outcomes=tuple("ABCDEFGHI")),
    ),
    ("outcomes", replace(SPEC, outcomes=("Yes", "No")), replace(SPEC, outcomes=("Yes", " yes"))),
    ("outcomes", SCALAR, replace(SCALAR, outcomes=("A", "B"))),
    (
        "outcomes[0]",
        replace(SPEC, outcomes=("x" * 64, "B")),
        replace(SPEC, outcomes=("x" * 65, "B")),
    ),
    (
        "scalar.upper",
        replace(SCALAR, scalar=ScalarRange(0, 1, 0)),
        replace(SCALAR, scalar=ScalarRange(0, 0, 0)),
    ),
    (
        "scalar.lower",
        replace(SCALAR, scalar=ScalarRange(-(2**127), 0, 0)),
        replace(SCALAR, scalar=ScalarRange(-(2**127) - 1, 0, 0)),
    ),
    (
        "scalar.upper",
        replace(SCALAR, scalar=ScalarRange(0, 2**127 - 1, 0)),
        replace(SCALAR, scalar=ScalarRange(0, 2**127, 0)),
    ),
    (
        "scalar.decimals",
        replace(SCALAR, scalar=ScalarRange(0, 1, 255)),
        replace(SCALAR, scalar=ScalarRange(0, 1, 256)),
    ),
    ("collateral", SPEC, replace(SPEC, collateral="0x1234")),
    ("fee_bps", replace(SPEC, fee_bps=500), replace(SPEC, fee_bps=501)),
    ("fee_bps", replace(SPEC, fee_bps=0), replace(SPEC, fee_bps=-1)),
    ("close_time", replace(SPEC, close_time=NOW_S + 1), replace(SPEC, close_time=NOW_S)),
    (
        "close_time",
        replace(SPEC, close_time=2**40 - 1),
        replace(SPEC, close_time=2**40),
    ),
    (
        "settlement_time",
        replace(SPEC, settlement_time=SPEC.close_time),
        replace(SPEC, settlement_time=SPEC.close_time - 1),
    ),
    (
        "oracle_fee_wei",
        replace(SPEC, oracle_fee_wei=2**96 - 1 - CONFIG.validity_bond),
        replace(SPEC, oracle_fee_wei=2**96 - CONFIG.validity_bond),
    ),
    ("category", replace(SPEC, category="c" * 55), replace(SPEC, category="c" * 56)),
    ("question", replace(SPEC, question="q" * 512), replace(SPEC, question="q" * 513)),
    ("question", replace(SPEC, question=""), replace(SPEC, question="", sources=())),
    ("sources", replace(SPEC, sources=SPEC.sources * 8), replace(SPEC, sources=SPEC.sources * 9)),
    (
        "challenge_period_s",
        replace(SPEC, challenge_period_s=60),
        replace(SPEC, challenge_period_s=59),
    ),
    (
        "challenge_period_s",
        replace(SPEC, challenge_period_s=86_400),
        replace(SPEC, challenge_period_s=86_401),
    ),
    ("min_bond_wei", replace(SPEC, min_bond_wei=2**96 - 1), replace(SPEC, min_bond_wei=2**96)),
    ("funding_wei", replace(SPEC, funding_wei=2**96 - 1), replace(SPEC, funding_wei=2**96)),
    ("funding_wei", replace(SPEC, funding_wei=0), replace(SPEC, funding_wei=-1)),
    ("weights", replace(SPEC, weights=(1, 3)), replace(SPEC, weights=(1, 3, 1))),
    ("weights", replace(SPEC, weights=(1, 3)), replace(SPEC, weights=(1, 3), funding_wei=0)),
    ("weights[1]", replace(SPEC, weights=(1, 2**128 - 1)), replace(SPEC, weights=(1, 2**128))),
    ("weights[0]", replace(SPEC, weights=(1, 1)), replace(SPEC, weights=(0, 1))),
    ("close_time", SPEC, replace(SPEC, close_time=True)),
]


@pytest.mark.parametrize(
    ("field", "accepted", "refused"),
    CASES,
    ids=[f"{field}-{index}" for index, (field, _, _) in enumerate(CASES)],
)
def test_check_market__bound__at_limit_accepted_past_it_refused_naming_the_field(
    field: str, accepted: MarketSpec, refused: MarketSpec
) -> None:
    assert _check(accepted) is accepted

    with pytest.raises(InvalidMarket) as caught:
        _check(refused)

    assert caught.value.field == field, caught.value


def test_check_market__without_the_chain__skips_what_needs_it() -> None:
    """No clock, no config: a past close time and a one-second challenge period pass here
    (the SDK checks them against the chain before sending)."""
    spec = replace(SPEC, close_time=1, challenge_period_s=1)

    assert check_market(spec) is spec


def test_request_args__scalar__number_request_tagged_with_market_and_category() -> None:
    args = SCALAR.request_args(market_id=7)

    assert (args.data_type, args.decimals, args.outcomes) == (1, 2, ())
    assert args.tags == ("market:7", "category:esports")
    assert args.settlement_time == SCALAR.close_time  # 0: settles at close


def test_encode__funded_without_weights__equal_weights_sent() -> None:
    encoded: Any = SPEC.encode()

    assert encoded[-1] == (1, 1)
    assert replace(SPEC, funding_wei=0).encode()[-1] == ()
