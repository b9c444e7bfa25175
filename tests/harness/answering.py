"""Fake sources for the answer rules: a fixed resolver and a routing `httpx.MockTransport`.

Nothing here touches a network. A test declares what each URL answers and which address each
name resolves to, then runs the real fetcher and rules over them:

    sources = FakeSources({"https://api.example/price": json_body({"price": 1.5})})
    decision = sources.decide(number_request(("https://api.example/price", "price")))

Names resolve to `PUBLIC_IP` unless the table says otherwise, so a test is about SSRF only when
it says so. The transport records every request it saw (`sources.seen`).
"""

import asyncio
import gzip
import json
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from ipaddress import ip_address
from typing import Any

import httpx

from fluxo.answering import (
    AnswerRequest,
    Decision,
    FailureCode,
    FetchPolicy,
    FetchResult,
    SourceFailure,
    SourceFetcher,
    SourceTrace,
    fetch_and_decide,
    read_value,
)
from fluxo.answering.addresses import IPAddress
from fluxo.domain.outcome import OutcomeKind
from fluxo.domain.request_args import Source

# Globally routable addresses (never contacted: every test transport is a MockTransport).
PUBLIC_IP = "93.184.215.14"
OTHER_PUBLIC_IP = "151.101.1.69"

Handler = Callable[[httpx.Request], httpx.Response | Awaitable[httpx.Response]]
Route = httpx.Response | Handler


def json_body(
    payload: Any, *, status: int = 200, headers: Mapping[str, str] | None = None
) -> Handler:
    """A route answering `payload` serialised as JSON."""
    return raw_body(json.dumps(payload).encode(), status=status, headers=headers)


def raw_body(
    body: bytes, *, status: int = 200, headers: Mapping[str, str] | None = None
) -> Handler:
    """A route answering exactly `body`, streamed as a transport would (never pre-decoded)."""

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            status,
            headers={"Content-Length": str(len(body)), **dict(headers or {})},
            stream=httpx.ByteStream(body),
        )

    return answer


def gzip_body(body: bytes, *, headers: Mapping[str, str] | None = None) -> Handler:
    """A route answering `body` gzip-compressed, labelled `Content-Encoding: gzip`."""
    return raw_body(
        gzip.compress(body), headers={"Content-Encoding": "gzip", **dict(headers or {})}
    )


def redirect(location: str, *, status: int = 302) -> Handler:
    return raw_body(b"", status=status, headers={"Location": location})


def sequence(*routes: Route) -> Handler:
    """A route that answers with the next of `routes` each time (the last one repeats)."""
    calls = iter(range(10**9))

    async def answer(request: httpx.Request) -> httpx.Response:
        index = min(next(calls), len(routes) - 1)
        return await _respond(routes[index], request)

    return answer


async def _respond(route: Route, request: httpx.Request) -> httpx.Response:
    if isinstance(route, httpx.Response):
        return route
    result = route(request)
    if isinstance(result, httpx.Response):
        return result
    return await result


@dataclass
class StaticResolver:
    """Resolve names from a table; a name not in it does not resolve (`OSError`)."""

    table: Mapping[str, Sequence[str]]
    lookups: list[str] = field(default_factory=list)

    async def __call__(self, host: str) -> Sequence[IPAddress]:
        self.lookups.append(host)
        if host not in self.table:
            raise OSError(f"[Errno -2] Name or service not known: {host!r}")
        return [ip_address(address) for address in self.table[host]]


@dataclass
class FakeSources:
    """URL routes plus a resolver: the fake internet a test runs the real fetcher against."""

    routes: Mapping[str, Route]
    addresses: Mapping[str, Sequence[str]] = field(default_factory=dict)
    policy: FetchPolicy = field(default_factory=FetchPolicy)
    seen: list[httpx.Request] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.resolver = StaticResolver(self._address_table())

    def _address_table(self) -> dict[str, Sequence[str]]:
        table: dict[str, Sequence[str]] = {}
        for url in self.routes:
            table[httpx.URL(url).raw_host.decode("ascii")] = [PUBLIC_IP]
        table.update(self.addresses)
        return table

    def transport(self) -> httpx.MockTransport:
        async def handle(request: httpx.Request) -> httpx.Response:
            self.seen.append(request)
            url = str(request.url)
            if url not in self.routes:
                return httpx.Response(404, content=b"no such route")
            return await _respond(self.routes[url], request)

        return httpx.MockTransport(handle)

    def fetch(self, url: str) -> FetchResult:
        async def main() -> FetchResult:
            async with SourceFetcher(
                self.policy, transport=self.transport(), resolver=self.resolver
            ) as fetcher:
                return await fetcher.fetch(url)

        return asyncio.run(main())

    def decide(self, request: AnswerRequest, repeats: int = 1) -> Decision:
        return asyncio.run(
            fetch_and_decide(
                request,
                self.policy,
                repeats=repeats,
                interval_s=0,
                transport=self.transport(),
                resolver=self.resolver,
            )
        )


def number_request(*sources: tuple[str, str], decimals: int = 0) -> AnswerRequest:
    return AnswerRequest(_sources(sources), (), OutcomeKind.NUMBER, decimals)


def string_request(*sources: tuple[str, str]) -> AnswerRequest:
    return AnswerRequest(_sources(sources), (), OutcomeKind.STRING, 0)


def categorical_request(outcomes: Sequence[str], *sources: tuple[str, str]) -> AnswerRequest:
    return AnswerRequest(_sources(sources), tuple(outcomes), OutcomeKind.STRING, 0)


def _sources(pairs: Sequence[tuple[str, str]]) -> tuple[Source, ...]:
    return tuple(Source(end_point, source_path) for end_point, source_path in pairs)


def traces(*values: str | FailureCode) -> tuple[SourceTrace, ...]:
    """One trace per argument: a value text read from source i, or a failure of that code."""
    return tuple(_trace(index, value) for index, value in enumerate(values))


def _trace(index: int, value: str | FailureCode) -> SourceTrace:
    url = f"https://source-{index}.example/answer"
    if isinstance(value, FailureCode):
        return SourceTrace(url, "answer", url, None, None, value, "failed on purpose")
    return SourceTrace(url, "answer", url, 200, value, None, "")


def request_with(
    n_sources: int,
    *,
    kind: OutcomeKind = OutcomeKind.NUMBER,
    outcomes: Sequence[str] = (),
    decimals: int = 0,
) -> AnswerRequest:
    """A request with `n_sources` placeholder sources, for the pure rules."""
    data_type = OutcomeKind.STRING if kind is OutcomeKind.CATEGORICAL else kind
    sources = tuple(
        Source(f"https://source-{index}.example/answer", "answer") for index in range(n_sources)
    )
    return AnswerRequest(sources, tuple(outcomes), data_type, decimals)


def read_failure(kind: OutcomeKind, body: bytes, source_path: str) -> SourceFailure:
    """The failure `read_value` raises for `body`; fails the test if it reads a value."""
    try:
        value = read_value(kind, body, source_path)
    except SourceFailure as failure:
        return failure
    raise AssertionError(f"expected a failure, read {value!r}")


def slow(route: Route, delay_s: float) -> Handler:
    """`route`, answered after `delay_s` seconds."""

    async def answer(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(delay_s)
        return await _respond(route, request)

    return answer
