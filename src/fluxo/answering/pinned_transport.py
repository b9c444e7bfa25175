"""An httpx transport that connects to the address the fetcher checked, not to a fresh lookup.

The fetcher resolves a URL's host itself, refuses forbidden addresses, and names the address it
accepted in `request.extensions[PINNED_ADDRESS]`. This transport then sends the request to that
address: the URL's host is replaced by the IP for the connection only, while the `Host` header
keeps the name and, for https, the TLS server name (SNI) and certificate check use the name
(httpcore's `sni_hostname` extension). No second DNS lookup happens, so a name cannot resolve
to a public address for the check and to 127.0.0.1 for the connection.

Connections are pooled per (scheme, host name, address, port): a connection whose certificate
was checked for one name is never reused for another name served from the same address.
"""

import ssl
from collections.abc import Callable
from typing import Final

import httpx

from fluxo.exceptions import UnpinnedRequest

PINNED_ADDRESS: Final = "fluxo.pinned_address"

InnerTransportFactory = Callable[[ssl.SSLContext], httpx.AsyncBaseTransport]
_PoolKey = tuple[str, str, str, int | None]


class PinnedTransport(httpx.AsyncBaseTransport):
    """Send every request to its pinned address; refuse a request that has none.

    `ssl_context` defaults to httpx's (certifi's roots, hostname checking on); `make_inner`
    builds the per-key transport (an `httpx.AsyncHTTPTransport` by default) and exists so tests
    can watch the rewritten requests.
    """

    def __init__(
        self,
        *,
        ssl_context: ssl.SSLContext | None = None,
        make_inner: InnerTransportFactory | None = None,
    ) -> None:
        self._ssl_context = ssl_context
        self._make_inner = make_inner or _default_inner
        self._pools: dict[_PoolKey, httpx.AsyncBaseTransport] = {}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        address = request.extensions.get(PINNED_ADDRESS)
        if not isinstance(address, str):
            raise UnpinnedRequest(f"no {PINNED_ADDRESS} extension on {request.url}")
        name = request.url.raw_host.decode("ascii")  # IDNA names in their punycode form
        extensions = {k: v for k, v in request.extensions.items() if k != PINNED_ADDRESS}
        if request.url.scheme == "https":
            extensions["sni_hostname"] = name
        pinned = httpx.Request(
            request.method,
            request.url.copy_with(host=address),
            headers=request.headers,  # carries Host: the name, as built from the URL
            stream=request.stream,
            extensions=extensions,
        )
        key = (request.url.scheme, name, address, request.url.port)
        return await self._pool(key).handle_async_request(pinned)

    async def aclose(self) -> None:
        pools, self._pools = self._pools, {}
        for pool in pools.values():
            await pool.aclose()

    def _pool(self, key: _PoolKey) -> httpx.AsyncBaseTransport:
        pool = self._pools.get(key)
        if pool is None:
            if self._ssl_context is None:
                self._ssl_context = httpx.create_ssl_context()
            pool = self._pools[key] = self._make_inner(self._ssl_context)
        return pool


def _default_inner(ssl_context: ssl.SSLContext) -> httpx.AsyncBaseTransport:
    return httpx.AsyncHTTPTransport(verify=ssl_context)
