"""LogScanner against a scripted chain whose blocks, hashes and logs the test controls: ranges,
confirmations, commit semantics, reorgs at every depth, refused ranges, a chain that moves
under the scan. The same on anvil is in tests/integration/node/test_scanner.py."""

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any, Final, TypeVar

import pytest
from hexbytes import HexBytes

from fluxo.chain.bindings.oracle import Cancelled, Oracle
from fluxo.exceptions import ChainError
from fluxo.node.scanner import LogScanner, ScanResult
from fluxo.node.state import NodeState

T = TypeVar("T")
CHAIN: Final = "devnet"
ORACLE: Final = "0x5FbDB2315678afecb367f032d93F642f64180aa3"
REQUESTER: Final = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"


class FakeChain:
    """Blocks 0..head, each with a hash that depends on its fork, and Cancelled(request_id)
    logs. It is its own ChainAccess and client."""

    chain_id = 31337

    def __init__(self, head: int = 0, *, logs: dict[int, list[int]] | None = None) -> None:
        self.hashes: list[bytes] = []
        self.logs: dict[int, list[int]] = {}  # block → request ids logged in it
        self.fork = 0
        self.max_range: int | None = None
        self.get_logs_calls: list[tuple[int, int]] = []  # the ranges served
        self.during_get_logs: Callable[[], None] | None = None
        self.mine(head + 1, logs=logs)

    def mine(self, count: int = 1, *, logs: dict[int, list[int]] | None = None) -> None:
        for _ in range(count):
            self.hashes.append(self._hash(len(self.hashes)))
        for block, request_ids in (logs or {}).items():
            self.logs.setdefault(block, []).extend(request_ids)

    def reorg(self, depth: int, *, logs: dict[int, list[int]] | None = None) -> None:
        """Replace the last `depth` blocks (and their logs) with a new fork of equal length."""
        self.fork += 1
        head = self.head
        for number in range(head - depth + 1, head + 1):
            self.hashes[number] = self._hash(number)
            self.logs.pop(number, None)
        for block, request_ids in (logs or {}).items():
            self.logs.setdefault(block, []).extend(request_ids)

    @property
    def head(self) -> int:
        return len(self.hashes) - 1

    def _hash(self, number: int) -> bytes:
        return number.to_bytes(16, "big") + self.fork.to_bytes(16, "big")

    # --- ChainAccess and the client methods the scanner uses -------------------------------

    async def run(self, operation: Callable[[Any], Awaitable[T]]) -> T:
        return await operation(self)

    async def block_number(self) -> int:
        return self.head

    async def block(self, number: int) -> dict[str, Any]:
        return {"hash": HexBytes(self.hashes[number])}

    async def get_logs(
        self, start: int, stop: int, *, addresses: list[str], topics: list[bytes]
    ) -> list[dict[str, Any]]:
        if self.max_range is not None and stop - start + 1 > self.max_range:
            raise ChainError(f"eth_getLogs {start}..{stop}: query exceeds max block range")
        self.get_logs_calls.append((start, stop))
        if self.during_get_logs is not None:
            hook, self.during_get_logs = self.during_get_logs, None
            hook()
        found = []
        for number in range(start, stop + 1):
            for index, request_id in enumerate(self.logs.get(number, [])):
                found.append(
                    {
                        "address": ORACLE,
                        "topics": [
                            HexBytes(Cancelled.TOPIC),
                            HexBytes(request_id.to_bytes(32, "big")),
                            HexBytes(bytes(12) + bytes.fromhex(REQUESTER[2:])),
                        ],
                        "data": HexBytes(b""),
                        "blockNumber": number,
                        "blockHash": HexBytes(self.hashes[number]),
                        "transactionHash": HexBytes(bytes([index]) * 32),
                        "logIndex": index,
                    }
                )
        return found


@pytest.fixture
def state(tmp_path: Path) -> Iterator[NodeState]:
    with NodeState.open(tmp_path) as opened:
        yield opened


def _scanner(chain: FakeChain, state: NodeState, **options: Any) -> LogScanner:
    settings: dict[str, Any] = {
        "chain_name": CHAIN,
        "start_block": 1,
        "confirmations": 0,
        "log_range_blocks": 10,
        **options,
    }
    return LogScanner(chain, state, [Oracle(chain, ORACLE)], **settings)  # type: ignore[arg-type]


def _poll(scanner: LogScanner, state: NodeState, *, commit: bool = True) -> ScanResult:
    result = asyncio.run(scanner.poll())
    if commit:
        with state.transaction():
            scanner.commit(result)
    return result


def _ids(events: tuple[Any, ...]) -> list[int]:
    return [event.request_id for event in events]


# --- scanning --------------------------------------------------------------------------------


def test_poll__cold_scan__every_event_from_the_start_block_in_order(state: NodeState) -> None:
    chain = FakeChain(head=35, logs={0: [99], 3: [1, 2], 17: [3], 35: [4]})

    result = _poll(_scanner(chain, state), state)

    assert _ids(result.events) == [1, 2, 3, 4]  # block 0 is before the start block
    assert all(isinstance(event, Cancelled) for event in result.events)
    assert result.cursor is not None and result.cursor.number == 35
    assert chain.get_logs_calls[:2] == [(1, 10), (11, 20)]
    assert result.caught_up and not result.dropped


def test_poll__confirmations__only_blocks_deep_enough(state: NodeState) -> None:
    chain = FakeChain(head=10, logs={8: [1], 9: [2]})
    scanner = _scanner(chain, state, confirmations=2)

    first = _poll(scanner, state)
    chain.mine(1)
    second = _poll(scanner, state)

    assert _ids(first.events) == [1] and first.cursor is not None and first.cursor.number == 8
    assert _ids(second.events) == [2]


def test_poll__nothing_confirmed_yet__empty_and_no_cursor(state: NodeState) -> None:
    chain = FakeChain(head=2)

    result = _poll(_scanner(chain, state, confirmations=5), state)

    assert result.events == () and result.cursor is None


def test_poll__incremental__only_new_events(state: NodeState) -> None:
    chain = FakeChain(head=5, logs={3: [1]})
    scanner = _scanner(chain, state)
    _poll(scanner, state)

    chain.mine(3, logs={8: [2]})
    result = _poll(scanner, state)

    assert _ids(result.events) == [2]
    assert chain.get_logs_calls[-1] == (6, 8)


def test_poll__not_committed__same_events_again(state: NodeState) -> None:
    chain = FakeChain(head=5, logs={3: [1]})
    scanner = _scanner(chain, state)

    first = _poll(scanner, state, commit=False)
    second = _poll(scanner, state)

    assert _ids(first.events) == _ids(second.events) == [1]
    assert _ids(_poll(scanner, state).events) == []


def test_commit__stale_result__refused(state: NodeState) -> None:
    chain = FakeChain(head=5)
    scanner = _scanner(chain, state)
    stale = asyncio.run(scanner.poll())
    _poll(scanner, state)

    with pytest.raises(ChainError, match="stale"), state.transaction():
        scanner.commit(stale)


def test_poll__restarted_scanner__resumes_from_the_cursor_without_repeats(
    state: NodeState,
) -> None:
    chain = FakeChain(head=5, logs={3: [1]})
    _poll(_scanner(chain, state), state)
    chain.mine(2, logs={7: [2]})

    result = _poll(_scanner(chain, state), state)  # a new process: a new scanner, same state

    assert _ids(result.events) == [2]


def test_poll__many_blocks__bounded_per_poll_and_resumed(state: NodeState) -> None:
    chain = FakeChain(head=120, logs={5: [1], 95: [2]})
    scanner = _scanner(chain, state, max_blocks_per_poll=50)

    first = _poll(scanner, state)
    second = _poll(scanner, state)

    assert (_ids(first.events), first.caught_up) == ([1], False)
    assert (_ids(second.events), second.caught_up) == ([2], False)
    assert _poll(scanner, state).caught_up


def test_poll__provider_refuses_the_range__halved_and_nothing_missed(state: NodeState) -> None:
    chain = FakeChain(head=40, logs={1: [1], 22: [2], 40: [3]})
    chain.max_range = 3

    result = _poll(_scanner(chain, state), state)

    assert _ids(result.events) == [1, 2, 3]
    served = chain.get_logs_calls
    assert served[0] == (1, 2) and all(stop - start + 1 == 2 for start, stop in served[:-1])
    assert served[-1][1] == 40  # contiguous to the end: nothing skipped
    assert all(b[0] == a[1] + 1 for a, b in zip(served, served[1:], strict=False))


def test_poll__unrelated_rpc_error__raised(state: NodeState) -> None:
    chain = FakeChain(head=5)
    scanner = _scanner(chain, state)

    async def broken(*args: Any, **kwargs: Any) -> list[dict[str, Any]]:
        raise ChainError("eth_getLogs: method not allowed")

    chain.get_logs = broken  # type: ignore[method-assign]

    with pytest.raises(ChainError, match="not allowed"):
        asyncio.run(scanner.poll())


# --- reorgs ----------------------------------------------------------------------------------


def test_poll__reorg_of_the_last_blocks__dropped_reported_and_replacement_returned(
    state: NodeState,
) -> None:
    chain = FakeChain(head=21, logs={15: [1], 19: [2], 20: [3]})
    scanner = _scanner(chain, state)
    _poll(scanner, state)

    chain.reorg(2, logs={20: [30]})  # blocks 20 and 21 replaced: request 3 gone, 30 instead
    result = _poll(scanner, state)

    assert _ids(result.dropped) == [3]
    assert _ids(result.events) == [30]
    assert result.rewound_to == 19 and not result.deep_reorg
    assert state.event_status(CHAIN, chain.hashes[19], 0) == "confirmed"


def test_poll__reorg_replaying_the_same_event__returned_again_from_its_new_block(
    state: NodeState,
) -> None:
    """The same transaction re-mined in the new fork's block: a new (block hash, log index),
    so it is dropped and returned again; the caller's idempotent actions absorb it."""
    chain = FakeChain(head=10, logs={10: [7]})
    scanner = _scanner(chain, state)
    _poll(scanner, state)

    chain.reorg(1)
    chain.mine(1, logs={11: [7]})
    result = _poll(scanner, state)

    assert (_ids(result.dropped), _ids(result.events)) == ([7], [7])


def test_poll__reorg_below_events_already_deep__only_those_above_the_fork_dropped(
    state: NodeState,
) -> None:
    chain = FakeChain(head=31, logs={5: [1], 25: [2], 29: [3]})
    scanner = _scanner(chain, state)
    _poll(scanner, state)

    chain.reorg(8)  # blocks 24..31
    result = _poll(scanner, state)

    assert _ids(result.dropped) == [2, 3]
    assert result.rewound_to is not None and 5 <= result.rewound_to < 24


def test_poll__after_a_reorg_committed__nothing_reported_twice(state: NodeState) -> None:
    chain = FakeChain(head=10, logs={10: [1]})
    scanner = _scanner(chain, state)
    _poll(scanner, state)
    chain.reorg(1, logs={10: [2]})
    _poll(scanner, state)

    result = _poll(scanner, state)

    assert (result.events, result.dropped, result.rewound_to) == ((), (), None)


def test_poll__reorg_deeper_than_the_window__rewinds_to_its_bottom_and_says_so(
    state: NodeState,
) -> None:
    chain = FakeChain(head=50, logs={40: [1], 48: [2]})
    scanner = _scanner(chain, state, window_blocks=5, log_range_blocks=100)
    _poll(scanner, state)

    chain.reorg(20)  # blocks 31..50: below every block the window still holds (45..50)
    result = _poll(scanner, state)

    assert result.deep_reorg and result.rewound_to == 44
    assert _ids(result.dropped) == [2]  # request 1 is older than the window: not checkable


def test_poll__chain_reorganises_during_the_scan__starts_over_on_one_fork(
    state: NodeState,
) -> None:
    chain = FakeChain(head=25, logs={12: [1]})
    scanner = _scanner(chain, state)

    def reorg_now() -> None:
        chain.reorg(20, logs={15: [2]})

    chain.during_get_logs = reorg_now
    result = _poll(scanner, state)

    assert _ids(result.events) == [2]  # never request 1, whose block the reorg replaced


def test_poll__reorg_back_to_the_start_block__cursor_reset_and_rescanned(
    state: NodeState,
) -> None:
    chain = FakeChain(head=3, logs={1: [1]})
    scanner = _scanner(chain, state, confirmations=2, start_block=1)
    first = _poll(scanner, state)  # block 1 only is deep enough

    chain.reorg(3)  # blocks 1..3 replaced by a shorter fork: nothing deep enough any more
    del chain.hashes[3]
    result = _poll(scanner, state)
    assert scanner.cursor is None  # starts over from the start block
    chain.mine(2, logs={1: [2]})
    later = _poll(scanner, state)

    assert _ids(first.events) == [1]
    assert (_ids(result.dropped), result.rewound_to, result.cursor) == ([1], 0, None)
    assert _ids(later.events) == [2]
