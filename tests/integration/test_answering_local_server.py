"""The pinned fetcher over real sockets, against an HTTP(S) server on 127.0.0.1.

Each fixture starts a local server on an ephemeral port and stops it afterwards. Names are
resolved by a fixed table (`oracle-source.test` -> 127.0.0.1; `.test` never resolves in public
DNS), so a fetch that succeeds proves the connection went to the pinned address while Host and
TLS (SNI and the certificate check) used the name. Nothing leaves the machine.
"""

import asyncio
import gzip
import json
import shutil
import ssl
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from fluxo.answering import (
    FailureCode,
    FetchPolicy,
    FetchResult,
    PinnedTransport,
    SourceFetcher,
    Verdict,
    fetch_and_decide,
)
from fluxo.domain.outcome import number
from tests.harness.answering import StaticResolver, number_request

NAME = "oracle-source.test"
PRICE = json.dumps({"data": {"price": "3141.59"}}).encode()


@dataclass
class LocalServer:
    port: int
    scheme: str
    hosts_seen: list[str] = field(default_factory=list)

    def url(self, path: str, host: str = NAME) -> str:
        return f"{self.scheme}://{host}:{self.port}{path}"


def _handler(server: LocalServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            server.hosts_seen.append(self.headers["Host"])
            if self.path == "/redirect":
                self._send(302, b"", {"Location": "/price"})
            elif self.path == "/gzip":
                self._send(200, gzip.compress(PRICE), {"Content-Encoding": "gzip"})
            else:
                self._send(200, PRICE, {"Content-Type": "application/json"})

        def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
            self.send_response(status)
            for name, value in {**headers, "Content-Length": str(len(body))}.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass  # keep test output clean

    return Handler


def _serve(scheme: str, tls: ssl.SSLContext | None) -> Iterator[LocalServer]:
    server = LocalServer(port=0, scheme=scheme)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(server))
    if tls is not None:
        httpd.socket = tls.wrap_socket(httpd.socket, server_side=True)
    server.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture
def http_server() -> Iterator[LocalServer]:
    yield from _serve("http", None)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for NAME only, made by the openssl command line."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    directory = tmp_path_factory.mktemp("tls")
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "1", "-subj", f"/CN={NAME}", "-addext", f"subjectAltName=DNS:{NAME}",
         "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


@pytest.fixture
def https_server(certificate: tuple[Path, Path]) -> Iterator[LocalServer]:
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(*map(str, certificate))
    yield from _serve("https", tls)


def _fetch(url: str, policy: FetchPolicy, transport: PinnedTransport | None = None) -> FetchResult:
    async def main() -> FetchResult:
        resolver = StaticResolver({NAME: ["127.0.0.1"], "other-name.test": ["127.0.0.1"]})
        async with SourceFetcher(policy, transport=transport, resolver=resolver) as fetcher:
            result = await fetcher.fetch(url)
        if transport is not None:
            await transport.aclose()
        return result

    return asyncio.run(main())


DEVNET = FetchPolicy(allow_private_hosts=True, timeout_s=5)


def test_fetch__name_pinned_to_loopback__served_with_the_name_as_host(
    http_server: LocalServer,
) -> None:
    result = _fetch(http_server.url("/price"), DEVNET)

    assert (result.error, result.body) == (None, PRICE)
    assert http_server.hosts_seen == [f"{NAME}:{http_server.port}"]


def test_fetch__redirect_and_gzip_over_sockets__followed_and_decoded(
    http_server: LocalServer,
) -> None:
    assert _fetch(http_server.url("/redirect"), DEVNET).body == PRICE
    assert _fetch(http_server.url("/gzip"), DEVNET).body == PRICE


def test_fetch__default_policy__refused_before_any_connection(http_server: LocalServer) -> None:
    result = _fetch(http_server.url("/price"), FetchPolicy())

    assert result.error is FailureCode.REFUSED_ADDRESS
    assert http_server.hosts_seen == []


@pytest.mark.parametrize("host", ["2130706433", "127.1", "0x7f.0.0.1"])
def test_fetch__obfuscated_loopback_via_system_resolver__refused(
    http_server: LocalServer, host: str
) -> None:
    """The operating system's resolver reads these as 127.0.0.1 (numerically, no DNS)."""

    async def main() -> FetchResult:
        async with SourceFetcher(FetchPolicy()) as fetcher:
            return await fetcher.fetch(http_server.url("/price", host=host))

    assert asyncio.run(main()).error is FailureCode.REFUSED_ADDRESS
    assert http_server.hosts_seen == []


def test_fetch_and_decide__local_sources__answer_over_sockets(http_server: LocalServer) -> None:
    request = number_request(
        (http_server.url("/price"), "data.price"),
        (http_server.url("/gzip"), "$.data.price"),
        decimals=2,
    )
    resolver = StaticResolver({NAME: ["127.0.0.1"]})

    decision = asyncio.run(
        fetch_and_decide(request, DEVNET, repeats=2, interval_s=0, resolver=resolver)
    )

    assert (decision.verdict, decision.outcome) == (Verdict.ANSWER, number(314159))
    assert len(http_server.hosts_seen) == 4


def test_fetch__https_pinned_to_loopback__certificate_checked_against_the_name(
    https_server: LocalServer, certificate: tuple[Path, Path]
) -> None:
    trust = ssl.create_default_context(cafile=str(certificate[0]))

    result = _fetch(https_server.url("/price"), DEVNET, PinnedTransport(ssl_context=trust))

    assert (result.error, result.body) == (None, PRICE)


def test_fetch__https_name_not_on_the_certificate__fails_even_at_the_same_address(
    https_server: LocalServer, certificate: tuple[Path, Path]
) -> None:
    trust = ssl.create_default_context(cafile=str(certificate[0]))
    url = https_server.url("/price", host="other-name.test")

    result = _fetch(url, DEVNET, PinnedTransport(ssl_context=trust))

    assert result.error is FailureCode.NETWORK
    assert "certificate" in result.detail.lower() or "hostname" in result.detail.lower()
