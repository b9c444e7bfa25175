"""The node's metrics: their own registry, every series in the text format, bounded labels."""

from prometheus_client import REGISTRY

from fluxo.node.metrics import CONTENT_TYPE, OTHER_HOST, NodeMetrics

SERIES = [
    "fluxo_node_stakes_total",
    "fluxo_node_staked_wei_total",
    "fluxo_node_disputes_total",
    "fluxo_node_would_disputes_total",
    "fluxo_node_claims_total",
    "fluxo_node_rewards_wei_total",
    "fluxo_node_slashes_total",
    "fluxo_node_slashed_wei_total",
    "fluxo_node_unstakes_total",
    "fluxo_node_finalizations_total",
    "fluxo_node_exposure_wei",
    "fluxo_node_escalated_requests",
    "fluxo_node_source_failures_total",
    "fluxo_node_observations_received_total",
    "fluxo_node_observation_pushes_total",
    "fluxo_node_reports_transmitted_total",
    "fluxo_node_rpc_errors_total",
    "fluxo_node_rpc_failovers_total",
    "fluxo_node_transactions_total",
    "fluxo_node_last_processed_block",
    "fluxo_node_head_lag_blocks",
    "fluxo_node_loop_duration_seconds_bucket",
    "fluxo_node_last_loop_progress_timestamp_seconds",
]


def _touch_every_metric(metrics: NodeMetrics) -> None:
    chain = {"chain": "devnet"}
    for counter in (
        metrics.stakes,
        metrics.disputes,
        metrics.would_disputes,
        metrics.claims,
        metrics.slashes,
        metrics.unstakes,
        metrics.finalizations,
        metrics.rpc_failovers,
    ):
        counter.labels(**chain).inc()
    metrics.staked_wei.labels(**chain).inc(200)
    metrics.rewards_wei.labels(**chain).inc(40)
    metrics.slashed_wei.labels(**chain).inc(300)
    metrics.exposure_wei.labels(**chain).set(500)
    metrics.escalated_requests.labels(**chain).set(1)
    metrics.source_failure("api.exchange.example")
    metrics.observations_received.labels(result="stored").inc()
    metrics.observation_pushes.labels(peer="http://127.0.0.1:1", result="accepted").inc()
    metrics.reports_transmitted.labels(chain="devnet", feed="ETH / USD").inc()
    metrics.rpc_errors.labels(endpoint="http://127.0.0.1:8545").inc()
    metrics.transactions.labels(chain="devnet", status="confirmed").inc()
    metrics.last_processed_block.labels(**chain).set(1_234)
    metrics.head_lag_blocks.labels(**chain).set(3)
    metrics.loop_duration_seconds.observe(0.2)
    metrics.last_loop_progress_timestamp_seconds.set(1_700_000_000)


def test_render__every_metric_used__every_series_in_the_text() -> None:
    metrics = NodeMetrics()
    _touch_every_metric(metrics)

    text = metrics.render().decode()

    for series in SERIES:
        assert f"\n{series}" in text, series
    assert 'fluxo_node_last_processed_block{chain="devnet"} 1234.0' in text
    assert 'fluxo_node_source_failures_total{host="api.exchange.example"} 1.0' in text
    assert CONTENT_TYPE.startswith("text/plain")


def test_node_metrics__two_instances__separate_registries_not_the_global_one() -> None:
    first, second = NodeMetrics(), NodeMetrics()
    first.stakes.labels(chain="devnet").inc()

    assert 'fluxo_node_stakes_total{chain="devnet"} 1.0' in first.render().decode()
    assert 'fluxo_node_stakes_total{chain="devnet"}' not in second.render().decode()
    assert REGISTRY.get_sample_value("fluxo_node_stakes_total", {"chain": "devnet"}) is None


def test_source_failure__more_hosts_than_the_cap__rest_counted_as_other() -> None:
    metrics = NodeMetrics(max_source_hosts=2)

    for host in ("a.example", "B.example", "c.example", "d.example", "a.example"):
        metrics.source_failure(host)

    text = metrics.render().decode()
    assert 'fluxo_node_source_failures_total{host="a.example"} 2.0' in text
    assert 'fluxo_node_source_failures_total{host="b.example"} 1.0' in text
    assert f'fluxo_node_source_failures_total{{host="{OTHER_HOST}"}} 2.0' in text
    assert "c.example" not in text
