"""The production deploy and the devnet's protocol on top of it wire a working Oracle."""

import pytest

from fluxo.chain.bindings.oracle import RequestCreated, Staked
from fluxo.chain.client import ChainClient
from fluxo.deploy import deploy_protocol
from fluxo.deployment import Deployment
from fluxo.devnet.protocol import MAX_UINT256, add_requester, approve_oracle, fund
from fluxo.domain.config import Config
from fluxo.domain.outcome import OutcomeKind, categorical
from fluxo.domain.request_args import RequestArgs, Source
from fluxo.domain.request_builder import build_request
from fluxo.exceptions import ConfigError
from tests.harness.local_chain import (
    DEFAULT_SETTINGS,
    DEPLOYER,
    TOKEN_WEI,
    VALIDATOR,
    LocalChain,
)

pytestmark = pytest.mark.integration

FEE_WEI = 3 * TOKEN_WEI


def _args() -> RequestArgs:
    return build_request(
        OutcomeKind.CATEGORICAL,
        description="Is it raining in Lisbon?",
        sources=(Source("https://weather.example/lisbon", "$.rain"),),
        outcomes=("No", "Yes"),
        challenge_period=60,
        fee=FEE_WEI,
    )


def test_deploy_dev_protocol__two_tokens__config_zero_is_the_settings(chain: LocalChain) -> None:
    async def body(client: ChainClient) -> tuple[Deployment, Config, list[str], bool]:
        protocol = await chain.protocol(client)
        symbols = [await protocol.stake_token.symbol(), await protocol.payment_token.symbol()]
        return (
            protocol.deployment,
            await protocol.oracle.config(0),
            symbols,
            protocol.shares_one_token,
        )

    deployment, config, symbols, shares_one_token = chain.run(body)

    assert config == DEFAULT_SETTINGS.config(deployment.flux_token, deployment.payment_token)
    assert symbols == ["FLX", "fUSD"]
    assert not shares_one_token
    assert deployment.feed_hub is not None and deployment.start_block >= 1


def test_deploy_dev_protocol__shared_token__flx_pays_fees_too(chain: LocalChain) -> None:
    async def body(client: ChainClient) -> tuple[Deployment, bool]:
        protocol = await chain.protocol(client, shared_token=True)
        return protocol.deployment, protocol.shares_one_token

    deployment, shares_one_token = chain.run(body)

    assert shares_one_token
    assert deployment.payment_token == deployment.flux_token


def test_deploy_protocol__payment_token_without_code__refuses_naming_it(
    chain: LocalChain,
) -> None:
    missing = "0x" + "42" * 20

    async def body(client: ChainClient) -> None:
        await deploy_protocol(client, DEPLOYER, DEFAULT_SETTINGS, payment_token=missing)

    with pytest.raises(ConfigError, match="payment_token") as caught:
        chain.run(body)

    assert "no contract" in str(caught.value)


def test_add_requester__default_multiplier__whitelisted_at_full_bond(chain: LocalChain) -> None:
    async def body(client: ChainClient) -> tuple[bool, int]:
        protocol = await chain.protocol(client)
        requester = await add_requester(client, protocol, DEPLOYER, name="weather")
        info = await protocol.oracle.requester_info(requester.address)
        return info.whitelisted, info.stake_multiplier_bps

    assert chain.run(body) == (True, 10_000)


def test_fund_and_approve__validator__holds_tokens_and_allows_the_oracle(
    chain: LocalChain,
) -> None:
    async def body(client: ChainClient) -> tuple[int, int, int, int]:
        protocol = await chain.protocol(client)
        await fund(protocol, DEPLOYER, VALIDATOR.address, stake_wei=11, payment_wei=22)
        await approve_oracle(protocol, VALIDATOR)
        oracle = protocol.oracle.address
        return (
            await protocol.stake_token.balance_of(VALIDATOR.address),
            await protocol.payment_token.balance_of(VALIDATOR.address),
            await protocol.stake_token.allowance(VALIDATOR.address, oracle),
            await protocol.payment_token.allowance(VALIDATOR.address, oracle),
        )

    assert chain.run(body) == (11, 22, MAX_UINT256, MAX_UINT256)


def test_requester_create__funded__pulls_bond_and_fee_and_stake_bonds(chain: LocalChain) -> None:
    """Money flow: validity bond + fee (fUSD) requester -> Oracle; B0 (FLX) validator -> Oracle."""
    b0_wei = DEFAULT_SETTINGS.min_bond

    async def body(client: ChainClient) -> tuple[RequestCreated, int, int, int, Staked]:
        protocol = await chain.protocol(client)
        requester = await add_requester(client, protocol, DEPLOYER, name="weather")
        await fund(protocol, DEPLOYER, requester.address, payment_wei=100 * TOKEN_WEI)
        await fund(protocol, DEPLOYER, VALIDATOR.address, stake_wei=b0_wei)
        await approve_oracle(protocol, VALIDATOR)
        receipt = await requester.create(DEPLOYER, _args())
        created = protocol.oracle.single_event(receipt, RequestCreated)
        receipt = await protocol.oracle.stake(VALIDATOR, created.request_id, categorical(1), b0_wei)
        oracle = protocol.oracle.address
        return (
            created,
            (await protocol.oracle.request_params(created.request_id)).base_bond,
            await protocol.payment_token.balance_of(oracle),
            await protocol.stake_token.balance_of(oracle),
            protocol.oracle.single_event(receipt, Staked),
        )

    created, bond_wei, oracle_fusd_wei, oracle_flx_wei, staked = chain.run(body)

    assert created.request_id == 0
    assert created.sources == (Source("https://weather.example/lisbon", "$.rain"),)
    assert created.outcomes == ("No", "Yes")
    assert bond_wei == b0_wei
    assert oracle_fusd_wei == DEFAULT_SETTINGS.validity_bond + FEE_WEI
    assert oracle_flx_wei == b0_wei
    assert (staked.staker, staked.amount, staked.bonded) == (VALIDATOR.address, b0_wei, True)
