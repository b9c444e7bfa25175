"""SPEC §3: the request builder accepts every request `create_request` accepts and names the field
of every bound it breaks. Each bound is one row: its value at the limit, and one past it."""

from dataclasses import dataclass, replace
from typing import Any

import pytest

from fluxo.domain import Config, OutcomeKind, RequestArgs, Source
from fluxo.domain.request_builder import build_request, check_encodable, check_request
from fluxo.exceptions import InvalidRequest, UsageError
from tests.harness.game import request_args

CONFIG = Config(
    stake_token="0x" + "f1" * 20,
    payment_token="0x" + "f2" * 20,
    validity_bond=10,
    min_bond=100,
    min_challenge_period=60,
    max_challenge_period=3_600,
    arbitration_threshold=10**6,
    final_arbitrator="0x" + "07" * 20,
    treasury="0x" + "08" * 20,
    max_open_period=86_400,
    arbitration_timeout=86_400,
)
MULTIPLIER_BPS = 10_000

# "é" is 2 UTF-8 bytes: string limits count bytes, not characters.
TWO_BYTES = "é"


def _valid(**overrides: Any) -> RequestArgs:
    """The game's default request (built by `build_request`), with `overrides` as given."""
    return request_args(0, **overrides)


def _sources(count: int) -> tuple[Source, ...]:
    return tuple(Source(f"https://{i}.example", "$.x") for i in range(count))


def _labels(count: int) -> tuple[str, ...]:
    return tuple(f"label {i}" for i in range(count))


@dataclass(frozen=True)
class Bound:
    """One bound: overrides at its limit (accepted) and one past it (rejected, naming
    `field`), and whether the check needs the config and the requester's multiplier."""

    at_limit: dict[str, Any]
    one_past: dict[str, Any]
    field: str
    with_config: bool = False
    # The value the error names, when the field is an entry of a list.
    entry: object = None


BOUNDS = {
    "sources-8": Bound({"sources": _sources(8)}, {"sources": _sources(9)}, "sources"),
    "outcomes-8": Bound({"outcomes": _labels(8)}, {"outcomes": _labels(9)}, "outcomes"),
    "tags-8": Bound({"tags": _labels(8)}, {"tags": _labels(9)}, "tags"),
    "description-512-bytes": Bound(
        {"description": TWO_BYTES * 256},
        {"description": TWO_BYTES * 256 + "x"},
        "description",
    ),
    "label-64-bytes": Bound(
        {"outcomes": ("No", TWO_BYTES * 32)},
        {"outcomes": ("No", TWO_BYTES * 32 + "x")},
        "outcomes[1]",
        entry=TWO_BYTES * 32 + "x",
    ),
    "tag-64-bytes": Bound(
        {"tags": ("a", "b", TWO_BYTES * 32)},
        {"tags": ("a", "b", TWO_BYTES * 32 + "x")},
        "tags[2]",
        entry=TWO_BYTES * 32 + "x",
    ),
    "end-point-256-bytes": Bound(
        {"sources": (Source("x" * 256, "$"),)},
        {"sources": (Source("x" * 257, "$"),)},
        "sources[0].end_point",
        entry="x" * 257,
    ),
    "source-path-128-bytes": Bound(
        {"sources": (*_sources(1), Source("https://b.example", "$" * 128))},
        {"sources": (*_sources(1), Source("https://b.example", "$" * 129))},
        "sources[1].source_path",
        entry="$" * 129,
    ),
    "outcome-count-2": Bound({"outcomes": ("A", "B")}, {"outcomes": ("A",)}, "outcomes"),
    "data-type-1": Bound(
        {"outcomes": (), "data_type": 1}, {"outcomes": (), "data_type": 2}, "data_type"
    ),
    "decimals-uint8": Bound({"decimals": 255}, {"decimals": 256}, "decimals"),
    "description-or-source": Bound(
        {"description": "", "sources": _sources(1)},
        {"description": "", "sources": ()},
        "description",
    ),
    "period-any-config-min": Bound(
        {"challenge_period": 1}, {"challenge_period": 0}, "challenge_period"
    ),
    "period-any-config-max": Bound(
        {"challenge_period": 2**32 - 1}, {"challenge_period": 2**32}, "challenge_period"
    ),
    "period-config-min": Bound(
        {"challenge_period": 60}, {"challenge_period": 59}, "challenge_period", with_config=True
    ),
    "period-config-max": Bound(
        {"challenge_period": 3_600},
        {"challenge_period": 3_601},
        "challenge_period",
        with_config=True,
    ),
    "b0-below-2-pow-96": Bound(
        {"min_bond": 2**96 - 1}, {"min_bond": 2**96}, "min_bond", with_config=True
    ),
    "min-bond-uint256": Bound({"min_bond": 2**256 - 1}, {"min_bond": 2**256}, "min_bond"),
    "fee-below-2-pow-96": Bound({"fee": 2**96 - 1}, {"fee": 2**96}, "fee"),
    "settlement-below-2-pow-40": Bound(
        {"settlement_time": 2**40 - 1}, {"settlement_time": 2**40}, "settlement_time"
    ),
}
# Every integer field is a uint: 0 is its lower limit, -1 one past it.
BOUNDS |= {
    f"{field.replace('_', '-')}-non-negative": Bound({field: 0}, {field: -1}, field)
    for field in ("data_type", "decimals", "settlement_time", "min_bond", "fee")
}


def _check(args: RequestArgs, bound: Bound) -> RequestArgs:
    if bound.with_config:
        return check_request(args, config=CONFIG, stake_multiplier_bps=MULTIPLIER_BPS)
    return check_request(args)


# --- one row per bound: at the limit, one past it ------------------------------------------


@pytest.mark.parametrize("bound", BOUNDS.values(), ids=BOUNDS.keys())
def test_check_request__field_at_its_limit__accepted_unchanged(bound: Bound) -> None:
    args = _valid(**bound.at_limit)

    assert _check(args, bound) is args


@pytest.mark.parametrize("bound", BOUNDS.values(), ids=BOUNDS.keys())
def test_check_request__field_one_past_its_limit__rejected_naming_field_and_value(
    bound: Bound,
) -> None:
    args = _valid(**bound.one_past)

    with pytest.raises(InvalidRequest) as raised:
        _check(args, bound)

    assert raised.value.field == bound.field
    assert str(raised.value).startswith(f"request field {bound.field} = ")
    expected = bound.one_past[bound.field] if bound.entry is None else bound.entry
    assert raised.value.value == expected


# --- bounds that need the config and the requester's multiplier -----------------------------


def test_check_request__b0_floors_to_one_wei__accepted() -> None:
    """B0 = max(100, 0) * 100 // 10_000 = 1 wei."""
    args = _valid()

    assert check_request(args, config=CONFIG, stake_multiplier_bps=100) is args


def test_check_request__b0_floors_to_zero__rejected_naming_min_bond() -> None:
    """B0 = max(100, 0) * 99 // 10_000 = 0: the contract reverts `oracle: zero bond`."""
    with pytest.raises(InvalidRequest, match="^request field min_bond = 0: B0 = ") as raised:
        check_request(_valid(), config=CONFIG, stake_multiplier_bps=99)

    assert raised.value.field == "min_bond"


def test_check_request__multiplier_lifts_b0_to_2_pow_96__rejected_naming_min_bond() -> None:
    """min_bond 2**95 alone is fine; doubled by a 20 000 bps multiplier it reaches 2**96."""
    args = _valid(min_bond=2**95)
    assert check_request(args, config=CONFIG, stake_multiplier_bps=MULTIPLIER_BPS) is args

    with pytest.raises(InvalidRequest) as raised:
        check_request(args, config=CONFIG, stake_multiplier_bps=20_000)

    assert raised.value.field == "min_bond"


def test_check_request__min_bond_past_2_pow_96_without_multiplier__not_judged() -> None:
    """Without the requester's multiplier B0 is unknown, so only the uint256 type binds."""
    args = _valid(min_bond=2**96)

    assert check_request(args, config=CONFIG) is args


def test_check_request__period_within_any_config_but_outside_this_one__rejected() -> None:
    args = _valid(challenge_period=3_601)
    assert check_request(args) is args

    with pytest.raises(InvalidRequest, match="challenge_period = 3601: outside the config's"):
        check_request(args, config=CONFIG)


# --- types and order ------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["5", 5.0, True, None], ids=["str", "float", "bool", "none"])
def test_check_request__amount_not_an_integer__rejected(value: object) -> None:
    with pytest.raises(InvalidRequest, match="^request field fee = .*: not an integer$"):
        check_request(_valid(fee=value))


def test_check_request__label_not_a_string__rejected() -> None:
    with pytest.raises(InvalidRequest, match=r"^request field outcomes\[0\] = 1: not a string$"):
        check_request(_valid(outcomes=(1, "Yes")))


def test_check_request__several_bounds_broken__first_in_contract_order_named() -> None:
    """Type sizes first (the decoder runs before any code), then SPEC §3's order: outcome
    count, data type, empty request, period, bond, fee, settlement time."""
    args = _valid(
        tags=_labels(9),
        outcomes=("only",),
        data_type=2,
        description="",
        sources=(),
        challenge_period=0,
        fee=2**96,
        settlement_time=2**40,
    )
    fields = []
    for fix in (
        {"tags": ()},
        {"outcomes": ()},
        {"data_type": 0},
        {"description": "?"},
        {"challenge_period": 60},
        {"fee": 0},
        {"settlement_time": 0},
    ):
        with pytest.raises(InvalidRequest) as raised:
            check_request(args)
        fields.append(raised.value.field)
        args = replace(args, **fix)

    assert fields == [
        "tags",
        "outcomes",
        "data_type",
        "description",
        "challenge_period",
        "fee",
        "settlement_time",
    ]
    assert check_request(args) is args


def test_invalid_request__any_bound__is_a_usage_error() -> None:
    """The CLI reports usage errors and exits 2; a bad request field is one."""
    with pytest.raises(UsageError):
        check_request(_valid(fee=-1))


def test_check_encodable__decodable_but_rejected_by_the_contract__passes() -> None:
    """Only the ABI types bind here: one outcome label fits the type, the contract refuses it."""
    args = _valid(outcomes=("only",))

    assert check_encodable(args) is args
    with pytest.raises(InvalidRequest):
        check_request(args)


def test_check_encodable__list_too_long__rejected() -> None:
    with pytest.raises(InvalidRequest, match="^request field sources = .*: 9 entries, at most 8$"):
        check_encodable(_valid(sources=_sources(9)))


# --- build_request: one builder for the three kinds -----------------------------------------


def test_build_request__categorical__labels_and_data_type_zero() -> None:
    args = build_request(
        OutcomeKind.CATEGORICAL,
        description="Will it rain in Lisbon on 2030-01-01?",
        outcomes=["No", "Yes"],
        challenge_period=600,
        fee=5,
    )

    assert args == RequestArgs(
        description="Will it rain in Lisbon on 2030-01-01?",
        sources=(),
        outcomes=("No", "Yes"),
        data_type=0,
        decimals=0,
        settlement_time=0,
        challenge_period=600,
        min_bond=0,
        fee=5,
        tags=(),
    )


def test_build_request__number__no_labels_data_type_one_and_decimals() -> None:
    args = build_request(
        OutcomeKind.NUMBER,
        sources=[Source("https://api.example/eth", "$.price")],
        decimals=8,
        settlement_time=1_700_000_000,
        challenge_period=600,
        min_bond=10**18,
        tags=["crypto"],
    )

    assert (args.outcomes, args.data_type, args.decimals) == ((), 1, 8)
    assert args.sources == (Source("https://api.example/eth", "$.price"),)
    assert (args.settlement_time, args.min_bond, args.fee, args.tags) == (
        1_700_000_000,
        10**18,
        0,
        ("crypto",),
    )


def test_build_request__string__no_labels_data_type_zero() -> None:
    args = build_request(OutcomeKind.STRING, description="Who won?", challenge_period=600)

    assert (args.outcomes, args.data_type) == ((), 0)


def test_build_request__categorical_without_labels__rejected_naming_outcomes() -> None:
    with pytest.raises(InvalidRequest, match=r"^request field outcomes = \(\): a categorical"):
        build_request(OutcomeKind.CATEGORICAL, description="?", challenge_period=600)


@pytest.mark.parametrize("kind", [OutcomeKind.NUMBER, OutcomeKind.STRING])
def test_build_request__labels_on_number_or_string__rejected_naming_outcomes(
    kind: OutcomeKind,
) -> None:
    with pytest.raises(InvalidRequest, match=f"outcomes = .*: a {kind.name} request has no"):
        build_request(kind, description="?", outcomes=["A", "B"], challenge_period=600)


def test_build_request__config_and_multiplier__checked_against_them() -> None:
    """B0 = max(100, 0) * 10_000 // 10_000 = 100 passes; a period the config forbids does not."""
    build_request(
        OutcomeKind.STRING,
        description="?",
        challenge_period=60,
        config=CONFIG,
        stake_multiplier_bps=MULTIPLIER_BPS,
    )

    with pytest.raises(InvalidRequest, match="^request field challenge_period = 59: "):
        build_request(
            OutcomeKind.STRING,
            description="?",
            challenge_period=59,
            config=CONFIG,
            stake_multiplier_bps=MULTIPLIER_BPS,
        )
