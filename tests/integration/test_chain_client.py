"""ChainClient against a real anvil: deploys, signed sends, typed reverts, time travel."""

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

import pytest
from eth_account import Account
from eth_account.signers.local import LocalAccount

from fluxo.chain.anvil import Anvil
from fluxo.chain.artifacts import MOCK_ERC20, ORACLE, load_artifact
from fluxo.chain.client import ChainClient
from fluxo.chain.contracts import TokenContract
from fluxo.chain.dev_accounts import ANVIL_DEV_PRIVATE_KEYS
from fluxo.exceptions import ChainError, TransactionReverted

pytestmark = pytest.mark.integration

T = TypeVar("T")

DEPLOYER: LocalAccount = Account.from_key(ANVIL_DEV_PRIVATE_KEYS[0])
HOLDER: LocalAccount = Account.from_key(ANVIL_DEV_PRIVATE_KEYS[1])


def _run(url: str, body: Callable[[ChainClient], Awaitable[T]]) -> T:
    async def main() -> T:
        async with await ChainClient.connect(url) as client:
            return await body(client)

    return asyncio.run(main())


async def _deploy_token(client: ChainClient) -> TokenContract:
    address = await client.deploy(
        load_artifact(MOCK_ERC20), "Fluxo USD", "fUSD", 18, sender=DEPLOYER
    )
    return TokenContract(client, address)


def test_deploy__constructor_args__contract_answers_views(anvil: Anvil) -> None:
    async def body(client: ChainClient) -> str:
        return await (await _deploy_token(client)).symbol()

    assert _run(anvil.url, body) == "fUSD"


def test_transact__mint__receipt_succeeds_and_balance_moves(anvil: Anvil) -> None:
    async def body(client: ChainClient) -> tuple[int, int]:
        token = await _deploy_token(client)
        receipt = await token.mint(DEPLOYER, HOLDER.address, 123)
        return receipt["status"], await token.balance_of(HOLDER.address)

    assert _run(anvil.url, body) == (1, 123)


def test_transact__estimate_reverts__raises_with_decoded_reason(anvil: Anvil) -> None:
    async def body(client: ChainClient) -> None:
        token = await _deploy_token(client)
        await token.transfer(HOLDER, DEPLOYER.address, 1)

    with pytest.raises(TransactionReverted) as caught:
        _run(anvil.url, body)

    assert caught.value.reason == "erc20: transfer amount exceeds balance"
    assert caught.value.tx_hash is None


def test_transact__explicit_gas_mined_revert__raises_reason_and_keeps_nonce(
    anvil: Anvil,
) -> None:
    async def body(client: ChainClient) -> tuple[str, str | None, int]:
        token = await _deploy_token(client)
        with pytest.raises(TransactionReverted) as caught:
            await token.transfer(HOLDER, DEPLOYER.address, 1, gas=100_000)
        # The reverted transaction used a nonce; the next one must still go through.
        await token.mint(HOLDER, HOLDER.address, 5)
        await token.transfer(HOLDER, DEPLOYER.address, 5, gas=100_000)
        return caught.value.reason, caught.value.tx_hash, await token.balance_of(DEPLOYER.address)

    reason, tx_hash, balance = _run(anvil.url, body)

    assert reason == "erc20: transfer amount exceeds balance"
    assert tx_hash is not None and tx_hash.startswith("0x")
    assert balance == 5


def test_call__view_reverts__raises_with_oracle_reason(anvil: Anvil) -> None:
    async def body(client: ChainClient) -> None:
        token = await _deploy_token(client)
        config = (
            token.address,
            token.address,
            0,
            1,
            1,
            10,
            100,
            HOLDER.address,
            HOLDER.address,
            60,
            60,
        )
        address = await client.deploy(load_artifact(ORACLE), config, sender=DEPLOYER)
        oracle = client.contract(address, load_artifact(ORACLE).abi)
        await client.call(oracle.functions.outcome_of(7))

    with pytest.raises(TransactionReverted, match="oracle: unknown request"):
        _run(anvil.url, body)


def test_connect__nothing_listening__raises_chain_error() -> None:
    with Anvil() as anvil:
        url = anvil.url

    with pytest.raises(ChainError, match="cannot reach"):
        asyncio.run(ChainClient.connect(url))
