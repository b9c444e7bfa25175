"""The observation exchange's JSON format (SPEC §12), strict in both directions.

    {"feed": "0x5FbDB2315678afecb367f032d93F642f64180aa3", "round": 6,
     "answer": "314159000000", "timestamp": 1700000000, "signature": "0x…130 hex digits…"}

Exactly these five keys, each once. `feed` is the PriceFeed's address (lowercase, or EIP-55
mixed case with a valid checksum); `round` a JSON integer in uint32; `answer` the int192 as a
decimal string (JSON numbers lose precision past 2**53 in many parsers); `timestamp` a JSON
integer in uint64; `signature` `0x` and 130 hex digits (r ‖ s ‖ v). A body that breaks a rule is
rejected with a `WireError` naming the field, which the server returns in its 400 answer.

The feed's id (keccak256 of its description) is not sent: both sides know it from the chain,
and a signature made for another feed recovers to an address outside the signer set.
"""

import json
import re
from dataclasses import dataclass
from typing import Any, Final

from eth_utils.address import is_checksum_address, to_checksum_address

from fluxo.feeds.observation import MAX_ANSWER, MAX_ROUND, MAX_TIMESTAMP_S, MIN_ANSWER, Observation
from fluxo.feeds.signing import SignedObservation

# A valid body is about 300 bytes; the server refuses larger ones before parsing.
MAX_BODY_BYTES: Final = 4_096
FIELDS: Final = ("feed", "round", "answer", "timestamp", "signature")

_ADDRESS = re.compile(r"0x[0-9a-fA-F]{40}")
_SIGNATURE = re.compile(r"0x[0-9a-fA-F]{130}")
# int192 has at most 58 digits; the length is checked before converting anything.
_ANSWER = re.compile(r"-?(0|[1-9][0-9]{0,57})")


class WireError(ValueError):
    """A body or field that breaks the format; `field` is one of FIELDS, or "body"."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


@dataclass(frozen=True, slots=True)
class WireObservation:
    """One signed observation as exchanged between providers. `feed_address` is checksummed."""

    feed_address: str
    round: int
    answer: int
    timestamp_s: int
    signature: bytes

    def observation(self, feed_id: bytes) -> Observation:
        """The signed message, given the feed's id (keccak256 of its description)."""
        return Observation(feed_id, self.round, self.answer, self.timestamp_s)

    def signed(self, feed_id: bytes) -> SignedObservation:
        return SignedObservation(self.observation(feed_id), self.signature)

    @classmethod
    def from_signed(cls, feed_address: str, signed: SignedObservation) -> "WireObservation":
        observation = signed.observation
        return cls(
            parse_feed_address(feed_address),
            observation.round,
            observation.answer,
            observation.timestamp_s,
            signed.signature,
        )


def decode_observation(body: bytes) -> WireObservation:
    """The observation in a request body, or `WireError`."""
    return parse_observation(_load_json(body))


def parse_observation(value: object) -> WireObservation:
    """The observation in an already parsed JSON value (one element of a GET answer)."""
    if not isinstance(value, dict):
        raise WireError("body", "must be a JSON object")
    for key in value:
        if key not in FIELDS:
            raise WireError(str(key), "unknown field")
    for key in FIELDS:
        if key not in value:
            raise WireError(key, "missing")
    return WireObservation(
        feed_address=parse_feed_address(value["feed"]),
        round=_json_int(value["round"], "round", MAX_ROUND),
        answer=_answer(value["answer"]),
        timestamp_s=_json_int(value["timestamp"], "timestamp", MAX_TIMESTAMP_S),
        signature=_signature(value["signature"]),
    )


def encode_observation(wire: WireObservation) -> dict[str, Any]:
    """The JSON object of one observation (keys in FIELDS order)."""
    return {
        "feed": wire.feed_address,
        "round": wire.round,
        "answer": str(wire.answer),
        "timestamp": wire.timestamp_s,
        "signature": "0x" + wire.signature.hex(),
    }


def encode_observation_body(wire: WireObservation) -> bytes:
    return json.dumps(encode_observation(wire), separators=(",", ":")).encode()


def decode_observation_list(body: bytes) -> list[WireObservation]:
    """A GET answer: a JSON array of observations."""
    value = _load_json(body)
    if not isinstance(value, list):
        raise WireError("body", "must be a JSON array")
    return [parse_observation(item) for item in value]


def parse_feed_address(value: object) -> str:
    """A feed address from the wire (or a URL path), checksummed."""
    if not isinstance(value, str) or _ADDRESS.fullmatch(value) is None:
        raise WireError("feed", "must be 0x and 40 hex digits")
    digits = value[2:]
    mixed_case = digits != digits.lower() and digits != digits.upper()
    if mixed_case and not is_checksum_address(value):
        raise WireError("feed", "mixed-case address with a wrong EIP-55 checksum")
    return to_checksum_address(value)


def parse_round(value: str) -> int:
    """A round from a URL path: decimal digits, uint32."""
    if not value.isascii() or not value.isdigit() or len(value) > len(str(MAX_ROUND)):
        raise WireError("round", "must be a decimal uint32")
    number = int(value)
    if number > MAX_ROUND:
        raise WireError("round", f"must be at most {MAX_ROUND}")
    return number


def _load_json(body: bytes) -> Any:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise WireError("body", "not UTF-8") from error
    try:
        return json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant)
    except WireError:
        raise
    except ValueError as error:
        raise WireError("body", f"not JSON: {error}") from error


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    for key in keys:
        if keys.count(key) > 1:
            raise WireError(key, "appears more than once")
    return dict(pairs)


def _no_constant(name: str) -> None:
    raise WireError("body", f"{name} is not JSON")


def _json_int(value: object, field: str, maximum: int) -> int:
    # bool is an int in Python, and 6.0 parses as a float: neither is a JSON integer.
    if isinstance(value, bool) or not isinstance(value, int):
        raise WireError(field, "must be a JSON integer")
    if not 0 <= value <= maximum:
        raise WireError(field, f"must be in 0..{maximum}")
    return value


def _answer(value: object) -> int:
    if not isinstance(value, str) or _ANSWER.fullmatch(value) is None:
        raise WireError("answer", "must be a decimal integer string (no sign +, no leading 0)")
    if value == "-0":
        raise WireError("answer", "negative zero is not a canonical integer")
    number = int(value)
    if not MIN_ANSWER <= number <= MAX_ANSWER:
        raise WireError("answer", "outside int192")
    return number


def _signature(value: object) -> bytes:
    if not isinstance(value, str) or _SIGNATURE.fullmatch(value) is None:
        raise WireError("signature", "must be 0x and 130 hex digits (65 bytes)")
    return bytes.fromhex(value[2:])
