"""deploy_protocol / add_requester / fund / approve_oracle wire a working Oracle."""

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

import pytest
from eth_account import Account
from eth_account.signers.local import LocalAccount

from fluxo.chain.anvil import Anvil
from fluxo.chain.client import ChainClient
from fluxo.chain.contracts import MAX_UINT256
from fluxo.chain.dev_accounts import ANVIL_DEV_PRIVATE_KEYS
from fluxo.chain.protocol import Protocol, add_requester, approve_oracle, deploy_protocol, fund
from fluxo.domain.outcome import categorical
from fluxo.domain.request_args import RequestArgs, Source

pytestmark = pytest.mark.integration

T = TypeVar("T")

DEPLOYER: LocalAccount = Account.from_key(ANVIL_DEV_PRIVATE_KEYS[0])
VALIDATOR: LocalAccount = Account.from_key(ANVIL_DEV_PRIVATE_KEYS[1])
ARBITRATOR: LocalAccount = Account.from_key(ANVIL_DEV_PRIVATE_KEYS[2])
TREASURY: LocalAccount = Account.from_key(ANVIL_DEV_PRIVATE_KEYS[3])

VALIDITY_BOND_WEI = 7 * 10**18
MIN_BOND_WEI = 50 * 10**18
FEE_WEI = 3 * 10**18


def _run(url: str, body: Callable[[ChainClient], Awaitable[T]]) -> T:
    async def main() -> T:
        async with await ChainClient.connect(url) as client:
            return await body(client)

    return asyncio.run(main())


async def _deploy(client: ChainClient, *, shared_token: bool = False) -> Protocol:
    return await deploy_protocol(
        client,
        DEPLOYER,
        validity_bond_wei=VALIDITY_BOND_WEI,
        min_bond_wei=MIN_BOND_WEI,
        min_challenge_period_s=60,
        max_challenge_period_s=86_400,
        arbitration_threshold_wei=10**24,
        final_arbitrator=ARBITRATOR.address,
        treasury=TREASURY.address,
        payment_token_is_stake_token=shared_token,
    )


def _args() -> RequestArgs:
    return RequestArgs(
        description="Is it raining in Lisbon?",
        sources=(Source("https://weather.example/lisbon", "$.rain"),),
        outcomes=("No", "Yes"),
        data_type=0,
        decimals=0,
        settlement_time=0,
        challenge_period=60,
        min_bond=0,
        fee=FEE_WEI,
        tags=(),
    )


def test_deploy_protocol__two_tokens__config_zero_is_the_given_config(anvil: Anvil) -> None:
    async def body(client: ChainClient) -> tuple[Protocol, object, list[str]]:
        protocol = await _deploy(client)
        symbols = [await protocol.stake_token.symbol(), await protocol.payment_token.symbol()]
        return protocol, await protocol.oracle.config(0), symbols

    protocol, on_chain_config, symbols = _run(anvil.url, body)

    assert on_chain_config == protocol.config
    assert not protocol.shares_one_token
    assert symbols == ["FLX", "fUSD"]


def test_deploy_protocol__shared_token__flx_pays_fees_too(anvil: Anvil) -> None:
    async def body(client: ChainClient) -> Protocol:
        return await _deploy(client, shared_token=True)

    protocol = _run(anvil.url, body)

    assert protocol.shares_one_token
    assert protocol.config.payment_token == protocol.config.stake_token


def test_add_requester__default_multiplier__whitelisted_at_full_bond(anvil: Anvil) -> None:
    async def body(client: ChainClient) -> tuple[bool, int, int]:
        protocol = await _deploy(client)
        requester = await add_requester(client, protocol, DEPLOYER, name="weather")
        return await protocol.oracle.requester_info(requester.address)

    whitelisted, multiplier_bps, _index = _run(anvil.url, body)

    assert whitelisted
    assert multiplier_bps == 10_000


def test_fund_and_approve__validator__holds_tokens_and_allows_the_oracle(anvil: Anvil) -> None:
    async def body(client: ChainClient) -> tuple[int, int, int, int]:
        protocol = await _deploy(client)
        await fund(protocol, DEPLOYER, VALIDATOR.address, stake_wei=11, payment_wei=22)
        await approve_oracle(protocol, VALIDATOR)
        oracle = protocol.oracle.address
        return (
            await protocol.stake_token.balance_of(VALIDATOR.address),
            await protocol.payment_token.balance_of(VALIDATOR.address),
            await protocol.stake_token.allowance(VALIDATOR.address, oracle),
            await protocol.payment_token.allowance(VALIDATOR.address, oracle),
        )

    assert _run(anvil.url, body) == (11, 22, MAX_UINT256, MAX_UINT256)


def test_requester_create__funded__pulls_bond_and_fee_and_stake_bonds(anvil: Anvil) -> None:
    """Money flow: validity bond + fee (fUSD) requester -> Oracle; B0 (FLX) validator -> Oracle."""

    async def body(client: ChainClient) -> tuple[int, int, int, int, bool]:
        protocol = await _deploy(client)
        requester = await add_requester(client, protocol, DEPLOYER, name="weather")
        await fund(protocol, DEPLOYER, requester.address, payment_wei=100 * 10**18)
        await fund(protocol, DEPLOYER, VALIDATOR.address, stake_wei=MIN_BOND_WEI)
        await approve_oracle(protocol, VALIDATOR)
        created, _receipt = await requester.create(DEPLOYER, _args())
        receipt = await protocol.oracle.stake(
            VALIDATOR, created.request_id, categorical(1), MIN_BOND_WEI
        )
        (staked,) = protocol.oracle.staked_events(receipt)
        oracle = protocol.oracle.address
        return (
            created.request_id,
            (await protocol.oracle.request_params(created.request_id)).base_bond_wei,
            await protocol.payment_token.balance_of(oracle),
            await protocol.stake_token.balance_of(oracle),
            staked.bonded,
        )

    request_id, bond_wei, oracle_fusd_wei, oracle_flx_wei, bonded = _run(anvil.url, body)

    assert request_id == 0
    assert bond_wei == MIN_BOND_WEI
    assert oracle_fusd_wei == VALIDITY_BOND_WEI + FEE_WEI
    assert oracle_flx_wei == MIN_BOND_WEI
    assert bonded
