"""The Fluxo SDK: ask the Oracle from an application, read its answers and feeds.

    from fluxo.sdk import Fluxo, OutcomeKind, Source, build_request

    async with await Fluxo.connect(rpc_url, deployment="deployment.json") as fx:
        args = build_request(
            OutcomeKind.CATEGORICAL,
            description="Who wins the final?",
            sources=[Source("https://api.example/match/42", "winner")],
            outcomes=["Team A", "Team B"],
            challenge_period=600,
            fee=10**18,
        )
        info = await fx.requests.create(creator, args)
        answer = await fx.requests.wait(info.request_id, timeout_s=3600)
        print(answer)  # "Team A"

`fx.markets` creates and trades prediction markets (`MarketSpec`, see `fluxo.sdk.markets`).
`FluxoSync` offers the same API without `await`. Every error derives from `FluxoError`;
`InvalidRequest` names the field the Oracle would reject, `TransactionReverted` carries the
Oracle's reason.
"""

from fluxo.deployment import Deployment
from fluxo.domain.outcome import INVALID_OUTCOME, OutcomeKind
from fluxo.domain.request_args import RequestArgs, Source
from fluxo.domain.request_builder import build_request, check_request
from fluxo.exceptions import (
    ChainError,
    ChainUnavailable,
    ConfigError,
    FluxoError,
    InvalidMarket,
    InvalidRequest,
    TransactionRejected,
    TransactionReverted,
    UsageError,
    WaitTimeout,
    WrongChain,
)
from fluxo.markets.errors import MarketRevert
from fluxo.markets.spec import MarketSpec, ScalarRange, check_market
from fluxo.sdk.answers import Answer, decode_answer
from fluxo.sdk.faucet import Drip, FaucetApi
from fluxo.sdk.feeds import FeedRound, FeedsApi
from fluxo.sdk.fluxo import Fluxo
from fluxo.sdk.markets import Market, MarketsApi, MarketStatus, Position, Quote, Redemption
from fluxo.sdk.requests import RequestInfo, RequestsApi, RequestState, RequestStatus, RequestUpdate
from fluxo.sdk.sync import FluxoSync

__all__ = [
    "INVALID_OUTCOME",
    "Answer",
    "ChainError",
    "ChainUnavailable",
    "ConfigError",
    "Deployment",
    "Drip",
    "FaucetApi",
    "FeedRound",
    "FeedsApi",
    "Fluxo",
    "FluxoError",
    "FluxoSync",
    "InvalidMarket",
    "InvalidRequest",
    "Market",
    "MarketRevert",
    "MarketSpec",
    "MarketStatus",
    "MarketsApi",
    "OutcomeKind",
    "Position",
    "Quote",
    "Redemption",
    "RequestArgs",
    "RequestInfo",
    "RequestState",
    "RequestStatus",
    "RequestUpdate",
    "RequestsApi",
    "ScalarRange",
    "Source",
    "TransactionRejected",
    "TransactionReverted",
    "UsageError",
    "WaitTimeout",
    "WrongChain",
    "build_request",
    "check_market",
    "check_request",
    "decode_answer",
]
