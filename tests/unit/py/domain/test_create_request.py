"""SPEC §3: who may ask, what a request must look like, what it costs, what it snapshots."""

from collections.abc import Callable
from typing import Any

import pytest

from fluxo.domain import Config, RequestArgs, Source
from fluxo.domain.outcome import categorical
from tests.model import OracleModel, OracleRevert, TransferFailed, Undecodable

YES = categorical(0)


def test_create_request__whitelisted__pulls_validity_bond_and_fee(
    oracle: OracleModel,
    requester: str,
    payment_token: str,
    make_args: Callable[..., RequestArgs],
    settlement_s: int,
) -> None:
    """Money flow: requester -> oracle 100 (validity bond) + 50 (fee) = 150 payment tokens."""
    requester_before = oracle.balance_of(payment_token, requester)
    assert oracle.balance_of(payment_token, oracle.address) == 0

    assert oracle.create_request(requester, make_args(), settlement_s) == 0
    assert oracle.create_request(requester, make_args(), settlement_s) == 1

    assert oracle.balance_of(payment_token, requester) == requester_before - 2 * 150
    assert oracle.balance_of(payment_token, oracle.address) == 2 * 150
    assert oracle.request_count == 2


def test_create_request__not_whitelisted__reverts(
    oracle: OracleModel, stranger: str, make_args: Callable[..., RequestArgs], settlement_s: int
) -> None:
    with pytest.raises(OracleRevert, match="^oracle: not whitelisted$"):
        oracle.create_request(stranger, make_args(), settlement_s)


def test_create_request__paused__reverts_before_the_whitelist(
    oracle: OracleModel,
    owner: str,
    stranger: str,
    make_args: Callable[..., RequestArgs],
    settlement_s: int,
) -> None:
    oracle.pause(owner, 0)
    with pytest.raises(OracleRevert, match="^pausable: contract is paused$"):
        oracle.create_request(stranger, make_args(), settlement_s)


def test_create_request__payment_short__reverts_and_creates_nothing(
    oracle: OracleModel,
    owner: str,
    stranger: str,
    payment_token: str,
    make_args: Callable[..., RequestArgs],
    settlement_s: int,
) -> None:
    """Money flow: the stranger holds 149 of the 150 it owes, so nothing moves."""
    oracle.add_requester(owner, stranger, "poor", 10_000, "")
    oracle.mint(payment_token, stranger, 149)
    with pytest.raises(TransferFailed):
        oracle.create_request(stranger, make_args(), settlement_s)
    assert oracle.balance_of(payment_token, stranger) == 149
    assert oracle.request_count == 0


_NINE = tuple(f"item {i}" for i in range(9))
_NINE_SOURCES = tuple(Source(f"https://{i}.example", "$.x") for i in range(9))


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"outcomes": ("only",)}, "bad outcome count"),
        ({"data_type": 2}, "bad data type"),
        ({"description": "", "sources": ()}, "empty request"),
        ({"challenge_period": 59}, "period out of bounds"),
        ({"challenge_period": 7 * 86_400 + 1}, "period out of bounds"),
        ({"min_bond": 2**96}, "bond too large"),
        ({"fee": 2**96}, "fee too large"),
        ({"settlement_time": 2**40}, "bad settlement time"),
    ],
)
def test_create_request__rule_broken__reverts_with_its_reason(
    oracle: OracleModel,
    requester: str,
    make_args: Callable[..., RequestArgs],
    settlement_s: int,
    overrides: dict[str, Any],
    reason: str,
) -> None:
    with pytest.raises(OracleRevert, match=f"^oracle: {reason}$"):
        oracle.create_request(requester, make_args(**overrides), settlement_s)
    assert oracle.request_count == 0


@pytest.mark.parametrize(
    "overrides",
    [
        {"sources": _NINE_SOURCES},
        {"outcomes": _NINE},
        {"tags": _NINE},
        {"sources": (Source("a", "b"),) * 9, "outcomes": _NINE, "data_type": 9},
    ],
)
def test_create_request__list_beyond_its_type__does_not_decode(
    oracle: OracleModel,
    requester: str,
    make_args: Callable[..., RequestArgs],
    settlement_s: int,
    overrides: dict[str, Any],
) -> None:
    with pytest.raises(Undecodable):
        oracle.create_request(requester, make_args(**overrides), settlement_s)
    assert oracle.request_count == 0


@pytest.mark.parametrize(
    "overrides",
    [
        {"sources": _NINE_SOURCES[:8]},
        {"outcomes": _NINE[:8]},
        {"outcomes": ("a", "b")},
        {"outcomes": (), "data_type": 1},
        {"tags": _NINE[:8]},
        {"description": "", "sources": (Source("https://api.example", "$.price"),)},
        {"challenge_period": 60},
        {"challenge_period": 7 * 86_400},
        {"min_bond": 2**96 - 1},
        {"fee": 2**96 - 1},
        {"settlement_time": 2**40 - 1},
    ],
)
def test_create_request__at_the_limits__is_accepted(
    oracle: OracleModel,
    requester: str,
    payment_token: str,
    make_args: Callable[..., RequestArgs],
    settlement_s: int,
    overrides: dict[str, Any],
) -> None:
    oracle.mint(payment_token, requester, 2**96)
    assert oracle.create_request(requester, make_args(**overrides), settlement_s) == 0


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"outcomes": ("only",), "data_type": 9}, "bad outcome count"),
        ({"data_type": 9, "description": ""}, "bad data type"),
        ({"description": "", "challenge_period": 0}, "empty request"),
        ({"challenge_period": 0, "fee": 2**96}, "period out of bounds"),
        ({"min_bond": 2**96, "fee": 2**96, "settlement_time": 2**40}, "bond too large"),
        ({"fee": 2**96, "settlement_time": 2**40}, "fee too large"),
    ],
)
def test_create_request__several_rules_broken__earliest_reason_wins(
    oracle: OracleModel,
    requester: str,
    make_args: Callable[..., RequestArgs],
    settlement_s: int,
    overrides: dict[str, Any],
    reason: str,
) -> None:
    with pytest.raises(OracleRevert, match=f"^oracle: {reason}$"):
        oracle.create_request(requester, make_args(**overrides), settlement_s)


def test_create_request__multiplier_floors_b0_to_zero__reverts(
    oracle: OracleModel,
    owner: str,
    stranger: str,
    payment_token: str,
    make_args: Callable[..., RequestArgs],
    settlement_s: int,
) -> None:
    """B0 = max(200, 0) * 49 // 10_000 = 0; with 50 bps it is exactly 1."""
    oracle.add_requester(owner, stranger, "tiny", 49, "")
    oracle.mint(payment_token, stranger, 1_000)
    with pytest.raises(OracleRevert, match="^oracle: zero bond$"):
        oracle.create_request(stranger, make_args(), settlement_s)

    oracle.add_requester(owner, stranger, "tiny", 50, "")
    request_id = oracle.create_request(stranger, make_args(), settlement_s)
    assert oracle.round_info(request_id, 0).bond_wei == 1


def test_create_request__settlement_in_the_past__is_clamped_to_now(
    oracle: OracleModel, requester: str, make_args: Callable[..., RequestArgs]
) -> None:
    request_id = oracle.create_request(requester, make_args(settlement_time=5), 1_234)
    assert oracle.round_info(request_id, 0).start_s == 1_234


def test_create_request__settlement_in_the_future__is_kept(
    oracle: OracleModel, requester: str, make_args: Callable[..., RequestArgs]
) -> None:
    request_id = oracle.create_request(requester, make_args(settlement_time=5_000), 1_234)
    assert oracle.round_info(request_id, 0).start_s == 5_000


def test_create_request__later_multiplier_change__leaves_open_request_alone(
    oracle: OracleModel,
    owner: str,
    requester: str,
    make_args: Callable[..., RequestArgs],
    settlement_s: int,
) -> None:
    """B0 = 200 * 10_000 // 10_000 = 200 before, 200 * 25_000 // 10_000 = 500 after."""
    before = oracle.create_request(requester, make_args(), settlement_s)
    oracle.add_requester(owner, requester, "requester", 25_000, "")
    after = oracle.create_request(requester, make_args(), settlement_s)
    assert oracle.round_info(before, 0).bond_wei == 200
    assert oracle.round_info(after, 0).bond_wei == 500


def test_create_request__later_config__applies_to_new_requests_only(
    oracle: OracleModel,
    owner: str,
    requester: str,
    payment_token: str,
    make_config: Callable[..., Config],
    make_args: Callable[..., RequestArgs],
    settlement_s: int,
) -> None:
    """Money flow: 100 + 50 under version 0, then 7 + 50 under version 1; B0 200 then 300."""
    requester_before = oracle.balance_of(payment_token, requester)
    before = oracle.create_request(requester, make_args(), settlement_s)
    oracle.set_config(owner, make_config(validity_bond=7, min_bond=300))
    after = oracle.create_request(requester, make_args(), settlement_s)

    assert oracle.balance_of(payment_token, requester) == requester_before - 150 - 57
    assert oracle.round_info(before, 0).bond_wei == 200
    assert oracle.round_info(after, 0).bond_wei == 300


def test_create_request__later_config__keeps_snapshot_periods(
    oracle: OracleModel,
    owner: str,
    requester: str,
    validator: str,
    make_config: Callable[..., Config],
    make_args: Callable[..., RequestArgs],
    settlement_s: int,
    challenge_period_s: int,
) -> None:
    """Tightened period bounds bind new requests only; the open one keeps its own period."""
    request_id = oracle.create_request(requester, make_args(), settlement_s)
    oracle.set_config(owner, make_config(min_challenge_period=10, max_challenge_period=20))
    with pytest.raises(OracleRevert, match="^oracle: period out of bounds$"):
        oracle.create_request(requester, make_args(), settlement_s)

    oracle.stake(validator, request_id, YES, 200, settlement_s)
    assert oracle.round_info(request_id, 1).end_s == settlement_s + challenge_period_s
