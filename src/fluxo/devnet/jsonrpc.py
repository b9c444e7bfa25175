"""JSON-RPC 2.0 envelopes for the dev-chain helpers, free of any transport."""

from collections.abc import Sequence
from typing import Any

import httpx

from fluxo.exceptions import DevnetError


def request_body(method: str, params: Sequence[object] = ()) -> dict[str, object]:
    """Build the JSON body of one JSON-RPC 2.0 call."""
    return {"jsonrpc": "2.0", "id": 1, "method": method, "params": list(params)}


def result_of(response: httpx.Response, method: str) -> Any:
    """Return the `result` of a JSON-RPC response, or raise `DevnetError`."""
    if response.is_error:
        raise DevnetError(f"{method}: HTTP {response.status_code} from {response.url}")
    payload = response.json()
    if not isinstance(payload, dict):
        raise DevnetError(f"{method}: malformed JSON-RPC response {payload!r}")
    if "error" in payload:
        raise DevnetError(f"{method}: JSON-RPC error {payload['error']!r}")
    if "result" not in payload:
        raise DevnetError(f"{method}: JSON-RPC response without a result: {payload!r}")
    return payload["result"]
