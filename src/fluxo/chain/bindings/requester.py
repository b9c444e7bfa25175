"""Typed binding of `Requester`.

Generated from `contracts/Requester.vy`
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
    as_tuple,
    checksum,
    deploy,
    event_topic,
    identity,
)
from fluxo.chain.client import ChainClient, ContractCall
from fluxo.domain.request_args import RequestArgs

_ACCEPT_OWNERSHIP: Final = Function.of("accept_ownership", (), ())
_CANCEL: Final = Function.of("cancel", ("uint256",), ())
_CREATE: Final = Function.of(
    "create",
    ("(string,(string,string)[],string[],uint8,uint8,uint256,uint256,uint256,uint256,string[])",),
    ("uint256",),
)
_CREATOR_OF: Final = Function.of("creator_of", ("uint256",), ("address",))
_IS_CREATOR: Final = Function.of("is_creator", ("address",), ("bool",))
_ON_OUTCOME: Final = Function.of("on_outcome", ("uint256", "bytes32"), ())
_ORACLE: Final = Function.of("oracle", (), ("address",))
_OWNER: Final = Function.of("owner", (), ("address",))
_PENDING_OWNER: Final = Function.of("pending_owner", (), ("address",))
_SET_CREATOR: Final = Function.of("set_creator", ("address", "bool"), ())
_SWEEP: Final = Function.of("sweep", ("address", "address", "uint256"), ())
_TRANSFER_OWNERSHIP: Final = Function.of("transfer_ownership", ("address",), ())


@dataclass(frozen=True, slots=True)
class CreatorSet(EventLog):
    """`CreatorSet(address,bool)`."""

    creator: ChecksumAddress
    allowed: bool

    SIGNATURE: ClassVar[str] = "CreatorSet(address,bool)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("creator", "address", True),
        ("allowed", "bool", False),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
        checksum,
        identity,
    )


@dataclass(frozen=True, slots=True)
class OutcomeReceived(EventLog):
    """`OutcomeReceived(uint256,bytes32)`."""

    request_id: int
    outcome: bytes

    SIGNATURE: ClassVar[str] = "OutcomeReceived(uint256,bytes32)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("request_id", "uint256", True),
        ("outcome", "bytes32", False),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
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
class RequestForwarded(EventLog):
    """`RequestForwarded(uint256,address)`."""

    request_id: int
    creator: ChecksumAddress

    SIGNATURE: ClassVar[str] = "RequestForwarded(uint256,address)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("request_id", "uint256", True),
        ("creator", "address", True),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
        identity,
        checksum,
    )


@dataclass(frozen=True, slots=True)
class Swept(EventLog):
    """`Swept(address,address,uint256)`."""

    token: ChecksumAddress
    to: ChecksumAddress
    amount: int

    SIGNATURE: ClassVar[str] = "Swept(address,address,uint256)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("token", "address", True),
        ("to", "address", True),
        ("amount", "uint256", False),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
        checksum,
        checksum,
        identity,
    )


class Requester(ContractBinding):
    """Typed binding of the `Requester` contract.

    Source: `contracts/Requester.vy`.
    """

    ARTIFACT: ClassVar[str] = "Requester"
    ARTIFACT_PACKAGE: ClassVar[str] = "fluxo.chain.artifacts"
    EVENTS: ClassVar[tuple[type[EventLog], ...]] = (
        CreatorSet,
        OutcomeReceived,
        OwnershipTransferStarted,
        OwnershipTransferred,
        RequestForwarded,
        Swept,
    )

    @classmethod
    async def deploy(
        cls,
        client: ChainClient,
        sender: LocalAccount,
        oracle: str,
        *,
        gas: int | None = None,
    ) -> Self:
        """Deploy a new `Requester` from the shipped artifact."""
        return await deploy(cls, client, sender, oracle, gas=gas)

    def accept_ownership_call(self) -> ContractCall:
        """The `accept_ownership` transaction, unsent."""
        return self._call(_ACCEPT_OWNERSHIP, ())

    async def accept_ownership(self, sender: LocalAccount, *, gas: int | None = None) -> TxReceipt:
        """Send `accept_ownership` from `sender` and wait for the receipt."""
        return await self._send(self.accept_ownership_call(), sender, gas)

    def cancel_call(self, request_id: int) -> ContractCall:
        """The `cancel` transaction, unsent."""
        return self._call(_CANCEL, (request_id,))

    async def cancel(
        self, sender: LocalAccount, request_id: int, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `cancel` from `sender` and wait for the receipt."""
        return await self._send(self.cancel_call(request_id), sender, gas)

    def create_call(self, args: RequestArgs) -> ContractCall:
        """The `create` transaction, unsent."""
        return self._call(_CREATE, (as_tuple(args),))

    async def create(
        self, sender: LocalAccount, args: RequestArgs, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `create` from `sender` and wait for the receipt."""
        return await self._send(self.create_call(args), sender, gas)

    async def creator_of(self, arg0: int) -> ChecksumAddress:
        """`creator_of` (view)."""
        values = await self._view(_CREATOR_OF, (arg0,))
        return checksum(values[0])

    async def is_creator(self, arg0: str) -> bool:
        """`is_creator` (view)."""
        values = await self._view(_IS_CREATOR, (arg0,))
        return cast(bool, identity(values[0]))

    def on_outcome_call(self, request_id: int, outcome: bytes) -> ContractCall:
        """The `on_outcome` transaction, unsent."""
        return self._call(_ON_OUTCOME, (request_id, outcome))

    async def on_outcome(
        self, sender: LocalAccount, request_id: int, outcome: bytes, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `on_outcome` from `sender` and wait for the receipt."""
        return await self._send(self.on_outcome_call(request_id, outcome), sender, gas)

    async def oracle(self) -> ChecksumAddress:
        """`oracle` (view)."""
        values = await self._view(_ORACLE, ())
        return checksum(values[0])

    async def owner(self) -> ChecksumAddress:
        """`owner` (view)."""
        values = await self._view(_OWNER, ())
        return checksum(values[0])

    async def pending_owner(self) -> ChecksumAddress:
        """`pending_owner` (view)."""
        values = await self._view(_PENDING_OWNER, ())
        return checksum(values[0])

    def set_creator_call(self, creator: str, allowed: bool) -> ContractCall:
        """The `set_creator` transaction, unsent."""
        return self._call(_SET_CREATOR, (creator, allowed))

    async def set_creator(
        self, sender: LocalAccount, creator: str, allowed: bool, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `set_creator` from `sender` and wait for the receipt."""
        return await self._send(self.set_creator_call(creator, allowed), sender, gas)

    def sweep_call(self, token: str, to: str, amount: int) -> ContractCall:
        """The `sweep` transaction, unsent."""
        return self._call(_SWEEP, (token, to, amount))

    async def sweep(
        self, sender: LocalAccount, token: str, to: str, amount: int, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `sweep` from `sender` and wait for the receipt."""
        return await self._send(self.sweep_call(token, to, amount), sender, gas)

    def transfer_ownership_call(self, new_owner: str) -> ContractCall:
        """The `transfer_ownership` transaction, unsent."""
        return self._call(_TRANSFER_OWNERSHIP, (new_owner,))

    async def transfer_ownership(
        self, sender: LocalAccount, new_owner: str, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `transfer_ownership` from `sender` and wait for the receipt."""
        return await self._send(self.transfer_ownership_call(new_owner), sender, gas)


__all__ = [
    "CreatorSet",
    "OutcomeReceived",
    "OwnershipTransferStarted",
    "OwnershipTransferred",
    "RequestForwarded",
    "Requester",
    "Swept",
]
