"""Role-named actors for contract tests. boa isolates chain state per test."""

import boa
import pytest
from eth_account import Account
from eth_account.signers.local import LocalAccount
from eth_utils import keccak


@pytest.fixture
def owner() -> str:
    """Deploys contracts and holds their admin roles."""
    return str(boa.env.generate_address("owner"))


@pytest.fixture
def minter() -> str:
    """Granted the minter role by the owner."""
    return str(boa.env.generate_address("minter"))


@pytest.fixture
def holder_account() -> LocalAccount:
    """The holder's key, for signing permits."""
    return Account.from_key(keccak(text="fluxo test holder"))


@pytest.fixture
def holder(holder_account: LocalAccount) -> str:
    """Owns tokens."""
    return str(holder_account.address)


@pytest.fixture
def spender() -> str:
    """Moves a holder's tokens with an allowance."""
    return str(boa.env.generate_address("spender"))


@pytest.fixture
def recipient() -> str:
    """Receives tokens."""
    return str(boa.env.generate_address("recipient"))
