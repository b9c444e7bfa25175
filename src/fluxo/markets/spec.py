"""A market as its creator describes it, and every bound `create_market` enforces, checked
before anything is sent (SPEC IV.2).

    spec = MarketSpec(
        question="Who wins match 42?",
        collateral=usd.address,
        close_time=now + 3_600,
        challenge_period_s=600,
        outcomes=("Team A", "Team B"),
        category="esports",
        fee_bps=100,
        funding_wei=100 * 10**18,
    )
    check_market(spec, now_s=now, config=config, stake_multiplier_bps=10_000)

The contract reverts a bad market with a reason only for its own rules; what its ABI types or
the Oracle's `create_request` refuse (a long question, nine sources, a challenge period outside
the config) comes back as the Oracle's revert or none at all. `check_market` applies them all,
in the contract's order, and raises `InvalidMarket` naming the first bad field of `MarketSpec`
and its value. What needs the chain (the clock, the Oracle's config, whether the collateral is a
contract) is checked only when the caller passes it.
"""

from dataclasses import dataclass
from typing import Final

from fluxo.domain.address import parse_address
from fluxo.domain.config import Config
from fluxo.domain.outcome import OutcomeKind
from fluxo.domain.request_args import RequestArgs, Source
from fluxo.domain.request_builder import MAX_TAG_BYTES, check_request
from fluxo.exceptions import InvalidMarket, InvalidRequest
from fluxo.markets.fpmm import MAX_AMOUNT, MAX_FEE_BPS, MAX_OUTCOMES, MAX_UINT128, MIN_OUTCOMES

# A scalar market's two outcomes: outcome 0 pays as the answer falls, outcome 1 as it rises.
SCALAR_LABELS: Final = ("Short", "Long")
# The Oracle request's tags are `market:<id>` and `category:<category>`, each at most 64 bytes.
CATEGORY_TAG_PREFIX: Final = "category:"
MARKET_TAG_PREFIX: Final = "market:"
MAX_CATEGORY_BYTES: Final = MAX_TAG_BYTES - len(CATEGORY_TAG_PREFIX)
# The contract packs the close time into 40 bits and the bounds into int128 halves.
CLOSE_TIME_LIMIT_S: Final = 2**40
INT128_MIN: Final = -(2**127)
INT128_MAX: Final = 2**127 - 1
# The Oracle's validity bond plus `oracle_fee_wei` is pulled as one amount of at most 2**96 - 1.
ORACLE_PAYMENT_LIMIT_WEI: Final = 2**96

# `RequestArgs` field (as `InvalidRequest` names it, without an index) -> the `MarketSpec`
# field it comes from: the market's request is built from the spec (`MarketSpec.request_args`).
_SPEC_FIELD_OF_REQUEST_FIELD: Final = {
    "description": "question",
    "sources": "sources",
    "outcomes": "outcomes",
    "decimals": "scalar.decimals",
    "settlement_time": "settlement_time",
    "challenge_period": "challenge_period_s",
    "min_bond": "min_bond_wei",
    "fee": "oracle_fee_wei",
    "tags": "category",
}


@dataclass(frozen=True, slots=True)
class ScalarRange:
    """A scalar market's range in the answer's scaled units (`value * 10**decimals`): the long
    side pays `(clamp(x) - lower) / (upper - lower)` per share, the short side the rest."""

    lower: int
    upper: int
    decimals: int = 0


@dataclass(frozen=True, slots=True)
class MarketSpec:
    """What `create_market` takes, with units in the names.

    Categorical: 2 to 8 `outcomes` labels; scalar: `scalar` and no labels. `close_time` and
    `settlement_time` are unix seconds (`settlement_time` 0: at `close_time`); `fee_bps` is the
    swap fee (0, or 1 to 500); `funding_wei` of the collateral is the creator's initial
    liquidity, at `weights` (one per outcome, the pool's balance ratio: `price_i` is
    proportional to `1 / w_i`; empty: equal odds). `min_bond_wei` (FLX) and `oracle_fee_wei`
    (the Oracle's payment token) go to the market's Oracle request, whose validity bond the
    creator pays too.
    """

    question: str
    collateral: str
    close_time: int
    challenge_period_s: int
    outcomes: tuple[str, ...] = ()
    scalar: ScalarRange | None = None
    category: str = ""
    sources: tuple[Source, ...] = ()
    settlement_time: int = 0
    fee_bps: int = 0
    funding_wei: int = 0
    weights: tuple[int, ...] = ()
    min_bond_wei: int = 0
    oracle_fee_wei: int = 0

    @property
    def outcome_count(self) -> int:
        return 2 if self.scalar is not None else len(self.outcomes)

    @property
    def labels(self) -> tuple[str, ...]:
        """The outcomes as people read them (a scalar market's: Short, Long)."""
        return SCALAR_LABELS if self.scalar is not None else self.outcomes

    @property
    def settles_at(self) -> int:
        return self.settlement_time or self.close_time

    @property
    def initial_weights(self) -> tuple[int, ...]:
        """The weights sent: the given ones, equal odds when funded without any, or none."""
        if self.weights or not self.funding_wei:
            return self.weights
        return (1,) * self.outcome_count

    def request_args(self, market_id: int) -> RequestArgs:
        """The Oracle request `create_market` will create for market `market_id`."""
        return RequestArgs(
            description=self.question,
            sources=self.sources,
            outcomes=self.outcomes,
            data_type=int(OutcomeKind.NUMBER if self.scalar is not None else OutcomeKind.STRING),
            decimals=self.scalar.decimals if self.scalar is not None else 0,
            settlement_time=self.settles_at,
            challenge_period=self.challenge_period_s,
            min_bond=self.min_bond_wei,
            fee=self.oracle_fee_wei,
            tags=(f"{MARKET_TAG_PREFIX}{market_id}", f"{CATEGORY_TAG_PREFIX}{self.category}"),
        )

    def encode(
        self,
    ) -> tuple[
        str,
        tuple[Source, ...],
        str,
        tuple[str, ...],
        bool,
        int,
        int,
        int,
        str,
        int,
        int,
        int,
        int,
        int,
        int,
        int,
        tuple[int, ...],
    ]:
        """`PredictionMarket.MarketArgs`, in its field order."""
        scalar = self.scalar or ScalarRange(0, 0, 0)
        return (
            self.question,
            self.sources,
            self.category,
            self.outcomes,
            self.scalar is not None,
            scalar.decimals,
            scalar.lower,
            scalar.upper,
            self.collateral,
            self.fee_bps,
            self.close_time,
            self.settles_at,
            self.challenge_period_s,
            self.min_bond_wei,
            self.oracle_fee_wei,
            self.funding_wei,
            self.initial_weights,
        )


def check_market(
    spec: MarketSpec,
    *,
    now_s: int | None = None,
    config: Config | None = None,
    stake_multiplier_bps: int | None = None,
    market_id: int = 0,
) -> MarketSpec:
    """Return `spec` if `create_market` would accept it, else raise `InvalidMarket` for the
    first bound broken. `now_s` (the chain's latest block time) checks the close time, `config`
    (the Oracle's latest) the challenge period and the oracle payment, and with
    `stake_multiplier_bps` (the market's as a requester) the round-0 bond too."""
    _check_integers(spec)
    _check_outcomes(spec)
    try:
        parse_address(spec.collateral)
    except ValueError as error:
        raise InvalidMarket("collateral", spec.collateral, str(error)) from error
    if not 0 <= spec.fee_bps <= MAX_FEE_BPS:
        raise InvalidMarket("fee_bps", spec.fee_bps, f"0, or 1 to {MAX_FEE_BPS} (5 %)")
    _check_times(spec, now_s)
    if config is not None and config.validity_bond + spec.oracle_fee_wei >= (
        ORACLE_PAYMENT_LIMIT_WEI
    ):
        raise InvalidMarket(
            "oracle_fee_wei",
            spec.oracle_fee_wei,
            f"with the validity bond ({config.validity_bond} wei) at most 2**96 - 1 wei",
        )
    if len(spec.category.encode("utf-8")) > MAX_CATEGORY_BYTES:
        raise InvalidMarket(
            "category", spec.category, f"at most {MAX_CATEGORY_BYTES} UTF-8 bytes (a 64-byte tag)"
        )
    try:
        check_request(
            spec.request_args(market_id), config=config, stake_multiplier_bps=stake_multiplier_bps
        )
    except InvalidRequest as error:
        name = error.field.split("[")[0].split(".")[0]
        # `outcomes[3]` stays `outcomes[3]`: only the field's own name differs.
        field = _SPEC_FIELD_OF_REQUEST_FIELD.get(name, name) + error.field[len(name) :]
        raise InvalidMarket(field, error.value, error.reason) from error
    _check_funding(spec)
    return spec


# Fields whose ABI type is unsigned (the others fail `check_request` or the ranges below).
_NON_NEGATIVE: Final = frozenset(
    ("close_time", "settlement_time", "challenge_period_s", "fee_bps", "funding_wei")
)


def _check_integers(spec: MarketSpec) -> None:
    values: dict[str, object] = {
        "close_time": spec.close_time,
        "settlement_time": spec.settlement_time,
        "challenge_period_s": spec.challenge_period_s,
        "fee_bps": spec.fee_bps,
        "funding_wei": spec.funding_wei,
        "min_bond_wei": spec.min_bond_wei,
        "oracle_fee_wei": spec.oracle_fee_wei,
    }
    if spec.scalar is not None:
        values |= {
            "scalar.lower": spec.scalar.lower,
            "scalar.upper": spec.scalar.upper,
            "scalar.decimals": spec.scalar.decimals,
        }
    for index, weight in enumerate(spec.weights):
        values[f"weights[{index}]"] = weight
    for field, value in values.items():
        # bool is an int subclass, but True is no amount or time anybody meant.
        if not isinstance(value, int) or isinstance(value, bool):
            raise InvalidMarket(field, value, "not an integer")
        if value < 0 and field in _NON_NEGATIVE:
            raise InvalidMarket(field, value, "negative")


def _check_outcomes(spec: MarketSpec) -> None:
    if spec.scalar is None:
        if not MIN_OUTCOMES <= len(spec.outcomes) <= MAX_OUTCOMES:
            raise InvalidMarket(
                "outcomes",
                spec.outcomes,
                f"a categorical market has {MIN_OUTCOMES} to {MAX_OUTCOMES} outcome labels "
                "(or give a scalar range)",
            )
        folded = [label.strip().casefold() for label in spec.outcomes]
        if len(set(folded)) != len(folded):
            # The contract would take them, but nobody could tell the outcomes apart.
            raise InvalidMarket("outcomes", spec.outcomes, "two labels are the same")
        return
    if spec.outcomes:
        raise InvalidMarket("outcomes", spec.outcomes, "a scalar market has no outcome labels")
    lower, upper = spec.scalar.lower, spec.scalar.upper
    if not INT128_MIN <= lower <= INT128_MAX:
        raise InvalidMarket("scalar.lower", lower, "outside int128")
    if not INT128_MIN <= upper <= INT128_MAX:
        raise InvalidMarket("scalar.upper", upper, "outside int128")
    if lower >= upper:
        raise InvalidMarket("scalar.upper", upper, f"must be above the lower bound {lower}")


def _check_times(spec: MarketSpec, now_s: int | None) -> None:
    if spec.close_time >= CLOSE_TIME_LIMIT_S:
        raise InvalidMarket("close_time", spec.close_time, "at most 2**40 - 1 (unix s)")
    if now_s is not None and spec.close_time <= now_s:
        raise InvalidMarket(
            "close_time", spec.close_time, f"not after the chain's time now ({now_s})"
        )
    if spec.settlement_time and spec.settlement_time < spec.close_time:
        raise InvalidMarket(
            "settlement_time",
            spec.settlement_time,
            f"before the close time {spec.close_time}: the Oracle could answer while it trades",
        )


def _check_funding(spec: MarketSpec) -> None:
    if spec.funding_wei > MAX_AMOUNT:
        raise InvalidMarket("funding_wei", spec.funding_wei, "at most 2**96 - 1 wei per market")
    if not spec.weights:
        return
    if not spec.funding_wei:
        raise InvalidMarket("weights", spec.weights, "only with funding_wei (the first liquidity)")
    if len(spec.weights) != spec.outcome_count:
        raise InvalidMarket(
            "weights", spec.weights, f"one per outcome: {spec.outcome_count} expected"
        )
    for index, weight in enumerate(spec.weights):
        if not 1 <= weight <= MAX_UINT128:
            raise InvalidMarket(f"weights[{index}]", weight, "1 to 2**128 - 1")
