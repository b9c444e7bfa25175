"""The observation store: validated on insert, bounded whatever a peer sends."""

import asyncio
from dataclasses import replace

import pytest

from fluxo.node.observations import InsertResult, ObservationStore, WireObservation
from tests.harness.observations import (
    FEED_ADDRESS,
    NOW_S,
    OTHER_FEED_ADDRESS,
    OUTSIDER,
    ROUND,
    SIGNERS,
    FakeSignerSource,
    signed_wire,
)


def _store(chain: FakeSignerSource | None = None, **options: int) -> ObservationStore:
    return ObservationStore(chain or FakeSignerSource(), clock=lambda: NOW_S, **options)


def _insert(store: ObservationStore, *wires: WireObservation) -> list[InsertResult]:
    async def main() -> list[InsertResult]:
        return [(await store.insert(wire)).result for wire in wires]

    return asyncio.run(main())


def _held(store: ObservationStore, round_: int = ROUND) -> list[WireObservation] | None:
    return asyncio.run(store.held(FEED_ADDRESS, round_))


def test_insert__signer_of_the_feed__stored_and_held() -> None:
    store = _store()
    wire = signed_wire(SIGNERS[1])

    assert _insert(store, wire) == [InsertResult.STORED]
    assert _held(store) == [wire]
    assert len(store) == 1


def test_insert__signature_by_an_outsider__unknown_signer() -> None:
    store = _store()

    assert _insert(store, signed_wire(OUTSIDER)) == [InsertResult.UNKNOWN_SIGNER]
    assert len(store) == 0


def test_insert__answer_changed_after_signing__rejected_as_another_signer() -> None:
    """A forged answer under a genuine signature recovers to some other address."""
    store = _store()
    forged = replace(signed_wire(SIGNERS[0], answer=100), answer=999)

    assert _insert(store, forged) == [InsertResult.UNKNOWN_SIGNER]


def test_insert__signed_for_another_feed__rejected() -> None:
    store = _store(FakeSignerSource(feeds=(FEED_ADDRESS, OTHER_FEED_ADDRESS)))
    wrong_domain = replace(signed_wire(SIGNERS[0]), feed_address=OTHER_FEED_ADDRESS)

    assert _insert(store, wrong_domain) == [InsertResult.UNKNOWN_SIGNER]


def test_insert__high_s_signature__bad_signature() -> None:
    store = _store()
    wire = signed_wire(SIGNERS[0])
    n = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141
    s = int.from_bytes(wire.signature[32:64], "big")
    flipped = wire.signature[:32] + (n - s).to_bytes(32, "big") + bytes([wire.signature[64] ^ 1])

    assert _insert(store, replace(wire, signature=flipped)) == [InsertResult.BAD_SIGNATURE]


def test_insert__feed_not_served__unknown_feed() -> None:
    store = _store()

    assert _insert(store, signed_wire(SIGNERS[0], feed_address=OTHER_FEED_ADDRESS)) == [
        InsertResult.UNKNOWN_FEED
    ]


@pytest.mark.parametrize(
    ("round_", "expected"),
    [
        pytest.param(ROUND - 1, InsertResult.ROUND_NOT_OPEN, id="landed_round__refused"),
        pytest.param(ROUND, InsertResult.STORED, id="round_being_reported__stored"),
        pytest.param(ROUND + 1, InsertResult.STORED, id="next_round__stored"),
        pytest.param(ROUND + 2, InsertResult.ROUND_NOT_OPEN, id="two_ahead__refused"),
    ],
)
def test_insert__round__only_current_and_next(round_: int, expected: InsertResult) -> None:
    assert _insert(_store(), signed_wire(SIGNERS[0], round_=round_)) == [expected]


@pytest.mark.parametrize(
    ("timestamp_s", "expected"),
    [
        pytest.param(NOW_S + 60, InsertResult.STORED, id="60s_ahead__stored"),
        pytest.param(NOW_S + 61, InsertResult.BAD_TIMESTAMP, id="61s_ahead__refused"),
        pytest.param(NOW_S - 255, InsertResult.STORED, id="255s_old__stored"),
        pytest.param(NOW_S - 256, InsertResult.BAD_TIMESTAMP, id="older_than_any_max_age__refused"),
    ],
)
def test_insert__timestamp__only_what_a_feed_could_accept(
    timestamp_s: int, expected: InsertResult
) -> None:
    assert _insert(_store(), signed_wire(SIGNERS[0], timestamp_s=timestamp_s)) == [expected]


def test_insert__same_observation_twice__duplicate_kept_once() -> None:
    store = _store()
    wire = signed_wire(SIGNERS[0])

    assert _insert(store, wire, wire) == [InsertResult.STORED, InsertResult.DUPLICATE]
    assert len(store) == 1


def test_insert__newer_from_same_signer__replaces() -> None:
    store = _store()
    older = signed_wire(SIGNERS[0], answer=100, timestamp_s=NOW_S - 20)
    newer = signed_wire(SIGNERS[0], answer=101, timestamp_s=NOW_S - 10)

    assert _insert(store, older, newer) == [InsertResult.STORED, InsertResult.REPLACED]
    assert _held(store) == [newer]


def test_insert__on_stored__called_for_what_was_kept_only() -> None:
    kept: list[WireObservation] = []
    store = ObservationStore(FakeSignerSource(), clock=lambda: NOW_S, on_stored=kept.append)
    older = signed_wire(SIGNERS[0], answer=100, timestamp_s=NOW_S - 20)
    newer = signed_wire(SIGNERS[0], answer=101, timestamp_s=NOW_S - 10)

    _insert(store, older, older, newer, older, signed_wire(OUTSIDER))

    assert kept == [older, newer]


@pytest.mark.parametrize("timestamp_s", [NOW_S - 20, NOW_S - 30], ids=["same_time", "older"])
def test_insert__not_newer_from_same_signer__held_one_stays(timestamp_s: int) -> None:
    store = _store()
    held = signed_wire(SIGNERS[0], answer=100, timestamp_s=NOW_S - 20)
    late = signed_wire(SIGNERS[0], answer=105, timestamp_s=timestamp_s)

    assert _insert(store, held, late) == [InsertResult.STORED, InsertResult.SUPERSEDED]
    assert _held(store) == [held]


def test_insert__one_peer_floods_one_signer__store_never_grows_past_one_per_round() -> None:
    """A peer replaying every observation one signer ever made, in any order, leaves one per
    (round, signer): two rounds, two entries."""
    store = _store()
    flood = [
        signed_wire(SIGNERS[0], answer=answer, timestamp_s=NOW_S - 50 + answer, round_=round_)
        for answer in range(6)
        for round_ in (ROUND, ROUND + 1)
    ]

    results = _insert(store, *reversed(flood), *flood)

    assert len(store) == 2
    assert results.count(InsertResult.STORED) == 2
    assert all(result.accepted for result in results)


def test_insert__global_cap_reached__store_full_refuses_new_but_replaces() -> None:
    store = _store(max_observations=2)
    first, second = signed_wire(SIGNERS[0]), signed_wire(SIGNERS[1])
    newer_first = signed_wire(SIGNERS[0], answer=7, timestamp_s=NOW_S)

    results = _insert(store, first, second, signed_wire(SIGNERS[2]), newer_first)

    assert results == [
        InsertResult.STORED,
        InsertResult.STORED,
        InsertResult.STORE_FULL,
        InsertResult.REPLACED,
    ]
    assert len(store) == 2


def test_held__feed_moved_on__stale_round_evicted() -> None:
    chain = FakeSignerSource()
    store = _store(chain)
    _insert(store, signed_wire(SIGNERS[0]), signed_wire(SIGNERS[1], round_=ROUND + 1))

    chain.latest_round = ROUND

    assert _held(store) == []
    assert _held(store, ROUND + 1) == [signed_wire(SIGNERS[1], round_=ROUND + 1)]
    assert len(store) == 1


def test_insert__feed_moved_on__old_round_refused_and_evicted() -> None:
    chain = FakeSignerSource()
    store = _store(chain)
    _insert(store, signed_wire(SIGNERS[0]))

    chain.latest_round = ROUND

    assert _insert(store, signed_wire(SIGNERS[1])) == [InsertResult.ROUND_NOT_OPEN]
    assert len(store) == 0


def test_held__signer_removed_from_the_feed__its_observation_dropped() -> None:
    chain = FakeSignerSource()
    store = _store(chain)
    kept, removed = signed_wire(SIGNERS[0]), signed_wire(SIGNERS[1])
    _insert(store, kept, removed)

    chain.signers = (SIGNERS[0].address, SIGNERS[2].address)

    assert _held(store) == [kept]
    assert len(store) == 1
    assert _insert(store, signed_wire(SIGNERS[1], answer=3)) == [InsertResult.UNKNOWN_SIGNER]


def test_held__in_signer_list_order__whatever_the_arrival_order() -> None:
    store = _store()
    wires = [signed_wire(signer) for signer in SIGNERS]
    _insert(store, *reversed(wires))

    assert _held(store) == wires


def test_held__unknown_feed__none() -> None:
    assert asyncio.run(_store().held(OTHER_FEED_ADDRESS, ROUND)) is None


def test_first_seen_s__round_started__not_moved_by_replacements() -> None:
    clock = [float(NOW_S)]
    store = ObservationStore(FakeSignerSource(), clock=lambda: clock[0])
    _insert(store, signed_wire(SIGNERS[0], timestamp_s=NOW_S - 10))
    clock[0] += 7
    _insert(store, signed_wire(SIGNERS[0], timestamp_s=NOW_S), signed_wire(SIGNERS[1]))

    assert store.first_seen_s(FEED_ADDRESS, ROUND) == NOW_S
    assert store.first_seen_s(FEED_ADDRESS, ROUND + 1) is None


def test_insert__duplicate__answered_without_recovering_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Exact copies are the common case of a gossiping peer; they cost a comparison, not an
    elliptic-curve recovery."""
    store = _store()
    wire = signed_wire(SIGNERS[0])
    _insert(store, wire)

    def no_recovery(*_args: object) -> str:
        raise AssertionError("recovered a duplicate")

    monkeypatch.setattr("fluxo.node.observations.store.recover_signer", no_recovery)
    outcome = asyncio.run(store.insert(wire))

    assert outcome.result is InsertResult.DUPLICATE
    assert outcome.signer == SIGNERS[0].address
