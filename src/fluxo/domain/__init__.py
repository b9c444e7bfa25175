"""The Oracle's rules as pure Python: outcome encoding, bond math, and a plain model of the
contract's request game that tests run side by side with the deployed contract."""

from fluxo.domain.bonds import Payout
from fluxo.domain.config import Config
from fluxo.domain.errors import OracleRevert, TransferFailed
from fluxo.domain.oracle_model import Callback, OracleModel, OutcomeOf, RoundInfo
from fluxo.domain.outcome import INVALID_OUTCOME, NO_OUTCOME, OutcomeKind
from fluxo.domain.request_args import RequestArgs, Source

__all__ = [
    "INVALID_OUTCOME",
    "NO_OUTCOME",
    "Callback",
    "Config",
    "OracleModel",
    "OracleRevert",
    "OutcomeKind",
    "OutcomeOf",
    "Payout",
    "RequestArgs",
    "RoundInfo",
    "Source",
    "TransferFailed",
]
