"""Typed binding of `Faucet`.

Generated from `contracts/Faucet.vy`
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

_ACCEPT_OWNERSHIP: Final = Function.of("accept_ownership", (), ())
_COOLDOWN: Final = Function.of("cooldown", (), ("uint256",))
_DRIP: Final = Function.of("drip", ("address",), ("uint256",))
_FLX: Final = Function.of("flx", (), ("address",))
_FLX_DRIP: Final = Function.of("flx_drip", (), ("uint256",))
_NEXT_DRIP_AT: Final = Function.of("next_drip_at", ("address",), ("uint256",))
_OWNER: Final = Function.of("owner", (), ("address",))
_PAUSE: Final = Function.of("pause", (), ())
_PAUSED: Final = Function.of("paused", (), ("bool",))
_PAYMENT_DRIP: Final = Function.of("payment_drip", (), ("uint256",))
_PAYMENT_TOKEN: Final = Function.of("payment_token", (), ("address",))
_PENDING_OWNER: Final = Function.of("pending_owner", (), ("address",))
_SET_DRIP: Final = Function.of("set_drip", ("uint256", "uint256", "uint256"), ())
_TRANSFER_OWNERSHIP: Final = Function.of("transfer_ownership", ("address",), ())
_UNPAUSE: Final = Function.of("unpause", (), ())


@dataclass(frozen=True, slots=True)
class DripSet(EventLog):
    """`DripSet(uint256,uint256,uint256)`."""

    flx_drip: int
    payment_drip: int
    cooldown: int

    SIGNATURE: ClassVar[str] = "DripSet(uint256,uint256,uint256)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("flx_drip", "uint256", False),
        ("payment_drip", "uint256", False),
        ("cooldown", "uint256", False),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
        identity,
        identity,
        identity,
    )


@dataclass(frozen=True, slots=True)
class Dripped(EventLog):
    """`Dripped(address,uint256,uint256,uint256)`."""

    account: ChecksumAddress
    flx_amount: int
    payment_amount: int
    next_drip_at: int

    SIGNATURE: ClassVar[str] = "Dripped(address,uint256,uint256,uint256)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("account", "address", True),
        ("flx_amount", "uint256", False),
        ("payment_amount", "uint256", False),
        ("next_drip_at", "uint256", False),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
        checksum,
        identity,
        identity,
        identity,
    )


@dataclass(frozen=True, slots=True)
class OwnershipTransferStarted(EventLog):
    """`OwnershipTransferStarted(address,address)`."""

    previous_owner: ChecksumAddress
    new_owner: ChecksumAddress

    SIGNATURE: ClassVar[str] = "OwnershipTransferStarted(address,address)"
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
class Paused(EventLog):
    """`Paused(address)`."""

    account: ChecksumAddress

    SIGNATURE: ClassVar[str] = "Paused(address)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (("account", "address", False),)
    CODECS: ClassVar[tuple[Codec, ...]] = (checksum,)


@dataclass(frozen=True, slots=True)
class Unpaused(EventLog):
    """`Unpaused(address)`."""

    account: ChecksumAddress

    SIGNATURE: ClassVar[str] = "Unpaused(address)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (("account", "address", False),)
    CODECS: ClassVar[tuple[Codec, ...]] = (checksum,)


class Faucet(ContractBinding):
    """Typed binding of the `Faucet` contract.

    Source: `contracts/Faucet.vy`.
    """

    ARTIFACT: ClassVar[str] = "Faucet"
    ARTIFACT_PACKAGE: ClassVar[str] = "fluxo.chain.artifacts"
    EVENTS: ClassVar[tuple[type[EventLog], ...]] = (
        DripSet,
        Dripped,
        OwnershipTransferStarted,
        OwnershipTransferred,
        Paused,
        Unpaused,
    )

    @classmethod
    async def deploy(
        cls,
        client: ChainClient,
        sender: LocalAccount,
        flx: str,
        payment_token: str,
        flx_drip: int,
        payment_drip: int,
        cooldown: int,
        *,
        gas: int | None = None,
    ) -> Self:
        """Deploy a new `Faucet` from the shipped artifact."""
        return await deploy(
            cls, client, sender, flx, payment_token, flx_drip, payment_drip, cooldown, gas=gas
        )

    def accept_ownership_call(self) -> ContractCall:
        """The `accept_ownership` transaction, unsent."""
        return self._call(_ACCEPT_OWNERSHIP, ())

    async def accept_ownership(self, sender: LocalAccount, *, gas: int | None = None) -> TxReceipt:
        """Send `accept_ownership` from `sender` and wait for the receipt."""
        return await self._send(self.accept_ownership_call(), sender, gas)

    async def cooldown(self) -> int:
        """`cooldown` (view)."""
        values = await self._view(_COOLDOWN, ())
        return cast(int, identity(values[0]))

    def drip_call(self, account: str) -> ContractCall:
        """The `drip` transaction, unsent."""
        return self._call(_DRIP, (account,))

    async def drip(
        self, sender: LocalAccount, account: str, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `drip` from `sender` and wait for the receipt."""
        return await self._send(self.drip_call(account), sender, gas)

    async def flx(self) -> ChecksumAddress:
        """`flx` (view)."""
        values = await self._view(_FLX, ())
        return checksum(values[0])

    async def flx_drip(self) -> int:
        """`flx_drip` (view)."""
        values = await self._view(_FLX_DRIP, ())
        return cast(int, identity(values[0]))

    async def next_drip_at(self, account: str) -> int:
        """`next_drip_at` (view)."""
        values = await self._view(_NEXT_DRIP_AT, (account,))
        return cast(int, identity(values[0]))

    async def owner(self) -> ChecksumAddress:
        """`owner` (view)."""
        values = await self._view(_OWNER, ())
        return checksum(values[0])

    def pause_call(self) -> ContractCall:
        """The `pause` transaction, unsent."""
        return self._call(_PAUSE, ())

    async def pause(self, sender: LocalAccount, *, gas: int | None = None) -> TxReceipt:
        """Send `pause` from `sender` and wait for the receipt."""
        return await self._send(self.pause_call(), sender, gas)

    async def paused(self) -> bool:
        """`paused` (view)."""
        values = await self._view(_PAUSED, ())
        return cast(bool, identity(values[0]))

    async def payment_drip(self) -> int:
        """`payment_drip` (view)."""
        values = await self._view(_PAYMENT_DRIP, ())
        return cast(int, identity(values[0]))

    async def payment_token(self) -> ChecksumAddress:
        """`payment_token` (view)."""
        values = await self._view(_PAYMENT_TOKEN, ())
        return checksum(values[0])

    async def pending_owner(self) -> ChecksumAddress:
        """`pending_owner` (view)."""
        values = await self._view(_PENDING_OWNER, ())
        return checksum(values[0])

    def set_drip_call(self, flx_drip: int, payment_drip: int, cooldown: int) -> ContractCall:
        """The `set_drip` transaction, unsent."""
        return self._call(_SET_DRIP, (flx_drip, payment_drip, cooldown))

    async def set_drip(
        self,
        sender: LocalAccount,
        flx_drip: int,
        payment_drip: int,
        cooldown: int,
        *,
        gas: int | None = None,
    ) -> TxReceipt:
        """Send `set_drip` from `sender` and wait for the receipt."""
        return await self._send(self.set_drip_call(flx_drip, payment_drip, cooldown), sender, gas)

    def transfer_ownership_call(self, new_owner: str) -> ContractCall:
        """The `transfer_ownership` transaction, unsent."""
        return self._call(_TRANSFER_OWNERSHIP, (new_owner,))

    async def transfer_ownership(
        self, sender: LocalAccount, new_owner: str, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `transfer_ownership` from `sender` and wait for the receipt."""
        return await self._send(self.transfer_ownership_call(new_owner), sender, gas)

    def unpause_call(self) -> ContractCall:
        """The `unpause` transaction, unsent."""
        return self._call(_UNPAUSE, ())

    async def unpause(self, sender: LocalAccount, *, gas: int | None = None) -> TxReceipt:
        """Send `unpause` from `sender` and wait for the receipt."""
        return await self._send(self.unpause_call(), sender, gas)


__all__ = [
    "DripSet",
    "Dripped",
    "Faucet",
    "OwnershipTransferStarted",
    "OwnershipTransferred",
    "Paused",
    "Unpaused",
]
