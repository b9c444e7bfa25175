"""Owner-only calls: config versions, the requester whitelist and pause."""

from collections.abc import Callable
from typing import Any

import pytest

from fluxo.domain import Config
from fluxo.domain.address import ZERO_ADDRESS
from tests.model import OracleModel, OracleRevert

NOT_OWNER = "ownable: caller is not the owner"


def test_constructor__bad_config__reverts(make_config: Callable[..., Config], owner: str) -> None:
    with pytest.raises(OracleRevert, match="^oracle: bad config$"):
        OracleModel(make_config(min_bond=0), owner)


def test_constructor__checksummed_addresses__are_stored_lowercase(
    make_config: Callable[..., Config], owner: str
) -> None:
    treasury = "0xAbCdEf0000000000000000000000000000000001"
    oracle = OracleModel(make_config(treasury=treasury), owner.upper().replace("0X", "0x"))
    assert oracle.configs[0].treasury == treasury.lower()
    assert oracle.owner == owner


def test_set_config__owner__appends_versions_from_one(
    oracle: OracleModel, owner: str, make_config: Callable[..., Config]
) -> None:
    assert oracle.set_config(owner, make_config(validity_bond=1)) == 1
    assert oracle.set_config(owner, make_config(validity_bond=2)) == 2
    assert [config.validity_bond for config in oracle.configs] == [100, 1, 2]


def test_set_config__not_owner__reverts_even_with_bad_config(
    oracle: OracleModel, stranger: str, make_config: Callable[..., Config]
) -> None:
    with pytest.raises(OracleRevert, match=f"^{NOT_OWNER}$"):
        oracle.set_config(stranger, make_config(min_bond=0))
    assert len(oracle.configs) == 1


@pytest.mark.parametrize(
    "overrides",
    [
        {"stake_token": ZERO_ADDRESS},
        {"payment_token": ZERO_ADDRESS},
        {"final_arbitrator": ZERO_ADDRESS},
        {"treasury": ZERO_ADDRESS},
        {"min_bond": 0},
        {"min_challenge_period": 0},
        {"min_challenge_period": 61, "max_challenge_period": 60},
        {"max_challenge_period": 2**32},
        {"arbitration_threshold": 2**120},
        {"validity_bond": 2**96},
    ],
)
def test_set_config__out_of_bounds__reverts(
    oracle: OracleModel,
    owner: str,
    make_config: Callable[..., Config],
    overrides: dict[str, Any],
) -> None:
    with pytest.raises(OracleRevert, match="^oracle: bad config$"):
        oracle.set_config(owner, make_config(**overrides))
    assert len(oracle.configs) == 1


@pytest.mark.parametrize(
    "overrides",
    [
        {"min_challenge_period": 60, "max_challenge_period": 60},
        {"max_challenge_period": 2**32 - 1},
        {"arbitration_threshold": 2**120 - 1},
        {"arbitration_threshold": 0},
        {"validity_bond": 2**96 - 1},
        {"validity_bond": 0},
    ],
)
def test_set_config__at_the_bounds__is_accepted(
    oracle: OracleModel,
    owner: str,
    make_config: Callable[..., Config],
    overrides: dict[str, Any],
) -> None:
    assert oracle.set_config(owner, make_config(**overrides)) == 1


def test_add_requester__owner__whitelists(oracle: OracleModel, owner: str, stranger: str) -> None:
    assert not oracle.is_whitelisted(stranger)
    oracle.add_requester(owner, stranger, "market", 2**32 - 1, "https://market.example")
    assert oracle.is_whitelisted(stranger)


def test_add_requester__not_owner__reverts(oracle: OracleModel, stranger: str) -> None:
    with pytest.raises(OracleRevert, match=f"^{NOT_OWNER}$"):
        oracle.add_requester(stranger, stranger, "market", 10_000, "")
    assert not oracle.is_whitelisted(stranger)


def test_add_requester__zero_multiplier__reverts(
    oracle: OracleModel, owner: str, stranger: str
) -> None:
    with pytest.raises(OracleRevert, match="^oracle: zero multiplier$"):
        oracle.add_requester(owner, stranger, "market", 0, "")


def test_add_requester__multiplier_beyond_32_bits__reverts(
    oracle: OracleModel, owner: str, stranger: str
) -> None:
    with pytest.raises(OracleRevert, match="^oracle: bad multiplier$"):
        oracle.add_requester(owner, stranger, "market", 2**32, "")


def test_remove_requester__whitelisted__is_removed(
    oracle: OracleModel, owner: str, requester: str
) -> None:
    oracle.remove_requester(owner, requester)
    assert not oracle.is_whitelisted(requester)


def test_remove_requester__not_whitelisted__reverts(
    oracle: OracleModel, owner: str, stranger: str
) -> None:
    with pytest.raises(OracleRevert, match="^oracle: not whitelisted$"):
        oracle.remove_requester(owner, stranger)


def test_remove_requester__not_owner__reverts(
    oracle: OracleModel, stranger: str, requester: str
) -> None:
    with pytest.raises(OracleRevert, match=f"^{NOT_OWNER}$"):
        oracle.remove_requester(stranger, requester)
    assert oracle.is_whitelisted(requester)


def test_pause__owner__pauses_and_unpause_resumes(oracle: OracleModel, owner: str) -> None:
    oracle.pause(owner, 0)
    assert oracle.paused
    oracle.unpause(owner, 0)
    assert not oracle.paused


def test_pause__already_paused__reverts(oracle: OracleModel, owner: str) -> None:
    oracle.pause(owner, 0)
    with pytest.raises(OracleRevert, match="^pausable: contract is paused$"):
        oracle.pause(owner, 0)


def test_unpause__not_paused__reverts(oracle: OracleModel, owner: str) -> None:
    with pytest.raises(OracleRevert, match="^pausable: contract is not paused$"):
        oracle.unpause(owner, 0)


def test_pause__not_owner__reverts_before_the_pause_check(
    oracle: OracleModel, owner: str, stranger: str
) -> None:
    with pytest.raises(OracleRevert, match=f"^{NOT_OWNER}$"):
        oracle.pause(stranger, 0)
    oracle.pause(owner, 0)
    with pytest.raises(OracleRevert, match=f"^{NOT_OWNER}$"):
        oracle.unpause(stranger, 0)
    assert oracle.paused
