"""Name resolution, done by the fetcher itself so the address it checks is the one it uses.

A `Resolver` maps a host name to its addresses. The fetcher checks every address and pins the
connection to the first (`PinnedTransport`), so a name that resolves differently a moment
later (DNS rebinding) cannot slip past the check. Tests inject a fixed table instead.
"""

import asyncio
import socket
from collections.abc import Awaitable, Callable, Sequence
from ipaddress import ip_address
from typing import TypeAlias

from fluxo.answering.addresses import IPAddress

Resolver: TypeAlias = Callable[[str], Awaitable[Sequence[IPAddress]]]


async def system_resolver(host: str) -> Sequence[IPAddress]:
    """The operating system's resolver (`getaddrinfo`), addresses in its order, deduplicated.

    Raises `OSError` (`socket.gaierror`) if the name does not resolve or is not a valid name.
    """
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(
            host, None, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP
        )
    except UnicodeError as error:  # the idna codec refuses it (a label over 63 characters)
        raise OSError(f"{host!r} is not a host name: {error}") from None
    addresses = (ip_address(str(info[4][0])) for info in infos)
    return tuple(dict.fromkeys(addresses))
