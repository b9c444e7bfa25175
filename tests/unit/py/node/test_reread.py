"""When the validator reads a request's view again: one row per reason, and the one case where
it keeps the view it has."""

from dataclasses import dataclass, field

import pytest

from fluxo.domain.outcome import OutcomeKind, categorical
from fluxo.node.policy.request_view import RequestView, RoundView
from fluxo.node.policy.reread import ViewRead

PAIR = (0, categorical(1))
READ = ViewRead(
    view=RequestView(7, OutcomeKind.CATEGORICAL, 1_000, (RoundView(100, 1_000, 0),)),
    generation=5,
    paused=False,
    staked_pairs=frozenset({PAIR}),
    refresh_at_s=100.0,
)


@dataclass(frozen=True)
class Row:
    name: str
    stale: bool
    changed_at: int = 5
    paused: bool = False
    staked_pairs: frozenset[tuple[int, bytes]] = field(default_factory=lambda: frozenset({PAIR}))
    dirty: bool = False
    now_s: float = 50.0
    read: ViewRead = READ


ROWS = [
    Row("only older events: kept", stale=False, changed_at=3),
    Row("an event of the read's generation: already in the view", stale=False, changed_at=5),
    Row("an event after the read", stale=True, changed_at=6),
    Row("the node sent a transaction for it", stale=True, dirty=True),
    Row("a stake recorded since", stale=True, staked_pairs=frozenset({PAIR, (1, PAIR[1])})),
    Row("the Oracle is paused now (round ends move)", stale=True, paused=True),
    Row(
        "read while paused, unpaused now",
        stale=True,
        read=ViewRead(READ.view, 5, True, READ.staked_pairs, 100.0),
    ),
    Row("refresh time reached", stale=True, now_s=100.0),
    Row("just before the refresh time", stale=False, now_s=99.9),
]


@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
def test_stale__situation__read_again_or_kept(row: Row) -> None:
    assert (
        row.read.stale(
            row.changed_at, row.paused, row.staked_pairs, dirty=row.dirty, now_s=row.now_s
        )
        is row.stale
    )
