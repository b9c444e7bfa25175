"""One provider's observation of a feed, and the EIP-712 digest a provider signs over it.

    obs = Observation(feed_id("ETH / USD"), 8, answer=314_159_000_000, timestamp_s=1_700_000_000)
    digest = observation_digest(obs, chain_id=1, feed_address="0x…")  # 32 bytes

The typed data is `Observation(bytes32 feed,uint32 round,int192 answer,uint64 timestamp)` under
the domain {name "Fluxo PriceFeed", version "1", chainId, verifyingContract}. `feed` is the
keccak256 of the feed's description, so one signature is bound to one feed, one chain and one
deployed contract. The digest is built by hand (`observation_digest`), exactly as the contract
builds it; `observation_typed_data` / `signable_observation` give the same message in the JSON
form wallets sign and as eth-account encodes it, and a test checks the two agree.
"""

from dataclasses import dataclass
from typing import Any, Final

from eth_account.messages import SignableMessage, encode_typed_data
from eth_utils.crypto import keccak

from fluxo.domain.address import parse_address
from fluxo.exceptions import InvalidObservation

DOMAIN_NAME: Final = "Fluxo PriceFeed"
DOMAIN_VERSION: Final = "1"

OBSERVATION_TYPE: Final = "Observation(bytes32 feed,uint32 round,int192 answer,uint64 timestamp)"
EIP712_DOMAIN_TYPE: Final = (
    "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
)
OBSERVATION_TYPEHASH: Final = keccak(text=OBSERVATION_TYPE)
EIP712_DOMAIN_TYPEHASH: Final = keccak(text=EIP712_DOMAIN_TYPE)

FEED_ID_BYTES: Final = 32
MAX_ROUND: Final = 2**32 - 1  # uint32
MIN_ANSWER: Final = -(2**191)  # int192
MAX_ANSWER: Final = 2**191 - 1
MAX_TIMESTAMP_S: Final = 2**64 - 1  # uint64
MAX_CHAIN_ID: Final = 2**256 - 1

_WORD_BYTES: Final = 32
_EIP191_STRUCTURED_PREFIX: Final = b"\x19\x01"


def feed_id(description: str) -> bytes:
    """The `feed` field of every observation: keccak256 of the UTF-8 description."""
    return keccak(text=description)


@dataclass(frozen=True, slots=True)
class Observation:
    """What one provider saw for one round: the answer (in the feed's decimals) and when.

    Fields are range-checked against their EIP-712 types on construction, so an `Observation`
    always encodes; whether the contract accepts it (next round, fresh timestamp) is decided on
    chain.
    """

    feed: bytes
    round: int
    answer: int
    timestamp_s: int

    def __post_init__(self) -> None:
        if not isinstance(self.feed, bytes) or len(self.feed) != FEED_ID_BYTES:
            raise InvalidObservation(f"feed must be {FEED_ID_BYTES} bytes, got {self.feed!r}")
        _check_range("round", self.round, 0, MAX_ROUND, "uint32")
        _check_range("answer", self.answer, MIN_ANSWER, MAX_ANSWER, "int192")
        _check_range("timestamp_s", self.timestamp_s, 0, MAX_TIMESTAMP_S, "uint64")


def domain_separator(chain_id: int, feed_address: str) -> bytes:
    """The EIP-712 domain separator of the PriceFeed deployed at `feed_address` on `chain_id`."""
    _check_range("chain_id", chain_id, 0, MAX_CHAIN_ID, "uint256")
    return keccak(
        EIP712_DOMAIN_TYPEHASH
        + keccak(text=DOMAIN_NAME)
        + keccak(text=DOMAIN_VERSION)
        + _uint_word(chain_id)
        + _address_word(feed_address)
    )


def observation_struct_hash(obs: Observation) -> bytes:
    """`hashStruct(Observation)`: the type hash and the four fields, each as one 32-byte word."""
    return keccak(
        OBSERVATION_TYPEHASH
        + obs.feed
        + _uint_word(obs.round)
        + obs.answer.to_bytes(_WORD_BYTES, "big", signed=True)  # int192 sign-extends to a word
        + _uint_word(obs.timestamp_s)
    )


def observation_digest(obs: Observation, chain_id: int, feed_address: str) -> bytes:
    """The 32-byte EIP-712 digest a signer signs: keccak256(0x1901 ‖ domain ‖ struct)."""
    return keccak(
        _EIP191_STRUCTURED_PREFIX
        + domain_separator(chain_id, feed_address)
        + observation_struct_hash(obs)
    )


def observation_typed_data(obs: Observation, chain_id: int, feed_address: str) -> dict[str, Any]:
    """The observation as an EIP-712 "full message" (`eth_signTypedData_v4` JSON)."""
    return {
        "types": {
            "EIP712Domain": [
                {"name": "name", "type": "string"},
                {"name": "version", "type": "string"},
                {"name": "chainId", "type": "uint256"},
                {"name": "verifyingContract", "type": "address"},
            ],
            "Observation": [
                {"name": "feed", "type": "bytes32"},
                {"name": "round", "type": "uint32"},
                {"name": "answer", "type": "int192"},
                {"name": "timestamp", "type": "uint64"},
            ],
        },
        "primaryType": "Observation",
        "domain": {
            "name": DOMAIN_NAME,
            "version": DOMAIN_VERSION,
            "chainId": chain_id,
            "verifyingContract": parse_address(feed_address).lower(),
        },
        "message": {
            "feed": obs.feed,
            "round": obs.round,
            "answer": obs.answer,
            "timestamp": obs.timestamp_s,
        },
    }


def signable_observation(obs: Observation, chain_id: int, feed_address: str) -> SignableMessage:
    """`obs` encoded by eth-account's `encode_typed_data`, for wallets and `sign_message`."""
    return encode_typed_data(full_message=observation_typed_data(obs, chain_id, feed_address))


def _check_range(name: str, value: int, low: int, high: int, abi_type: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidObservation(f"{name} must be an int, got {type(value).__name__}")
    if not low <= value <= high:
        raise InvalidObservation(f"{name} {value} is out of {abi_type} range [{low}, {high}]")


def _uint_word(value: int) -> bytes:
    return value.to_bytes(_WORD_BYTES, "big")


def _address_word(address: str) -> bytes:
    try:
        raw = bytes.fromhex(parse_address(address)[2:])
    except ValueError as error:
        raise InvalidObservation(str(error)) from error
    return raw.rjust(_WORD_BYTES, b"\x00")
