"""Typed binding of `PriceFeed`.

Generated from `contracts/PriceFeed.vy`
by `python scripts/build_artifacts.py`; do not edit.
"""

from collections.abc import Sequence
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
    each,
    event_topic,
    identity,
    values_tuple,
)
from fluxo.chain.bindings.results import RoundData
from fluxo.chain.client import ChainClient, ContractCall

_ACCEPT_OWNERSHIP: Final = Function.of("accept_ownership", (), ())
_DECIMALS: Final = Function.of("decimals", (), ("uint8",))
_DEFAULT_MAX_OBSERVATION_AGE_S: Final = Function.of(
    "DEFAULT_MAX_OBSERVATION_AGE_S", (), ("uint256",)
)
_DESCRIPTION: Final = Function.of("description", (), ("string",))
_DOMAIN_SEPARATOR: Final = Function.of("domain_separator", (), ("bytes32",))
_EIP712_DOMAIN: Final = Function.of(
    "eip712Domain", (), ("bytes1", "string", "string", "uint256", "address", "bytes32", "uint256[]")
)
_FEED_ID: Final = Function.of("feed_id", (), ("bytes32",))
_GET_ANSWER: Final = Function.of("getAnswer", ("uint256",), ("int256",))
_GET_ROUND_DATA: Final = Function.of(
    "getRoundData", ("uint80",), ("uint80", "int256", "uint256", "uint256", "uint80")
)
_GET_TIMESTAMP: Final = Function.of("getTimestamp", ("uint256",), ("uint256",))
_LATEST_ANSWER: Final = Function.of("latestAnswer", (), ("int256",))
_LATEST_ROUND: Final = Function.of("latestRound", (), ("uint256",))
_LATEST_ROUND_DATA: Final = Function.of(
    "latestRoundData", (), ("uint80", "int256", "uint256", "uint256", "uint80")
)
_LATEST_TIMESTAMP: Final = Function.of("latestTimestamp", (), ("uint256",))
_MAX_FUTURE_S: Final = Function.of("MAX_FUTURE_S", (), ("uint256",))
_MAX_OBSERVATION_AGE: Final = Function.of("max_observation_age", (), ("uint256",))
_MAX_OBSERVATION_AGE_S: Final = Function.of("MAX_OBSERVATION_AGE_S", (), ("uint256",))
_MAY_TRANSMIT: Final = Function.of("may_transmit", ("address",), ("bool",))
_OBSERVATION_TYPEHASH: Final = Function.of("OBSERVATION_TYPEHASH", (), ("bytes32",))
_OWNER: Final = Function.of("owner", (), ("address",))
_PENDING_OWNER: Final = Function.of("pending_owner", (), ("address",))
_QUORUM: Final = Function.of("quorum", (), ("uint256",))
_RENOUNCE_OWNERSHIP: Final = Function.of("renounce_ownership", (), ())
_SET_MAX_OBSERVATION_AGE: Final = Function.of("set_max_observation_age", ("uint256",), ())
_SET_SIGNERS: Final = Function.of("set_signers", ("address[]", "uint256"), ())
_SET_SIGNERS_TRANSMIT: Final = Function.of("set_signers_transmit", ("bool",), ())
_SET_TRANSMITTER: Final = Function.of("set_transmitter", ("address", "bool"), ())
_SET_WHITELIST_ENABLED: Final = Function.of("set_whitelist_enabled", ("bool",), ())
_SET_WHITELISTED: Final = Function.of("set_whitelisted", ("address", "bool"), ())
_SIGNER_DATA: Final = Function.of("signer_data", (), ("address",))
_SIGNERS: Final = Function.of("signers", (), ("address[]",))
_SIGNERS_TRANSMIT: Final = Function.of("signers_transmit", (), ("bool",))
_TRANSFER_OWNERSHIP: Final = Function.of("transfer_ownership", ("address",), ())
_TRANSMIT: Final = Function.of("transmit", ("uint32", "int192[]", "uint64[]", "bytes[]"), ())
_TRANSMITTER: Final = Function.of("transmitter", ("address",), ("bool",))
_VERSION: Final = Function.of("version", (), ("uint256",))
_WHITELIST_ENABLED: Final = Function.of("whitelist_enabled", (), ("bool",))
_WHITELISTED: Final = Function.of("whitelisted", ("address",), ("bool",))


@dataclass(frozen=True, slots=True)
class AnswerUpdated(EventLog):
    """`AnswerUpdated(int256,uint256,uint256)`."""

    current: int
    round_id: int
    updated_at: int

    SIGNATURE: ClassVar[str] = "AnswerUpdated(int256,uint256,uint256)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("current", "int256", True),
        ("round_id", "uint256", True),
        ("updated_at", "uint256", False),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
        identity,
        identity,
        identity,
    )


@dataclass(frozen=True, slots=True)
class MaxObservationAgeSet(EventLog):
    """`MaxObservationAgeSet(uint256)`."""

    max_age_s: int

    SIGNATURE: ClassVar[str] = "MaxObservationAgeSet(uint256)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (("max_age_s", "uint256", False),)
    CODECS: ClassVar[tuple[Codec, ...]] = (identity,)


@dataclass(frozen=True, slots=True)
class NewRound(EventLog):
    """`NewRound(uint256,address,uint256)`."""

    round_id: int
    started_by: ChecksumAddress
    started_at: int

    SIGNATURE: ClassVar[str] = "NewRound(uint256,address,uint256)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("round_id", "uint256", True),
        ("started_by", "address", True),
        ("started_at", "uint256", False),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
        identity,
        checksum,
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
class SignersSet(EventLog):
    """`SignersSet(address[],uint256,address)`."""

    signers: tuple[ChecksumAddress, ...]
    quorum: int
    signer_data: ChecksumAddress

    SIGNATURE: ClassVar[str] = "SignersSet(address[],uint256,address)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("signers", "address[]", False),
        ("quorum", "uint256", False),
        ("signer_data", "address", False),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
        each(checksum),
        identity,
        checksum,
    )


@dataclass(frozen=True, slots=True)
class SignersTransmitSet(EventLog):
    """`SignersTransmitSet(bool)`."""

    enabled: bool

    SIGNATURE: ClassVar[str] = "SignersTransmitSet(bool)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (("enabled", "bool", False),)
    CODECS: ClassVar[tuple[Codec, ...]] = (identity,)


@dataclass(frozen=True, slots=True)
class TransmitterSet(EventLog):
    """`TransmitterSet(address,bool)`."""

    account: ChecksumAddress
    allowed: bool

    SIGNATURE: ClassVar[str] = "TransmitterSet(address,bool)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("account", "address", True),
        ("allowed", "bool", False),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
        checksum,
        identity,
    )


@dataclass(frozen=True, slots=True)
class WhitelistEnabledSet(EventLog):
    """`WhitelistEnabledSet(bool)`."""

    enabled: bool

    SIGNATURE: ClassVar[str] = "WhitelistEnabledSet(bool)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (("enabled", "bool", False),)
    CODECS: ClassVar[tuple[Codec, ...]] = (identity,)


@dataclass(frozen=True, slots=True)
class WhitelistedSet(EventLog):
    """`WhitelistedSet(address,bool)`."""

    account: ChecksumAddress
    allowed: bool

    SIGNATURE: ClassVar[str] = "WhitelistedSet(address,bool)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("account", "address", True),
        ("allowed", "bool", False),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
        checksum,
        identity,
    )


class PriceFeed(ContractBinding):
    """Typed binding of the `PriceFeed` contract.

    Source: `contracts/PriceFeed.vy`.
    """

    ARTIFACT: ClassVar[str] = "PriceFeed"
    ARTIFACT_PACKAGE: ClassVar[str] = "fluxo.chain.artifacts"
    EVENTS: ClassVar[tuple[type[EventLog], ...]] = (
        AnswerUpdated,
        MaxObservationAgeSet,
        NewRound,
        OwnershipTransferStarted,
        OwnershipTransferred,
        SignersSet,
        SignersTransmitSet,
        TransmitterSet,
        WhitelistEnabledSet,
        WhitelistedSet,
    )

    @classmethod
    async def deploy(
        cls,
        client: ChainClient,
        sender: LocalAccount,
        decimals: int,
        description: str,
        signers: Sequence[str],
        quorum: int,
        *,
        gas: int | None = None,
    ) -> Self:
        """Deploy a new `PriceFeed` from the shipped artifact."""
        return await deploy(
            cls, client, sender, decimals, description, list(signers), quorum, gas=gas
        )

    def accept_ownership_call(self) -> ContractCall:
        """The `accept_ownership` transaction, unsent."""
        return self._call(_ACCEPT_OWNERSHIP, ())

    async def accept_ownership(self, sender: LocalAccount, *, gas: int | None = None) -> TxReceipt:
        """Send `accept_ownership` from `sender` and wait for the receipt."""
        return await self._send(self.accept_ownership_call(), sender, gas)

    async def decimals(self) -> int:
        """`decimals` (view)."""
        values = await self._view(_DECIMALS, ())
        return cast(int, identity(values[0]))

    async def default_max_observation_age_s(self) -> int:
        """`DEFAULT_MAX_OBSERVATION_AGE_S` (view)."""
        values = await self._view(_DEFAULT_MAX_OBSERVATION_AGE_S, ())
        return cast(int, identity(values[0]))

    async def description(self) -> str:
        """`description` (view)."""
        values = await self._view(_DESCRIPTION, ())
        return cast(str, identity(values[0]))

    async def domain_separator(self) -> bytes:
        """`domain_separator` (view)."""
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

    async def feed_id(self) -> bytes:
        """`feed_id` (view)."""
        values = await self._view(_FEED_ID, ())
        return cast(bytes, identity(values[0]))

    async def get_answer(self, round_id: int) -> int:
        """`getAnswer` (view)."""
        values = await self._view(_GET_ANSWER, (round_id,))
        return cast(int, identity(values[0]))

    async def get_round_data(self, round_id: int) -> RoundData:
        """`getRoundData` (view)."""
        values = await self._view(_GET_ROUND_DATA, (round_id,))
        return RoundData(
            *decode_all(
                (
                    identity,
                    identity,
                    identity,
                    identity,
                    identity,
                ),
                values,
            )
        )

    async def get_timestamp(self, round_id: int) -> int:
        """`getTimestamp` (view)."""
        values = await self._view(_GET_TIMESTAMP, (round_id,))
        return cast(int, identity(values[0]))

    async def latest_answer(self) -> int:
        """`latestAnswer` (view)."""
        values = await self._view(_LATEST_ANSWER, ())
        return cast(int, identity(values[0]))

    async def latest_round(self) -> int:
        """`latestRound` (view)."""
        values = await self._view(_LATEST_ROUND, ())
        return cast(int, identity(values[0]))

    async def latest_round_data(self) -> RoundData:
        """`latestRoundData` (view)."""
        values = await self._view(_LATEST_ROUND_DATA, ())
        return RoundData(
            *decode_all(
                (
                    identity,
                    identity,
                    identity,
                    identity,
                    identity,
                ),
                values,
            )
        )

    async def latest_timestamp(self) -> int:
        """`latestTimestamp` (view)."""
        values = await self._view(_LATEST_TIMESTAMP, ())
        return cast(int, identity(values[0]))

    async def max_future_s(self) -> int:
        """`MAX_FUTURE_S` (view)."""
        values = await self._view(_MAX_FUTURE_S, ())
        return cast(int, identity(values[0]))

    async def max_observation_age(self) -> int:
        """`max_observation_age` (view)."""
        values = await self._view(_MAX_OBSERVATION_AGE, ())
        return cast(int, identity(values[0]))

    async def max_observation_age_s(self) -> int:
        """`MAX_OBSERVATION_AGE_S` (view)."""
        values = await self._view(_MAX_OBSERVATION_AGE_S, ())
        return cast(int, identity(values[0]))

    async def may_transmit(self, account: str) -> bool:
        """`may_transmit` (view)."""
        values = await self._view(_MAY_TRANSMIT, (account,))
        return cast(bool, identity(values[0]))

    async def observation_typehash(self) -> bytes:
        """`OBSERVATION_TYPEHASH` (view)."""
        values = await self._view(_OBSERVATION_TYPEHASH, ())
        return cast(bytes, identity(values[0]))

    async def owner(self) -> ChecksumAddress:
        """`owner` (view)."""
        values = await self._view(_OWNER, ())
        return checksum(values[0])

    async def pending_owner(self) -> ChecksumAddress:
        """`pending_owner` (view)."""
        values = await self._view(_PENDING_OWNER, ())
        return checksum(values[0])

    async def quorum(self) -> int:
        """`quorum` (view)."""
        values = await self._view(_QUORUM, ())
        return cast(int, identity(values[0]))

    def renounce_ownership_call(self) -> ContractCall:
        """The `renounce_ownership` transaction, unsent."""
        return self._call(_RENOUNCE_OWNERSHIP, ())

    async def renounce_ownership(
        self, sender: LocalAccount, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `renounce_ownership` from `sender` and wait for the receipt."""
        return await self._send(self.renounce_ownership_call(), sender, gas)

    def set_max_observation_age_call(self, max_age_s: int) -> ContractCall:
        """The `set_max_observation_age` transaction, unsent."""
        return self._call(_SET_MAX_OBSERVATION_AGE, (max_age_s,))

    async def set_max_observation_age(
        self, sender: LocalAccount, max_age_s: int, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `set_max_observation_age` from `sender` and wait for the receipt."""
        return await self._send(self.set_max_observation_age_call(max_age_s), sender, gas)

    def set_signers_call(self, signers: Sequence[str], quorum: int) -> ContractCall:
        """The `set_signers` transaction, unsent."""
        return self._call(_SET_SIGNERS, (list(signers), quorum))

    async def set_signers(
        self, sender: LocalAccount, signers: Sequence[str], quorum: int, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `set_signers` from `sender` and wait for the receipt."""
        return await self._send(self.set_signers_call(signers, quorum), sender, gas)

    def set_signers_transmit_call(self, enabled: bool) -> ContractCall:
        """The `set_signers_transmit` transaction, unsent."""
        return self._call(_SET_SIGNERS_TRANSMIT, (enabled,))

    async def set_signers_transmit(
        self, sender: LocalAccount, enabled: bool, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `set_signers_transmit` from `sender` and wait for the receipt."""
        return await self._send(self.set_signers_transmit_call(enabled), sender, gas)

    def set_transmitter_call(self, account: str, allowed: bool) -> ContractCall:
        """The `set_transmitter` transaction, unsent."""
        return self._call(_SET_TRANSMITTER, (account, allowed))

    async def set_transmitter(
        self, sender: LocalAccount, account: str, allowed: bool, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `set_transmitter` from `sender` and wait for the receipt."""
        return await self._send(self.set_transmitter_call(account, allowed), sender, gas)

    def set_whitelist_enabled_call(self, enabled: bool) -> ContractCall:
        """The `set_whitelist_enabled` transaction, unsent."""
        return self._call(_SET_WHITELIST_ENABLED, (enabled,))

    async def set_whitelist_enabled(
        self, sender: LocalAccount, enabled: bool, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `set_whitelist_enabled` from `sender` and wait for the receipt."""
        return await self._send(self.set_whitelist_enabled_call(enabled), sender, gas)

    def set_whitelisted_call(self, account: str, allowed: bool) -> ContractCall:
        """The `set_whitelisted` transaction, unsent."""
        return self._call(_SET_WHITELISTED, (account, allowed))

    async def set_whitelisted(
        self, sender: LocalAccount, account: str, allowed: bool, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `set_whitelisted` from `sender` and wait for the receipt."""
        return await self._send(self.set_whitelisted_call(account, allowed), sender, gas)

    async def signer_data(self) -> ChecksumAddress:
        """`signer_data` (view)."""
        values = await self._view(_SIGNER_DATA, ())
        return checksum(values[0])

    async def signers(self) -> tuple[ChecksumAddress, ...]:
        """`signers` (view)."""
        values = await self._view(_SIGNERS, ())
        return cast(tuple[ChecksumAddress, ...], each(checksum)(values[0]))

    async def signers_transmit(self) -> bool:
        """`signers_transmit` (view)."""
        values = await self._view(_SIGNERS_TRANSMIT, ())
        return cast(bool, identity(values[0]))

    def transfer_ownership_call(self, new_owner: str) -> ContractCall:
        """The `transfer_ownership` transaction, unsent."""
        return self._call(_TRANSFER_OWNERSHIP, (new_owner,))

    async def transfer_ownership(
        self, sender: LocalAccount, new_owner: str, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `transfer_ownership` from `sender` and wait for the receipt."""
        return await self._send(self.transfer_ownership_call(new_owner), sender, gas)

    def transmit_call(
        self,
        round: int,
        answers: Sequence[int],
        timestamps: Sequence[int],
        signatures: Sequence[bytes],
    ) -> ContractCall:
        """The `transmit` transaction, unsent."""
        return self._call(_TRANSMIT, (round, list(answers), list(timestamps), list(signatures)))

    async def transmit(
        self,
        sender: LocalAccount,
        round: int,
        answers: Sequence[int],
        timestamps: Sequence[int],
        signatures: Sequence[bytes],
        *,
        gas: int | None = None,
    ) -> TxReceipt:
        """Send `transmit` from `sender` and wait for the receipt."""
        return await self._send(
            self.transmit_call(round, answers, timestamps, signatures), sender, gas
        )

    async def transmitter(self, account: str) -> bool:
        """`transmitter` (view)."""
        values = await self._view(_TRANSMITTER, (account,))
        return cast(bool, identity(values[0]))

    async def version(self) -> int:
        """`version` (view)."""
        values = await self._view(_VERSION, ())
        return cast(int, identity(values[0]))

    async def whitelist_enabled(self) -> bool:
        """`whitelist_enabled` (view)."""
        values = await self._view(_WHITELIST_ENABLED, ())
        return cast(bool, identity(values[0]))

    async def whitelisted(self, account: str) -> bool:
        """`whitelisted` (view)."""
        values = await self._view(_WHITELISTED, (account,))
        return cast(bool, identity(values[0]))


__all__ = [
    "AnswerUpdated",
    "MaxObservationAgeSet",
    "NewRound",
    "OwnershipTransferStarted",
    "OwnershipTransferred",
    "PriceFeed",
    "SignersSet",
    "SignersTransmitSet",
    "TransmitterSet",
    "WhitelistEnabledSet",
    "WhitelistedSet",
]
