"""Typed binding of `Oracle`.

Generated from `contracts/Oracle.vy`
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
    decode_all,
    deploy,
    each,
    event_topic,
    identity,
    struct,
    values_tuple,
)
from fluxo.chain.bindings.results import (
    Claimable,
    OutcomeOf,
    PauseClock,
    RequesterInfo,
    RequestParams,
    RoundInfo,
)
from fluxo.chain.client import ChainClient, ContractCall
from fluxo.domain.config import Config
from fluxo.domain.request_args import RequestArgs, Source

_ACCEPT_OWNERSHIP: Final = Function.of("accept_ownership", (), ())
_ADD_REQUESTER: Final = Function.of("add_requester", ("address", "string", "uint256", "string"), ())
_ARBITRATE: Final = Function.of("arbitrate", ("uint256", "bytes32"), ())
_CANCEL: Final = Function.of("cancel", ("uint256",), ())
_CLAIM: Final = Function.of("claim", ("uint256", "address"), ("uint256", "uint256"))
_CLAIMABLE: Final = Function.of("claimable", ("uint256", "address"), ("uint256", "uint256"))
_CONFIG: Final = Function.of(
    "config",
    ("uint256",),
    ("(address,address,uint256,uint256,uint256,uint256,uint256,address,address,uint256,uint256)",),
)
_CREATE_REQUEST: Final = Function.of(
    "create_request",
    ("(string,(string,string)[],string[],uint8,uint8,uint256,uint256,uint256,uint256,string[])",),
    ("uint256",),
)
_CURRENT_ROUND: Final = Function.of("current_round", ("uint256",), ("uint256",))
_FINALIZE: Final = Function.of("finalize", ("uint256",), ())
_INVALID_OUTCOME: Final = Function.of("INVALID_OUTCOME", (), ("bytes32",))
_LATEST_CONFIG_ID: Final = Function.of("latest_config_id", (), ("uint256",))
_OUTCOME_OF: Final = Function.of("outcome_of", ("uint256",), ("bool", "bytes32"))
_OWNER: Final = Function.of("owner", (), ("address",))
_PAUSE: Final = Function.of("pause", (), ())
_PAUSE_CLOCK: Final = Function.of("pause_clock", (), ("uint256", "uint256", "uint256"))
_PAUSED: Final = Function.of("paused", (), ("bool",))
_PENDING_OWNER: Final = Function.of("pending_owner", (), ("address",))
_PUBLISH_ANSWER: Final = Function.of("publish_answer", ("uint256", "string"), ("bytes32",))
_REMOVE_REQUESTER: Final = Function.of("remove_requester", ("address",), ())
_REQUEST_COUNT: Final = Function.of("request_count", (), ("uint256",))
_REQUEST_PARAMS: Final = Function.of(
    "request_params",
    ("uint256",),
    ("address", "uint256", "uint256", "uint256", "uint256", "uint256", "uint256"),
)
_REQUESTER_INFO: Final = Function.of("requester_info", ("address",), ("bool", "uint256", "uint256"))
_ROUND_INFO: Final = Function.of(
    "round_info", ("uint256", "uint256"), ("uint256", "uint256", "uint256", "bytes32", "bool")
)
_SET_CONFIG: Final = Function.of(
    "set_config",
    ("(address,address,uint256,uint256,uint256,uint256,uint256,address,address,uint256,uint256)",),
    ("uint256",),
)
_STAKE: Final = Function.of("stake", ("uint256", "bytes32", "uint256"), ("uint256",))
_STAKED: Final = Function.of("staked", ("uint256", "uint256", "address", "bytes32"), ("uint256",))
_TRANSFER_OWNERSHIP: Final = Function.of("transfer_ownership", ("address",), ())
_UNPAUSE: Final = Function.of("unpause", (), ())
_UNSTAKE: Final = Function.of("unstake", ("uint256", "uint256", "bytes32", "uint256"), ())
_WITHDRAW: Final = Function.of("withdraw", ("address", "address"), ("uint256",))
_WITHDRAWABLE: Final = Function.of("withdrawable", ("address", "address"), ("uint256",))


@dataclass(frozen=True, slots=True)
class AnswerPublished(EventLog):
    """`AnswerPublished(uint256,bytes32,string)`."""

    request_id: int
    outcome: bytes
    answer: str

    SIGNATURE: ClassVar[str] = "AnswerPublished(uint256,bytes32,string)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("request_id", "uint256", True),
        ("outcome", "bytes32", True),
        ("answer", "string", False),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
        identity,
        identity,
        identity,
    )


@dataclass(frozen=True, slots=True)
class ArbitrationExpired(EventLog):
    """`ArbitrationExpired(uint256)`."""

    request_id: int

    SIGNATURE: ClassVar[str] = "ArbitrationExpired(uint256)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (("request_id", "uint256", True),)
    CODECS: ClassVar[tuple[Codec, ...]] = (identity,)


@dataclass(frozen=True, slots=True)
class CallbackFailed(EventLog):
    """`CallbackFailed(uint256,address)`."""

    request_id: int
    requester: ChecksumAddress

    SIGNATURE: ClassVar[str] = "CallbackFailed(uint256,address)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("request_id", "uint256", True),
        ("requester", "address", True),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
        identity,
        checksum,
    )


@dataclass(frozen=True, slots=True)
class Cancelled(EventLog):
    """`Cancelled(uint256,address)`."""

    request_id: int
    requester: ChecksumAddress

    SIGNATURE: ClassVar[str] = "Cancelled(uint256,address)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("request_id", "uint256", True),
        ("requester", "address", True),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
        identity,
        checksum,
    )


@dataclass(frozen=True, slots=True)
class Claimed(EventLog):
    """`Claimed(uint256,address,uint256,uint256)`."""

    request_id: int
    account: ChecksumAddress
    stake_amount: int
    payment_amount: int

    SIGNATURE: ClassVar[str] = "Claimed(uint256,address,uint256,uint256)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("request_id", "uint256", True),
        ("account", "address", True),
        ("stake_amount", "uint256", False),
        ("payment_amount", "uint256", False),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
        identity,
        checksum,
        identity,
        identity,
    )


@dataclass(frozen=True, slots=True)
class ConfigSet(EventLog):
    """`ConfigSet(uint256,(address,address,uint256,uint256,uint256,uint256,uint256,address,address,uint256,uint256))`."""

    config_id: int
    config: Config

    SIGNATURE: ClassVar[str] = (
        "ConfigSet(uint256,(address,address,uint256,uint256,uint256,uint256,uint256,address,address,uint256,uint256))"
    )
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("config_id", "uint256", True),
        (
            "config",
            "(address,address,uint256,uint256,uint256,uint256,uint256,address,address,uint256,uint256)",
            False,
        ),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
        identity,
        struct(
            Config,
            (
                checksum,
                checksum,
                identity,
                identity,
                identity,
                identity,
                identity,
                checksum,
                checksum,
                identity,
                identity,
            ),
        ),
    )


@dataclass(frozen=True, slots=True)
class Escalated(EventLog):
    """`Escalated(uint256,uint256,uint256)`."""

    request_id: int
    round: int
    bond: int

    SIGNATURE: ClassVar[str] = "Escalated(uint256,uint256,uint256)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("request_id", "uint256", True),
        ("round", "uint256", False),
        ("bond", "uint256", False),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
        identity,
        identity,
        identity,
    )


@dataclass(frozen=True, slots=True)
class Finalized(EventLog):
    """`Finalized(uint256,bytes32,bool)`."""

    request_id: int
    outcome: bytes
    arbitrated: bool

    SIGNATURE: ClassVar[str] = "Finalized(uint256,bytes32,bool)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("request_id", "uint256", True),
        ("outcome", "bytes32", False),
        ("arbitrated", "bool", False),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
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
class RequestCreated(EventLog):
    """`RequestCreated(uint256,address,string,(string,string)[],string[],uint8,uint8,string[])`."""

    request_id: int
    requester: ChecksumAddress
    description: str
    sources: tuple[Source, ...]
    outcomes: tuple[str, ...]
    data_type: int
    decimals: int
    tags: tuple[str, ...]

    SIGNATURE: ClassVar[str] = (
        "RequestCreated(uint256,address,string,(string,string)[],string[],uint8,uint8,string[])"
    )
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("request_id", "uint256", True),
        ("requester", "address", True),
        ("description", "string", False),
        ("sources", "(string,string)[]", False),
        ("outcomes", "string[]", False),
        ("data_type", "uint8", False),
        ("decimals", "uint8", False),
        ("tags", "string[]", False),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
        identity,
        checksum,
        identity,
        each(
            struct(
                Source,
                (
                    identity,
                    identity,
                ),
            )
        ),
        values_tuple,
        identity,
        identity,
        values_tuple,
    )


@dataclass(frozen=True, slots=True)
class RequesterAdded(EventLog):
    """`RequesterAdded(address,uint256,string,uint256,string)`."""

    requester: ChecksumAddress
    index: int
    name: str
    stake_multiplier_bps: int
    code_base_url: str

    SIGNATURE: ClassVar[str] = "RequesterAdded(address,uint256,string,uint256,string)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("requester", "address", True),
        ("index", "uint256", False),
        ("name", "string", False),
        ("stake_multiplier_bps", "uint256", False),
        ("code_base_url", "string", False),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
        checksum,
        identity,
        identity,
        identity,
        identity,
    )


@dataclass(frozen=True, slots=True)
class RequesterRemoved(EventLog):
    """`RequesterRemoved(address)`."""

    requester: ChecksumAddress

    SIGNATURE: ClassVar[str] = "RequesterRemoved(address)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (("requester", "address", True),)
    CODECS: ClassVar[tuple[Codec, ...]] = (checksum,)


@dataclass(frozen=True, slots=True)
class Staked(EventLog):
    """`Staked(uint256,address,uint256,bytes32,uint256,bool)`."""

    request_id: int
    staker: ChecksumAddress
    round: int
    outcome: bytes
    amount: int
    bonded: bool

    SIGNATURE: ClassVar[str] = "Staked(uint256,address,uint256,bytes32,uint256,bool)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("request_id", "uint256", True),
        ("staker", "address", True),
        ("round", "uint256", False),
        ("outcome", "bytes32", False),
        ("amount", "uint256", False),
        ("bonded", "bool", False),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
        identity,
        checksum,
        identity,
        identity,
        identity,
        identity,
    )


@dataclass(frozen=True, slots=True)
class TreasuryPaid(EventLog):
    """`TreasuryPaid(uint256,address,uint256,uint256)`."""

    request_id: int
    treasury: ChecksumAddress
    stake_amount: int
    payment_amount: int

    SIGNATURE: ClassVar[str] = "TreasuryPaid(uint256,address,uint256,uint256)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("request_id", "uint256", True),
        ("treasury", "address", True),
        ("stake_amount", "uint256", False),
        ("payment_amount", "uint256", False),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
        identity,
        checksum,
        identity,
        identity,
    )


@dataclass(frozen=True, slots=True)
class Unpaused(EventLog):
    """`Unpaused(address)`."""

    account: ChecksumAddress

    SIGNATURE: ClassVar[str] = "Unpaused(address)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (("account", "address", False),)
    CODECS: ClassVar[tuple[Codec, ...]] = (checksum,)


@dataclass(frozen=True, slots=True)
class Unstaked(EventLog):
    """`Unstaked(uint256,address,uint256,bytes32,uint256)`."""

    request_id: int
    staker: ChecksumAddress
    round: int
    outcome: bytes
    amount: int

    SIGNATURE: ClassVar[str] = "Unstaked(uint256,address,uint256,bytes32,uint256)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("request_id", "uint256", True),
        ("staker", "address", True),
        ("round", "uint256", False),
        ("outcome", "bytes32", False),
        ("amount", "uint256", False),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
        identity,
        checksum,
        identity,
        identity,
        identity,
    )


@dataclass(frozen=True, slots=True)
class Withdrawn(EventLog):
    """`Withdrawn(address,address,uint256)`."""

    token: ChecksumAddress
    account: ChecksumAddress
    amount: int

    SIGNATURE: ClassVar[str] = "Withdrawn(address,address,uint256)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("token", "address", True),
        ("account", "address", True),
        ("amount", "uint256", False),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
        checksum,
        checksum,
        identity,
    )


class Oracle(ContractBinding):
    """Typed binding of the `Oracle` contract.

    Source: `contracts/Oracle.vy`.
    """

    ARTIFACT: ClassVar[str] = "Oracle"
    ARTIFACT_PACKAGE: ClassVar[str] = "fluxo.chain.artifacts"
    EVENTS: ClassVar[tuple[type[EventLog], ...]] = (
        AnswerPublished,
        ArbitrationExpired,
        CallbackFailed,
        Cancelled,
        Claimed,
        ConfigSet,
        Escalated,
        Finalized,
        OwnershipTransferStarted,
        OwnershipTransferred,
        Paused,
        RequestCreated,
        RequesterAdded,
        RequesterRemoved,
        Staked,
        TreasuryPaid,
        Unpaused,
        Unstaked,
        Withdrawn,
    )

    @classmethod
    async def deploy(
        cls,
        client: ChainClient,
        sender: LocalAccount,
        config: Config,
        *,
        gas: int | None = None,
    ) -> Self:
        """Deploy a new `Oracle` from the shipped artifact."""
        return await deploy(cls, client, sender, as_tuple(config), gas=gas)

    def accept_ownership_call(self) -> ContractCall:
        """The `accept_ownership` transaction, unsent."""
        return self._call(_ACCEPT_OWNERSHIP, ())

    async def accept_ownership(self, sender: LocalAccount, *, gas: int | None = None) -> TxReceipt:
        """Send `accept_ownership` from `sender` and wait for the receipt."""
        return await self._send(self.accept_ownership_call(), sender, gas)

    def add_requester_call(
        self, requester: str, name: str, stake_multiplier_bps: int, code_base_url: str
    ) -> ContractCall:
        """The `add_requester` transaction, unsent."""
        return self._call(_ADD_REQUESTER, (requester, name, stake_multiplier_bps, code_base_url))

    async def add_requester(
        self,
        sender: LocalAccount,
        requester: str,
        name: str,
        stake_multiplier_bps: int,
        code_base_url: str,
        *,
        gas: int | None = None,
    ) -> TxReceipt:
        """Send `add_requester` from `sender` and wait for the receipt."""
        return await self._send(
            self.add_requester_call(requester, name, stake_multiplier_bps, code_base_url),
            sender,
            gas,
        )

    def arbitrate_call(self, request_id: int, outcome: bytes) -> ContractCall:
        """The `arbitrate` transaction, unsent."""
        return self._call(_ARBITRATE, (request_id, outcome))

    async def arbitrate(
        self, sender: LocalAccount, request_id: int, outcome: bytes, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `arbitrate` from `sender` and wait for the receipt."""
        return await self._send(self.arbitrate_call(request_id, outcome), sender, gas)

    def cancel_call(self, request_id: int) -> ContractCall:
        """The `cancel` transaction, unsent."""
        return self._call(_CANCEL, (request_id,))

    async def cancel(
        self, sender: LocalAccount, request_id: int, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `cancel` from `sender` and wait for the receipt."""
        return await self._send(self.cancel_call(request_id), sender, gas)

    def claim_call(self, request_id: int, account: str) -> ContractCall:
        """The `claim` transaction, unsent."""
        return self._call(_CLAIM, (request_id, account))

    async def claim(
        self, sender: LocalAccount, request_id: int, account: str, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `claim` from `sender` and wait for the receipt."""
        return await self._send(self.claim_call(request_id, account), sender, gas)

    async def claimable(self, request_id: int, account: str) -> Claimable:
        """`claimable` (view)."""
        values = await self._view(_CLAIMABLE, (request_id, account))
        return Claimable(
            *decode_all(
                (
                    identity,
                    identity,
                ),
                values,
            )
        )

    async def config(self, config_id: int) -> Config:
        """`config` (view)."""
        values = await self._view(_CONFIG, (config_id,))
        return cast(
            Config,
            struct(
                Config,
                (
                    checksum,
                    checksum,
                    identity,
                    identity,
                    identity,
                    identity,
                    identity,
                    checksum,
                    checksum,
                    identity,
                    identity,
                ),
            )(values[0]),
        )

    def create_request_call(self, args: RequestArgs) -> ContractCall:
        """The `create_request` transaction, unsent."""
        return self._call(_CREATE_REQUEST, (as_tuple(args),))

    async def create_request(
        self, sender: LocalAccount, args: RequestArgs, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `create_request` from `sender` and wait for the receipt."""
        return await self._send(self.create_request_call(args), sender, gas)

    async def current_round(self, request_id: int) -> int:
        """`current_round` (view)."""
        values = await self._view(_CURRENT_ROUND, (request_id,))
        return cast(int, identity(values[0]))

    def finalize_call(self, request_id: int) -> ContractCall:
        """The `finalize` transaction, unsent."""
        return self._call(_FINALIZE, (request_id,))

    async def finalize(
        self, sender: LocalAccount, request_id: int, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `finalize` from `sender` and wait for the receipt."""
        return await self._send(self.finalize_call(request_id), sender, gas)

    async def invalid_outcome(self) -> bytes:
        """`INVALID_OUTCOME` (view)."""
        values = await self._view(_INVALID_OUTCOME, ())
        return cast(bytes, identity(values[0]))

    async def latest_config_id(self) -> int:
        """`latest_config_id` (view)."""
        values = await self._view(_LATEST_CONFIG_ID, ())
        return cast(int, identity(values[0]))

    async def outcome_of(self, request_id: int) -> OutcomeOf:
        """`outcome_of` (view)."""
        values = await self._view(_OUTCOME_OF, (request_id,))
        return OutcomeOf(
            *decode_all(
                (
                    identity,
                    identity,
                ),
                values,
            )
        )

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

    async def pause_clock(self) -> PauseClock:
        """`pause_clock` (view)."""
        values = await self._view(_PAUSE_CLOCK, ())
        return PauseClock(
            *decode_all(
                (
                    identity,
                    identity,
                    identity,
                ),
                values,
            )
        )

    async def paused(self) -> bool:
        """`paused` (view)."""
        values = await self._view(_PAUSED, ())
        return cast(bool, identity(values[0]))

    async def pending_owner(self) -> ChecksumAddress:
        """`pending_owner` (view)."""
        values = await self._view(_PENDING_OWNER, ())
        return checksum(values[0])

    def publish_answer_call(self, request_id: int, answer: str) -> ContractCall:
        """The `publish_answer` transaction, unsent."""
        return self._call(_PUBLISH_ANSWER, (request_id, answer))

    async def publish_answer(
        self, sender: LocalAccount, request_id: int, answer: str, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `publish_answer` from `sender` and wait for the receipt."""
        return await self._send(self.publish_answer_call(request_id, answer), sender, gas)

    def remove_requester_call(self, requester: str) -> ContractCall:
        """The `remove_requester` transaction, unsent."""
        return self._call(_REMOVE_REQUESTER, (requester,))

    async def remove_requester(
        self, sender: LocalAccount, requester: str, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `remove_requester` from `sender` and wait for the receipt."""
        return await self._send(self.remove_requester_call(requester), sender, gas)

    async def request_count(self) -> int:
        """`request_count` (view)."""
        values = await self._view(_REQUEST_COUNT, ())
        return cast(int, identity(values[0]))

    async def request_params(self, request_id: int) -> RequestParams:
        """`request_params` (view)."""
        values = await self._view(_REQUEST_PARAMS, (request_id,))
        return RequestParams(
            *decode_all(
                (
                    checksum,
                    identity,
                    identity,
                    identity,
                    identity,
                    identity,
                    identity,
                ),
                values,
            )
        )

    async def requester_info(self, requester: str) -> RequesterInfo:
        """`requester_info` (view)."""
        values = await self._view(_REQUESTER_INFO, (requester,))
        return RequesterInfo(
            *decode_all(
                (
                    identity,
                    identity,
                    identity,
                ),
                values,
            )
        )

    async def round_info(self, request_id: int, round: int) -> RoundInfo:
        """`round_info` (view)."""
        values = await self._view(_ROUND_INFO, (request_id, round))
        return RoundInfo(
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

    def set_config_call(self, config: Config) -> ContractCall:
        """The `set_config` transaction, unsent."""
        return self._call(_SET_CONFIG, (as_tuple(config),))

    async def set_config(
        self, sender: LocalAccount, config: Config, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `set_config` from `sender` and wait for the receipt."""
        return await self._send(self.set_config_call(config), sender, gas)

    def stake_call(self, request_id: int, outcome: bytes, amount: int) -> ContractCall:
        """The `stake` transaction, unsent."""
        return self._call(_STAKE, (request_id, outcome, amount))

    async def stake(
        self,
        sender: LocalAccount,
        request_id: int,
        outcome: bytes,
        amount: int,
        *,
        gas: int | None = None,
    ) -> TxReceipt:
        """Send `stake` from `sender` and wait for the receipt."""
        return await self._send(self.stake_call(request_id, outcome, amount), sender, gas)

    async def staked(self, request_id: int, round: int, account: str, outcome: bytes) -> int:
        """`staked` (view)."""
        values = await self._view(_STAKED, (request_id, round, account, outcome))
        return cast(int, identity(values[0]))

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

    def unstake_call(
        self, request_id: int, round: int, outcome: bytes, amount: int
    ) -> ContractCall:
        """The `unstake` transaction, unsent."""
        return self._call(_UNSTAKE, (request_id, round, outcome, amount))

    async def unstake(
        self,
        sender: LocalAccount,
        request_id: int,
        round: int,
        outcome: bytes,
        amount: int,
        *,
        gas: int | None = None,
    ) -> TxReceipt:
        """Send `unstake` from `sender` and wait for the receipt."""
        return await self._send(self.unstake_call(request_id, round, outcome, amount), sender, gas)

    def withdraw_call(self, token: str, account: str) -> ContractCall:
        """The `withdraw` transaction, unsent."""
        return self._call(_WITHDRAW, (token, account))

    async def withdraw(
        self, sender: LocalAccount, token: str, account: str, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `withdraw` from `sender` and wait for the receipt."""
        return await self._send(self.withdraw_call(token, account), sender, gas)

    async def withdrawable(self, token: str, account: str) -> int:
        """`withdrawable` (view)."""
        values = await self._view(_WITHDRAWABLE, (token, account))
        return cast(int, identity(values[0]))


__all__ = [
    "AnswerPublished",
    "ArbitrationExpired",
    "CallbackFailed",
    "Cancelled",
    "Claimed",
    "ConfigSet",
    "Escalated",
    "Finalized",
    "Oracle",
    "OwnershipTransferStarted",
    "OwnershipTransferred",
    "Paused",
    "RequestCreated",
    "RequesterAdded",
    "RequesterRemoved",
    "Staked",
    "TreasuryPaid",
    "Unpaused",
    "Unstaked",
    "Withdrawn",
]
