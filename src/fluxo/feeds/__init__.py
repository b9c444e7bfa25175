"""Fluxo price feeds: EIP-712 observations, signing, report assembly and the contract's median
rules as pure functions; reading and deploying feeds over web3 at the edge (`reader`,
`deployer`)."""

from fluxo.feeds.median import (
    StoredRound,
    expected_stored_round,
    median_answer,
    median_timestamp,
    stored_updated_at,
)
from fluxo.feeds.observation import Observation, feed_id, observation_digest
from fluxo.feeds.parameters import FeedParameters, feed_parameters
from fluxo.feeds.reading import FeedReading
from fluxo.feeds.report import MAX_OBSERVATIONS, Report, assemble_report
from fluxo.feeds.signing import SignedObservation, recover_signer, sign_observation

__all__ = [
    "MAX_OBSERVATIONS",
    "FeedParameters",
    "FeedReading",
    "Observation",
    "Report",
    "SignedObservation",
    "StoredRound",
    "assemble_report",
    "expected_stored_round",
    "feed_id",
    "feed_parameters",
    "median_answer",
    "median_timestamp",
    "observation_digest",
    "recover_signer",
    "sign_observation",
    "stored_updated_at",
]
