"""When a request's view must be read from the chain again (pure).

The Oracle's views of a request change only through transactions about it, and every such
transaction logs an event naming the request; time alone changes nothing, except that while
the Oracle is paused a round's reported end moves with the clock. So a node keeps the view it
read and reads again only when something may have changed it.
"""

from dataclasses import dataclass

from fluxo.node.policy.request_view import RequestView


@dataclass(frozen=True, slots=True)
class ViewRead:
    """A request's view as last read from the chain, and what it was read against.

    `generation` is the request book's event generation at the read: events of that
    generation or older are in the view. `refresh_at_s` is the monotonic time after which the
    view is read again anyway (a safety net against an event the node never saw).
    """

    view: RequestView
    generation: int
    paused: bool
    staked_pairs: frozenset[tuple[int, bytes]]
    refresh_at_s: float

    def stale(
        self,
        changed_at: int,
        paused: bool,
        staked_pairs: set[tuple[int, bytes]] | frozenset[tuple[int, bytes]],
        *,
        dirty: bool,
        now_s: float,
    ) -> bool:
        """Whether the chain may say something else now: an event about the request after the
        read (`changed_at`, its generation), a transaction the node sent for it (`dirty`), a
        stake it recorded since, the Oracle paused now or at the read, or the refresh time."""
        return (
            dirty
            or paused
            or self.paused
            or changed_at > self.generation
            or staked_pairs != self.staked_pairs
            or now_s >= self.refresh_at_s
        )
