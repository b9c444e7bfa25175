"""Typed binding of `ConditionalTokensResolver`.

Generated from `contracts/markets/ConditionalTokensResolver.vy`
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
    as_tuple,
    checksum,
    decode_all,
    deploy,
    event_topic,
    identity,
    values_tuple,
)
from fluxo.chain.bindings.results import QuestionInfo
from fluxo.chain.client import ChainClient, ContractCall
from fluxo.domain.request_args import Source

_ASK: Final = Function.of(
    "ask",
    (
        "(string,(string,string)[],string[],string[],bool,uint8,int256,int256,uint256,uint256,uint256,uint256)",
    ),
    ("uint256", "bytes32"),
)
_CANCEL: Final = Function.of("cancel", ("uint256",), ())
_ON_OUTCOME: Final = Function.of("on_outcome", ("uint256", "bytes32"), ())
_PAYOUTS_FOR: Final = Function.of("payouts_for", ("uint256", "bytes32"), ("uint256[]",))
_QUESTION: Final = Function.of("question", ("uint256",), ("address", "uint256", "bool", "bool"))
_REFUND: Final = Function.of("refund", ("uint256",), ("uint256",))
_REPORT: Final = Function.of("report", ("uint256",), ())
_WITHDRAW_REFUND: Final = Function.of("withdraw_refund", ("uint256",), ("uint256",))


@dataclass(frozen=True, slots=True)
class Asked(EventLog):
    """`Asked(uint256,address,bytes32,uint256)`."""

    request_id: int
    asker: ChecksumAddress
    condition_id: bytes
    outcome_slots: int

    SIGNATURE: ClassVar[str] = "Asked(uint256,address,bytes32,uint256)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("request_id", "uint256", True),
        ("asker", "address", True),
        ("condition_id", "bytes32", False),
        ("outcome_slots", "uint256", False),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
        identity,
        checksum,
        identity,
        identity,
    )


@dataclass(frozen=True, slots=True)
class ReportFailed(EventLog):
    """`ReportFailed(uint256)`."""

    request_id: int

    SIGNATURE: ClassVar[str] = "ReportFailed(uint256)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (("request_id", "uint256", True),)
    CODECS: ClassVar[tuple[Codec, ...]] = (identity,)


@dataclass(frozen=True, slots=True)
class Reported(EventLog):
    """`Reported(uint256,bytes32,uint256[])`."""

    request_id: int
    outcome: bytes
    payouts: tuple[int, ...]

    SIGNATURE: ClassVar[str] = "Reported(uint256,bytes32,uint256[])"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("request_id", "uint256", True),
        ("outcome", "bytes32", False),
        ("payouts", "uint256[]", False),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
        identity,
        identity,
        values_tuple,
    )


class ConditionalTokensResolver(ContractBinding):
    """Typed binding of the `ConditionalTokensResolver` contract.

    Source: `contracts/markets/ConditionalTokensResolver.vy`.
    """

    ARTIFACT: ClassVar[str] = "ConditionalTokensResolver"
    ARTIFACT_PACKAGE: ClassVar[str] = "fluxo.chain.artifacts"
    EVENTS: ClassVar[tuple[type[EventLog], ...]] = (
        Asked,
        ReportFailed,
        Reported,
    )

    @classmethod
    async def deploy(
        cls,
        client: ChainClient,
        sender: LocalAccount,
        oracle: str,
        conditional_tokens: str,
        *,
        gas: int | None = None,
    ) -> Self:
        """Deploy a new `ConditionalTokensResolver` from the shipped artifact."""
        return await deploy(cls, client, sender, oracle, conditional_tokens, gas=gas)

    def ask_call(
        self,
        args: tuple[
            str,
            Sequence[Source],
            Sequence[str],
            Sequence[str],
            bool,
            int,
            int,
            int,
            int,
            int,
            int,
            int,
        ],
    ) -> ContractCall:
        """The `ask` transaction, unsent."""
        return self._call(_ASK, (as_tuple(args),))

    async def ask(
        self,
        sender: LocalAccount,
        args: tuple[
            str,
            Sequence[Source],
            Sequence[str],
            Sequence[str],
            bool,
            int,
            int,
            int,
            int,
            int,
            int,
            int,
        ],
        *,
        gas: int | None = None,
    ) -> TxReceipt:
        """Send `ask` from `sender` and wait for the receipt."""
        return await self._send(self.ask_call(args), sender, gas)

    def cancel_call(self, request_id: int) -> ContractCall:
        """The `cancel` transaction, unsent."""
        return self._call(_CANCEL, (request_id,))

    async def cancel(
        self, sender: LocalAccount, request_id: int, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `cancel` from `sender` and wait for the receipt."""
        return await self._send(self.cancel_call(request_id), sender, gas)

    def on_outcome_call(self, request_id: int, outcome: bytes) -> ContractCall:
        """The `on_outcome` transaction, unsent."""
        return self._call(_ON_OUTCOME, (request_id, outcome))

    async def on_outcome(
        self, sender: LocalAccount, request_id: int, outcome: bytes, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `on_outcome` from `sender` and wait for the receipt."""
        return await self._send(self.on_outcome_call(request_id, outcome), sender, gas)

    async def payouts_for(self, request_id: int, outcome: bytes) -> tuple[int, ...]:
        """`payouts_for` (view)."""
        values = await self._view(_PAYOUTS_FOR, (request_id, outcome))
        return cast(tuple[int, ...], values_tuple(values[0]))

    async def question(self, request_id: int) -> QuestionInfo:
        """`question` (view)."""
        values = await self._view(_QUESTION, (request_id,))
        return QuestionInfo(
            *decode_all(
                (
                    checksum,
                    identity,
                    identity,
                    identity,
                ),
                values,
            )
        )

    async def refund(self, request_id: int) -> int:
        """`refund` (view)."""
        values = await self._view(_REFUND, (request_id,))
        return cast(int, identity(values[0]))

    def report_call(self, request_id: int) -> ContractCall:
        """The `report` transaction, unsent."""
        return self._call(_REPORT, (request_id,))

    async def report(
        self, sender: LocalAccount, request_id: int, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `report` from `sender` and wait for the receipt."""
        return await self._send(self.report_call(request_id), sender, gas)

    def withdraw_refund_call(self, request_id: int) -> ContractCall:
        """The `withdraw_refund` transaction, unsent."""
        return self._call(_WITHDRAW_REFUND, (request_id,))

    async def withdraw_refund(
        self, sender: LocalAccount, request_id: int, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `withdraw_refund` from `sender` and wait for the receipt."""
        return await self._send(self.withdraw_refund_call(request_id), sender, gas)


__all__ = ["Asked", "ConditionalTokensResolver", "ReportFailed", "Reported"]
