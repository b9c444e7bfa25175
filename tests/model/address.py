"""Addresses as the model stores them: 20 bytes as a lowercase `0x` hex string, so addresses
from boa or web3 compare equal whatever their case."""

import re

_ADDRESS_PATTERN = re.compile(r"0x[0-9a-f]{40}")


def canonical_address(address: str) -> str:
    """Return `address` in lowercase hex; checksummed input is accepted."""
    lowered = address.lower()
    if _ADDRESS_PATTERN.fullmatch(lowered) is None:
        raise ValueError(f"not a 20-byte hex address: {address!r}")
    return lowered
