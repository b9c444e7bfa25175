"""Fluxo price feeds: EIP-712 observations, signing, report assembly and the contract's median
rules as pure functions; reading and deploying feeds over web3 at the edge (`reader`,
`deployer`)."""

from fluxo.feeds.freshness import (
    DEFAULT_MAX_OBSERVATION_AGE_S,
    MAX_FUTURE_S,
    MAX_OBSERVATION_AGE_S,
    Window,
    accepted_window,
    fresh_observations,
    is_fresh,
    rejection,
)
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
    "DEFAULT_MAX_OBSERVATION_AGE_S",
    "MAX_FUTURE_S",
    "MAX_OBSERVATIONS",
    "MAX_OBSERVATION_AGE_S",
    "FeedParameters",
    "FeedReading",
    "Observation",
    "Report",
    "SignedObservation",
    "StoredRound",
    "Window",
    "accepted_window",
    "assemble_report",
    "expected_stored_round",
    "feed_id",
    "feed_parameters",
    "fresh_observations",
    "is_fresh",
    "median_answer",
    "median_timestamp",
    "observation_digest",
    "recover_signer",
    "rejection",
    "sign_observation",
    "stored_updated_at",
]
