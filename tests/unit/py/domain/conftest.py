"""Role-named actors and builders for the Oracle model tests.

Every actor is a fixed address so a failing test prints who is who. Builders return valid
objects; a test overrides only the field its behaviour is about.
"""

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest

from fluxo.domain import Config, RequestArgs
from tests.model import OracleModel


def _address(last_byte: int) -> str:
    return "0x" + "00" * 19 + f"{last_byte:02x}"


# A request settles at this time and each dispute window lasts this long, unless overridden.
SETTLEMENT_S = 1_000_000
CHALLENGE_PERIOD_S = 3_600
STARTING_BALANCE_WEI = 10**9


@pytest.fixture
def requester() -> str:
    return _address(0x01)


@pytest.fixture
def validator() -> str:
    return _address(0x02)


@pytest.fixture
def co_validator() -> str:
    return _address(0x03)


@pytest.fixture
def disputer() -> str:
    return _address(0x04)


@pytest.fixture
def co_disputer() -> str:
    return _address(0x05)


@pytest.fixture
def counter_disputer() -> str:
    return _address(0x06)


@pytest.fixture
def arbitrator() -> str:
    return _address(0x07)


@pytest.fixture
def treasury() -> str:
    return _address(0x08)


@pytest.fixture
def owner() -> str:
    return _address(0x09)


@pytest.fixture
def stranger() -> str:
    return _address(0x0A)


@pytest.fixture
def stake_token() -> str:
    return _address(0xF1)


@pytest.fixture
def payment_token() -> str:
    return _address(0xF2)


@pytest.fixture
def settlement_s() -> int:
    return SETTLEMENT_S


@pytest.fixture
def challenge_period_s() -> int:
    return CHALLENGE_PERIOD_S


@pytest.fixture
def make_config(
    stake_token: str, payment_token: str, arbitrator: str, treasury: str
) -> Callable[..., Config]:
    """A valid config: B0 = 200 for a 10_000 bps requester, no escalation in sight."""

    def build(**overrides: Any) -> Config:
        config = Config(
            stake_token=stake_token,
            payment_token=payment_token,
            validity_bond=100,
            min_bond=200,
            min_challenge_period=60,
            max_challenge_period=7 * 86_400,
            arbitration_threshold=10**24,
            final_arbitrator=arbitrator,
            treasury=treasury,
            max_open_period=30 * 86_400,
            arbitration_timeout=30 * 86_400,
        )
        return replace(config, **overrides)

    return build


@pytest.fixture
def make_args() -> Callable[..., RequestArgs]:
    """A valid yes/no question that settles at SETTLEMENT_S with a fee of 50."""

    def build(**overrides: Any) -> RequestArgs:
        args = RequestArgs(
            description="Will it rain in Lisbon on 2030-01-01?",
            sources=(),
            outcomes=("yes", "no"),
            data_type=0,
            decimals=0,
            settlement_time=SETTLEMENT_S,
            challenge_period=CHALLENGE_PERIOD_S,
            min_bond=0,
            fee=50,
            tags=(),
        )
        return replace(args, **overrides)

    return build


@pytest.fixture
def make_oracle(
    make_config: Callable[..., Config],
    owner: str,
    requester: str,
    validator: str,
    co_validator: str,
    disputer: str,
    co_disputer: str,
    counter_disputer: str,
    stake_token: str,
    payment_token: str,
) -> Callable[..., OracleModel]:
    """An oracle whose requester is whitelisted at 100% and whose stakers hold stake tokens;
    keyword arguments override the config."""

    def build(**config_overrides: Any) -> OracleModel:
        oracle = OracleModel(make_config(**config_overrides), owner)
        oracle.add_requester(owner, requester, "requester", 10_000, "https://example.org")
        oracle.mint(payment_token, requester, STARTING_BALANCE_WEI)
        for staker in (validator, co_validator, disputer, co_disputer, counter_disputer):
            oracle.mint(stake_token, staker, STARTING_BALANCE_WEI)
        return oracle

    return build


@pytest.fixture
def oracle(make_oracle: Callable[..., OracleModel]) -> OracleModel:
    return make_oracle()


@pytest.fixture
def request_id(oracle: OracleModel, requester: str, make_args: Callable[..., RequestArgs]) -> int:
    """A yes/no request with B0 = 200, created before it settles."""
    return oracle.create_request(requester, make_args(), SETTLEMENT_S - 100)
