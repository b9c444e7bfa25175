"""A plain Python model of the Oracle contract's request game, for tests only.

Scenarios run against it and against the deployed contract through the same driver
(`tests/harness/`), and the stateful test compares the two step by step, so a rule the model
and the contract disagree on fails a test.
"""

from tests.model.errors import OracleRevert, TransferFailed, Undecodable
from tests.model.oracle_model import Callback, OracleModel, OutcomeOf, RoundInfo

__all__ = [
    "Callback",
    "OracleModel",
    "OracleRevert",
    "OutcomeOf",
    "RoundInfo",
    "TransferFailed",
    "Undecodable",
]
