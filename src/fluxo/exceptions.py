"""Every error Fluxo raises on purpose derives from `FluxoError`."""


class FluxoError(Exception):
    """Root of Fluxo's exception hierarchy."""


class DevChainError(FluxoError):
    """The local development chain (anvil) could not be found, started or driven."""


class ArtifactError(FluxoError):
    """A compiled contract artifact shipped with the package is missing or malformed."""


class ChainError(FluxoError):
    """A chain interaction failed: the node refused a transaction or a call."""


class TransactionReverted(ChainError):
    """A transaction or call reverted; `reason` is the decoded revert string, if any."""

    def __init__(self, reason: str, *, tx_hash: str | None = None) -> None:
        suffix = f" (tx {tx_hash})" if tx_hash else ""
        super().__init__(f"reverted: {reason}{suffix}")
        self.reason = reason
        self.tx_hash = tx_hash


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


class InvalidFeedParameters(FeedError, ValueError):
    """PriceFeed constructor arguments (decimals, description, signers, quorum) are invalid."""


class AnsweringError(FluxoError):
    """A request or feed cannot be answered as given (SPEC Part III)."""


class InvalidAnswerRequest(AnsweringError, ValueError):
    """A request, feed or fetch policy handed to the answer rules is malformed."""


class UnpinnedRequest(AnsweringError):
    """A request reached `PinnedTransport` without the address the fetcher checked."""
