"""Confirmed contract events, scanned by `eth_getLogs` over bounded ranges, reorg-aware, each
handed out once.

    scanner = LogScanner(pool, state, [oracle], chain_name="devnet",
                         start_block=deployment.start_block, confirmations=3)
    result = await scanner.poll()          # nothing is persisted yet
    with state.transaction():              # one atomic write:
        for event in result.dropped: ...   #   undo what the dropped events caused
        for event in result.events: ...    #   record what the new ones say
        scanner.commit(result)             #   and move the cursor past them

**Confirmed.** Only blocks at most `head - confirmations` are scanned, so an event is handed out
once it is `confirmations` blocks deep.

**Once.** `commit` records every handed-out log by (chain, block hash, log index) in the
state's events-seen table and moves the cursor, in the caller's SQLite transaction: a poll
whose result was never committed (the node died while acting on it) is simply repeated, and a
log already committed is never returned again. So the caller's effects of an event are exactly
once, provided it records them in the same transaction as `commit`.

**Reorgs.** The cursor is stored with its block hash, together with a window of recent block
hashes (each scanned range's last block and every block that held an event, for
`window_blocks` blocks). Each poll first compares the cursor's hash with the chain's: if they
differ, it finds the highest window block whose hash still matches (a block's hash commits to
all its ancestors, so the matching ones are a prefix, found by binary search), rewinds there,
reports every event committed above it as `dropped` and rescans: the replacement events are
returned as new. A reorg deeper than the window rewinds to the window's bottom and says so
(`deep_reorg`); keep `window_blocks` well above any reorg the chain can have.

**Consistency while scanning.** Each range is read on one endpoint (the end block's hash, the
logs, then the previous range end's hash again): if that hash changed, the chain reorganised
under the scan, and the poll starts over. So a result never mixes two forks.

**Range limits.** Providers cap `eth_getLogs` (by blocks or by results); when one refuses a
range, the scanner halves it (down to one block) and keeps to what was accepted for the rest
of the poll.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from eth_utils.address import to_checksum_address
from web3.types import LogReceipt

from fluxo.chain.binding import ContractBinding, EventLog
from fluxo.chain.client import ChainClient
from fluxo.exceptions import ChainError, ChainUnavailable, TransactionRejected
from fluxo.node.rpc_pool import ChainAccess
from fluxo.node.state import BlockRef, NodeState, StoredLog

DEFAULT_WINDOW_BLOCKS: Final = 256
DEFAULT_MAX_BLOCKS_PER_POLL: Final = 50_000
# How many times a poll starts over when the chain reorganises under it.
_MAX_RESTARTS: Final = 3
# How providers word "this eth_getLogs range is too much" (lowercased substrings).
_RANGE_REFUSALS: Final = (
    "block range",
    "range too large",
    "range is too large",
    "too many blocks",
    "too many results",
    "more than",
    "limit exceeded",
    "exceed",
    "response size",
    "query timeout",
    "max results",
)


@dataclass(frozen=True, slots=True)
class ScanResult:
    """One poll: what to act on and what to undo. Commit it with `LogScanner.commit`."""

    events: tuple[EventLog, ...]
    dropped: tuple[EventLog, ...]
    head_block: int
    # The committed cursor the poll started from, and where the next starts once committed.
    from_cursor: BlockRef | None
    cursor: BlockRef | None
    # Set when a reorg was found: the highest block still on the chain.
    rewound_to: int | None = None
    deep_reorg: bool = False
    caught_up: bool = True
    # What `commit` records: the logs handed out and the block hashes for the window.
    logs: tuple[StoredLog, ...] = field(default=(), repr=False)
    blocks: tuple[BlockRef, ...] = field(default=(), repr=False)


class _ChainMoved(Exception):
    """The chain reorganised while a poll was reading it."""


class LogScanner:
    """The events of `contracts` on one chain, for one named consumer (`name`)."""

    def __init__(
        self,
        chain: ChainAccess,
        state: NodeState,
        contracts: Sequence[ContractBinding],
        *,
        chain_name: str,
        start_block: int,
        confirmations: int,
        log_range_blocks: int = 2_000,
        name: str = "oracle",
        window_blocks: int = DEFAULT_WINDOW_BLOCKS,
        max_blocks_per_poll: int = DEFAULT_MAX_BLOCKS_PER_POLL,
    ) -> None:
        if not contracts:
            raise ValueError("a scanner needs at least one contract")
        if confirmations < 0 or log_range_blocks < 1 or window_blocks < 1:
            raise ValueError("confirmations >= 0, log_range_blocks >= 1, window_blocks >= 1")
        self._chain = chain
        self._state = state
        self._contracts = {contract.address: contract for contract in contracts}
        self._topics = sorted({topic for c in contracts for topic in c.event_topics()})
        self._chain_name = chain_name
        self._name = name
        self._start_block = start_block
        self._confirmations = confirmations
        self._range_blocks = log_range_blocks
        self._window_blocks = window_blocks
        self._max_blocks_per_poll = max(max_blocks_per_poll, 1)
        # The largest range the provider accepted since it last refused one (per poll).
        self._range_ceiling = log_range_blocks
        self._current_range = log_range_blocks

    @property
    def cursor(self) -> BlockRef | None:
        """The last block committed."""
        return self._state.scan_cursor(self._chain_name, self._name)

    async def poll(self) -> ScanResult:
        """The confirmed events since the committed cursor, and the committed events a reorg
        dropped. Nothing is persisted until `commit`."""
        for _ in range(_MAX_RESTARTS):
            try:
                return await self._poll_once()
            except _ChainMoved:
                continue
        # The chain keeps reorganising under the scan: report nothing new this time.
        cursor = self.cursor
        head = await self._chain.run(lambda client: client.block_number())
        return ScanResult((), (), head, cursor, cursor, caught_up=False)

    def commit(self, result: ScanResult) -> None:
        """Record `result` as handed out: events seen, dropped ones marked, window and cursor
        moved. Call it inside the caller's `state.transaction()` that records the effects."""
        chain, name = self._chain_name, self._name
        with self._state.transaction():
            if self._state.scan_cursor(chain, name) != result.from_cursor:
                raise ChainError(f"scan result for {chain}/{name} is stale: poll again")
            if result.rewound_to is not None:
                self._state.drop_events_above(chain, name, result.rewound_to)
                self._state.forget_recent_blocks(chain, name, above=result.rewound_to)
            self._state.record_events(result.logs)
            self._state.add_recent_blocks(chain, name, result.blocks)
            if result.cursor is not None:
                self._state.set_scan_cursor(chain, name, result.cursor)
                self._state.forget_recent_blocks(
                    chain, name, below=result.cursor.number - self._window_blocks
                )
            elif result.rewound_to is not None:
                self._state.forget_scan_cursor(chain, name)

    # --- one poll --------------------------------------------------------------------------

    async def _poll_once(self) -> ScanResult:
        committed = self.cursor
        self._range_ceiling = self._range_blocks
        head = await self._chain.run(lambda client: client.block_number())
        target = head - self._confirmations
        base = committed
        rewound_to: int | None = None
        deep = False
        dropped_logs: list[StoredLog] = []
        if committed is not None and await self._hash_at(committed.number) != committed.hash:
            base, deep = await self._fork_point(committed)
            rewound_to = self._start_block - 1 if base is None else base.number
            dropped_logs = self._state.events_above(self._chain_name, self._name, rewound_to)
        first = self._start_block if base is None else base.number + 1
        end = min(target, first + self._max_blocks_per_poll - 1)
        logs: list[LogReceipt] = []
        blocks: list[BlockRef] = []
        cursor = base
        if end >= first:
            logs, blocks, cursor = await self._scan(base, first, end)
        stored, events = self._new_events(logs)
        return ScanResult(
            events=tuple(events),
            dropped=tuple(self._decode(log.as_log()) for log in dropped_logs),
            head_block=head,
            from_cursor=committed,
            cursor=cursor,
            rewound_to=rewound_to,
            deep_reorg=deep,
            caught_up=end >= target,
            logs=tuple(stored),
            blocks=tuple(blocks) + tuple({BlockRef(s.block_number, s.block_hash) for s in stored}),
        )

    async def _fork_point(self, committed: BlockRef) -> tuple[BlockRef | None, bool]:
        """The highest window block still on the chain (binary search: the matching blocks
        are a prefix), and whether none matched: a reorg deeper than the window, rewound to
        the window's reach (every event committed within it was in a replaced block; older
        ones cannot be checked)."""
        window = self._state.recent_blocks(self._chain_name, self._name)
        low, high = 0, len(window) - 1
        found: BlockRef | None = None
        while low <= high:
            middle = (low + high) // 2
            if await self._hash_at(window[middle].number) == window[middle].hash:
                found, low = window[middle], middle + 1
            else:
                high = middle - 1
        if found is not None:
            return found, False
        bottom = committed.number - self._window_blocks - 1
        if bottom < self._start_block:
            return None, True
        return BlockRef(bottom, await self._hash_at(bottom)), True

    async def _scan(
        self, base: BlockRef | None, first: int, end: int
    ) -> tuple[list[LogReceipt], list[BlockRef], BlockRef]:
        """Logs of blocks `first`..`end` (base is block `first - 1`, or None before the start
        block), range by range; `_ChainMoved` if a verified block changed meanwhile."""
        logs: list[LogReceipt] = []
        ends: list[BlockRef] = []
        known = base
        start = first
        while start <= end:
            stop = min(start + self._current_range - 1, end)
            try:
                stop_hash, chunk, known_hash = await self._read(start, stop, known)
            except ChainError as error:
                if not _refuses_range(error) or stop == start:
                    raise
                self._current_range = max(1, (stop - start + 1) // 2)
                self._range_ceiling = self._current_range
                continue
            if known is not None and known_hash != known.hash:
                raise _ChainMoved
            logs.extend(chunk)
            known = BlockRef(stop, stop_hash)
            ends.append(known)
            start = stop + 1
            self._current_range = min(self._current_range * 2, self._range_ceiling)
        assert known is not None
        if await self._hash_at(known.number) != known.hash:
            raise _ChainMoved
        return logs, ends, known

    async def _read(
        self, start: int, stop: int, known: BlockRef | None
    ) -> tuple[bytes, list[LogReceipt], bytes | None]:
        return await self._chain.run(lambda client: self._read_range(client, start, stop, known))

    async def _read_range(
        self, client: ChainClient, start: int, stop: int, known: BlockRef | None
    ) -> tuple[bytes, list[LogReceipt], bytes | None]:
        # On one endpoint: it has `stop` (its hash is read first), so its logs cover the range.
        stop_hash = _hash(await client.block(stop))
        chunk = await client.get_logs(
            start, stop, addresses=list(self._contracts), topics=self._topics
        )
        known_hash = None if known is None else _hash(await client.block(known.number))
        return stop_hash, chunk, known_hash

    def _new_events(self, logs: Sequence[LogReceipt]) -> tuple[list[StoredLog], list[EventLog]]:
        stored: list[StoredLog] = []
        events: list[EventLog] = []
        ordered = sorted(logs, key=lambda log: (int(log["blockNumber"]), int(log["logIndex"])))
        for log in ordered:
            block_hash, log_index = bytes(log["blockHash"]), int(log["logIndex"])
            if self._state.event_status(self._chain_name, block_hash, log_index) == "confirmed":
                continue  # handed out before (a rescan after a rewind, or a replay)
            event = self._decode(log)
            stored.append(_stored(self._chain_name, self._name, log))
            events.append(event)
        return stored, events

    def _decode(self, log: LogReceipt | dict[str, Any]) -> EventLog:
        contract = self._contracts[to_checksum_address(log["address"])]
        event = contract.decode_log(log)
        if event is None:
            raise ChainError(f"a log of {contract.address} matches none of its events")
        return event

    async def _hash_at(self, number: int) -> bytes:
        return _hash(await self._chain.run(lambda client: client.block(number)))


def _hash(block: dict[str, Any]) -> bytes:
    return bytes(block["hash"])


def _stored(chain: str, scanner: str, log: LogReceipt) -> StoredLog:
    return StoredLog(
        chain=chain,
        scanner=scanner,
        block_number=int(log["blockNumber"]),
        block_hash=bytes(log["blockHash"]),
        log_index=int(log["logIndex"]),
        transaction_hash=bytes(log["transactionHash"]),
        address=to_checksum_address(log["address"]),
        topics=tuple(bytes(topic) for topic in log["topics"]),
        data=bytes(log["data"]),
    )


def _refuses_range(error: ChainError) -> bool:
    if isinstance(error, ChainUnavailable | TransactionRejected):
        return False
    message = str(error).lower()
    return any(needle in message for needle in _RANGE_REFUSALS)
