"""The devnet's sample world: the documents its data server serves, the questions asked about
them, and the price schedule the providers follow. Pure data, the same on every run.

The prediction markets the devnet opens (`market_plans`) point at documents of their own, final
from the start (`market_documents`): every validator reads the same answer there, and one of
them says something that is no outcome's label, so its market resolves INVALID.

Every question is answered from one document path. Each document exists in two versions: the
`truth` every honest validator reads, and a `provisional` one with a wrong answer, which the
data server serves while only the faulty validator runs (an API that publishes a result before
it is confirmed, then corrects it). The devnet corrects every document before the honest
validators start, so their answers, and the network's outcomes, must equal the truth.

    for question in questions(short=True):
        question.path, question.source_path, question.kind, question.truth
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final

from fluxo.devnet.summary import INVALID_TEXT
from fluxo.domain.outcome import OutcomeKind

ESPORTS_MATCH_PATH: Final = "/esports/matches/1042"
SPORTS_GAME_PATH: Final = "/sports/games/77"
ELECTION_PATH: Final = "/elections/harbor-city-mayor"

_ESPORTS_TRUTH: Final[dict[str, Any]] = {
    "status": "final",
    "teams": ["Falcons", "Titans"],
    "winner": "Falcons",
    "score": "2-1",
    "mvp": "Kestrel",
}
_SPORTS_TRUTH: Final[dict[str, Any]] = {
    "status": "final",
    "home": {"team": "Harbor City", "score": 3},
    "away": {"team": "Ridgeview", "score": 1},
}
_ELECTION_TRUTH: Final[dict[str, Any]] = {
    "status": "certified",
    "winner": "Grace Hopper",
    "turnout_pct": "61.4",
}

# What each path serves before the correction: one answer wrong in each.
_PROVISIONAL: Final[dict[str, dict[str, Any]]] = {
    ESPORTS_MATCH_PATH: {
        **_ESPORTS_TRUTH,
        "status": "provisional",
        "winner": "Titans",
        "mvp": "Osprey",
    },
    SPORTS_GAME_PATH: {
        **_SPORTS_TRUTH,
        "status": "provisional",
        "home": {"team": "Harbor City", "score": 2},
        "away": {"team": "Ridgeview Reserves", "score": 1},
    },
    ELECTION_PATH: {
        **_ELECTION_TRUTH,
        "status": "provisional",
        "winner": "Alan Turing",
        "turnout_pct": "58.9",
    },
}
_TRUTH: Final[dict[str, dict[str, Any]]] = {
    ESPORTS_MATCH_PATH: _ESPORTS_TRUTH,
    SPORTS_GAME_PATH: _SPORTS_TRUTH,
    ELECTION_PATH: _ELECTION_TRUTH,
}


@dataclass(frozen=True, slots=True)
class Question:
    """One request the devnet creates: what it asks, where its answer lives, the true answer
    as the answer rules read it (a label, a decimal text, or a text)."""

    key: str
    kind: OutcomeKind
    description: str
    path: str
    source_path: str
    truth: str
    outcomes: tuple[str, ...] = ()
    decimals: int = 0
    tags: tuple[str, ...] = ()
    # Asked by a prediction market or the ConditionalTokens resolver, not by the devnet's
    # Requester: its document is final from the start, so nobody answers it wrong.
    market: bool = False


_QUESTIONS: Final = (
    Question(
        key="esports-winner",
        kind=OutcomeKind.CATEGORICAL,
        description="Who wins match 1042 of the Harbor Cup, Falcons or Titans?",
        path=ESPORTS_MATCH_PATH,
        source_path="winner",
        truth="Falcons",
        outcomes=("Falcons", "Titans"),
        tags=("esports",),
    ),
    Question(
        key="sports-home-score",
        kind=OutcomeKind.NUMBER,
        description="How many goals did Harbor City score at home against Ridgeview (game 77)?",
        path=SPORTS_GAME_PATH,
        source_path="home.score",
        truth="3",
        tags=("sports",),
    ),
    Question(
        key="esports-mvp",
        kind=OutcomeKind.STRING,
        description="Who is the MVP of match 1042 of the Harbor Cup?",
        path=ESPORTS_MATCH_PATH,
        source_path="mvp",
        truth="Kestrel",
        tags=("esports",),
    ),
    Question(
        key="election-winner",
        kind=OutcomeKind.CATEGORICAL,
        description="Who wins the Harbor City mayoral election?",
        path=ELECTION_PATH,
        source_path="winner",
        truth="Grace Hopper",
        outcomes=("Ada Lovelace", "Grace Hopper", "Alan Turing"),
        tags=("elections",),
    ),
    Question(
        key="election-turnout",
        kind=OutcomeKind.NUMBER,
        description="Turnout of the Harbor City mayoral election, in percent (one decimal)?",
        path=ELECTION_PATH,
        source_path="turnout_pct",
        truth="61.4",
        decimals=1,
        tags=("elections",),
    ),
    Question(
        key="sports-away-team",
        kind=OutcomeKind.STRING,
        description="Which team played away in game 77?",
        path=SPORTS_GAME_PATH,
        source_path="away.team",
        truth="Ridgeview",
        tags=("sports",),
    ),
)
# The short run asks one question of each kind.
SHORT_QUESTION_COUNT: Final = 3


def questions(*, short: bool) -> tuple[Question, ...]:
    """The questions of a run: one of each kind when `short`, all six otherwise."""
    return _QUESTIONS[:SHORT_QUESTION_COUNT] if short else _QUESTIONS


def truth_documents() -> dict[str, dict[str, Any]]:
    """Every question document as the corrected API serves it, by path."""
    return {path: _copy(document) for path, document in _TRUTH.items()}


def provisional_documents() -> dict[str, dict[str, Any]]:
    """Every question document before the correction (one wrong answer each), by path."""
    return {path: _copy(document) for path, document in _PROVISIONAL.items()}


# --- prediction markets ------------------------------------------------------------------

MARKET_MATCH_PATH: Final = "/esports/matches/2001"
CT_MATCH_PATH: Final = "/esports/matches/2002"
COUNCIL_PATH: Final = "/politics/harbor-city-council"
POSTPONED_GAME_PATH: Final = "/sports/matches/88"
ETH_SETTLEMENT_PATH: Final = "/crypto/eth-usd"

_MARKET_DOCUMENTS: Final[dict[str, dict[str, Any]]] = {
    MARKET_MATCH_PATH: {
        "status": "final",
        "teams": ["Falcons", "Titans"],
        "winner": "Falcons",
        "maps": {"team_a": 3, "team_b": 1},
    },
    CT_MATCH_PATH: {
        "status": "final",
        "teams": ["Falcons", "Titans"],
        "winner": "Titans",
        "maps": {"team_a": 1, "team_b": 3},
    },
    COUNCIL_PATH: {"status": "certified", "winner": "Ada Lovelace", "turnout_pct": "48.2"},
    # The game never took place: "Postponed" is none of home, draw, away, so the answer rules
    # stake INVALID (SPEC Part III) and the market refunds every trader's net cost.
    POSTPONED_GAME_PATH: {"status": "postponed", "result": "Postponed"},
    ETH_SETTLEMENT_PATH: {"symbol": "ETH-USD", "price": "3028.25"},
}


@dataclass(frozen=True, slots=True)
class TradeStep:
    """One trader's move in a market: add liquidity, buy or sell `amount` fUSD (a sell
    receives exactly that much) of `outcome` (a label, or Short/Long)."""

    trader: int  # index into the devnet's traders
    action: str  # "liquidity" | "buy" | "sell"
    amount: str  # fUSD
    outcome: str = ""


@dataclass(frozen=True, slots=True)
class MarketPlan:
    """A market the devnet opens from a shipped template, the document its source reads, the
    answer the rules read there (a label, a decimal text, or INVALID) and the trades made in
    it before it closes."""

    key: str
    template: str
    settings: Mapping[str, str]
    path: str
    source_path: str
    truth: str
    trades: tuple[TradeStep, ...]
    in_short_run: bool = False


_MARKETS: Final = (
    MarketPlan(
        key="esports-match-winner",
        template="esports-match-winner",
        settings={"match_id": "2001", "team_a": "Falcons", "team_b": "Titans"},
        path=MARKET_MATCH_PATH,
        source_path="winner",
        truth="Falcons",
        trades=(
            TradeStep(0, "liquidity", "10"),
            TradeStep(1, "buy", "8", "Falcons"),
            TradeStep(2, "buy", "6", "Titans"),
            TradeStep(1, "sell", "2", "Falcons"),
        ),
        in_short_run=True,
    ),
    MarketPlan(
        key="esports-map-score",
        template="esports-map-score",
        settings={"match_id": "2001", "team_a": "Falcons", "team_b": "Titans"},
        path=MARKET_MATCH_PATH,
        source_path="maps.team_a",
        truth="3",
        trades=(TradeStep(1, "buy", "5", "Long"), TradeStep(2, "buy", "3", "Short")),
    ),
    MarketPlan(
        key="pulse-politics",
        template="pulse-politics",
        settings={
            "election": "Harbor City council election",
            "election_id": "harbor-city-council",
            "candidate_a": "Ada Lovelace",
            "candidate_b": "Alan Turing",
        },
        path=COUNCIL_PATH,
        source_path="winner",
        truth="Ada Lovelace",
        trades=(TradeStep(2, "buy", "7", "Ada Lovelace"), TradeStep(0, "buy", "4", "Alan Turing")),
    ),
    MarketPlan(
        key="pulse-sports-postponed",
        template="pulse-sports",
        settings={"match_id": "88", "home": "Harbor City", "away": "Ridgeview"},
        path=POSTPONED_GAME_PATH,
        source_path="result",
        truth=INVALID_TEXT,
        trades=(
            TradeStep(0, "liquidity", "10"),
            TradeStep(1, "buy", "6", "Harbor City"),
            TradeStep(2, "buy", "5", "Draw"),
            TradeStep(1, "sell", "2", "Harbor City"),
        ),
        in_short_run=True,
    ),
    MarketPlan(
        key="pulse-crypto-price",
        template="pulse-crypto-price",
        settings={"asset": "ETH", "asset_id": "eth-usd", "lower": "2000", "upper": "4000"},
        path=ETH_SETTLEMENT_PATH,
        source_path="price",
        truth="3028.25",
        trades=(TradeStep(1, "buy", "6", "Long"), TradeStep(0, "buy", "5", "Short")),
    ),
)


@dataclass(frozen=True, slots=True)
class ConditionalPlan:
    """The question the devnet resolves through the ConditionalTokensResolver: a template's
    question asked there instead of in the PredictionMarket. One trader splits fUSD into a
    full set of outcome tokens and sells one outcome's tokens to another for `price` fUSD
    (an over-the-counter trade: ERC-1155 transfer and ERC-20 payment); both redeem through
    ConditionalTokens once Fluxo answers."""

    key: str
    template: str
    settings: Mapping[str, str]
    path: str
    source_path: str
    truth: str
    splitter: int
    buyer: int
    split: str  # fUSD
    sold_outcome: str
    price: str  # fUSD


CONDITIONAL: Final = ConditionalPlan(
    key="ct-esports-match-winner",
    template="esports-match-winner",
    settings={"match_id": "2002", "team_a": "Falcons", "team_b": "Titans"},
    path=CT_MATCH_PATH,
    source_path="winner",
    truth="Titans",
    splitter=0,
    buyer=2,
    split="10",
    sold_outcome="Titans",
    price="4",
)


def market_plans(*, short: bool) -> tuple[MarketPlan, ...]:
    """The markets of a run: a categorical one and the INVALID one when `short`, all five
    otherwise (both Stake.GG-style esports markets and the Pulse-style board)."""
    return tuple(plan for plan in _MARKETS if plan.in_short_run or not short)


def market_documents() -> dict[str, dict[str, Any]]:
    """Every document a market or the conditional question reads, by path (final from the
    start)."""
    return {path: _copy(document) for path, document in _MARKET_DOCUMENTS.items()}


# --- prices --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PriceVenue:
    """One place a price is published: its path and how far it sits from the reference price
    (in basis points), so venues differ a little as real ones do."""

    path: str
    offset_bps: int

    def document(self, reference: Decimal) -> dict[str, str]:
        price = reference * (10_000 + self.offset_bps) / 10_000
        return {"symbol": "ETH-USD", "price": f"{price.quantize(Decimal('0.01'))}"}


@dataclass(frozen=True, slots=True)
class FeedPlan:
    """A PriceFeed the providers report to, from their median over `venues`."""

    name: str
    venues: tuple[PriceVenue, ...]


EXCHANGE_FEED: Final = FeedPlan(
    "ETH / USD (exchanges)",
    (PriceVenue("/prices/exchange-a/eth-usd", 0), PriceVenue("/prices/exchange-b/eth-usd", 4)),
)
POOL_FEED: Final = FeedPlan(
    "ETH / USD (pools)",
    (PriceVenue("/prices/pool-x/eth-usd", -3), PriceVenue("/prices/pool-y/eth-usd", 2)),
)
FEEDS: Final = (EXCHANGE_FEED, POOL_FEED)
# The aggregator over both feeds: the median of independent feeds (an oracle of oracles).
AGGREGATOR_NAME: Final = "ETH / USD"
FEED_DECIMALS: Final = 8
# Providers report a move of 0.5 % or more; the keeper updates the aggregator on 0.5 % too.
DEVIATION_BPS: Final = 50
HEARTBEAT_S: Final = 3_600

# The reference ETH price, step by step: the opening price, then moves well past the
# deviation threshold, so every step is a feed round and an aggregator round.
PRICE_SCHEDULE: Final = (Decimal("3000.00"), Decimal("3090.00"), Decimal("3028.20"))


def price_documents(reference: Decimal) -> dict[str, dict[str, str]]:
    """What every venue publishes while the reference price is `reference`, by path."""
    return {venue.path: venue.document(reference) for feed in FEEDS for venue in feed.venues}


def _copy(document: Mapping[str, Any]) -> dict[str, Any]:
    return {
        key: (_copy(value) if isinstance(value, Mapping) else value)
        for key, value in document.items()
    }
