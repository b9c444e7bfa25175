"""Receipt gas of the price feeds on anvil: PriceFeed.transmit, latestRoundData, FeedHub.

    python bench/feeds_gas.py      # from the repository root; writes bench/results/feeds.md

Steady state: every feed already holds rounds, so each measured transmit writes one new
round slot and updates the warm-by-then-cold hot word, like every round in production.
Reports are realistic: answers near 3 000 USD with 8 decimals, sorted by answer, and the
transmitter is one of the providers (a feed's default transmitters are its signers). Three
timestamp shapes, each measured on its own:
- mixed (the headline): providers sign within the same few seconds, so most timestamps are
  equal and the rest a second or three apart, in an order unrelated to the answers';
- equal: every provider signs within the same second;
- distinct: every provider signs in a different second (up to 35 s back).
Missed targets are reported, not fatal: the exit code is non-zero only when the benchmark
itself fails.
"""

import platform
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

from eth_abi import encode
from eth_account import Account
from eth_account.signers.local import LocalAccount
from eth_utils import keccak
from scripts.compiling import compile_source
from web3 import Web3
from web3.contract import Contract

from fluxo.devnet.anvil import Anvil
from fluxo.feeds import Observation, feed_id, sign_observation

ROOT: Final = Path(__file__).resolve().parents[1]
RESULTS_PATH: Final = Path(__file__).resolve().parent / "results" / "feeds.md"

DESCRIPTION: Final = "ETH / USD"
DECIMALS: Final = 8
PRICE: Final = 3_000 * 10**8
MAX_SIGNERS: Final = 31
HUB_FEEDS: Final = 4
# A PriceFeed's deployment alone needs about 3 000 000.
GAS_LIMIT: Final = 6_000_000
ROUND_INTERVAL_S: Final = 60
# Each 7-observation figure is the largest of this many rounds (answers are random).
RUNS: Final = 5
ETHER: Final = 10**18

TARGET_TRANSMIT_7: Final = 105_000
TARGET_SLOPE: Final = 7_000
TARGET_READ: Final = 10_000

TRANSMIT_TYPES: Final = ["uint32", "int192[]", "uint64[]", "bytes[]"]

# Seconds before the block at which each of `count` providers signs.
Shape = Callable[[int, random.Random], list[int]]


def mixed(count: int, rng: random.Random) -> list[int]:
    """Within the same few seconds: mostly equal times, some one to three seconds older."""
    return [1 + rng.choice((0, 0, 0, 1, 1, 2, 3)) for _ in range(count)]


def equal(count: int, _rng: random.Random) -> list[int]:
    """Every provider within the same second."""
    return [2] * count


def distinct(count: int, rng: random.Random) -> list[int]:
    """A different second for each provider, shuffled."""
    return rng.sample(range(1, 36), count)


SHAPES: Final[dict[str, Shape]] = {"mixed": mixed, "equal": equal, "distinct": distinct}
HEADLINE: Final = "mixed"


def provider(index: int) -> LocalAccount:
    return Account.from_key(keccak(text=f"fluxo bench provider {index}"))


@dataclass
class Chain:
    w3: Web3
    deployer: str
    transmitter: str

    def send(self, call: Any, sender: str | None = None) -> dict[str, Any]:
        tx_hash = call.transact({"from": sender or self.transmitter, "gas": GAS_LIMIT})
        receipt = self.w3.eth.wait_for_transaction_receipt(tx_hash)
        if receipt["status"] != 1:
            raise RuntimeError(f"transaction reverted: {call}")
        return dict(receipt)

    def deploy(self, artefact: tuple[list[dict[str, Any]], str], *args: Any) -> Contract:
        abi, bytecode = artefact
        factory = self.w3.eth.contract(abi=abi, bytecode=bytecode)
        receipt = self.send(factory.constructor(*args), self.deployer)
        return self.w3.eth.contract(address=receipt["contractAddress"], abi=abi)

    def advance(self, seconds: int = ROUND_INTERVAL_S) -> int:
        self.w3.provider.make_request("evm_increaseTime", [seconds])  # type: ignore[arg-type]
        self.w3.provider.make_request("evm_mine", [])  # type: ignore[arg-type]
        return int(self.w3.eth.get_block("latest")["timestamp"])

    def impersonate(self, address: str) -> None:
        """Let `address` (a provider's key-derived account) send transactions on anvil."""
        provider = self.w3.provider
        provider.make_request("anvil_impersonateAccount", [address])  # type: ignore[arg-type]
        provider.make_request("anvil_setBalance", [address, hex(100 * ETHER)])  # type: ignore[arg-type]


def sign(
    signer: LocalAccount, feed: str, chain_id: int, round_id: int, answer: int, ts: int
) -> bytes:
    """A provider's signature, made by the same code a Fluxo provider runs."""
    observation = Observation(feed_id(DESCRIPTION), round_id, answer, ts)
    return sign_observation(observation, chain_id, feed, signer).signature


def report(
    chain: Chain,
    feed: Contract,
    signers: Sequence[LocalAccount],
    rng: random.Random,
    shape: Shape,
    now: int | None = None,
) -> tuple[int, list[int], list[int], list[bytes]]:
    """A signed report for the feed's next round, sorted by answer, in the given shape,
    signed just before `now` (by default a new block one round interval later)."""
    now = chain.advance() if now is None else now
    round_id = int(feed.functions.latestRound().call()) + 1
    ages = shape(len(signers), rng)
    rows = sorted(
        (PRICE + rng.randrange(-50 * 10**8, 50 * 10**8), now - age, signer)
        for age, signer in zip(ages, signers, strict=True)
    )
    chain_id = chain.w3.eth.chain_id
    return (
        round_id,
        [answer for answer, _, _ in rows],
        [ts for _, ts, _ in rows],
        [sign(s, feed.address, chain_id, round_id, a, t) for a, t, s in rows],
    )


def transmit(
    chain: Chain,
    feed: Contract,
    signers: Sequence[LocalAccount],
    rng: random.Random,
    shape: Shape,
    sender: str | None = None,
) -> int:
    receipt = chain.send(feed.functions.transmit(*report(chain, feed, signers, rng, shape)), sender)
    return int(receipt["gasUsed"])


def deploy_feed(
    chain: Chain, artefact: Any, signers: Sequence[LocalAccount], quorum: int
) -> Contract:
    return chain.deploy(artefact, DECIMALS, DESCRIPTION, [s.address for s in signers], quorum)


def read_gas(chain: Chain, consumer: Contract, feed: Contract) -> tuple[int, int]:
    """Execution gas of latestRoundData inside the feed when a whitelisted consumer calls it
    (callTracer's inner frame), and estimateGas of the consumer's whole call."""
    data = consumer.functions.latest_round_data()._encode_transaction_data()
    call = {"from": chain.transmitter, "to": consumer.address, "data": data}
    trace = chain.w3.provider.make_request(
        "debug_traceCall",
        [call, "latest", {"tracer": "callTracer"}],  # type: ignore[arg-type]
    )["result"]
    inner = next(c for c in trace["calls"] if c["to"].lower() == feed.address.lower())
    return int(inner["gasUsed"], 16), int(chain.w3.eth.estimate_gas(call))  # type: ignore[arg-type]


@dataclass(frozen=True)
class ShapeResults:
    transmit_7: list[int]
    by_count: dict[int, int]

    @property
    def slope(self) -> float:
        return (self.by_count[MAX_SIGNERS] - self.by_count[1]) / (MAX_SIGNERS - 1)


@dataclass(frozen=True)
class Results:
    shapes: dict[str, ShapeResults]
    added_transmitter_7: list[int]
    signer_transmitter_7: list[int]
    read_exec: int
    read_estimate: int
    eoa_read_estimate: int
    direct_7: int
    hub_1: int
    hub_n: int


def measure_shape(
    chain: Chain, feed_artefact: Any, providers: list[LocalAccount], shape: Shape, seed: int
) -> ShapeResults:
    rng = random.Random(seed)
    seven = deploy_feed(chain, feed_artefact, providers[:7], 5)
    transmit(chain, seven, providers[:7], rng, shape)  # steady state: the feed has a round
    transmit_7 = [transmit(chain, seven, providers[:7], rng, shape) for _ in range(RUNS)]

    wide = deploy_feed(chain, feed_artefact, providers, 1)
    transmit(chain, wide, providers, rng, shape)
    by_count = {
        n: transmit(chain, wide, providers[:n], rng, shape) for n in range(1, MAX_SIGNERS + 1)
    }
    return ShapeResults(transmit_7, by_count)


def measure(chain: Chain) -> Results:
    feed_artefact = _compiled("PriceFeed.vy")
    providers = [provider(i) for i in range(1, MAX_SIGNERS + 1)]
    chain.impersonate(providers[0].address)

    shapes = {
        name: measure_shape(chain, feed_artefact, providers, shape, 20_261_124 + index)
        for index, (name, shape) in enumerate(SHAPES.items())
    }

    # The same rounds from an account the owner added: one more cold storage read.
    rng = random.Random(7)
    seven = deploy_feed(chain, feed_artefact, providers[:7], 5)
    dedicated = chain.w3.eth.accounts[2]
    chain.send(seven.functions.set_transmitter(dedicated, True), chain.deployer)
    transmit(chain, seven, providers[:7], rng, mixed)
    signer_7, added_7 = [], []
    for _ in range(RUNS):
        signer_7.append(transmit(chain, seven, providers[:7], rng, mixed))
        added_7.append(transmit(chain, seven, providers[:7], rng, mixed, sender=dedicated))

    consumer = chain.deploy(_compiled("testing/FeedConsumer.vy"), seven.address, 3_600)
    chain.send(seven.functions.set_whitelist_enabled(True), chain.deployer)
    chain.send(seven.functions.set_whitelisted(consumer.address, True), chain.deployer)
    read_exec, read_estimate = read_gas(chain, consumer, seven)
    eoa_read_estimate = int(
        chain.w3.eth.estimate_gas(
            {
                "from": chain.transmitter,
                "to": seven.address,
                "data": seven.functions.latestRoundData()._encode_transaction_data(),
            }
        )
    )

    hub = chain.deploy(_compiled("FeedHub.vy"))
    hub_feeds = [deploy_feed(chain, feed_artefact, providers[:7], 5) for _ in range(HUB_FEEDS)]
    for feed in hub_feeds:
        chain.send(feed.functions.set_transmitter(hub.address, True), chain.deployer)
        transmit(chain, feed, providers[:7], rng, mixed)
    direct_7 = transmit(chain, hub_feeds[0], providers[:7], rng, mixed)

    def hub_round(feeds: Sequence[Contract]) -> int:
        before = [int(f.functions.latestRound().call()) for f in feeds]
        # Every feed's providers sign for the same block, as a batch is assembled.
        now = chain.advance()
        reports = [
            encode(TRANSMIT_TYPES, report(chain, f, providers[:7], rng, mixed, now)) for f in feeds
        ]
        call = hub.functions.transmit_many([f.address for f in feeds], reports)
        gas = int(chain.send(call)["gasUsed"])
        after = [int(f.functions.latestRound().call()) for f in feeds]
        if after != [r + 1 for r in before]:
            raise RuntimeError("a hub transmit did not land")
        return gas

    hub_1 = hub_round(hub_feeds[:1])
    hub_n = hub_round(hub_feeds)
    return Results(
        shapes,
        added_7,
        signer_7,
        read_exec,
        read_estimate,
        eoa_read_estimate,
        direct_7,
        hub_1,
        hub_n,
    )


def verdict(value: float, target: int) -> str:
    return "✅" if value <= target else f"❌ over by {value - target:,.0f}"


def render(results: Results) -> str:
    head = results.shapes[HEADLINE]
    hub_per_feed = (results.hub_n - results.hub_1) / (HUB_FEEDS - 1)
    direct_per_feed = results.direct_7 - 21_000
    added_extra = max(results.added_transmitter_7) - max(results.signer_transmitter_7)
    lines = [
        "## Price feeds",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d} by `python bench/feeds_gas.py` on anvil "
        f"(Python {platform.python_version()}); receipt gasUsed, steady state (every feed "
        "already holds rounds). Realistic reports: answers near 3 000 USD, sorted by answer; "
        "a provider transmits (a feed's default transmitters are its signers). Timestamp "
        "shapes: **mixed**, the headline (providers sign within the same few seconds: mostly "
        "equal times, some one to three seconds older, in no particular order), **equal** (all "
        "in the same second) and **distinct** (a different second each, up to 35 s back). "
        f"7-observation figures are the largest of {RUNS} rounds.",
        "",
        "| operation | gas | target | peers | |",
        "|---|---:|---:|---|---|",
        f"| `PriceFeed.transmit`, 7 signed observations (7 signers, quorum 5), mixed "
        f"timestamps | {max(head.transmit_7):,} | {TARGET_TRANSMIT_7:,} | Chainlink signed "
        "report n = 7 (3 signatures) 133 948; FluxAggregator 7 oracles 634 784; Chronicle "
        f"Scribe 81 025 at 5 | {verdict(max(head.transmit_7), TARGET_TRANSMIT_7)} |",
    ]
    for name, shape in results.shapes.items():
        if name != HEADLINE:
            lines.append(
                f"| … {name} timestamps | {max(shape.transmit_7):,} | {TARGET_TRANSMIT_7:,} "
                f"| | {verdict(max(shape.transmit_7), TARGET_TRANSMIT_7)} |"
            )
    lines.append(
        f"| each extra observation, averaged 1 → 31 (31-signer feed), mixed timestamps | "
        f"{head.slope:,.0f} | {TARGET_SLOPE:,} | Chainlink ≈ 7 975; Chronicle ≈ 5 300; "
        f"RedStone ≈ 8 000 | {verdict(head.slope, TARGET_SLOPE)} |"
    )
    for name, shape in results.shapes.items():
        if name != HEADLINE:
            lines.append(
                f"| … {name} timestamps | {shape.slope:,.0f} | {TARGET_SLOPE:,} | "
                f"| {verdict(shape.slope, TARGET_SLOPE)} |"
            )
    lines += [
        f"| `PriceFeed.transmit`, 7 observations, sent by a transmitter the owner added "
        f"(not a signer) | {max(results.added_transmitter_7):,} | – | {added_extra:+,} over a "
        "signer sending the same rounds: one cold storage read of the transmitter set | |",
        f"| `latestRoundData` from a whitelisted contract, execution gas in the feed | "
        f"{results.read_exec:,} | {TARGET_READ:,} | FluxAggregator estimateGas 28 612 "
        f"| {verdict(results.read_exec, TARGET_READ)} |",
        f"| `FeedHub.transmit_many`, each extra feed (7 observations) | {hub_per_feed:,.0f} | – "
        f"| direct transmit minus the 21 000 base: {direct_per_feed:,} "
        f"(hub overhead {hub_per_feed - direct_per_feed:+,.0f} per feed: the `may_transmit` "
        "question, the hub's own cold read of the feed's transmitter set, copying the report) "
        "| |",
        "",
        f"Whole-call estimates: the consumer's `latest_round_data()` (EOA → consumer → feed, "
        f"whitelist on) {results.read_estimate:,}; an EOA calling `latestRoundData` directly "
        f"{results.eoa_read_estimate:,}. FeedHub with 1 feed {results.hub_1:,}, with "
        f"{HUB_FEEDS} feeds {results.hub_n:,}.",
        "",
        "`transmit` receipt gas by number of observations (31-signer feed, quorum 1), per "
        "timestamp shape:",
        "",
        "| observations | "
        + " | ".join(f"{name} | Δ per observation from 1" for name in results.shapes)
        + " |",
        "|---:|" + "---:|---:|" * len(results.shapes),
    ]
    for n in (1, 2, 3, 5, 7, 8, 10, 15, 16, 20, 25, 31):
        cells = []
        for shape in results.shapes.values():
            gas = shape.by_count[n]
            delta = "–" if n == 1 else f"{(gas - shape.by_count[1]) / (n - 1):,.0f}"
            cells.append(f"{gas:,} | {delta}")
        lines.append(f"| {n} | " + " | ".join(cells) + " |")
    lines.append("")
    return "\n".join(lines)


def _compiled(relative_path: str) -> tuple[list[dict[str, Any]], str]:
    """ABI and initcode of `contracts/<relative_path>`, compiled from the working tree so the
    figures always describe the current source."""
    compiled = compile_source(relative_path)
    assert compiled.bytecode is not None, f"{relative_path} is an interface"
    return compiled.abi, compiled.bytecode


def main() -> int:
    with Anvil() as anvil:
        w3 = Web3(Web3.HTTPProvider(anvil.url))
        accounts = w3.eth.accounts
        transmitter = provider(1).address
        chain = Chain(w3, accounts[0], transmitter)
        results = measure(chain)
    text = render(results)
    RESULTS_PATH.write_text(text, encoding="utf-8")
    print(text)
    print(f"wrote {RESULTS_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
