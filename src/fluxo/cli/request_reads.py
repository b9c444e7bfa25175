"""Reads of requests the SDK has no single call for: the latest requests from the Oracle's
`RequestCreated` logs, and one account's stakes in a request from its `Staked` logs."""

import asyncio
from collections.abc import Mapping
from contextlib import aclosing

from fluxo.chain.bindings.oracle import RequestCreated, Staked
from fluxo.chain.bindings.results import RequestParams
from fluxo.cli.request_views import AccountStake, AccountView
from fluxo.sdk import Fluxo, RequestInfo, RequestState, RequestStatus
from fluxo.sdk.logs import events, events_newest_first


def requester_names(fx: Fluxo) -> Mapping[str, str]:
    """Address -> name of the deployment's requesters."""
    return {address: name for name, address in fx.deployment.requesters.items()}


async def recent_requests(
    fx: Fluxo, limit: int, status: RequestStatus | None
) -> list[tuple[RequestInfo, RequestState]]:
    """Up to `limit` requests, newest first, with their state; only those in `status` if given."""
    oracle = fx.requests.oracle
    found: list[tuple[RequestInfo, RequestState]] = []
    newest = events_newest_first(fx.client, oracle, (RequestCreated,), fx.deployment.start_block)
    async with aclosing(newest) as scan:
        async for event in scan:
            if len(found) >= limit:
                break
            if not isinstance(event, RequestCreated):
                continue
            params, state = await asyncio.gather(
                oracle.request_params(event.request_id), fx.requests.state(event.request_id)
            )
            if status is not None and state.status is not status:
                continue
            found.append((_info(event, params), state))
    return found


def _info(event: RequestCreated, params: RequestParams) -> RequestInfo:
    return RequestInfo(
        request_id=event.request_id,
        requester=params.requester,
        description=event.description,
        sources=event.sources,
        outcomes=event.outcomes,
        data_type=event.data_type,
        decimals=event.decimals,
        tags=event.tags,
        config_id=params.config_id,
        base_bond=params.base_bond,
        fee=params.fee,
        settlement_time=params.settlement_time,
        challenge_period=params.challenge_period,
        created_block=event.block_number,
    )


async def account_view(fx: Fluxo, info: RequestInfo, account: str) -> AccountView:
    """What `account` holds in each round on each outcome it staked, and can claim now."""
    oracle = fx.requests.oracle
    staked_events = await events(
        fx.client,
        oracle,
        (Staked,),
        info.created_block,
        topic1=info.request_id.to_bytes(32, "big"),
    )
    places = sorted(
        {
            (event.round, event.outcome)
            for event in staked_events
            if isinstance(event, Staked) and event.staker == account
        }
    )
    amounts = await asyncio.gather(
        *(oracle.staked(info.request_id, r, account, outcome) for r, outcome in places)
    )
    stake_wei, payment_wei = await fx.requests.claimable(info.request_id, account)
    stakes = tuple(
        AccountStake(r, outcome, amount)
        for (r, outcome), amount in zip(places, amounts, strict=True)
        if amount
    )
    return AccountView(account, stakes, stake_wei, payment_wei)
