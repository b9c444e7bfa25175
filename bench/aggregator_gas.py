"""Receipt gas of `FeedAggregator.update()` over 5 sources on anvil, beside its target.

    python bench/aggregator_gas.py    # from the repo root; writes bench/results/aggregator.md

Both history modes, each in its steady state, with the 80 000 target beside each:
- full history (`history_rounds` = 0, the default): every update creates a new round word;
- a ring of the latest 256 rounds, already wrapped: every update rewrites a round word.
Before each measured update every source publishes a new answer a few seconds old (as live
feeds do), so the measured transaction reads five fresh sources. Two source kinds:
MockAggregatorV3 (one storage word per read) and Fluxo PriceFeeds (one signer, quorum 1;
each `latestRoundData` loads two words: the latest-round word and the round). Missed
targets are reported, not fatal.

A round is written only when its updatedAt is newer than the previous round's, so every
filler update that wraps the ring also follows fresh answers from every source; each update
is one raw `eth_sendTransaction` with an explicit gas limit after a 60 s time step (no
estimateGas, no sleeping receipt poll; the latest round is checked at the end).
"""

import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final, cast

import vyper
from eth_account import Account
from scripts.compiling import compile_source
from web3 import Web3
from web3.contract import Contract

from fluxo.devnet.anvil import Anvil
from fluxo.devnet.dev_accounts import ANVIL_DEV_PRIVATE_KEYS
from fluxo.feeds.observation import Observation, feed_id
from fluxo.feeds.signing import sign_observation

REPO_ROOT: Final = Path(__file__).resolve().parent.parent
RESULTS_PATH: Final = Path(__file__).resolve().parent / "results" / "aggregator.md"

TARGET_GAS: Final = 80_000
SOURCE_COUNT: Final = 5
DECIMALS: Final = 8
# Long enough that sources stay live while the ring fills without new answers.
HEARTBEAT_S: Final = 86_400
MIN_SOURCES: Final = 3
MAX_SPREAD_BPS: Final = 200
MIN_INTERVAL_S: Final = 60
MEASURED_ROUNDS: Final = 5
FULL_HISTORY: Final = 0
RING_ROUNDS: Final = 256
# Explicit limit: update() requires 100 000 gas left before each source call.
UPDATE_GAS_LIMIT: Final = 1_000_000
BASE_ANSWER: Final = 2_000 * 10**DECIMALS


@dataclass(frozen=True, slots=True)
class Measurement:
    label: str
    gas_used: list[int]
    targeted: bool = True

    @property
    def steady(self) -> int:
        return max(self.gas_used)


class Chain:
    def __init__(self, url: str) -> None:
        self.w3 = Web3(Web3.HTTPProvider(url))
        accounts = list(self.w3.eth.accounts)
        self.deployer, self.updater = accounts[0], accounts[1]

    def deploy(self, artifact: tuple[list[dict[str, Any]], str], *args: Any) -> Contract:
        abi, bytecode = artifact
        factory = self.w3.eth.contract(abi=abi, bytecode=bytecode)
        tx_hash = factory.constructor(*args).transact({"from": self.deployer})
        receipt = self.w3.eth.wait_for_transaction_receipt(tx_hash)
        return cast(Contract, self.w3.eth.contract(address=receipt["contractAddress"], abi=abi))

    def now(self) -> int:
        timestamp: int = self.w3.eth.get_block("latest")["timestamp"]
        return timestamp

    def advance(self, seconds: int) -> None:
        """Move time on and mine a block there, so `now()` is the new time: sources then
        publish answers newer than the latest round's, as a round needs."""
        self.w3.provider.make_request("evm_increaseTime", [seconds])  # type: ignore[arg-type]
        self.w3.provider.make_request("evm_mine", [])  # type: ignore[arg-type]

    def send(self, call: Any, sender: str, gas: int | None = None) -> int:
        params: dict[str, Any] = {"from": sender}
        if gas is not None:
            params["gas"] = gas
        receipt = self.w3.eth.wait_for_transaction_receipt(call.transact(params))
        if receipt["status"] != 1:
            raise RuntimeError(f"transaction reverted: {receipt}")
        gas_used: int = receipt["gasUsed"]
        return gas_used


def source_answer(index: int, round_number: int, source_count: int) -> int:
    """Answers out of source order, so the sort does real work."""
    return BASE_ANSWER + ((index * 7 + round_number) % source_count) * 10**6


def deploy_aggregator(chain: Chain, sources: list[Contract], history_rounds: int) -> Contract:
    return chain.deploy(
        _compiled("FeedAggregator.vy"),
        DECIMALS,
        "ETH / USD",
        [source.address for source in sources],
        [HEARTBEAT_S] * len(sources),
        min(MIN_SOURCES, len(sources)),
        MAX_SPREAD_BPS,
        MIN_INTERVAL_S,
        history_rounds,
    )


def measure_updates(
    chain: Chain, aggregator: Contract, publish_round: Callable[[int], None], first_round: int
) -> list[int]:
    """Gas of MEASURED_ROUNDS updates, each after a fresh answer from every source."""
    update = aggregator.functions.update()
    gas_used: list[int] = []
    for round_number in range(first_round, first_round + MEASURED_ROUNDS):
        chain.advance(MIN_INTERVAL_S)
        publish_round(round_number)
        gas_used.append(chain.send(update, chain.updater, gas=UPDATE_GAS_LIMIT))
    return gas_used


def fill_rounds(
    chain: Chain, aggregator: Contract, publish_round: Callable[[int], None], until_round: int
) -> None:
    """Updates, each after fresh answers, until the latest round is `until_round`, fast."""
    provider = chain.w3.provider
    data = aggregator.encode_abi("update", [])
    missing = until_round - aggregator.functions.latestRound().call()
    for filler in range(missing):
        chain.advance(MIN_INTERVAL_S)
        publish_round(filler)
        transaction = {
            "from": chain.updater,
            "to": aggregator.address,
            "data": data,
            "gas": hex(UPDATE_GAS_LIMIT),
        }
        response = provider.make_request("eth_sendTransaction", [transaction])  # type: ignore[arg-type]
        if "error" in response:
            raise RuntimeError(f"update failed: {response['error']}")
        # Automine may lag the send: wait for the block, so the next update is 60 s later
        # (poll without web3's sleep; a reverted filler shows in the final round check).
        receipt_request = ("eth_getTransactionReceipt", [response["result"]])
        while provider.make_request(*receipt_request)["result"] is None:  # type: ignore[arg-type]
            pass
    latest: int = aggregator.functions.latestRound().call()
    if latest != until_round:
        raise RuntimeError(f"filler updates reverted: latest round {latest}, not {until_round}")


def measure_both_modes(
    chain: Chain, sources: list[Contract], publish_round: Callable[[int], None], label: str
) -> list[Measurement]:
    """Full history (updates 2-6) and a 256-round ring after it wrapped, over `sources`.

    Round 1 is not measured: it is the first write of the latest-round word.
    """
    full = deploy_aggregator(chain, sources, FULL_HISTORY)
    ring = deploy_aggregator(chain, sources, RING_ROUNDS)
    update_gas = {"gas": UPDATE_GAS_LIMIT}
    chain.send(full.functions.update(), chain.updater, **update_gas)
    chain.send(ring.functions.update(), chain.updater, **update_gas)
    full_runs = measure_updates(chain, full, publish_round, 1)
    fill_rounds(chain, ring, publish_round, RING_ROUNDS + 1)
    # The ring wrapped: round 1's slot now holds round 257, and round 1 is gone.
    if ring.functions.getAnswer(1).call() != 0:
        raise RuntimeError("the ring did not wrap")
    ring_runs = measure_updates(chain, ring, publish_round, MEASURED_ROUNDS + 1)
    return [
        Measurement(f"{label}, full history (a new round word each update)", full_runs),
        Measurement(f"{label}, ring of {RING_ROUNDS}, wrapped (steady state)", ring_runs),
    ]


def deploy_mocks(chain: Chain, source_count: int) -> tuple[list[Contract], Callable[[int], None]]:
    mock_artifact = _compiled("testing/MockAggregatorV3.vy")
    now = chain.now()
    sources = [
        chain.deploy(mock_artifact, DECIMALS, BASE_ANSWER + index, now)
        for index in range(source_count)
    ]

    def publish_round(round_number: int) -> None:
        published_at = chain.now() - 3
        for index, source in enumerate(sources):
            answer = source_answer(index, round_number, source_count)
            chain.send(source.functions.set_answer(answer, published_at - index), chain.deployer)

    return sources, publish_round


def measure_mock_sources(chain: Chain) -> list[Measurement]:
    sources, publish_round = deploy_mocks(chain, SOURCE_COUNT)
    return measure_both_modes(
        chain, sources, publish_round, f"update() over {SOURCE_COUNT} MockAggregatorV3"
    )


def measure_mock_slope(chain: Chain, source_count: int) -> Measurement:
    """Full history over `source_count` mocks: with the 5-source row, the per-source cost."""
    sources, publish_round = deploy_mocks(chain, source_count)
    aggregator = deploy_aggregator(chain, sources, FULL_HISTORY)
    chain.send(aggregator.functions.update(), chain.updater, gas=UPDATE_GAS_LIMIT)
    runs = measure_updates(chain, aggregator, publish_round, 1)
    return Measurement(
        f"update() over {source_count} MockAggregatorV3, full history", runs, targeted=False
    )


def measure_price_feed_sources(chain: Chain) -> list[Measurement]:
    feed_artifact = _compiled("PriceFeed.vy")
    chain_id = chain.w3.eth.chain_id
    signer = Account.from_key(ANVIL_DEV_PRIVATE_KEYS[2])
    descriptions = [f"ETH / USD #{index}" for index in range(SOURCE_COUNT)]
    feeds = [
        chain.deploy(feed_artifact, DECIMALS, description, [signer.address], 1)
        for description in descriptions
    ]
    feed_round = 0

    def publish_round(_round_number: int) -> None:
        nonlocal feed_round
        feed_round += 1
        published_at = chain.now() - 3
        for index, (feed, description) in enumerate(zip(feeds, descriptions, strict=True)):
            answer = source_answer(index, feed_round, SOURCE_COUNT)
            observation = Observation(
                feed=feed_id(description),
                round=feed_round,
                answer=answer,
                timestamp_s=published_at - index,
            )
            signed = sign_observation(observation, chain_id, feed.address, signer)
            call = feed.functions.transmit(
                feed_round, [answer], [published_at - index], [signed.signature]
            )
            # The signer transmits its own observations: a feed's default transmitters.
            chain.send(call, signer.address)

    publish_round(0)
    return measure_both_modes(chain, feeds, publish_round, "update() over 5 Fluxo PriceFeeds")


def write_results(measurements: list[Measurement], one: Measurement, sixteen: Measurement) -> str:
    mock_full, _mock_ring, feed_full, _feed_ring = measurements
    per_source = (mock_full.steady - one.steady) / (SOURCE_COUNT - 1)
    per_source_16 = (sixteen.steady - one.steady) / 15
    feed_extra = (feed_full.steady - mock_full.steady) / SOURCE_COUNT
    budget = TARGET_GAS - 21_000 - 22_100 - 5_000 - 3_600
    lines = [
        "# FeedAggregator gas (anvil receipt gas)",
        "",
        f"Generated by `python bench/aggregator_gas.py` on {datetime.now(UTC):%Y-%m-%d} "
        f"with vyper {vyper.__version__}. Every measured update follows a fresh answer from "
        "every source. `history_rounds` is a deployment choice: 0 keeps every round for "
        "`getRoundData` (the default), n keeps a ring of the latest n rounds. Each row is "
        "that mode's steady state: with full history every update creates a round word; "
        f"the {RING_ROUNDS}-round ring has wrapped, so every update rewrites one.",
        "",
        "| operation | receipt gas (max of runs) | runs | target | status |",
        "|---|---|---|---|---|",
    ]
    for measurement in [*measurements, one, sixteen]:
        if measurement.targeted:
            target = f"≤ {TARGET_GAS:,}"
            over = measurement.steady - TARGET_GAS
            status = "ok" if over <= 0 else f"OVER by {over:,}"
        else:
            target, status = "—", "info"
        runs = ", ".join(f"{gas:,}" for gas in measurement.gas_used)
        lines.append(
            f"| {measurement.label} | {measurement.steady:,} | {runs} | {target} | {status} |"
        )
    lines += [
        "",
        f"Per source over mocks: {per_source:,.0f} gas from 1 to {SOURCE_COUNT} sources, "
        f"{per_source_16:,.0f} from 1 to 16 (longer insertion sorts); a PriceFeed source "
        f"costs {feed_extra:,.0f} more (a second cold storage word).",
        "",
        "Why full history misses the target (EIP-2929/2200 prices): 21 000 base + 22 100 for "
        "the new round word + 5 000 latest-round bookkeeping (2 100 to read the word, 2 900 "
        f"to rewrite it) + about 3 600 for AnswerUpdated and NewRound leave {budget:,} of "
        f"the {TARGET_GAS:,}, ≈ {budget // SOURCE_COUNT:,} per source over {SOURCE_COUNT}, "
        f"while a source costs ≈ {per_source:,.0f} over mocks and "
        f"≈ {per_source + feed_extra:,.0f} over PriceFeeds (a cold STATICCALL 2 600, the "
        "source's own cold SLOADs, one for the mock and two for a PriceFeed, and about "
        "1 900 of execution: the source's dispatch and encoding, our decoding, scaling and "
        "insertion). Only the ring gets under it: once wrapped, the round word is rewritten "
        "for 5 000 instead of created for 22 100 (17 100 less), at the price of "
        '`getRoundData` reverting "aggregator: no data" for rounds older than the ring. '
        "Full history stays the default (consumers read old rounds with `getRoundData`); "
        "a deployer who needs the gas more picks a ring (at least 2 rounds: consumers "
        "compare the latest round with the one before it).",
        "",
    ]
    text = "\n".join(lines)
    RESULTS_PATH.write_text(text)
    return text


def _compiled(relative_path: str) -> tuple[list[dict[str, Any]], str]:
    """ABI and initcode of `contracts/<relative_path>`, compiled from the working tree so the
    figures always describe the current source."""
    compiled = compile_source(relative_path)
    assert compiled.bytecode is not None, f"{relative_path} is an interface"
    return compiled.abi, compiled.bytecode


def main() -> int:
    with Anvil() as anvil:
        chain = Chain(anvil.url)
        measurements = [*measure_mock_sources(chain), *measure_price_feed_sources(chain)]
        one = measure_mock_slope(chain, 1)
        sixteen = measure_mock_slope(chain, 16)
    print(write_results(measurements, one, sixteen))
    return 0


if __name__ == "__main__":
    sys.exit(main())
