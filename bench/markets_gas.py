"""Receipt gas of the PredictionMarket on anvil, beside Gnosis's FixedProductMarketMaker on
ConditionalTokens, measured in the same run on the same chain with the same collateral.

    python bench/markets_gas.py     # from the repo root; writes bench/results/markets.md

Ours: `contracts/markets/PredictionMarket.vy` compiled from the working tree, resolved by the
Fluxo Oracle (also compiled from the working tree). Theirs: the compiled artifacts that the npm
packages `@gnosis.pm/conditional-tokens-contracts` 1.0.3 (ConditionalTokens) and
`@gnosis.pm/conditional-tokens-market-makers` 1.8.1 (FixedProductMarketMakerFactory, WETH9) ship,
deployed byte for byte; the market maker is created by the factory, as Omen does.

Steady state, for both: the collateral is WETH9 for both systems; every account holds WETH
and approved both systems for the maximum once (Gnosis's seller also called `setApprovalForAll`
once); another market of the same size already exists and trades (the market contract /
ConditionalTokens already hold WETH); the trader already holds a position in the measured
market (one unmeasured buy first). The second liquidity provider never held anything in the
measured market, on either side. The swap fee is 1 % on both.

Gnosis's outcome ids hash to a curve point by trial: each try costs about 7.4k gas and the
number of tries depends on the question. Questions are picked (deterministically, by counting
the tries in Python exactly as `CTHelpers.getCollectionId` does) so that the outcomes of the
measured condition need exactly the average number of tries, 2 per outcome.
"""

import json
import platform
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final, cast

from eth_utils import keccak
from scripts.compiling import compile_source
from web3 import Web3
from web3.contract import Contract

from fluxo.devnet.anvil import Anvil

REPO_ROOT: Final = Path(__file__).resolve().parent.parent
RESULTS_PATH: Final = Path(__file__).resolve().parent / "results" / "markets.md"
GNOSIS_CT: Final = (
    REPO_ROOT / "node_modules/@gnosis.pm/conditional-tokens-contracts/build/contracts"
)
GNOSIS_MM: Final = (
    REPO_ROOT / "node_modules/@gnosis.pm/conditional-tokens-market-makers/build/contracts"
)

UNIT: Final = 10**18
FUNDING: Final = 100 * UNIT
SECOND_FUNDING: Final = 50 * UNIT
TRADE: Final = 10 * UNIT
SELL: Final = 3 * UNIT
FEE_BPS: Final = 100
GNOSIS_FEE: Final = UNIT // 100  # 1 % of ONE
CHALLENGE_PERIOD_S: Final = 3_600
CLOSE_IN_S: Final = 7 * 24 * 3_600
GAS_LIMIT: Final = 8_000_000
OUTCOME_COUNTS: Final = (2, 8)

# alt_bn128, as in CTHelpers.
_P: Final = 21888242871839275222246405745257275088696311157297823662689037894645226208583

# The Gnosis figures the issue quotes (anvil 1.7.1), for comparison with this run's.
QUOTED_GNOSIS: Final = {
    "create": (857_333, 1_381_730),
    "add": (232_241, 420_106),
    "buy": (174_772, 333_412),
    "sell": (164_283, 321_910),
    "remove": (147_608, 344_183),
    "merge": (88_147, 223_586),
    "resolve": (77_064, 98_004),
    "redeem": (89_711, 219_977),
}
# Operations with the "at most half of Gnosis" target.
TARGETED: Final = ("add", "buy", "sell", "remove", "redeem")
LABELS: Final = {
    "create": "create market + initial funding",
    "add": "add liquidity, second provider",
    "buy": "buy, steady state",
    "sell": "sell",
    "remove": "remove liquidity (outcome tokens out)",
    "merge": "merge complete sets back to collateral",
    "resolve": "resolve (Oracle finalize + callback / reportPayouts)",
    "redeem": "redeem winning position",
}


# --- chain ---------------------------------------------------------------------------------


class Chain:
    """web3 over anvil's unlocked dev accounts; every transaction checked and its gas read."""

    def __init__(self, url: str) -> None:
        self.w3 = Web3(Web3.HTTPProvider(url))
        self.accounts = list(self.w3.eth.accounts)

    def deploy(self, abi: list[dict[str, Any]], bytecode: str, *args: Any, sender: str) -> Contract:
        factory = self.w3.eth.contract(abi=abi, bytecode=bytecode)
        receipt = self.receipt(
            factory.constructor(*args).transact({"from": sender, "gas": 15_000_000})
        )
        return cast(Contract, self.w3.eth.contract(address=receipt["contractAddress"], abi=abi))

    def receipt(self, tx_hash: Any) -> Any:
        receipt = self.w3.eth.wait_for_transaction_receipt(tx_hash)
        if receipt["status"] != 1:
            raise RuntimeError(f"transaction reverted: {receipt['transactionHash'].hex()}")
        return receipt

    def send(self, call: Any, sender: str) -> int:
        receipt = self.receipt(call.transact({"from": sender, "gas": GAS_LIMIT}))
        gas_used: int = receipt["gasUsed"]
        return gas_used

    def send_receipt(self, call: Any, sender: str) -> Any:
        return self.receipt(call.transact({"from": sender, "gas": GAS_LIMIT}))

    def now(self) -> int:
        timestamp: int = self.w3.eth.get_block("latest")["timestamp"]
        return timestamp

    def advance(self, seconds: int) -> None:
        self.w3.provider.make_request("evm_increaseTime", [seconds])  # type: ignore[arg-type]
        self.w3.provider.make_request("evm_mine", [])  # type: ignore[arg-type]

    def frame_gas(self, tx_hash: Any, to: str, selector: bytes) -> int:
        """Gas used by the call frame to `to` with `selector` inside a mined transaction."""
        trace = self.w3.provider.make_request(  # type: ignore[arg-type]
            "debug_traceTransaction",
            [tx_hash.hex() if hasattr(tx_hash, "hex") else tx_hash, {"tracer": "callTracer"}],
        )["result"]
        stack = [trace]
        while stack:
            frame = stack.pop()
            if frame.get("to", "").lower() == to.lower() and frame["input"].startswith(
                "0x" + selector.hex()
            ):
                return int(frame["gasUsed"], 16)
            stack.extend(frame.get("calls", []))
        raise RuntimeError("frame not found in trace")


def artifact(directory: Path, name: str) -> tuple[list[dict[str, Any]], str]:
    document = json.loads((directory / f"{name}.json").read_text())
    return document["abi"], document["bytecode"]


# --- Gnosis's outcome-id hashing -------------------------------------------------------------


def hash_tries(condition_id: bytes, index_set: int) -> int:
    """How many square roots `CTHelpers.getCollectionId` takes for one outcome collection."""
    x = int.from_bytes(keccak(condition_id + index_set.to_bytes(32, "big")), "big")
    tries = 0
    while True:
        x = (x + 1) % _P
        tries += 1
        yy = (x * x * x + 3) % _P
        if yy == 0 or pow(yy, (_P - 1) // 2, _P) == 1:
            return tries


def condition_id(oracle: str, question_id: bytes, outcome_count: int) -> bytes:
    return keccak(bytes.fromhex(oracle[2:]) + question_id + outcome_count.to_bytes(32, "big"))


def average_question(oracle: str, outcome_count: int, label: str) -> bytes:
    """The first question (by nonce) whose outcomes need exactly 2 tries each on average."""
    for nonce in range(10_000):
        question_id = keccak(text=f"{label}:{nonce}")
        cid = condition_id(oracle, question_id, outcome_count)
        if sum(hash_tries(cid, 1 << i) for i in range(outcome_count)) == 2 * outcome_count:
            return question_id
    raise RuntimeError("no average question found")


# --- the two systems ------------------------------------------------------------------------


@dataclass
class Actors:
    deployer: str
    creator: str
    second_provider: str
    trader: str
    validator: str
    arbitrator: str
    treasury: str
    gnosis_oracle: str
    finalizer: str
    counter_trader: str

    @classmethod
    def of(cls, chain: Chain) -> "Actors":
        return cls(*chain.accounts[:10])


@dataclass
class Results:
    ours: dict[int, dict[str, int]] = field(default_factory=dict)
    gnosis: dict[int, dict[str, int]] = field(default_factory=dict)
    gnosis_parts: dict[int, dict[str, int]] = field(default_factory=dict)
    create_alone: dict[int, int] = field(default_factory=dict)
    callback: dict[int, int] = field(default_factory=dict)
    # Variants: a partial exit by a provider that traded in the market before, and a winner
    # that also holds a losing outcome in the same storage word.
    remove_after_trading: dict[int, int] = field(default_factory=dict)
    redeem_holding_both: dict[int, int] = field(default_factory=dict)


class Fluxo:
    """The Oracle, its two tokens and the market singleton, whitelisted."""

    def __init__(self, chain: Chain, actors: Actors, weth: Contract) -> None:
        self.chain, self.actors, self.weth = chain, actors, weth
        deployer = actors.deployer
        token_abi, token_code = _compiled("testing/MockERC20.vy")
        self.flx = chain.deploy(token_abi, token_code, "Flux", "FLX", 18, sender=deployer)
        self.usd = chain.deploy(token_abi, token_code, "Fluxo USD", "fUSD", 18, sender=deployer)
        oracle_abi, oracle_code = _compiled("Oracle.vy")
        config = (
            self.flx.address,
            self.usd.address,
            10 * UNIT,
            100 * UNIT,
            60,
            30 * 24 * 3_600,
            10**9 * UNIT,
            actors.arbitrator,
            actors.treasury,
            30 * 24 * 3_600,
            14 * 24 * 3_600,
        )
        self.oracle = chain.deploy(oracle_abi, oracle_code, config, sender=deployer)
        market_abi, market_code = _compiled("markets/PredictionMarket.vy")
        self.market = chain.deploy(market_abi, market_code, self.oracle.address, sender=deployer)
        chain.send(
            self.oracle.functions.add_requester(self.market.address, "markets", 10_000, "-"),
            deployer,
        )
        chain.send(self.usd.functions.mint(actors.creator, 10**6 * UNIT), deployer)
        chain.send(self.usd.functions.approve(self.market.address, 2**256 - 1), actors.creator)
        chain.send(self.flx.functions.mint(actors.validator, 10**6 * UNIT), deployer)
        chain.send(self.flx.functions.approve(self.oracle.address, 2**256 - 1), actors.validator)
        for account in (
            actors.creator,
            actors.second_provider,
            actors.trader,
            actors.counter_trader,
        ):
            chain.send(weth.functions.approve(self.market.address, 2**256 - 1), account)

    def args(self, outcome_count: int, funding: int) -> tuple[Any, ...]:
        close = self.chain.now() + CLOSE_IN_S
        return (
            "Which team wins the final?",
            [("https://stake.example/final", "$.winner")],
            "esports",
            [f"team {i}" for i in range(outcome_count)],
            False,
            0,
            0,
            0,
            self.weth.address,
            FEE_BPS,
            close,
            close,
            CHALLENGE_PERIOD_S,
            0,
            UNIT,
            funding,
            [1] * outcome_count if funding else [],
        )

    def create(self, outcome_count: int, funding: int) -> tuple[int, int]:
        receipt = self.chain.send_receipt(
            self.market.functions.create_market(self.args(outcome_count, funding)),
            self.actors.creator,
        )
        market_id = self.market.functions.market_count().call() - 1
        return market_id, receipt["gasUsed"]

    def buy(self, market_id: int, outcome: int, amount: int, trader: str | None = None) -> int:
        call = self.market.functions.buy(market_id, outcome, amount, 0, 2**40)
        return self.chain.send(call, trader or self.actors.trader)

    def resolve(self, market_id: int) -> Any:
        """Outcome 0 answered and finalized; returns the finalize receipt."""
        chain, actors = self.chain, self.actors
        info = self.market.functions.market(market_id).call()
        chain.advance(max(0, info[5] - chain.now()))
        chain.send(
            self.oracle.functions.stake(info[6], (0).to_bytes(32, "big"), 100 * UNIT),
            actors.validator,
        )
        chain.advance(CHALLENGE_PERIOD_S)
        return chain.send_receipt(self.oracle.functions.finalize(info[6]), actors.finalizer)

    def measure(self, outcome_count: int, results: Results) -> None:
        chain, actors, market = self.chain, self.actors, self.market
        background, _ = self.create(outcome_count, FUNDING)
        self.buy(background, 0, TRADE)
        self.resolve(background)
        gas: dict[str, int] = {}
        _, results.create_alone[outcome_count] = self.create(outcome_count, 0)
        market_id, gas["create"] = self.create(outcome_count, FUNDING)
        self.buy(market_id, 0, TRADE)
        gas["buy"] = self.buy(market_id, 0, TRADE)
        gas["sell"] = chain.send(
            market.functions.sell(market_id, 0, SELL, 2**256 - 1, 2**40), actors.trader
        )
        gas["add"] = chain.send(
            market.functions.add_liquidity(market_id, SECOND_FUNDING, [], 0, 2**40),
            actors.second_provider,
        )
        # The counter-trader's buys earn the provider a fee and leave the counter-trader
        # holding both outcomes.
        self.buy(market_id, 1, TRADE, actors.counter_trader)
        self.buy(market_id, 0, TRADE, actors.counter_trader)
        shares = market.functions.lp_shares(market_id, actors.second_provider).call()[0]
        gas["remove"] = chain.send(
            market.functions.remove_liquidity(market_id, shares, 2**40), actors.second_provider
        )
        provider = actors.counter_trader
        chain.send(
            market.functions.add_liquidity(market_id, SECOND_FUNDING, [], 0, 2**40), provider
        )
        shares = market.functions.lp_shares(market_id, provider).call()[0]
        results.remove_after_trading[outcome_count] = chain.send(
            market.functions.remove_liquidity(market_id, shares // 2, 2**40), provider
        )
        held = market.functions.positions(market_id, actors.second_provider).call()
        gas["merge"] = chain.send(
            market.functions.merge(market_id, min(held)), actors.second_provider
        )
        receipt = self.resolve(market_id)
        gas["resolve"] = receipt["gasUsed"]
        results.callback[outcome_count] = chain.frame_gas(
            receipt["transactionHash"],
            market.address,
            keccak(text="on_outcome(uint256,bytes32)")[:4],
        )
        if market.functions.market(market_id).call()[3] != 1:
            raise RuntimeError("the callback did not resolve the market")
        gas["redeem"] = chain.send(market.functions.redeem(market_id), actors.trader)
        results.redeem_holding_both[outcome_count] = chain.send(
            market.functions.redeem(market_id), actors.counter_trader
        )
        results.ours[outcome_count] = gas


class Gnosis:
    """ConditionalTokens and the FPMM factory, as shipped."""

    def __init__(self, chain: Chain, actors: Actors, weth: Contract) -> None:
        self.chain, self.actors, self.weth = chain, actors, weth
        self.ct = chain.deploy(*artifact(GNOSIS_CT, "ConditionalTokens"), sender=actors.deployer)
        self.factory = chain.deploy(
            *artifact(GNOSIS_MM, "FixedProductMarketMakerFactory"), sender=actors.deployer
        )
        self.fpmm_abi = artifact(GNOSIS_MM, "FixedProductMarketMaker")[0]
        self.questions = 0

    def create(self, outcome_count: int, funding: int) -> tuple[Contract, bytes, dict[str, int]]:
        chain, actors = self.chain, self.actors
        self.questions += 1
        question = average_question(
            actors.gnosis_oracle, outcome_count, f"fluxo-bench-{self.questions}"
        )
        cid = condition_id(actors.gnosis_oracle, question, outcome_count)
        parts: dict[str, int] = {}
        parts["prepareCondition"] = chain.send(
            self.ct.functions.prepareCondition(actors.gnosis_oracle, question, outcome_count),
            actors.creator,
        )
        create = self.factory.functions.createFixedProductMarketMaker(
            self.ct.address, self.weth.address, [cid], GNOSIS_FEE
        )
        receipt = chain.send_receipt(create, actors.creator)
        parts["createFixedProductMarketMaker"] = receipt["gasUsed"]
        created = self.factory.events.FixedProductMarketMakerCreation().process_receipt(receipt)
        fpmm = self.chain.w3.eth.contract(
            address=created[0]["args"]["fixedProductMarketMaker"], abi=self.fpmm_abi
        )
        for account in (
            actors.creator,
            actors.second_provider,
            actors.trader,
            actors.counter_trader,
        ):
            chain.send(self.weth.functions.approve(fpmm.address, 2**256 - 1), account)
            chain.send(self.ct.functions.setApprovalForAll(fpmm.address, True), account)
        parts["addFunding"] = chain.send(
            fpmm.functions.addFunding(funding, [1] * outcome_count), actors.creator
        )
        return fpmm, question, parts

    def measure(self, outcome_count: int, results: Results) -> None:
        chain, actors, ct = self.chain, self.actors, self.ct
        background, background_question, _ = self.create(outcome_count, FUNDING)
        chain.send(background.functions.buy(TRADE, 0, 0), actors.trader)
        chain.send(
            ct.functions.reportPayouts(background_question, [1] + [0] * (outcome_count - 1)),
            actors.gnosis_oracle,
        )
        fpmm, question, parts = self.create(outcome_count, FUNDING)
        gas: dict[str, int] = {"create": sum(parts.values())}
        chain.send(fpmm.functions.buy(TRADE, 0, 0), actors.trader)
        gas["buy"] = chain.send(fpmm.functions.buy(TRADE, 0, 0), actors.trader)
        gas["sell"] = chain.send(fpmm.functions.sell(SELL, 0, 2**256 - 1), actors.trader)
        gas["add"] = chain.send(
            fpmm.functions.addFunding(SECOND_FUNDING, []), actors.second_provider
        )
        chain.send(fpmm.functions.buy(TRADE, 1, 0), actors.counter_trader)  # a fee for the provider
        shares = fpmm.functions.balanceOf(actors.second_provider).call()
        gas["remove"] = chain.send(fpmm.functions.removeFunding(shares), actors.second_provider)
        cid = condition_id(actors.gnosis_oracle, question, outcome_count)
        partition = [1 << i for i in range(outcome_count)]
        position_ids = [self.position_id(cid, index_set) for index_set in partition]
        held = [ct.functions.balanceOf(actors.second_provider, pid).call() for pid in position_ids]
        gas["merge"] = chain.send(
            ct.functions.mergePositions(self.weth.address, bytes(32), cid, partition, min(held)),
            actors.second_provider,
        )
        payouts = [1] + [0] * (outcome_count - 1)
        gas["resolve"] = chain.send(
            ct.functions.reportPayouts(question, payouts), actors.gnosis_oracle
        )
        gas["redeem"] = chain.send(
            ct.functions.redeemPositions(self.weth.address, bytes(32), cid, partition),
            actors.trader,
        )
        results.gnosis[outcome_count] = gas
        results.gnosis_parts[outcome_count] = parts

    def position_id(self, cid: bytes, index_set: int) -> int:
        collection = self.ct.functions.getCollectionId(bytes(32), cid, index_set).call()
        position: int = self.ct.functions.getPositionId(self.weth.address, collection).call()
        return position


def run(url: str) -> Results:
    chain = Chain(url)
    actors = Actors.of(chain)
    weth = chain.deploy(*artifact(GNOSIS_MM, "WETH9"), sender=actors.deployer)
    for account in (actors.creator, actors.second_provider, actors.trader, actors.counter_trader):
        chain.receipt(weth.functions.deposit().transact({"from": account, "value": 5_000 * UNIT}))
    fluxo = Fluxo(chain, actors, weth)
    gnosis = Gnosis(chain, actors, weth)
    results = Results()
    for outcome_count in OUTCOME_COUNTS:
        gnosis.measure(outcome_count, results)
        fluxo.measure(outcome_count, results)
    return results


# --- report ---------------------------------------------------------------------------------


def _slope(values: dict[int, dict[str, int]], key: str) -> float:
    low, high = OUTCOME_COUNTS
    return (values[high][key] - values[low][key]) / (high - low)


def render(results: Results, anvil_version: str) -> str:
    lines = [
        "# Prediction markets: PredictionMarket vs Gnosis FPMM on ConditionalTokens",
        "",
        "Receipt `gasUsed` on anvil, both systems in the same run on the same chain. Generated",
        "by `python bench/markets_gas.py`; do not edit by hand. Target: every trading operation",
        "(buy, sell, add and remove liquidity, redeem) at most half of Gnosis's figure.",
        "",
        "## Conditions",
        "",
        "* Collateral WETH9 for both (the artifact Gnosis's own tests use); swap fee 1 % for both.",
        "* Steady state: another market of the same size exists and trades; every account holds",
        "  WETH and approved each system once (Gnosis's accounts also `setApprovalForAll`); the",
        "  trader already holds a position in the measured market. The second provider never",
        "  held anything in the measured market, on either side, and earns a fee (one buy)",
        "  before it removes its liquidity (Gnosis pays fees out on removal; ours stay in the",
        "  pool). Another market was already resolved (so the Oracle's refund credit and the",
        "  market's booking of it are warm; the first resolution of the contract's life writes",
        "  both fresh, about 44k more).",
        "* Gnosis: `ConditionalTokens` (conditional-tokens-contracts 1.0.3) and",
        "  `FixedProductMarketMakerFactory` (conditional-tokens-market-makers 1.8.1) deployed from",
        "  the packages' shipped artifacts; questions picked so that each outcome id needs the",
        "  average 2 hash-to-curve tries. Create = `prepareCondition` + factory create +",
        "  `addFunding`. Remove = `removeFunding` (outcome tokens out); merge = CT",
        "  `mergePositions`.",
        "  Resolve = `reportPayouts` by the oracle account. Redeem = CT `redeemPositions`.",
        "* Ours: `create_market` with initial funding in one transaction, including the Oracle",
        "  request (validity bond + fee pulled from the creator). Resolve = the Oracle's",
        "  `finalize` transaction, which runs the market's `on_outcome`. Remove returns outcome",
        "  tokens, like Gnosis's; merge is `merge`.",
        "",
    ]
    for outcome_count in OUTCOME_COUNTS:
        ours, theirs = results.ours[outcome_count], results.gnosis[outcome_count]
        index = OUTCOME_COUNTS.index(outcome_count)
        lines += [
            f"## {outcome_count} outcomes",
            "",
            "| operation | ours | Gnosis (this run) | Gnosis (quoted) | ours / Gnosis "
            "| target ≤ ½ Gnosis |",
            "|---|---:|---:|---:|---:|---|",
        ]
        for key, label in LABELS.items():
            ratio = ours[key] / theirs[key]
            if key in TARGETED:
                target = theirs[key] // 2
                status = (
                    f"≤ {target:,} ✅"
                    if ours[key] <= target
                    else f"≤ {target:,} ❌ over by {ours[key] - target:,}"
                )
            else:
                status = "–"
            quoted = QUOTED_GNOSIS[key][index]
            lines.append(
                f"| {label} | {ours[key]:,} | {theirs[key]:,} | {quoted:,} | {ratio:.2f} "
                f"| {status} |"
            )
        parts = " + ".join(
            f"{name} {gas:,}" for name, gas in results.gnosis_parts[outcome_count].items()
        )
        lines += [
            "",
            f"Gnosis create = {parts}. Ours without the initial funding (create_market only, "
            f"Oracle request included): {results.create_alone[outcome_count]:,}. The market's "
            f"`on_outcome` frame inside the finalize transaction used "
            f"{results.callback[outcome_count]:,} gas of the Oracle's 200 000 cap.",
            "",
            f"Variants: remove half of a provider's liquidity (a partial exit moves that part of "
            f"its book into its cost-basis word, which exists because it traded before; a full "
            f"exit, measured above, leaves the book in the provider's liquidity word): "
            f"{results.remove_after_trading[outcome_count]:,}. Redeem by a winner that also "
            f"holds a losing outcome in the same storage word (the word stays non-zero, no "
            f"refund): {results.redeem_holding_both[outcome_count]:,}.",
            "",
        ]
    lines += [
        "## Cost per extra outcome (slope between 2 and 8 outcomes)",
        "",
        "| operation | ours | Gnosis |",
        "|---|---:|---:|",
    ]
    for key in ("buy", "sell", "add", "remove", "redeem", "merge"):
        lines.append(
            f"| {LABELS[key]} | {_slope(results.ours, key):,.0f} "
            f"| {_slope(results.gnosis, key):,.0f} |"
        )
    lines += [
        "",
        "## Why",
        "",
        "One singleton holds every market, whitelisted once as the Oracle's requester. Outcome",
        "tokens and liquidity shares are internal balances packed two outcomes to a storage word,",
        "so a buy moves the collateral once and updates the pool words (one per two outcomes), the",
        "trader's position word and cost basis, and one totals word; Gnosis splits collateral",
        "through ConditionalTokens on every trade, which mints and transfers one ERC-1155",
        "balance per outcome and hashes every outcome id to a curve point again.",
        "",
        "## Environment",
        "",
        f"* date: {datetime.now(UTC).date().isoformat()}",
        f"* anvil: {anvil_version} (npm `@foundry-rs/anvil`)",
        "* ours: vyper 0.4.3 (`optimize codesize`, prague), compiled from the working tree",
        "* Gnosis: solc 0.5.10 artifacts as shipped in the npm packages",
        f"* Python {platform.python_version()}",
        "",
        "## Reproduce",
        "",
        "```",
        "make bench                                      # installs the pinned env first",
        "python3 -m uv run python bench/markets_gas.py   # only this section",
        "```",
        "",
    ]
    return "\n".join(lines)


def _compiled(relative_path: str) -> tuple[list[dict[str, Any]], str]:
    """ABI and initcode of `contracts/<relative_path>`, compiled from the working tree so the
    figures always describe the current source."""
    compiled = compile_source(relative_path)
    assert compiled.bytecode is not None, f"{relative_path} is an interface"
    return compiled.abi, compiled.bytecode


def main() -> int:
    with Anvil() as anvil:
        results = run(anvil.url)
        version = Web3(Web3.HTTPProvider(anvil.url)).client_version
    anvil_version = version.split("/")[1].lstrip("v") if "/" in version else version
    report = render(results, anvil_version)
    RESULTS_PATH.write_text(report, encoding="utf-8")
    print(report)
    print(f"wrote {RESULTS_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
