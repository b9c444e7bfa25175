"""TxManager on anvil: a key is sent once, the journal survives a crash at any step, a stuck
transaction is replaced by a fee bump, used nonces are reconciled, reverts keep their reason.

Each test builds "a node" (state, pool, manager) on a temporary data directory; a crash is the
node dropped without any cleanup of its own, then a new one opened on the same directory."""

import asyncio
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from eth_account import Account
from eth_account.signers.local import LocalAccount

from fluxo.chain.client import ChainClient, ContractCall
from fluxo.devnet.anvil import Anvil
from fluxo.devnet.bindings.mock_erc20 import MockERC20
from fluxo.devnet.devchain import DevChain
from fluxo.exceptions import TransactionReverted
from fluxo.node.rpc_pool import RpcPool
from fluxo.node.state import NodeState, TxStatus
from fluxo.node.transactions import TrackedTx, TxManager, TxSettings
from tests.harness.local_chain import DEPLOYER, DISPUTER, VALIDATOR

pytestmark = pytest.mark.integration

CHAIN = "devnet"
SIGNER = VALIDATOR
HOLDER = DISPUTER
SETTINGS = TxSettings(stuck_after_s=30, confirmations=0)


class Clock:
    """The state's wall clock, moved by the test (stuck detection reads it)."""

    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


class Crash(BaseException):
    """The process dies here (a BaseException, so no `except Exception` handles it)."""


@dataclass
class Node:
    state: NodeState
    pool: RpcPool
    manager: TxManager


@asynccontextmanager
async def _node(
    url: str,
    data_dir: Path,
    *,
    clock: Clock | None = None,
    signer: LocalAccount = SIGNER,
    settings: TxSettings = SETTINGS,
) -> AsyncIterator[Node]:
    state = NodeState.open(data_dir, clock=clock or Clock())
    pool = RpcPool([url], 31337, backoff_initial_s=0.01, max_wait_s=1)
    try:
        await pool.start()
        yield Node(state, pool, TxManager(pool, state, signer, chain_name=CHAIN, settings=settings))
    finally:
        await pool.close()
        state.close()


async def _token(url: str) -> MockERC20:
    async with await ChainClient.connect(url) as client:
        token = await MockERC20.deploy(client, DEPLOYER, "Fluxo USD", "fUSD", 18)
    return token


async def _read(url: str, token: MockERC20) -> tuple[int, int]:
    """The holder's balance and the signer's mined nonce count."""
    async with await ChainClient.connect(url) as client:
        balance = await MockERC20(client, token.address).balance_of(HOLDER.address)
        return balance, await client.mined_count(SIGNER.address)


def _statuses(tracked: TrackedTx) -> list[TxStatus]:
    return [attempt.status for attempt in tracked.attempts]


# --- sending once ----------------------------------------------------------------------------


def test_send__new_key__journaled_then_mined(anvil: Anvil, tmp_path: Path) -> None:
    async def main() -> tuple[TrackedTx, tuple[int, int]]:
        token = await _token(anvil.url)
        async with _node(anvil.url, tmp_path) as node:
            await node.manager.send(token.mint_call(HOLDER.address, 7), key="mint:1")
            tracked = await node.manager.wait("mint:1", timeout_s=5)
        return tracked, await _read(anvil.url, token)

    tracked, (balance, nonce_count) = asyncio.run(main())

    assert tracked.status is TxStatus.MINED and tracked.receipt_block is not None
    assert tracked.current.raw and tracked.current.broadcast_at is not None
    assert (balance, nonce_count) == (7, 1)


def test_send__same_key_twice__sent_once(anvil: Anvil, tmp_path: Path) -> None:
    async def main() -> tuple[TrackedTx, TrackedTx, tuple[int, int]]:
        token = await _token(anvil.url)
        async with _node(anvil.url, tmp_path) as node:
            first = await node.manager.send(token.mint_call(HOLDER.address, 7), key="mint:1")
            await node.manager.wait("mint:1", timeout_s=5)
            again = await node.manager.send(token.mint_call(HOLDER.address, 7), key="mint:1")
        return first, again, await _read(anvil.url, token)

    first, again, (balance, nonce_count) = asyncio.run(main())

    assert again.tx_hash == first.tx_hash and again.status is TxStatus.MINED
    assert (balance, nonce_count) == (7, 1)


def test_send__other_key__sent_with_the_next_nonce(anvil: Anvil, tmp_path: Path) -> None:
    async def main() -> tuple[list[int], tuple[int, int]]:
        token = await _token(anvil.url)
        async with _node(anvil.url, tmp_path) as node:
            for key in ("mint:1", "mint:2"):
                await node.manager.send(token.mint_call(HOLDER.address, 1), key=key)
            nonces = [(await node.manager.wait(k, timeout_s=5)).nonce for k in ("mint:1", "mint:2")]
        return nonces, await _read(anvil.url, token)

    nonces, (balance, nonce_count) = asyncio.run(main())

    assert nonces == [0, 1] and (balance, nonce_count) == (2, 2)


# --- crashes ---------------------------------------------------------------------------------


def test_reconcile__crash_after_broadcast__finds_the_receipt_and_never_sends_again(
    anvil: Anvil, tmp_path: Path
) -> None:
    async def main() -> tuple[TrackedTx, TrackedTx, tuple[int, int]]:
        token = await _token(anvil.url)
        async with DevChain(anvil.url) as dev:
            await dev.set_automine(False)
            async with _node(anvil.url, tmp_path) as node:
                sent = await node.manager.send(token.mint_call(HOLDER.address, 7), key="mint:1")
            # crashed with the transaction in the pool; it is mined while the node is down
            await dev.mine()
            await dev.set_automine(True)
        async with _node(anvil.url, tmp_path) as restarted:
            report = await restarted.manager.reconcile()
            assert (report.pending, report.mined) == (1, 1)
            again = await restarted.manager.send(token.mint_call(HOLDER.address, 7), key="mint:1")
        return sent, again, await _read(anvil.url, token)

    sent, again, (balance, nonce_count) = asyncio.run(main())

    assert sent.status is TxStatus.PENDING
    assert again.status is TxStatus.MINED and again.tx_hash == sent.tx_hash
    assert (balance, nonce_count) == (7, 1)


def test_reconcile__crash_between_journal_and_broadcast__sends_the_journaled_bytes(
    anvil: Anvil, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def main() -> tuple[str, TrackedTx, tuple[int, int]]:
        token = await _token(anvil.url)
        async with _node(anvil.url, tmp_path) as node:

            async def crash(*_args: Any) -> None:
                raise Crash

            monkeypatch.setattr(node.manager, "_broadcast", crash)
            with pytest.raises(Crash):
                await node.manager.send(token.mint_call(HOLDER.address, 7), key="mint:1")
            journaled = node.state.attempts(CHAIN, "mint:1")
            assert [a.broadcast_at for a in journaled] == [None]
        assert await _read(anvil.url, token) == (0, 0)  # nothing reached the chain
        async with _node(anvil.url, tmp_path) as restarted:
            report = await restarted.manager.reconcile()
            assert report.rebroadcast == 1
            tracked = await restarted.manager.wait("mint:1", timeout_s=5)
        return journaled[0].tx_hash, tracked, await _read(anvil.url, token)

    journaled_hash, tracked, (balance, nonce_count) = asyncio.run(main())

    assert tracked.status is TxStatus.MINED and tracked.tx_hash == journaled_hash
    assert (balance, nonce_count) == (7, 1)


def test_reconcile__journaled_nonce_taken_by_another_writer__dropped_then_resent_on_request(
    anvil: Anvil, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Crash before broadcast; meanwhile the operator sends from the same key by hand, using
    the nonce the journal holds. The journaled transaction can never be mined: dropped, not
    re-signed behind the caller's back; `retry_failed` sends it anew."""

    async def main() -> tuple[TrackedTx, TrackedTx, tuple[int, int]]:
        token = await _token(anvil.url)
        async with _node(anvil.url, tmp_path) as node:

            async def crash(*_args: Any) -> None:
                raise Crash

            monkeypatch.setattr(node.manager, "_broadcast", crash)
            with pytest.raises(Crash):
                await node.manager.send(token.mint_call(HOLDER.address, 7), key="mint:1")
        async with await ChainClient.connect(anvil.url) as by_hand:
            await MockERC20(by_hand, token.address).mint(SIGNER, HOLDER.address, 100)
        async with _node(anvil.url, tmp_path) as restarted:
            report = await restarted.manager.reconcile()
            assert report.dropped == 1
            dropped = restarted.manager.tracked("mint:1")
            assert dropped is not None
            call = token.mint_call(HOLDER.address, 7)
            assert (await restarted.manager.send(call, key="mint:1")).status is TxStatus.DROPPED
            await restarted.manager.send(call, key="mint:1", retry_failed=True)
            resent = await restarted.manager.wait("mint:1", timeout_s=5)
        return dropped, resent, await _read(anvil.url, token)

    dropped, resent, (balance, nonce_count) = asyncio.run(main())

    assert dropped.status is TxStatus.DROPPED and "not in the journal" in (dropped.error or "")
    assert _statuses(resent) == [TxStatus.DROPPED, TxStatus.MINED]
    assert resent.nonce == 1
    assert (balance, nonce_count) == (107, 2)


def test_send__nonce_used_by_another_writer_meanwhile__resynced_once(
    anvil: Anvil, tmp_path: Path
) -> None:
    """The manager's count is one behind (someone sent from its account): the node says
    "nonce too low", no receipt of ours has that nonce, so it signs once more with the chain's
    count."""

    async def main() -> tuple[TrackedTx, tuple[int, int]]:
        token = await _token(anvil.url)
        async with _node(anvil.url, tmp_path) as node:
            await node.manager.send(token.mint_call(HOLDER.address, 1), key="mint:1")
            await node.manager.wait("mint:1", timeout_s=5)
            async with await ChainClient.connect(anvil.url) as by_hand:
                await MockERC20(by_hand, token.address).mint(SIGNER, HOLDER.address, 10)
            await node.manager.send(token.mint_call(HOLDER.address, 100), key="mint:2")
            tracked = await node.manager.wait("mint:2", timeout_s=5)
        return tracked, await _read(anvil.url, token)

    tracked, (balance, nonce_count) = asyncio.run(main())

    assert _statuses(tracked) == [TxStatus.REJECTED, TxStatus.MINED]
    assert "nonce too low" in (tracked.attempts[0].error or "")
    assert [attempt.nonce for attempt in tracked.attempts] == [1, 2]
    assert (balance, nonce_count) == (111, 3)


# --- stuck transactions ----------------------------------------------------------------------


def test_reconcile__stuck_with_mining_paused__bumped_replacement_mined_once(
    anvil: Anvil, tmp_path: Path
) -> None:
    clock = Clock()

    async def main() -> tuple[TrackedTx, tuple[int, int]]:
        token = await _token(anvil.url)
        async with DevChain(anvil.url) as dev, _node(anvil.url, tmp_path, clock=clock) as node:
            await dev.set_automine(False)
            await node.manager.send(token.mint_call(HOLDER.address, 7), key="mint:1")
            assert (await node.manager.reconcile()).bumped == 0  # not stuck yet
            clock.now += SETTINGS.stuck_after_s
            assert (await node.manager.reconcile()).bumped == 1
            await dev.mine()
            await dev.set_automine(True)
            report = await node.manager.reconcile()
            assert report.mined == 1
            tracked = node.manager.tracked("mint:1")
            assert tracked is not None
        return tracked, await _read(anvil.url, token)

    tracked, (balance, nonce_count) = asyncio.run(main())

    original, replacement = tracked.attempts
    assert (original.status, replacement.status) == (TxStatus.REPLACED, TxStatus.MINED)
    assert replacement.replaces == original.id and replacement.nonce == original.nonce
    assert replacement.max_fee_per_gas_wei >= original.max_fee_per_gas_wei * 112 // 100
    assert replacement.max_priority_fee_per_gas_wei >= (
        original.max_priority_fee_per_gas_wei * 112 // 100
    )
    assert tracked.tx_hash == replacement.tx_hash
    assert (balance, nonce_count) == (7, 1)  # one of the two mined, once


def test_reconcile__stuck_at_the_fee_ceiling__left_pending_and_said_so(
    anvil: Anvil, tmp_path: Path
) -> None:
    clock = Clock()

    async def main() -> tuple[int, TrackedTx]:
        token = await _token(anvil.url)
        async with DevChain(anvil.url) as dev:
            async with await ChainClient.connect(anvil.url) as client:
                ceiling = (await client.fees()).max_fee_per_gas
            settings = TxSettings(stuck_after_s=30, confirmations=0, max_fee_per_gas_wei=ceiling)
            async with _node(anvil.url, tmp_path, clock=clock, settings=settings) as node:
                await dev.set_automine(False)
                await node.manager.send(token.mint_call(HOLDER.address, 7), key="mint:1")
                clock.now += 30
                report = await node.manager.reconcile()
                tracked = node.manager.tracked("mint:1")
                assert tracked is not None
                await dev.set_automine(True)
        return report.stuck_at_ceiling, tracked

    stuck, tracked = asyncio.run(main())

    assert stuck == 1
    assert _statuses(tracked) == [TxStatus.PENDING]
    assert "fee ceiling" in (tracked.error or "")


# --- reverts and refusals --------------------------------------------------------------------


def test_send__reverting_call_with_fixed_gas__recorded_reverted_with_reason(
    anvil: Anvil, tmp_path: Path
) -> None:
    async def main() -> TrackedTx:
        token = await _token(anvil.url)
        async with _node(anvil.url, tmp_path) as node:
            call = token.transfer_call(HOLDER.address, 1)  # the signer holds no fUSD
            await node.manager.send(call, key="transfer:1", gas=100_000)
            return await node.manager.wait("transfer:1", timeout_s=5)

    tracked = asyncio.run(main())

    assert tracked.status is TxStatus.REVERTED
    assert tracked.revert_reason == "erc20: transfer amount exceeds balance"
    assert tracked.receipt_block is not None


def test_send__estimate_reverts__raised_and_nothing_journaled(anvil: Anvil, tmp_path: Path) -> None:
    async def main() -> TrackedTx | None:
        token = await _token(anvil.url)
        async with _node(anvil.url, tmp_path) as node:
            with pytest.raises(TransactionReverted, match="exceeds balance"):
                await node.manager.send(token.transfer_call(HOLDER.address, 1), key="t:1")
            return node.manager.tracked("t:1")

    assert asyncio.run(main()) is None


def test_send__signer_without_funds__rejected_and_journaled(anvil: Anvil, tmp_path: Path) -> None:
    penniless: LocalAccount = Account.create()

    async def main() -> TrackedTx:
        token = await _token(anvil.url)
        async with _node(anvil.url, tmp_path, signer=penniless) as node:
            call = token.mint_call(HOLDER.address, 1)
            return await node.manager.send(call, key="mint:1", gas=100_000)

    tracked = asyncio.run(main())

    assert tracked.status is TxStatus.REJECTED
    assert "insufficient funds" in (tracked.error or "")


# --- a real SIGKILL --------------------------------------------------------------------------

_KILLED_NODE = """
import asyncio, os, signal, sys
from pathlib import Path
from fluxo.devnet.bindings.mock_erc20 import MockERC20
from fluxo.node.rpc_pool import RpcPool
from fluxo.node.state import NodeState
from fluxo.node.transactions import TxManager, TxSettings
from tests.harness.local_chain import DISPUTER, VALIDATOR

url, token_address, data_dir = sys.argv[1:4]

async def main():
    state = NodeState.open(Path(data_dir))
    pool = RpcPool([url], 31337)
    await pool.start()
    manager = TxManager(pool, state, VALIDATOR, chain_name="devnet", settings=TxSettings())

    async def killed_before_broadcast(signed):
        os.kill(os.getpid(), signal.SIGKILL)  # no close, no flush: the process is gone

    manager._broadcast = killed_before_broadcast
    token = MockERC20(pool.client(), token_address)
    await manager.send(token.mint_call(DISPUTER.address, 7), key="mint:1")

asyncio.run(main())
"""


def test_reconcile__sigkilled_after_journaling__restart_sends_the_journaled_transaction_once(
    anvil: Anvil, tmp_path: Path
) -> None:
    """A node process SIGKILLed between the journal write and the broadcast: the write is on
    disk (WAL, synchronous=FULL), the data directory's lock died with the process, and the
    restarted node broadcasts exactly the signed bytes it journaled."""
    token = asyncio.run(_token(anvil.url))
    repository = Path(__file__).resolve().parents[3]
    killed = subprocess.run(
        [sys.executable, "-c", _KILLED_NODE, anvil.url, token.address, str(tmp_path)],
        cwd=repository,
        env={**os.environ, "PYTHONPATH": str(repository)},
        capture_output=True,
        timeout=60,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr.decode()

    async def restart() -> tuple[TrackedTx, TrackedTx, tuple[int, int]]:
        assert await _read(anvil.url, token) == (0, 0)  # nothing was broadcast
        async with _node(anvil.url, tmp_path) as node:
            journaled = node.manager.tracked("mint:1")
            assert journaled is not None
            await node.manager.reconcile()
            mined = await node.manager.wait("mint:1", timeout_s=5)
        return journaled, mined, await _read(anvil.url, token)

    journaled, mined, (balance, nonce_count) = asyncio.run(restart())

    assert journaled.status is TxStatus.PENDING and journaled.current.broadcast_at is None
    assert mined.status is TxStatus.MINED and mined.tx_hash == journaled.tx_hash
    assert (balance, nonce_count) == (7, 1)


def test_send__refused_then_funded__next_key_reuses_the_refused_nonce(
    anvil: Anvil, tmp_path: Path
) -> None:
    """A refusal leaves no hole: once the signer has funds, the next transaction takes the
    nonce the refused one had, and is mined."""
    signer: LocalAccount = Account.create()

    async def main() -> tuple[TrackedTx, TrackedTx]:
        token = await _token(anvil.url)
        async with _node(anvil.url, tmp_path, signer=signer) as node:
            call = token.mint_call(HOLDER.address, 1)
            refused = await node.manager.send(call, key="mint:1", gas=100_000)
            async with await ChainClient.connect(anvil.url) as client:
                funding = await client.build(
                    ContractCall(signer.address, b""), DEPLOYER.address, value_wei=10**18
                )
                sent = client.sign(funding, DEPLOYER, await client.pending_count(DEPLOYER.address))
                await client.broadcast(sent)
                await client.wait_for_receipt(sent.hash)
            await node.manager.send(call, key="mint:2", gas=100_000)
            return refused, await node.manager.wait("mint:2", timeout_s=5)

    refused, mined = asyncio.run(main())

    assert refused.status is TxStatus.REJECTED and refused.nonce == 0
    assert mined.status is TxStatus.MINED and mined.nonce == 0
