"""Which IP addresses a node refuses to fetch from (SPEC Part III, SSRF; question 8).

    refusal_reason(ip_address("10.1.2.3"))        # "private (10.0.0.0/8)"
    refusal_reason(ip_address("93.184.216.34"))   # None

Request URLs come from the chain, so without this a requester could make every node reach its
own loopback, LAN or cloud metadata service. The tables below are the rule itself, spelled out
rather than taken from `ipaddress`'s `is_private`/`is_global`, whose tables have changed between
Python patch releases: every node must refuse exactly the same addresses.

IPv4: every range of the IANA special-purpose registry that is not globally reachable, plus
multicast and the 240/4 reserved block (which holds the broadcast address).

IPv6: only global unicast (2000::/3) is reachable, minus its special-purpose ranges (IETF
assignments incl. Teredo, documentation, 6to4). An IPv4-mapped address (::ffff:a.b.c.d) and a
NAT64 address (64:ff9b::a.b.c.d) are judged by the IPv4 address they carry, which is where the
connection ends up.
"""

from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_network
from typing import Final, TypeAlias

IPAddress: TypeAlias = IPv4Address | IPv6Address


def _table(rows: tuple[tuple[str, str], ...]) -> tuple[tuple[IPv4Network | IPv6Network, str], ...]:
    return tuple((ip_network(network), what) for network, what in rows)


REFUSED_IPV4: Final = _table(
    (
        ("0.0.0.0/8", "this network, incl. unspecified 0.0.0.0"),
        ("10.0.0.0/8", "private"),
        ("100.64.0.0/10", "carrier-grade NAT"),
        ("127.0.0.0/8", "loopback"),
        ("169.254.0.0/16", "link-local"),
        ("172.16.0.0/12", "private"),
        ("192.0.0.0/24", "IETF protocol assignments"),
        ("192.0.2.0/24", "documentation"),
        ("192.88.99.0/24", "6to4 relay anycast"),
        ("192.168.0.0/16", "private"),
        ("198.18.0.0/15", "benchmarking"),
        ("198.51.100.0/24", "documentation"),
        ("203.0.113.0/24", "documentation"),
        ("224.0.0.0/4", "multicast"),
        ("240.0.0.0/4", "reserved, incl. broadcast"),
    )
)

REFUSED_IPV6: Final = _table(
    (
        ("::/128", "unspecified"),
        ("::1/128", "loopback"),
        ("fc00::/7", "unique local (private)"),
        ("fe80::/10", "link-local"),
        ("ff00::/8", "multicast"),
        ("2001::/23", "IETF protocol assignments, incl. Teredo"),
        ("2001:db8::/32", "documentation"),
        ("2002::/16", "6to4"),
        ("3fff::/20", "documentation"),
    )
)

GLOBAL_UNICAST_V6: Final = IPv6Network("2000::/3")
NAT64_V6: Final = IPv6Network("64:ff9b::/96")


def refusal_reason(address: IPAddress) -> str | None:
    """Why a node must not connect to `address`, or `None` if it may."""
    if isinstance(address, IPv6Address):
        if address.ipv4_mapped is not None:
            return _carried(address.ipv4_mapped, "IPv4-mapped")
        if address in NAT64_V6:
            return _carried(IPv4Address(int(address) & 0xFFFF_FFFF), "NAT64")
        for network, what in REFUSED_IPV6:
            if address in network:
                return f"{what} ({network})"
        if address not in GLOBAL_UNICAST_V6:
            return f"reserved, outside global unicast {GLOBAL_UNICAST_V6}"
        return None
    for network, what in REFUSED_IPV4:
        if address in network:
            return f"{what} ({network})"
    return None


def _carried(embedded: IPv4Address, how: str) -> str | None:
    reason = refusal_reason(embedded)
    return None if reason is None else f"{reason} of {embedded}, {how}"


def connect_target(address: IPAddress) -> IPAddress:
    """The address a connection to `address` reaches: the IPv4 inside an IPv4-mapped IPv6."""
    if isinstance(address, IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address
