"""The node's memory: one SQLite database in its data directory, durable before anything is sent.

    state = NodeState.open(config.node.data_dir)        # data_dir/node.sqlite3, migrated
    with state.transaction():                           # one atomic, durable write
        if state.record_decision("devnet", 17, 0, "stake", {"outcome": "0x01"}, tx_key=key):
            ...                                         # decided now, never again
    state.close()

What it keeps (the schema is in `MIGRATIONS`, described in docs/node-internals.md):

* per chain and scanner, the scan cursor (block number and hash) and a window of recent block
  hashes, so a reorg is found by comparing hashes and the affected range is rescanned;
* every event handed to the node, by (chain, block hash, log index), so a replayed event is a
  no-op and a dropped one can be reported with its contents;
* the requests seen, their creation data (JSON) and a status the node's policy sets;
* every decision, unique by (chain, subject, round, action): taken once, whatever happens later;
* every signed transaction (raw bytes, hash, nonce, fees, status, receipt), journaled before it
  is broadcast, and each sender's next nonce.

Durability: WAL journal with `synchronous=FULL`, so a committed write survives a power cut, not
only a crash: a decision must be on disk before its transaction can reach the chain. One
process per data directory (an exclusive lock on `node.lock`): two nodes sharing a journal
would each believe the other's transactions were their own.

Why no thread: every call is one or a few indexed statements on a local file (microseconds,
plus an fsync per commit), the node commits a handful of times per loop turn, and the order of
"journal, then broadcast" is simplest to guarantee when the write has returned before the
`await` that sends. So the one connection is used directly from the event loop. A
`with state.transaction():` block must not contain an `await`: another task could interleave
its writes into it.
"""

import contextlib
import fcntl
import json
import os
import sqlite3
import time
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import IO, Any, Final, Self

from fluxo.exceptions import ConfigError

DATABASE_NAME: Final = "node.sqlite3"
LOCK_NAME: Final = "node.lock"
# SQLite INTEGER is signed 64-bit; request ids and block numbers stay far below this.
_MAX_INTEGER: Final = 2**63 - 1
_TOPIC_BYTES: Final = 32


@dataclass(frozen=True, slots=True)
class Migration:
    """One forward step of the schema; `version` n runs on a database at version n-1."""

    version: int
    description: str
    statements: tuple[str, ...]


MIGRATIONS: Final = (
    Migration(
        1,
        "scan cursors, recent blocks, events seen, requests, decisions, transactions, nonces",
        (
            """CREATE TABLE scan_cursors (
                chain TEXT NOT NULL,
                scanner TEXT NOT NULL,
                block_number INTEGER NOT NULL,
                block_hash BLOB NOT NULL,
                updated_at REAL NOT NULL,
                PRIMARY KEY (chain, scanner)
            ) WITHOUT ROWID""",
            """CREATE TABLE recent_blocks (
                chain TEXT NOT NULL,
                scanner TEXT NOT NULL,
                block_number INTEGER NOT NULL,
                block_hash BLOB NOT NULL,
                PRIMARY KEY (chain, scanner, block_number)
            ) WITHOUT ROWID""",
            """CREATE TABLE events_seen (
                chain TEXT NOT NULL,
                block_hash BLOB NOT NULL,
                log_index INTEGER NOT NULL,
                scanner TEXT NOT NULL,
                block_number INTEGER NOT NULL,
                transaction_hash BLOB NOT NULL,
                address TEXT NOT NULL,
                topics BLOB NOT NULL,
                data BLOB NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('confirmed', 'dropped')),
                seen_at REAL NOT NULL,
                PRIMARY KEY (chain, block_hash, log_index)
            ) WITHOUT ROWID""",
            "CREATE INDEX events_seen_by_block ON events_seen (chain, scanner, block_number)",
            """CREATE TABLE requests (
                chain TEXT NOT NULL,
                request_id INTEGER NOT NULL,
                status TEXT NOT NULL,
                creation TEXT NOT NULL,
                creation_block INTEGER NOT NULL,
                creation_block_hash BLOB NOT NULL,
                first_seen_at REAL NOT NULL,
                updated_at REAL NOT NULL,
                PRIMARY KEY (chain, request_id)
            ) WITHOUT ROWID""",
            "CREATE INDEX requests_by_status ON requests (chain, status)",
            """CREATE TABLE decisions (
                id INTEGER PRIMARY KEY,
                chain TEXT NOT NULL,
                subject TEXT NOT NULL,
                round INTEGER NOT NULL,
                action TEXT NOT NULL,
                detail TEXT NOT NULL,
                tx_key TEXT,
                decided_at REAL NOT NULL,
                UNIQUE (chain, subject, round, action)
            )""",
            """CREATE TABLE transactions (
                id INTEGER PRIMARY KEY,
                chain TEXT NOT NULL,
                sender TEXT NOT NULL,
                key TEXT NOT NULL,
                attempt INTEGER NOT NULL,
                replaces INTEGER REFERENCES transactions (id),
                label TEXT NOT NULL,
                nonce INTEGER NOT NULL,
                tx_hash TEXT NOT NULL,
                raw BLOB NOT NULL,
                to_address TEXT,
                data BLOB NOT NULL,
                value_wei TEXT NOT NULL,
                gas INTEGER NOT NULL,
                max_fee_per_gas_wei INTEGER NOT NULL,
                max_priority_fee_per_gas_wei INTEGER NOT NULL,
                status TEXT NOT NULL CHECK (status IN
                    ('pending', 'mined', 'reverted', 'dropped', 'replaced', 'rejected')),
                created_at REAL NOT NULL,
                broadcast_at REAL,
                updated_at REAL NOT NULL,
                receipt_block INTEGER,
                receipt_block_hash BLOB,
                gas_used INTEGER,
                revert_reason TEXT,
                error TEXT,
                UNIQUE (chain, tx_hash),
                UNIQUE (chain, key, attempt)
            )""",
            "CREATE INDEX transactions_by_status ON transactions (chain, sender, status)",
            """CREATE TABLE nonces (
                chain TEXT NOT NULL,
                sender TEXT NOT NULL,
                next_nonce INTEGER NOT NULL,
                updated_at REAL NOT NULL,
                PRIMARY KEY (chain, sender)
            ) WITHOUT ROWID""",
        ),
    ),
)


class TxStatus(StrEnum):
    """What became of one signed transaction (one attempt of a key)."""

    PENDING = "pending"  # sent or about to be; may be mined
    MINED = "mined"  # mined with status 1
    REVERTED = "reverted"  # mined with status 0
    DROPPED = "dropped"  # its nonce was used by a transaction not in the journal
    REPLACED = "replaced"  # superseded by another attempt of its key (a fee bump)
    REJECTED = "rejected"  # the node refused it: it never entered a pool


@dataclass(frozen=True, slots=True)
class BlockRef:
    """A block by number and hash."""

    number: int
    hash: bytes


@dataclass(frozen=True, slots=True)
class StoredLog:
    """A log the scanner handed out, with what it takes to decode it again."""

    chain: str
    scanner: str
    block_number: int
    block_hash: bytes
    log_index: int
    transaction_hash: bytes
    address: str
    topics: tuple[bytes, ...]
    data: bytes

    def as_log(self) -> dict[str, Any]:
        """The log in the shape `ContractBinding.decode_log` reads."""
        return {
            "address": self.address,
            "topics": list(self.topics),
            "data": self.data,
            "blockNumber": self.block_number,
            "blockHash": self.block_hash,
            "transactionHash": self.transaction_hash,
            "logIndex": self.log_index,
        }


@dataclass(frozen=True, slots=True)
class RequestRecord:
    """A request the node saw created. `creation` is the JSON the caller stored (description,
    sources, outcomes, data type, decimals, tags, settlement time, ...)."""

    chain: str
    request_id: int
    status: str
    creation: Mapping[str, Any]
    creation_block: BlockRef
    first_seen_at: float
    updated_at: float


@dataclass(frozen=True, slots=True)
class DecisionRecord:
    """A decision taken once: what it is about, the round, the action and its details."""

    chain: str
    subject: str
    round: int
    action: str
    detail: Mapping[str, Any]
    tx_key: str | None
    decided_at: float


@dataclass(frozen=True, slots=True)
class TxAttempt:
    """One signed transaction in the journal; the attempts of a key share its nonce."""

    id: int
    chain: str
    sender: str
    key: str
    attempt: int
    replaces: int | None
    label: str
    nonce: int
    tx_hash: str
    raw: bytes
    to: str | None
    data: bytes
    value_wei: int
    gas: int
    max_fee_per_gas_wei: int
    max_priority_fee_per_gas_wei: int
    status: TxStatus
    created_at: float
    broadcast_at: float | None
    updated_at: float
    receipt_block: int | None
    receipt_block_hash: bytes | None
    gas_used: int | None
    revert_reason: str | None
    error: str | None


@dataclass(frozen=True, slots=True)
class NewAttempt:
    """What the transaction manager journals before broadcasting."""

    chain: str
    sender: str
    key: str
    attempt: int
    replaces: int | None
    label: str
    nonce: int
    tx_hash: str
    raw: bytes
    to: str | None
    data: bytes
    value_wei: int
    gas: int
    max_fee_per_gas_wei: int
    max_priority_fee_per_gas_wei: int


class NodeState:
    """The node's SQLite database; one per data directory and process."""

    def __init__(
        self,
        connection: sqlite3.Connection,
        lock: IO[str] | None,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._db = connection
        self._lock = lock
        self._clock = clock
        self._depth = 0

    @classmethod
    def open(
        cls,
        data_dir: Path,
        *,
        migrations: Sequence[Migration] = MIGRATIONS,
        clock: Callable[[], float] = time.time,
    ) -> Self:
        """Open (creating it if needed) `data_dir/node.sqlite3`, lock it for this process and
        migrate it forward. A database newer than `migrations` knows is refused."""
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ConfigError(
                "node.data_dir", str(data_dir), f"cannot create it: {error}"
            ) from None
        lock = _lock(data_dir)
        try:
            connection = sqlite3.connect(
                data_dir / DATABASE_NAME, isolation_level=None, check_same_thread=True
            )
        except sqlite3.Error as error:
            lock.close()
            raise ConfigError("node.data_dir", str(data_dir), f"cannot open: {error}") from None
        state = cls(connection, lock, clock=clock)
        try:
            state._configure()
            state._migrate(migrations)
        except BaseException:
            state.close()
            raise
        return state

    @classmethod
    def open_read_only(
        cls, data_dir: Path, *, migrations: Sequence[Migration] = MIGRATIONS
    ) -> Self:
        """Open `data_dir/node.sqlite3` for reading while its node may be running (no lock,
        no migration); for `fluxo node status`. Refused unless its schema is this fluxo's."""
        path = data_dir / DATABASE_NAME
        if not path.is_file():
            raise ConfigError("node.data_dir", str(data_dir), "no node database there yet")
        try:
            connection = sqlite3.connect(
                f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None
            )
            connection.execute("PRAGMA busy_timeout = 5000")
            version = _schema_version(connection)
        except sqlite3.Error as error:
            raise ConfigError("node.data_dir", str(data_dir), f"cannot read: {error}") from None
        if version != len(migrations):
            connection.close()
            raise ConfigError(
                "node.data_dir",
                str(data_dir),
                f"schema version {version}, this fluxo reads {len(migrations)}",
            )
        return cls(connection, None, clock=time.time)

    def close(self) -> None:
        """Close the database and release the directory. Idempotent."""
        with contextlib.suppress(sqlite3.ProgrammingError):
            self._db.close()
        if self._lock is not None:
            self._lock.close()  # closing the file releases the flock
            self._lock = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc_info: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return _schema_version(self._db)

    def now(self) -> float:
        return self._clock()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """An atomic group of writes, durable when the block exits; nested blocks are savepoints
        (an inner failure caught by the outer block undoes only the inner writes)."""
        depth = self._depth
        self._db.execute("BEGIN IMMEDIATE" if depth == 0 else f"SAVEPOINT level_{depth}")
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth = depth
            if depth == 0:
                self._db.execute("ROLLBACK")
            else:
                self._db.execute(f"ROLLBACK TO level_{depth}")
                self._db.execute(f"RELEASE level_{depth}")
            raise
        self._depth = depth
        self._db.execute("COMMIT" if depth == 0 else f"RELEASE level_{depth}")

    # --- scanning --------------------------------------------------------------------------

    def scan_cursor(self, chain: str, scanner: str) -> BlockRef | None:
        """The last block `scanner` scanned on `chain`, or None before its first commit."""
        row = self._db.execute(
            "SELECT block_number, block_hash FROM scan_cursors WHERE chain = ? AND scanner = ?",
            (chain, scanner),
        ).fetchone()
        return None if row is None else BlockRef(row[0], row[1])

    def set_scan_cursor(self, chain: str, scanner: str, block: BlockRef) -> None:
        with self.transaction():
            self._db.execute(
                """INSERT INTO scan_cursors (chain, scanner, block_number, block_hash, updated_at)
                VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (chain, scanner) DO UPDATE SET block_number = excluded.block_number,
                    block_hash = excluded.block_hash, updated_at = excluded.updated_at""",
                (chain, scanner, _integer(block.number), block.hash, self.now()),
            )

    def forget_scan_cursor(self, chain: str, scanner: str) -> None:
        """Make `scanner` start again from its start block (a reorg rewound past it)."""
        with self.transaction():
            self._db.execute(
                "DELETE FROM scan_cursors WHERE chain = ? AND scanner = ?", (chain, scanner)
            )

    def recent_blocks(self, chain: str, scanner: str) -> list[BlockRef]:
        """The window of recent block hashes `scanner` recorded, lowest first."""
        rows = self._db.execute(
            """SELECT block_number, block_hash FROM recent_blocks
            WHERE chain = ? AND scanner = ? ORDER BY block_number""",
            (chain, scanner),
        ).fetchall()
        return [BlockRef(number, block_hash) for number, block_hash in rows]

    def add_recent_blocks(self, chain: str, scanner: str, blocks: Sequence[BlockRef]) -> None:
        with self.transaction():
            self._db.executemany(
                """INSERT INTO recent_blocks (chain, scanner, block_number, block_hash)
                VALUES (?, ?, ?, ?) ON CONFLICT (chain, scanner, block_number)
                DO UPDATE SET block_hash = excluded.block_hash""",
                [(chain, scanner, _integer(block.number), block.hash) for block in blocks],
            )

    def forget_recent_blocks(
        self, chain: str, scanner: str, *, above: int | None = None, below: int | None = None
    ) -> None:
        """Drop window entries above `above` (a rewind) and/or below `below` (pruning)."""
        with self.transaction():
            if above is not None:
                self._db.execute(
                    """DELETE FROM recent_blocks
                    WHERE chain = ? AND scanner = ? AND block_number > ?""",
                    (chain, scanner, above),
                )
            if below is not None:
                self._db.execute(
                    """DELETE FROM recent_blocks
                    WHERE chain = ? AND scanner = ? AND block_number < ?""",
                    (chain, scanner, below),
                )

    def event_status(self, chain: str, block_hash: bytes, log_index: int) -> str | None:
        """'confirmed' if this log was handed out, 'dropped' if it was and its block was then
        reorged away, None if never seen."""
        row = self._db.execute(
            "SELECT status FROM events_seen WHERE chain = ? AND block_hash = ? AND log_index = ?",
            (chain, block_hash, log_index),
        ).fetchone()
        return None if row is None else str(row[0])

    def record_events(self, logs: Sequence[StoredLog]) -> None:
        """Record logs as handed out (a dropped one seen again on the canonical chain is
        confirmed again)."""
        now = self.now()
        with self.transaction():
            self._db.executemany(
                """INSERT INTO events_seen (chain, block_hash, log_index, scanner, block_number,
                    transaction_hash, address, topics, data, status, seen_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'confirmed', ?)
                ON CONFLICT (chain, block_hash, log_index)
                DO UPDATE SET status = 'confirmed', seen_at = excluded.seen_at""",
                [
                    (
                        log.chain,
                        log.block_hash,
                        log.log_index,
                        log.scanner,
                        _integer(log.block_number),
                        log.transaction_hash,
                        log.address,
                        b"".join(log.topics),
                        log.data,
                        now,
                    )
                    for log in logs
                ],
            )

    def events_above(self, chain: str, scanner: str, block_number: int) -> list[StoredLog]:
        """The confirmed logs of `scanner` above `block_number`, in chain order."""
        rows = self._db.execute(
            """SELECT chain, scanner, block_number, block_hash, log_index, transaction_hash,
                address, topics, data FROM events_seen
            WHERE chain = ? AND scanner = ? AND block_number > ? AND status = 'confirmed'
            ORDER BY block_number, log_index""",
            (chain, scanner, block_number),
        ).fetchall()
        return [_stored_log(row) for row in rows]

    def drop_events_above(self, chain: str, scanner: str, block_number: int) -> list[StoredLog]:
        """Mark every confirmed log of `scanner` above `block_number` dropped; return them in
        chain order."""
        with self.transaction():
            dropped = self.events_above(chain, scanner, block_number)
            self._db.execute(
                """UPDATE events_seen SET status = 'dropped'
                WHERE chain = ? AND scanner = ? AND block_number > ? AND status = 'confirmed'""",
                (chain, scanner, block_number),
            )
        return dropped

    def count_events(self, chain: str, scanner: str, status: str = "confirmed") -> int:
        row = self._db.execute(
            "SELECT count(*) FROM events_seen WHERE chain = ? AND scanner = ? AND status = ?",
            (chain, scanner, status),
        ).fetchone()
        return int(row[0])

    # --- requests --------------------------------------------------------------------------

    def record_request(
        self,
        chain: str,
        request_id: int,
        creation: Mapping[str, Any],
        *,
        block: BlockRef,
        status: str = "open",
    ) -> bool:
        """Remember a request created in `block`; True if it is new (or was recorded from
        another block, which a reorg replaced: its creation data is then overwritten and its
        status kept). Replaying the same creation is a no-op returning False."""
        now = self.now()
        with self.transaction():
            cursor = self._db.execute(
                """INSERT INTO requests (chain, request_id, status, creation, creation_block,
                    creation_block_hash, first_seen_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (chain, request_id) DO UPDATE SET creation = excluded.creation,
                    creation_block = excluded.creation_block,
                    creation_block_hash = excluded.creation_block_hash,
                    updated_at = excluded.updated_at
                WHERE creation_block_hash != excluded.creation_block_hash""",
                (
                    chain,
                    _integer(request_id),
                    status,
                    _json(creation),
                    _integer(block.number),
                    block.hash,
                    now,
                    now,
                ),
            )
        return cursor.rowcount == 1

    def request(self, chain: str, request_id: int) -> RequestRecord | None:
        row = self._db.execute(
            f"SELECT {_REQUEST_COLUMNS} FROM requests WHERE chain = ? AND request_id = ?",
            (chain, _integer(request_id)),
        ).fetchone()
        return None if row is None else _request(row)

    def requests(
        self, chain: str, *, statuses: Collection[str] | None = None
    ) -> list[RequestRecord]:
        """The requests of `chain` (with one of `statuses`, if given), by id."""
        query = f"SELECT {_REQUEST_COLUMNS} FROM requests WHERE chain = ?"
        parameters: list[object] = [chain]
        if statuses is not None:
            query += f" AND status IN ({', '.join('?' * len(statuses))})"
            parameters.extend(statuses)
        rows = self._db.execute(query + " ORDER BY request_id", parameters).fetchall()
        return [_request(row) for row in rows]

    def set_request_status(self, chain: str, request_id: int, status: str) -> None:
        with self.transaction():
            cursor = self._db.execute(
                """UPDATE requests SET status = ?, updated_at = ?
                WHERE chain = ? AND request_id = ?""",
                (status, self.now(), chain, _integer(request_id)),
            )
            if cursor.rowcount != 1:
                raise KeyError(f"no request {request_id} on {chain}")

    def forget_request(self, chain: str, request_id: int) -> bool:
        """Forget a request whose creation was reorged away; its decisions are kept, so a
        request re-created under the same id is never acted on twice."""
        with self.transaction():
            cursor = self._db.execute(
                "DELETE FROM requests WHERE chain = ? AND request_id = ?",
                (chain, _integer(request_id)),
            )
        return cursor.rowcount == 1

    # --- decisions -------------------------------------------------------------------------

    def record_decision(
        self,
        chain: str,
        subject: str | int,
        round: int,
        action: str,
        detail: Mapping[str, Any],
        *,
        tx_key: str | None = None,
    ) -> bool:
        """Record a decision if none exists for (chain, subject, round, action): True if this
        call took it, False if it was already taken (the earlier one stands)."""
        with self.transaction():
            cursor = self._db.execute(
                """INSERT INTO decisions (chain, subject, round, action, detail, tx_key,
                    decided_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (chain, subject, round, action) DO NOTHING""",
                (chain, str(subject), round, action, _json(detail), tx_key, self.now()),
            )
        return cursor.rowcount == 1

    def decision(
        self, chain: str, subject: str | int, round: int, action: str
    ) -> DecisionRecord | None:
        row = self._db.execute(
            f"""SELECT {_DECISION_COLUMNS} FROM decisions
            WHERE chain = ? AND subject = ? AND round = ? AND action = ?""",
            (chain, str(subject), round, action),
        ).fetchone()
        return None if row is None else _decision(row)

    def decisions(self, chain: str, subject: str | int | None = None) -> list[DecisionRecord]:
        """The decisions on `chain` (about `subject`, if given), oldest first."""
        query = f"SELECT {_DECISION_COLUMNS} FROM decisions WHERE chain = ?"
        parameters: list[object] = [chain]
        if subject is not None:
            query += " AND subject = ?"
            parameters.append(str(subject))
        rows = self._db.execute(query + " ORDER BY id", parameters).fetchall()
        return [_decision(row) for row in rows]

    # --- transactions ----------------------------------------------------------------------

    def journal(self, new: NewAttempt) -> TxAttempt:
        """Journal a signed transaction as pending (before it is broadcast) and move the
        sender's next nonce past it, in one durable write."""
        now = self.now()
        with self.transaction():
            cursor = self._db.execute(
                """INSERT INTO transactions (chain, sender, key, attempt, replaces, label, nonce,
                    tx_hash, raw, to_address, data, value_wei, gas, max_fee_per_gas_wei,
                    max_priority_fee_per_gas_wei, status, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)""",
                (
                    new.chain,
                    new.sender,
                    new.key,
                    new.attempt,
                    new.replaces,
                    new.label,
                    _integer(new.nonce),
                    new.tx_hash,
                    new.raw,
                    new.to,
                    new.data,
                    str(new.value_wei),
                    new.gas,
                    _integer(new.max_fee_per_gas_wei),
                    _integer(new.max_priority_fee_per_gas_wei),
                    now,
                    now,
                ),
            )
            self._raise_next_nonce(new.chain, new.sender, new.nonce + 1)
            attempt_id = cursor.lastrowid
        assert attempt_id is not None
        return self.attempt(attempt_id)

    def attempt(self, attempt_id: int) -> TxAttempt:
        row = self._db.execute(
            f"SELECT {_TX_COLUMNS} FROM transactions WHERE id = ?", (attempt_id,)
        ).fetchone()
        if row is None:
            raise KeyError(f"no transaction attempt {attempt_id}")
        return _attempt(row)

    def attempts(self, chain: str, key: str) -> list[TxAttempt]:
        """Every attempt of `key` on `chain`, first first; empty if the key was never sent."""
        rows = self._db.execute(
            f"SELECT {_TX_COLUMNS} FROM transactions WHERE chain = ? AND key = ? ORDER BY attempt",
            (chain, key),
        ).fetchall()
        return [_attempt(row) for row in rows]

    def attempt_by_hash(self, chain: str, tx_hash: str) -> TxAttempt | None:
        row = self._db.execute(
            f"SELECT {_TX_COLUMNS} FROM transactions WHERE chain = ? AND tx_hash = ?",
            (chain, tx_hash),
        ).fetchone()
        return None if row is None else _attempt(row)

    def keys_with_status(
        self, chain: str, sender: str, statuses: Collection[TxStatus]
    ) -> list[str]:
        """The keys of `sender` having an attempt in one of `statuses`, oldest nonce first."""
        rows = self._db.execute(
            f"""SELECT key, min(nonce) FROM transactions
            WHERE chain = ? AND sender = ? AND status IN ({", ".join("?" * len(statuses))})
            GROUP BY key ORDER BY min(nonce), key""",
            (chain, sender, *statuses),
        ).fetchall()
        return [str(row[0]) for row in rows]

    def recent_attempts(self, chain: str, limit: int) -> list[TxAttempt]:
        """The `limit` latest attempts on `chain`, newest first."""
        rows = self._db.execute(
            f"SELECT {_TX_COLUMNS} FROM transactions WHERE chain = ? ORDER BY id DESC LIMIT ?",
            (chain, limit),
        ).fetchall()
        return [_attempt(row) for row in rows]

    def mined_since(self, chain: str, sender: str, block_number: int) -> list[TxAttempt]:
        """Attempts of `sender` recorded as mined (or reverted) in `block_number` or later: the
        ones a reorg could still undo."""
        rows = self._db.execute(
            f"""SELECT {_TX_COLUMNS} FROM transactions
            WHERE chain = ? AND sender = ? AND status IN ('mined', 'reverted')
                AND receipt_block >= ?
            ORDER BY nonce""",
            (chain, sender, block_number),
        ).fetchall()
        return [_attempt(row) for row in rows]

    def mark_broadcast(self, attempt_id: int) -> None:
        """The node accepted the attempt (or already had it)."""
        now = self.now()
        with self.transaction():
            self._db.execute(
                """UPDATE transactions SET broadcast_at = coalesce(broadcast_at, ?),
                    updated_at = ? WHERE id = ?""",
                (now, now, attempt_id),
            )

    def set_attempt_status(
        self, attempt_id: int, status: TxStatus, *, error: str | None = None
    ) -> None:
        """Move an attempt to `status` (clearing any receipt unless it is mined/reverted)."""
        with self.transaction():
            self._db.execute(
                """UPDATE transactions SET status = ?, error = coalesce(?, error), updated_at = ?,
                    receipt_block = CASE WHEN ? THEN receipt_block END,
                    receipt_block_hash = CASE WHEN ? THEN receipt_block_hash END,
                    gas_used = CASE WHEN ? THEN gas_used END
                WHERE id = ?""",
                (
                    status,
                    error,
                    self.now(),
                    *(status in (TxStatus.MINED, TxStatus.REVERTED),) * 3,
                    attempt_id,
                ),
            )

    def record_receipt(
        self,
        attempt_id: int,
        *,
        block: BlockRef,
        gas_used: int,
        revert_reason: str | None,
    ) -> None:
        """The attempt was mined in `block` (reverted if `revert_reason` is not None); every
        other attempt of its key that was still pending is marked replaced, in the same
        write."""
        now = self.now()
        status = TxStatus.MINED if revert_reason is None else TxStatus.REVERTED
        with self.transaction():
            self._db.execute(
                """UPDATE transactions SET status = ?, receipt_block = ?, receipt_block_hash = ?,
                    gas_used = ?, revert_reason = ?, updated_at = ? WHERE id = ?""",
                (status, block.number, block.hash, gas_used, revert_reason, now, attempt_id),
            )
            self._db.execute(
                """UPDATE transactions SET status = 'replaced', updated_at = ?
                WHERE (chain, key) = (SELECT chain, key FROM transactions WHERE id = ?)
                    AND id != ? AND status = 'pending'""",
                (now, attempt_id, attempt_id),
            )

    def tx_counts(self, chain: str) -> dict[TxStatus, int]:
        """How many attempts on `chain` are in each status (for health and metrics)."""
        rows = self._db.execute(
            "SELECT status, count(*) FROM transactions WHERE chain = ? GROUP BY status", (chain,)
        ).fetchall()
        counts = dict.fromkeys(TxStatus, 0)
        counts.update({TxStatus(status): int(count) for status, count in rows})
        return counts

    # --- nonces ----------------------------------------------------------------------------

    def next_nonce(self, chain: str, sender: str) -> int | None:
        """The nonce `sender`'s next transaction must not go below, or None if unknown."""
        row = self._db.execute(
            "SELECT next_nonce FROM nonces WHERE chain = ? AND sender = ?", (chain, sender)
        ).fetchone()
        return None if row is None else int(row[0])

    def set_next_nonce(self, chain: str, sender: str, nonce: int) -> None:
        """Set the floor, never below what the journal holds (a journaled nonce is spent)."""
        with self.transaction():
            journaled = self.highest_journaled_nonce(chain, sender)
            floor = max(nonce, -1 if journaled is None else journaled + 1)
            self._db.execute(
                """INSERT INTO nonces (chain, sender, next_nonce, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (chain, sender) DO UPDATE SET next_nonce = excluded.next_nonce,
                    updated_at = excluded.updated_at""",
                (chain, sender, _integer(floor), self.now()),
            )

    def highest_journaled_nonce(self, chain: str, sender: str) -> int | None:
        """The highest nonce of a journaled attempt the node did not refuse."""
        row = self._db.execute(
            """SELECT max(nonce) FROM transactions
            WHERE chain = ? AND sender = ? AND status != 'rejected'""",
            (chain, sender),
        ).fetchone()
        return None if row[0] is None else int(row[0])

    def _raise_next_nonce(self, chain: str, sender: str, nonce: int) -> None:
        self._db.execute(
            """INSERT INTO nonces (chain, sender, next_nonce, updated_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (chain, sender) DO UPDATE
            SET next_nonce = max(next_nonce, excluded.next_nonce),
                updated_at = excluded.updated_at""",
            (chain, sender, _integer(nonce), self.now()),
        )

    # --- setup -----------------------------------------------------------------------------

    def _configure(self) -> None:
        mode = self._db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise ConfigError("node.data_dir", None, f"SQLite refused WAL mode (got {mode})")
        # FULL: a commit is fsynced before it returns, so a journaled transaction or a taken
        # decision survives a power cut (NORMAL would survive only a process crash).
        self._db.execute("PRAGMA synchronous = FULL")
        self._db.execute("PRAGMA foreign_keys = ON")
        self._db.execute("PRAGMA busy_timeout = 5000")

    def _migrate(self, migrations: Sequence[Migration]) -> None:
        versions = [migration.version for migration in migrations]
        if versions != list(range(1, len(versions) + 1)):
            raise ValueError(f"migrations must be numbered 1, 2, ... in order, got {versions}")
        current = _schema_version(self._db)
        if current > len(migrations):
            raise ConfigError(
                "node.data_dir",
                None,
                f"the database's schema version {current} is newer than this fluxo knows "
                f"({len(migrations)}): run the fluxo version that wrote it, or a newer one",
            )
        if current == 0:
            self._db.execute(
                """CREATE TABLE IF NOT EXISTS schema_version (
                    version INTEGER PRIMARY KEY,
                    description TEXT NOT NULL,
                    applied_at REAL NOT NULL
                )"""
            )
        for migration in migrations[current:]:
            with self.transaction():
                for statement in migration.statements:
                    self._db.execute(statement)
                self._db.execute(
                    """INSERT INTO schema_version (version, description, applied_at)
                    VALUES (?, ?, ?)""",
                    (migration.version, migration.description, self.now()),
                )


# --- rows ------------------------------------------------------------------------------------

_REQUEST_COLUMNS: Final = (
    "chain, request_id, status, creation, creation_block, creation_block_hash, first_seen_at, "
    "updated_at"
)
_DECISION_COLUMNS: Final = "chain, subject, round, action, detail, tx_key, decided_at"
_TX_COLUMNS: Final = (
    "id, chain, sender, key, attempt, replaces, label, nonce, tx_hash, raw, to_address, data, "
    "value_wei, gas, max_fee_per_gas_wei, max_priority_fee_per_gas_wei, status, created_at, "
    "broadcast_at, updated_at, receipt_block, receipt_block_hash, gas_used, revert_reason, error"
)


def _request(row: Sequence[Any]) -> RequestRecord:
    chain, request_id, status, creation, block_number, block_hash, first_seen, updated = row
    return RequestRecord(
        chain,
        request_id,
        status,
        json.loads(creation),
        BlockRef(block_number, block_hash),
        first_seen,
        updated,
    )


def _decision(row: Sequence[Any]) -> DecisionRecord:
    chain, subject, round_, action, detail, tx_key, decided_at = row
    return DecisionRecord(chain, subject, round_, action, json.loads(detail), tx_key, decided_at)


def _attempt(row: Sequence[Any]) -> TxAttempt:
    values = list(row)
    values[12] = int(values[12])  # value_wei is stored as decimal text
    values[16] = TxStatus(values[16])
    return TxAttempt(*values)


def _stored_log(row: Sequence[Any]) -> StoredLog:
    chain, scanner, number, block_hash, log_index, tx_hash, address, topics, data = row
    split = tuple(
        bytes(topics[start : start + _TOPIC_BYTES]) for start in range(0, len(topics), _TOPIC_BYTES)
    )
    return StoredLog(chain, scanner, number, block_hash, log_index, tx_hash, address, split, data)


def _schema_version(db: sqlite3.Connection) -> int:
    exists = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
    ).fetchone()
    if exists is None:
        return 0
    row = db.execute("SELECT max(version) FROM schema_version").fetchone()
    return 0 if row[0] is None else int(row[0])


def _json(value: Mapping[str, Any]) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


def _integer(value: int) -> int:
    if not 0 <= value <= _MAX_INTEGER:
        raise ValueError(f"{value} does not fit the database's 64-bit integers")
    return value


def _lock(data_dir: Path) -> IO[str]:
    """Hold `data_dir/node.lock` exclusively for this process's lifetime (the kernel releases
    it when the process dies, SIGKILL included)."""
    path = data_dir / LOCK_NAME
    handle = path.open("a+", encoding="utf-8")
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip() or "unknown"
        handle.close()
        raise ConfigError(
            "node.data_dir",
            str(data_dir),
            f"in use by another fluxo node (pid {holder}); one node per data directory",
        ) from None
    handle.seek(0)
    handle.truncate()
    handle.write(f"{os.getpid()}\n")
    handle.flush()
    return handle
