"""Read a devnet run back from the chain: requests and their rounds, every stake, unstake and
claim, every token holder, what the Oracle holds and owes, feed rounds with their gas, the
prediction markets (redemptions, each account's P&L) and the ConditionalTokens payouts. Only
logs and views: what the summary says is what the chain says.

    facts = await read_game(fx, deployment)           # every Oracle event since the deployment
    rows = await read_requests(fx, facts, asked)       # RequestRow per request the devnet asked
"""

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from eth_abi.abi import decode, encode
from eth_utils.address import to_checksum_address
from eth_utils.crypto import keccak
from web3.types import LogReceipt

from fluxo.chain.binding import EventLog, Function, decode_event
from fluxo.chain.bindings.erc20 import ERC20, Transfer
from fluxo.chain.bindings.oracle import Claimed, Finalized, Oracle, Staked, Unstaked
from fluxo.chain.bindings.prediction_market import LiquidityRedeemed, Redeemed
from fluxo.chain.bindings.price_feed import AnswerUpdated
from fluxo.chain.client import ChainClient
from fluxo.deployment import Deployment
from fluxo.devnet.markets import MarketRun, OpenedMarket, conditional_tokens, position_of
from fluxo.devnet.sample_data import Question
from fluxo.devnet.summary import (
    ClaimRow,
    ConditionalRedemptionRow,
    ConditionalRow,
    FeedRoundRow,
    FeedRow,
    MarketHoldings,
    MarketRedemptionRow,
    MarketRow,
    OracleHoldings,
    RequestRow,
    StakeRow,
    TokenHoldings,
    TraderPnlRow,
)
from fluxo.domain.address import ZERO_ADDRESS
from fluxo.sdk import Fluxo
from fluxo.sdk.logs import events as contract_events

LOG_RANGE_BLOCKS = 5_000
_CLAIMABLE = Function.of("claimable", ("uint256", "address"), ("uint256", "uint256"))
_BALANCE_OF = Function.of("balanceOf", ("address",), ("uint256",))
_REDEEMABLE = Function.of("redeemable", ("uint256", "address"), ("uint256",))
_NET_COST = Function.of("net_cost", ("uint256", "address"), ("int256",))
_POSITION_BALANCE = Function.of("balanceOf", ("address", "uint256"), ("uint256",))
# ConditionalTokens' event for a redemption: redeemer, collateral and parent collection indexed.
_PAYOUT_REDEMPTION_TOPIC = keccak(
    text="PayoutRedemption(address,address,bytes32,bytes32,uint256[],uint256)"
)


@dataclass(frozen=True, slots=True)
class GameEvents:
    """Every Staked, Unstaked, Claimed and Finalized event of the Oracle, in chain order."""

    staked: tuple[Staked, ...]
    unstaked: tuple[Unstaked, ...]
    claimed: tuple[Claimed, ...]
    finalized: tuple[Finalized, ...]


async def _logs(
    client: ChainClient, from_block: int, addresses: Sequence[str], topics: Sequence[bytes]
) -> list[LogReceipt]:
    head = await client.block_number()
    found: list[LogReceipt] = []
    start = from_block
    while start <= head:
        end = min(start + LOG_RANGE_BLOCKS - 1, head)
        found.extend(await client.get_logs(start, end, addresses=addresses, topics=topics))
        start = end + 1
    return found


async def read_game(client: ChainClient, deployment: Deployment) -> GameEvents:
    oracle = Oracle(client, deployment.oracle)
    kinds = (Staked, Unstaked, Claimed, Finalized)
    logs = await _logs(
        client, deployment.start_block, [deployment.oracle], [kind.TOPIC for kind in kinds]
    )
    events: list[EventLog] = oracle.decode_logs(logs)
    return GameEvents(
        staked=tuple(e for e in events if isinstance(e, Staked)),
        unstaked=tuple(e for e in events if isinstance(e, Unstaked)),
        claimed=tuple(e for e in events if isinstance(e, Claimed)),
        finalized=tuple(e for e in events if isinstance(e, Finalized)),
    )


async def read_requests(
    fx: Fluxo,
    events: GameEvents,
    asked: Mapping[int, Question],
    truths: Mapping[int, str],
    names: Mapping[str, str],
) -> list[RequestRow]:
    """A row per request the devnet asked: its outcome decoded, its bonded rounds, its stakes,
    beside `truths`, what its source serves."""
    rows: list[RequestRow] = []
    for request_id, question in sorted(asked.items()):
        state = await fx.requests.state(request_id)
        answer = await fx.requests.answer(request_id)
        bonded = [info for info in state.rounds if info.bonded]
        stakes = tuple(
            StakeRow(
                s.round, names.get(s.staker, s.staker), "0x" + s.outcome.hex(), s.amount, s.bonded
            )
            for s in events.staked
            if s.request_id == request_id
        )
        unstakes = tuple(
            StakeRow(
                u.round, names.get(u.staker, u.staker), "0x" + u.outcome.hex(), u.amount, False
            )
            for u in events.unstaked
            if u.request_id == request_id
        )
        rows.append(
            RequestRow(
                request_id=request_id,
                key=question.key,
                kind=question.kind.name.lower(),
                description=question.description,
                truth=truths[request_id],
                finalized=answer is not None,
                outcome_hex=None if answer is None else "0x" + answer.outcome.hex(),
                outcome_text=None if answer is None else str(answer),
                rounds=len(bonded),
                bonds_wei=tuple(info.bond for info in bonded),
                stakes=stakes,
                unstakes=unstakes,
                market=question.market,
            )
        )
    return rows


async def _view_at(
    client: ChainClient, address: str, function: Function, args: Sequence[object], block: int
) -> tuple[int, ...]:
    data = function.selector + encode(list(function.inputs), list(args))
    raw = await client.call(address, data, block=block)
    return tuple(decode(list(function.outputs), raw))


async def read_claims(
    client: ChainClient, deployment: Deployment, events: GameEvents, names: Mapping[str, str]
) -> list[ClaimRow]:
    """Each claim against `claimable` in the block before it and the balances around it."""
    rows: list[ClaimRow] = []
    for claim in events.claimed:
        before = claim.block_number - 1
        stake_before, payment_before = await _view_at(
            client, deployment.oracle, _CLAIMABLE, (claim.request_id, claim.account), before
        )
        gains: list[int] = []
        for token in (deployment.flux_token, deployment.payment_token):
            (after_wei,) = await _view_at(
                client, token, _BALANCE_OF, (claim.account,), claim.block_number
            )
            (before_wei,) = await _view_at(client, token, _BALANCE_OF, (claim.account,), before)
            gains.append(after_wei - before_wei)
        # The devnet's payment token is never FLX, so each rise belongs to one part.
        flx_gain, payment_gain = gains
        rows.append(
            ClaimRow(
                request_id=claim.request_id,
                account=names.get(claim.account, claim.account),
                tx_hash="0x" + claim.transaction_hash.hex(),
                block=claim.block_number,
                claimable_stake_wei=stake_before,
                claimable_payment_wei=payment_before,
                paid_stake_wei=claim.stake_amount,
                paid_payment_wei=claim.payment_amount,
                flx_gain_wei=flx_gain,
                payment_gain_wei=payment_gain,
            )
        )
    return rows


async def read_token(
    client: ChainClient, address: str, from_block: int, names: Mapping[str, str]
) -> TokenHoldings:
    """The supply and every holder's balance; the holders are every account a Transfer ever
    credited (mints included), so nobody holding the token is left out."""
    token = ERC20(client, address)
    logs = await _logs(client, from_block, [address], [Transfer.TOPIC])
    holders = dict.fromkeys(
        to_checksum_address(decode_event(Transfer, log).receiver) for log in logs
    )
    holders.pop(to_checksum_address(ZERO_ADDRESS), None)
    balances = await asyncio.gather(*(token.balance_of(holder) for holder in holders))
    return TokenHoldings(
        symbol=await token.symbol(),
        address=token.address,
        total_supply_wei=await token.total_supply(),
        balances_wei={
            names.get(holder, holder): balance
            for holder, balance in zip(holders, balances, strict=True)
        },
    )


async def read_oracle_holdings(
    fx: Fluxo,
    deployment: Deployment,
    events: GameEvents,
    accounts: Sequence[str],
    request_ids: Sequence[int],
) -> list[OracleHoldings]:
    """What the Oracle holds of each token and what it owes: credits of `accounts` (every
    account that may have one), claims not yet made, stakes it still keeps."""
    client, oracle = fx.client, fx.requests.oracle
    stakers = sorted({s.staker for s in events.staked})
    unclaimed_stake = unclaimed_payment = open_stakes = 0
    for request_id in request_ids:
        for staker in stakers:
            owed = await oracle.claimable(request_id, staker)
            unclaimed_stake += owed.stake_amount
            unclaimed_payment += owed.payment_amount
        state = await fx.requests.state(request_id)
        staked = sum(s.amount for s in events.staked if s.request_id == request_id)
        unstaked = sum(u.amount for u in events.unstaked if u.request_id == request_id)
        if state.final_outcome is None:
            open_stakes += staked - unstaked
        else:
            # Stakes that never became a bond stay until their staker unstakes them.
            bonds = sum(info.bond for info in state.rounds if info.bonded)
            open_stakes += max(staked - bonds - unstaked, 0)
    # The devnet's payment token is never FLX: stakes are FLX, fees and validity bonds fUSD.
    tokens = [
        (deployment.flux_token, unclaimed_stake, open_stakes),
        (deployment.payment_token, unclaimed_payment, 0),
    ]
    rows: list[OracleHoldings] = []
    for token_address, unclaimed, held_stakes in tokens:
        token = ERC20(client, token_address)
        credits = await asyncio.gather(
            *(oracle.withdrawable(token_address, account) for account in accounts)
        )
        rows.append(
            OracleHoldings(
                symbol=await token.symbol(),
                balance_wei=await token.balance_of(deployment.oracle),
                withdrawable_wei=sum(credits),
                unclaimed_wei=unclaimed,
                open_stakes_wei=held_stakes,
            )
        )
    return rows


async def read_feed(
    client: ChainClient, name: str, kind: str, address: str, decimals: int, from_block: int
) -> FeedRow:
    """Every round the feed (or aggregator) wrote, with the gas of the transaction that wrote
    it (one FeedHub transaction may write several feeds: they share its gas)."""
    logs = await _logs(client, from_block, [address], [AnswerUpdated.TOPIC])
    rounds: list[FeedRoundRow] = []
    for log in logs:
        event = decode_event(AnswerUpdated, log)
        receipt = await client.receipt("0x" + event.transaction_hash.hex())
        rounds.append(
            FeedRoundRow(
                round_id=event.round_id,
                answer=f"{Decimal(event.current).scaleb(-decimals):f}",
                updated_at_s=event.updated_at,
                tx_hash="0x" + event.transaction_hash.hex(),
                gas_used=0 if receipt is None else int(receipt["gasUsed"]),
            )
        )
    return FeedRow(name, kind, address, tuple(rounds))


async def flx_balances(client: ChainClient, token: str, accounts: Sequence[str]) -> dict[str, int]:
    erc20 = ERC20(client, token)
    values = await asyncio.gather(*(erc20.balance_of(account) for account in accounts))
    return dict(zip(accounts, values, strict=True))


async def read_markets(
    fx: Fluxo, run: MarketRun, truths: Mapping[int, str], names: Mapping[str, str]
) -> list[MarketRow]:
    """A row per market the run opened: how it resolved beside `truths` (by request id), every
    outcome redemption against `redeemable` and the net cost basis in the block before it,
    and every account's P&L from the market's events."""
    rows = await asyncio.gather(
        *(_read_market(fx, run, opened, truths, names) for opened in run.markets)
    )
    return list(rows)


async def _read_market(
    fx: Fluxo,
    run: MarketRun,
    opened: OpenedMarket,
    truths: Mapping[int, str],
    names: Mapping[str, str],
) -> MarketRow:
    client, markets = fx.client, fx.markets
    contract = markets.contract
    market_id = opened.market_id
    market = await markets.get(market_id)
    answer = await fx.requests.answer(opened.request_id)
    topic = market_id.to_bytes(32, "big")
    history = await contract_events(
        client, contract, (Redeemed, LiquidityRedeemed), market.created_block, topic1=topic
    )
    redemptions: list[MarketRedemptionRow] = []
    liquidity: dict[str, int] = {}
    for event in history:
        if isinstance(event, LiquidityRedeemed):
            liquidity[event.provider] = liquidity.get(event.provider, 0) + event.amount
            continue
        if not isinstance(event, Redeemed):
            continue
        before = event.block_number - 1
        (owed,) = await _view_at(
            client, contract.address, _REDEEMABLE, (market_id, event.account), before
        )
        (net_cost,) = await _view_at(
            client, contract.address, _NET_COST, (market_id, event.account), before
        )
        redemptions.append(
            MarketRedemptionRow(
                market_id=market_id,
                account=names.get(event.account, event.account),
                tx_hash="0x" + event.transaction_hash.hex(),
                block=event.block_number,
                paid_wei=event.amount,
                redeemable_before_wei=owed,
                net_cost_before_wei=net_cost,
            )
        )
    positions: list[TraderPnlRow] = []
    held = await asyncio.gather(
        *(markets.position(market_id, actor.address) for actor in run.accounts)
    )
    still_owed = await asyncio.gather(
        *(contract.redeemable(market_id, actor.address) for actor in run.accounts)
    )
    left_wei, lp_left = sum(still_owed), sum(position.lp_shares for position in held)
    for actor, position in zip(run.accounts, held, strict=True):
        if position.paid_in_wei or position.taken_out_wei:
            positions.append(
                TraderPnlRow(
                    account=actor.name,
                    paid_in_wei=position.paid_in_wei,
                    taken_out_wei=position.taken_out_wei,
                    value_wei=position.value_wei,
                    liquidity_redeemed_wei=liquidity.get(actor.address, 0),
                )
            )
    return MarketRow(
        market_id=market_id,
        request_id=opened.request_id,
        key=opened.plan.key,
        category=market.category,
        kind="scalar" if market.is_scalar else "categorical",
        question=market.question,
        labels=market.labels,
        truth=truths[opened.request_id],
        status=market.status.value,
        outcome=None if answer is None else str(answer),
        winner=market.winner,
        redemptions=tuple(redemptions),
        positions=tuple(positions),
        left_to_redeem_wei=left_wei,
        lp_shares_left=lp_left,
    )


async def read_market_holdings(fx: Fluxo) -> MarketHoldings:
    token = ERC20(fx.client, fx.deployment.payment_token)
    market = fx.markets.contract.address
    return MarketHoldings(
        symbol=await token.symbol(), address=market, balance_wei=await token.balance_of(market)
    )


async def read_conditional(
    fx: Fluxo, run: MarketRun, truths: Mapping[int, str], names: Mapping[str, str]
) -> ConditionalRow | None:
    """The conditional question: its answer, the payout vector ConditionalTokens holds, each
    redemption against what the redeemer's tokens were worth at it in the block before."""
    opened = run.opened_conditional
    if opened is None:
        return None
    client, collateral = fx.client, fx.deployment.payment_token
    ct = conditional_tokens(client, run.conditional.conditional_tokens)
    condition_id = opened.condition_id
    slots = range(len(opened.labels))
    numerators = tuple([await ct.view("payoutNumerators", condition_id, i) for i in slots])
    denominator: int = await ct.view("payoutDenominator", condition_id)
    positions = [await position_of(ct, collateral, condition_id, 1 << i) for i in slots]
    answer = await fx.requests.answer(opened.request_id)
    logs = await _logs(client, fx.deployment.start_block, [ct.address], [_PAYOUT_REDEMPTION_TOPIC])
    redemptions: list[ConditionalRedemptionRow] = []
    for log in logs:
        redeemer = to_checksum_address(bytes(log["topics"][1])[-20:])
        logged_condition, _index_sets, payout = decode(
            ["bytes32", "uint256[]", "uint256"], bytes(log["data"])
        )
        if bytes(logged_condition) != condition_id:
            continue
        before = int(log["blockNumber"]) - 1
        worth = 0
        for numerator, position in zip(numerators, positions, strict=True):
            (held,) = await _view_at(
                client, ct.address, _POSITION_BALANCE, (redeemer, position), before
            )
            worth += held * numerator
        redemptions.append(
            ConditionalRedemptionRow(
                account=names.get(redeemer, redeemer),
                tx_hash="0x" + bytes(log["transactionHash"]).hex(),
                payout_wei=int(payout),
                expected_wei=worth // denominator if denominator else 0,
            )
        )
    return ConditionalRow(
        request_id=opened.request_id,
        key=opened.plan.key,
        question=opened.question.description,
        labels=opened.labels,
        truth=truths[opened.request_id],
        outcome=None if answer is None else str(answer),
        condition_id="0x" + condition_id.hex(),
        payout_numerators=numerators,
        payout_denominator=denominator,
        redemptions=tuple(redemptions),
        collateral_held_wei=await ERC20(client, collateral).balance_of(ct.address),
    )
