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
