"""How the market math says "the contract call reverts here"."""

from fluxo.exceptions import FluxoError


class MarketRevert(FluxoError):
    """The PredictionMarket call reverts with `reason`, the exact string the contract emits.

    Functions and the model raise it before changing anything, so a caught revert leaves the
    state as it was, just as a reverted transaction leaves the chain. `reason` is `None` where
    the contract reverts without a string (a checked-arithmetic overflow).
    """

    def __init__(self, reason: str | None) -> None:
        super().__init__(reason or "arithmetic overflow")
        self.reason = reason
