"""The node's speed, measured on a real `fluxo node run` process against anvil and a loopback
data server: reaction (settlement time → stake broadcast) and scale (a loop over 1 000 open
requests, and the process's memory).

    python -m bench.node     # from the repository root; writes bench/results/node.md

Reaction: requests settle one every `SPACING_S` seconds; the node runs with the default poll
interval (1 s) and learns of each request from its logs as a live node would; each figure is
the journal's `broadcast_at` of the stake transaction minus the request's `settlement_time`.
The chain is anvil mining each transaction at once and a block every second besides, so its
clock follows the wall clock as a live chain's does.

Scale: 1 000 requests settled, each already bonded by the node's own stake (the state a
validator is in for the whole challenge window of every request it tracks), then the loop's
duration from its own histogram over a steady-state window, and the peak RSS (VmHWM) of the
node process. Missed targets are reported, not fatal.
"""

import asyncio
import platform
import statistics
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from fluxo.domain.outcome import OutcomeKind
from fluxo.domain.request_args import RequestArgs, Source
from fluxo.domain.request_builder import build_request
from fluxo.node.state import DATABASE_NAME, NodeState
from fluxo.sdk import Fluxo
from tests.harness.local_chain import TOKEN_WEI, LocalChain
from tests.harness.node_chain import CREATOR, VALIDATORS, NodeChain, deploy_node_chain, live_anvil
from tests.harness.node_process import (
    DataServer,
    NodeProcess,
    node_document,
    validator_document,
    wait_for,
)

RESULTS_PATH: Final = Path(__file__).resolve().parent / "results" / "node.md"
CHAIN_NAME: Final = "devnet"
VALIDATOR: Final = VALIDATORS[0]

REACTION_REQUESTS: Final = 20
SPACING_S: Final = 2
# Time for the node to start and see every request before the first one settles.
LEAD_S: Final = 15
TARGET_REACTION_P50_S: Final = 1.0
TARGET_REACTION_P95_S: Final = 2.0

SCALE_REQUESTS: Final = 1_000
# Turns observed once every request is bonded.
STEADY_WINDOW_S: Final = 20.0
TARGET_LOOP_S: Final = 2.0
TARGET_RSS_MB: Final = 300.0
# Long enough that no window closes during the measurement.
CHALLENGE_PERIOD_S: Final = 3_600


@dataclass(frozen=True)
class Reaction:
    delays_s: list[float]

    @property
    def p50_s(self) -> float:
        return statistics.median(self.delays_s)

    @property
    def p95_s(self) -> float:
        return _percentile(self.delays_s, 95)


@dataclass(frozen=True)
class Scale:
    requests: int
    turns: int
    mean_loop_s: float
    max_loop_bucket_s: float
    rss_mb: float
    first_pass_s: float


def _percentile(values: Sequence[float], percent: int) -> float:
    ordered = sorted(values)
    rank = max(0, -(-len(ordered) * percent // 100) - 1)
    return ordered[rank]


def _request(url: str, settlement_time_s: int, number: int) -> RequestArgs:
    return build_request(
        OutcomeKind.CATEGORICAL,
        challenge_period=CHALLENGE_PERIOD_S,
        description=f"Who wins match {number}?",
        sources=[Source(url, "$.winner")],
        outcomes=["Blue", "Red"],
        settlement_time=settlement_time_s,
    )


async def _create(node_chain: NodeChain, requests: Sequence[RequestArgs]) -> list[int]:
    async with await Fluxo.connect(node_chain.chain.url, deployment=node_chain.deployment) as fx:
        return [(await fx.requests.create(CREATOR, args)).request_id for args in requests]


def _validator_node(
    directory: Path, node_chain: NodeChain, *, poll_interval_s: float, max_exposure_flx: str
) -> dict[str, Any]:
    document = node_document(
        data_dir=directory / "data",
        rpc_urls=[node_chain.chain.url],
        deployment=node_chain.path,
        poll_interval_s=poll_interval_s,
    )
    document["fetch"]["repeats"] = 1
    return validator_document(document, max_stake_flx="100", max_exposure_flx=max_exposure_flx)


def _stake_broadcasts(node: NodeProcess) -> dict[int, float]:
    """request id → when its round-0 stake was broadcast, from the node's journal."""
    if not (node.data_dir / DATABASE_NAME).is_file():
        return {}
    state = NodeState.open_read_only(node.data_dir)
    try:
        broadcast: dict[int, float] = {}
        for decision in state.decisions(CHAIN_NAME):
            if (
                decision.round != 0
                or not decision.action.startswith("stake")
                or not decision.tx_key
            ):
                continue
            attempts = state.attempts(CHAIN_NAME, f"{CHAIN_NAME}:{decision.tx_key}")
            first = min((a.broadcast_at for a in attempts if a.broadcast_at), default=None)
            if first is not None:
                broadcast[int(decision.subject)] = first
        return broadcast
    finally:
        state.close()


def measure_reaction(directory: Path) -> Reaction:
    with live_anvil() as anvil, DataServer() as data:
        node_chain = deploy_node_chain(LocalChain(anvil), directory, validators=[VALIDATOR])
        data.put("/final", {"winner": "Blue"})
        document = _validator_node(
            directory / "reaction", node_chain, poll_interval_s=1.0, max_exposure_flx="10000"
        )
        with NodeProcess.running(directory / "reaction", VALIDATOR.key.hex(), document) as node:
            node.wait_healthy()
            first_s = int(time.time()) + LEAD_S
            settlements = [first_s + i * SPACING_S for i in range(REACTION_REQUESTS)]
            ids = asyncio.run(
                _create(
                    node_chain,
                    [_request(data.url("/final"), s, i) for i, s in enumerate(settlements)],
                )
            )
            if time.time() > first_s - 2:
                raise SystemExit("creating the requests took longer than LEAD_S: raise it")
            wait_for(
                lambda: len(_stake_broadcasts(node)) >= len(ids) or None,
                timeout_s=LEAD_S + SPACING_S * REACTION_REQUESTS + 30,
                what="every stake broadcast",
            )
            broadcast = _stake_broadcasts(node)
            for event in node.events("action_not_sent"):
                print(f"  not sent: request {event.get('request_id')}: {event.get('reason')}")
    return Reaction(
        [broadcast[rid] - settled for rid, settled in zip(ids, settlements, strict=True)]
    )


def _histogram(node: NodeProcess) -> tuple[float, float, dict[float, float]]:
    """(count, sum, cumulative bucket counts) of the loop duration histogram."""
    count = total = 0.0
    buckets: dict[float, float] = {}
    for line in node.metrics_text().splitlines():
        if line.startswith("fluxo_node_loop_duration_seconds_count"):
            count = float(line.split()[-1])
        elif line.startswith("fluxo_node_loop_duration_seconds_sum"):
            total = float(line.split()[-1])
        elif line.startswith("fluxo_node_loop_duration_seconds_bucket"):
            bound = line.split('le="', 1)[1].split('"', 1)[0]
            buckets[float(bound)] = float(line.split()[-1])
    return count, total, buckets


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc status")


def measure_scale(directory: Path) -> Scale:
    stake_flx_wei = 100 * TOKEN_WEI * SCALE_REQUESTS
    with live_anvil() as anvil, DataServer() as data:
        node_chain = deploy_node_chain(
            LocalChain(anvil),
            directory,
            validators=[VALIDATOR],
            validator_flx_wei=stake_flx_wei,
            creator_payment_wei=10 * TOKEN_WEI * SCALE_REQUESTS,
        )
        data.put("/final", {"winner": "Blue"})
        settled_s = int(time.time()) - 1
        requests = [_request(data.url("/final"), settled_s, i) for i in range(SCALE_REQUESTS)]
        asyncio.run(_create(node_chain, requests))
        document = _validator_node(
            directory / "scale",
            node_chain,
            poll_interval_s=1.0,
            max_exposure_flx=str(stake_flx_wei // TOKEN_WEI),
        )
        with NodeProcess.running(directory / "scale", VALIDATOR.key.hex(), document) as node:
            started = time.monotonic()
            wait_for(
                lambda: len(_stake_broadcasts(node)) >= SCALE_REQUESTS or None,
                timeout_s=900,
                what="a stake on every request",
                interval_s=1.0,
            )
            first_pass_s = time.monotonic() - started
            # One more turn after the last stake, so the window sees only steady turns.
            time.sleep(3)
            count_0, sum_0, buckets_0 = _histogram(node)
            time.sleep(STEADY_WINDOW_S)
            count_1, sum_1, buckets_1 = _histogram(node)
            assert node.process is not None
            rss_mb = _rss_mb(node.process.pid)
    turns = int(count_1 - count_0)
    if turns == 0:
        raise SystemExit("no turn completed in the steady window")
    # The smallest bucket holding every turn of the window bounds its slowest turn.
    slowest = min(
        bound for bound in buckets_1 if buckets_1[bound] - buckets_0.get(bound, 0.0) >= turns
    )
    return Scale(SCALE_REQUESTS, turns, (sum_1 - sum_0) / turns, slowest, rss_mb, first_pass_s)


def _verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def _row(label: str, measured: str, target: str, ok: bool) -> str:
    return f"| {label} | {measured} | {target} | {_verdict(ok)} |"


def render(reaction: Reaction, scale: Scale) -> str:
    p50, p95 = reaction.p50_s, reaction.p95_s
    return f"""# The node (a real `fluxo node run` process)

Generated by `python -m bench.node` on {datetime.now(UTC):%Y-%m-%d}. Anvil mines each
transaction at once and a block every second (its clock follows the wall clock); sources are a
loopback data server; the node uses the default poll interval (1 s) and `fetch.repeats = 1`.

## Reaction: settlement time → stake broadcast

{len(reaction.delays_s)} categorical requests settling {SPACING_S} s apart; each figure is the
journal's `broadcast_at` of the round-0 stake minus the request's `settlement_time`.

| | measured | target | |
|---|---:|---:|---|
| p50 | {p50:.2f} s | ≤ {TARGET_REACTION_P50_S:.0f} s | {_verdict(p50 <= TARGET_REACTION_P50_S)} |
| p95 | {p95:.2f} s | ≤ {TARGET_REACTION_P95_S:.0f} s | {_verdict(p95 <= TARGET_REACTION_P95_S)} |
| max | {max(reaction.delays_s):.2f} s | | |

The loop sleeps until the earliest settlement time of a request it has not answered (not a
whole poll interval), fetches the answer beside the loop (its end wakes the loop), and a stake
refused because the block of the settlement time is not mined yet is tried again 0.25 s later.

## Scale: {scale.requests} open requests

Every request settled and bonded by the node's own stake, each window open for an hour. Every
turn decides on all of them; it reads a request's state from the chain again only when an event
about it, the node's own transaction or a 60–120 s refresh says it may have changed
(docs/node-internals.md), so a steady turn costs a handful of reads, not thousands.

| | measured | target | |
|---|---:|---:|---|
{
        _row(
            f"loop, mean over {scale.turns} steady turns",
            f"{scale.mean_loop_s:.2f} s",
            f"≤ {TARGET_LOOP_S:.0f} s",
            scale.mean_loop_s <= TARGET_LOOP_S,
        )
    }
{
        _row(
            "loop, slowest turn (histogram bucket bound)",
            f"≤ {scale.max_loop_bucket_s:g} s",
            f"≤ {TARGET_LOOP_S:.0f} s",
            scale.max_loop_bucket_s <= TARGET_LOOP_S,
        )
    }
{
        _row(
            "peak RSS of the node process",
            f"{scale.rss_mb:.0f} MB",
            f"≤ {TARGET_RSS_MB:.0f} MB",
            scale.rss_mb <= TARGET_RSS_MB,
        )
    }
| start → a stake on all {scale.requests} | {scale.first_pass_s:.0f} s | | |

Environment: {platform.system()} {platform.machine()}, Python {platform.python_version()}, the
benchmark and anvil on the same 2-core machine as the node (other work may share it: the
figures are what the machine gave at the time, see the date).
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        reaction = measure_reaction(Path(tmp) / "r")
        print(f"reaction p50 {reaction.p50_s:.2f} s, p95 {reaction.p95_s:.2f} s")
        scale = measure_scale(Path(tmp) / "s")
        print(
            f"loop mean {scale.mean_loop_s:.2f} s over {scale.turns} turns, {scale.rss_mb:.0f} MB"
        )
    RESULTS_PATH.write_text(render(reaction, scale), encoding="utf-8")
    print(f"wrote {RESULTS_PATH}")


if __name__ == "__main__":
    main()
