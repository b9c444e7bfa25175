"""Signing observations and recovering signers with the contract's signature rules."""

import pytest
from eth_account import Account
from eth_account.signers.local import LocalAccount
from eth_keys.datatypes import Signature

from fluxo.exceptions import InvalidSignature
from fluxo.feeds.observation import Observation, feed_id, observation_digest, signable_observation
from fluxo.feeds.signing import (
    MAX_LOW_S,
    SECP256K1_N,
    parse_signature,
    recover_signer,
    sign_observation,
)

FEED_ADDRESS = "0x5FbDB2315678afecb367f032d93F642f64180aa3"
CHAIN_ID = 31_337
PROVIDERS: list[LocalAccount] = [Account.from_key((i + 1).to_bytes(32, "big")) for i in range(8)]
OBS = Observation(feed_id("ETH / USD"), 3, -42_00000000, 1_700_000_000)


def _signature(r: int, s: int, v: int) -> bytes:
    return r.to_bytes(32, "big") + s.to_bytes(32, "big") + bytes([v])


@pytest.mark.parametrize("provider", PROVIDERS)
def test_sign_observation__local_key__65_bytes_low_s_v_27_or_28(provider: LocalAccount) -> None:
    signed = sign_observation(OBS, CHAIN_ID, FEED_ADDRESS, provider)

    r, s, v = parse_signature(signed.signature)
    assert len(signed.signature) == 65
    assert v in (27, 28)
    assert 0 < s <= MAX_LOW_S
    assert 0 < r < SECP256K1_N
    assert signed.observation == OBS


@pytest.mark.parametrize("provider", PROVIDERS)
def test_recover_signer__own_signature__returns_the_signer(provider: LocalAccount) -> None:
    signed = sign_observation(OBS, CHAIN_ID, FEED_ADDRESS, provider)

    assert recover_signer(OBS, CHAIN_ID, FEED_ADDRESS, signed.signature) == provider.address


def test_sign_observation__same_as_eth_account_sign_message() -> None:
    provider = PROVIDERS[0]
    expected = provider.sign_message(signable_observation(OBS, CHAIN_ID, FEED_ADDRESS))

    signed = sign_observation(OBS, CHAIN_ID, FEED_ADDRESS, provider)

    assert signed.signature == bytes(expected.signature)


@pytest.mark.parametrize(
    ("chain_id", "feed_address", "obs"),
    [
        (1, FEED_ADDRESS, OBS),
        (CHAIN_ID, "0x" + "11" * 20, OBS),
        (CHAIN_ID, FEED_ADDRESS, Observation(OBS.feed, OBS.round + 1, OBS.answer, 1_700_000_000)),
    ],
)
def test_recover_signer__other_domain_or_message__recovers_someone_else(
    chain_id: int, feed_address: str, obs: Observation
) -> None:
    signed = sign_observation(OBS, CHAIN_ID, FEED_ADDRESS, PROVIDERS[0])

    assert recover_signer(obs, chain_id, feed_address, signed.signature) != PROVIDERS[0].address


def test_recover_signer__high_s_twin__rejected_as_malleable() -> None:
    r, s, v = parse_signature(sign_observation(OBS, CHAIN_ID, FEED_ADDRESS, PROVIDERS[0]).signature)
    twin_s, twin_v = SECP256K1_N - s, 55 - v  # 27 <-> 28
    digest = observation_digest(OBS, CHAIN_ID, FEED_ADDRESS)
    # The twin is a genuine signature by the same key: only the low-s rule stops it.
    twin_key = Signature(vrs=(twin_v - 27, r, twin_s)).recover_public_key_from_msg_hash(digest)
    assert twin_key.to_checksum_address() == PROVIDERS[0].address

    with pytest.raises(InvalidSignature, match="malleable"):
        recover_signer(OBS, CHAIN_ID, FEED_ADDRESS, _signature(r, twin_s, twin_v))


def test_parse_signature__s_exactly_half_n__accepted() -> None:
    assert parse_signature(_signature(1, MAX_LOW_S, 27)) == (1, MAX_LOW_S, 27)


def test_parse_signature__s_half_n_plus_one__rejected() -> None:
    with pytest.raises(InvalidSignature, match="malleable"):
        parse_signature(_signature(1, MAX_LOW_S + 1, 27))


@pytest.mark.parametrize("v", [0, 1, 26, 29, 255])
def test_recover_signer__v_not_27_or_28__rejected(v: int) -> None:
    r, s, _ = parse_signature(sign_observation(OBS, CHAIN_ID, FEED_ADDRESS, PROVIDERS[0]).signature)

    with pytest.raises(InvalidSignature, match="v must be 27 or 28"):
        recover_signer(OBS, CHAIN_ID, FEED_ADDRESS, _signature(r, s, v))


@pytest.mark.parametrize("length", [0, 64, 66])
def test_recover_signer__not_65_bytes__rejected(length: int) -> None:
    with pytest.raises(InvalidSignature, match="65 bytes"):
        recover_signer(OBS, CHAIN_ID, FEED_ADDRESS, b"\x1b" * length)


@pytest.mark.parametrize(("r", "s"), [(0, 1), (1, 0), (SECP256K1_N, 1), (2**256 - 1, 1)])
def test_recover_signer__r_or_s_out_of_range__rejected(r: int, s: int) -> None:
    with pytest.raises(InvalidSignature, match="out of range"):
        recover_signer(OBS, CHAIN_ID, FEED_ADDRESS, _signature(r, s, 27))


def test_recover_signer__r_not_on_curve__rejected() -> None:
    # x = 5 is not the x coordinate of any secp256k1 point (5**3 + 7 is not a square mod p).
    with pytest.raises(InvalidSignature, match="recovers no signer"):
        recover_signer(OBS, CHAIN_ID, FEED_ADDRESS, _signature(5, 1, 27))
