"""`PinnedTransport`: the connection goes to the checked address, the name stays in Host/SNI."""

import asyncio
import ssl

import httpx
import pytest

from fluxo.answering import PINNED_ADDRESS, PinnedTransport
from fluxo.exceptions import UnpinnedRequest


class _Inner:
    """Inner transports that record what reaches them (one per pool key)."""

    def __init__(self) -> None:
        self.seen: list[httpx.Request] = []
        self.made = 0

    def __call__(self, ssl_context: ssl.SSLContext) -> httpx.AsyncBaseTransport:
        self.made += 1

        def handle(request: httpx.Request) -> httpx.Response:
            self.seen.append(request)
            return httpx.Response(200, content=b"{}")

        return httpx.MockTransport(handle)


def _send(transport: PinnedTransport, *requests: httpx.Request) -> None:
    async def main() -> None:
        for request in requests:
            await transport.handle_async_request(request)
        await transport.aclose()

    asyncio.run(main())


def _pinned(url: str, address: str) -> httpx.Request:
    return httpx.Request("GET", url, extensions={PINNED_ADDRESS: address})


def test_pinned__https_request__connects_to_the_address_with_the_name_in_host_and_sni() -> None:
    inner = _Inner()

    _send(
        PinnedTransport(make_inner=inner), _pinned("https://api.example.com/p?q=1", "93.184.215.14")
    )

    (sent,) = inner.seen
    assert str(sent.url) == "https://93.184.215.14/p?q=1"
    assert sent.headers["host"] == "api.example.com"
    assert sent.extensions["sni_hostname"] == "api.example.com"
    assert PINNED_ADDRESS not in sent.extensions


def test_pinned__http_request__no_sni_and_port_kept() -> None:
    inner = _Inner()

    _send(PinnedTransport(make_inner=inner), _pinned("http://source.test:8080/p", "127.0.0.1"))

    (sent,) = inner.seen
    assert str(sent.url) == "http://127.0.0.1:8080/p"
    assert sent.headers["host"] == "source.test:8080"
    assert "sni_hostname" not in sent.extensions


def test_pinned__ipv6_address__bracketed_in_the_connection_url() -> None:
    inner = _Inner()

    _send(PinnedTransport(make_inner=inner), _pinned("https://v6.example/p", "2606:4700::1"))

    assert str(inner.seen[0].url) == "https://[2606:4700::1]/p"


def test_pinned__internationalised_name__sni_in_punycode() -> None:
    inner = _Inner()

    _send(PinnedTransport(make_inner=inner), _pinned("https://bücher.example/p", "93.184.215.14"))

    assert inner.seen[0].extensions["sni_hostname"] == "xn--bcher-kva.example"


def test_pinned__request_without_a_pin__refused() -> None:
    inner = _Inner()

    with pytest.raises(UnpinnedRequest):
        _send(PinnedTransport(make_inner=inner), httpx.Request("GET", "https://api.example.com/"))
    assert inner.seen == []


def test_pinned__two_names_on_one_address__never_share_a_pool() -> None:
    """A connection whose certificate was checked for one name is not reused for another."""
    inner = _Inner()

    _send(
        PinnedTransport(make_inner=inner),
        _pinned("https://a.example/", "93.184.215.14"),
        _pinned("https://b.example/", "93.184.215.14"),
        _pinned("https://a.example/again", "93.184.215.14"),
    )

    assert inner.made == 2
