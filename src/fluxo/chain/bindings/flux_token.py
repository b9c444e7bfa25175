"""Typed binding of `FluxToken`.

Generated from `contracts/FluxToken.vy`
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
    decode_all,
    deploy,
    event_topic,
    identity,
    values_tuple,
)
from fluxo.chain.client import ChainClient, ContractCall

_ALLOWANCE: Final = Function.of("allowance", ("address", "address"), ("uint256",))
_APPROVE: Final = Function.of("approve", ("address", "uint256"), ("bool",))
_BALANCE_OF: Final = Function.of("balanceOf", ("address",), ("uint256",))
_BURN: Final = Function.of("burn", ("uint256",), ())
_BURN_FROM: Final = Function.of("burn_from", ("address", "uint256"), ())
_DECIMALS: Final = Function.of("decimals", (), ("uint8",))
_DOMAIN_SEPARATOR: Final = Function.of("DOMAIN_SEPARATOR", (), ("bytes32",))
_EIP712_DOMAIN: Final = Function.of(
    "eip712Domain", (), ("bytes1", "string", "string", "uint256", "address", "bytes32", "uint256[]")
)
_IS_MINTER: Final = Function.of("is_minter", ("address",), ("bool",))
_MINT: Final = Function.of("mint", ("address", "uint256"), ())
_NAME: Final = Function.of("name", (), ("string",))
_NONCES: Final = Function.of("nonces", ("address",), ("uint256",))
_OWNER: Final = Function.of("owner", (), ("address",))
_PERMIT: Final = Function.of(
    "permit", ("address", "address", "uint256", "uint256", "uint8", "bytes32", "bytes32"), ()
)
_RENOUNCE_OWNERSHIP: Final = Function.of("renounce_ownership", (), ())
_SET_MINTER: Final = Function.of("set_minter", ("address", "bool"), ())
_SYMBOL: Final = Function.of("symbol", (), ("string",))
_TOTAL_SUPPLY: Final = Function.of("totalSupply", (), ("uint256",))
_TRANSFER: Final = Function.of("transfer", ("address", "uint256"), ("bool",))
_TRANSFER_FROM: Final = Function.of("transferFrom", ("address", "address", "uint256"), ("bool",))
_TRANSFER_OWNERSHIP: Final = Function.of("transfer_ownership", ("address",), ())


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


class FluxToken(ContractBinding):
    """Typed binding of the `FluxToken` contract.

    Source: `contracts/FluxToken.vy`.
    """

    ARTIFACT: ClassVar[str] = "FluxToken"
    ARTIFACT_PACKAGE: ClassVar[str] = "fluxo.chain.artifacts"
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
        initial_supply: int,
        *,
        gas: int | None = None,
    ) -> Self:
        """Deploy a new `FluxToken` from the shipped artifact."""
        return await deploy(cls, client, sender, initial_supply, gas=gas)

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

    def burn_call(self, amount: int) -> ContractCall:
        """The `burn` transaction, unsent."""
        return self._call(_BURN, (amount,))

    async def burn(self, sender: LocalAccount, amount: int, *, gas: int | None = None) -> TxReceipt:
        """Send `burn` from `sender` and wait for the receipt."""
        return await self._send(self.burn_call(amount), sender, gas)

    def burn_from_call(self, owner: str, amount: int) -> ContractCall:
        """The `burn_from` transaction, unsent."""
        return self._call(_BURN_FROM, (owner, amount))

    async def burn_from(
        self, sender: LocalAccount, owner: str, amount: int, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `burn_from` from `sender` and wait for the receipt."""
        return await self._send(self.burn_from_call(owner, amount), sender, gas)

    async def decimals(self) -> int:
        """`decimals` (view)."""
        values = await self._view(_DECIMALS, ())
        return cast(int, identity(values[0]))

    async def domain_separator(self) -> bytes:
        """`DOMAIN_SEPARATOR` (view)."""
        values = await self._view(_DOMAIN_SEPARATOR, ())
        return cast(bytes, identity(values[0]))

    async def eip712_domain(
        self,
    ) -> tuple[bytes, str, str, int, ChecksumAddress, bytes, tuple[int, ...]]:
        """`eip712Domain` (view)."""
        values = await self._view(_EIP712_DOMAIN, ())
        return cast(
            tuple[bytes, str, str, int, ChecksumAddress, bytes, tuple[int, ...]],
            tuple(
                decode_all(
                    (
                        identity,
                        identity,
                        identity,
                        identity,
                        checksum,
                        identity,
                        values_tuple,
                    ),
                    values,
                )
            ),
        )

    async def is_minter(self, arg0: str) -> bool:
        """`is_minter` (view)."""
        values = await self._view(_IS_MINTER, (arg0,))
        return cast(bool, identity(values[0]))

    def mint_call(self, owner: str, amount: int) -> ContractCall:
        """The `mint` transaction, unsent."""
        return self._call(_MINT, (owner, amount))

    async def mint(
        self, sender: LocalAccount, owner: str, amount: int, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `mint` from `sender` and wait for the receipt."""
        return await self._send(self.mint_call(owner, amount), sender, gas)

    async def name(self) -> str:
        """`name` (view)."""
        values = await self._view(_NAME, ())
        return cast(str, identity(values[0]))

    async def nonces(self, arg0: str) -> int:
        """`nonces` (view)."""
        values = await self._view(_NONCES, (arg0,))
        return cast(int, identity(values[0]))

    async def owner(self) -> ChecksumAddress:
        """`owner` (view)."""
        values = await self._view(_OWNER, ())
        return checksum(values[0])

    def permit_call(
        self, owner: str, spender: str, amount: int, deadline: int, v: int, r: bytes, s: bytes
    ) -> ContractCall:
        """The `permit` transaction, unsent."""
        return self._call(_PERMIT, (owner, spender, amount, deadline, v, r, s))

    async def permit(
        self,
        sender: LocalAccount,
        owner: str,
        spender: str,
        amount: int,
        deadline: int,
        v: int,
        r: bytes,
        s: bytes,
        *,
        gas: int | None = None,
    ) -> TxReceipt:
        """Send `permit` from `sender` and wait for the receipt."""
        return await self._send(
            self.permit_call(owner, spender, amount, deadline, v, r, s), sender, gas
        )

    def renounce_ownership_call(self) -> ContractCall:
        """The `renounce_ownership` transaction, unsent."""
        return self._call(_RENOUNCE_OWNERSHIP, ())

    async def renounce_ownership(
        self, sender: LocalAccount, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `renounce_ownership` from `sender` and wait for the receipt."""
        return await self._send(self.renounce_ownership_call(), sender, gas)

    def set_minter_call(self, minter: str, status: bool) -> ContractCall:
        """The `set_minter` transaction, unsent."""
        return self._call(_SET_MINTER, (minter, status))

    async def set_minter(
        self, sender: LocalAccount, minter: str, status: bool, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `set_minter` from `sender` and wait for the receipt."""
        return await self._send(self.set_minter_call(minter, status), sender, gas)

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

    def transfer_ownership_call(self, new_owner: str) -> ContractCall:
        """The `transfer_ownership` transaction, unsent."""
        return self._call(_TRANSFER_OWNERSHIP, (new_owner,))

    async def transfer_ownership(
        self, sender: LocalAccount, new_owner: str, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `transfer_ownership` from `sender` and wait for the receipt."""
        return await self._send(self.transfer_ownership_call(new_owner), sender, gas)


__all__ = ["Approval", "FluxToken", "OwnershipTransferred", "RoleMinterChanged", "Transfer"]
