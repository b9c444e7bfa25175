"""The Oracle's rules as pure Python, for the node, the SDK and the CLI: outcome encoding, bond
math, the config and its validity rule, and the request a requester submits with its builder."""

from fluxo.domain.bonds import Payout
from fluxo.domain.config import Config
from fluxo.domain.outcome import INVALID_OUTCOME, NO_OUTCOME, OutcomeKind
from fluxo.domain.request_args import RequestArgs, Source
from fluxo.domain.request_builder import build_request, check_request

__all__ = [
    "INVALID_OUTCOME",
    "NO_OUTCOME",
    "Config",
    "OutcomeKind",
    "Payout",
    "RequestArgs",
    "Source",
    "build_request",
    "check_request",
]
