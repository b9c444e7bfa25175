"""`create_request`'s checks of its arguments, as the contract reverts on them (SPEC §3)."""

from fluxo.domain.bonds import base_bond_wei
from fluxo.domain.config import Config
from fluxo.domain.request_args import RequestArgs
from fluxo.domain.request_builder import (
    BOND_LIMIT_WEI,
    DATA_TYPES,
    FEE_LIMIT_WEI,
    MIN_CATEGORICAL_OUTCOMES,
    SETTLEMENT_TIME_LIMIT_S,
    check_encodable,
)
from fluxo.exceptions import InvalidRequest
from tests.model.errors import OracleRevert, Undecodable


def require_decodable(args: RequestArgs) -> None:
    """Raise `Undecodable` for arguments the contract's ABI decoder rejects."""
    try:
        check_encodable(args)
    except InvalidRequest as error:
        raise Undecodable(error.field) from error


def checked_base_bond_wei(args: RequestArgs, config: Config, stake_multiplier_bps: int) -> int:
    """Return the request's B0, or raise the first of SPEC §3's checks 3-7 that fails.

    Check 1 (the whitelist) needs Oracle state and check 2 (the ABI types) comes before any
    code, so the caller makes them first.
    """
    if 0 < len(args.outcomes) < MIN_CATEGORICAL_OUTCOMES:
        raise OracleRevert("oracle: bad outcome count")
    if args.data_type not in DATA_TYPES:
        raise OracleRevert("oracle: bad data type")
    if args.description == "" and len(args.sources) == 0:
        raise OracleRevert("oracle: empty request")
    if not config.min_challenge_period <= args.challenge_period <= config.max_challenge_period:
        raise OracleRevert("oracle: period out of bounds")
    bond_wei = base_bond_wei(config.min_bond, args.min_bond, stake_multiplier_bps)
    if bond_wei == 0:
        raise OracleRevert("oracle: zero bond")
    if bond_wei >= BOND_LIMIT_WEI:
        raise OracleRevert("oracle: bond too large")
    if args.fee >= FEE_LIMIT_WEI:
        raise OracleRevert("oracle: fee too large")
    if args.settlement_time >= SETTLEMENT_TIME_LIMIT_S:
        raise OracleRevert("oracle: bad settlement time")
    return bond_wei
