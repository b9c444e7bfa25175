"""Addresses have one form inside the product: EIP-55 checksummed strings.

Input from users, configs and peers may come in any case; `parse_address` turns it into that
form once, at the edge, and rejects what is not an address (or a mixed-case address whose
checksum is wrong: most likely a typo).
"""

from typing import Final

from eth_typing import ChecksumAddress
from eth_utils.address import is_checksum_address, is_hex_address, to_checksum_address

ZERO_ADDRESS: Final = to_checksum_address("0x" + "00" * 20)


def parse_address(text: str) -> ChecksumAddress:
    """`text` as a checksummed address; `ValueError` naming it otherwise. All-lowercase or
    all-uppercase hex skips the EIP-55 check; mixed case must carry a valid checksum."""
    if not isinstance(text, str) or not text.startswith("0x") or not is_hex_address(text):
        raise ValueError(f"not a 20-byte 0x hex address: {text!r}")
    digits = text[2:]
    if digits != digits.lower() and digits != digits.upper() and not is_checksum_address(text):
        raise ValueError(f"wrong EIP-55 checksum: {text!r}")
    return to_checksum_address(text)


def same_address(first: str, second: str) -> bool:
    """Whether two addresses (in any case) are the same."""
    return parse_address(first) == parse_address(second)
