"""EIP-712 observations: field ranges, the feed id, and the digest against eth-account's."""

import pytest
from eth_utils.crypto import keccak

from fluxo.exceptions import InvalidObservation
from fluxo.feeds.observation import (
    MAX_ANSWER,
    MAX_ROUND,
    MAX_TIMESTAMP_S,
    MIN_ANSWER,
    OBSERVATION_TYPEHASH,
    Observation,
    feed_id,
    observation_digest,
    signable_observation,
)

FEED = feed_id("ETH / USD")
FEED_ADDRESS = "0x5FbDB2315678afecb367f032d93F642f64180aa3"
CHAIN_ID = 31_337


def _eth_account_digest(obs: Observation, chain_id: int, feed_address: str) -> bytes:
    message = signable_observation(obs, chain_id, feed_address)
    return keccak(b"\x19" + message.version + message.header + message.body)


def test_feed_id__description__is_keccak_of_utf8() -> None:
    assert feed_id("") == bytes.fromhex(
        "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
    )
    assert feed_id("BTC / €") == keccak("BTC / €".encode())


def test_typehash__observation__hashes_the_normative_type_string() -> None:
    expected = keccak(b"Observation(bytes32 feed,uint32 round,int192 answer,uint64 timestamp)")

    assert OBSERVATION_TYPEHASH == expected


@pytest.mark.parametrize(
    ("round_", "answer", "timestamp_s"),
    [
        (0, 0, 0),
        (MAX_ROUND, MAX_ANSWER, MAX_TIMESTAMP_S),
        (1, MIN_ANSWER, 1),
    ],
)
def test_observation__field_at_type_bound__is_accepted(
    round_: int, answer: int, timestamp_s: int
) -> None:
    obs = Observation(FEED, round_, answer, timestamp_s)

    assert (obs.round, obs.answer, obs.timestamp_s) == (round_, answer, timestamp_s)


@pytest.mark.parametrize(
    ("round_", "answer", "timestamp_s", "field"),
    [
        (-1, 0, 0, "round"),
        (MAX_ROUND + 1, 0, 0, "round"),
        (1, MIN_ANSWER - 1, 0, "answer"),
        (1, MAX_ANSWER + 1, 0, "answer"),
        (1, 0, -1, "timestamp_s"),
        (1, 0, MAX_TIMESTAMP_S + 1, "timestamp_s"),
        (True, 0, 0, "round"),
    ],
)
def test_observation__field_past_type_bound__raises(
    round_: int, answer: int, timestamp_s: int, field: str
) -> None:
    with pytest.raises(InvalidObservation, match=field):
        Observation(FEED, round_, answer, timestamp_s)


@pytest.mark.parametrize("feed", [b"\x00" * 31, b"\x00" * 33, "00" * 32])
def test_observation__feed_not_32_bytes__raises(feed: bytes) -> None:
    with pytest.raises(InvalidObservation, match="feed must be 32 bytes"):
        Observation(feed, 1, 1, 1)


@pytest.mark.parametrize(
    "obs",
    [
        Observation(FEED, 1, 3_000_00000000, 1_700_000_000),
        Observation(FEED, MAX_ROUND, MIN_ANSWER, MAX_TIMESTAMP_S),
        Observation(FEED, 7, -1, 0),
        Observation(feed_id("BTC / USD"), 0, MAX_ANSWER, 1),
    ],
)
@pytest.mark.parametrize("chain_id", [1, CHAIN_ID])
def test_observation_digest__by_hand__equals_eth_account_encode_typed_data(
    obs: Observation, chain_id: int
) -> None:
    assert observation_digest(obs, chain_id, FEED_ADDRESS) == _eth_account_digest(
        obs, chain_id, FEED_ADDRESS
    )


def test_observation_digest__lowercase_address__same_as_checksummed() -> None:
    obs = Observation(FEED, 1, 1, 1)

    assert observation_digest(obs, 1, FEED_ADDRESS.lower()) == observation_digest(
        obs, 1, FEED_ADDRESS
    )


def test_observation_digest__any_field_or_domain_changes__digest_changes() -> None:
    base = Observation(FEED, 5, 100, 1_000)
    variants = [
        observation_digest(base, CHAIN_ID, FEED_ADDRESS),
        observation_digest(Observation(feed_id("X"), 5, 100, 1_000), CHAIN_ID, FEED_ADDRESS),
        observation_digest(Observation(FEED, 6, 100, 1_000), CHAIN_ID, FEED_ADDRESS),
        observation_digest(Observation(FEED, 5, -100, 1_000), CHAIN_ID, FEED_ADDRESS),
        observation_digest(Observation(FEED, 5, 100, 1_001), CHAIN_ID, FEED_ADDRESS),
        observation_digest(base, 1, FEED_ADDRESS),
        observation_digest(base, CHAIN_ID, "0x" + "11" * 20),
    ]

    assert len(set(variants)) == len(variants)


@pytest.mark.parametrize("address", ["0x1234", "not an address", "0x" + "zz" * 20])
def test_observation_digest__bad_feed_address__raises(address: str) -> None:
    with pytest.raises(InvalidObservation, match="20-byte"):
        observation_digest(Observation(FEED, 1, 1, 1), 1, address)


def test_observation_digest__negative_chain_id__raises() -> None:
    with pytest.raises(InvalidObservation, match="chain_id"):
        observation_digest(Observation(FEED, 1, 1, 1), -1, FEED_ADDRESS)
