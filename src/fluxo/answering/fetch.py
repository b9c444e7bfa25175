"""Fetching one source safely: the edge where the answer rules meet the network.

    async with SourceFetcher(FetchPolicy()) as fetcher:
        result = await fetcher.fetch("https://api.example.com/price")   # never raises

Rules (SPEC Part III, "Fetch" and "Safety of fetching"):

* GET only, `http` and `https` only; a URL with userinfo (`user:pw@`) or without a host fails;
* the host is resolved by the fetcher (`Resolver`), every address is checked against
  `addresses.refusal_reason` (unless `allow_private_hosts`), and the connection is pinned to
  the first one (`PinnedTransport`): the check and the connection see the same address;
* redirects (301, 302, 303, 307, 308) are followed by hand, at most `MAX_REDIRECTS`; each hop is
  a fresh URL that goes through the same checks, and a fourth redirect fails the source;
* any other status than 2xx fails the source; the body is read by `read_limited_body`;
* one timeout (`policy.timeout_s`, 10 s by default) bounds the whole fetch, redirects and body
  included: a per-phase timeout would let a server that drips a byte every 9 s hold a node
  forever, and a total is the same bound for every node;
* a per-host credential is attached on each hop whose host is exactly the configured one, over
  https only, so a redirect to another host never carries it. No cookies are kept between
  hops and no proxy settings are read from the environment (the transport is used directly,
  not through an `httpx.AsyncClient`).
"""

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from ipaddress import ip_address
from types import TracebackType
from typing import Final

import httpx

from fluxo.answering.addresses import IPAddress, connect_target, refusal_reason
from fluxo.answering.failure import FailureCode, SourceFailure
from fluxo.answering.limited_body import read_limited_body
from fluxo.answering.pinned_transport import PINNED_ADDRESS, PinnedTransport
from fluxo.answering.policy import FetchPolicy
from fluxo.answering.resolver import Resolver, system_resolver

MAX_REDIRECTS: Final = 3
REDIRECT_STATUSES: Final = frozenset({301, 302, 303, 307, 308})
SCHEMES: Final = frozenset({"http", "https"})
_MAX_PORT: Final = 65_535


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What fetching one URL gave: a body, or the failure; and how far the request got."""

    end_point: str
    final_url: str | None
    http_status: int | None
    body: bytes | None
    error: FailureCode | None = None
    detail: str = ""


class _Progress:
    """How far one fetch got, kept for the trace when it fails midway."""

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        self.final_url: str | None = None
        self.http_status: int | None = None

    def failed(self, end_point: str, code: FailureCode, detail: str) -> FetchResult:
        return FetchResult(end_point, self.final_url, self.http_status, None, code, detail)


class SourceFetcher:
    """Fetches source URLs under a `FetchPolicy`; `transport` and `resolver` are injectable.

    The default transport is a `PinnedTransport`, which this fetcher closes; a transport passed
    in belongs to the caller. Tests pass an `httpx.MockTransport` (which sees the pinned address
    in `request.extensions[PINNED_ADDRESS]`) and a fixed resolver.
    """

    def __init__(
        self,
        policy: FetchPolicy,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        resolver: Resolver | None = None,
    ) -> None:
        self._policy = policy
        self._owns_transport = transport is None
        self._transport = transport if transport is not None else PinnedTransport()
        self._resolver = resolver if resolver is not None else system_resolver

    async def __aenter__(self) -> "SourceFetcher":
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        if self._owns_transport:
            await self._transport.aclose()

    async def fetch(self, end_point: str) -> FetchResult:
        """Fetch `end_point`; a failure is reported in the result, never raised."""
        loop = asyncio.get_running_loop()
        progress = _Progress(loop.time() + self._policy.timeout_s)
        try:
            async with asyncio.timeout_at(progress.deadline):
                body = await self._follow(end_point, progress)
        except SourceFailure as failure:
            return progress.failed(end_point, failure.code, failure.detail)
        except TimeoutError:
            return progress.failed(
                end_point, FailureCode.TIMEOUT, f"not done within {self._policy.timeout_s} s"
            )
        return FetchResult(end_point, progress.final_url, progress.http_status, body)

    async def _follow(self, end_point: str, progress: _Progress) -> bytes:
        url = _checked_url(end_point)
        redirects = 0
        while True:
            progress.final_url, progress.http_status = str(url), None
            address = await self._pinned_address(url)
            with _transport_errors():
                response = await self._transport.handle_async_request(
                    self._request(url, address, progress.deadline)
                )
                try:
                    progress.http_status = status = response.status_code
                    if status in REDIRECT_STATUSES:
                        redirects += 1
                        if redirects > MAX_REDIRECTS:
                            raise SourceFailure(
                                FailureCode.REDIRECT, f"more than {MAX_REDIRECTS} redirects"
                            )
                        url = _redirect_target(url, response)
                        continue
                    if not 200 <= status <= 299:
                        raise SourceFailure(FailureCode.HTTP_STATUS, f"HTTP {status}")
                    return await read_limited_body(response)
                finally:
                    await response.aclose()

    async def _pinned_address(self, url: httpx.URL) -> str:
        host = url.raw_host.decode("ascii")
        addresses = await self._addresses(host)
        if not self._policy.allow_private_hosts:
            for address in addresses:
                reason = refusal_reason(address)
                if reason is not None:
                    raise SourceFailure(
                        FailureCode.REFUSED_ADDRESS, f"{host} is {address}: {reason}"
                    )
        return str(connect_target(addresses[0]))

    async def _addresses(self, host: str) -> tuple[IPAddress, ...]:
        try:
            return (ip_address(host),)
        except ValueError:
            pass  # a name, not a literal address
        try:
            addresses = tuple(await self._resolver(host))
        except OSError as error:
            raise SourceFailure(FailureCode.DNS, f"{host}: {error}") from None
        if not addresses:
            raise SourceFailure(FailureCode.DNS, f"{host} has no address")
        return addresses

    def _request(self, url: httpx.URL, address: str, deadline: float) -> httpx.Request:
        headers = {
            "Accept": "application/json",
            "Accept-Encoding": "gzip",
            "User-Agent": self._policy.user_agent,
        }
        credential = self._policy.credential_for(url.scheme, url.raw_host.decode("ascii"))
        if credential is not None:
            headers[credential.header] = credential.value
        remaining_s = max(deadline - asyncio.get_running_loop().time(), 0.001)
        timeouts = {
            "connect": remaining_s,
            "read": remaining_s,
            "write": remaining_s,
            "pool": remaining_s,
        }
        return httpx.Request(
            "GET", url, headers=headers, extensions={PINNED_ADDRESS: address, "timeout": timeouts}
        )


@contextmanager
def _transport_errors() -> Iterator[None]:
    """Turn httpx's transport exceptions into source failures (a timeout stays a timeout)."""
    try:
        yield
    except httpx.TimeoutException as error:
        raise SourceFailure(FailureCode.TIMEOUT, f"{type(error).__name__}: {error}") from error
    except httpx.HTTPError as error:
        raise SourceFailure(FailureCode.NETWORK, f"{type(error).__name__}: {error}") from error


def _checked_url(text: str, base: httpx.URL | None = None) -> httpx.URL:
    try:
        url = httpx.URL(text) if base is None else base.join(text)
    except httpx.InvalidURL as error:
        raise SourceFailure(FailureCode.BAD_URL, f"{text!r}: {error}") from None
    if url.scheme not in SCHEMES:
        raise SourceFailure(FailureCode.BAD_URL, f"{text!r}: only http and https are fetched")
    if not url.raw_host:
        raise SourceFailure(FailureCode.BAD_URL, f"{text!r} has no host")
    if url.userinfo:
        raise SourceFailure(FailureCode.BAD_URL, f"{text!r} carries userinfo")
    if url.port is not None and not 0 < url.port <= _MAX_PORT:
        raise SourceFailure(FailureCode.BAD_URL, f"{text!r} has port {url.port}")
    return url


def _redirect_target(url: httpx.URL, response: httpx.Response) -> httpx.URL:
    location = response.headers.get("location")
    if not location:
        raise SourceFailure(FailureCode.REDIRECT, f"HTTP {response.status_code} without a Location")
    return _checked_url(location, base=url)
