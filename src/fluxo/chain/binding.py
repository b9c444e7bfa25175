"""What every generated contract binding is built on: calls encoded with eth-abi, sent through a
`ChainClient`, and events decoded straight from logs.

A binding method for a view returns Python values; one for a transaction comes in two forms,
`<name>_call(...)` (the `ContractCall`, for code that schedules its own transactions) and
`<name>(sender, ...)` (build, sign, send, wait for the receipt). Events are frozen dataclasses
carrying where they were logged, so a log scanner can key them by block hash and log index.
"""

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Self, TypeVar

from eth_abi.abi import decode, encode
from eth_account.signers.local import LocalAccount
from eth_typing import ChecksumAddress
from eth_utils.address import to_checksum_address
from eth_utils.crypto import keccak
from web3.types import LogReceipt, TxReceipt

from fluxo.chain.abi_types import canonical_type
from fluxo.chain.artifacts import load_artifact
from fluxo.chain.client import ChainClient, ContractCall
from fluxo.exceptions import ChainError

E = TypeVar("E", bound="EventLog")
B = TypeVar("B", bound="ContractBinding")

# How one value is turned into what eth-abi encodes, or from what it decoded: a dataclass
# bound to an ABI struct goes to and from a tuple; everything else passes through.
Codec = Callable[[Any], Any]


def identity(value: Any) -> Any:
    return value


def as_tuple(value: Any) -> Any:
    """A dataclass (nested ones included) as the tuple eth-abi encodes a struct from; a struct
    given as a tuple may hold dataclasses too (a `Source` list inside `MarketArgs`)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.astuple(value)
    if isinstance(value, tuple | list):
        return type(value)(as_tuple(item) for item in value)
    return value


def checksum(value: Any) -> ChecksumAddress:
    return to_checksum_address(value)


def plain_tuple(*values: Any) -> tuple[Any, ...]:
    """A decoded struct no product class is bound to, as a plain tuple."""
    return values


def values_tuple(value: Any) -> tuple[Any, ...]:
    """A decoded array as a tuple."""
    return tuple(value)


def decode_all(codecs: Sequence[Codec], values: Sequence[Any]) -> list[Any]:
    """Each decoded value through its codec."""
    return [codec(value) for codec, value in zip(codecs, values, strict=True)]


def each(codec: Codec) -> Codec:
    """Apply `codec` to every element of a decoded array."""
    return lambda values: tuple(codec(value) for value in values)


def struct(factory: Callable[..., Any], fields: Sequence[Codec]) -> Codec:
    """Build `factory` from a decoded tuple, converting each field with its codec."""
    return lambda values: factory(
        *(codec(value) for codec, value in zip(fields, values, strict=True))
    )


@dataclass(frozen=True, slots=True)
class Function:
    """One ABI function: its selector and argument/result types, as the generator wrote them."""

    name: str
    selector: bytes
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]

    @classmethod
    def of(cls, name: str, inputs: tuple[str, ...], outputs: tuple[str, ...]) -> Self:
        signature = f"{name}({','.join(inputs)})"
        return cls(name, keccak(text=signature)[:4], inputs, outputs)


@dataclass(frozen=True, slots=True, kw_only=True)
class EventLog:
    """Where an event was logged; every generated event class extends it."""

    address: ChecksumAddress
    block_number: int
    block_hash: bytes
    transaction_hash: bytes
    log_index: int

    # Filled in by each generated event class.
    SIGNATURE: ClassVar[str] = ""
    TOPIC: ClassVar[bytes] = b""
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = ()
    CODECS: ClassVar[tuple[Codec, ...]] = ()


def event_topic(signature: str) -> bytes:
    return keccak(text=signature)


def decode_event(event_class: type[E], log: LogReceipt | Mapping[str, Any]) -> E:
    """Decode one raw log as `event_class` (the caller checked topic 0)."""
    topics = [bytes(topic) for topic in log["topics"]]
    data_types = [abi_type for _, abi_type, indexed in event_class.FIELDS if not indexed]
    data_values = iter(decode(data_types, bytes(log["data"])))
    next_topic = 1
    raw: list[Any] = []
    for _, abi_type, indexed in event_class.FIELDS:
        if indexed:
            raw.append(_decode_topic(abi_type, topics[next_topic]))
            next_topic += 1
        else:
            raw.append(next(data_values))
    values = [codec(value) for codec, value in zip(event_class.CODECS, raw, strict=True)]
    return event_class(
        *values,
        address=to_checksum_address(log["address"]),
        block_number=int(log["blockNumber"]),
        block_hash=bytes(log["blockHash"]),
        transaction_hash=bytes(log["transactionHash"]),
        log_index=int(log["logIndex"]),
    )


def _decode_topic(abi_type: str, topic: bytes) -> Any:
    # Dynamic values (strings, bytes, arrays, structs) are indexed by their hash: keep it.
    if abi_type in ("string", "bytes") or abi_type.endswith("]") or abi_type.startswith("("):
        return topic
    (value,) = decode([abi_type], topic)
    return value


class ContractBinding:
    """A deployed contract at `address`, reached through `client`. Generated subclasses add one
    method per ABI function and list their events in `EVENTS`."""

    ARTIFACT: ClassVar[str] = ""
    ARTIFACT_PACKAGE: ClassVar[str] = "fluxo.chain.artifacts"
    EVENTS: ClassVar[tuple[type[EventLog], ...]] = ()

    def __init__(self, client: ChainClient, address: str) -> None:
        self._client = client
        self._address = to_checksum_address(address)

    @property
    def address(self) -> ChecksumAddress:
        return self._address

    @property
    def client(self) -> ChainClient:
        return self._client

    def _encode(self, function: Function, args: Sequence[Any]) -> bytes:
        return function.selector + encode(list(function.inputs), list(args))

    def _call(self, function: Function, args: Sequence[Any]) -> ContractCall:
        return ContractCall(self._address, self._encode(function, args), function.name)

    async def _view(self, function: Function, args: Sequence[Any]) -> tuple[Any, ...]:
        data = await self._client.call(self._address, self._encode(function, args))
        try:
            return tuple(decode(list(function.outputs), data))
        except Exception as error:  # eth-abi raises several unrelated types on short data
            raise ChainError(
                f"{self.ARTIFACT} at {self._address}: {function.name} returned "
                f"{len(data)} bytes that do not decode as {function.outputs}: {error}"
            ) from error

    async def _send(self, call: ContractCall, sender: LocalAccount, gas: int | None) -> TxReceipt:
        return await self._client.transact(call, sender, gas=gas)

    # --- events ---------------------------------------------------------------------------

    @classmethod
    def event_topics(cls) -> list[bytes]:
        """Topic 0 of every event this contract emits, for an `eth_getLogs` filter."""
        return [event.TOPIC for event in cls.EVENTS]

    def decode_log(self, log: LogReceipt | Mapping[str, Any]) -> EventLog | None:
        """The event `log` carries if this contract emitted it, else None."""
        if to_checksum_address(log["address"]) != self._address or not log["topics"]:
            return None
        topic = bytes(log["topics"][0])
        for event_class in self.EVENTS:
            if event_class.TOPIC == topic:
                return decode_event(event_class, log)
        return None

    def decode_logs(self, logs: Iterable[LogReceipt | Mapping[str, Any]]) -> list[EventLog]:
        return [event for log in logs if (event := self.decode_log(log)) is not None]

    def events_in(self, receipt: TxReceipt, event_class: type[E]) -> list[E]:
        """The `event_class` events this contract logged in `receipt`, in log order."""
        return [
            event for event in self.decode_logs(receipt["logs"]) if isinstance(event, event_class)
        ]

    def single_event(self, receipt: TxReceipt, event_class: type[E]) -> E:
        """The one `event_class` event of `receipt`; a `ChainError` if there is not exactly one."""
        found = self.events_in(receipt, event_class)
        if len(found) != 1:
            raise ChainError(
                f"expected one {event_class.__name__} from {self._address} in the receipt, "
                f"found {len(found)}"
            )
        return found[0]


async def deploy(
    binding: type[B],
    client: ChainClient,
    sender: LocalAccount,
    *args: Any,
    gas: int | None = None,
) -> B:
    """Deploy the artifact `binding` was generated from, with constructor `args`."""
    artifact = load_artifact(binding.ARTIFACT, package=binding.ARTIFACT_PACKAGE)
    address = await client.deploy(artifact, *args, sender=sender, gas=gas)
    return binding(client, address)


class AbiContract(ContractBinding):
    """A contract known only by an ABI at run time: a test double or a source a benchmark just
    compiled. Shipped contracts have generated, typed bindings instead."""

    def __init__(self, client: ChainClient, address: str, abi: Sequence[Mapping[str, Any]]) -> None:
        super().__init__(client, address)
        self._functions = {
            item["name"]: Function.of(
                item["name"],
                tuple(canonical_type(i) for i in item["inputs"]),
                tuple(canonical_type(o) for o in item["outputs"]),
            )
            for item in abi
            if item.get("type") == "function"
        }

    def function(self, name: str) -> Function:
        if name not in self._functions:
            raise ChainError(f"{self.address} has no function {name} in its ABI")
        return self._functions[name]

    async def view(self, name: str, *args: Any) -> Any:
        """Call a view; one result comes back as itself, several as a tuple."""
        values = await self._view(self.function(name), args)
        return values[0] if len(values) == 1 else values

    def call(self, name: str, *args: Any) -> ContractCall:
        return self._call(self.function(name), args)

    async def send(
        self, sender: LocalAccount, name: str, *args: Any, gas: int | None = None
    ) -> TxReceipt:
        return await self._send(self.call(name, *args), sender, gas)
