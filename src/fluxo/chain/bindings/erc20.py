"""Typed binding of `ERC20`.

Generated from `contracts/interfaces/IERC20Metadata.vyi`
by `python scripts/build_artifacts.py`; do not edit.
"""

from dataclasses import dataclass
from typing import ClassVar, Final, cast

from eth_account.signers.local import LocalAccount
from eth_typing import ChecksumAddress
from web3.types import TxReceipt

from fluxo.chain.binding import (
    Codec,
    ContractBinding,
    EventLog,
    Function,
    checksum,
    event_topic,
    identity,
)
from fluxo.chain.client import ContractCall

_ALLOWANCE: Final = Function.of("allowance", ("address", "address"), ("uint256",))
_APPROVE: Final = Function.of("approve", ("address", "uint256"), ("bool",))
_BALANCE_OF: Final = Function.of("balanceOf", ("address",), ("uint256",))
_DECIMALS: Final = Function.of("decimals", (), ("uint8",))
_NAME: Final = Function.of("name", (), ("string",))
_SYMBOL: Final = Function.of("symbol", (), ("string",))
_TOTAL_SUPPLY: Final = Function.of("totalSupply", (), ("uint256",))
_TRANSFER: Final = Function.of("transfer", ("address", "uint256"), ("bool",))
_TRANSFER_FROM: Final = Function.of("transferFrom", ("address", "address", "uint256"), ("bool",))


@dataclass(frozen=True, slots=True)
class Approval(EventLog):
    """`Approval(address,address,uint256)`."""

    owner: ChecksumAddress
    spender: ChecksumAddress
    value: int

    SIGNATURE: ClassVar[str] = "Approval(address,address,uint256)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("owner", "address", True),
        ("spender", "address", True),
        ("value", "uint256", False),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
        checksum,
        checksum,
        identity,
    )


@dataclass(frozen=True, slots=True)
class Transfer(EventLog):
    """`Transfer(address,address,uint256)`."""

    sender: ChecksumAddress
    receiver: ChecksumAddress
    value: int

    SIGNATURE: ClassVar[str] = "Transfer(address,address,uint256)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("sender", "address", True),
        ("receiver", "address", True),
        ("value", "uint256", False),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
        checksum,
        checksum,
        identity,
    )


class ERC20(ContractBinding):
    """Typed binding of the `ERC20` interface.

    Source: `contracts/interfaces/IERC20Metadata.vyi`.
    """

    ARTIFACT: ClassVar[str] = "ERC20"
    ARTIFACT_PACKAGE: ClassVar[str] = "fluxo.chain.artifacts"
    EVENTS: ClassVar[tuple[type[EventLog], ...]] = (
        Approval,
        Transfer,
    )

    async def allowance(self, owner: str, spender: str) -> int:
        """`allowance` (view)."""
        values = await self._view(_ALLOWANCE, (owner, spender))
        return cast(int, identity(values[0]))

    def approve_call(self, spender: str, amount: int) -> ContractCall:
        """The `approve` transaction, unsent."""
        return self._call(_APPROVE, (spender, amount))

    async def approve(
        self, sender: LocalAccount, spender: str, amount: int, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `approve` from `sender` and wait for the receipt."""
        return await self._send(self.approve_call(spender, amount), sender, gas)

    async def balance_of(self, owner: str) -> int:
        """`balanceOf` (view)."""
        values = await self._view(_BALANCE_OF, (owner,))
        return cast(int, identity(values[0]))

    async def decimals(self) -> int:
        """`decimals` (view)."""
        values = await self._view(_DECIMALS, ())
        return cast(int, identity(values[0]))

    async def name(self) -> str:
        """`name` (view)."""
        values = await self._view(_NAME, ())
        return cast(str, identity(values[0]))

    async def symbol(self) -> str:
        """`symbol` (view)."""
        values = await self._view(_SYMBOL, ())
        return cast(str, identity(values[0]))

    async def total_supply(self) -> int:
        """`totalSupply` (view)."""
        values = await self._view(_TOTAL_SUPPLY, ())
        return cast(int, identity(values[0]))

    def transfer_call(self, to: str, amount: int) -> ContractCall:
        """The `transfer` transaction, unsent."""
        return self._call(_TRANSFER, (to, amount))

    async def transfer(
        self, sender: LocalAccount, to: str, amount: int, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `transfer` from `sender` and wait for the receipt."""
        return await self._send(self.transfer_call(to, amount), sender, gas)

    def transfer_from_call(self, owner: str, to: str, amount: int) -> ContractCall:
        """The `transferFrom` transaction, unsent."""
        return self._call(_TRANSFER_FROM, (owner, to, amount))

    async def transfer_from(
        self, sender: LocalAccount, owner: str, to: str, amount: int, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `transferFrom` from `sender` and wait for the receipt."""
        return await self._send(self.transfer_from_call(owner, to, amount), sender, gas)


__all__ = ["Approval", "ERC20", "Transfer"]
