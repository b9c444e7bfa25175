"""Refused addresses: every class the SPEC lists, and the addresses that stay reachable."""

from ipaddress import ip_address

import pytest

from fluxo.answering import refusal_reason
from fluxo.answering.addresses import connect_target


@pytest.mark.parametrize(
    ("address", "why"),
    [
        ("0.0.0.0", "unspecified"),
        ("0.1.2.3", "this network"),
        ("127.0.0.1", "loopback"),
        ("127.255.255.254", "loopback"),
        ("10.0.0.1", "private"),
        ("172.16.0.1", "private"),
        ("172.31.255.255", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),  # cloud metadata services
        ("100.64.0.1", "carrier-grade NAT"),
        ("100.127.255.255", "carrier-grade NAT"),
        ("224.0.0.1", "multicast"),
        ("239.255.255.250", "multicast"),
        ("240.0.0.1", "reserved"),
        ("255.255.255.255", "broadcast"),
        ("192.0.0.8", "IETF"),
        ("192.0.2.1", "documentation"),
        ("198.51.100.1", "documentation"),
        ("203.0.113.1", "documentation"),
        ("198.18.0.1", "benchmarking"),
        ("192.88.99.1", "6to4"),
        ("::", "unspecified"),
        ("::1", "loopback"),
        ("fe80::1", "link-local"),
        ("fc00::1", "unique local"),
        ("fd12:3456::1", "unique local"),
        ("ff02::1", "multicast"),
        ("fec0::1", "outside global unicast"),  # deprecated site-local
        ("::ffff:127.0.0.1", "loopback (127.0.0.0/8) of 127.0.0.1, IPv4-mapped"),
        ("::ffff:10.1.2.3", "private (10.0.0.0/8) of 10.1.2.3, IPv4-mapped"),
        ("::ffff:169.254.169.254", "link-local (169.254.0.0/16) of 169.254.169.254, IPv4-mapped"),
        ("64:ff9b::7f00:1", "loopback (127.0.0.0/8) of 127.0.0.1, NAT64"),  # NAT64 of 127.0.0.1
        ("64:ff9b::a00:1", "private"),
        ("64:ff9b:1::1", "outside global unicast"),
        ("::127.0.0.1", "outside global unicast"),  # IPv4-compatible, deprecated
        ("100::1", "outside global unicast"),  # discard-only
        ("2001::1", "Teredo"),
        ("2001:db8::1", "documentation"),
        ("2002:7f00:1::1", "6to4"),
        ("3fff::1", "documentation"),
    ],
)
def test_refusal_reason__special_address__refused_with_its_class(address: str, why: str) -> None:
    reason = refusal_reason(ip_address(address))

    assert reason is not None
    assert why in reason


@pytest.mark.parametrize(
    "address",
    [
        "93.184.215.14",
        "1.1.1.1",
        "8.8.8.8",
        "100.63.255.255",  # just below carrier-grade NAT
        "100.128.0.0",  # just above
        "172.15.255.255",
        "172.32.0.0",
        "223.255.255.255",
        "2606:4700:4700::1111",
        "2a00:1450:4001::200e",
        "::ffff:8.8.8.8",
        "64:ff9b::808:808",  # NAT64 of 8.8.8.8
    ],
)
def test_refusal_reason__public_address__allowed(address: str) -> None:
    assert refusal_reason(ip_address(address)) is None


def test_connect_target__ipv4_mapped__is_the_ipv4_address() -> None:
    assert connect_target(ip_address("::ffff:8.8.8.8")) == ip_address("8.8.8.8")


def test_connect_target__plain_address__itself() -> None:
    assert connect_target(ip_address("2606:4700::1")) == ip_address("2606:4700::1")
