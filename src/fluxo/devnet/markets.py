"""The devnet's prediction markets: opened from the shipped templates, traded, resolved by the
node network through the Oracle, redeemed. And one question resolved through Gnosis's
ConditionalTokens (the real contract, deployed from its npm package's shipped artifact).

    conditional = await deploy_conditional_tokens(client, deployer, deployment)
    run = MarketRun(fx, creator, traders, data_url=..., conditional=conditional, ...)
    opened = await run.open(plans)      # markets and their Oracle requests, the CT question
    await run.trade()                   # liquidity, buys and sells before close_time
    await run.redeem_all()              # once the Oracle answered: redemptions, refunds

Everything here sends transactions; what the run did is read back from the chain by
`fluxo.devnet.market_readback`, not taken from here.
"""

import asyncio
import json
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from eth_account.signers.local import LocalAccount

from fluxo.chain.artifacts import Artifact
from fluxo.chain.binding import AbiContract
from fluxo.chain.bindings.conditional_tokens_resolver import Asked, ConditionalTokensResolver
from fluxo.chain.bindings.erc20 import ERC20
from fluxo.chain.bindings.oracle import Oracle
from fluxo.chain.client import ChainClient
from fluxo.deployment import Deployment
from fluxo.devnet.actors import Actor
from fluxo.devnet.sample_data import ConditionalPlan, MarketPlan, Question
from fluxo.domain.outcome import OutcomeKind
from fluxo.exceptions import DevnetError, TransactionReverted
from fluxo.markets.errors import MarketRevert
from fluxo.markets.spec import CATEGORY_TAG_PREFIX, MarketSpec
from fluxo.sdk import Fluxo, MarketStatus

# Where npm puts Gnosis's ConditionalTokens (conditional-tokens-contracts 1.0.3, pinned in
# package.json): it ships compiled, and is deployed exactly as shipped.
CONDITIONAL_TOKENS_ARTIFACT: Final = Path(
    "node_modules",
    "@gnosis.pm",
    "conditional-tokens-contracts",
    "build",
    "contracts",
    "ConditionalTokens.json",
)
CONDITIONAL_REQUESTER_NAME: Final = "conditional-tokens"
NEUTRAL_MULTIPLIER_BPS: Final = 10_000
MAX_UINT256: Final = 2**256 - 1
ZERO_BYTES32: Final = bytes(32)
WEI: Final = 10**18
# Each market's creator funding and the fee it pays the Oracle's stakers, in fUSD.
MARKET_FUNDING_FUSD: Final = "20"
MARKET_ORACLE_FEE_FUSD: Final = "1"
RESOLVE_POLL_S: Final = 0.5
# The PredictionMarket's revert for a trade after close_time.
_CLOSED: Final = "market: closed"


@dataclass(frozen=True, slots=True)
class ConditionalTokensDeployment:
    conditional_tokens: str
    resolver: str


def _find_artifact(relative: Path) -> Path:
    """`relative` under the first of this package's directory, the working directory and
    their parents that holds it (where `npm ci` put node_modules)."""
    for root in (Path(__file__).resolve().parent, Path.cwd()):
        for directory in (root, *root.parents):
            if (directory / relative).is_file():
                return directory / relative
    raise DevnetError(f"{relative} not found: run `npm ci` in the repository root")


def conditional_tokens_artifact() -> Artifact:
    """Gnosis's ConditionalTokens as its npm package ships it (truffle JSON)."""
    document = json.loads(_find_artifact(CONDITIONAL_TOKENS_ARTIFACT).read_text())
    return Artifact(
        contract_name=str(document["contractName"]),
        abi=tuple(document["abi"]),
        bytecode=str(document["bytecode"]),
        source_sha256="",
    )


def conditional_tokens(client: ChainClient, address: str) -> AbiContract:
    return AbiContract(client, address, conditional_tokens_artifact().abi)


async def deploy_conditional_tokens(
    client: ChainClient, owner: LocalAccount, deployment: Deployment
) -> ConditionalTokensDeployment:
    """ConditionalTokens as shipped, the Fluxo resolver over it, the resolver whitelisted."""
    ct_address = await client.deploy(conditional_tokens_artifact(), sender=owner)
    resolver = await ConditionalTokensResolver.deploy(client, owner, deployment.oracle, ct_address)
    await Oracle(client, deployment.oracle).add_requester(
        owner, resolver.address, CONDITIONAL_REQUESTER_NAME, NEUTRAL_MULTIPLIER_BPS, ""
    )
    return ConditionalTokensDeployment(ct_address, resolver.address)


def market_spec(
    template: str,
    settings: dict[str, str],
    *,
    data_url: str,
    now_s: int,
    collateral: str,
    challenge_period_s: int,
    trading_s: int,
) -> MarketSpec:
    """A shipped template rendered for the devnet's data server, as `fluxo market create
    --template` renders it (the same code), trading open for `trading_s`."""
    from fluxo.cli.amounts import parse_amount
    from fluxo.cli.market_file import market_input

    values = {**settings, "data_url": data_url}
    given = market_input(
        None,
        template,
        [f"{key}={value}" for key, value in values.items()],
        {
            "close_in_s": trading_s,
            "challenge_period_s": challenge_period_s,
            "funding": MARKET_FUNDING_FUSD,
            "oracle_fee": MARKET_ORACLE_FEE_FUSD,
        },
    )
    return given.spec(
        now_s=now_s,
        collateral=collateral,
        funding_wei=parse_amount(given.funding, "funding", decimals=18, symbol="fUSD"),
        min_bond_wei=0,
        oracle_fee_wei=parse_amount(given.oracle_fee, "oracle_fee", decimals=18, symbol="fUSD"),
    )


def _question(key: str, spec: MarketSpec, path: str, source_path: str, truth: str) -> Question:
    """What the summary compares the request's outcome with: its document and its truth."""
    scalar = spec.scalar
    return Question(
        key=key,
        kind=OutcomeKind.NUMBER if scalar is not None else OutcomeKind.CATEGORICAL,
        description=spec.question,
        path=path,
        source_path=source_path,
        truth=truth,
        outcomes=spec.outcomes,
        decimals=0 if scalar is None else scalar.decimals,
        tags=(f"{CATEGORY_TAG_PREFIX}{spec.category}",),
        market=True,
    )


@dataclass(frozen=True, slots=True)
class OpenedMarket:
    plan: MarketPlan
    market_id: int
    request_id: int
    question: Question


@dataclass(frozen=True, slots=True)
class OpenedConditional:
    plan: ConditionalPlan
    request_id: int
    condition_id: bytes
    labels: tuple[str, ...]
    question: Question


@dataclass
class MarketRun:
    """The market part of one devnet run (see the module's docstring)."""

    fx: Fluxo
    creator: Actor
    traders: tuple[Actor, ...]
    data_url: str
    challenge_period_s: int
    trading_s: int  # how long trading stays open after the markets are created
    conditional: ConditionalTokensDeployment
    on_step: Callable[[str, str], None]  # (step name, text)
    markets: list[OpenedMarket] = field(default_factory=list)
    opened_conditional: OpenedConditional | None = None
    notes: list[str] = field(default_factory=list)  # for the summary

    @property
    def accounts(self) -> tuple[Actor, ...]:
        """Everyone who may hold something in a market: the creator (its first liquidity) and
        the traders."""
        return (self.creator, *self.traders)

    # --- opening --------------------------------------------------------------------------

    async def open(self, plans: Sequence[MarketPlan], conditional: ConditionalPlan) -> None:
        """Create every market and ask the conditional question, all closing together. The
        transactions go out one after the other (one sender), the reads between them overlap:
        the nodes are starting meanwhile, and the two cores are busy."""
        now_s = await self.fx.client.block_timestamp()
        opened = await asyncio.gather(*(self._open_market(plan, now_s) for plan in plans))
        self.markets.extend(sorted(opened, key=lambda market: market.market_id))
        await self._ask_conditional(conditional, now_s)

    def _spec(self, plan: MarketPlan | ConditionalPlan, now_s: int) -> MarketSpec:
        return market_spec(
            plan.template,
            dict(plan.settings),
            data_url=self.data_url,
            now_s=now_s,
            collateral=self.fx.deployment.payment_token,
            challenge_period_s=self.challenge_period_s,
            trading_s=self.trading_s,
        )

    async def _open_market(self, plan: MarketPlan, now_s: int) -> OpenedMarket:
        fx = self.fx
        spec = self._spec(plan, now_s)
        market = await fx.markets.create(self.creator.account, spec)
        self.on_step(
            "markets",
            f"market {market.market_id} ({market.category}, request {market.request_id}): "
            f"{spec.question}",
        )
        question = _question(f"market-{plan.key}", spec, plan.path, plan.source_path, plan.truth)
        return OpenedMarket(plan, market.market_id, market.request_id, question)

    async def _ask_conditional(self, plan: ConditionalPlan, now_s: int) -> None:
        fx = self.fx
        spec = self._spec(plan, now_s)
        resolver = ConditionalTokensResolver(fx.client, self.conditional.resolver)
        await _approve(
            fx.client, self.creator.account, fx.deployment.payment_token, resolver.address
        )
        receipt = await resolver.ask(
            self.creator.account,
            (
                spec.question,
                spec.sources,
                (f"{CATEGORY_TAG_PREFIX}{spec.category}", "conditional-tokens"),
                spec.outcomes,
                False,
                0,
                0,
                0,
                spec.settles_at,
                spec.challenge_period_s,
                0,
                spec.oracle_fee_wei,
            ),
        )
        asked = resolver.single_event(receipt, Asked)
        self.opened_conditional = OpenedConditional(
            plan,
            asked.request_id,
            asked.condition_id,
            spec.outcomes,
            _question(plan.key, spec, plan.path, plan.source_path, plan.truth),
        )
        self.on_step(
            "markets",
            f"ConditionalTokens condition for request {asked.request_id}: {spec.question}",
        )

    # --- trading --------------------------------------------------------------------------

    async def trade(self) -> None:
        """Each market's trades in order, the markets side by side, and the conditional
        question's split and sale: all before the markets close."""
        await asyncio.gather(
            *(self._trade_in(opened) for opened in self.markets), self._split_and_sell()
        )

    async def _trade_in(self, opened: OpenedMarket) -> None:
        """The plan's trades in order. A market that closes first (cores so busy that the
        trades outlast `trading_s`) keeps the trades made: the run goes on, and a note says
        how many were left out."""
        markets = self.fx.markets
        for done, step in enumerate(opened.plan.trades):
            trader = self.traders[step.trader].account
            amount_wei = _fusd(step.amount)
            try:
                if step.action == "liquidity":
                    await markets.add_liquidity(trader, opened.market_id, amount_wei)
                elif step.action == "buy":
                    await markets.buy(trader, opened.market_id, step.outcome, amount_wei)
                elif step.action == "sell":
                    await markets.sell(trader, opened.market_id, step.outcome, amount_wei)
                else:
                    raise DevnetError(f"unknown trade action {step.action!r}")
            except (MarketRevert, TransactionReverted) as error:
                if _CLOSED not in str(error):
                    raise
                note = (
                    f"market {opened.market_id} closed after {done} of its "
                    f"{len(opened.plan.trades)} trades: the cores were too busy to trade "
                    f"within {self.trading_s} s"
                )
                self.notes.append(note)
                self.on_step("markets", note)
                return
        self.on_step("markets", f"market {opened.market_id}: {len(opened.plan.trades)} trades")

    async def _split_and_sell(self) -> None:
        opened = self.opened_conditional
        assert opened is not None
        plan = opened.plan
        client, collateral = self.fx.client, self.fx.deployment.payment_token
        ct = conditional_tokens(client, self.conditional.conditional_tokens)
        splitter = self.traders[plan.splitter].account
        buyer = self.traders[plan.buyer].account
        await _approve(client, splitter, collateral, ct.address)
        partition = [1 << index for index in range(len(opened.labels))]
        await ct.send(
            splitter,
            "splitPosition",
            collateral,
            ZERO_BYTES32,
            opened.condition_id,
            partition,
            _fusd(plan.split),
        )
        sold = opened.labels.index(plan.sold_outcome)
        position_id = await position_of(ct, collateral, opened.condition_id, 1 << sold)
        await ct.send(
            splitter,
            "safeTransferFrom",
            splitter.address,
            buyer.address,
            position_id,
            _fusd(plan.split),
            b"",
        )
        await ERC20(client, collateral).transfer(buyer, splitter.address, _fusd(plan.price))
        self.on_step(
            "markets",
            f"{self.traders[plan.splitter].name} split {plan.split} fUSD into outcome tokens and "
            f"sold the {plan.sold_outcome} ones to {self.traders[plan.buyer].name} "
            f"for {plan.price} fUSD",
        )

    # --- after the Oracle answered ----------------------------------------------------------

    async def redeem_all(self, timeout_s: float) -> None:
        """Once each market resolves (the Oracle's callback), every account redeems what it
        holds and the creator withdraws its refund; once the conditional question is reported,
        both holders redeem through ConditionalTokens."""
        deadline = time.monotonic() + timeout_s
        waiting = {opened.market_id for opened in self.markets}
        while waiting:
            for market_id in sorted(waiting):
                market = await self.fx.markets.get(market_id)
                if market.status in (MarketStatus.RESOLVED, MarketStatus.INVALID):
                    await self._redeem_market(market_id)
                    waiting.discard(market_id)
            if waiting:
                if time.monotonic() > deadline:
                    raise DevnetError(f"markets {sorted(waiting)} not resolved in {timeout_s:g} s")
                await asyncio.sleep(RESOLVE_POLL_S)
        await self._redeem_conditional(deadline)

    async def _redeem_market(self, market_id: int) -> None:
        markets = self.fx.markets
        contract = markets.contract
        for actor in self.accounts:
            owed_wei = await contract.redeemable(market_id, actor.address)
            lp = await contract.lp_shares(market_id, actor.address)
            if owed_wei or lp.shares:
                await markets.redeem(actor.account, market_id)
        if await contract.creator_refund(market_id):
            await markets.withdraw_creator_refund(self.creator.account, market_id)
        market = await markets.get(market_id)
        self.on_step("markets", f"market {market_id} {market.status.value}: everyone redeemed")

    async def _redeem_conditional(self, deadline: float) -> None:
        opened = self.opened_conditional
        assert opened is not None
        client, collateral = self.fx.client, self.fx.deployment.payment_token
        resolver = ConditionalTokensResolver(client, self.conditional.resolver)
        while not (await resolver.question(opened.request_id)).reported:
            if time.monotonic() > deadline:
                raise DevnetError(f"request {opened.request_id} never reported its payouts")
            await asyncio.sleep(RESOLVE_POLL_S)
        ct = conditional_tokens(client, self.conditional.conditional_tokens)
        index_sets = [1 << index for index in range(len(opened.labels))]
        for index in sorted({opened.plan.splitter, opened.plan.buyer}):
            await ct.send(
                self.traders[index].account,
                "redeemPositions",
                collateral,
                ZERO_BYTES32,
                opened.condition_id,
                index_sets,
            )
        if await resolver.refund(opened.request_id):
            await resolver.withdraw_refund(self.creator.account, opened.request_id)
        self.on_step("markets", "ConditionalTokens paid out: both holders redeemed")


async def position_of(ct: AbiContract, collateral: str, condition_id: bytes, index_set: int) -> int:
    """The ERC-1155 id of the position `index_set` of `condition_id` (no parent collection),
    as ConditionalTokens computes it."""
    collection = await ct.view("getCollectionId", ZERO_BYTES32, condition_id, index_set)
    position: int = await ct.view("getPositionId", collateral, collection)
    return position


async def _approve(client: ChainClient, owner: LocalAccount, token: str, spender: str) -> None:
    erc20 = ERC20(client, token)
    if await erc20.allowance(owner.address, spender) < MAX_UINT256 // 2:
        await erc20.approve(owner, spender, MAX_UINT256)


def _fusd(amount: str) -> int:
    from fluxo.cli.amounts import parse_amount

    return parse_amount(amount, "amount", decimals=18, symbol="fUSD")


def request_ids(run: MarketRun) -> Iterable[tuple[int, Question]]:
    """Every Oracle request the markets part asked, with what its answer must be."""
    for opened in run.markets:
        yield opened.request_id, opened.question
    if run.opened_conditional is not None:
        yield run.opened_conditional.request_id, run.opened_conditional.question
