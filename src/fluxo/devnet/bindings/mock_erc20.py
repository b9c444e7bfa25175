"""Typed binding of `MockERC20`.

Generated from `contracts/testing/MockERC20.vy`
by `python scripts/build_artifacts.py`; do not edit.
"""

from dataclasses import dataclass
from typing import ClassVar, Final, Self, cast

from eth_account.signers.local import LocalAccount
from eth_typing import ChecksumAddress
from web3.types import TxReceipt

from fluxo.chain.binding import (
    Codec,
    ContractBinding,
    EventLog,
    Function,
    checksum,
    deploy,
    event_topic,
    identity,
)
from fluxo.chain.client import ChainClient, ContractCall

_ALLOWANCE: Final = Function.of("allowance", ("address", "address"), ("uint256",))
_APPROVE: Final = Function.of("approve", ("address", "uint256"), ("bool",))
_BALANCE_OF: Final = Function.of("balanceOf", ("address",), ("uint256",))
_DECIMALS: Final = Function.of("decimals", (), ("uint8",))
_MINT: Final = Function.of("mint", ("address", "uint256"), ())
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
class OwnershipTransferred(EventLog):
    """`OwnershipTransferred(address,address)`."""

    previous_owner: ChecksumAddress
    new_owner: ChecksumAddress

    SIGNATURE: ClassVar[str] = "OwnershipTransferred(address,address)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("previous_owner", "address", True),
        ("new_owner", "address", True),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
        checksum,
        checksum,
    )


@dataclass(frozen=True, slots=True)
class RoleMinterChanged(EventLog):
    """`RoleMinterChanged(address,bool)`."""

    minter: ChecksumAddress
    status: bool

    SIGNATURE: ClassVar[str] = "RoleMinterChanged(address,bool)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("minter", "address", True),
        ("status", "bool", False),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
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


class MockERC20(ContractBinding):
    """Typed binding of the `MockERC20` contract.

    Source: `contracts/testing/MockERC20.vy`.
    """

    ARTIFACT: ClassVar[str] = "MockERC20"
    ARTIFACT_PACKAGE: ClassVar[str] = "fluxo.devnet.artifacts"
    EVENTS: ClassVar[tuple[type[EventLog], ...]] = (
        Approval,
        OwnershipTransferred,
        RoleMinterChanged,
        Transfer,
    )

    @classmethod
    async def deploy(
        cls,
        client: ChainClient,
        sender: LocalAccount,
        name: str,
        symbol: str,
        decimals: int,
        *,
        gas: int | None = None,
    ) -> Self:
        """Deploy a new `MockERC20` from the shipped artifact."""
        return await deploy(cls, client, sender, name, symbol, decimals, gas=gas)

    async def allowance(self, arg0: str, arg1: str) -> int:
        """`allowance` (view)."""
        values = await self._view(_ALLOWANCE, (arg0, arg1))
        return cast(int, identity(values[0]))

    def approve_call(self, spender: str, amount: int) -> ContractCall:
        """The `approve` transaction, unsent."""
        return self._call(_APPROVE, (spender, amount))

    async def approve(
        self, sender: LocalAccount, spender: str, amount: int, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `approve` from `sender` and wait for the receipt."""
        return await self._send(self.approve_call(spender, amount), sender, gas)

    async def balance_of(self, arg0: str) -> int:
        """`balanceOf` (view)."""
        values = await self._view(_BALANCE_OF, (arg0,))
        return cast(int, identity(values[0]))

    async def decimals(self) -> int:
        """`decimals` (view)."""
        values = await self._view(_DECIMALS, ())
        return cast(int, identity(values[0]))

    def mint_call(self, to: str, amount: int) -> ContractCall:
        """The `mint` transaction, unsent."""
        return self._call(_MINT, (to, amount))

    async def mint(
        self, sender: LocalAccount, to: str, amount: int, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `mint` from `sender` and wait for the receipt."""
        return await self._send(self.mint_call(to, amount), sender, gas)

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


__all__ = ["Approval", "MockERC20", "OwnershipTransferred", "RoleMinterChanged", "Transfer"]
