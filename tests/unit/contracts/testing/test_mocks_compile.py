"""Every test double in contracts/testing compiles and deploys."""

from typing import Any

import boa
import pytest

from tests.harness import deployers


def test_mock_erc20__deploy__takes_metadata(owner: str) -> None:
    token = deployers.MOCK_ERC20_DEPLOYER.deploy("Payment", "PAY", 6, sender=owner)

    assert (token.name(), token.symbol(), token.decimals()) == ("Payment", "PAY", 6)
    assert token.totalSupply() == 0


@pytest.mark.parametrize(
    "deployer",
    [deployers.NO_RETURN_ERC20_DEPLOYER, deployers.FALSE_RETURN_ERC20_DEPLOYER],
    ids=["NoReturnERC20", "FalseReturnERC20"],
)
def test_quirky_token__deploy__starts_empty(deployer: Any, owner: str) -> None:
    token = deployer.deploy(sender=owner)

    assert token.totalSupply() == 0


@pytest.mark.parametrize(
    "deployer",
    [deployers.MOCK_REQUESTER_DEPLOYER, deployers.HOSTILE_REQUESTER_DEPLOYER],
    ids=["MockRequester", "HostileRequester"],
)
def test_requester__deploy__approves_oracle_for_any_payment(deployer: Any, owner: str) -> None:
    oracle = boa.env.generate_address("oracle")
    payment_token = deployers.MOCK_ERC20_DEPLOYER.deploy("Payment", "PAY", 6, sender=owner)

    requester = deployer.deploy(oracle, payment_token.address, sender=owner)

    assert payment_token.allowance(requester.address, oracle) == 2**256 - 1


def test_requester__deploy_with_no_return_token__approves_oracle(owner: str) -> None:
    oracle = boa.env.generate_address("oracle")
    payment_token = deployers.NO_RETURN_ERC20_DEPLOYER.deploy(sender=owner)

    requester = deployers.MOCK_REQUESTER_DEPLOYER.deploy(oracle, payment_token.address)

    assert payment_token.allowance(requester.address, oracle) == 2**256 - 1
