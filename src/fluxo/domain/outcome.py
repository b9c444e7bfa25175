"""Outcome encoding (SPEC §2): every outcome is a 32-byte word."""

from enum import IntEnum

from eth_utils.crypto import keccak

WORD_BYTES = 32

# int256 min: no NUMBER answer can encode to it, so it is free to mean "the question is invalid".
INVALID_OUTCOME = b"\x80" + bytes(WORD_BYTES - 1)

# What the views report where no outcome is bonded or finalized (Vyper's empty(bytes32)).
NO_OUTCOME = bytes(WORD_BYTES)

_INT256_MIN = -(2**255)
_INT256_LIMIT = 2**255
_UINT256_LIMIT = 2**256


class OutcomeKind(IntEnum):
    """What a request's outcomes mean; STRING and NUMBER equal the request's `data_type`."""

    STRING = 0
    NUMBER = 1
    CATEGORICAL = 2


def kind_of(n_outcomes: int, data_type: int) -> OutcomeKind:
    """Classify a request: labelled outcomes make it categorical whatever its `data_type`."""
    if n_outcomes > 0:
        return OutcomeKind.CATEGORICAL
    return OutcomeKind(data_type)


def require_word(outcome: bytes) -> bytes:
    """Return `outcome` if it is a bytes32; anything else could not be ABI-encoded at all."""
    if len(outcome) != WORD_BYTES:
        raise ValueError(f"an outcome is {WORD_BYTES} bytes, got {len(outcome)}")
    return outcome


def categorical(index: int) -> bytes:
    """Encode the categorical outcome `index` as `bytes32(uint256(index))`."""
    if not 0 <= index < _UINT256_LIMIT:
        raise ValueError(f"categorical index out of uint256 range: {index}")
    return index.to_bytes(WORD_BYTES, "big")


def number(value: int) -> bytes:
    """Encode an already scaled NUMBER answer as int256 two's complement.

    int256 min is rejected because that word is INVALID_OUTCOME.
    """
    if not _INT256_MIN < value < _INT256_LIMIT:
        raise ValueError(f"NUMBER answer outside (-2**255, 2**255): {value}")
    return value.to_bytes(WORD_BYTES, "big", signed=True)


def string(text: str) -> bytes:
    """Encode a STRING answer as keccak256 of its UTF-8 bytes."""
    return keccak(text.encode("utf-8"))


def decode_number(outcome: bytes) -> int:
    """Decode a NUMBER outcome back to the scaled integer; INVALID_OUTCOME has no number."""
    if require_word(outcome) == INVALID_OUTCOME:
        raise ValueError("INVALID_OUTCOME is not a NUMBER answer")
    return int.from_bytes(outcome, "big", signed=True)


def is_valid(kind: OutcomeKind, n_outcomes: int, outcome: bytes) -> bool:
    """Whether a request of `kind` with `n_outcomes` labels accepts `outcome` (SPEC §2)."""
    if require_word(outcome) == INVALID_OUTCOME:
        return True
    if kind is OutcomeKind.CATEGORICAL:
        return int.from_bytes(outcome, "big") < n_outcomes
    return True
