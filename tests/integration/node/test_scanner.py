"""LogScanner on anvil with the real Oracle: a cold scan from the deployment's start block,
incremental polls, confirmations, a reorg made with evm_snapshot/evm_revert, a restart."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from fluxo.chain.bindings.oracle import RequestCreated, RequesterAdded
from fluxo.chain.client import ChainClient
from fluxo.devnet.bindings.mock_requester import MockRequester
from fluxo.devnet.devchain import DevChain
from fluxo.devnet.protocol import DevProtocol, add_requester, fund
from fluxo.domain.request_args import RequestArgs, Source
from fluxo.node.rpc_pool import RpcPool
from fluxo.node.scanner import LogScanner, ScanResult
from fluxo.node.state import NodeState
from tests.harness.local_chain import DEPLOYER, TOKEN_WEI, LocalChain

pytestmark = pytest.mark.integration

CHAIN = "devnet"


@dataclass
class World:
    client: ChainClient
    dev: DevChain
    protocol: DevProtocol
    requester: MockRequester

    async def create(self, description: str) -> None:
        args = RequestArgs(
            description=description,
            sources=(Source("https://weather.example/lisbon", "$.rain"),),
            outcomes=("No", "Yes"),
            data_type=0,
            decimals=0,
            settlement_time=0,
            challenge_period=60,
            min_bond=0,
            fee=TOKEN_WEI,
            tags=("weather",),
        )
        await self.requester.create(DEPLOYER, args)


@asynccontextmanager
async def _world(chain: LocalChain) -> AsyncIterator[World]:
    async with await ChainClient.connect(chain.url) as client, DevChain(chain.url) as dev:
        protocol = await chain.protocol(client)
        requester = await add_requester(client, protocol, DEPLOYER, name="weather")
        await fund(protocol, DEPLOYER, requester.address, payment_wei=1_000 * TOKEN_WEI)
        yield World(client, dev, protocol, requester)


@asynccontextmanager
async def _scanner(
    url: str, data_dir: Path, world: World, *, confirmations: int = 0
) -> AsyncIterator[tuple[LogScanner, NodeState]]:
    state = NodeState.open(data_dir)
    pool = RpcPool([url], 31337)
    try:
        await pool.start()
        yield (
            LogScanner(
                pool,
                state,
                [world.protocol.oracle],
                chain_name=CHAIN,
                start_block=world.protocol.deployment.start_block,
                confirmations=confirmations,
                log_range_blocks=5,
            ),
            state,
        )
    finally:
        await pool.close()
        state.close()


async def _poll(scanner: LogScanner, state: NodeState) -> ScanResult:
    result = await scanner.poll()
    with state.transaction():
        scanner.commit(result)
    return result


def _descriptions(events: tuple[object, ...]) -> list[str]:
    return [event.description for event in events if isinstance(event, RequestCreated)]


def test_poll__cold_scan_from_the_start_block__every_oracle_event_in_order(
    chain: LocalChain, tmp_path: Path
) -> None:
    async def main() -> ScanResult:
        async with _world(chain) as world:
            for description in ("first", "second", "third"):
                await world.create(description)
            async with _scanner(chain.url, tmp_path, world) as (scanner, state):
                return await _poll(scanner, state)

    result = asyncio.run(main())

    names = [type(event).__name__ for event in result.events]
    assert names[0] == "OwnershipTransferred"  # the Oracle's constructor, in the start block
    assert names.index("RequesterAdded") < names.index("RequestCreated")
    assert _descriptions(result.events) == ["first", "second", "third"]
    created = [event for event in result.events if isinstance(event, RequestCreated)]
    assert [event.request_id for event in created] == [0, 1, 2]
    assert created[0].tags == ("weather",) and created[0].outcomes == ("No", "Yes")
    assert result.caught_up and result.cursor is not None
    assert result.cursor.number == result.head_block


def test_poll__incremental__only_events_since_the_last_commit(
    chain: LocalChain, tmp_path: Path
) -> None:
    async def main() -> tuple[ScanResult, ScanResult, ScanResult]:
        async with _world(chain) as world:
            await world.create("first")
            async with _scanner(chain.url, tmp_path, world) as (scanner, state):
                first = await _poll(scanner, state)
                idle = await _poll(scanner, state)
                await world.create("second")
                return first, idle, await _poll(scanner, state)

    first, idle, second = asyncio.run(main())

    assert _descriptions(first.events) == ["first"]
    assert idle.events == ()
    assert _descriptions(second.events) == ["second"]


def test_poll__confirmations__event_handed_out_once_deep_enough(
    chain: LocalChain, tmp_path: Path
) -> None:
    async def main() -> list[list[str]]:
        async with _world(chain) as world:
            async with _scanner(chain.url, tmp_path, world, confirmations=2) as (scanner, state):
                await _poll(scanner, state)
                await world.create("deep")
                seen = [_descriptions((await _poll(scanner, state)).events)]
                for _ in range(2):
                    await world.dev.mine()
                    seen.append(_descriptions((await _poll(scanner, state)).events))
                return seen

    assert asyncio.run(main()) == [[], [], ["deep"]]


@pytest.mark.parametrize("confirmations", [0, 1])
def test_poll__reorg_by_snapshot_revert__dropped_event_reported_and_replacement_returned(
    chain: LocalChain, tmp_path: Path, confirmations: int
) -> None:
    """The request created in the dropped block was handed out; after the reorg it is reported
    dropped, never returned again, and the request that replaced it (same id, other text, in a
    new block at the same height) is returned."""

    async def main() -> tuple[ScanResult, ScanResult, ScanResult, str | None]:
        async with _world(chain) as world:
            async with _scanner(chain.url, tmp_path, world, confirmations=confirmations) as (
                scanner,
                state,
            ):
                await _poll(scanner, state)
                snapshot = await world.dev.snapshot()
                await world.create("dropped")
                for _ in range(confirmations):
                    await world.dev.mine()
                before = await _poll(scanner, state)
                await world.dev.revert(snapshot)
                # The deployer's client counted a nonce the reverted chain never saw.
                await world.client.nonces.forget(DEPLOYER.address)
                await world.create("replacement")
                for _ in range(confirmations + 1):
                    await world.dev.mine()  # the new fork is longer than the old one
                after = await _poll(scanner, state)
                again = await _poll(scanner, state)
                dropped = before.events[0]
                status = state.event_status(CHAIN, dropped.block_hash, dropped.log_index)
                return before, after, again, status

    before, after, again, status = asyncio.run(main())

    assert _descriptions(before.events) == ["dropped"]
    assert _descriptions(after.dropped) == ["dropped"]
    assert _descriptions(after.events) == ["replacement"]
    assert after.rewound_to is not None and not after.deep_reorg
    assert after.events[0].block_number == before.events[0].block_number  # same height
    assert after.events[0].block_hash != before.events[0].block_hash
    assert (again.events, again.dropped) == ((), ())
    assert status == "dropped"


def test_poll__restarted__resumes_from_the_cursor_without_repeats(
    chain: LocalChain, tmp_path: Path
) -> None:
    async def main() -> tuple[ScanResult, ScanResult]:
        async with _world(chain) as world:
            await world.create("before the restart")
            async with _scanner(chain.url, tmp_path, world) as (scanner, state):
                first = await _poll(scanner, state)
            await world.create("after the restart")
            async with _scanner(chain.url, tmp_path, world) as (scanner, state):
                return first, await _poll(scanner, state)

    first, resumed = asyncio.run(main())

    assert _descriptions(first.events) == ["before the restart"]
    assert _descriptions(resumed.events) == ["after the restart"]
    assert not any(isinstance(event, RequesterAdded) for event in resumed.events)


def test_poll__uncommitted_result_and_restart__same_events_again(
    chain: LocalChain, tmp_path: Path
) -> None:
    """The node died while acting on a poll (no commit): nothing is lost."""

    async def main() -> tuple[ScanResult, ScanResult]:
        async with _world(chain) as world:
            await world.create("acted on twice at most once")
            async with _scanner(chain.url, tmp_path, world) as (scanner, _state):
                lost = await scanner.poll()
            async with _scanner(chain.url, tmp_path, world) as (scanner, state):
                return lost, await _poll(scanner, state)

    lost, redelivered = asyncio.run(main())

    assert _descriptions(lost.events) == _descriptions(redelivered.events)
    assert _descriptions(redelivered.events) == ["acted on twice at most once"]
