"""The devnet's sample world: the documents its data server serves, the questions asked about
them, and the price schedule the providers follow. Pure data, the same on every run.

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
