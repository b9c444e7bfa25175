"""Build a `RequestArgs` the Oracle will accept, or say which field it would reject (SPEC §3).

The contract finds a bad request only when the transaction runs, and rejects the limits its ABI
types impose (list lengths, string sizes, `uint8`) without any reason at all. `build_request`
and `check_request` apply every bound `create_request` enforces beforehand, in the contract's
order, and raise `InvalidRequest` naming the first offending field and its value.

What needs the chain's state is checked only when the caller supplies it: the challenge period
against a `Config`'s bounds, and B0 against the 96-bit limit once the config and the
requester's multiplier are both known. The whitelist and the pause are the chain's business.
"""

from collections.abc import Iterable
from typing import Final

from fluxo.domain.bonds import base_bond_wei
from fluxo.domain.config import DURATION_LIMIT_S, Config
from fluxo.domain.outcome import OutcomeKind
from fluxo.domain.request_args import RequestArgs, Source
from fluxo.exceptions import InvalidRequest

# The sizes of `IOracle.RequestArgs`' types: DynArray[_, 8], String[512], String[64],
# String[256], String[128]; string sizes count UTF-8 bytes.
MAX_LIST_LENGTH: Final = 8
MAX_DESCRIPTION_BYTES: Final = 512
MAX_LABEL_BYTES: Final = 64
MAX_TAG_BYTES: Final = 64
MAX_END_POINT_BYTES: Final = 256
MAX_SOURCE_PATH_BYTES: Final = 128
UINT8_LIMIT: Final = 2**8
UINT256_LIMIT: Final = 2**256

MIN_CATEGORICAL_OUTCOMES: Final = 2
# `data_type` of a request without outcome labels: 0 STRING, 1 NUMBER.
DATA_TYPES: Final = (int(OutcomeKind.STRING), int(OutcomeKind.NUMBER))
# The contract packs B0 and the fee into 96-bit fields and the settlement time into 40 bits.
BOND_LIMIT_WEI: Final = 2**96
FEE_LIMIT_WEI: Final = 2**96
SETTLEMENT_TIME_LIMIT_S: Final = 2**40


def build_request(
    kind: OutcomeKind,
    *,
    challenge_period: int,
    description: str = "",
    sources: Iterable[Source] = (),
    outcomes: Iterable[str] = (),
    decimals: int = 0,
    settlement_time: int = 0,
    min_bond: int = 0,
    fee: int = 0,
    tags: Iterable[str] = (),
    config: Config | None = None,
    stake_multiplier_bps: int | None = None,
) -> RequestArgs:
    """A checked request of `kind`: CATEGORICAL takes 2..8 outcome labels, NUMBER (answers scaled
    by `10**decimals`) and STRING take none.

    Units: `challenge_period` seconds, `settlement_time` unix seconds (0, or any past time,
    settles at creation), `min_bond` stake-token wei, `fee` payment-token wei. Pass the
    `config` the request will be created under to check the period against it, and the
    requester's `stake_multiplier_bps` as well to check B0.
    """
    labels = tuple(outcomes)
    if kind is OutcomeKind.CATEGORICAL and not labels:
        raise InvalidRequest(
            "outcomes",
            labels,
            f"a categorical request has {MIN_CATEGORICAL_OUTCOMES} to "
            f"{MAX_LIST_LENGTH} outcome labels",
        )
    if kind is not OutcomeKind.CATEGORICAL and labels:
        raise InvalidRequest("outcomes", labels, f"a {kind.name} request has no outcome labels")
    args = RequestArgs(
        description=description,
        sources=tuple(sources),
        outcomes=labels,
        data_type=int(kind is OutcomeKind.NUMBER),
        decimals=decimals,
        settlement_time=settlement_time,
        challenge_period=challenge_period,
        min_bond=min_bond,
        fee=fee,
        tags=tuple(tags),
    )
    return check_request(args, config=config, stake_multiplier_bps=stake_multiplier_bps)


def check_request(
    args: RequestArgs, *, config: Config | None = None, stake_multiplier_bps: int | None = None
) -> RequestArgs:
    """Return `args` unchanged if `create_request` would accept them, else raise
    `InvalidRequest` for the first bound broken, in the order the contract checks them."""
    check_encodable(args)
    if len(args.outcomes) == 1:
        raise InvalidRequest(
            "outcomes",
            args.outcomes,
            f"0 labels (a NUMBER or STRING request) or {MIN_CATEGORICAL_OUTCOMES} to "
            f"{MAX_LIST_LENGTH}, not 1",
        )
    if args.data_type not in DATA_TYPES:
        raise InvalidRequest("data_type", args.data_type, "0 (STRING) or 1 (NUMBER)")
    if not args.description and not args.sources:
        raise InvalidRequest("description", args.description, "empty, and there is no source")
    _check_challenge_period(args.challenge_period, config)
    if config is not None and stake_multiplier_bps is not None:
        _check_base_bond(args.min_bond, config, stake_multiplier_bps)
    if args.fee >= FEE_LIMIT_WEI:
        raise InvalidRequest("fee", args.fee, "at most 2**96 - 1 wei, the contract's field")
    if args.settlement_time >= SETTLEMENT_TIME_LIMIT_S:
        raise InvalidRequest(
            "settlement_time", args.settlement_time, "at most 2**40 - 1, the contract's field"
        )
    return args


def check_encodable(args: RequestArgs) -> RequestArgs:
    """Return `args` unchanged if they fit `IOracle.RequestArgs`' types, else raise
    `InvalidRequest`. The contract's decoder rejects a longer list or string before any of its
    code runs, so the chain gives no reason; a number outside its type cannot be encoded."""
    _check_integers(args)
    _check_sizes(args)
    return args


def _check_integers(args: RequestArgs) -> None:
    limits = {
        "data_type": UINT8_LIMIT,
        "decimals": UINT8_LIMIT,
        "settlement_time": UINT256_LIMIT,
        "challenge_period": UINT256_LIMIT,
        "min_bond": UINT256_LIMIT,
        "fee": UINT256_LIMIT,
    }
    for field, limit in limits.items():
        value = getattr(args, field)
        # bool is an int subclass, but True is no amount or time anybody meant.
        if not isinstance(value, int) or isinstance(value, bool):
            raise InvalidRequest(field, value, "not an integer")
        if not 0 <= value < limit:
            bits = limit.bit_length() - 1
            raise InvalidRequest(field, value, f"outside uint{bits} (0 to 2**{bits} - 1)")


def _check_sizes(args: RequestArgs) -> None:
    _check_text("description", args.description, MAX_DESCRIPTION_BYTES)
    _check_length("sources", args.sources)
    for index, source in enumerate(args.sources):
        _check_text(f"sources[{index}].end_point", source.end_point, MAX_END_POINT_BYTES)
        _check_text(f"sources[{index}].source_path", source.source_path, MAX_SOURCE_PATH_BYTES)
    _check_length("outcomes", args.outcomes)
    for index, label in enumerate(args.outcomes):
        _check_text(f"outcomes[{index}]", label, MAX_LABEL_BYTES)
    _check_length("tags", args.tags)
    for index, tag in enumerate(args.tags):
        _check_text(f"tags[{index}]", tag, MAX_TAG_BYTES)


def _check_length(field: str, entries: tuple[object, ...]) -> None:
    if len(entries) > MAX_LIST_LENGTH:
        raise InvalidRequest(field, entries, f"{len(entries)} entries, at most {MAX_LIST_LENGTH}")


def _check_text(field: str, text: str, max_bytes: int) -> None:
    if not isinstance(text, str):
        raise InvalidRequest(field, text, "not a string")
    size = len(text.encode("utf-8"))
    if size > max_bytes:
        raise InvalidRequest(field, text, f"{size} UTF-8 bytes, at most {max_bytes}")


def _check_challenge_period(period_s: int, config: Config | None) -> None:
    # Every valid config bounds the period within [1, 2**32 - 1], whichever config it is.
    low_s, high_s = 1, DURATION_LIMIT_S - 1
    if config is not None:
        low_s, high_s = config.min_challenge_period, config.max_challenge_period
    if not low_s <= period_s <= high_s:
        where = "the config's bounds" if config is not None else "any config's bounds"
        raise InvalidRequest(
            "challenge_period", period_s, f"outside {where}, {low_s} to {high_s} seconds"
        )


def _check_base_bond(min_bond_wei: int, config: Config, stake_multiplier_bps: int) -> None:
    b0_wei = base_bond_wei(config.min_bond, min_bond_wei, stake_multiplier_bps)
    if b0_wei == 0:
        raise InvalidRequest(
            "min_bond",
            min_bond_wei,
            f"B0 = max({config.min_bond}, {min_bond_wei}) * {stake_multiplier_bps} // 10_000 "
            "rounds to 0",
        )
    if b0_wei >= BOND_LIMIT_WEI:
        raise InvalidRequest(
            "min_bond",
            min_bond_wei,
            f"B0 = {b0_wei} wei after the {stake_multiplier_bps} bps multiplier, at most 2**96 - 1",
        )
