"""`create_request` (SPEC §3): validation in order, the payment pull, stored params, event."""

from dataclasses import astuple, replace
from typing import Any

import boa
import pytest

from fluxo.domain import Source
from tests.harness.checks import delta, events
from tests.harness.deployers import MOCK_REQUESTER_DEPLOYER
from tests.harness.game import (
    CHALLENGE_PERIOD_S,
    FEE_WEI,
    FLX,
    MAX_CHALLENGE_PERIOD_S,
    MIN_BOND_WEI,
    MIN_CHALLENGE_PERIOD_S,
    MULTIPLIER_BPS,
    VALIDITY_BOND_WEI,
)
from tests.harness.protocol import OracleProtocol


def _create_directly(protocol: OracleProtocol, sender: Any, **overrides: Any) -> int:
    """Call `create_request` on the Oracle itself, bypassing the requester contract's decoder."""
    with boa.env.prank(sender):
        request_id: int = protocol.oracle.create_request(
            protocol.encode(protocol.args(**overrides))
        )
    return request_id


def _tiny_bond_requester(protocol: OracleProtocol) -> Any:
    """Config 1 with min_bond 1 wei and a requester at 1 bps: B0 = 1 * 1 // 10_000 = 0."""
    with boa.env.prank(protocol.owner):
        protocol.oracle.set_config(astuple(replace(protocol.config, min_bond=1)))
    return protocol.deploy_requester(multiplier_bps=1)


# --- happy path -----------------------------------------------------------------------------


def test_create__three_requests__ids_0_1_2(protocol: OracleProtocol) -> None:
    assert protocol.oracle.request_count() == 0

    ids = [protocol.create() for _ in range(3)]

    assert ids == [0, 1, 2]
    assert protocol.oracle.request_count() == 3


def test_create__valid__pulls_validity_bond_plus_fee(protocol: OracleProtocol) -> None:
    """Money flow: the requester pays 10 fUSD validity bond + 5 fUSD fee to the Oracle in one
    pull; no FLX moves."""
    before = protocol.balances(protocol.requester.address)

    protocol.create()

    after = protocol.balances(protocol.requester.address)
    assert delta(before, after, protocol.requester.address) == (
        0,
        -(VALIDITY_BOND_WEI + FEE_WEI),
    )
    assert delta(before, after, protocol.oracle.address) == (0, VALIDITY_BOND_WEI + FEE_WEI)


def test_create__zero_fee__pulls_validity_bond_only(protocol: OracleProtocol) -> None:
    """Money flow: fee 0, so the requester pays exactly the 10 fUSD validity bond."""
    before = protocol.balances(protocol.requester.address)

    protocol.create(fee=0)

    after = protocol.balances(protocol.requester.address)
    assert delta(before, after, protocol.requester.address) == (0, -VALIDITY_BOND_WEI)
    assert delta(before, after, protocol.oracle.address) == (0, VALIDITY_BOND_WEI)


def test_request_params__categorical__as_created(protocol: OracleProtocol) -> None:
    settlement_s = boa.env.timestamp + 1_000

    request_id = protocol.create(
        settlement_time=settlement_s, outcomes=("a", "b", "c"), challenge_period=600
    )

    assert protocol.oracle.request_params(request_id) == (
        protocol.requester.address,
        0,
        MIN_BOND_WEI,
        FEE_WEI,
        settlement_s,
        600,
        3,
    )


@pytest.mark.parametrize("data_type", [0, 1])
def test_request_params__no_outcomes__kind_is_data_type(
    protocol: OracleProtocol, data_type: int
) -> None:
    request_id = protocol.create(outcomes=(), data_type=data_type, decimals=8)

    assert protocol.oracle.request_params(request_id)[6] == data_type


def test_request_params__unknown_request__reverts(protocol: OracleProtocol) -> None:
    with boa.reverts("oracle: unknown request"):
        protocol.oracle.request_params(0)


def test_create__valid__emits_request_created_with_texts(protocol: OracleProtocol) -> None:
    sources = (Source("https://a.example", "$.x"), Source("https://b.example", "$.y"))

    request_id = protocol.create(
        description="What is BTC/USD?",
        sources=sources,
        outcomes=(),
        data_type=1,
        decimals=8,
        tags=("crypto", "price"),
    )

    (event,) = events(protocol.requester, "RequestCreated")
    assert event.request_id == request_id
    assert event.requester == protocol.requester.address
    assert event.description == "What is BTC/USD?"
    assert [tuple(s) for s in event.sources] == [astuple(s) for s in sources]
    assert event.outcomes == []
    assert event.data_type == 1
    assert event.decimals == 8
    assert event.tags == ["crypto", "price"]


def test_create__categorical__event_lists_outcome_labels(protocol: OracleProtocol) -> None:
    protocol.create(outcomes=("Red", "Green", "Blue"), tags=())

    (event,) = events(protocol.requester, "RequestCreated")
    assert event.outcomes == ["Red", "Green", "Blue"]
    assert event.tags == []


def test_create__description_only__accepted(protocol: OracleProtocol) -> None:
    assert protocol.create(sources=()) == 0


def test_create__sources_only__accepted(protocol: OracleProtocol) -> None:
    assert protocol.create(description="") == 0


def test_create__eight_outcomes_sources_tags__accepted(protocol: OracleProtocol) -> None:
    request_id = protocol.create(
        outcomes=tuple(f"o{i}" for i in range(8)),
        sources=tuple(Source(f"https://s{i}.example", "$") for i in range(8)),
        tags=tuple(f"t{i}" for i in range(8)),
    )

    assert protocol.oracle.request_params(request_id)[6] == 8


# --- B0 and settlement time -----------------------------------------------------------------


def test_create__multiplier_15000__b0_scaled_from_config_min_bond(
    protocol: OracleProtocol,
) -> None:
    requester = protocol.deploy_requester(multiplier_bps=15_000)

    request_id = protocol.create(requester=requester, min_bond=MIN_BOND_WEI // 2)

    assert protocol.oracle.request_params(request_id)[2] == 150 * FLX


def test_create__multiplier_15000__b0_scaled_from_args_min_bond(
    protocol: OracleProtocol,
) -> None:
    requester = protocol.deploy_requester(multiplier_bps=15_000)

    request_id = protocol.create(requester=requester, min_bond=300 * FLX + 1)

    assert protocol.oracle.request_params(request_id)[2] == (300 * FLX + 1) * 15_000 // 10_000


def test_create__settlement_in_past__clamped_to_now(protocol: OracleProtocol) -> None:
    boa.env.time_travel(seconds=10_000)
    now_s = boa.env.timestamp

    request_id = protocol.create(settlement_time=now_s - 5_000)

    assert protocol.oracle.request_params(request_id)[4] == now_s
    assert protocol.oracle.round_info(request_id, 0)[1] == now_s


def test_create__settlement_zero__clamped_to_now(protocol: OracleProtocol) -> None:
    request_id = protocol.create(settlement_time=0)

    assert protocol.oracle.request_params(request_id)[4] == boa.env.timestamp


# --- validation, SPEC §3 order --------------------------------------------------------------


def test_create__stranger_eoa__reverts_not_whitelisted(protocol: OracleProtocol) -> None:
    """Money flow: none; the stranger holds fUSD and approved the Oracle, nothing is pulled."""
    protocol.usd.mint(protocol.stranger, VALIDITY_BOND_WEI + FEE_WEI)
    with boa.env.prank(protocol.stranger):
        protocol.usd.approve(protocol.oracle.address, 2**256 - 1)
    before = protocol.balances(protocol.stranger)

    with boa.reverts("oracle: not whitelisted"):
        _create_directly(protocol, protocol.stranger)

    assert protocol.balances(protocol.stranger) == before
    assert protocol.oracle.request_count() == 0


def test_create__not_whitelisted_and_bad_outcome_count__whitelist_checked_first(
    protocol: OracleProtocol,
) -> None:
    with boa.reverts("oracle: not whitelisted"):
        _create_directly(protocol, protocol.stranger, outcomes=("only",), data_type=7)


@pytest.mark.parametrize(
    "field, too_many",
    [
        ("outcomes", tuple(f"o{i}" for i in range(9))),
        ("sources", tuple(Source(f"https://s{i}.example", "$") for i in range(9))),
        ("tags", tuple(f"t{i}" for i in range(9))),
    ],
)
def test_create__nine_entries__abi_decoder_reverts(
    protocol: OracleProtocol, field: str, too_many: tuple[Any, ...]
) -> None:
    """The interface bounds the arrays at 8: the Oracle's own decoder rejects 9 (no reason)."""
    before = protocol.balances(protocol.requester.address)

    with boa.reverts():
        _create_directly(protocol, protocol.requester.address, **{field: too_many})

    assert protocol.balances(protocol.requester.address) == before
    assert protocol.oracle.request_count() == 0


@pytest.mark.parametrize(
    "overrides, reason",
    [
        ({"outcomes": ("only",)}, "oracle: bad outcome count"),
        ({"outcomes": (), "data_type": 2}, "oracle: bad data type"),
        ({"data_type": 255}, "oracle: bad data type"),
        ({"description": "", "sources": ()}, "oracle: empty request"),
        ({"challenge_period": MIN_CHALLENGE_PERIOD_S - 1}, "oracle: period out of bounds"),
        ({"challenge_period": 0}, "oracle: period out of bounds"),
        ({"challenge_period": MAX_CHALLENGE_PERIOD_S + 1}, "oracle: period out of bounds"),
        ({"min_bond": 2**96}, "oracle: bond too large"),
        ({"min_bond": 2**128 + 1}, "oracle: bond too large"),
        ({"min_bond": 2**256 - 1}, "oracle: bond too large"),
        ({"fee": 2**96}, "oracle: fee too large"),
        ({"settlement_time": 2**40}, "oracle: bad settlement time"),
    ],
    ids=lambda v: v if isinstance(v, str) else "-".join(v),
)
def test_create__invalid_args__reverts_without_pulling(
    protocol: OracleProtocol, overrides: dict[str, Any], reason: str
) -> None:
    """Money flow: none; every rejected creation leaves the requester's fUSD untouched."""
    before = protocol.balances(protocol.requester.address)

    with boa.reverts(reason):
        protocol.create(**overrides)

    assert protocol.balances(protocol.requester.address) == before
    assert protocol.oracle.request_count() == 0


@pytest.mark.parametrize(
    "overrides, reason",
    [
        # each case also breaks every later check: the earliest one wins
        ({"outcomes": ("x",), "data_type": 2, "description": ""}, "oracle: bad outcome count"),
        (
            {"outcomes": (), "data_type": 2, "description": "", "sources": ()},
            "oracle: bad data type",
        ),
        (
            {"description": "", "sources": (), "challenge_period": 1, "min_bond": 2**96},
            "oracle: empty request",
        ),
        ({"challenge_period": 1, "min_bond": 2**96, "fee": 2**96}, "oracle: period out of bounds"),
        (
            {"min_bond": 2**96, "fee": 2**96, "settlement_time": 2**40},
            "oracle: bond too large",
        ),
        ({"fee": 2**96, "settlement_time": 2**40}, "oracle: fee too large"),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_create__several_invalid_fields__first_check_in_spec_order_wins(
    protocol: OracleProtocol, overrides: dict[str, Any], reason: str
) -> None:
    with boa.reverts(reason):
        protocol.create(**overrides)


def test_create__zero_bond__reverts(protocol: OracleProtocol) -> None:
    requester = _tiny_bond_requester(protocol)
    before = protocol.balances(requester.address)

    with boa.reverts("oracle: zero bond"):
        protocol.create(requester=requester)

    assert protocol.balances(requester.address) == before
    assert protocol.oracle.request_count() == 0


def test_create__zero_bond_and_fee_too_large__zero_bond_first(protocol: OracleProtocol) -> None:
    requester = _tiny_bond_requester(protocol)

    with boa.reverts("oracle: zero bond"):
        protocol.create(requester=requester, fee=2**96, settlement_time=2**40)


def test_create__tiny_multiplier_with_enough_min_bond__b0_is_one_wei(
    protocol: OracleProtocol,
) -> None:
    requester = _tiny_bond_requester(protocol)

    request_id = protocol.create(requester=requester, min_bond=10_000)

    assert protocol.oracle.request_params(request_id)[2] == 1


@pytest.mark.parametrize("period_s", [MIN_CHALLENGE_PERIOD_S, MAX_CHALLENGE_PERIOD_S])
def test_create__period_at_bound__accepted(protocol: OracleProtocol, period_s: int) -> None:
    request_id = protocol.create(challenge_period=period_s)

    assert protocol.oracle.request_params(request_id)[5] == period_s


def test_create__b0_just_below_2_pow_96__accepted(protocol: OracleProtocol) -> None:
    request_id = protocol.create(min_bond=2**96 - 1)

    assert protocol.oracle.request_params(request_id)[2] == 2**96 - 1


def test_create__multiplier_pushes_b0_to_2_pow_96__reverts(protocol: OracleProtocol) -> None:
    requester = protocol.deploy_requester(multiplier_bps=2 * MULTIPLIER_BPS)

    with boa.reverts("oracle: bond too large"):
        protocol.create(requester=requester, min_bond=2**95)


def test_create__fee_just_below_2_pow_96__accepted_and_pulled(protocol: OracleProtocol) -> None:
    """Money flow: the requester, topped up with 2**96 fUSD, pays validity bond + 2**96 - 1."""
    protocol.usd.mint(protocol.requester.address, 2**96)
    before = protocol.balances(protocol.requester.address)

    request_id = protocol.create(fee=2**96 - 1)

    after = protocol.balances(protocol.requester.address)
    assert protocol.oracle.request_params(request_id)[3] == 2**96 - 1
    assert delta(before, after, protocol.requester.address) == (
        0,
        -(VALIDITY_BOND_WEI + 2**96 - 1),
    )


def test_create__settlement_just_below_2_pow_40__accepted(protocol: OracleProtocol) -> None:
    request_id = protocol.create(settlement_time=2**40 - 1)

    assert protocol.oracle.request_params(request_id)[4] == 2**40 - 1


def test_create__requester_without_funds__transfer_failed_nothing_created(
    protocol: OracleProtocol,
) -> None:
    """Money flow: none; the requester holds no fUSD, the token's transferFrom reverts and the
    Oracle reports `oracle: transfer failed`; no request exists afterwards."""
    poor = MOCK_REQUESTER_DEPLOYER.deploy(protocol.oracle.address, protocol.usd.address)
    with boa.env.prank(protocol.owner):
        protocol.oracle.add_requester(poor.address, "poor", MULTIPLIER_BPS, "")
    protocol.create()
    before = protocol.balances(poor.address)

    with boa.reverts("oracle: transfer failed"):
        protocol.create(requester=poor)

    assert protocol.balances(poor.address) == before
    assert protocol.oracle.request_count() == 1
    with boa.reverts("oracle: unknown request"):
        protocol.oracle.request_params(1)


def test_create__default_period__stored(protocol: OracleProtocol) -> None:
    request_id = protocol.create()

    assert protocol.oracle.request_params(request_id)[5] == CHALLENGE_PERIOD_S
