"""Typed binding of `FeedHub`.

Generated from `contracts/FeedHub.vy`
by `python scripts/build_artifacts.py`; do not edit.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Final, Self

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

_TRANSMIT_MANY: Final = Function.of("transmit_many", ("address[]", "bytes[]"), ("bool[]",))


@dataclass(frozen=True, slots=True)
class TransmitFailed(EventLog):
    """`TransmitFailed(address,uint256)`."""

    feed: ChecksumAddress
    index: int

    SIGNATURE: ClassVar[str] = "TransmitFailed(address,uint256)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("feed", "address", True),
        ("index", "uint256", False),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
        checksum,
        identity,
    )


class FeedHub(ContractBinding):
    """Typed binding of the `FeedHub` contract.

    Source: `contracts/FeedHub.vy`.
    """

    ARTIFACT: ClassVar[str] = "FeedHub"
    ARTIFACT_PACKAGE: ClassVar[str] = "fluxo.chain.artifacts"
    EVENTS: ClassVar[tuple[type[EventLog], ...]] = (TransmitFailed,)

    @classmethod
    async def deploy(
        cls,
        client: ChainClient,
        sender: LocalAccount,
        *,
        gas: int | None = None,
    ) -> Self:
        """Deploy a new `FeedHub` from the shipped artifact."""
        return await deploy(cls, client, sender, gas=gas)

    def transmit_many_call(self, feeds: Sequence[str], reports: Sequence[bytes]) -> ContractCall:
        """The `transmit_many` transaction, unsent."""
        return self._call(_TRANSMIT_MANY, (list(feeds), list(reports)))

    async def transmit_many(
        self,
        sender: LocalAccount,
        feeds: Sequence[str],
        reports: Sequence[bytes],
        *,
        gas: int | None = None,
    ) -> TxReceipt:
        """Send `transmit_many` from `sender` and wait for the receipt."""
        return await self._send(self.transmit_many_call(feeds, reports), sender, gas)


__all__ = ["FeedHub", "TransmitFailed"]
