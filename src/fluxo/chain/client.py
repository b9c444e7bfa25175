"""An async JSON-RPC client for one chain: calls, logs, and transactions in four steps.

    client = await ChainClient.connect("http://127.0.0.1:8545", expected_chain_id=31337)
    receipt = await client.transact(call, sender)          # build, sign, broadcast, wait

A transaction goes through `build` (gas estimated with headroom, EIP-1559 fees) → `sign` (the
raw bytes and the hash are known before anything is sent) → `broadcast` → `wait_for_receipt`
(polling that backs off). `transact` chains them with a `NonceSource`; a daemon that journals
its transactions calls the steps itself, recording between them.

Keys never leave the process: transactions are signed with eth-account and sent raw, so the
node needs no unlocked accounts. Errors come out as Fluxo's chain errors: `ChainUnavailable`
(retryable), `TransactionRejected` (refused before mining), `TransactionReverted` (with the
decoded reason, whether estimation refused it or it was mined with status 0).
"""

import asyncio
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final, Self, cast

from eth_abi.abi import encode
from eth_account.signers.local import LocalAccount
from eth_typing import BlockNumber, ChecksumAddress, HexStr
from eth_utils.address import to_checksum_address
from hexbytes import HexBytes
from web3 import AsyncWeb3
from web3.exceptions import ContractLogicError, TransactionNotFound
from web3.providers.rpc import AsyncHTTPProvider
from web3.types import BlockIdentifier, FilterParams, LogReceipt, Nonce, TxParams, TxReceipt, Wei

from fluxo.chain.abi_types import canonical_type
from fluxo.chain.artifacts import Artifact
from fluxo.chain.nonces import InMemoryNonces, NonceSource
from fluxo.chain.rpc_errors import classify, classify_rejection, revert_reason
from fluxo.exceptions import (
    ALREADY_KNOWN,
    ArtifactError,
    ChainError,
    ChainUnavailable,
    TransactionPending,
    TransactionRejected,
    TransactionReverted,
    WrongChain,
)

# Gas estimates get this headroom (in percent) before they become the gas limit: the state a
# transaction meets when mined can differ slightly from the one it was estimated on.
GAS_ESTIMATE_HEADROOM_PERCENT: Final = 25
# The fee cap allows the base fee to double before the transaction stops being includable.
BASE_FEE_MULTIPLIER: Final = 2
DEFAULT_RPC_TIMEOUT_S: Final = 10.0
DEFAULT_RECEIPT_TIMEOUT_S: Final = 120.0
# Receipt polling starts fast (a dev chain mines at once) and backs off to a block time.
_FIRST_POLL_S: Final = 0.02
_MAX_POLL_S: Final = 1.0
_STATUS_REVERTED: Final = 0


@dataclass(frozen=True, slots=True)
class ContractCall:
    """A call to a contract (or, with `to` None, a deployment): its calldata and a label for
    logs and errors."""

    to: ChecksumAddress | None
    data: bytes
    label: str = ""


@dataclass(frozen=True, slots=True)
class Fees:
    """EIP-1559 fees in wei per gas."""

    max_fee_per_gas: int
    max_priority_fee_per_gas: int


@dataclass(frozen=True, slots=True)
class SignedTransaction:
    """A signed transaction: what was signed, its raw bytes and its hash, before it is sent."""

    tx: TxParams
    raw: bytes
    hash: HexStr
    sender: ChecksumAddress
    nonce: int
    label: str


class ChainClient:
    """Async access to one chain through one JSON-RPC endpoint."""

    def __init__(
        self,
        w3: AsyncWeb3[AsyncHTTPProvider],
        chain_id: int,
        *,
        url: str = "",
        nonces: NonceSource | None = None,
    ) -> None:
        self._w3 = w3
        self._chain_id = chain_id
        self._url = url
        self._nonces: NonceSource = nonces if nonces is not None else InMemoryNonces()
        self._send_locks: dict[str, asyncio.Lock] = {}

    @classmethod
    async def connect(
        cls,
        url: str,
        *,
        expected_chain_id: int | None = None,
        nonces: NonceSource | None = None,
        timeout_s: float = DEFAULT_RPC_TIMEOUT_S,
    ) -> Self:
        """Connect over HTTP JSON-RPC and read the chain id; `WrongChain` if it is not
        `expected_chain_id`, `ChainUnavailable` if nothing answers."""
        w3 = AsyncWeb3(AsyncHTTPProvider(url, request_kwargs={"timeout": timeout_s}))
        try:
            chain_id = await w3.eth.chain_id
        except Exception as error:
            await w3.provider.disconnect()
            raise _unavailable(classify(error, f"eth_chainId on {url}"), url) from error
        if expected_chain_id is not None and chain_id != expected_chain_id:
            await w3.provider.disconnect()
            raise WrongChain(url, expected_chain_id, chain_id)
        return cls(w3, chain_id, url=url, nonces=nonces)

    async def close(self) -> None:
        """Close the HTTP session."""
        await self._w3.provider.disconnect()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *_exc_info: object) -> None:
        await self.close()

    @property
    def w3(self) -> AsyncWeb3[AsyncHTTPProvider]:
        """The underlying web3 instance, for JSON-RPC methods this client does not wrap."""
        return self._w3

    @property
    def chain_id(self) -> int:
        return self._chain_id

    @property
    def url(self) -> str:
        return self._url

    @property
    def nonces(self) -> NonceSource:
        return self._nonces

    # --- reads ----------------------------------------------------------------------------

    async def call(
        self, to: str, data: bytes, *, block: BlockIdentifier = "latest", sender: str | None = None
    ) -> bytes:
        """`eth_call`: the returned bytes, or `TransactionReverted` with the decoded reason."""
        params: TxParams = {"to": to_checksum_address(to), "data": HexStr("0x" + data.hex())}
        if sender is not None:
            params["from"] = to_checksum_address(sender)
        try:
            return bytes(await self._w3.eth.call(params, block_identifier=block))
        except Exception as error:
            raise classify(error, f"eth_call to {to}") from error

    async def block_number(self) -> int:
        try:
            return int(await self._w3.eth.block_number)
        except Exception as error:
            raise classify(error, "eth_blockNumber") from error

    async def block(self, block: BlockIdentifier = "latest") -> dict[str, Any]:
        """A block header (no transactions): number, hash, parentHash, timestamp, ..."""
        try:
            return dict(await self._w3.eth.get_block(block))
        except Exception as error:
            raise classify(error, f"eth_getBlockByNumber {block!r}") from error

    async def block_timestamp(self) -> int:
        """The timestamp (unix seconds) of the latest block."""
        return int((await self.block("latest"))["timestamp"])

    async def get_logs(
        self,
        from_block: int,
        to_block: int,
        *,
        addresses: Sequence[str],
        topics: Sequence[bytes] | None = None,
        topic1: bytes | None = None,
    ) -> list[LogReceipt]:
        """`eth_getLogs` over `[from_block, to_block]` for `addresses`, optionally only the
        events whose topic 0 is in `topics` and whose first indexed value is `topic1`."""
        params: FilterParams = {
            "fromBlock": BlockNumber(from_block),
            "toBlock": BlockNumber(to_block),
            "address": [to_checksum_address(address) for address in addresses],
        }
        filters: list[Any] = []
        if topics is not None:
            filters.append([HexStr("0x" + topic.hex()) for topic in topics])
        if topic1 is not None:
            filters = filters or [None]
            filters.append(HexStr("0x" + topic1.hex()))
        if filters:
            params["topics"] = filters
        try:
            return list(await self._w3.eth.get_logs(params))
        except Exception as error:
            raise classify(error, f"eth_getLogs {from_block}..{to_block}") from error

    async def balance(self, address: str) -> int:
        """The native-currency balance of `address` in wei."""
        try:
            return int(await self._w3.eth.get_balance(to_checksum_address(address)))
        except Exception as error:
            raise classify(error, f"eth_getBalance {address}") from error

    async def pending_count(self, address: str) -> int:
        """How many transactions `address` has sent, pending ones included: its next nonce."""
        try:
            return int(
                await self._w3.eth.get_transaction_count(to_checksum_address(address), "pending")
            )
        except Exception as error:
            raise classify(error, f"eth_getTransactionCount {address}") from error

    async def code_size(self, address: str) -> int:
        try:
            return len(await self._w3.eth.get_code(to_checksum_address(address)))
        except Exception as error:
            raise classify(error, f"eth_getCode {address}") from error

    # --- transactions, step by step -------------------------------------------------------

    async def fees(self) -> Fees:
        """Fees for a transaction now: the node's suggested tip, and a cap that survives the
        base fee doubling."""
        try:
            tip, block = await asyncio.gather(
                self._w3.eth.max_priority_fee, self._w3.eth.get_block("latest")
            )
        except Exception as error:
            raise classify(error, "fee estimation") from error
        base_fee = int(block.get("baseFeePerGas", 0))
        return Fees(BASE_FEE_MULTIPLIER * base_fee + int(tip), int(tip))

    async def build(
        self,
        call: ContractCall,
        sender: str,
        *,
        gas: int | None = None,
        fees: Fees | None = None,
        value_wei: int = 0,
        gas_headroom_percent: int = GAS_ESTIMATE_HEADROOM_PERCENT,
    ) -> TxParams:
        """The unsigned EIP-1559 transaction for `call` (no nonce yet). Without `gas` the node
        estimates it (plus `gas_headroom_percent`), so a call that would revert raises
        `TransactionReverted` here, before anything is signed or sent."""
        params: TxParams = {
            "from": to_checksum_address(sender),
            "data": HexStr("0x" + call.data.hex()),
            "value": Wei(value_wei),
            "chainId": self._chain_id,
            "type": 2,
        }
        if call.to is not None:
            params["to"] = call.to
        if gas is None:
            gas = await self.estimate_gas(params, call.label, headroom_percent=gas_headroom_percent)
        params["gas"] = gas
        fees = fees if fees is not None else await self.fees()
        params["maxFeePerGas"] = Wei(fees.max_fee_per_gas)
        params["maxPriorityFeePerGas"] = Wei(fees.max_priority_fee_per_gas)
        return params

    async def estimate_gas(
        self,
        params: TxParams,
        label: str = "",
        *,
        headroom_percent: int = GAS_ESTIMATE_HEADROOM_PERCENT,
    ) -> int:
        """The node's gas estimate for `params` plus `headroom_percent`."""
        try:
            estimate = await self._w3.eth.estimate_gas(params)
        except Exception as error:
            raise classify(error, f"estimating {label or 'a transaction'}") from error
        return int(estimate) * (100 + headroom_percent) // 100

    def sign(
        self, tx: TxParams, sender: LocalAccount, nonce: int, label: str = ""
    ) -> SignedTransaction:
        """Sign `tx` with `nonce`; the hash is known from here on, before any broadcast."""
        return sign_transaction(tx, sender, nonce, label)

    async def broadcast(self, signed: SignedTransaction) -> HexStr:
        """`eth_sendRawTransaction`. A node that already holds this very transaction is not an
        error. `TransactionRejected` when the node refuses it; `ChainUnavailable` when the
        request failed in transit (the node may or may not have it: check by its hash)."""
        try:
            await self._w3.eth.send_raw_transaction(signed.raw)
        except Exception as error:
            classified = classify_rejection(error, f"sending {signed.label or signed.hash}")
            if isinstance(classified, TransactionRejected) and classified.kind == ALREADY_KNOWN:
                return signed.hash
            if isinstance(classified, TransactionRejected):
                classified.tx_hash = signed.hash
            raise classified from error
        return signed.hash

    async def mined_count(self, address: str) -> int:
        """How many transactions of `address` are mined: the lowest nonce not yet used."""
        try:
            return int(
                await self._w3.eth.get_transaction_count(to_checksum_address(address), "latest")
            )
        except Exception as error:
            raise classify(error, f"eth_getTransactionCount {address}") from error

    async def knows_transaction(self, tx_hash: str) -> bool:
        """Whether the node has `tx_hash`, pending in its pool or mined."""
        try:
            await self._w3.eth.get_transaction(HexStr(tx_hash))
        except TransactionNotFound:
            return False
        except Exception as error:
            raise classify(error, f"eth_getTransactionByHash {tx_hash}") from error
        return True

    async def receipt(self, tx_hash: str) -> TxReceipt | None:
        """The receipt of `tx_hash`, or None while it is not mined (or unknown)."""
        try:
            return await self._w3.eth.get_transaction_receipt(HexStr(tx_hash))
        except TransactionNotFound:
            return None
        except Exception as error:
            raise classify(error, f"eth_getTransactionReceipt {tx_hash}") from error

    async def wait_for_receipt(
        self,
        tx_hash: str,
        *,
        timeout_s: float = DEFAULT_RECEIPT_TIMEOUT_S,
        replay: TxParams | None = None,
    ) -> TxReceipt:
        """Poll for the receipt, backing off from 20 ms to 1 s. Status 0 raises
        `TransactionReverted` (the reason is read by replaying `replay` on the parent block);
        `TransactionPending` when it is not mined within `timeout_s`."""
        deadline = time.monotonic() + timeout_s
        delay_s = _FIRST_POLL_S
        while True:
            receipt = await self.receipt(tx_hash)
            if receipt is not None:
                break
            if time.monotonic() >= deadline:
                raise TransactionPending(tx_hash, timeout_s)
            await asyncio.sleep(min(delay_s, max(deadline - time.monotonic(), 0.0)))
            delay_s = min(delay_s * 2, _MAX_POLL_S)
        if receipt["status"] == _STATUS_REVERTED:
            reason = await self.replay_reason(replay, receipt) if replay else "unknown reason"
            raise TransactionReverted(reason, tx_hash=tx_hash)
        return receipt

    # --- transactions, whole --------------------------------------------------------------

    async def transact(
        self, call: ContractCall, sender: LocalAccount, *, gas: int | None = None
    ) -> TxReceipt:
        """Build, sign (nonce from the `NonceSource`), broadcast and wait for the receipt.

        Without `gas` the node estimates it (a revert surfaces here, before sending). With
        `gas` nothing is simulated: a reverting call is mined, and its reason is read by
        replaying it on the parent block."""
        tx = await self.build(call, sender.address, gas=gas)
        lock = self._send_locks.setdefault(sender.address, asyncio.Lock())
        async with lock:
            nonce = await self._nonces.take(sender.address, self.pending_count)
            signed = self.sign(tx, sender, nonce, call.label)
            try:
                await self.broadcast(signed)
            except TransactionRejected as error:
                await self._nonces.release(sender.address, nonce, rejection=error.kind)
                raise
            except ChainError:
                await self._nonces.forget(sender.address)
                raise
        return await self.wait_for_receipt(signed.hash, replay=tx)

    async def deploy(
        self, artifact: Artifact, *args: Any, sender: LocalAccount, gas: int | None = None
    ) -> ChecksumAddress:
        """Deploy `artifact` with constructor `args`; return the new contract's address."""
        if artifact.bytecode is None:
            raise ArtifactError(f"{artifact.contract_name} is an interface: nothing to deploy")
        types = [canonical_type(item) for item in artifact.constructor_inputs()]
        data = bytes.fromhex(artifact.bytecode.removeprefix("0x")) + encode(types, list(args))
        call = ContractCall(None, data, f"deploy {artifact.contract_name}")
        receipt = await self.transact(call, sender, gas=gas)
        address = receipt["contractAddress"]
        if address is None:
            raise ChainError(f"deploying {artifact.contract_name} created no contract")
        return to_checksum_address(address)

    async def replay_reason(self, tx: TxParams, receipt: TxReceipt) -> str:
        """Why the mined transaction `tx` reverted: the revert string of the same call replayed
        on the state before its block, or "out of gas" when it used all its gas."""
        replay: TxParams = {"from": tx["from"], "data": tx["data"], "gas": tx["gas"]}
        if "to" in tx:
            replay["to"] = tx["to"]
        try:
            await self._w3.eth.call(replay, block_identifier=receipt["blockNumber"] - 1)
        except ContractLogicError as error:
            return revert_reason(error)
        except Exception as error:
            return f"unknown reason (the replay failed: {classify(error, 'replay')})"
        if receipt["gasUsed"] == tx.get("gas"):
            return "out of gas"
        return "unknown reason (the replay did not revert)"


def sign_transaction(
    tx: TxParams, sender: LocalAccount, nonce: int, label: str = ""
) -> SignedTransaction:
    """Sign `tx` with `nonce` (no RPC needed); the hash is known from here on."""
    tx_from = tx.get("from")
    if tx_from is None or to_checksum_address(tx_from) != sender.address:
        raise ChainError(f"transaction is from {tx_from!r}, not {sender.address}")
    to_sign: TxParams = {**tx, "nonce": Nonce(nonce)}
    signable = {key: value for key, value in to_sign.items() if key != "from"}
    signed = sender.sign_transaction(cast(dict[str, Any], signable))
    return SignedTransaction(
        tx=to_sign,
        raw=bytes(signed.raw_transaction),
        hash=HexStr(HexBytes(signed.hash).to_0x_hex()),
        sender=sender.address,
        nonce=nonce,
        label=label,
    )


def _unavailable(error: ChainError, url: str) -> ChainError:
    if isinstance(error, ChainUnavailable):
        return ChainUnavailable(f"cannot reach a JSON-RPC node at {url}: {error}")
    return error
