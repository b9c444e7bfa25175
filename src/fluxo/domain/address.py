"""Addresses as the model stores them: 20 bytes as a lowercase `0x` hex string."""

import re

ZERO_ADDRESS = "0x" + "00" * 20

_ADDRESS_PATTERN = re.compile(r"0x[0-9a-f]{40}")


def canonical_address(address: str) -> str:
    """Return `address` in lowercase hex.

    Checksummed input is accepted so addresses from boa or web3 can be passed as they are; every
    key the model stores (owner, whitelist, stakes, ledger) is the lowercase form.
    """
    lowered = address.lower()
    if _ADDRESS_PATTERN.fullmatch(lowered) is None:
        raise ValueError(f"not a 20-byte hex address: {address!r}")
    return lowered
