"""How a node fetches: the operator's choices, passed down to the fetcher (no globals).

    policy = FetchPolicy(
        credentials={"api.example.com": HostCredential("X-Api-Key", os.environ["EXAMPLE_KEY"])},
    )

The protocol's fixed limits (1 MiB, 3 redirects, the refused addresses) are constants of the
fetcher, not options: a node that changed them would answer differently from the others. What
an operator may choose is the timeout (slow links), `allow_private_hosts` (devnets, whose
sources live on 127.0.0.1 or a LAN) and per-host credentials. Credentials come from the node's
config (a header name and the environment variable that holds the value, resolved by the
caller) and never from the chain.
"""

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final

from fluxo import __version__
from fluxo.exceptions import InvalidAnswerRequest

DEFAULT_TIMEOUT_S: Final = 10.0

# RFC 9110 token: what a header name may be.
_HEADER_NAME: Final = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
# Headers the fetcher itself sets; a credential must not replace them.
_RESERVED_HEADERS: Final = frozenset({"host", "accept", "accept-encoding", "user-agent"})


@dataclass(frozen=True, slots=True)
class HostCredential:
    """A header sent to exactly one host, over https only; the value never appears in a repr."""

    header: str
    value: str = field(repr=False)

    def __post_init__(self) -> None:
        if not _HEADER_NAME.fullmatch(self.header):
            raise InvalidAnswerRequest(f"{self.header!r} is not a header name")
        if self.header.lower() in _RESERVED_HEADERS:
            raise InvalidAnswerRequest(f"the fetcher sets {self.header!r} itself")
        if any(char in self.value for char in "\r\n\0"):
            raise InvalidAnswerRequest(f"the value of {self.header!r} holds a line break")


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """The operator's fetch settings.

    `timeout_s` bounds one source's whole fetch: name resolution, every redirect hop,
    connecting, TLS and reading the body. `credentials` maps a host name (compared
    case-insensitively, in its ASCII/punycode form, port ignored) to the header sent to it.
    """

    timeout_s: float = DEFAULT_TIMEOUT_S
    allow_private_hosts: bool = False
    credentials: Mapping[str, HostCredential] = field(default_factory=dict)
    user_agent: str = f"fluxo/{__version__}"

    def __post_init__(self) -> None:
        if not (math.isfinite(self.timeout_s) and self.timeout_s > 0):
            raise InvalidAnswerRequest(f"timeout_s must be positive, got {self.timeout_s}")
        hosts = {host.lower(): credential for host, credential in self.credentials.items()}
        if len(hosts) != len(self.credentials):
            raise InvalidAnswerRequest("two credentials for the same host")
        object.__setattr__(self, "credentials", MappingProxyType(hosts))

    def credential_for(self, scheme: str, host: str) -> HostCredential | None:
        """The credential for a request to `host`; never over plain http, where anyone on the
        path could read it (a URL from the chain could otherwise ask for that)."""
        if scheme != "https":
            return None
        return self.credentials.get(host.lower())
