"""The observation exchange between price-feed providers (SPEC §12): the strict JSON format
(`wire`), the bounded store that validates every observation on insert (`store`), the HTTP
endpoints (`routes`) and the client that pushes to and pulls from peers (`client`)."""

from fluxo.node.observations.client import ObservationClient, PushResult
from fluxo.node.observations.routes import OBSERVATIONS_PATH, observation_routes
from fluxo.node.observations.store import (
    FeedSigners,
    InsertOutcome,
    InsertResult,
    ObservationStore,
    SignerSource,
)
from fluxo.node.observations.wire import (
    MAX_BODY_BYTES,
    WireError,
    WireObservation,
    decode_observation,
    encode_observation,
)

__all__ = [
    "MAX_BODY_BYTES",
    "OBSERVATIONS_PATH",
    "FeedSigners",
    "InsertOutcome",
    "InsertResult",
    "ObservationClient",
    "ObservationStore",
    "PushResult",
    "SignerSource",
    "WireError",
    "WireObservation",
    "decode_observation",
    "encode_observation",
    "observation_routes",
]
