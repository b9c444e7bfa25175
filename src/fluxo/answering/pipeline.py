"""Fetch and decide: the glue between the fetcher and the pure rules.

    decision = await fetch_and_decide(request, FetchPolicy())
    if decision.verdict is Verdict.ANSWER: ...stake decision.outcome...

`fetch_and_decide` fetches every source of the request concurrently, `repeats` times (3 by
default, `interval_s` = 300 ms between passes, as the original node did), rules on each pass
and reduces the passes (`reduce_passes`). It never raises for a failing source: failures are in
the trace. A request without sources is not fetched and abstains (people answer it through the
CLI). `fetch_feed_value` is the provider's single pass over a feed's sources.
"""

import asyncio
from collections.abc import Sequence

import httpx

from fluxo.answering.decision import Decision, PassResult, SourceTrace
from fluxo.answering.failure import SourceFailure
from fluxo.answering.feed_value import FeedQuery, FeedValue, decide_feed
from fluxo.answering.fetch import FetchResult, SourceFetcher
from fluxo.answering.policy import FetchPolicy
from fluxo.answering.reading import read_value
from fluxo.answering.repeats import reduce_passes
from fluxo.answering.request import AnswerRequest
from fluxo.answering.resolver import Resolver
from fluxo.answering.rules import decide_pass
from fluxo.domain.outcome import OutcomeKind
from fluxo.domain.request_args import Source
from fluxo.exceptions import InvalidAnswerRequest

DEFAULT_REPEATS = 3
DEFAULT_INTERVAL_S = 0.3


async def fetch_and_decide(
    request: AnswerRequest,
    policy: FetchPolicy,
    repeats: int = DEFAULT_REPEATS,
    interval_s: float = DEFAULT_INTERVAL_S,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    resolver: Resolver | None = None,
) -> Decision:
    """What the node stakes on `request`, with the trace of every pass."""
    if repeats < 1:
        raise InvalidAnswerRequest(f"repeats must be at least 1, got {repeats}")
    if interval_s < 0:
        raise InvalidAnswerRequest(f"interval_s must be >= 0, got {interval_s}")
    if not request.sources:
        return reduce_passes(request.kind, [PassResult(decide_pass(request, ()), ())])
    passes: list[PassResult] = []
    async with SourceFetcher(policy, transport=transport, resolver=resolver) as fetcher:
        for number in range(repeats):
            if number:
                await asyncio.sleep(interval_s)
            traces = await _fetch_all(fetcher, request.kind, request.sources)
            passes.append(PassResult(decide_pass(request, traces), traces))
    return reduce_passes(request.kind, passes)


async def fetch_feed_value(
    query: FeedQuery,
    policy: FetchPolicy,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    resolver: Resolver | None = None,
) -> FeedValue:
    """A provider's value for one round of the feed `query` (one pass: prices move)."""
    sources = [Source(source.end_point, source.source_path) for source in query.sources]
    async with SourceFetcher(policy, transport=transport, resolver=resolver) as fetcher:
        traces = await _fetch_all(fetcher, OutcomeKind.NUMBER, sources)
    return decide_feed(query, traces)


def trace_source(kind: OutcomeKind, source: Source, fetched: FetchResult) -> SourceTrace:
    """Read one fetched source for a request of `kind` (pure): its value, or why it failed."""
    value, error, detail = None, fetched.error, fetched.detail
    if fetched.body is not None:
        try:
            value = read_value(kind, fetched.body, source.source_path)
        except SourceFailure as failure:
            error, detail = failure.code, failure.detail
    return SourceTrace(
        end_point=source.end_point,
        source_path=source.source_path,
        final_url=fetched.final_url,
        http_status=fetched.http_status,
        value=value,
        error=error,
        detail=detail,
    )


async def _fetch_all(
    fetcher: SourceFetcher, kind: OutcomeKind, sources: Sequence[Source]
) -> tuple[SourceTrace, ...]:
    fetched = await asyncio.gather(*(fetcher.fetch(source.end_point) for source in sources))
    return tuple(
        trace_source(kind, source, result) for source, result in zip(sources, fetched, strict=True)
    )
