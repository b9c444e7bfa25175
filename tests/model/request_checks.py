"""`create_request`'s checks of its arguments, as the contract's revert reasons (SPEC §3)."""

from fluxo.domain.bonds import base_bond_wei
from fluxo.domain.config import Config
from fluxo.domain.request_args import RequestArgs
from tests.model.errors import OracleRevert

# Every list in RequestArgs is a DynArray[_, 8].
MAX_LIST_LENGTH = 8
MIN_CATEGORICAL_OUTCOMES = 2
DATA_TYPES = (0, 1)
# B0 and the fee are packed into 96-bit fields, the settlement time into 40 bits.
BOND_LIMIT_WEI = 2**96
FEE_LIMIT_WEI = 2**96
SETTLEMENT_TIME_LIMIT_S = 2**40


def checked_base_bond_wei(args: RequestArgs, config: Config, stake_multiplier_bps: int) -> int:
    """Return the request's B0, or raise the first of SPEC §3's checks 2-7 that fails.

    Check 1 (the whitelist) needs Oracle state, so the caller makes it first.
    """
    _check_shape(args)
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


def _check_shape(args: RequestArgs) -> None:
    if len(args.sources) > MAX_LIST_LENGTH:
        raise OracleRevert("oracle: too many sources")
    if len(args.outcomes) > MAX_LIST_LENGTH:
        raise OracleRevert("oracle: too many outcomes")
    if len(args.tags) > MAX_LIST_LENGTH:
        raise OracleRevert("oracle: too many tags")
    if 0 < len(args.outcomes) < MIN_CATEGORICAL_OUTCOMES:
        raise OracleRevert("oracle: bad outcome count")
    if args.data_type not in DATA_TYPES:
        raise OracleRevert("oracle: bad data type")
    if args.description == "" and len(args.sources) == 0:
        raise OracleRevert("oracle: empty request")
