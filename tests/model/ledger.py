"""The model's copy of every token balance it moves, to compare with the real tokens."""

from collections.abc import Mapping
from types import MappingProxyType

from tests.model.errors import TransferFailed


class TokenLedger:
    """Balances keyed by `(token, account)`, both lowercase addresses, in wei.

    Allowances are not modelled: the side-by-side test approves the Oracle for everything.
    """

    def __init__(self) -> None:
        self._balance_wei: dict[tuple[str, str], int] = {}

    @property
    def balances(self) -> Mapping[tuple[str, str], int]:
        """A read-only view; accounts never touched are absent, not zero."""
        return MappingProxyType(self._balance_wei)

    def balance_of(self, token: str, account: str) -> int:
        return self._balance_wei.get((token, account), 0)

    def mint(self, token: str, account: str, amount_wei: int) -> None:
        """Seed a balance the real token was given outside the Oracle."""
        _require_amount(amount_wei)
        self._balance_wei[(token, account)] = self.balance_of(token, account) + amount_wei

    def require_balance(self, token: str, account: str, amount_wei: int) -> None:
        """Raise before any state changes if `account` cannot pay `amount_wei`."""
        _require_amount(amount_wei)
        if self.balance_of(token, account) < amount_wei:
            raise TransferFailed()

    def transfer(self, token: str, sender: str, recipient: str, amount_wei: int) -> None:
        self.require_balance(token, sender, amount_wei)
        self._balance_wei[(token, sender)] = self.balance_of(token, sender) - amount_wei
        self._balance_wei[(token, recipient)] = self.balance_of(token, recipient) + amount_wei


def _require_amount(amount_wei: int) -> None:
    # A negative amount cannot be ABI-encoded as uint256; it is a bug in the caller.
    if amount_wei < 0:
        raise ValueError(f"token amounts are uint256, got {amount_wei}")
