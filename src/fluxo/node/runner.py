"""The node process: one loop per configured chain, one HTTP server, one state database.

    node = await Node.start(config, signer, logger=logger)   # refuses a wrong chain id
    await node.run(stop_event)                                # until stop_event is set
    await node.close()
    # or: await node.run_once()                               # one pass, for cron and tests

Each chain's turn: reconcile the transaction journal (re-broadcast, bump stuck fees, follow
receipts), poll the Oracle's confirmed logs and record them with the scan cursor in one state
transaction, then let each enabled role act on what it re-reads from the chain. A turn that
loses its RPC backs off (up to `MAX_BACKOFF_S`) and tries again; nothing in a turn crashes the
node. Between turns the loop sleeps `poll_interval_s`, or less when a request settles sooner,
so a stake follows its settlement time within a second.

Stopping (SIGTERM/SIGINT set the event): the current turn finishes its step, nothing new
starts, the HTTP server and the database close. Everything a turn did is already durable, so a
SIGKILL at any point loses nothing either: the next start reconciles and continues.
"""

import asyncio
import dataclasses
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, Protocol

from eth_account.signers.local import LocalAccount
from structlog.typing import FilteringBoundLogger

from fluxo.chain.bindings.oracle import Oracle
from fluxo.exceptions import ChainError, ChainUnavailable, FluxoError
from fluxo.node.chain_context import ChainContext
from fluxo.node.config import ChainSection, NodeConfig
from fluxo.node.feed_signers import ChainFeeds, NodeFeeds
from fluxo.node.health import HealthStatus, health_status
from fluxo.node.http import RunningServer, create_app, start_server
from fluxo.node.keeper import KeeperRole
from fluxo.node.metrics import NodeMetrics
from fluxo.node.observations.store import ObservationStore
from fluxo.node.provider import ProviderRole
from fluxo.node.requests import RequestBook
from fluxo.node.rpc_pool import RpcPool
from fluxo.node.scanner import LogScanner
from fluxo.node.state import NodeState
from fluxo.node.transactions import TxManager, TxSettings
from fluxo.node.validator import ValidatorRole

MAX_BACKOFF_S: Final = 30.0
# The file in the data directory that says where the node's HTTP server listens (with
# `listen = "127.0.0.1:0"` only the node knows its port).
LISTEN_FILE: Final = "http.json"


class Role(Protocol):
    """What the loop asks of a role, once per turn."""

    async def tick(self, now_s: int) -> None: ...

    def next_wake_s(self) -> float | None:
        """The unix time the role next needs a turn at, if sooner than the poll interval."""
        ...

    async def settle(self) -> bool:
        """Wait for the background work started by the last turn; True if there was any (a
        one-shot run then takes one more turn to act on it)."""
        ...

    def close(self) -> None:
        """Stop background work (the node is stopping)."""
        ...


@dataclass
class ChainRunner:
    """One chain's loop and what it drives."""

    context: ChainContext
    scanner: LogScanner
    book: RequestBook
    roles: list[Role]
    last_progress_s: float | None = None
    failures: int = 0
    last_error: str | None = None
    _seen_failovers: int = field(default=0, repr=False)
    _seen_rpc_errors: int = field(default=0, repr=False)

    @property
    def name(self) -> str:
        return self.context.name

    async def turn(self) -> None:
        """One pass over the chain: journal, events, roles."""
        ctx = self.context
        started = time.monotonic()
        await ctx.tx.reconcile()
        result = await self.scanner.poll()
        writes = await self.book.ingest(result.events, result.dropped)
        with ctx.state.transaction():
            for write in writes:
                write()
            self.scanner.commit(result)
        if result.deep_reorg:
            ctx.logger.error("deep_reorg", chain=ctx.name, rewound_to=result.rewound_to)
        elif result.rewound_to is not None:
            ctx.logger.warning(
                "reorg", chain=ctx.name, rewound_to=result.rewound_to, dropped=len(result.dropped)
            )
        if result.cursor is not None and result.caught_up:
            await self.book.note_unconfirmed(result.cursor.number, result.head_block)
        now_s = await self._now_s()
        for role in self.roles:
            await role.tick(now_s)
        cursor = result.cursor
        if cursor is not None:
            ctx.metrics.last_processed_block.labels(chain=ctx.name).set(cursor.number)
            ctx.metrics.head_lag_blocks.labels(chain=ctx.name).set(
                max(result.head_block - cursor.number, 0)
            )
        ctx.metrics.loop_duration_seconds.observe(time.monotonic() - started)
        self.last_progress_s = time.time()
        ctx.metrics.last_loop_progress_timestamp_seconds.set(self.last_progress_s)
        self.failures = 0
        self.last_error = None

    async def _now_s(self) -> int:
        """The time the next block will carry, as far as the node can tell: the head's
        timestamp, or the wall clock when the chain has not produced a block for a while (a
        devnet mines only on demand). A decision that is early by this estimate fails its gas
        estimate and is taken again on a later turn."""
        head_s = await self.context.now_s()
        return max(head_s, int(time.time()))

    def next_wake_s(self) -> float | None:
        wakes = [wake for role in self.roles if (wake := role.next_wake_s()) is not None]
        return min(wakes, default=None)

    def record_rpc_counters(self) -> None:
        pool, metrics = self.context.pool, self.context.metrics
        if pool.failovers > self._seen_failovers:
            metrics.rpc_failovers.labels(chain=self.name).inc(pool.failovers - self._seen_failovers)
            self._seen_failovers = pool.failovers
        if pool.rpc_errors > self._seen_rpc_errors:
            metrics.rpc_errors.labels(endpoint=self.name).inc(
                pool.rpc_errors - self._seen_rpc_errors
            )
            self._seen_rpc_errors = pool.rpc_errors


class Node:
    """A started node; see the module docstring."""

    def __init__(
        self,
        config: NodeConfig,
        state: NodeState,
        chains: Sequence[ChainRunner],
        metrics: NodeMetrics,
        logger: FilteringBoundLogger,
        store: ObservationStore | None = None,
    ) -> None:
        self.config = config
        self.store = store
        self.state = state
        self.chains = list(chains)
        self.metrics = metrics
        self.logger = logger
        self.server: RunningServer | None = None

    @classmethod
    async def start(
        cls,
        config: NodeConfig,
        signer: LocalAccount,
        *,
        logger: FilteringBoundLogger,
        serve_http: bool = True,
    ) -> "Node":
        """Open the state, connect every chain (`WrongChain` if an RPC serves another chain
        id), reconcile the journal, and start the HTTP server."""
        data_dir = config.node.data_dir
        data_dir.mkdir(parents=True, exist_ok=True)
        state = NodeState.open(data_dir)
        metrics = NodeMetrics()
        # One observation store for every chain's feeds: the node has one HTTP address.
        feeds = NodeFeeds()
        store = ObservationStore(feeds, on_stored=feeds.stored)
        chains: list[ChainRunner] = []
        try:
            for section in config.chains:
                chains.append(
                    await _connect(section, config, state, signer, metrics, logger, feeds, store)
                )
            node = cls(config, state, chains, metrics, logger, store if feeds else None)
            if serve_http:
                await node._serve()
        except BaseException:
            for runner in chains:
                await runner.context.pool.close()
            state.close()
            raise
        return node

    async def _serve(self) -> None:
        section = self.config.node
        app = create_app(metrics=self.metrics, health=self.health, store=self.store)
        self.server = await start_server(app, section.listen_host, section.listen_port)
        listen_file = self.config.node.data_dir / LISTEN_FILE
        listen_file.write_text(json.dumps({"url": self.server.url}) + "\n", encoding="utf-8")
        self.logger.info("http_listening", url=self.server.url)

    def health(self) -> HealthStatus:
        """Healthy iff every chain's loop progressed within 3 poll intervals and every chain
        has a healthy RPC endpoint; the body says which chain is behind and why."""
        progress = [runner.last_progress_s for runner in self.chains]
        oldest = None if any(p is None for p in progress) else min(p for p in progress if p)
        reasons = [
            f"{runner.name}: {runner.last_error}" for runner in self.chains if runner.last_error
        ]
        status = health_status(
            oldest,
            time.time(),
            self.config.node.poll_interval_s,
            all(runner.context.pool.healthy for runner in self.chains),
            reasons,
        )
        status.body["chains"] = {
            runner.name: {
                "rpc": _pool_json(runner.context.pool),
                "last_progress_s": runner.last_progress_s,
                "consecutive_failures": runner.failures,
            }
            for runner in self.chains
        }
        return status

    async def run(self, stop: asyncio.Event) -> None:
        """Serve every chain until `stop` is set."""
        await asyncio.gather(*(self._loop(runner, stop) for runner in self.chains))

    async def run_once(self) -> bool:
        """One turn on every chain, and one more where a role had background work (answers
        being fetched) to act on; False if any turn failed."""
        return all(await asyncio.gather(*(self._once(runner) for runner in self.chains)))

    async def _once(self, runner: ChainRunner) -> bool:
        if not await self._guarded_turn(runner):
            return False
        settled = [await role.settle() for role in runner.roles]
        return await self._guarded_turn(runner) if any(settled) else True

    async def close(self) -> None:
        for runner in self.chains:
            for role in runner.roles:
                role.close()
        if self.server is not None:
            await self.server.stop()
            self.server = None
        for runner in self.chains:
            await runner.context.pool.close()
        self.state.close()

    async def _loop(self, runner: ChainRunner, stop: asyncio.Event) -> None:
        poll_s = self.config.node.poll_interval_s
        while not stop.is_set():
            ok = await self._guarded_turn(runner)
            delay_s = poll_s if ok else min(poll_s * 2**runner.failures, MAX_BACKOFF_S)
            wake_s = runner.next_wake_s()
            if ok and wake_s is not None:
                # Wake right at the settlement time (a fraction after: the block must be there).
                delay_s = min(delay_s, max(wake_s - time.time() + 0.05, 0.05))
            await _sleep(delay_s, stop, runner.context.wake)

    async def _guarded_turn(self, runner: ChainRunner) -> bool:
        try:
            await runner.turn()
            return True
        except ChainUnavailable as error:
            return self._failed(runner, error, "rpc_unavailable")
        except ChainError as error:
            return self._failed(runner, error, "chain_error")
        except FluxoError as error:
            return self._failed(runner, error, "turn_failed")
        finally:
            runner.record_rpc_counters()

    def _failed(self, runner: ChainRunner, error: Exception, event: str) -> bool:
        runner.failures += 1
        runner.last_error = str(error)
        self.logger.warning(event, chain=runner.name, error=str(error), failures=runner.failures)
        return False


async def _sleep(delay_s: float, stop: asyncio.Event, wake: asyncio.Event) -> None:
    """Sleep `delay_s`, or less if the node stops or a role's background work finished."""
    waiters = [asyncio.create_task(stop.wait()), asyncio.create_task(wake.wait())]
    try:
        await asyncio.wait(waiters, timeout=delay_s, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()
    wake.clear()


async def _connect(
    section: ChainSection,
    config: NodeConfig,
    state: NodeState,
    signer: LocalAccount,
    metrics: NodeMetrics,
    logger: FilteringBoundLogger,
    feeds: NodeFeeds,
    store: ObservationStore,
) -> ChainRunner:
    pool = RpcPool.of(section)
    try:
        await pool.start()
    except BaseException:
        await pool.close()
        raise
    deployment = section.deployed
    tx = TxManager(pool, state, signer, chain_name=section.name, settings=TxSettings.of(section))
    context = ChainContext(
        section=section,
        deployment=deployment,
        fetch=config.fetch,
        pool=pool,
        state=state,
        tx=tx,
        signer=signer,
        metrics=metrics,
        logger=logger,
    )
    if pool.healthy:
        report = await tx.reconcile()
        logger.info("journal_reconciled", chain=section.name, **dataclasses.asdict(report))
    scanner = LogScanner(
        pool,
        state,
        [Oracle(pool.decoding_client(), deployment.oracle)],
        chain_name=section.name,
        start_block=deployment.start_block,
        confirmations=section.confirmations,
        log_range_blocks=section.log_range_blocks,
    )
    book = RequestBook(context)
    roles: list[Role] = []
    if section.validator.enabled:
        roles.append(ValidatorRole(context, book))
    if section.keeper.enabled:
        # After the validator: a finalize it took this turn is not taken again.
        roles.append(KeeperRole(context, book, retires_requests=not section.validator.enabled))
    if section.provider.enabled:
        chain_feeds = ChainFeeds(
            context, {feed.name: deployment.feed(feed.name) for feed in section.provider.feeds}
        )
        feeds.add(chain_feeds)
        roles.append(
            ProviderRole(context, chain_feeds, store, fetch_interval_s=config.node.poll_interval_s)
        )
    logger.info(
        "chain_connected",
        chain=section.name,
        chain_id=section.chain_id,
        roles=list(section.roles),
        account=signer.address,
        oracle=deployment.oracle,
    )
    return ChainRunner(context, scanner, book, roles)


def _pool_json(pool: RpcPool) -> dict[str, object]:
    status = pool.status()
    return {
        "healthy": status.healthy,
        "active": status.active,
        "failovers": status.failovers,
        "rpc_errors": status.rpc_errors,
        "last_error": status.last_error,
        "endpoints": [
            {
                "label": endpoint.label,
                "healthy": endpoint.healthy,
                "head_block": endpoint.head_block,
                "lag_blocks": endpoint.lag_blocks,
                "last_error": endpoint.last_error,
            }
            for endpoint in status.endpoints
        ],
    }


def listen_url(data_dir: Path) -> str | None:
    """Where the node with `data_dir` serves HTTP, once it started."""
    try:
        return str(json.loads((data_dir / LISTEN_FILE).read_text(encoding="utf-8"))["url"])
    except (OSError, ValueError, KeyError):
        return None
