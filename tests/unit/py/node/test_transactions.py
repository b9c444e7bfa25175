"""The transaction manager's pure parts: a key's outcome from its attempts, the replacement fees,
and the persistent nonce source. The chain-facing behaviour is tested on anvil in
tests/integration/node/test_transactions.py."""

import asyncio
from pathlib import Path
from typing import Final

import pytest

from fluxo.chain.client import Fees
from fluxo.exceptions import INSUFFICIENT_FUNDS, NONCE_TOO_LOW
from fluxo.node.state import NewAttempt, NodeState, TxAttempt, TxStatus
from fluxo.node.transactions import PersistentNonces, TrackedTx, bump_fees

CHAIN: Final = "devnet"
SENDER: Final = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"
GWEI: Final = 10**9


def _attempt(status: TxStatus, number: int = 0) -> TxAttempt:
    return TxAttempt(
        id=number + 1,
        chain=CHAIN,
        sender=SENDER,
        key="k",
        attempt=number,
        replaces=None,
        label="",
        nonce=0,
        tx_hash=f"0x{number:064x}",
        raw=b"",
        to=None,
        data=b"",
        value_wei=0,
        gas=21_000,
        max_fee_per_gas_wei=GWEI,
        max_priority_fee_per_gas_wei=GWEI,
        status=status,
        created_at=0.0,
        broadcast_at=None,
        updated_at=0.0,
        receipt_block=None,
        receipt_block_hash=None,
        gas_used=None,
        revert_reason=None,
        error=None,
    )


# --- a key's outcome -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("statuses", "outcome", "current"),
    [
        ([TxStatus.PENDING], TxStatus.PENDING, 0),
        ([TxStatus.REPLACED, TxStatus.PENDING], TxStatus.PENDING, 1),
        ([TxStatus.MINED, TxStatus.REPLACED], TxStatus.MINED, 0),
        ([TxStatus.REPLACED, TxStatus.REVERTED], TxStatus.REVERTED, 1),
        ([TxStatus.REPLACED], TxStatus.PENDING, 0),
        ([TxStatus.REJECTED, TxStatus.MINED], TxStatus.MINED, 1),
        ([TxStatus.REJECTED, TxStatus.DROPPED], TxStatus.DROPPED, 1),
        ([TxStatus.REJECTED], TxStatus.REJECTED, 0),
    ],
)
def test_tracked_of__attempt_statuses__key_outcome_and_current_attempt(
    statuses: list[TxStatus], outcome: TxStatus, current: int
) -> None:
    tracked = TrackedTx.of("k", [_attempt(status, n) for n, status in enumerate(statuses)])

    assert tracked.status is outcome
    assert tracked.current.attempt == current
    assert tracked.done is (outcome is not TxStatus.PENDING)


def test_tracked_of__no_attempts__key_error() -> None:
    with pytest.raises(KeyError):
        TrackedTx.of("k", [])


# --- replacement fees ------------------------------------------------------------------------


def test_bump_fees__node_suggests_less__both_fees_raised_by_the_percentage() -> None:
    bumped = bump_fees(
        Fees(10 * GWEI, 2 * GWEI), Fees(5 * GWEI, GWEI), bump_percent=12, ceiling_wei=100 * GWEI
    )

    assert bumped == Fees(11_200_000_000, 2_240_000_000)


def test_bump_fees__node_suggests_more__the_suggestion() -> None:
    bumped = bump_fees(
        Fees(10 * GWEI, 2 * GWEI),
        Fees(30 * GWEI, 5 * GWEI),
        bump_percent=12,
        ceiling_wei=100 * GWEI,
    )

    assert bumped == Fees(30 * GWEI, 5 * GWEI)


def test_bump_fees__suggestion_above_ceiling__capped() -> None:
    bumped = bump_fees(
        Fees(10 * GWEI, 2 * GWEI), Fees(90 * GWEI, 5 * GWEI), bump_percent=10, ceiling_wei=20 * GWEI
    )

    assert bumped == Fees(20 * GWEI, 5 * GWEI)


def test_bump_fees__odd_wei__rounded_up_never_below_the_percentage() -> None:
    bumped = bump_fees(Fees(11, 11), Fees(0, 0), bump_percent=10, ceiling_wei=10**18)

    assert bumped == Fees(13, 13)  # 12.1 → 13: 12 would be refused as under 10 %


def test_bump_fees__ceiling_below_a_valid_bump__none() -> None:
    bumped = bump_fees(
        Fees(10 * GWEI, 2 * GWEI), Fees(0, 0), bump_percent=12, ceiling_wei=11 * GWEI
    )

    assert bumped is None


def test_bump_fees__tip_equal_to_fee__both_raised_within_the_ceiling() -> None:
    bumped = bump_fees(
        Fees(10 * GWEI, 10 * GWEI), Fees(0, 0), bump_percent=10, ceiling_wei=11 * GWEI
    )

    assert bumped == Fees(11 * GWEI, 11 * GWEI)


# --- persistent nonces -----------------------------------------------------------------------


def _journal(state: NodeState, nonce: int) -> None:
    state.journal(
        NewAttempt(
            chain=CHAIN,
            sender=SENDER,
            key=f"k{nonce}",
            attempt=0,
            replaces=None,
            label="",
            nonce=nonce,
            tx_hash=f"0x{nonce:064x}",
            raw=b"",
            to=None,
            data=b"",
            value_wei=0,
            gas=21_000,
            max_fee_per_gas_wei=GWEI,
            max_priority_fee_per_gas_wei=GWEI,
        )
    )


def _take(nonces: PersistentNonces, chain_count: int) -> int:
    async def pending_count(address: str) -> int:
        return chain_count

    return asyncio.run(nonces.take(SENDER, pending_count))


def test_take__empty_journal__the_chains_pending_count(tmp_path: Path) -> None:
    with NodeState.open(tmp_path) as state:
        assert _take(PersistentNonces(state, CHAIN), 4) == 4


def test_take__journal_ahead_of_the_chain__journal_plus_one(tmp_path: Path) -> None:
    """The RPC forgot journaled transactions (restart, failover): their nonces stay taken."""
    with NodeState.open(tmp_path) as state:
        _journal(state, 6)

        assert _take(PersistentNonces(state, CHAIN), 2) == 7


def test_take__after_restart__floor_survives(tmp_path: Path) -> None:
    with NodeState.open(tmp_path) as state:
        _journal(state, 6)
    with NodeState.open(tmp_path) as reopened:
        assert _take(PersistentNonces(reopened, CHAIN), 0) == 7


def test_take__twice_in_one_process__consecutive_without_asking_again(tmp_path: Path) -> None:
    with NodeState.open(tmp_path) as state:
        nonces = PersistentNonces(state, CHAIN)

        assert [_take(nonces, 3), _take(nonces, 3)] == [3, 4]


def test_release__unsent_latest__reused(tmp_path: Path) -> None:
    with NodeState.open(tmp_path) as state:
        nonces = PersistentNonces(state, CHAIN)
        nonce = _take(nonces, 3)
        asyncio.run(nonces.release(SENDER, nonce, rejection=INSUFFICIENT_FUNDS))

        assert _take(nonces, 3) == 3


def test_release__nonce_too_low__asks_the_chain_again(tmp_path: Path) -> None:
    with NodeState.open(tmp_path) as state:
        nonces = PersistentNonces(state, CHAIN)
        nonce = _take(nonces, 3)
        asyncio.run(nonces.release(SENDER, nonce, rejection=NONCE_TOO_LOW))

        assert _take(nonces, 9) == 9


def test_release__journaled_attempt_refused__its_nonce_taken_again(tmp_path: Path) -> None:
    """Journaling moved the floor past the nonce; the node refused the transaction (never in
    a pool), so the next one must reuse the nonce or every later one would wait on a hole."""
    with NodeState.open(tmp_path) as state:
        nonces = PersistentNonces(state, CHAIN)
        nonce = _take(nonces, 6)
        _journal(state, nonce)
        refused = state.attempts(CHAIN, f"k{nonce}")[0]
        state.set_attempt_status(refused.id, TxStatus.REJECTED)
        asyncio.run(nonces.release(SENDER, nonce, rejection=INSUFFICIENT_FUNDS))

        assert _take(nonces, 6) == 6


def test_release__earlier_attempt_still_live__floor_kept_above_it(tmp_path: Path) -> None:
    with NodeState.open(tmp_path) as state:
        _journal(state, 6)  # pending: may still be mined
        nonces = PersistentNonces(state, CHAIN)
        asyncio.run(nonces.release(SENDER, 3, rejection=NONCE_TOO_LOW))

        assert _take(nonces, 2) == 7
