"""Sign observations with a local key and recover their signers, with the contract's rules.

A signature is 65 bytes `r ‖ s ‖ v` with `v` in {27, 28}. Only low-s signatures are valid
(`s <= n / 2`, EIP-2): for every signature `(r, s, v)` the twin `(r, n - s, v ^ 1)` recovers
the same signer, and accepting both would give one observation two encodings. `r` and `s`
must lie in [1, n): outside it the EVM's ecrecover returns the zero address, which is never
an authorized signer.
"""

import functools
from dataclasses import dataclass
from typing import Final

from eth_account.signers.local import LocalAccount
from eth_keys.datatypes import Signature
from eth_keys.exceptions import BadSignature
from eth_typing import ChecksumAddress, Hash32
from eth_utils.exceptions import ValidationError

from fluxo.exceptions import InvalidSignature
from fluxo.feeds.observation import Observation, observation_digest

SIGNATURE_BYTES: Final = 65
SECP256K1_N: Final = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141
# The largest `s` the contract accepts (OpenZeppelin's ECDSA bound).
MAX_LOW_S: Final = SECP256K1_N // 2
V_VALUES: Final = frozenset({27, 28})
# Two rounds of 31 signers for 64 feeds.
RECOVERY_CACHE_SIZE: Final = 4_096

_SCALAR_BYTES: Final = 32


@dataclass(frozen=True, slots=True)
class SignedObservation:
    """An observation and one provider's 65-byte signature over its EIP-712 digest."""

    observation: Observation
    signature: bytes


def sign_observation(
    obs: Observation, chain_id: int, feed_address: str, signer: LocalAccount
) -> SignedObservation:
    """Sign `obs` for the PriceFeed at `feed_address` on `chain_id` with `signer`'s key."""
    digest = observation_digest(obs, chain_id, feed_address)
    # The digest is already EIP-712's final hash; signing it directly avoids a second copy of
    # the encoding (a test checks it equals eth-account's `encode_typed_data` digest).
    signed = signer.unsafe_sign_hash(Hash32(digest))
    signature = (
        signed.r.to_bytes(_SCALAR_BYTES, "big")
        + signed.s.to_bytes(_SCALAR_BYTES, "big")
        + bytes([signed.v])
    )
    # eth-account normalises to low s and v in {27, 28}; a signature the contract would
    # reject must never leave this function.
    parse_signature(signature)
    return SignedObservation(obs, signature)


def parse_signature(signature: bytes) -> tuple[int, int, int]:
    """Split a 65-byte signature into `(r, s, v)`, rejecting what the contract rejects."""
    if len(signature) != SIGNATURE_BYTES:
        raise InvalidSignature(f"a signature is {SIGNATURE_BYTES} bytes, got {len(signature)}")
    r = int.from_bytes(signature[:_SCALAR_BYTES], "big")
    s = int.from_bytes(signature[_SCALAR_BYTES : 2 * _SCALAR_BYTES], "big")
    v = signature[2 * _SCALAR_BYTES]
    if v not in V_VALUES:
        raise InvalidSignature(f"signature v must be 27 or 28, got {v}")
    if s > MAX_LOW_S:
        raise InvalidSignature("signature s is in the upper half of the curve order (malleable)")
    if not (0 < r < SECP256K1_N and 0 < s):
        raise InvalidSignature("signature r or s is out of range: it recovers no signer")
    return r, s, v


def recover_signer(
    obs: Observation, chain_id: int, feed_address: str, signature: bytes
) -> ChecksumAddress:
    """The address whose key signed `obs` for this feed, as the contract's ecrecover sees it.

    Results are remembered (the last `RECOVERY_CACHE_SIZE`): a provider recovers the same
    observation when a peer sends it, when it selects a report and when it assembles it, and
    each recovery is milliseconds of pure-Python curve arithmetic. Failures are not cached."""
    return _recover_signer(obs, chain_id, feed_address, signature)


@functools.lru_cache(maxsize=RECOVERY_CACHE_SIZE)
def _recover_signer(
    obs: Observation, chain_id: int, feed_address: str, signature: bytes
) -> ChecksumAddress:
    r, s, v = parse_signature(signature)
    digest = observation_digest(obs, chain_id, feed_address)
    try:
        public_key = Signature(vrs=(v - 27, r, s)).recover_public_key_from_msg_hash(digest)
    except (BadSignature, ValidationError) as error:
        raise InvalidSignature(f"signature recovers no signer: {error}") from error
    return public_key.to_checksum_address()
