"""The node's Prometheus metrics, in a registry of its own.

    metrics = NodeMetrics()
    metrics.stakes.labels(chain="devnet").inc()
    metrics.source_failure("api.exchange.example")
    body = metrics.render()            # what GET /metrics serves, with CONTENT_TYPE

Every series is named `fluxo_node_*` and carries its unit (`_wei`, `_seconds`, `_blocks`;
counters end in `_total`). The registry is the object's own, never prometheus-client's global
one: two nodes in one process (tests, a devnet) do not share counters, and nothing is
registered at import time.

Labels come only from the node's config (chain names, RPC endpoints, peers, feeds) or small
fixed sets (results, statuses), except source hosts: those come from requests on chain, so
anyone can invent them. At most `max_source_hosts` distinct hosts get their own series; the
rest are counted under `other`, so a requester cannot blow up the node's memory or its
Prometheus with fresh host names.
"""

from typing import Final

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

CONTENT_TYPE: Final = CONTENT_TYPE_LATEST
OTHER_HOST: Final = "other"
DEFAULT_MAX_SOURCE_HOSTS: Final = 200

# A loop turn is a few reads and decisions (milliseconds) unless fetches or RPC retries stall
# it (seconds to a minute).
_LOOP_BUCKETS_S: Final = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0)


class NodeMetrics:
    """Every metric the node exports, registered in `self.registry`."""

    def __init__(self, *, max_source_hosts: int = DEFAULT_MAX_SOURCE_HOSTS) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self._max_source_hosts = max_source_hosts
        self._source_hosts: set[str] = set()
        registry = self.registry

        # Validator: what the node did with its FLX.
        self.stakes = Counter(
            "fluxo_node_stakes", "Stakes sent (round 0)", ["chain"], registry=registry
        )
        self.staked_wei = Counter(
            "fluxo_node_staked_wei", "FLX wei staked or disputed", ["chain"], registry=registry
        )
        self.disputes = Counter(
            "fluxo_node_disputes", "Disputes sent (round >= 1)", ["chain"], registry=registry
        )
        self.would_disputes = Counter(
            "fluxo_node_would_disputes",
            "Disputes not sent because a limit stopped them",
            ["chain"],
            registry=registry,
        )
        self.claims = Counter("fluxo_node_claims", "Claims sent", ["chain"], registry=registry)
        self.rewards_wei = Counter(
            "fluxo_node_rewards_wei",
            "Stake-token wei claimed beyond the node's own correct stakes",
            ["chain"],
            registry=registry,
        )
        self.slashes = Counter(
            "fluxo_node_slashes",
            "Stakes of the node on a bonded outcome that lost",
            ["chain"],
            registry=registry,
        )
        self.slashed_wei = Counter(
            "fluxo_node_slashed_wei", "FLX wei the node lost", ["chain"], registry=registry
        )
        self.unstakes = Counter(
            "fluxo_node_unstakes", "Unstakes sent", ["chain"], registry=registry
        )
        self.finalizations = Counter(
            "fluxo_node_finalizations", "Finalize calls sent", ["chain"], registry=registry
        )
        self.exposure_wei = Gauge(
            "fluxo_node_exposure_wei",
            "FLX wei at stake on open requests",
            ["chain"],
            registry=registry,
        )
        self.escalated_requests = Gauge(
            "fluxo_node_escalated_requests",
            "Requests the node staked on that wait for the arbitrator",
            ["chain"],
            registry=registry,
        )

        # Answering and feeds.
        self.source_failures = Counter(
            "fluxo_node_source_failures",
            f"Failed source fetches by host (at most {max_source_hosts} hosts, then 'other')",
            ["host"],
            registry=registry,
        )
        self.observations_received = Counter(
            "fluxo_node_observations_received",
            "Observations posted by peers, by what the store did with them",
            ["result"],
            registry=registry,
        )
        self.observation_pushes = Counter(
            "fluxo_node_observation_pushes",
            "Own observations pushed to peers, by peer and result",
            ["peer", "result"],
            registry=registry,
        )
        self.reports_transmitted = Counter(
            "fluxo_node_reports_transmitted",
            "Feed reports whose transmission was confirmed by a receipt",
            ["chain", "feed"],
            registry=registry,
        )
        self.observations_signed = Counter(
            "fluxo_node_observations_signed",
            "Own observations signed (a round's first, or a fresh one replacing it)",
            ["chain", "feed"],
            registry=registry,
        )
        self.transmit_gas = Counter(
            "fluxo_node_transmit_gas",
            "Gas used by the node's mined feed transmissions (a FeedHub batch counts once)",
            ["chain"],
            registry=registry,
        )

        # Keeper: chores anyone may do, for gas and no reward.
        self.aggregator_updates = Counter(
            "fluxo_node_aggregator_updates",
            "Aggregator updates confirmed by a receipt, by why they were sent",
            ["chain", "aggregator", "reason"],
            registry=registry,
        )
        self.aggregator_update_gas = Counter(
            "fluxo_node_aggregator_update_gas",
            "Gas used by the confirmed aggregator updates",
            ["chain", "aggregator"],
            registry=registry,
        )

        # Chain access and transactions.
        self.rpc_errors = Counter(
            "fluxo_node_rpc_errors", "Failed RPC requests", ["endpoint"], registry=registry
        )
        self.rpc_failovers = Counter(
            "fluxo_node_rpc_failovers",
            "Switches to another RPC endpoint",
            ["chain"],
            registry=registry,
        )
        self.transactions = Counter(
            "fluxo_node_transactions",
            "Transactions by final status (confirmed, reverted, replaced, dropped, ...)",
            ["chain", "status"],
            registry=registry,
        )
        self.last_processed_block = Gauge(
            "fluxo_node_last_processed_block",
            "The highest block whose events the node processed",
            ["chain"],
            registry=registry,
        )
        self.head_lag_blocks = Gauge(
            "fluxo_node_head_lag_blocks",
            "Blocks between the chain head and the last processed block",
            ["chain"],
            registry=registry,
        )

        # The loop.
        self.loop_duration_seconds = Histogram(
            "fluxo_node_loop_duration_seconds",
            "Time one turn of the main loop took",
            buckets=_LOOP_BUCKETS_S,
            registry=registry,
        )
        self.last_loop_progress_timestamp_seconds = Gauge(
            "fluxo_node_last_loop_progress_timestamp_seconds",
            "Unix time the main loop last completed a turn",
            registry=registry,
        )

    def source_failure(self, host: str) -> None:
        """Count a failed fetch from `host`, under `other` once the host budget is spent."""
        label = host.lower()
        if label not in self._source_hosts:
            if len(self._source_hosts) >= self._max_source_hosts:
                label = OTHER_HOST
            else:
                self._source_hosts.add(label)
        self.source_failures.labels(host=label).inc()

    def render(self) -> bytes:
        """Every series in Prometheus' text format (serve it with `CONTENT_TYPE`)."""
        return generate_latest(self.registry)
