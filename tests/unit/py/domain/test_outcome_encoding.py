"""SPEC §2: how answers become 32-byte outcomes, and which outcomes a request accepts."""

import pytest
from eth_utils.crypto import keccak

from fluxo.domain.outcome import (
    INVALID_OUTCOME,
    OutcomeKind,
    categorical,
    decode_number,
    is_valid,
    kind_of,
    number,
    string,
)


def test_invalid_outcome__read_as_int256__is_int256_min() -> None:
    assert INVALID_OUTCOME == bytes.fromhex("80" + "00" * 31)
    assert int.from_bytes(INVALID_OUTCOME, "big", signed=True) == -(2**255)


def test_categorical__index__is_the_uint256_word() -> None:
    assert categorical(0) == bytes(32)
    assert categorical(7) == bytes(31) + b"\x07"


def test_categorical__negative_index__is_rejected() -> None:
    with pytest.raises(ValueError):
        categorical(-1)


def test_number__positive_and_negative__are_twos_complement() -> None:
    assert number(1) == bytes(31) + b"\x01"
    assert number(-1) == b"\xff" * 32
    assert number(-(2**255) + 1) == b"\x80" + bytes(30) + b"\x01"
    assert number(2**255 - 1) == b"\x7f" + b"\xff" * 31


@pytest.mark.parametrize("value", [-(2**255), 2**255, -(2**256)])
def test_number__outside_int256_or_int256_min__is_rejected(value: int) -> None:
    with pytest.raises(ValueError):
        number(value)


@pytest.mark.parametrize("value", [0, 1, -1, 123_450_000, -(2**255) + 1, 2**255 - 1])
def test_decode_number__encoded_value__round_trips(value: int) -> None:
    assert decode_number(number(value)) == value


def test_decode_number__invalid_outcome__is_rejected() -> None:
    with pytest.raises(ValueError):
        decode_number(INVALID_OUTCOME)


def test_string__answer__is_keccak_of_its_utf8() -> None:
    assert string("Lisbon") == keccak(b"Lisbon")
    assert string("São Paulo") == keccak("São Paulo".encode())
    assert string("") == bytes.fromhex(
        "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
    )


def test_kind_of__labels_or_data_type__picks_the_kind() -> None:
    assert kind_of(2, 1) is OutcomeKind.CATEGORICAL
    assert kind_of(0, 0) is OutcomeKind.STRING
    assert kind_of(0, 1) is OutcomeKind.NUMBER


def test_is_valid__categorical_index_below_count__is_accepted() -> None:
    assert is_valid(OutcomeKind.CATEGORICAL, 3, categorical(2))


def test_is_valid__categorical_index_at_count__is_rejected() -> None:
    assert not is_valid(OutcomeKind.CATEGORICAL, 3, categorical(3))
    assert not is_valid(OutcomeKind.CATEGORICAL, 3, number(-1))


@pytest.mark.parametrize("kind", list(OutcomeKind))
def test_is_valid__invalid_outcome__is_accepted_by_every_kind(kind: OutcomeKind) -> None:
    assert is_valid(kind, 2, INVALID_OUTCOME)


@pytest.mark.parametrize("kind", [OutcomeKind.NUMBER, OutcomeKind.STRING])
def test_is_valid__open_kinds__accept_every_word(kind: OutcomeKind) -> None:
    assert is_valid(kind, 0, number(-1))
    assert is_valid(kind, 0, string("anything"))


def test_is_valid__not_32_bytes__is_rejected_as_unencodable() -> None:
    with pytest.raises(ValueError):
        is_valid(OutcomeKind.NUMBER, 0, b"\x01")
