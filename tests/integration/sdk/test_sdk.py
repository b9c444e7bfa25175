"""The SDK against anvil: connect, the builder's checks before anything is sent, a whole
lifecycle, watch and wait, and decoding of every kind of answer."""

import asyncio
from decimal import Decimal
from typing import Any

import pytest

from fluxo.devnet.devchain import DevChain
from fluxo.exceptions import WaitTimeout, WrongChain
from fluxo.sdk import (
    Fluxo,
    FluxoSync,
    InvalidRequest,
    OutcomeKind,
    RequestStatus,
    Source,
    build_request,
)
from tests.harness.local_chain import DISPUTER, TOKEN_WEI, VALIDATOR
from tests.integration.sdk.conftest import CREATOR, SETTINGS, SdkChain

pytestmark = pytest.mark.integration

SOURCE = Source("https://scores.example/match/42", "winner")
PERIOD_S = 60


def _categorical(**overrides: Any) -> Any:
    fields: dict[str, Any] = {
        "description": "Who wins match 42?",
        "sources": [SOURCE],
        "outcomes": ["Team A", "Team B"],
        "challenge_period": PERIOD_S,
        "fee": TOKEN_WEI,
        "tags": ["esports"],
    }
    fields.update(overrides)
    return build_request(OutcomeKind.CATEGORICAL, **fields)


def _run(sdk: SdkChain, body: Any) -> Any:
    async def main() -> Any:
        async with await Fluxo.connect(sdk.chain.url, deployment=sdk.path) as fx:
            async with DevChain(sdk.chain.url) as dev:
                return await body(fx, dev)

    return asyncio.run(main())


def test_connect__deployment_of_another_chain__refuses(sdk_chain: SdkChain) -> None:
    other = sdk_chain.deployment.model_copy(update={"chain_id": 1})

    with pytest.raises(WrongChain, match="expected 1"):
        asyncio.run(Fluxo.connect(sdk_chain.chain.url, deployment=other))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("challenge_period", SETTINGS.min_challenge_period - 1),
        ("challenge_period", SETTINGS.max_challenge_period + 1),
        ("fee", 2**96),
        ("description", "x" * 513),
        ("tags", ["t" * 65]),
        ("sources", [SOURCE] * 9),
        ("min_bond", 2**96),
    ],
)
def test_create__bound_broken__invalid_request_naming_it_and_nothing_sent(
    sdk_chain: SdkChain, field: str, value: Any
) -> None:
    async def body(fx: Fluxo, _dev: DevChain) -> tuple[int, int]:
        nonce = await fx.client.pending_count(CREATOR.address)
        args = _categorical()
        with pytest.raises(InvalidRequest) as caught:
            await fx.requests.create(CREATOR, _replace(args, field, value))
        assert caught.value.field.split("[")[0] == field
        return nonce, await fx.client.pending_count(CREATOR.address)

    nonce_before, nonce_after = _run(sdk_chain, body)

    assert nonce_before == nonce_after  # nothing was sent


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("challenge_period", SETTINGS.min_challenge_period),
        ("challenge_period", SETTINGS.max_challenge_period),
        ("description", "x" * 512),
        ("tags", ["t" * 64]),
    ],
)
def test_create__bound_at_its_limit__created(sdk_chain: SdkChain, field: str, value: Any) -> None:
    async def body(fx: Fluxo, _dev: DevChain) -> Any:
        return await fx.requests.create(CREATOR, _replace(_categorical(), field, value))

    info = _run(sdk_chain, body)

    assert info.request_id == 0
    assert getattr(info, field) == (tuple(value) if isinstance(value, list) else value)


def _replace(args: Any, field: str, value: Any) -> Any:
    from dataclasses import replace

    if isinstance(value, list):
        value = tuple(value)
    return replace(args, **{field: value})


def test_lifecycle__create_stake_dispute_finalize_claim__answer_decoded(
    sdk_chain: SdkChain,
) -> None:
    """Money flow: B0 = 10 FLX on Team A (validator), 20 FLX on Team B (disputer, one block
    later); the window expires, Team B is final; the disputer claims 20 + 10 FLX and the 1 fUSD
    fee."""

    async def body(fx: Fluxo, dev: DevChain) -> tuple[Any, ...]:
        info = await fx.requests.create(CREATOR, _categorical())
        staked = await fx.requests.stake(
            VALIDATOR, info.request_id, info.outcome_for("team a"), 10 * TOKEN_WEI
        )
        await dev.time_travel(1)
        disputed = await fx.requests.dispute(DISPUTER, info.request_id, info.outcome_for(1))
        state = await fx.requests.state(info.request_id)
        await dev.time_travel(PERIOD_S)
        await fx.requests.finalize(VALIDATOR, info.request_id)
        claimable = await fx.requests.claimable(info.request_id, DISPUTER.address)
        claimed = await fx.requests.claim(VALIDATOR, info.request_id, DISPUTER.address)
        answer = await fx.requests.answer(info.request_id)
        final_state = await fx.requests.state(info.request_id)
        return staked, disputed, state, claimable, claimed, answer, final_state

    staked, disputed, state, claimable, claimed, answer, final_state = _run(sdk_chain, body)

    assert (staked.amount, staked.bonded, staked.round) == (10 * TOKEN_WEI, True, 0)
    assert (disputed.amount, disputed.bonded, disputed.round) == (20 * TOKEN_WEI, True, 1)
    assert state.status is RequestStatus.DISPUTABLE and state.current_round == 2
    assert claimable == (30 * TOKEN_WEI, TOKEN_WEI)
    assert (claimed.stake_amount, claimed.payment_amount) == claimable
    assert (answer.label, answer.index, answer.invalid) == ("Team B", 1, False)
    assert str(answer) == "Team B"
    assert final_state.status is RequestStatus.FINALIZED


def test_watch__a_bond_and_a_finalization__streamed_in_order(sdk_chain: SdkChain) -> None:
    async def body(fx: Fluxo, dev: DevChain) -> list[str]:
        info = await fx.requests.create(CREATOR, _categorical())

        async def play() -> None:
            await fx.requests.stake(VALIDATOR, info.request_id, info.outcome_for(0), 4 * TOKEN_WEI)
            await fx.requests.stake(DISPUTER, info.request_id, info.outcome_for(0), 10 * TOKEN_WEI)
            await dev.time_travel(PERIOD_S + 1)
            await fx.requests.finalize(VALIDATOR, info.request_id)

        player = asyncio.create_task(play())
        kinds = [u.kind async for u in fx.requests.watch(info.request_id, poll_interval_s=0.05)]
        await player
        return kinds

    assert _run(sdk_chain, body) == ["staked", "bonded", "finalized"]


def test_wait__not_final_in_time__raises_wait_timeout(sdk_chain: SdkChain) -> None:
    async def body(fx: Fluxo, _dev: DevChain) -> None:
        info = await fx.requests.create(CREATOR, _categorical())
        await fx.requests.wait(info.request_id, timeout_s=0.2, poll_interval_s=0.05)

    with pytest.raises(WaitTimeout, match="not final after 0.2 s"):
        _run(sdk_chain, body)


def test_answer__number_and_string_requests__decoded(sdk_chain: SdkChain) -> None:
    async def body(fx: Fluxo, dev: DevChain) -> tuple[Any, Any]:
        number_request = await fx.requests.create(
            CREATOR,
            build_request(
                OutcomeKind.NUMBER,
                description="ETH/USD close",
                sources=[SOURCE],
                decimals=2,
                challenge_period=PERIOD_S,
            ),
        )
        string_request = await fx.requests.create(
            CREATOR,
            build_request(
                OutcomeKind.STRING,
                description="Who won?",
                sources=[SOURCE],
                challenge_period=PERIOD_S,
            ),
        )
        await fx.requests.stake(
            VALIDATOR,
            number_request.request_id,
            number_request.outcome_for(Decimal("-3141.59")),
            10 * TOKEN_WEI,
        )
        await fx.requests.oracle.publish_answer(VALIDATOR, string_request.request_id, "Fnatic")
        await fx.requests.stake(
            VALIDATOR,
            string_request.request_id,
            string_request.outcome_for("Fnatic"),
            10 * TOKEN_WEI,
        )
        await dev.time_travel(PERIOD_S)
        for info in (number_request, string_request):
            await fx.requests.finalize(VALIDATOR, info.request_id)
        return (
            await fx.requests.wait(number_request.request_id, timeout_s=5),
            await fx.requests.wait(string_request.request_id, timeout_s=5),
        )

    number_answer, string_answer = _run(sdk_chain, body)

    assert (number_answer.number, number_answer.raw) == (Decimal("-3141.59"), -314159)
    assert string_answer.text == "Fnatic"


def test_sync__same_api_without_await__reads_a_request(sdk_chain: SdkChain) -> None:
    with FluxoSync.connect(sdk_chain.chain.url, deployment=sdk_chain.path) as fx:
        info = fx.requests.create(CREATOR, _categorical())
        state = fx.requests.state(info.request_id)

    assert info.outcomes == ("Team A", "Team B")
    assert state.status is RequestStatus.OPEN
