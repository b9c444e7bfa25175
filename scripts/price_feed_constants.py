"""Derive the PriceFeed's hand-written constants and check them against contracts/PriceFeed.vy.

    python scripts/price_feed_constants.py            # print each constant and its derivation
    python scripts/price_feed_constants.py --check    # exit 1 if the contract disagrees

The contract writes every constant it can as a Vyper expression (`max_value(uint256) // 255`,
`_SECP256K1_N // 2`, ...). What Vyper cannot express is derived here from first principles:
the signer data contract's creation code (opcodes around the table size) and the table
geometry, plus the values of the byte-sum multipliers for readers who want to see them.
`tests/unit/contracts/price_feed/test_constants.py` runs the check.
"""

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Final

REPO_ROOT: Final = Path(__file__).resolve().parent.parent
PRICE_FEED_SOURCE: Final = REPO_ROOT / "contracts" / "PriceFeed.vy"

# The signer table: 64 open-addressing slots of 20-byte addresses after one 0x00 byte.
TABLE_SLOTS: Final = 64
ENTRY_SIZE: Final = 20
WORD: Final = 32
# The order of secp256k1's group (SEC 2, section 2.4.1).
SECP256K1_N: Final = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141

# EVM opcodes used by the creation code.
PUSH1: Final = 0x60
PUSH2: Final = 0x61
DUP1: Final = 0x80
RETURNDATASIZE: Final = 0x3D
CODECOPY: Final = 0x39
RETURN: Final = 0xF3


@dataclass(frozen=True, slots=True)
class Constant:
    """One constant: its name in the contract, its derived value, how it is derived."""

    name: str
    value: int | bytes
    derivation: str

    def as_vyper(self) -> str:
        if isinstance(self.value, bytes):
            return f'x"{self.value.hex()}"'
        return str(self.value)


def table_words() -> int:
    """Words of the data contract's runtime code: the 0x00 byte and 64 entries, rounded up."""
    return -(-(1 + TABLE_SLOTS * ENTRY_SIZE) // WORD)


def signer_data_prefix() -> bytes:
    """Creation code that returns the `table_words() * 32` bytes appended to it.

    PUSH2 size, DUP1, PUSH1 prefix_length, RETURNDATASIZE (0), CODECOPY (to memory 0 from
    the appended data), RETURNDATASIZE (0), RETURN (memory 0, size): the appended bytes become
    the runtime code, whose first byte 0x00 (STOP) makes the contract unrunnable.
    """
    size = table_words() * WORD
    body = [DUP1, PUSH1, None, RETURNDATASIZE, CODECOPY, RETURNDATASIZE, RETURN]
    prefix_length = 3 + len(body)
    code = bytes([PUSH2, size >> 8, size & 0xFF])
    code += bytes(prefix_length if opcode is None else opcode for opcode in body)
    assert len(code) == prefix_length
    return code


def constants() -> list[Constant]:
    byte_ones = (2**256 - 1) // 255
    return [
        Constant(
            "_TABLE_WORDS",
            table_words(),
            f"ceil((1 + {TABLE_SLOTS} slots * {ENTRY_SIZE} bytes) / 32)",
        ),
        Constant(
            "_SIGNER_DATA_PREFIX",
            signer_data_prefix(),
            "PUSH2 table size, DUP1, PUSH1 10, RETURNDATASIZE, CODECOPY, RETURNDATASIZE, RETURN",
        ),
        Constant("_SECP256K1_N", SECP256K1_N, "the order of secp256k1 (SEC 2)"),
        Constant("_BYTE_ONES", byte_ones, "0x0101...01 = (2**256 - 1) / 255 (informative)"),
        Constant("_BYTE_TOPS", byte_ones << 7, "0x8080...80 (informative)"),
    ]


# Constants the contract writes as expressions: shown, not compared.
INFORMATIVE: Final = frozenset({"_BYTE_ONES", "_BYTE_TOPS"})


def source_literal(source: str, name: str) -> str | None:
    """The right-hand side of `name: constant(...) = <literal>` in `source`, if a literal."""
    match = re.search(rf"^{name}: constant\([^)]*\) = (.+)$", source, flags=re.MULTILINE)
    return match.group(1).strip() if match else None


def mismatches(source: str) -> list[str]:
    """Human-readable differences between the derived constants and `source`."""
    found: list[str] = []
    for constant in constants():
        if constant.name in INFORMATIVE:
            continue
        literal = source_literal(source, constant.name)
        if literal != constant.as_vyper():
            found.append(f"{constant.name}: contract has {literal}, derived {constant.as_vyper()}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the contract")
    args = parser.parse_args(argv)
    if args.check:
        found = mismatches(PRICE_FEED_SOURCE.read_text())
        for line in found:
            print(line)
        return 1 if found else 0
    for constant in constants():
        print(f"{constant.name} = {constant.as_vyper()}\n    # {constant.derivation}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
