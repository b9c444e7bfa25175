"""`fluxo devnet`: a whole Fluxo network on one machine, run in named steps.

    devnet = Devnet(options, progress)
    try:
        summary = await devnet.run()      # every step below, then the chain read back
    finally:
        await devnet.close()              # every process it started stopped, by pid

1. `start_chain`: anvil mining a block every second besides each transaction, so the chain's
   clock follows the wall clock as the nodes expect (or an existing chain's RPC).
2. `deploy_network`: FLX, a test payment token (fUSD), the Oracle, the FeedHub, a Faucet, a
   Requester and the PredictionMarket through `fluxo deploy`'s code; two PriceFeeds signed by
   the four providers and a FeedAggregator over them; Gnosis's ConditionalTokens (as its npm
   package ships it) and the ConditionalTokensResolver; the deployment file.
3. `start_data`: the local data server with the sample APIs (`fluxo.devnet.sample_data`), the
   question documents still provisional (one wrong answer each), the markets' final.
4. `start_nodes`: all ten nodes; `fund_actors` meanwhile (every actor drips from the faucet);
   `wait_for_nodes` until each serves HTTP.
4b. `run_markets` (beside 4-7): the markets open from the shipped templates, the traders
   trade until they close, the nodes answer their requests like any other, the keeper's
   finalization resolves them, and every account redeems (`fluxo.devnet.markets`).
5. `hold_back`: the four honest validators are paused, so the faulty one is alone.
6. `ask_questions`: one request per question, settling at once, short challenge periods;
   `wait_for_faulty_answers`: the faulty validator bonds its wrong answers.
7. `correct_sources`, `release`: the honest validators resume, read the truth and dispute; the
   game plays out; validators finalize and claim (`wait_until_settled`).
8. `move_prices` (beside 5-7): the reference price steps past the deviation threshold, so the
   providers report rounds and the keeper updates the aggregator.
9. `read_back`: the summary, from logs and views only.
"""

import asyncio
import contextlib
import shutil
import signal
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Final

from fluxo.answering.labels import label_indices
from fluxo.answering.reading import read_value
from fluxo.chain.bindings.faucet import Faucet
from fluxo.chain.bindings.feed_aggregator import FeedAggregator
from fluxo.chain.bindings.price_feed import PriceFeed
from fluxo.chain.client import ChainClient
from fluxo.deployment import Deployment
from fluxo.devnet import sample_data
from fluxo.devnet.actors import ACTOR_COUNT, Actor, Actors
from fluxo.devnet.anvil import Anvil
from fluxo.devnet.bindings.mock_erc20 import MockERC20
from fluxo.devnet.data_server import DataBook, seed, start_data_server
from fluxo.devnet.markets import (
    ConditionalTokensDeployment,
    MarketRun,
    deploy_conditional_tokens,
    request_ids,
)
from fluxo.devnet.node_config import (
    NodeBase,
    ProvidedFeed,
    keeper_config,
    provider_config,
    validator_config,
    write_node_config,
)
from fluxo.devnet.processes import NodeProcess, NodeProcesses
from fluxo.devnet.protocol import PAYMENT_TOKEN_DECIMALS, PAYMENT_TOKEN_NAME, PAYMENT_TOKEN_SYMBOL
from fluxo.devnet.readback import (
    GameEvents,
    flx_balances,
    read_claims,
    read_conditional,
    read_feed,
    read_game,
    read_market_holdings,
    read_markets,
    read_oracle_holdings,
    read_requests,
    read_token,
)
from fluxo.devnet.sample_data import Question
from fluxo.devnet.summary import (
    INVALID_TEXT,
    NodeRow,
    ProcessRow,
    RunSummary,
    slashed_by_account,
)
from fluxo.domain.outcome import OutcomeKind
from fluxo.domain.request_args import Source
from fluxo.domain.request_builder import build_request
from fluxo.exceptions import ConfigError, DevnetError
from fluxo.node.http import RunningServer
from fluxo.sdk import Fluxo, Market

WEI: Final = 10**18
NODE_KEY_ENV: Final = "FLUXO_DEVNET_NODE_KEY"
# A directory the devnet made says so, so that it may wipe it on the next run (and nothing else).
MARKER_FILE: Final = "fluxo-devnet.marker"

# Economics: small bonds so the game's numbers read easily; fees in fUSD.
MIN_BOND_FLX: Final = "10"
VALIDITY_BOND_FUSD: Final = "1"
REQUEST_FEE_WEI: Final = 2 * WEI
ARBITRATION_THRESHOLD_FLX: Final = "100000"
FAUCET_FLX_DRIP: Final = "1000"
FAUCET_FUSD_DRIP: Final = "100"
FAUCET_COOLDOWN_S: Final = 24 * 3600
# Minted to the faucet so it can drip fUSD to every actor.
FAUCET_FUSD_RESERVE_WEI: Final = int(FAUCET_FUSD_DRIP) * ACTOR_COUNT * WEI
# Minted to the deployer, who creates the markets: their funding, validity bonds and fees.
MARKET_CREATOR_FUSD_WEI: Final = 200 * WEI
# The faulty validator may stake round 0 (B0) and round 2 (4 B0), not round 4 (16 B0): its
# limit ends the game after one counter-dispute, as an operator's limit would.
FAULTY_MAX_STAKE_FLX: Final = "50"
HONEST_MAX_STAKE_FLX: Final = "200"
MAX_EXPOSURE_FLX: Final = "900"
FEED_QUORUM: Final = 3
AGGREGATOR_MAX_SPREAD_BPS: Final = 500
AGGREGATOR_MIN_INTERVAL_S: Final = 2
PROVIDER_LEADER_TIMEOUT_S: Final = 4.0

# Ten nodes importing at once on two busy cores take a while.
NODE_START_TIMEOUT_S: Final = 120.0
FAULTY_ANSWER_TIMEOUT_S: Final = 60.0
POLL_S: Final = 0.5
PRICE_STEP_MIN_S: Final = 5.0
MARKET_VIEW_REFRESH_S: Final = 3.0


@dataclass(frozen=True, slots=True)
class Timing:
    """How long the game's windows are: long enough for a busy node to see a stake and dispute
    it (each dispute window opens when the round before bonds)."""

    challenge_period_s: int
    settle_timeout_s: float
    price_step_wait_s: float
    # How long the markets trade: they open while the nodes start (about 20 s) and should
    # resolve while the question game still plays, not after it. Trading takes 10 s on idle
    # cores, 17 s measured under a load average of 13.
    market_trading_s: int


FULL_TIMING: Final = Timing(
    challenge_period_s=15, settle_timeout_s=120.0, price_step_wait_s=12.0, market_trading_s=25
)
SHORT_TIMING: Final = Timing(
    challenge_period_s=10, settle_timeout_s=90.0, price_step_wait_s=8.0, market_trading_s=25
)


@dataclass(frozen=True, slots=True)
class DevnetOptions:
    directory: Path
    actors: Actors
    short: bool = False
    rpc_url: str | None = None  # None: start anvil


@dataclass(frozen=True, slots=True)
class RequestProgress:
    request_id: int
    key: str
    kind: str
    current_round: int
    bonded_rounds: int
    status: str
    outcome: str | None


@dataclass(frozen=True, slots=True)
class NodeProgress:
    name: str
    flx_change_wei: int
    staked_wei: int
    claimed_wei: int


@dataclass(frozen=True, slots=True)
class FeedProgress:
    name: str
    round_id: int
    answer: str | None


@dataclass(frozen=True, slots=True)
class MarketProgress:
    key: str
    market: Market  # its status and odds now


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What the live view shows, read from the chain once per poll."""

    elapsed_s: float
    phase: str
    requests: tuple[RequestProgress, ...]
    nodes: tuple[NodeProgress, ...]
    feeds: tuple[FeedProgress, ...]
    markets: tuple[MarketProgress, ...] = ()


@dataclass
class Progress:
    """Where the devnet reports: a line per step, a snapshot per poll. The CLI renders both."""

    on_step: Callable[[str], None] = lambda _text: None
    on_snapshot: Callable[[Snapshot], None] = lambda _snapshot: None


@dataclass
class _Running:
    anvil: Anvil | None = None
    client: ChainClient | None = None
    data_server: RunningServer | None = None
    nodes: NodeProcesses = field(default_factory=NodeProcesses)


class Devnet:
    def __init__(self, options: DevnetOptions, progress: Progress | None = None) -> None:
        self.options = options
        self.progress = progress or Progress()
        self.timing = SHORT_TIMING if options.short else FULL_TIMING
        self.questions = sample_data.questions(short=options.short)
        self.book = DataBook()
        self._running = _Running()
        self._started_s = time.monotonic()
        self._phase = "starting"
        self._asked: dict[int, Question] = {}
        # The markets' requests (and the ConditionalTokens question's), once they are open.
        self._market_requests: dict[int, Question] = {}
        self._markets: MarketRun | None = None
        self._conditional: ConditionalTokensDeployment | None = None
        self._markets_task: asyncio.Task[None] | None = None
        self._market_view: tuple[MarketProgress, ...] = ()
        self._market_view_due_s = 0.0
        self._node_urls: dict[str, str] = {}
        self._flx_start: dict[str, int] = {}
        self._price_steps_done = 0
        self.deployment: Deployment | None = None
        self.rpc_url = options.rpc_url or ""

    @property
    def directory(self) -> Path:
        return self.options.directory

    @property
    def deployment_path(self) -> Path:
        return self.directory / "deployment.json"

    @property
    def node_urls(self) -> dict[str, str]:
        return dict(self._node_urls)

    # --- the run ----------------------------------------------------------------------------

    async def run(self) -> RunSummary:
        actors = self.options.actors
        self._prepare_directory()
        client = await self.start_chain()
        deployment = await self.deploy_network(client, actors)
        await self.start_data()
        ports = _free_ports(len(actors.nodes))
        bases = {
            actor.name: self._node_base(actor, port)
            for actor, port in zip(actors.nodes, ports, strict=True)
        }
        self._write_configs(actors, bases)
        # The nodes take seconds to start (imports, mostly): fund the actors meanwhile. Nothing
        # needs their tokens before the first request.
        nodes = self.start_nodes(actors)
        await self.fund_actors(client, deployment, actors)
        async with await Fluxo.connect(self.rpc_url, deployment=deployment) as fx:
            watcher = asyncio.create_task(self._watch(fx))
            # The markets open and trade while the nodes start, and resolve while the
            # question game plays: no step of the run waits for them alone.
            markets = asyncio.create_task(self.run_markets(fx, actors))
            self._markets_task = markets
            tasks = [watcher, markets]
            try:
                await self.wait_for_nodes(nodes)
                honest = [node for node in nodes if node.name in self._honest_names]
                prices = asyncio.create_task(self.move_prices(fx))
                tasks.append(prices)
                self.hold_back(honest)
                await self.ask_questions(fx, actors.deployer)
                await self.wait_for_faulty_answers(fx, actors.faulty_validator)
                self.correct_sources()
                self.release(honest)
                await self.wait_until_settled(fx)
                self._phase = "markets: the last redemptions"
                await markets
                self._phase = "waiting for the last price step"
                await prices
                self._phase = "reading the chain back"
                # The live view has nothing left to show; its reads would only slow this one.
                watcher.cancel()
                self._step("summary", "reading the run back from the chain")
                return await self.read_back(fx, actors)
            finally:
                for task in tasks:
                    task.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await task

    @property
    def _honest_names(self) -> set[str]:
        return {actor.name for actor in self.options.actors.honest_validators}

    def _prepare_directory(self) -> None:
        directory = self.directory
        if directory.exists() and any(directory.iterdir()):
            if not (directory / MARKER_FILE).exists():
                raise ConfigError(
                    "--dir", str(directory), "is not empty and was not made by the devnet"
                )
            # A previous run's node databases name contracts of a chain that is gone.
            shutil.rmtree(directory)
        directory.mkdir(parents=True, exist_ok=True)
        (directory / MARKER_FILE).write_text("made by fluxo devnet; wiped by its next run\n")

    async def start_chain(self) -> ChainClient:
        self._step("chain", "starting anvil (a block every second, and one per transaction)")
        if self.options.rpc_url is None:
            anvil = Anvil(
                extra_args=(
                    "--block-time",
                    "1",
                    "--mixed-mining",
                    "--accounts",
                    str(ACTOR_COUNT),
                ),
                # Stopped by `close`, after the nodes: a node losing its chain mid-call would
                # wait out its drain limit.
                own_session=True,
            )
            self._running.anvil = anvil.start()
            self.rpc_url = anvil.url
        client = await ChainClient.connect(self.rpc_url)
        self._running.client = client
        return client

    async def deploy_network(self, client: ChainClient, actors: Actors) -> Deployment:
        """The protocol through `fluxo deploy`'s plan and execution, then the feeds and the
        aggregator; the deployment file names them all."""
        from fluxo.cli.deploy_plan import DeployOptions, execute, plan

        self._step(
            "deploy",
            "deploying fUSD, FLX, the Oracle, the FeedHub, a Faucet, a Requester, the "
            "PredictionMarket",
        )
        deployer = actors.deployer.account
        fusd = await MockERC20.deploy(
            client, deployer, PAYMENT_TOKEN_NAME, PAYMENT_TOKEN_SYMBOL, PAYMENT_TOKEN_DECIMALS
        )
        options = DeployOptions(
            out=self.deployment_path,
            force=True,
            payment_token=fusd.address,
            payment_token_is_flx=False,
            flux_token=None,
            flx_supply="0",
            validity_bond=VALIDITY_BOND_FUSD,
            min_bond=MIN_BOND_FLX,
            min_challenge_period_s=1,
            max_challenge_period_s=3_600,
            arbitration_threshold=ARBITRATION_THRESHOLD_FLX,
            final_arbitrator=None,
            treasury=None,
            max_open_period_s=30 * 24 * 3600,
            arbitration_timeout_s=30 * 24 * 3600,
            faucet_drip=FAUCET_FLX_DRIP,
            faucet_payment_drip=FAUCET_FUSD_DRIP,
            faucet_cooldown_s=FAUCET_COOLDOWN_S,
            requester="devnet",
            requester_multiplier_bps=10_000,
            requester_creators=(actors.deployer.address,),
            explicit=frozenset({"min_challenge_period_s", "max_challenge_period_s"}),
            markets=True,
        )
        deployment = await execute(client, deployer, await plan(client, deployer, options))
        self._step("deploy", "deploying two PriceFeeds signed by the providers and an aggregator")
        signers = [provider.address for provider in actors.providers]
        feeds: dict[str, str] = {}
        for feed_plan in sample_data.FEEDS:
            feed = await PriceFeed.deploy(
                client, deployer, sample_data.FEED_DECIMALS, feed_plan.name, signers, FEED_QUORUM
            )
            # Providers may batch rounds of several feeds through the hub.
            if deployment.feed_hub is not None:
                await feed.set_transmitter(deployer, deployment.feed_hub, True)
            feeds[feed_plan.name] = feed.address
        aggregator = await FeedAggregator.deploy(
            client,
            deployer,
            sample_data.FEED_DECIMALS,
            sample_data.AGGREGATOR_NAME,
            list(feeds.values()),
            [sample_data.HEARTBEAT_S] * len(feeds),
            len(feeds),
            AGGREGATOR_MAX_SPREAD_BPS,
            AGGREGATOR_MIN_INTERVAL_S,
            0,  # keep every round
        )
        deployment = deployment.model_copy(
            update={
                "feeds": feeds,
                "aggregators": {sample_data.AGGREGATOR_NAME: aggregator.address},
            }
        )
        deployment.save(self.deployment_path)
        self.deployment = deployment
        self._step("deploy", f"wrote {self.deployment_path}")
        self._step("deploy", "deploying Gnosis's ConditionalTokens (npm artifact) and its resolver")
        self._conditional = await deploy_conditional_tokens(client, deployer, deployment)
        return deployment

    async def fund_actors(
        self, client: ChainClient, deployment: Deployment, actors: Actors
    ) -> None:
        self._step("fund", f"every actor drips {FAUCET_FLX_DRIP} FLX and {FAUCET_FUSD_DRIP} fUSD")
        deployer = actors.deployer.account
        if deployment.faucet is None:
            raise DevnetError("the deployment has no faucet")
        fusd = MockERC20(client, deployment.payment_token)
        await fusd.mint(deployer, deployment.faucet, FAUCET_FUSD_RESERVE_WEI)
        await fusd.mint(deployer, deployer.address, MARKET_CREATOR_FUSD_WEI)
        faucet = Faucet(client, deployment.faucet)
        for actor in actors.everyone:
            await faucet.drip(deployer, actor.address)
        self._flx_start = await flx_balances(
            client, deployment.flux_token, [actor.address for actor in actors.nodes]
        )

    async def start_data(self) -> None:
        """The sample APIs, question results still provisional, prices at the first step."""
        seed(self.book, sample_data.provisional_documents())
        seed(self.book, sample_data.market_documents())
        seed(self.book, sample_data.price_documents(sample_data.PRICE_SCHEDULE[0]))
        self._running.data_server = await start_data_server(self.book)
        self._step("data", f"sample APIs on {self._data_url('/')} (results still provisional)")

    def _data_url(self, path: str) -> str:
        assert self._running.data_server is not None
        return self._running.data_server.url + path

    def _node_base(self, actor: Actor, port: int) -> NodeBase:
        self._node_urls[actor.name] = f"http://127.0.0.1:{port}"
        return NodeBase(
            directory=self.directory / "nodes" / actor.name,
            listen_port=port,
            key_env=NODE_KEY_ENV,
            rpc_url=self.rpc_url,
            chain_id=self._chain_id(),
            deployment=self.deployment_path.resolve(),
        )

    def _chain_id(self) -> int:
        assert self._running.client is not None
        return self._running.client.chain_id

    def _write_configs(self, actors: Actors, bases: dict[str, NodeBase]) -> None:
        for validator in actors.validators:
            limit = (
                FAULTY_MAX_STAKE_FLX
                if validator is actors.faulty_validator
                else HONEST_MAX_STAKE_FLX
            )
            document = validator_config(
                bases[validator.name],
                max_stake_per_request_flx=limit,
                max_exposure_flx=MAX_EXPOSURE_FLX,
            )
            write_node_config(bases[validator.name].directory / "node.toml", document)
        provided = [
            ProvidedFeed(
                name=feed.name,
                deviation_bps=sample_data.DEVIATION_BPS,
                heartbeat_s=sample_data.HEARTBEAT_S,
                source_urls=tuple((self._data_url(venue.path), "price") for venue in feed.venues),
            )
            for feed in sample_data.FEEDS
        ]
        for provider in actors.providers:
            peers = [bases[p.name].url for p in actors.providers if p is not provider]
            document = provider_config(
                bases[provider.name],
                peers=peers,
                feeds=provided,
                leader_timeout_s=PROVIDER_LEADER_TIMEOUT_S,
            )
            write_node_config(bases[provider.name].directory / "node.toml", document)
        keeper = keeper_config(
            bases[actors.keeper.name],
            aggregators=[
                (sample_data.AGGREGATOR_NAME, sample_data.DEVIATION_BPS, sample_data.HEARTBEAT_S)
            ],
        )
        write_node_config(bases[actors.keeper.name].directory / "node.toml", keeper)

    def _start_node(self, actor: Actor) -> NodeProcess:
        directory = self.directory / "nodes" / actor.name
        return self._running.nodes.start(
            actor.name,
            directory / "node.toml",
            url=self._node_urls[actor.name],
            key_env=NODE_KEY_ENV,
            private_key=actor.private_key,
            log_path=directory / "node.log",
        )

    def start_nodes(self, actors: Actors) -> list[NodeProcess]:
        self._step(
            "nodes",
            f"starting {len(actors.nodes)} nodes: "
            + ", ".join(actor.name for actor in actors.nodes),
        )
        self._phase = "starting the nodes"
        return [self._start_node(actor) for actor in actors.nodes]

    async def wait_for_nodes(self, nodes: list[NodeProcess]) -> None:
        await self._running.nodes.wait_listening(nodes, timeout_s=NODE_START_TIMEOUT_S)
        self._step("nodes", "every node is up (metrics and health on its URL)")

    async def run_markets(self, fx: Fluxo, actors: Actors) -> None:
        """Open the markets and the ConditionalTokens question, trade until they close, and
        once the network resolved them, redeem everything."""
        assert self._conditional is not None
        run = MarketRun(
            fx=fx,
            creator=actors.deployer,
            traders=actors.traders,
            data_url=self._data_url(""),
            challenge_period_s=self.timing.challenge_period_s,
            trading_s=self.timing.market_trading_s,
            conditional=self._conditional,
            on_step=self._step,
        )
        self._markets = run
        await run.open(sample_data.market_plans(short=self.options.short), sample_data.CONDITIONAL)
        self._market_requests.update(request_ids(run))
        await run.trade()
        self._step("markets", "every trade made; the markets close and wait for the Oracle")
        await run.redeem_all(timeout_s=self.timing.settle_timeout_s + self.timing.market_trading_s)

    def _check_markets(self) -> None:
        """Raise what the markets task raised, as soon as it did."""
        task = self._markets_task
        if task is not None and task.done() and not task.cancelled():
            error = task.exception()
            if error is not None:
                raise error

    def hold_back(self, honest: list[NodeProcess]) -> None:
        """Pause the honest validators, so the faulty one answers alone from the provisional
        results (as a node with a wrong source would answer before the others)."""
        self._running.nodes.pause(honest)
        self._step("nodes", "honest validators paused: the faulty one answers first, alone")

    def release(self, honest: list[NodeProcess]) -> None:
        self._running.nodes.resume(honest)
        self._step("nodes", "honest validators resumed: they read the corrected results")
        self._phase = "disputes"

    async def ask_questions(self, fx: Fluxo, creator: Actor) -> None:
        self._phase = "asking"
        for question in self.questions:
            args = build_request(
                question.kind,
                challenge_period=self.timing.challenge_period_s,
                description=question.description,
                sources=[Source(self._data_url(question.path), question.source_path)],
                outcomes=question.outcomes,
                decimals=question.decimals,
                fee=REQUEST_FEE_WEI,
                tags=question.tags,
            )
            info = await fx.requests.create(creator.account, args)
            self._asked[info.request_id] = question
            self._step(
                "ask",
                f"request {info.request_id} ({question.kind.name.lower()}): {question.description}",
            )

    async def wait_for_faulty_answers(self, fx: Fluxo, faulty: Actor) -> None:
        self._phase = f"{faulty.name} answers from the provisional results"
        deadline = time.monotonic() + FAULTY_ANSWER_TIMEOUT_S
        waiting = set(self._asked)
        while waiting:
            self._running.nodes.check_alive()
            self._check_markets()
            for request_id in sorted(waiting):
                info = await fx.requests.oracle.round_info(request_id, 0)
                if info.bonded:
                    waiting.discard(request_id)
            if waiting and time.monotonic() > deadline:
                raise DevnetError(
                    f"{faulty.name} did not answer requests {sorted(waiting)} within "
                    f"{FAULTY_ANSWER_TIMEOUT_S:g} s (see its node.log)"
                )
            await asyncio.sleep(POLL_S)
        self._step("answers", f"{faulty.name} bonded a wrong answer on every request")

    def correct_sources(self) -> None:
        seed(self.book, sample_data.truth_documents())
        self._step("data", "the sample APIs publish their corrected results")

    async def wait_until_settled(self, fx: Fluxo) -> None:
        """Until every request is final and nobody has anything left to claim."""
        self._phase = "disputes, finalization, claims"
        deadline = time.monotonic() + self.timing.settle_timeout_s
        while True:
            self._running.nodes.check_alive()
            self._check_markets()
            if await self._settled(fx):
                self._step("settled", "every request is final and every winner has claimed")
                return
            if time.monotonic() > deadline:
                raise DevnetError(
                    f"requests not settled within {self.timing.settle_timeout_s:g} s "
                    f"(see the node logs under {self.directory / 'nodes'})"
                )
            await asyncio.sleep(POLL_S)

    async def _settled(self, fx: Fluxo) -> bool:
        oracle = fx.requests.oracle
        stakers = {actor.address for actor in self.options.actors.validators}
        for request_id in self._all_requests:
            finalized, _outcome = await oracle.outcome_of(request_id)
            if not finalized:
                return False
            for staker in stakers:
                owed = await oracle.claimable(request_id, staker)
                if owed.stake_amount or owed.payment_amount:
                    return False
        return True

    async def move_prices(self, fx: Fluxo) -> None:
        """Step the reference price through the schedule; after each step wait (a bounded
        time) for every feed to report it and the aggregator to follow. A network that does
        not report shows in the summary, not here."""
        assert self.deployment is not None
        for step, reference in enumerate(sample_data.PRICE_SCHEDULE):
            seed(self.book, sample_data.price_documents(reference))
            self._step("prices", f"ETH at {reference} USD on every venue (step {step + 1})")
            started = time.monotonic()
            deadline = started + self.timing.price_step_wait_s
            while time.monotonic() < deadline:
                if await self._feeds_at_round(fx, step + 1):
                    break
                await asyncio.sleep(POLL_S)
            self._price_steps_done = step + 1
            # Each price holds a while, so the live view shows every step land.
            await asyncio.sleep(max(started + PRICE_STEP_MIN_S - time.monotonic(), 0.0))

    async def _feeds_at_round(self, fx: Fluxo, round_id: int) -> bool:
        """Whether every feed and the aggregator have written round `round_id`: one round per
        price step each, as every step moves past both deviation thresholds."""
        assert self.deployment is not None
        named = [*self.deployment.feeds.values(), *self.deployment.aggregators.values()]
        for address in named:
            # PriceFeed and FeedAggregator share AggregatorV3's views.
            if await FeedAggregator(fx.client, address).latest_round() < round_id:
                return False
        return True

    @property
    def _all_requests(self) -> dict[int, Question]:
        return {**self._asked, **self._market_requests}

    def _served_truths(self) -> dict[int, str]:
        """Each request's answer as the data server serves it now, read by the answer rules:
        a categorical text as the label it folds to, or INVALID when it is no label."""
        truths: dict[int, str] = {}
        for request_id, question in self._all_requests.items():
            document = self.book.get(question.path)
            if document is None:
                raise DevnetError(f"the data server lost {question.path}")
            text = read_value(question.kind, document.body, question.source_path)
            if question.kind is OutcomeKind.CATEGORICAL:
                matches = label_indices(text, question.outcomes)
                text = question.outcomes[matches[0]] if len(matches) == 1 else INVALID_TEXT
            truths[request_id] = text
        return truths

    async def read_back(self, fx: Fluxo, actors: Actors) -> RunSummary:
        deployment = self.deployment
        assert deployment is not None
        client = fx.client
        names = {actor.address: actor.name for actor in actors.everyone}
        names[deployment.oracle] = "Oracle"
        if deployment.faucet is not None:
            names[deployment.faucet] = "Faucet"
        for name, address in deployment.requesters.items():
            names[address] = f"Requester {name}"
        contracts = self._market_contracts()
        names.update({address: name for name, address in contracts.items()})
        events = await read_game(client, deployment)
        truths = self._served_truths()
        requests = await read_requests(fx, events, self._all_requests, truths, names)
        claims = await read_claims(client, deployment, events, names)
        end = await flx_balances(
            client, deployment.flux_token, [actor.address for actor in actors.nodes]
        )
        slashed = slashed_by_account(requests)
        nodes = tuple(
            self._node_row(actor, events, end[actor.address], slashed.get(actor.name, 0))
            for actor in actors.nodes
        )
        run = self._markets
        assert run is not None
        markets = await read_markets(fx, run, truths, names)
        conditional = await read_conditional(fx, run, truths, names)
        market_holdings = await read_market_holdings(fx)
        tokens = [
            await read_token(client, token, deployment.start_block, names)
            for token in (deployment.flux_token, deployment.payment_token)
        ]
        credit_holders = [
            *(actor.address for actor in actors.everyone),
            *deployment.requesters.values(),
            *contracts.values(),
        ]
        oracle = await read_oracle_holdings(
            fx, deployment, events, credit_holders, sorted(self._all_requests)
        )
        feeds = [
            await read_feed(
                client, name, "feed", address, sample_data.FEED_DECIMALS, deployment.start_block
            )
            for name, address in deployment.feeds.items()
        ] + [
            await read_feed(
                client,
                name,
                "aggregator",
                address,
                sample_data.FEED_DECIMALS,
                deployment.start_block,
            )
            for name, address in deployment.aggregators.items()
        ]
        return RunSummary(
            chain_id=client.chain_id,
            rpc_url=self.rpc_url,
            deployment_path=str(self.deployment_path),
            requests=tuple(requests),
            nodes=nodes,
            claims=tuple(claims),
            tokens=tuple(tokens),
            oracle=tuple(oracle),
            feeds=tuple(feeds),
            price_steps=self._price_steps_done,
            duration_s=time.monotonic() - self._started_s,
            markets=tuple(markets),
            market_holdings=market_holdings,
            conditional=conditional,
            notes=tuple(run.notes),
        )

    def _market_contracts(self) -> dict[str, str]:
        """The market contracts by name: they hold tokens and Oracle credits too."""
        deployment = self.deployment
        assert deployment is not None and self._conditional is not None
        contracts = {
            "ConditionalTokens": self._conditional.conditional_tokens,
            "ConditionalTokensResolver": self._conditional.resolver,
        }
        if deployment.prediction_market is not None:
            contracts["PredictionMarket"] = deployment.prediction_market
        return contracts

    def _node_row(
        self, actor: Actor, events: GameEvents, end_wei: int, slashed_wei: int
    ) -> NodeRow:
        """A node's FLX, its stakes and claims on the questions apart from its net on the
        markets' requests (the faulty validator answers those right, from final documents)."""
        questions = self._asked.keys()
        address = actor.address
        staked = unstaked = claimed = market_net = 0
        for s in events.staked:
            if s.staker == address:
                if s.request_id in questions:
                    staked += s.amount
                else:
                    market_net -= s.amount
        for u in events.unstaked:
            if u.staker == address:
                if u.request_id in questions:
                    unstaked += u.amount
                else:
                    market_net += u.amount
        for c in events.claimed:
            if c.account == address:
                if c.request_id in questions:
                    claimed += c.stake_amount
                else:
                    market_net += c.stake_amount
        return NodeRow(
            name=actor.name,
            role=actor.name.split("-")[0],
            address=address,
            faulty=actor is self.options.actors.faulty_validator,
            flx_start_wei=self._flx_start[address],
            flx_end_wei=end_wei,
            staked_wei=staked,
            unstaked_wei=unstaked,
            claimed_wei=claimed,
            url=self._node_urls.get(actor.name, ""),
            slashed_wei=slashed_wei,
            market_net_wei=market_net,
        )

    # --- live view --------------------------------------------------------------------------

    async def _watch(self, fx: Fluxo) -> None:
        """Report a snapshot of the chain every second until cancelled; a failed read skips a
        frame (the view is best effort, the summary is not)."""
        while True:
            with contextlib.suppress(Exception):
                self.progress.on_snapshot(await self._snapshot(fx))
            await asyncio.sleep(1.0)

    async def _snapshot(self, fx: Fluxo) -> Snapshot:
        deployment = self.deployment
        assert deployment is not None
        events = await read_game(fx.client, deployment)
        requests: list[RequestProgress] = []
        for request_id, question in sorted(self._all_requests.items()):
            state = await fx.requests.state(request_id)
            answer = await fx.requests.answer(request_id) if state.final_outcome else None
            requests.append(
                RequestProgress(
                    request_id=request_id,
                    key=question.key,
                    kind=question.kind.name.lower(),
                    current_round=state.current_round,
                    bonded_rounds=sum(1 for info in state.rounds if info.bonded),
                    status=state.status.value,
                    outcome=None if answer is None else str(answer),
                )
            )
        actors = self.options.actors
        balances = await flx_balances(
            fx.client, deployment.flux_token, [actor.address for actor in actors.validators]
        )
        nodes = tuple(
            NodeProgress(
                name=actor.name + (" (faulty)" if actor is actors.faulty_validator else ""),
                flx_change_wei=balances[actor.address] - self._flx_start.get(actor.address, 0),
                staked_wei=sum(s.amount for s in events.staked if s.staker == actor.address),
                claimed_wei=sum(
                    c.stake_amount for c in events.claimed if c.account == actor.address
                ),
            )
            for actor in actors.validators
        )
        feeds: list[FeedProgress] = []
        named = [*deployment.feeds.items(), *deployment.aggregators.items()]
        for name, address in named:
            feed = FeedAggregator(fx.client, address)  # both speak AggregatorV3's views
            round_id = await feed.latest_round()
            latest = None
            if round_id:
                raw = await feed.latest_answer()
                latest = f"{Decimal(raw).scaleb(-sample_data.FEED_DECIMALS):f}"
            feeds.append(FeedProgress(name, round_id, latest))
        return Snapshot(
            elapsed_s=time.monotonic() - self._started_s,
            phase=self._phase,
            requests=tuple(requests),
            nodes=nodes,
            feeds=tuple(feeds),
            markets=await self._market_progress(fx),
        )

    async def _market_progress(self, fx: Fluxo) -> tuple[MarketProgress, ...]:
        """The markets as the live view shows them, read again every `MARKET_VIEW_REFRESH_S`
        only: reading a market is a dozen calls, and the nodes need the cores more."""
        now_s = time.monotonic()
        if self._markets is not None and now_s >= self._market_view_due_s:
            self._market_view_due_s = now_s + MARKET_VIEW_REFRESH_S
            self._market_view = tuple(
                [
                    MarketProgress(opened.plan.key, await fx.markets.get(opened.market_id))
                    for opened in list(self._markets.markets)
                ]
            )
        return self._market_view

    # --- the end ----------------------------------------------------------------------------

    def process_rows(self) -> list[ProcessRow]:
        """Every process started, with its exit code (None while it runs)."""
        rows: list[ProcessRow] = []
        anvil = self._running.anvil
        if anvil is not None and anvil.started_pid is not None:
            rows.append(ProcessRow("anvil", anvil.started_pid, anvil.exit_code))
        rows.extend(
            ProcessRow(node.name, node.pid, node.exited()) for node in self._running.nodes.started
        )
        return rows

    def stop_processes(self) -> None:
        """Stop every process this devnet started: the nodes first (a node whose chain
        vanished mid-call waits out its drain limit), then anvil. Idempotent, and a second
        Ctrl-C cannot cut it short: SIGINT is ignored meanwhile (main thread only)."""
        in_main_thread = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if in_main_thread else None
        try:
            self._running.nodes.stop_all()
            if self._running.anvil is not None:
                self._running.anvil.stop()
        finally:
            if previous is not None:
                signal.signal(signal.SIGINT, previous)

    async def close(self) -> None:
        """Stop the processes, then the data server and the RPC client. Safe to call twice."""
        running = self._running
        self.stop_processes()
        if running.data_server is not None:
            server, running.data_server = running.data_server, None
            with contextlib.suppress(Exception):
                await server.stop()
        if running.client is not None:
            client, running.client = running.client, None
            with contextlib.suppress(Exception):
                await client.close()

    def _step(self, name: str, text: str) -> None:
        self.progress.on_step(f"[{time.monotonic() - self._started_s:5.1f} s] {name}: {text}")


def _free_ports(count: int) -> list[int]:
    """`count` distinct free TCP ports on 127.0.0.1, fixed before the nodes start (providers
    must know each other's URLs in their configs). All probes stay open until every port is
    chosen, so no port is picked twice."""
    probes: list[socket.socket] = []
    try:
        for _ in range(count):
            probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            probe.bind(("127.0.0.1", 0))
            probes.append(probe)
        return [int(probe.getsockname()[1]) for probe in probes]
    finally:
        for probe in probes:
            probe.close()
