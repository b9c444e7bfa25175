"""Pushing the node's own observations to its peers, and pulling theirs.

    client = ObservationClient(http, peers=["http://provider-2.example.org:9464"], metrics=m)
    results = await client.push(wire)        # every peer at once, each with its own timeout
    theirs = await client.pull(peer, feed_address, round)

Neither method raises for a peer that is down, slow, refuses the observation or answers
garbage: an unreachable peer must not stop the node from reporting with the others. Each
failure is logged and counted (`fluxo_node_observation_pushes_total{peer,result}`) and shows
in the returned results. A pulled answer is read up to `MAX_PULL_BYTES` and every element is
parsed strictly; whatever a peer sends still goes through `ObservationStore.insert`.
"""

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import httpx
from structlog.typing import FilteringBoundLogger

from fluxo.node.metrics import NodeMetrics
from fluxo.node.observations.routes import OBSERVATIONS_PATH
from fluxo.node.observations.wire import (
    MAX_BODY_BYTES,
    WireObservation,
    decode_observation_list,
    encode_observation_body,
)

DEFAULT_TIMEOUT_S: Final = 2.0
# 62 observations (two rounds of 31 signers) of about 300 bytes each, with room to spare.
MAX_PULL_BYTES: Final = 32 * MAX_BODY_BYTES


@dataclass(frozen=True, slots=True)
class PushResult:
    """One peer's answer to a push: its HTTP status, or the error that stopped the request."""

    peer: str
    status_code: int | None
    error: str | None = None

    @property
    def accepted(self) -> bool:
        return self.status_code == 202

    @property
    def label(self) -> str:
        """The metric label: `accepted`, `http_<status>`, or `error`."""
        if self.status_code is None:
            return "error"
        return "accepted" if self.accepted else f"http_{self.status_code}"


class ObservationClient:
    """Talks the exchange protocol to the peers in the node's config."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        peers: Sequence[str],
        *,
        timeout_s: float = DEFAULT_TIMEOUT_S,
        metrics: NodeMetrics | None = None,
        logger: FilteringBoundLogger | None = None,
    ) -> None:
        self._http = http
        self._peers = tuple(peer.rstrip("/") for peer in peers)
        self._timeout = httpx.Timeout(timeout_s)
        self._metrics = metrics
        self._logger = logger

    async def push(self, wire: WireObservation) -> list[PushResult]:
        """POST `wire` to every peer concurrently; one result per peer, in config order."""
        body = encode_observation_body(wire)
        return list(await asyncio.gather(*(self._push_one(peer, body) for peer in self._peers)))

    async def pull(self, peer: str, feed_address: str, round: int) -> list[WireObservation]:
        """The observations `peer` holds for (feed, round); [] if it cannot say."""
        url = f"{peer.rstrip('/')}{OBSERVATIONS_PATH}/{feed_address}/{round}"
        try:
            async with self._http.stream("GET", url, timeout=self._timeout) as response:
                if response.status_code != 200:
                    self._log("observation pull refused", peer, status=response.status_code)
                    return []
                body = await _read_capped(response, MAX_PULL_BYTES)
            return decode_observation_list(body)
        except Exception as error:  # as for pushes: one bad peer never stops the node
            self._log("observation pull failed", peer, error=_describe(error))
            return []

    async def _push_one(self, peer: str, body: bytes) -> PushResult:
        try:
            # Streamed so a peer cannot make the node buffer a huge answer.
            async with self._http.stream(
                "POST",
                peer + OBSERVATIONS_PATH,
                content=body,
                headers={"content-type": "application/json"},
                timeout=self._timeout,
            ) as response:
                result = PushResult(peer, response.status_code)
                if not result.accepted:
                    answer = await _read_capped(response, MAX_BODY_BYTES, truncate=True)
                    self._log(
                        "observation push refused",
                        peer,
                        status=response.status_code,
                        answer=answer[:200].decode("utf-8", "replace"),
                    )
        except Exception as error:
            # Whatever one peer does (or a mistyped URL in the config, which httpx reports as
            # a ValueError), the other peers still get the observation and the node goes on.
            result = PushResult(peer, None, _describe(error))
            self._log("observation push failed", peer, error=result.error)
        if self._metrics is not None:
            self._metrics.observation_pushes.labels(peer=peer, result=result.label).inc()
        return result

    def _log(self, event: str, peer: str, **fields: object) -> None:
        if self._logger is not None:
            self._logger.warning(event, peer=peer, **fields)


class _TooLarge(Exception):
    def __str__(self) -> str:
        return f"answer larger than {MAX_PULL_BYTES} bytes"


async def _read_capped(
    response: httpx.Response, limit_bytes: int, *, truncate: bool = False
) -> bytes:
    """The body up to `limit_bytes`: cut there if `truncate`, else `_TooLarge` past it."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > limit_bytes:
            if truncate:
                chunks.append(chunk[: limit_bytes - (size - len(chunk))])
                break
            raise _TooLarge
        chunks.append(chunk)
    return b"".join(chunks)


def _describe(error: Exception) -> str:
    text = str(error)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
