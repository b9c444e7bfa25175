"""Every error Fluxo raises on purpose derives from `FluxoError`.

The tree says what a caller can do about an error:

    FluxoError
    ├── UsageError                 what the user gave is wrong; fix it and retry (CLI: exit 2)
    │   ├── ConfigError            a config key, flag or environment variable, named with its value
    │   ├── InvalidRequest         a request field the Oracle would reject, named with its value
    │   └── InvalidMarket          a market field the PredictionMarket would reject, named too
    ├── ChainError                 talking to a chain failed
    │   ├── ChainUnavailable       retryable: connection refused, timeout, HTTP 5xx or 429
    │   ├── WrongChain             the RPC serves another chain id than the one expected
    │   ├── TransactionRejected    refused before mining: nonce, funds, fee too low, ...
    │   ├── TransactionPending     sent, not mined within the time waited (it may still be)
    │   └── TransactionReverted    mined with status 0, or reverted when estimated or called
    ├── WaitTimeout                what was waited for did not happen in time
    ├── ArtifactError              a compiled contract shipped with the package is missing
    ├── DevnetError                the local anvil could not be found, started or driven
    ├── FeedError                  price-feed values, signatures, reports, reads
    └── AnsweringError             a request or feed handed to the answer rules is malformed
"""

from typing import ClassVar, Final


class FluxoError(Exception):
    """Root of Fluxo's exception hierarchy."""


class UsageError(FluxoError, ValueError):
    """Something the user supplied is invalid; the message names it and its value."""


class ConfigError(UsageError):
    """A config key, command-line flag or environment variable holds a bad value."""

    def __init__(self, key: str, value: object, reason: str) -> None:
        super().__init__(f"{key} = {value!r}: {reason}")
        self.key = key
        self.value = value
        self.reason = reason


class InvalidField(UsageError):
    """A field of something the user builds breaks a bound the chain enforces."""

    # What the field belongs to, in the message: "request field fee = ...".
    OF: ClassVar[str] = "a"

    def __init__(self, field: str, value: object, reason: str) -> None:
        super().__init__(f"{self.OF} field {field} = {_short(value)}: {reason}")
        self.field = field
        self.value = value
        self.reason = reason


class InvalidRequest(InvalidField):
    """A `RequestArgs` field breaks a bound the Oracle enforces (SPEC §3)."""

    OF = "request"


class InvalidMarket(InvalidField):
    """A market's field breaks a bound `create_market` (or a trade) enforces (SPEC Part IV)."""

    OF = "market"


class ChainError(FluxoError):
    """A chain interaction failed."""


class ChainUnavailable(ChainError):
    """The RPC endpoint cannot be reached or answered with a server error; retrying later (or
    on another endpoint) may succeed, and nothing was sent."""


class WrongChain(ChainError):
    """The RPC endpoint serves another chain than the one configured."""

    def __init__(self, url: str, expected_chain_id: int, actual_chain_id: int) -> None:
        super().__init__(
            f"{url} serves chain id {actual_chain_id}, expected {expected_chain_id}: "
            "refusing to use it"
        )
        self.expected_chain_id = expected_chain_id
        self.actual_chain_id = actual_chain_id


class TransactionRejected(ChainError):
    """The node refused a transaction before mining it. `kind` says why, one of
    `REJECTION_KINDS`; the same signed transaction will be refused again."""

    def __init__(self, kind: str, message: str, *, tx_hash: str | None = None) -> None:
        super().__init__(f"transaction rejected ({kind}): {message}")
        self.kind = kind
        self.tx_hash = tx_hash


# Why a node refuses a transaction before mining it.
NONCE_TOO_LOW: Final = "nonce too low"
NONCE_TOO_HIGH: Final = "nonce too high"
INSUFFICIENT_FUNDS: Final = "insufficient funds"
UNDERPRICED: Final = "underpriced"
ALREADY_KNOWN: Final = "already known"
OTHER_REJECTION: Final = "other"
REJECTION_KINDS: Final = (
    NONCE_TOO_LOW,
    NONCE_TOO_HIGH,
    INSUFFICIENT_FUNDS,
    UNDERPRICED,
    ALREADY_KNOWN,
    OTHER_REJECTION,
)


class TransactionPending(ChainError):
    """A sent transaction was not mined within the time waited; it may still be."""

    def __init__(self, tx_hash: str, waited_s: float) -> None:
        super().__init__(f"transaction {tx_hash} not mined after {waited_s:.0f} s")
        self.tx_hash = tx_hash


class TransactionReverted(ChainError):
    """A transaction or call reverted; `reason` is the decoded revert string, if any."""

    def __init__(self, reason: str, *, tx_hash: str | None = None) -> None:
        suffix = f" (tx {tx_hash})" if tx_hash else ""
        super().__init__(f"reverted: {reason}{suffix}")
        self.reason = reason
        self.tx_hash = tx_hash


class WaitTimeout(FluxoError, TimeoutError):
    """What was waited for (a request's outcome, say) did not happen in the time allowed."""


class ArtifactError(FluxoError):
    """A compiled contract artifact shipped with the package is missing or malformed."""


class DevnetError(FluxoError):
    """The local development chain (anvil) could not be found, started or driven."""


class FeedError(FluxoError):
    """A price-feed value, signature, report or read is not what the PriceFeed contract accepts."""


class InvalidObservation(FeedError, ValueError):
    """An observation field is out of the range its EIP-712 type (or the contract) allows."""


class InvalidSignature(FeedError, ValueError):
    """A signature is malformed, malleable (high s), has a bad `v`, or recovers no signer."""


class InvalidReport(FeedError, ValueError):
    """Signed observations cannot form a report `transmit` would accept."""


class FeedReadError(FeedError):
    """An AggregatorV3Interface feed could not be read at the given address."""


class InvalidFeedParameters(FeedError, UsageError):
    """PriceFeed constructor arguments (decimals, description, signers, quorum) are invalid."""


class AnsweringError(FluxoError):
    """A request or feed cannot be answered as given (SPEC Part III)."""


class InvalidAnswerRequest(AnsweringError, ValueError):
    """A request, feed or fetch policy handed to the answer rules is malformed."""


class UnpinnedRequest(AnsweringError):
    """A request reached `PinnedTransport` without the address the fetcher checked."""


def _short(value: object, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text)} chars)"
