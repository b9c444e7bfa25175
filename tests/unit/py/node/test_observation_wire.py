"""The observation exchange's JSON format: exact keys and types, and every violation named."""

import json

import pytest

from fluxo.node.observations.wire import (
    WireError,
    decode_observation,
    decode_observation_list,
    encode_observation,
    encode_observation_body,
    parse_feed_address,
    parse_round,
)
from tests.harness.observations import (
    FEED_ADDRESS,
    FEED_ID,
    REMOVE,
    ROUND,
    SIGNERS,
    signed_wire,
    wire_bytes,
)

WIRE = signed_wire(SIGNERS[0], answer=314_159_000_000)


def test_decode_observation__encoded_observation__round_trips() -> None:
    body = encode_observation_body(WIRE)

    assert decode_observation(body) == WIRE
    assert json.loads(body) == {
        "feed": FEED_ADDRESS,
        "round": ROUND,
        "answer": "314159000000",
        "timestamp": WIRE.timestamp_s,
        "signature": "0x" + WIRE.signature.hex(),
    }


def test_decode_observation__lowercase_feed__accepted_and_checksummed() -> None:
    wire = decode_observation(wire_bytes(WIRE, feed=FEED_ADDRESS.lower()))

    assert wire.feed_address == FEED_ADDRESS


def test_decode_observation__uppercase_signature_hex__accepted() -> None:
    upper = "0x" + WIRE.signature.hex().upper()

    assert decode_observation(wire_bytes(WIRE, signature=upper)).signature == WIRE.signature


def test_decode_observation__extreme_int192_answers__accepted() -> None:
    for answer in (-(2**191), 2**191 - 1, 0):
        assert decode_observation(wire_bytes(WIRE, answer=str(answer))).answer == answer


def test_wire_observation__signed__carries_the_feed_id() -> None:
    assert WIRE.signed(FEED_ID).observation.feed == FEED_ID


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        pytest.param({"feed": REMOVE}, "feed", id="feed_missing"),
        pytest.param({"feed": FEED_ADDRESS[:-1]}, "feed", id="feed_short"),
        pytest.param({"feed": FEED_ADDRESS[2:]}, "feed", id="feed_without_0x"),
        pytest.param({"feed": 12}, "feed", id="feed_number"),
        pytest.param({"feed": FEED_ADDRESS[:-1] + "A"}, "feed", id="feed_bad_checksum"),
        pytest.param({"round": REMOVE}, "round", id="round_missing"),
        pytest.param({"round": "6"}, "round", id="round_string"),
        pytest.param({"round": 6.0}, "round", id="round_float"),
        pytest.param({"round": True}, "round", id="round_bool"),
        pytest.param({"round": -1}, "round", id="round_negative"),
        pytest.param({"round": 2**32}, "round", id="round_over_uint32"),
        pytest.param({"answer": REMOVE}, "answer", id="answer_missing"),
        pytest.param({"answer": 100}, "answer", id="answer_json_number"),
        pytest.param({"answer": "+100"}, "answer", id="answer_plus_sign"),
        pytest.param({"answer": "0100"}, "answer", id="answer_leading_zero"),
        pytest.param({"answer": "-0"}, "answer", id="answer_negative_zero"),
        pytest.param({"answer": "1.5"}, "answer", id="answer_fraction"),
        pytest.param({"answer": "1e3"}, "answer", id="answer_exponent"),
        pytest.param({"answer": " 100"}, "answer", id="answer_whitespace"),
        pytest.param({"answer": "１００"}, "answer", id="answer_non_ascii_digits"),
        pytest.param({"answer": str(2**191)}, "answer", id="answer_over_int192"),
        pytest.param({"answer": str(-(2**191) - 1)}, "answer", id="answer_under_int192"),
        pytest.param({"answer": "9" * 59}, "answer", id="answer_59_digits"),
        pytest.param({"timestamp": REMOVE}, "timestamp", id="timestamp_missing"),
        pytest.param({"timestamp": "1700000000"}, "timestamp", id="timestamp_string"),
        pytest.param({"timestamp": 1.7e9}, "timestamp", id="timestamp_float"),
        pytest.param({"timestamp": -1}, "timestamp", id="timestamp_negative"),
        pytest.param({"timestamp": 2**64}, "timestamp", id="timestamp_over_uint64"),
        pytest.param({"signature": REMOVE}, "signature", id="signature_missing"),
        pytest.param({"signature": "0x" + "ab" * 64}, "signature", id="signature_64_bytes"),
        pytest.param({"signature": "0x" + "ab" * 66}, "signature", id="signature_66_bytes"),
        pytest.param({"signature": "ab" * 65}, "signature", id="signature_without_0x"),
        pytest.param({"signature": "0x" + "zz" * 65}, "signature", id="signature_not_hex"),
        pytest.param({"signer": SIGNERS[0].address}, "signer", id="unknown_extra_field"),
    ],
)
def test_decode_observation__malformed_field__error_names_it(
    overrides: dict[str, object], field: str
) -> None:
    with pytest.raises(WireError) as caught:
        decode_observation(wire_bytes(WIRE, **overrides))

    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}: ")


@pytest.mark.parametrize(
    ("body", "field", "reason"),
    [
        pytest.param(b"\xff\xfe", "body", "not UTF-8", id="not_utf8"),
        pytest.param(b"{", "body", "not JSON", id="truncated_json"),
        pytest.param(b"[]", "body", "JSON object", id="array"),
        pytest.param(b'"x"', "body", "JSON object", id="string"),
        pytest.param(b'{"round": NaN}', "body", "NaN", id="nan"),
        pytest.param(b'{"round": 1, "round": 2}', "round", "more than once", id="duplicate_key"),
    ],
)
def test_decode_observation__malformed_body__error_names_it(
    body: bytes, field: str, reason: str
) -> None:
    with pytest.raises(WireError) as caught:
        decode_observation(body)

    assert caught.value.field == field
    assert reason in caught.value.reason


def test_decode_observation_list__list_of_observations__each_parsed() -> None:
    other = signed_wire(SIGNERS[1], answer=7)
    body = json.dumps([encode_observation(WIRE), encode_observation(other)]).encode()

    assert decode_observation_list(body) == [WIRE, other]


def test_decode_observation_list__object__rejected() -> None:
    with pytest.raises(WireError, match="JSON array"):
        decode_observation_list(b"{}")


@pytest.mark.parametrize(
    ("text", "expected"),
    [pytest.param("6", 6, id="digits"), pytest.param("4294967295", 2**32 - 1, id="uint32_max")],
)
def test_parse_round__decimal_path_segment__parsed(text: str, expected: int) -> None:
    assert parse_round(text) == expected


@pytest.mark.parametrize("text", ["-1", "4294967296", "0x6", "６", "", "99999999999999"])
def test_parse_round__not_a_uint32__rejected(text: str) -> None:
    with pytest.raises(WireError, match="round"):
        parse_round(text)


def test_parse_feed_address__lowercase__checksummed() -> None:
    assert parse_feed_address(FEED_ADDRESS.lower()) == FEED_ADDRESS
