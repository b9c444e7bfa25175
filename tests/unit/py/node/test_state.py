"""NodeState on a temporary directory: durable writes, idempotent records, the transaction journal,
nonces, reopening, locking and forward migrations."""

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Final

import pytest

from fluxo.exceptions import ConfigError
from fluxo.node.state import (
    DATABASE_NAME,
    MIGRATIONS,
    BlockRef,
    Migration,
    NewAttempt,
    NodeState,
    StoredLog,
    TxStatus,
)

CHAIN: Final = "devnet"
SCANNER: Final = "oracle"
SENDER: Final = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"
CREATION: Final = {"description": "Will it rain?", "outcomes": ["No", "Yes"], "settlement_time": 7}


def _block(number: int, salt: int = 0) -> BlockRef:
    return BlockRef(number, bytes([salt]) * 31 + bytes([number % 256]))


def _log(number: int, log_index: int = 0, salt: int = 0) -> StoredLog:
    return StoredLog(
        CHAIN,
        SCANNER,
        number,
        _block(number, salt).hash,
        log_index,
        b"\x11" * 32,
        "0x5FbDB2315678afecb367f032d93F642f64180aa3",
        (b"\x01" * 32, b"\x02" * 32),
        b"payload",
    )


def _attempt(
    key: str = "stake:1:0", nonce: int = 0, attempt: int = 0, **changes: object
) -> NewAttempt:
    values: dict[str, object] = {
        "chain": CHAIN,
        "sender": SENDER,
        "key": key,
        "attempt": attempt,
        "replaces": None,
        "label": "stake",
        "nonce": nonce,
        "tx_hash": f"0x{key.encode().hex():0<62}{attempt:02x}",
        "raw": b"\x02signed",
        "to": "0x5FbDB2315678afecb367f032d93F642f64180aa3",
        "data": b"\xaa\xbb",
        "value_wei": 0,
        "gas": 100_000,
        "max_fee_per_gas_wei": 2_000_000_000,
        "max_priority_fee_per_gas_wei": 1_000_000_000,
    }
    values.update(changes)
    return NewAttempt(**values)  # type: ignore[arg-type]


@pytest.fixture
def state(tmp_path: Path) -> Iterator[NodeState]:
    with NodeState.open(tmp_path) as opened:
        yield opened


# --- opening ---------------------------------------------------------------------------------


def test_open__empty_directory__database_at_latest_version_in_wal_mode(tmp_path: Path) -> None:
    with NodeState.open(tmp_path / "fresh") as state:
        assert state.schema_version == len(MIGRATIONS)

    connection = sqlite3.connect(tmp_path / "fresh" / DATABASE_NAME)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    connection.close()


def test_open__reopened_after_close__everything_still_there(tmp_path: Path) -> None:
    with NodeState.open(tmp_path) as state:
        state.set_scan_cursor(CHAIN, SCANNER, _block(9))
        state.record_decision(CHAIN, 1, 0, "stake", {"amount": "5"})
        state.journal(_attempt())

    with NodeState.open(tmp_path) as reopened:
        assert reopened.scan_cursor(CHAIN, SCANNER) == _block(9)
        assert reopened.decision(CHAIN, 1, 0, "stake") is not None
        assert [a.status for a in reopened.attempts(CHAIN, "stake:1:0")] == [TxStatus.PENDING]
        assert reopened.schema_version == len(MIGRATIONS)


def test_open__directory_held_by_another_node__refused_naming_it(
    tmp_path: Path, state: NodeState
) -> None:
    with pytest.raises(ConfigError, match="in use by another fluxo node") as caught:
        NodeState.open(tmp_path)

    assert caught.value.key == "node.data_dir"


def test_open__after_the_holder_closed__allowed(tmp_path: Path) -> None:
    NodeState.open(tmp_path).close()

    NodeState.open(tmp_path).close()


# --- migrations ------------------------------------------------------------------------------

OLD: Final = (Migration(1, "notes", ("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)",)),)
NEW: Final = (
    *OLD,
    Migration(
        2, "notes get a author", ("ALTER TABLE notes ADD COLUMN author TEXT DEFAULT 'node'",)
    ),
)


def test_open__older_schema__migrated_forward_keeping_rows(tmp_path: Path) -> None:
    with NodeState.open(tmp_path, migrations=OLD) as old:
        assert old.schema_version == 1
        old._db.execute("INSERT INTO notes (text) VALUES ('kept')")

    with NodeState.open(tmp_path, migrations=NEW) as new:
        assert new.schema_version == 2
        assert new._db.execute("SELECT text, author FROM notes").fetchall() == [("kept", "node")]


def test_open__newer_schema_than_known__refused(tmp_path: Path) -> None:
    NodeState.open(tmp_path, migrations=NEW).close()

    with pytest.raises(ConfigError, match="schema version 2 is newer"):
        NodeState.open(tmp_path, migrations=OLD)


def test_open__failing_migration__rolled_back_and_version_unchanged(tmp_path: Path) -> None:
    NodeState.open(tmp_path, migrations=OLD).close()
    broken = (*OLD, Migration(2, "broken", ("CREATE TABLE half (x)", "NOT SQL")))

    with pytest.raises(sqlite3.OperationalError):
        NodeState.open(tmp_path, migrations=broken)

    with NodeState.open(tmp_path, migrations=OLD) as state:
        assert state.schema_version == 1
        tables = state._db.execute("SELECT name FROM sqlite_master WHERE name = 'half'")
        assert tables.fetchall() == []


def test_open__migrations_out_of_order__refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="numbered"):
        NodeState.open(tmp_path, migrations=(NEW[1],))


# --- transactions (SQLite's) -----------------------------------------------------------------


def test_transaction__exception__nothing_written(state: NodeState) -> None:
    with pytest.raises(RuntimeError), state.transaction():
        state.record_decision(CHAIN, 1, 0, "stake", {})
        raise RuntimeError("crash before commit")

    assert state.decision(CHAIN, 1, 0, "stake") is None


def test_transaction__inner_failure_caught__only_inner_undone(state: NodeState) -> None:
    with state.transaction():
        state.record_decision(CHAIN, 1, 0, "stake", {})
        with pytest.raises(RuntimeError), state.transaction():
            state.record_decision(CHAIN, 2, 0, "stake", {})
            raise RuntimeError("inner")

    assert state.decision(CHAIN, 1, 0, "stake") is not None
    assert state.decision(CHAIN, 2, 0, "stake") is None


# --- scanning --------------------------------------------------------------------------------


def test_scan_cursor__never_set__none(state: NodeState) -> None:
    assert state.scan_cursor(CHAIN, SCANNER) is None


def test_scan_cursor__set_twice__latest_kept_per_scanner(state: NodeState) -> None:
    state.set_scan_cursor(CHAIN, SCANNER, _block(5))
    state.set_scan_cursor(CHAIN, SCANNER, _block(8))
    state.set_scan_cursor(CHAIN, "feeds", _block(3))

    assert state.scan_cursor(CHAIN, SCANNER) == _block(8)
    assert state.scan_cursor(CHAIN, "feeds") == _block(3)


def test_recent_blocks__rewound_and_pruned__window_kept_in_order(state: NodeState) -> None:
    state.add_recent_blocks(CHAIN, SCANNER, [_block(n) for n in (7, 3, 5, 9)])

    state.forget_recent_blocks(CHAIN, SCANNER, above=7, below=5)

    assert state.recent_blocks(CHAIN, SCANNER) == [_block(5), _block(7)]


def test_record_events__same_log_twice__one_row(state: NodeState) -> None:
    state.record_events([_log(5)])
    state.record_events([_log(5)])

    assert state.event_status(CHAIN, _block(5).hash, 0) == "confirmed"
    assert state.count_events(CHAIN, SCANNER) == 1


def test_event_status__never_seen__none(state: NodeState) -> None:
    assert state.event_status(CHAIN, _block(5).hash, 0) is None


def test_drop_events_above__reorg__returns_dropped_logs_in_chain_order(state: NodeState) -> None:
    state.record_events([_log(6, 1), _log(4), _log(6, 0), _log(5)])

    dropped = state.drop_events_above(CHAIN, SCANNER, 4)

    assert [(log.block_number, log.log_index) for log in dropped] == [(5, 0), (6, 0), (6, 1)]
    assert dropped[0] == _log(5)  # topics and data round-trip
    assert state.event_status(CHAIN, _block(6).hash, 1) == "dropped"
    assert state.event_status(CHAIN, _block(4).hash, 0) == "confirmed"


def test_record_events__dropped_log_canonical_again__confirmed_again(state: NodeState) -> None:
    state.record_events([_log(5)])
    state.drop_events_above(CHAIN, SCANNER, 4)

    state.record_events([_log(5)])

    assert state.event_status(CHAIN, _block(5).hash, 0) == "confirmed"
    assert state.drop_events_above(CHAIN, SCANNER, 10) == []


# --- requests --------------------------------------------------------------------------------


def test_record_request__new__stored_with_creation_data(state: NodeState) -> None:
    assert state.record_request(CHAIN, 17, CREATION, block=_block(5)) is True

    record = state.request(CHAIN, 17)
    assert record is not None
    assert (record.status, record.creation, record.creation_block) == ("open", CREATION, _block(5))


def test_record_request__replayed__no_op_and_status_kept(state: NodeState) -> None:
    state.record_request(CHAIN, 17, CREATION, block=_block(5))
    state.set_request_status(CHAIN, 17, "staked")

    assert state.record_request(CHAIN, 17, CREATION, block=_block(5)) is False
    record = state.request(CHAIN, 17)
    assert record is not None and record.status == "staked"


def test_record_request__recreated_in_another_block__creation_replaced(state: NodeState) -> None:
    state.record_request(CHAIN, 17, CREATION, block=_block(5))

    replacement = {**CREATION, "description": "Will it snow?"}
    assert state.record_request(CHAIN, 17, replacement, block=_block(5, salt=1)) is True
    record = state.request(CHAIN, 17)
    assert record is not None and record.creation == replacement


def test_requests__by_status__only_those(state: NodeState) -> None:
    for request_id in (3, 1, 2):
        state.record_request(CHAIN, request_id, CREATION, block=_block(request_id))
    state.set_request_status(CHAIN, 2, "done")

    open_ids = [r.request_id for r in state.requests(CHAIN, statuses=["open"])]

    assert open_ids == [1, 3]
    assert len(state.requests(CHAIN)) == 3


def test_set_request_status__unknown_request__key_error(state: NodeState) -> None:
    with pytest.raises(KeyError):
        state.set_request_status(CHAIN, 99, "done")


def test_forget_request__creation_reorged__gone_but_decisions_kept(state: NodeState) -> None:
    state.record_request(CHAIN, 17, CREATION, block=_block(5))
    state.record_decision(CHAIN, 17, 0, "stake", {})

    assert state.forget_request(CHAIN, 17) is True
    assert state.request(CHAIN, 17) is None
    assert state.decision(CHAIN, 17, 0, "stake") is not None


def test_record_request__id_beyond_64_bits__refused(state: NodeState) -> None:
    with pytest.raises(ValueError, match="64-bit"):
        state.record_request(CHAIN, 2**64, CREATION, block=_block(5))


# --- decisions -------------------------------------------------------------------------------


def test_record_decision__first__taken(state: NodeState) -> None:
    taken = state.record_decision(CHAIN, 17, 0, "stake", {"outcome": "0x01"}, tx_key="k")

    record = state.decision(CHAIN, 17, 0, "stake")
    assert taken is True
    assert record is not None and (record.detail, record.tx_key) == ({"outcome": "0x01"}, "k")


def test_record_decision__same_key_again__refused_and_first_stands(state: NodeState) -> None:
    state.record_decision(CHAIN, 17, 0, "stake", {"outcome": "0x01"})

    taken = state.record_decision(CHAIN, 17, 0, "stake", {"outcome": "0x02"})

    record = state.decision(CHAIN, 17, 0, "stake")
    assert taken is False
    assert record is not None and record.detail == {"outcome": "0x01"}


def test_record_decision__other_round_or_action__separate(state: NodeState) -> None:
    assert state.record_decision(CHAIN, 17, 0, "stake", {})
    assert state.record_decision(CHAIN, 17, 1, "stake", {})
    assert state.record_decision(CHAIN, 17, 0, "claim", {})
    assert state.record_decision("other", 17, 0, "stake", {})

    assert [d.action for d in state.decisions(CHAIN, 17)] == ["stake", "stake", "claim"]


# --- the transaction journal -----------------------------------------------------------------


def test_journal__attempt__pending_and_nonce_floor_moved_past_it(state: NodeState) -> None:
    attempt = state.journal(_attempt(nonce=4))

    assert attempt.status is TxStatus.PENDING and attempt.broadcast_at is None
    assert attempt.raw == b"\x02signed" and attempt.value_wei == 0
    assert state.next_nonce(CHAIN, SENDER) == 5
    assert state.keys_with_status(CHAIN, SENDER, [TxStatus.PENDING]) == ["stake:1:0"]


def test_journal__same_key_and_attempt_twice__refused(state: NodeState) -> None:
    state.journal(_attempt())

    with pytest.raises(sqlite3.IntegrityError):
        state.journal(_attempt(tx_hash="0x" + "ab" * 32))


def test_record_receipt__bumped_key__mined_one_and_others_replaced(state: NodeState) -> None:
    first = state.journal(_attempt())
    state.set_attempt_status(first.id, TxStatus.REPLACED)
    second = state.journal(_attempt(attempt=1, replaces=first.id))

    state.record_receipt(first.id, block=_block(9), gas_used=21_000, revert_reason=None)

    statuses = [(a.attempt, a.status) for a in state.attempts(CHAIN, "stake:1:0")]
    assert statuses == [(0, TxStatus.MINED), (1, TxStatus.REPLACED)]
    assert state.attempt(first.id).receipt_block == 9
    assert state.attempt(second.id).replaces == first.id


def test_record_receipt__reverted__reason_kept(state: NodeState) -> None:
    attempt = state.journal(_attempt())

    state.record_receipt(attempt.id, block=_block(9), gas_used=30_000, revert_reason="oracle: x")

    recorded = state.attempt(attempt.id)
    assert (recorded.status, recorded.revert_reason) == (TxStatus.REVERTED, "oracle: x")
    assert state.mined_since(CHAIN, SENDER, 9) == [recorded]
    assert state.mined_since(CHAIN, SENDER, 10) == []


def test_set_attempt_status__receipt_reorged_away__back_to_pending_without_receipt(
    state: NodeState,
) -> None:
    attempt = state.journal(_attempt())
    state.record_receipt(attempt.id, block=_block(9), gas_used=21_000, revert_reason=None)

    state.set_attempt_status(attempt.id, TxStatus.PENDING)

    recorded = state.attempt(attempt.id)
    assert (recorded.status, recorded.receipt_block, recorded.gas_used) == (
        TxStatus.PENDING,
        None,
        None,
    )


def test_mark_broadcast__twice__first_time_kept(state: NodeState) -> None:
    now = [10.0]
    state._clock = lambda: now[0]
    attempt = state.journal(_attempt())

    now[0] = 11.0
    state.mark_broadcast(attempt.id)
    now[0] = 12.0
    state.mark_broadcast(attempt.id)

    recorded = state.attempt(attempt.id)
    assert (recorded.broadcast_at, recorded.updated_at) == (11.0, 12.0)


def test_tx_counts__mixed__per_status(state: NodeState) -> None:
    rejected = state.journal(_attempt("a", nonce=0))
    state.set_attempt_status(rejected.id, TxStatus.REJECTED, error="insufficient funds")
    state.journal(_attempt("b", nonce=0))

    counts = state.tx_counts(CHAIN)

    assert counts[TxStatus.PENDING] == 1 and counts[TxStatus.REJECTED] == 1
    assert counts[TxStatus.MINED] == 0
    assert state.attempt(rejected.id).error == "insufficient funds"


# --- nonces ----------------------------------------------------------------------------------


def test_next_nonce__unknown_sender__none(state: NodeState) -> None:
    assert state.next_nonce(CHAIN, SENDER) is None


def test_set_next_nonce__below_the_journal__held_at_journal_plus_one(state: NodeState) -> None:
    state.journal(_attempt(nonce=6))

    state.set_next_nonce(CHAIN, SENDER, 2)

    assert state.next_nonce(CHAIN, SENDER) == 7


def test_set_next_nonce__rejected_attempt__does_not_hold_the_floor(state: NodeState) -> None:
    attempt = state.journal(_attempt(nonce=6))
    state.set_attempt_status(attempt.id, TxStatus.REJECTED)

    state.set_next_nonce(CHAIN, SENDER, 6)

    assert state.next_nonce(CHAIN, SENDER) == 6
    assert state.highest_journaled_nonce(CHAIN, SENDER) is None


def test_forget_scan_cursor__set__gone(state: NodeState) -> None:
    state.set_scan_cursor(CHAIN, SCANNER, _block(5))

    state.forget_scan_cursor(CHAIN, SCANNER)

    assert state.scan_cursor(CHAIN, SCANNER) is None
