"""The transaction manager: every transaction the node sends, journaled, idempotent by key,
followed until it is mined, replaced with higher fees when stuck, and reconciled after a crash.

    manager = TxManager(pool, state, signer, chain_name="devnet", settings=settings)
    await manager.reconcile()                                # at start and every tick
    tracked = await manager.send(oracle.stake_call(17, outcome, amount), key="stake:17:0")
    tracked = await manager.wait("stake:17:0", timeout_s=60) # mined, reverted, ...

**Idempotent by key.** The caller names each action with a key (`stake:<request>:<round>`); a
key already in the journal is never sent again: `send` returns what became of it. So a restart
that decides the same action again, or a replayed event, cannot double an action.

**Journal before broadcast.** `send` builds the transaction (the gas estimate, with headroom,
surfaces a revert before anything is signed), takes a nonce, signs, writes the raw bytes, hash
and nonce to SQLite (durable: `synchronous=FULL`), and only then broadcasts. Killed at any
point, the node restarts with either nothing journaled (nothing was sent) or the exact signed
bytes, which `reconcile` broadcasts again: the same transaction, never a second one.

**Reconcile, don't retry blindly.** For every key still pending, `reconcile` (in this order):
reads the sender's mined nonce count, then looks up the receipts of all the key's attempts
(a receipt: mined or reverted, with the revert reason; the key's other attempts: replaced); if
none has one although the nonce is used, another transaction took it: dropped; if the node no
longer has the transaction (or it was never broadcast), it broadcasts the journaled bytes again;
if it has been pending for `stuck_after_s`, it signs the same transaction with both fees raised
by `bump_percent` (geth wants 10 %) up to the `max_fee_per_gas_wei` ceiling, journals it as a
new attempt replacing the old, and broadcasts it. "Nonce too low" and "already known" are
answered by looking up receipts of journaled hashes, never by signing anew. Receipts younger
than `confirmations` blocks are checked again, so a reorg that drops one puts the key back to
pending.

**Nonces.** `PersistentNonces` (a `NonceSource`) gives max(the chain's pending count, the
journal's highest nonce + 1, what this process already handed out): transactions the RPC
forgot (a restart, a failover to a node that never saw them) keep their nonces, and reconcile
re-broadcasts them.

Balance and allowance checks before acting are the caller's (they depend on the action).
"""

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from eth_account.signers.local import LocalAccount
from eth_typing import HexStr
from eth_utils.address import to_checksum_address
from web3.types import Nonce, TxParams, TxReceipt, Wei

from fluxo.chain.client import (
    GAS_ESTIMATE_HEADROOM_PERCENT,
    ChainClient,
    ContractCall,
    Fees,
    SignedTransaction,
    sign_transaction,
)
from fluxo.chain.nonces import PendingCount
from fluxo.exceptions import (
    NONCE_TOO_HIGH,
    NONCE_TOO_LOW,
    ChainError,
    ChainUnavailable,
    TransactionPending,
    TransactionRejected,
)
from fluxo.node.config import ChainSection
from fluxo.node.rpc_pool import ChainAccess
from fluxo.node.state import BlockRef, NewAttempt, NodeState, TxAttempt, TxStatus

_STATUS_REVERTED: Final = 0
_FIRST_POLL_S: Final = 0.02
_MAX_POLL_S: Final = 1.0
# Statuses of a key's attempts that may still be mined.
_LIVE: Final = (TxStatus.PENDING, TxStatus.REPLACED)


@dataclass(frozen=True, slots=True)
class TxSettings:
    """How one chain's transactions are priced and followed (`[chains.transactions]`)."""

    gas_headroom_percent: int = GAS_ESTIMATE_HEADROOM_PERCENT
    max_fee_per_gas_wei: int = 100 * 10**9
    bump_percent: int = 12
    stuck_after_s: float = 60.0
    receipt_timeout_s: float = 120.0
    # A receipt less deep than this is checked again: a reorg may still drop it.
    confirmations: int = 3

    @classmethod
    def of(cls, chain: ChainSection) -> "TxSettings":
        section = chain.transactions
        return cls(
            gas_headroom_percent=section.gas_headroom_percent,
            max_fee_per_gas_wei=section.max_fee_per_gas_wei,
            bump_percent=section.bump_percent,
            stuck_after_s=section.stuck_after_s,
            receipt_timeout_s=section.receipt_timeout_s,
            confirmations=chain.confirmations,
        )


@dataclass(frozen=True, slots=True)
class TrackedTx:
    """What became of the action `key`: its attempts (a fee bump adds one) and their outcome.

    `status` is the key's: MINED or REVERTED (one attempt was mined), PENDING (one may still
    be), DROPPED (its nonce went to a transaction not in the journal) or REJECTED (the node
    refused every attempt; none entered a pool)."""

    key: str
    status: TxStatus
    attempts: tuple[TxAttempt, ...]

    @classmethod
    def of(cls, key: str, attempts: Sequence[TxAttempt]) -> "TrackedTx":
        if not attempts:
            raise KeyError(f"no transaction with key {key!r}")
        statuses = {attempt.status for attempt in attempts}
        for status in (TxStatus.MINED, TxStatus.REVERTED, TxStatus.PENDING):
            if status in statuses:
                return cls(key, status, tuple(attempts))
        if TxStatus.REPLACED in statuses:  # a bump journaled, its outcome not yet recorded
            return cls(key, TxStatus.PENDING, tuple(attempts))
        final = TxStatus.DROPPED if TxStatus.DROPPED in statuses else TxStatus.REJECTED
        return cls(key, final, tuple(attempts))

    @property
    def current(self) -> TxAttempt:
        """The mined attempt if there is one, else the latest."""
        for attempt in self.attempts:
            if attempt.status in (TxStatus.MINED, TxStatus.REVERTED):
                return attempt
        return self.attempts[-1]

    @property
    def tx_hash(self) -> str:
        return self.current.tx_hash

    @property
    def nonce(self) -> int:
        return self.current.nonce

    @property
    def done(self) -> bool:
        """Whether the outcome is known (anything but PENDING)."""
        return self.status is not TxStatus.PENDING

    @property
    def receipt_block(self) -> int | None:
        return self.current.receipt_block

    @property
    def revert_reason(self) -> str | None:
        return self.current.revert_reason

    @property
    def error(self) -> str | None:
        return self.current.error


@dataclass(frozen=True, slots=True)
class ReconcileReport:
    """What one `reconcile` found and did, for logs and metrics."""

    pending: int = 0
    mined: int = 0
    reverted: int = 0
    dropped: int = 0
    rebroadcast: int = 0
    bumped: int = 0
    reorged: int = 0
    stuck_at_ceiling: int = 0


class PersistentNonces:
    """A `NonceSource` for one chain whose floor survives restarts: the journal's highest
    nonce + 1 (kept in the state's nonce table), above the chain's pending count."""

    def __init__(self, state: NodeState, chain: str) -> None:
        self._state = state
        self._chain = chain
        self._next: dict[str, int] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def take(self, address: str, pending_count: PendingCount) -> int:
        async with self._locks.setdefault(address, asyncio.Lock()):
            nonce = self._next.get(address)
            if nonce is None:
                nonce = await pending_count(address)
            floor = self._state.next_nonce(self._chain, address)
            nonce = max(nonce, 0 if floor is None else floor)
            self._next[address] = nonce + 1
            return nonce

    async def release(self, address: str, nonce: int, *, rejection: str | None) -> None:
        async with self._locks.setdefault(address, asyncio.Lock()):
            # The floor comes back down to the released nonce, never below a journaled
            # transaction that may still be mined: a refused one left no hole to fill.
            self._state.set_next_nonce(self._chain, address, nonce)
            if rejection in (NONCE_TOO_LOW, NONCE_TOO_HIGH):
                self._next.pop(address, None)  # the chain knows better: ask it next time
            elif self._next.get(address) == nonce + 1:
                self._next[address] = nonce
            else:
                self._next.pop(address, None)  # a gap would stall every later transaction

    async def forget(self, address: str) -> None:
        async with self._locks.setdefault(address, asyncio.Lock()):
            self._next.pop(address, None)


class TxManager:
    """Sends and follows the transactions of one signer on one chain."""

    def __init__(
        self,
        chain: ChainAccess,
        state: NodeState,
        signer: LocalAccount,
        *,
        chain_name: str,
        settings: TxSettings,
        nonces: PersistentNonces | None = None,
    ) -> None:
        self._chain = chain
        self._state = state
        self._signer = signer
        self._name = chain_name
        self._settings = settings
        self._nonces = nonces if nonces is not None else PersistentNonces(state, chain_name)
        # One sender: sends, bumps and reconciliation take turns, so nonces stay in order.
        self._lock = asyncio.Lock()

    @property
    def sender(self) -> str:
        return self._signer.address

    def tracked(self, key: str) -> TrackedTx | None:
        """What the journal holds for `key`, or None if it was never sent."""
        attempts = self._state.attempts(self._name, key)
        return TrackedTx.of(key, attempts) if attempts else None

    async def send(
        self,
        call: ContractCall,
        *,
        key: str,
        gas: int | None = None,
        value_wei: int = 0,
        retry_failed: bool = False,
    ) -> TrackedTx:
        """Send `call` once for `key`; a key already journaled is not sent again and its
        tracked transaction is returned. With `retry_failed`, a key whose attempts were all
        refused by the node or dropped is sent anew (none of them can be mined any more).

        Raises before journaling only: `TransactionReverted` (the gas estimate reverted; no
        `gas` given) and `ChainUnavailable` (no endpoint to build on). A refusal at broadcast is
        journaled and returned as status REJECTED with the node's reason in `error`."""
        async with self._lock:
            attempts = self._state.attempts(self._name, key)
            if attempts:
                self._check_sender(key, attempts)
                tracked = TrackedTx.of(key, attempts)
                if not (retry_failed and tracked.status in (TxStatus.REJECTED, TxStatus.DROPPED)):
                    return tracked
            tx = await self._build(call, gas, value_wei)
            attempt_number = len(attempts)
            return await self._send_new(key, call.label, tx, attempt_number)

    async def wait(self, key: str, timeout_s: float | None = None) -> TrackedTx:
        """Reconcile `key` until its outcome is known; `TransactionPending` after `timeout_s`
        (default `receipt_timeout_s`). Stuck transactions are bumped while waiting."""
        limit_s = self._settings.receipt_timeout_s if timeout_s is None else timeout_s
        loop = asyncio.get_running_loop()
        deadline = loop.time() + limit_s
        delay_s = _FIRST_POLL_S
        while True:
            async with self._lock:
                tracked = self.tracked(key)
                if tracked is None:
                    raise KeyError(f"no transaction with key {key!r}")
                if not tracked.done:
                    mined_count = await self._mined_count()
                    await self._reconcile_key(key, mined_count, _Counter())
                    tracked = TrackedTx.of(key, self._state.attempts(self._name, key))
            if tracked.done:
                return tracked
            remaining_s = deadline - loop.time()
            if remaining_s <= 0:
                raise TransactionPending(tracked.tx_hash, limit_s)
            await asyncio.sleep(min(delay_s, remaining_s))
            delay_s = min(delay_s * 2, _MAX_POLL_S)

    async def reconcile(self) -> ReconcileReport:
        """Bring the journal and the chain into agreement (see the module docstring). Run it at
        start, before sending anything, and on every tick."""
        async with self._lock:
            counter = _Counter()
            await self._recheck_recent_receipts(counter)
            keys = self._state.keys_with_status(self._name, self.sender, [TxStatus.PENDING])
            if keys:
                # Read before the receipts: a nonce used with no receipt of ours is then
                # certainly used by someone else, not mined between the two reads.
                mined_count = await self._mined_count()
                for key in keys:
                    await self._reconcile_key(key, mined_count, counter)
            return counter.report()

    # --- sending ---------------------------------------------------------------------------

    async def _build(self, call: ContractCall, gas: int | None, value_wei: int) -> TxParams:
        headroom = self._settings.gas_headroom_percent

        async def build(client: ChainClient) -> TxParams:
            fees = self._capped(await client.fees())
            return await client.build(
                call,
                self.sender,
                gas=gas,
                fees=fees,
                value_wei=value_wei,
                gas_headroom_percent=headroom,
            )

        return await self._chain.run(build)

    async def _send_new(
        self, key: str, label: str, tx: TxParams, attempt_number: int, *, resynced: bool = False
    ) -> TrackedTx:
        nonce = await self._nonces.take(self.sender, self._pending_count)
        signed = sign_transaction(tx, self._signer, nonce, label)
        attempt = self._state.journal(self._new_attempt(key, signed, attempt_number, None))
        try:
            await self._broadcast(signed)
        except TransactionRejected as error:
            if await self._receipt_recorded(attempt):
                return self._tracked(key)  # it did reach a node: a failed-over retry saw it
            self._state.set_attempt_status(attempt.id, TxStatus.REJECTED, error=str(error))
            await self._nonces.release(self.sender, nonce, rejection=error.kind)
            if error.kind == NONCE_TOO_LOW and not resynced:
                # Another writer used this nonce (no receipt of ours has it): the source has
                # dropped its count, so one more attempt signs with the chain's.
                return await self._send_new(key, label, tx, attempt_number + 1, resynced=True)
            return self._tracked(key)
        except ChainUnavailable:
            # Journaled but maybe not sent: reconcile broadcasts these exact bytes again.
            return self._tracked(key)
        self._state.mark_broadcast(attempt.id)
        return self._tracked(key)

    async def _broadcast(self, signed: SignedTransaction) -> None:
        await self._chain.run(lambda client: client.broadcast(signed))

    # --- reconciling -----------------------------------------------------------------------

    async def _reconcile_key(self, key: str, mined_count: int, counter: "_Counter") -> None:
        attempts = self._state.attempts(self._name, key)
        live = [attempt for attempt in attempts if attempt.status in _LIVE]
        if not live:
            return
        counter.pending += 1
        for attempt in reversed(live):
            if await self._receipt_recorded(attempt, counter):
                return
        current = next(a for a in reversed(live) if a.status is TxStatus.PENDING)
        if mined_count > current.nonce:
            for attempt in live:
                self._state.set_attempt_status(
                    attempt.id,
                    TxStatus.DROPPED,
                    error=f"nonce {attempt.nonce} was used by a transaction not in the journal",
                )
            counter.dropped += 1
            return
        known = current.broadcast_at is not None and await self._chain.run(
            lambda client: client.knows_transaction(current.tx_hash)
        )
        if not known and await self._rebroadcast(current, counter):
            return
        since = current.broadcast_at if current.broadcast_at is not None else current.created_at
        if self._state.now() - since >= self._settings.stuck_after_s:
            await self._bump(current, counter)

    async def _rebroadcast(self, attempt: TxAttempt, counter: "_Counter") -> bool:
        """Send the journaled bytes again (the node lost them, or never got them). False if
        the node refuses them for a reason a fee bump may cure."""
        signed = _signed_from(attempt, self._chain.chain_id)
        try:
            await self._broadcast(signed)
        except TransactionRejected as error:
            if error.kind != NONCE_TOO_LOW:
                self._state.set_attempt_status(attempt.id, TxStatus.PENDING, error=str(error))
                return False
            # Mined since we looked, or taken by another writer: the receipts tell which.
            if not await self._receipt_recorded(attempt, counter):
                for live in self._state.attempts(self._name, attempt.key):
                    if live.status in _LIVE:
                        self._state.set_attempt_status(
                            live.id, TxStatus.DROPPED, error=f"nonce used elsewhere: {error}"
                        )
                counter.dropped += 1
            return True
        self._state.mark_broadcast(attempt.id)
        counter.rebroadcast += 1
        return True

    async def _bump(self, current: TxAttempt, counter: "_Counter") -> None:
        suggested = await self._chain.run(lambda client: client.fees())
        fees = bump_fees(
            Fees(current.max_fee_per_gas_wei, current.max_priority_fee_per_gas_wei),
            suggested,
            bump_percent=self._settings.bump_percent,
            ceiling_wei=self._settings.max_fee_per_gas_wei,
        )
        if fees is None:
            self._state.set_attempt_status(
                current.id,
                TxStatus.PENDING,
                error=(
                    f"stuck: a {self._settings.bump_percent} % bump would pass the fee ceiling "
                    f"of {self._settings.max_fee_per_gas_wei} wei"
                ),
            )
            counter.stuck_at_ceiling += 1
            return
        tx = _tx_from(current, self._chain.chain_id)
        tx["maxFeePerGas"] = Wei(fees.max_fee_per_gas)
        tx["maxPriorityFeePerGas"] = Wei(fees.max_priority_fee_per_gas)
        signed = sign_transaction(tx, self._signer, current.nonce, current.label)
        with self._state.transaction():
            self._state.set_attempt_status(current.id, TxStatus.REPLACED)
            replacement = self._state.journal(
                self._new_attempt(current.key, signed, current.attempt + 1, current.id)
            )
        try:
            await self._broadcast(signed)
        except TransactionRejected as error:
            # Refused (underpriced, or the nonce was just used): the old attempt stands.
            with self._state.transaction():
                self._state.set_attempt_status(replacement.id, TxStatus.REJECTED, error=str(error))
                self._state.set_attempt_status(current.id, TxStatus.PENDING)
            return
        except ChainUnavailable:
            return  # journaled: the next reconcile sends it
        self._state.mark_broadcast(replacement.id)
        counter.bumped += 1

    async def _receipt_recorded(
        self, attempt: TxAttempt, counter: "_Counter | None" = None
    ) -> bool:
        """Look up `attempt`'s receipt; if it is mined, record it (with the revert reason)."""
        receipt = await self._receipt(attempt.tx_hash)
        if receipt is None:
            return False
        reason = None
        if receipt["status"] == _STATUS_REVERTED:
            tx = _tx_from(attempt, self._chain.chain_id)
            reason = await self._chain.run(lambda client: client.replay_reason(tx, receipt))
        self._state.record_receipt(
            attempt.id,
            block=_block_of(receipt),
            gas_used=int(receipt["gasUsed"]),
            revert_reason=reason,
        )
        if counter is not None:
            if reason is None:
                counter.mined += 1
            else:
                counter.reverted += 1
        return True

    async def _recheck_recent_receipts(self, counter: "_Counter") -> None:
        """Receipts in blocks a reorg could still replace are looked up again: one that
        vanished puts its attempt back to pending; one now in another block is re-recorded."""
        head = await self._chain.run(lambda client: client.block_number())
        since = max(head - self._settings.confirmations, 0)
        for attempt in self._state.mined_since(self._name, self.sender, since):
            receipt = await self._receipt(attempt.tx_hash)
            if receipt is None:
                self._state.set_attempt_status(
                    attempt.id, TxStatus.PENDING, error="its block was reorged away"
                )
            elif _block_of(receipt).hash != attempt.receipt_block_hash:
                self._state.record_receipt(
                    attempt.id,
                    block=_block_of(receipt),
                    gas_used=int(receipt["gasUsed"]),
                    revert_reason=attempt.revert_reason,
                )
            else:
                continue
            counter.reorged += 1

    # --- helpers ---------------------------------------------------------------------------

    def _capped(self, fees: Fees) -> Fees:
        fee = min(fees.max_fee_per_gas, self._settings.max_fee_per_gas_wei)
        return Fees(fee, min(fees.max_priority_fee_per_gas, fee))

    async def _receipt(self, tx_hash: str) -> TxReceipt | None:
        return await self._chain.run(lambda client: client.receipt(tx_hash))

    async def _pending_count(self, address: str) -> int:
        return await self._chain.run(lambda client: client.pending_count(address))

    async def _mined_count(self) -> int:
        return await self._chain.run(lambda client: client.mined_count(self.sender))

    def _tracked(self, key: str) -> TrackedTx:
        return TrackedTx.of(key, self._state.attempts(self._name, key))

    def _check_sender(self, key: str, attempts: Sequence[TxAttempt]) -> None:
        if attempts[0].sender != self.sender:
            raise ChainError(
                f"key {key!r} on {self._name} was sent by {attempts[0].sender}, not {self.sender}"
            )

    def _new_attempt(
        self, key: str, signed: SignedTransaction, attempt: int, replaces: int | None
    ) -> NewAttempt:
        tx = signed.tx
        to = tx.get("to")
        data = tx.get("data", "0x")
        return NewAttempt(
            chain=self._name,
            sender=self.sender,
            key=key,
            attempt=attempt,
            replaces=replaces,
            label=signed.label,
            nonce=signed.nonce,
            tx_hash=signed.hash,
            raw=signed.raw,
            to=None if to is None else to_checksum_address(str(to)),
            data=bytes.fromhex(str(data).removeprefix("0x")),
            value_wei=int(tx.get("value", 0)),
            gas=int(tx["gas"]),
            max_fee_per_gas_wei=int(tx["maxFeePerGas"]),
            max_priority_fee_per_gas_wei=int(tx["maxPriorityFeePerGas"]),
        )


def bump_fees(
    current: Fees, suggested: Fees, *, bump_percent: int, ceiling_wei: int
) -> Fees | None:
    """The fees of a replacement: both raised by at least `bump_percent` (nodes refuse less),
    or to the node's current suggestion if higher, the fee cap within `ceiling_wei`; None when
    the ceiling leaves no replacement a node would accept."""
    factor = 100 + bump_percent
    min_fee = -(-current.max_fee_per_gas * factor // 100)  # integer ceiling: wei are exact
    min_tip = -(-current.max_priority_fee_per_gas * factor // 100)
    fee = min(max(min_fee, suggested.max_fee_per_gas), ceiling_wei)
    tip = min(max(min_tip, suggested.max_priority_fee_per_gas), fee)
    if fee < min_fee or tip < min_tip:
        return None
    return Fees(fee, tip)


class _Counter:
    def __init__(self) -> None:
        self.pending = self.mined = self.reverted = self.dropped = 0
        self.rebroadcast = self.bumped = self.reorged = self.stuck_at_ceiling = 0

    def report(self) -> ReconcileReport:
        return ReconcileReport(
            self.pending,
            self.mined,
            self.reverted,
            self.dropped,
            self.rebroadcast,
            self.bumped,
            self.reorged,
            self.stuck_at_ceiling,
        )


def _tx_from(attempt: TxAttempt, chain_id: int) -> TxParams:
    """The unsigned transaction an attempt signed (its nonce included)."""
    tx: TxParams = {
        "from": to_checksum_address(attempt.sender),
        "chainId": chain_id,
        "data": HexStr("0x" + attempt.data.hex()),
        "value": Wei(attempt.value_wei),
        "gas": attempt.gas,
        "maxFeePerGas": Wei(attempt.max_fee_per_gas_wei),
        "maxPriorityFeePerGas": Wei(attempt.max_priority_fee_per_gas_wei),
        "type": 2,
        "nonce": Nonce(attempt.nonce),
    }
    if attempt.to is not None:
        tx["to"] = to_checksum_address(attempt.to)
    return tx


def _signed_from(attempt: TxAttempt, chain_id: int) -> SignedTransaction:
    """The journaled signed bytes, ready to broadcast again."""
    return SignedTransaction(
        tx=_tx_from(attempt, chain_id),
        raw=attempt.raw,
        hash=HexStr(attempt.tx_hash),
        sender=to_checksum_address(attempt.sender),
        nonce=attempt.nonce,
        label=attempt.label,
    )


def _block_of(receipt: TxReceipt) -> BlockRef:
    return BlockRef(int(receipt["blockNumber"]), bytes(receipt["blockHash"]))
