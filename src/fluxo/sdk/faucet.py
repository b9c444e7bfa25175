"""The testnet faucet through the SDK."""

from dataclasses import dataclass

from eth_account.signers.local import LocalAccount

from fluxo.chain.bindings.faucet import Dripped, Faucet
from fluxo.chain.client import ChainClient
from fluxo.exceptions import ConfigError, TransactionReverted


@dataclass(frozen=True, slots=True)
class Drip:
    """What a drip gave, and when the account may drip again (unix seconds)."""

    account: str
    flx_amount: int
    payment_amount: int
    next_drip_at: int


class FaucetApi:
    def __init__(self, client: ChainClient, address: str | None) -> None:
        self._faucet = None if address is None else Faucet(client, address)

    def _binding(self) -> Faucet:
        if self._faucet is None:
            raise ConfigError("faucet", None, "the deployment has no faucet")
        return self._faucet

    async def drip(self, sender: LocalAccount, account: str) -> Drip:
        """Ask for test tokens for `account`; while it cools down, the error says until when."""
        faucet = self._binding()
        try:
            receipt = await faucet.drip(sender, account)
        except TransactionReverted as error:
            if error.reason == "faucet: cooling down":
                next_at = await faucet.next_drip_at(account)
                raise TransactionReverted(
                    f"faucet: cooling down until {next_at} (unix s)", tx_hash=error.tx_hash
                ) from error
            raise
        event = faucet.single_event(receipt, Dripped)
        return Drip(event.account, event.flx_amount, event.payment_amount, event.next_drip_at)

    async def next_drip_at(self, account: str) -> int:
        """When `account` may drip next (0: now, it never dripped)."""
        return await self._binding().next_drip_at(account)
