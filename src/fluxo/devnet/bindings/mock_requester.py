"""Typed binding of `MockRequester`.

Generated from `contracts/testing/MockRequester.vy`
by `python scripts/build_artifacts.py`; do not edit.
"""

from dataclasses import dataclass
from typing import ClassVar, Final, Self

from eth_account.signers.local import LocalAccount
from web3.types import TxReceipt

from fluxo.chain.binding import (
    Codec,
    ContractBinding,
    EventLog,
    Function,
    as_tuple,
    deploy,
    event_topic,
    identity,
)
from fluxo.chain.client import ChainClient, ContractCall
from fluxo.domain.request_args import RequestArgs

_CANCEL: Final = Function.of("cancel", ("uint256",), ())
_CREATE: Final = Function.of(
    "create",
    ("(string,(string,string)[],string[],uint8,uint8,uint256,uint256,uint256,uint256,string[])",),
    ("uint256",),
)
_ON_OUTCOME: Final = Function.of("on_outcome", ("uint256", "bytes32"), ())


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


class MockRequester(ContractBinding):
    """Typed binding of the `MockRequester` contract.

    Source: `contracts/testing/MockRequester.vy`.
    """

    ARTIFACT: ClassVar[str] = "MockRequester"
    ARTIFACT_PACKAGE: ClassVar[str] = "fluxo.devnet.artifacts"
    EVENTS: ClassVar[tuple[type[EventLog], ...]] = (OutcomeReceived,)

    @classmethod
    async def deploy(
        cls,
        client: ChainClient,
        sender: LocalAccount,
        oracle: str,
        payment_token: str,
        *,
        gas: int | None = None,
    ) -> Self:
        """Deploy a new `MockRequester` from the shipped artifact."""
        return await deploy(cls, client, sender, oracle, payment_token, gas=gas)

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

    def on_outcome_call(self, request_id: int, outcome: bytes) -> ContractCall:
        """The `on_outcome` transaction, unsent."""
        return self._call(_ON_OUTCOME, (request_id, outcome))

    async def on_outcome(
        self, sender: LocalAccount, request_id: int, outcome: bytes, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `on_outcome` from `sender` and wait for the receipt."""
        return await self._send(self.on_outcome_call(request_id, outcome), sender, gas)


__all__ = ["MockRequester", "OutcomeReceived"]
