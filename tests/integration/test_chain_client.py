"""ChainClient against a real anvil: the four transaction steps, typed errors, nonces."""

import asyncio

import pytest

from fluxo.chain.bindings.oracle import Oracle
from fluxo.chain.client import ChainClient
from fluxo.devnet.anvil import Anvil
from fluxo.devnet.bindings.mock_erc20 import MockERC20
from fluxo.devnet.devchain import DevChain
from fluxo.exceptions import (
    NONCE_TOO_LOW,
    ChainUnavailable,
    TransactionPending,
    TransactionRejected,
    TransactionReverted,
    WrongChain,
)
from tests.harness.local_chain import DEPLOYER, VALIDATOR, LocalChain

pytestmark = pytest.mark.integration

HOLDER = VALIDATOR


async def _token(client: ChainClient) -> MockERC20:
    return await MockERC20.deploy(client, DEPLOYER, "Fluxo USD", "fUSD", 18)


def test_deploy__constructor_args__contract_answers_views(chain: LocalChain) -> None:
    async def body(client: ChainClient) -> tuple[str, int]:
        token = await _token(client)
        return await token.symbol(), await token.decimals()

    assert chain.run(body) == ("fUSD", 18)


def test_transact__mint__receipt_succeeds_and_balance_moves(chain: LocalChain) -> None:
    async def body(client: ChainClient) -> tuple[int, int]:
        token = await _token(client)
        receipt = await token.mint(DEPLOYER, HOLDER.address, 123)
        return receipt["status"], await token.balance_of(HOLDER.address)

    assert chain.run(body) == (1, 123)


def test_transact__estimate_reverts__raises_with_decoded_reason(chain: LocalChain) -> None:
    async def body(client: ChainClient) -> None:
        token = await _token(client)
        await token.transfer(HOLDER, DEPLOYER.address, 1)

    with pytest.raises(TransactionReverted) as caught:
        chain.run(body)

    assert caught.value.reason == "erc20: transfer amount exceeds balance"
    assert caught.value.tx_hash is None


def test_transact__explicit_gas_mined_revert__raises_reason_and_keeps_nonce(
    chain: LocalChain,
) -> None:
    async def body(client: ChainClient) -> tuple[str, str | None, int]:
        token = await _token(client)
        with pytest.raises(TransactionReverted) as caught:
            await token.transfer(HOLDER, DEPLOYER.address, 1, gas=100_000)
        # The reverted transaction used a nonce; the next one must still go through.
        await token.mint(HOLDER, HOLDER.address, 5)
        await token.transfer(HOLDER, DEPLOYER.address, 5, gas=100_000)
        return caught.value.reason, caught.value.tx_hash, await token.balance_of(DEPLOYER.address)

    reason, tx_hash, balance = chain.run(body)

    assert reason == "erc20: transfer amount exceeds balance"
    assert tx_hash is not None and tx_hash.startswith("0x")
    assert balance == 5


def test_steps__hash_known_before_broadcast__receipt_carries_it(chain: LocalChain) -> None:
    """build → sign → broadcast → wait: the hash a journal records before sending is the one
    the chain mines."""

    async def body(client: ChainClient) -> tuple[str, str, str, int]:
        token = await _token(client)
        tx = await client.build(token.mint_call(HOLDER.address, 7), DEPLOYER.address)
        nonce = await client.pending_count(DEPLOYER.address)
        signed = client.sign(tx, DEPLOYER, nonce, "mint")
        sent_hash = await client.broadcast(signed)
        receipt = await client.wait_for_receipt(signed.hash)
        return signed.hash, sent_hash, receipt["transactionHash"].to_0x_hex(), receipt["status"]

    signed_hash, sent_hash, mined_hash, status = chain.run(body)

    assert signed_hash == sent_hash == mined_hash
    assert status == 1


def test_broadcast__same_transaction_twice__not_an_error(chain: LocalChain) -> None:
    async def body(client: ChainClient, dev: DevChain) -> int:
        token = await _token(client)
        await dev.set_automine(False)
        tx = await client.build(token.mint_call(HOLDER.address, 7), DEPLOYER.address)
        signed = client.sign(tx, DEPLOYER, await client.pending_count(DEPLOYER.address))
        await client.broadcast(signed)
        await client.broadcast(signed)  # "already known": the node holds it
        await dev.mine()
        await dev.set_automine(True)
        return (await client.wait_for_receipt(signed.hash))["status"]

    assert chain.run_dev(body) == 1


def test_broadcast__used_nonce__rejected_nonce_too_low(chain: LocalChain) -> None:
    async def body(client: ChainClient) -> None:
        token = await _token(client)
        tx = await client.build(token.mint_call(HOLDER.address, 7), DEPLOYER.address)
        used_nonce = await client.pending_count(DEPLOYER.address) - 1
        await client.broadcast(client.sign(tx, DEPLOYER, used_nonce))

    with pytest.raises(TransactionRejected) as caught:
        chain.run(body)

    assert caught.value.kind == NONCE_TOO_LOW
    assert caught.value.tx_hash is not None


def test_transact__another_writer_moved_the_nonce__resynchronises(chain: LocalChain) -> None:
    """The in-memory nonce source assumes it is the only writer; when another client sends from
    the same account, the next transaction is refused once and the source re-reads the chain."""

    async def body(client: ChainClient) -> int:
        token = await _token(client)
        async with await ChainClient.connect(chain.url) as other:
            other_token = MockERC20(other, token.address)
            await other_token.mint(DEPLOYER, HOLDER.address, 1)
        with pytest.raises(TransactionRejected):
            await token.mint(DEPLOYER, HOLDER.address, 2, gas=100_000)
        await token.mint(DEPLOYER, HOLDER.address, 4, gas=100_000)
        return await token.balance_of(HOLDER.address)

    assert chain.run(body) == 5


def test_wait_for_receipt__not_mined__raises_pending(chain: LocalChain) -> None:
    async def body(client: ChainClient, dev: DevChain) -> None:
        token = await _token(client)
        await dev.set_automine(False)
        tx = await client.build(token.mint_call(HOLDER.address, 7), DEPLOYER.address)
        signed = client.sign(tx, DEPLOYER, await client.pending_count(DEPLOYER.address))
        await client.broadcast(signed)
        await client.wait_for_receipt(signed.hash, timeout_s=0.3)

    with pytest.raises(TransactionPending):
        chain.run_dev(body)


def test_call__view_reverts__raises_with_oracle_reason(chain: LocalChain) -> None:
    async def body(client: ChainClient) -> None:
        protocol = await chain.protocol(client)
        await Oracle(client, protocol.oracle.address).outcome_of(7)

    with pytest.raises(TransactionReverted, match="oracle: unknown request"):
        chain.run(body)


def test_call__raw_calldata__returns_bytes(chain: LocalChain) -> None:
    async def body(client: ChainClient) -> bytes:
        token = await _token(client)
        return await client.call(token.address, bytes.fromhex("313ce567"))  # decimals()

    assert int.from_bytes(chain.run(body), "big") == 18


def test_connect__wrong_chain_id__refuses(anvil: Anvil) -> None:
    with pytest.raises(WrongChain, match="serves chain id 31337, expected 1"):
        asyncio.run(ChainClient.connect(anvil.url, expected_chain_id=1))


def test_connect__nothing_listening__raises_chain_unavailable() -> None:
    with Anvil() as anvil:
        url = anvil.url

    with pytest.raises(ChainUnavailable, match="cannot reach"):
        asyncio.run(ChainClient.connect(url))


def test_read__node_goes_away__chain_unavailable(anvil: Anvil) -> None:
    async def main() -> None:
        async with await ChainClient.connect(anvil.url) as client:
            anvil.stop()
            await client.block_number()

    with pytest.raises(ChainUnavailable):
        asyncio.run(main())
