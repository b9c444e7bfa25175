"""The fetcher through `httpx.MockTransport` and a fixed resolver: statuses, limits, encodings,
redirects, timeouts, refused addresses, pinning and credentials. Nothing here uses a socket."""

import gzip
import os
from collections.abc import AsyncIterator

import httpx
import pytest

from fluxo.answering import PINNED_ADDRESS, FailureCode, FetchPolicy, HostCredential
from fluxo.answering.limited_body import MAX_BODY_BYTES
from tests.harness.answering import (
    OTHER_PUBLIC_IP,
    PUBLIC_IP,
    FakeSources,
    gzip_body,
    raw_body,
    redirect,
    sequence,
    slow,
)

API = "https://api.example.com/v1/price"
PAYLOAD = b'{"price": 1.5}'


def _raises(error: Exception):  # type: ignore[no-untyped-def]
    def answer(request: httpx.Request) -> httpx.Response:
        raise error

    return answer


def _streamed(chunks: list[bytes]):  # type: ignore[no-untyped-def]
    """A route whose body streams in chunks without a Content-Length."""

    async def body() -> AsyncIterator[bytes]:
        for chunk in chunks:
            yield chunk

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body())

    return answer


# --- a plain fetch ---------------------------------------------------------------------------


def test_fetch__json_source__body_status_and_final_url() -> None:
    sources = FakeSources({API: raw_body(PAYLOAD)})

    result = sources.fetch(API)

    assert (result.body, result.http_status, result.final_url, result.error) == (
        PAYLOAD,
        200,
        API,
        None,
    )


def test_fetch__request__is_a_plain_get_asking_for_json_and_gzip() -> None:
    sources = FakeSources({API: raw_body(PAYLOAD)})

    sources.fetch(API)

    (request,) = sources.seen
    assert request.method == "GET"
    assert request.headers["accept"] == "application/json"
    assert request.headers["accept-encoding"] == "gzip"
    assert request.headers["user-agent"].startswith("fluxo/")
    assert request.headers["host"] == "api.example.com"
    assert request.extensions[PINNED_ADDRESS] == PUBLIC_IP
    assert "cookie" not in request.headers and "authorization" not in request.headers


@pytest.mark.parametrize("status", [201, 203, 299])
def test_fetch__any_2xx__is_read(status: int) -> None:
    assert FakeSources({API: raw_body(PAYLOAD, status=status)}).fetch(API).body == PAYLOAD


@pytest.mark.parametrize("status", [400, 404, 429, 500, 503, 300, 304, 199])
def test_fetch__status_other_than_2xx__fails_http_status(status: int) -> None:
    result = FakeSources({API: raw_body(PAYLOAD, status=status)}).fetch(API)

    assert (result.error, result.http_status, result.detail) == (
        FailureCode.HTTP_STATUS,
        status,
        f"HTTP {status}",
    )


def test_fetch__connection_refused__fails_network() -> None:
    result = FakeSources({API: _raises(httpx.ConnectError("refused"))}).fetch(API)

    assert result.error is FailureCode.NETWORK
    assert result.http_status is None


def test_fetch__transport_timeout__fails_timeout() -> None:
    result = FakeSources({API: _raises(httpx.ReadTimeout("slow"))}).fetch(API)

    assert result.error is FailureCode.TIMEOUT


def test_fetch__server_slower_than_the_policy__fails_timeout() -> None:
    sources = FakeSources({API: slow(raw_body(PAYLOAD), 5)}, policy=FetchPolicy(timeout_s=0.05))

    result = sources.fetch(API)

    assert result.error is FailureCode.TIMEOUT
    assert "0.05 s" in result.detail


def test_fetch__timeout_extension__is_the_time_left() -> None:
    sources = FakeSources({API: raw_body(PAYLOAD)}, policy=FetchPolicy(timeout_s=7))

    sources.fetch(API)

    timeouts = sources.seen[0].extensions["timeout"]
    assert set(timeouts) == {"connect", "read", "write", "pool"}
    assert 6 < timeouts["read"] <= 7


# --- size and encoding -----------------------------------------------------------------------


def test_fetch__body_of_exactly_one_mebibyte__is_read() -> None:
    body = PAYLOAD.ljust(MAX_BODY_BYTES)

    assert FakeSources({API: raw_body(body)}).fetch(API).body == body


def test_fetch__declared_length_over_the_limit__fails_too_large() -> None:
    result = FakeSources({API: raw_body(b" " * (MAX_BODY_BYTES + 1))}).fetch(API)

    assert result.error is FailureCode.TOO_LARGE
    assert "Content-Length" in result.detail


def test_fetch__streamed_body_over_the_limit__fails_too_large_while_streaming() -> None:
    chunks = [b" " * 65_536] * 16 + [b" "]  # one byte past 1 MiB, no Content-Length

    result = FakeSources({API: _streamed(chunks)}).fetch(API)

    assert result.error is FailureCode.TOO_LARGE
    assert "on the wire" in result.detail


def test_fetch__streamed_body_within_the_limit__is_read() -> None:
    assert FakeSources({API: _streamed([b'{"price"', b": 1.5}"])}).fetch(API).body == PAYLOAD


def test_fetch__gzip_body__is_decoded() -> None:
    assert FakeSources({API: gzip_body(PAYLOAD)}).fetch(API).body == PAYLOAD


def test_fetch__x_gzip_body__is_decoded() -> None:
    route = raw_body(gzip.compress(PAYLOAD), headers={"Content-Encoding": "x-gzip"})

    assert FakeSources({API: route}).fetch(API).body == PAYLOAD


def test_fetch__identity_encoding__is_read_as_is() -> None:
    route = raw_body(PAYLOAD, headers={"Content-Encoding": "identity"})

    assert FakeSources({API: route}).fetch(API).body == PAYLOAD


def test_fetch__gzip_bomb__fails_too_large_after_decoding() -> None:
    result = FakeSources({API: gzip_body(b" " * (MAX_BODY_BYTES * 4))}).fetch(API)

    assert result.error is FailureCode.TOO_LARGE
    assert "after gzip decoding" in result.detail


def test_fetch__incompressible_gzip_over_a_mebibyte_on_the_wire__fails_too_large() -> None:
    result = FakeSources({API: gzip_body(os.urandom(MAX_BODY_BYTES - 10))}).fetch(API)

    assert result.error is FailureCode.TOO_LARGE


@pytest.mark.parametrize(
    ("body", "encoding", "why"),
    [
        (PAYLOAD, "br", "Content-Encoding 'br'"),
        (PAYLOAD, "deflate", "Content-Encoding 'deflate'"),
        (gzip.compress(gzip.compress(PAYLOAD)), "gzip, gzip", "Content-Encoding 'gzip, gzip'"),
        (b"not gzip at all", "gzip", "gzip:"),
        (gzip.compress(PAYLOAD)[:-6], "gzip", "truncated"),
        (gzip.compress(PAYLOAD) + b"tail", "gzip", "after the gzip member"),
        (gzip.compress(PAYLOAD) * 2, "gzip", "after the gzip member"),
    ],
)
def test_fetch__unsupported_or_corrupt_encoding__fails_bad_encoding(
    body: bytes, encoding: str, why: str
) -> None:
    result = FakeSources({API: raw_body(body, headers={"Content-Encoding": encoding})}).fetch(API)

    assert result.error is FailureCode.BAD_ENCODING
    assert why in result.detail


# --- redirects -------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_fetch__redirect__is_followed(status: int) -> None:
    sources = FakeSources(
        {API: redirect(API + "/moved", status=status), API + "/moved": raw_body(PAYLOAD)}
    )

    result = sources.fetch(API)

    assert (result.body, result.final_url) == (PAYLOAD, API + "/moved")
    assert [request.method for request in sources.seen] == ["GET", "GET"]


def test_fetch__relative_location__is_resolved_against_the_hop() -> None:
    sources = FakeSources(
        {API: redirect("../other?x=1"), "https://api.example.com/other?x=1": raw_body(PAYLOAD)}
    )

    assert sources.fetch(API).final_url == "https://api.example.com/other?x=1"


def test_fetch__three_redirects__followed() -> None:
    hops = [f"{API}/{hop}" for hop in range(4)]
    routes = {hop: redirect(next_hop) for hop, next_hop in zip(hops, hops[1:], strict=False)}
    routes[hops[-1]] = raw_body(PAYLOAD)

    assert FakeSources(routes).fetch(hops[0]).body == PAYLOAD


def test_fetch__redirect_chain_of_four__fails_redirect() -> None:
    hops = [f"{API}/{hop}" for hop in range(5)]
    routes = {hop: redirect(next_hop) for hop, next_hop in zip(hops, hops[1:], strict=False)}
    routes[hops[-1]] = raw_body(PAYLOAD)
    sources = FakeSources(routes)

    result = sources.fetch(hops[0])

    assert (result.error, result.detail) == (FailureCode.REDIRECT, "more than 3 redirects")
    assert len(sources.seen) == 4  # the fourth redirect is not followed


def test_fetch__redirect_loop__fails_redirect() -> None:
    assert FakeSources({API: redirect(API)}).fetch(API).error is FailureCode.REDIRECT


def test_fetch__redirect_without_location__fails_redirect() -> None:
    result = FakeSources({API: raw_body(b"", status=302)}).fetch(API)

    assert (result.error, result.http_status) == (FailureCode.REDIRECT, 302)


@pytest.mark.parametrize(
    "location", ["ftp://api.example.com/x", "file:///etc/passwd", "gopher://x/"]
)
def test_fetch__redirect_to_another_scheme__fails_bad_url(location: str) -> None:
    result = FakeSources({API: redirect(location)}).fetch(API)

    assert result.error is FailureCode.BAD_URL


def test_fetch__redirect_to_loopback_literal__refused_and_never_sent() -> None:
    sources = FakeSources(
        {API: redirect("http://127.0.0.1:8545/"), "http://127.0.0.1:8545/": raw_body(PAYLOAD)}
    )

    result = sources.fetch(API)

    assert result.error is FailureCode.REFUSED_ADDRESS
    assert result.final_url == "http://127.0.0.1:8545/"
    assert [str(request.url) for request in sources.seen] == [API]


def test_fetch__redirect_to_a_name_resolving_to_private__refused() -> None:
    internal = "http://metadata.internal/latest"
    sources = FakeSources(
        {API: redirect(internal), internal: raw_body(PAYLOAD)},
        addresses={"metadata.internal": ["169.254.169.254"]},
    )

    assert sources.fetch(API).error is FailureCode.REFUSED_ADDRESS
    assert sources.resolver.lookups == ["api.example.com", "metadata.internal"]


def test_fetch__redirect_hop__is_pinned_to_its_own_checked_address() -> None:
    other = "https://cdn.example.net/price"
    sources = FakeSources(
        {API: redirect(other), other: raw_body(PAYLOAD)},
        addresses={"cdn.example.net": [OTHER_PUBLIC_IP]},
    )

    sources.fetch(API)

    assert [request.extensions[PINNED_ADDRESS] for request in sources.seen] == [
        PUBLIC_IP,
        OTHER_PUBLIC_IP,
    ]


def test_fetch__cookie_set_by_a_hop__is_not_sent_to_the_next() -> None:
    cookie = raw_body(b"", status=302, headers={"Location": API + "/2", "Set-Cookie": "s=1"})
    sources = FakeSources({API: cookie, API + "/2": raw_body(PAYLOAD)})

    sources.fetch(API)

    assert "cookie" not in sources.seen[1].headers


# --- URLs and addresses ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "ftp://api.example.com/x",
        "file:///etc/passwd",
        "ws://api.example.com/",
        "api.example.com/price",
        "https:///price",
        "https://user:secret@api.example.com/price",
        "https://api.example.com:0/",
        "https://api.example.com:70000/",
        "https://[::1/",
        "",
    ],
)
def test_fetch__url_not_fetchable__fails_bad_url(url: str) -> None:
    sources = FakeSources({API: raw_body(PAYLOAD)})

    assert sources.fetch(url).error is FailureCode.BAD_URL
    assert sources.seen == []


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",
        "10.0.0.1",
        "172.16.5.4",
        "192.168.0.1",
        "169.254.169.254",
        "224.0.0.1",
        "0.0.0.0",
        "100.64.1.1",
        "255.255.255.255",
        "[::1]",
        "[fe80::1]",
        "[fd00::1]",
        "[ff02::1]",
        "[::]",
        "[::ffff:127.0.0.1]",
        "[::ffff:192.168.0.1]",
    ],
)
def test_fetch__literal_refused_address__refused_and_never_sent(host: str) -> None:
    url = f"http://{host}/price"
    sources = FakeSources({url: raw_body(PAYLOAD)})

    result = sources.fetch(url)

    assert result.error is FailureCode.REFUSED_ADDRESS
    assert sources.seen == []
    assert sources.resolver.lookups == []  # a literal is never looked up


def test_fetch__name_resolving_to_a_private_address__refused() -> None:
    sources = FakeSources({API: raw_body(PAYLOAD)}, addresses={"api.example.com": ["10.1.2.3"]})

    result = sources.fetch(API)

    assert result.error is FailureCode.REFUSED_ADDRESS
    assert result.detail == "api.example.com is 10.1.2.3: private (10.0.0.0/8)"
    assert sources.seen == []


def test_fetch__name_resolving_to_public_and_private__refused() -> None:
    """Any refused address refuses the name: a mixed answer is a rebinding setup."""
    sources = FakeSources(
        {API: raw_body(PAYLOAD)}, addresses={"api.example.com": [PUBLIC_IP, "127.0.0.1"]}
    )

    assert sources.fetch(API).error is FailureCode.REFUSED_ADDRESS


def test_fetch__name_with_several_public_addresses__pinned_to_the_first() -> None:
    sources = FakeSources(
        {API: raw_body(PAYLOAD)}, addresses={"api.example.com": [OTHER_PUBLIC_IP, PUBLIC_IP]}
    )

    sources.fetch(API)

    assert sources.seen[0].extensions[PINNED_ADDRESS] == OTHER_PUBLIC_IP


def test_fetch__ipv4_mapped_public_address__pinned_to_the_ipv4_address() -> None:
    sources = FakeSources(
        {API: raw_body(PAYLOAD)}, addresses={"api.example.com": ["::ffff:8.8.8.8"]}
    )

    sources.fetch(API)

    assert sources.seen[0].extensions[PINNED_ADDRESS] == "8.8.8.8"


def test_fetch__public_ipv6_literal__fetched_and_pinned() -> None:
    url = "https://[2606:4700:4700::1111]/price"
    sources = FakeSources({url: raw_body(PAYLOAD)})

    assert sources.fetch(url).body == PAYLOAD
    assert sources.seen[0].extensions[PINNED_ADDRESS] == "2606:4700:4700::1111"


def test_fetch__private_hosts_allowed__loopback_is_fetched_and_pinned() -> None:
    url = "http://devnet-source:8080/price"
    sources = FakeSources(
        {url: raw_body(PAYLOAD)},
        addresses={"devnet-source": ["127.0.0.1"]},
        policy=FetchPolicy(allow_private_hosts=True),
    )

    assert sources.fetch(url).body == PAYLOAD
    assert sources.seen[0].extensions[PINNED_ADDRESS] == "127.0.0.1"


def test_fetch__name_that_does_not_resolve__fails_dns() -> None:
    sources = FakeSources({API: raw_body(PAYLOAD)}, addresses={})
    sources.resolver.table = {}

    result = sources.fetch(API)

    assert result.error is FailureCode.DNS
    assert result.final_url == API and result.http_status is None


def test_fetch__name_resolving_to_nothing__fails_dns() -> None:
    sources = FakeSources({API: raw_body(PAYLOAD)}, addresses={"api.example.com": []})

    assert sources.fetch(API).error is FailureCode.DNS


def test_fetch__internationalised_name__resolved_in_punycode() -> None:
    url = "https://bücher.example/price"
    sources = FakeSources({url: raw_body(PAYLOAD)})

    sources.fetch(url)

    assert sources.resolver.lookups == ["xn--bcher-kva.example"]


# --- credentials -----------------------------------------------------------------------------

KEY = HostCredential("X-Api-Key", "s3cret")


def _with_key(routes, host: str = "api.example.com", **kwargs):  # type: ignore[no-untyped-def]
    return FakeSources(routes, policy=FetchPolicy(credentials={host: KEY}), **kwargs)


def test_fetch__credential_for_the_host__sent_over_https() -> None:
    sources = _with_key({API: raw_body(PAYLOAD)})

    sources.fetch(API)

    assert sources.seen[0].headers["x-api-key"] == "s3cret"


def test_fetch__credential_host__compared_case_insensitively() -> None:
    sources = _with_key({API: raw_body(PAYLOAD)}, host="API.Example.COM")

    sources.fetch(API)

    assert sources.seen[0].headers["x-api-key"] == "s3cret"


@pytest.mark.parametrize(
    "url",
    [
        "https://other.example.com/price",
        "https://sub.api.example.com/price",
        "https://api.example.com.evil.net/price",
        "http://api.example.com/price",  # plain http: anyone on the path could read it
    ],
)
def test_fetch__credential__not_sent_to_another_host_or_over_http(url: str) -> None:
    sources = _with_key({url: raw_body(PAYLOAD)})

    sources.fetch(url)

    assert "x-api-key" not in sources.seen[0].headers


def test_fetch__redirect_to_another_host__does_not_carry_the_credential() -> None:
    elsewhere = "https://collector.evil.net/steal"
    sources = _with_key({API: redirect(elsewhere), elsewhere: raw_body(PAYLOAD)})

    sources.fetch(API)

    first, second = sources.seen
    assert first.headers["x-api-key"] == "s3cret"
    assert "x-api-key" not in second.headers


def test_fetch__redirect_within_the_host__keeps_the_credential() -> None:
    sources = _with_key(
        {API: redirect("/v2/price"), "https://api.example.com/v2/price": raw_body(PAYLOAD)}
    )

    sources.fetch(API)

    assert [request.headers.get("x-api-key") for request in sources.seen] == ["s3cret", "s3cret"]


def test_fetch__flaky_source__each_fetch_is_independent() -> None:
    sources = FakeSources({API: sequence(raw_body(b"", status=503), raw_body(PAYLOAD))})

    assert sources.fetch(API).error is FailureCode.HTTP_STATUS
    assert sources.fetch(API).body == PAYLOAD
