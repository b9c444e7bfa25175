"""Turn what web3.py and aiohttp raise into Fluxo's chain errors, by what a caller can do:
retry elsewhere (`ChainUnavailable`), fix the transaction (`TransactionRejected`), or accept
that the contract said no (`TransactionReverted`)."""

import asyncio
from typing import Final

import aiohttp
from eth_abi.abi import decode
from hexbytes import HexBytes
from web3.exceptions import (
    ContractLogicError,
    ProviderConnectionError,
    TimeExhausted,
    TooManyRequests,
    Web3Exception,
    Web3RPCError,
)

from fluxo.exceptions import (
    ALREADY_KNOWN,
    INSUFFICIENT_FUNDS,
    NONCE_TOO_HIGH,
    NONCE_TOO_LOW,
    OTHER_REJECTION,
    UNDERPRICED,
    ChainError,
    ChainUnavailable,
    TransactionRejected,
    TransactionReverted,
)

_ERROR_SELECTOR: Final = bytes.fromhex("08c379a0")  # Error(string)
_PANIC_SELECTOR: Final = bytes.fromhex("4e487b71")  # Panic(uint256)
_REVERTED_PREFIX: Final = "execution reverted"

# How geth, anvil, erigon, nethermind and besu word their refusals (lowercased substrings).
_REJECTIONS: Final = (
    (("nonce too low", "nonce is too low", "oldnonce"), NONCE_TOO_LOW),
    (("nonce too high", "nonce is too high"), NONCE_TOO_HIGH),
    (("insufficient funds", "insufficient balance"), INSUFFICIENT_FUNDS),
    (
        ("underpriced", "fee too low", "max fee per gas less than block base fee", "feecap"),
        UNDERPRICED,
    ),
    (("already known", "known transaction", "already imported"), ALREADY_KNOWN),
)

# HTTP statuses worth retrying: rate limits and server-side trouble.
_RETRYABLE_STATUSES: Final = frozenset({408, 425, 429, 500, 502, 503, 504})


def revert_reason(error: ContractLogicError) -> str:
    """The revert string of `error`: the decoded `Error(string)` or `Panic(uint256)` payload
    when the node sent one, otherwise the node's message without its generic prefix."""
    data = error.data if isinstance(error.data, str) else None
    if data is not None:
        payload = HexBytes(data)
        if payload[:4] == _ERROR_SELECTOR:
            (reason,) = decode(["string"], payload[4:])
            return str(reason)
        if payload[:4] == _PANIC_SELECTOR:
            (code,) = decode(["uint256"], payload[4:])
            return f"panic 0x{code:02x}"
    message = error.message or ""
    if message.startswith(_REVERTED_PREFIX):
        message = message[len(_REVERTED_PREFIX) :].lstrip(": ")
    return message


def rejection_kind(message: str) -> str | None:
    """Which refusal a node's error message describes, or None if it is not a refusal."""
    lowered = message.lower()
    for needles, kind in _REJECTIONS:
        if any(needle in lowered for needle in needles):
            return kind
    return None


def classify(error: BaseException, action: str) -> ChainError:
    """The Fluxo error for `error`, raised while doing `action` (e.g. "eth_call on 0x…")."""
    if isinstance(error, ChainError):
        return error
    if isinstance(error, ContractLogicError):
        return TransactionReverted(revert_reason(error))
    if isinstance(error, aiohttp.ClientResponseError):
        if error.status in _RETRYABLE_STATUSES:
            return ChainUnavailable(f"{action}: HTTP {error.status} {error.message}")
        return ChainError(f"{action}: HTTP {error.status} {error.message}")
    if isinstance(
        error,
        (
            aiohttp.ClientError,
            asyncio.TimeoutError,
            OSError,
            ProviderConnectionError,
            TooManyRequests,
            TimeExhausted,
        ),
    ):
        return ChainUnavailable(f"{action}: {type(error).__name__}: {error}")
    if isinstance(error, Web3RPCError):
        message = str(error.message or error)
        kind = rejection_kind(message)
        if kind is not None:
            return TransactionRejected(kind, message)
        return ChainError(f"{action}: {message}")
    if isinstance(error, Web3Exception):
        return ChainError(f"{action}: {error}")
    return ChainError(f"{action}: {type(error).__name__}: {error}")


def classify_rejection(error: BaseException, action: str) -> ChainError:
    """Like `classify`, for a broadcast: any refusal the node words unusually still counts as
    a rejection (the transaction is not in the pool)."""
    classified = classify(error, action)
    if type(classified) is ChainError:
        return TransactionRejected(OTHER_REJECTION, str(classified))
    return classified
