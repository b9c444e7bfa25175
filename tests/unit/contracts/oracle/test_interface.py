"""The deployed Oracle honours its normative interface (IOracle.vyi) and 2-step ownership."""

from typing import Any

import boa
import pytest
from vyper.compiler.output import build_abi_output  # type: ignore[import-untyped]

from fluxo.domain.outcome import INVALID_OUTCOME
from tests.harness.checks import abi_type
from tests.harness.deployers import CONTRACTS_DIR, ORACLE_DEPLOYER
from tests.harness.protocol import OracleProtocol

_INTERFACE_ABI: list[dict[str, Any]] = boa.load_vyi(
    str(CONTRACTS_DIR / "interfaces" / "IOracle.vyi")
).abi
_ORACLE_ABI: list[dict[str, Any]] = build_abi_output(ORACLE_DEPLOYER.compiler_data)


def _signature(entry: dict[str, Any]) -> tuple[str, str, tuple[str, ...], tuple[str, ...]]:
    return (
        entry["type"],
        entry["name"],
        tuple(abi_type(i) for i in entry["inputs"]),
        tuple(abi_type(o) for o in entry.get("outputs", ())),
    )


def _entries(abi: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(e["type"], e["name"]): e for e in abi if e["type"] in ("function", "event")}


_INTERFACE_ENTRIES = _entries(_INTERFACE_ABI)
_ORACLE_ENTRIES = _entries(_ORACLE_ABI)


@pytest.mark.parametrize("key", sorted(_INTERFACE_ENTRIES), ids=lambda k: f"{k[0]}:{k[1]}")
def test_abi__interface_entry__present_with_identical_types(key: tuple[str, str]) -> None:
    assert key in _ORACLE_ENTRIES
    assert _signature(_ORACLE_ENTRIES[key]) == _signature(_INTERFACE_ENTRIES[key])


def test_abi__interface_entry__mutability_matches() -> None:
    for key, entry in _INTERFACE_ENTRIES.items():
        if entry["type"] == "function":
            assert _ORACLE_ENTRIES[key]["stateMutability"] == entry["stateMutability"], key


def test_abi__interface__declares_the_normative_surface() -> None:
    """Guards the parametrization above against an empty or truncated interface ABI."""
    names = {name for kind, name in _INTERFACE_ENTRIES if kind == "function"}
    assert {"create_request", "stake", "unstake", "finalize", "arbitrate", "claim"} <= names
    assert {"round_info", "staked", "claimable", "outcome_of", "current_round"} <= names


def test_invalid_outcome__constant__is_0x80_then_31_zero_bytes(
    protocol: OracleProtocol,
) -> None:
    assert protocol.oracle.INVALID_OUTCOME() == b"\x80" + bytes(31)
    assert protocol.oracle.INVALID_OUTCOME() == INVALID_OUTCOME


def test_transfer_ownership__accepted_by_new_owner__owner_changes(
    protocol: OracleProtocol,
) -> None:
    with boa.env.prank(protocol.owner):
        protocol.oracle.transfer_ownership(protocol.anyone)
    assert protocol.oracle.owner() == protocol.owner
    assert protocol.oracle.pending_owner() == protocol.anyone

    with boa.env.prank(protocol.anyone):
        protocol.oracle.accept_ownership()

    assert protocol.oracle.owner() == protocol.anyone
    assert protocol.oracle.pending_owner() == "0x" + "00" * 20


def test_transfer_ownership__by_stranger__reverts(protocol: OracleProtocol) -> None:
    with boa.env.prank(protocol.stranger), boa.reverts("ownable: caller is not the owner"):
        protocol.oracle.transfer_ownership(protocol.stranger)
    assert protocol.oracle.owner() == protocol.owner


def test_accept_ownership__by_other_than_pending_owner__reverts(
    protocol: OracleProtocol,
) -> None:
    with boa.env.prank(protocol.owner):
        protocol.oracle.transfer_ownership(protocol.anyone)

    with (
        boa.env.prank(protocol.stranger),
        boa.reverts("ownable_2step: caller is not the new owner"),
    ):
        protocol.oracle.accept_ownership()
    assert protocol.oracle.owner() == protocol.owner


def test_transfer_ownership__pending__old_owner_keeps_powers_new_owner_none_yet(
    protocol: OracleProtocol,
) -> None:
    with boa.env.prank(protocol.owner):
        protocol.oracle.transfer_ownership(protocol.anyone)

    with boa.env.prank(protocol.anyone), boa.reverts("ownable: caller is not the owner"):
        protocol.oracle.pause()
    with boa.env.prank(protocol.owner):
        protocol.oracle.pause()
    assert protocol.oracle.paused()


def test_accept_ownership__completed__old_owner_loses_powers(protocol: OracleProtocol) -> None:
    with boa.env.prank(protocol.owner):
        protocol.oracle.transfer_ownership(protocol.anyone)
    with boa.env.prank(protocol.anyone):
        protocol.oracle.accept_ownership()

    with boa.env.prank(protocol.owner), boa.reverts("ownable: caller is not the owner"):
        protocol.oracle.pause()
    with boa.env.prank(protocol.anyone):
        protocol.oracle.pause()
    assert protocol.oracle.paused()
