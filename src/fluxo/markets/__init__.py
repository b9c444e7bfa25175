"""Prediction-market math as pure Python: the fixed-product market maker, payouts, INVALID
refunds, and a plain model of one market that tests run beside `PredictionMarket.vy`."""

from fluxo.markets.errors import MarketRevert
from fluxo.markets.fpmm import (
    BPS,
    MAX_AMOUNT,
    MAX_FEE_BPS,
    MAX_OUTCOMES,
    MIN_OUTCOMES,
    ONE,
    Funding,
    Trade,
)
from fluxo.markets.model import MarketModel, Status
from fluxo.markets.payouts import Payout

__all__ = [
    "BPS",
    "MAX_AMOUNT",
    "MAX_FEE_BPS",
    "MAX_OUTCOMES",
    "MIN_OUTCOMES",
    "ONE",
    "Funding",
    "MarketModel",
    "MarketRevert",
    "Payout",
    "Status",
    "Trade",
]
