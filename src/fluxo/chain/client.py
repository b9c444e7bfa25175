"""A small async chain client: local signing, raw sends, receipts, typed reverts.

    client = await ChainClient.connect("http://127.0.0.1:8545")
    address = await client.deploy(load_artifact("MockERC20"), "Fluxo USD", "fUSD", 18,
                                  sender=deployer)
    receipt = await client.transact(token.functions.mint(holder, 10**18), deployer)

Keys never leave the process: transactions are signed with eth-account and sent raw, so the
node needs no unlocked accounts. A transaction that reverts raises `TransactionReverted` with
the decoded reason, whether the node refused it during gas estimation or mined it with
status 0.
"""

import asyncio
from collections.abc import Sequence
from typing import Any, Final, Self, cast

from eth_abi.abi import decode
from eth_account.signers.local import LocalAccount
from eth_typing import ABI, ChecksumAddress, HexStr
from hexbytes import HexBytes
from web3 import AsyncWeb3
from web3.contract import AsyncContract
from web3.contract.async_contract import AsyncContractConstructor, AsyncContractFunction
from web3.exceptions import ContractLogicError, Web3Exception
from web3.providers.rpc import AsyncHTTPProvider
from web3.types import Nonce, TxParams, TxReceipt

from fluxo.chain.artifacts import Artifact
from fluxo.exceptions import ChainError, ChainUnavailable, TransactionReverted

# Gas estimates get this headroom (in percent) before they become the gas limit: the state a
# transaction meets when mined can differ slightly from the one it was estimated on.
GAS_ESTIMATE_HEADROOM_PERCENT: Final = 25

_ERROR_SELECTOR: Final = bytes.fromhex("08c379a0")  # Error(string)
_PANIC_SELECTOR: Final = bytes.fromhex("4e487b71")  # Panic(uint256)
_REVERTED_PREFIX: Final = "execution reverted"
_STATUS_REVERTED: Final = 0


def revert_reason(error: ContractLogicError) -> str:
    """The revert string of `error`: the decoded `Error(string)` or `Panic(uint256)` payload
    when the node sent one, otherwise the node's message without its generic prefix."""
    data = error.data if isinstance(error.data, str) else None
    if data is not None:
        payload = HexBytes(data)
        if payload[:4] == _ERROR_SELECTOR:
            (reason,) = decode(["string"], payload[4:])
            return str(reason)
        if payload[:4] == _PANIC_SELECTOR:
            (code,) = decode(["uint256"], payload[4:])
            return f"panic 0x{code:02x}"
    message = error.message or ""
    if message.startswith(_REVERTED_PREFIX):
        message = message[len(_REVERTED_PREFIX) :].lstrip(": ")
    return message


class ChainClient:
    """Async access to one node: deploy, transact, call (dev-chain time control is `DevChain`).

    Nonces are tracked per sender in memory (one client per sender is assumed to be the
    only writer for that account) so that a transaction costs one send and one receipt
    round trip.
    """

    def __init__(self, w3: AsyncWeb3[AsyncHTTPProvider], chain_id: int) -> None:
        self._w3 = w3
        self._chain_id = chain_id
        self._next_nonce: dict[ChecksumAddress, int] = {}
        self._sender_locks: dict[ChecksumAddress, asyncio.Lock] = {}

    @classmethod
    async def connect(cls, url: str) -> Self:
        """Connect over HTTP JSON-RPC and read the chain id."""
        w3 = AsyncWeb3(AsyncHTTPProvider(url))
        try:
            chain_id = await w3.eth.chain_id
        except (OSError, Web3Exception) as error:
            await w3.provider.disconnect()
            raise ChainUnavailable(f"cannot reach a JSON-RPC node at {url}: {error}") from error
        return cls(w3, chain_id)

    async def close(self) -> None:
        """Close the HTTP session."""
        await self._w3.provider.disconnect()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *_exc_info: object) -> None:
        await self.close()

    @property
    def w3(self) -> AsyncWeb3[AsyncHTTPProvider]:
        """The underlying web3 instance, for reads this client does not wrap."""
        return self._w3

    @property
    def chain_id(self) -> int:
        return self._chain_id

    def contract(self, address: str, abi: Sequence[dict[str, Any]]) -> AsyncContract:
        """A web3 contract object for `address` with `abi`."""
        return self._w3.eth.contract(
            address=self._w3.to_checksum_address(address), abi=cast(ABI, list(abi))
        )

    async def deploy(
        self, artifact: Artifact, *args: Any, sender: LocalAccount, gas: int | None = None
    ) -> ChecksumAddress:
        """Deploy `artifact` with constructor `args`; return the new contract's address."""
        factory = self._w3.eth.contract(
            abi=cast(ABI, list(artifact.abi)), bytecode=artifact.bytecode
        )
        tx = await _build_transaction(factory.constructor(*args), sender, gas)
        receipt = await self._send(tx, sender)
        address = receipt["contractAddress"]
        if address is None:
            raise ChainError(f"deploying {artifact.contract_name} created no contract")
        return address

    async def transact(
        self, function: AsyncContractFunction, sender: LocalAccount, *, gas: int | None = None
    ) -> TxReceipt:
        """Sign and send one contract call; return its receipt once mined.

        Without `gas` the node estimates it (a revert then surfaces here, before sending).
        With `gas` nothing is simulated: a reverting call is mined, and its reason is read
        by replaying it on the parent block.
        """
        tx = await _build_transaction(function, sender, gas)
        return await self._send(tx, sender)

    async def call(self, function: AsyncContractFunction) -> Any:
        """Run a view (or simulate a call) on the latest block."""
        try:
            return await function.call()
        except ContractLogicError as error:
            raise TransactionReverted(revert_reason(error)) from error

    async def block_timestamp(self) -> int:
        """The timestamp (unix seconds) of the latest block."""
        block = await self._w3.eth.get_block("latest")
        return int(block["timestamp"])

    async def _send(self, tx: TxParams, sender: LocalAccount) -> TxReceipt:
        lock = self._sender_locks.setdefault(sender.address, asyncio.Lock())
        async with lock:
            nonce = self._next_nonce.get(sender.address)
            if nonce is None:
                nonce = await self._w3.eth.get_transaction_count(sender.address, "pending")
            tx["nonce"] = Nonce(nonce)
            tx["chainId"] = self._chain_id
            signed = sender.sign_transaction(cast(dict[str, Any], tx))
            try:
                tx_hash = await self._w3.eth.send_raw_transaction(signed.raw_transaction)
            except ContractLogicError as error:
                self._next_nonce.pop(sender.address, None)
                raise TransactionReverted(revert_reason(error)) from error
            except (OSError, Web3Exception) as error:
                self._next_nonce.pop(sender.address, None)
                raise ChainError(f"sending a transaction failed: {error}") from error
            self._next_nonce[sender.address] = nonce + 1
        receipt = await self._w3.eth.wait_for_transaction_receipt(tx_hash, poll_latency=0.01)
        if receipt["status"] == _STATUS_REVERTED:
            reason = await self._replay_reason(tx, receipt)
            raise TransactionReverted(reason, tx_hash=HexStr(tx_hash.to_0x_hex()))
        return receipt

    async def _replay_reason(self, tx: TxParams, receipt: TxReceipt) -> str:
        replay: TxParams = {"from": tx["from"], "data": tx["data"], "gas": tx["gas"]}
        if "to" in tx:
            replay["to"] = tx["to"]
        try:
            await self._w3.eth.call(replay, block_identifier=receipt["blockNumber"] - 1)
        except ContractLogicError as error:
            return revert_reason(error)
        if receipt["gasUsed"] == tx.get("gas"):
            return "out of gas"
        return "unknown reason (the replay did not revert)"


def _with_headroom(gas_estimate: int) -> int:
    return gas_estimate * (100 + GAS_ESTIMATE_HEADROOM_PERCENT) // 100


async def _build_transaction(
    call: AsyncContractFunction | AsyncContractConstructor, sender: LocalAccount, gas: int | None
) -> TxParams:
    """The unsigned transaction for `call`; without `gas`, the node estimates it (so a revert
    surfaces here, before anything is sent)."""
    params: TxParams = {"from": sender.address}
    try:
        if gas is None:
            gas = _with_headroom(await call.estimate_gas(params))
        params["gas"] = gas
        return await call.build_transaction(params)
    except ContractLogicError as error:
        raise TransactionReverted(revert_reason(error)) from error
