"""How fast the node's LogScanner cold-scans Oracle logs on anvil (target: 100 000 blocks in
30 s).

    python -m bench.node_scan [blocks] [requests] [log_range_blocks ...]   # from the repo root
                                                 # writes bench/results/node_scan.md

Builds a chain of `blocks` blocks (10 000) holding `requests` requests (100) spread evenly,
so the logs are sparse as on a real chain, then times one scanner from the deployment's start
block to the head, polling and committing as the node does, once per range size. A
measurement, not a test: it prints the figures and exits 0 unless the run itself fails.

Building the chain is the slow part: anvil 1.7.1 mines each empty block in time that grows
with the chain's length (`anvil_mine` of 5 000 blocks: 18 s, the next 5 000: 67 s), so 100 000
blocks take hours to build; the scan itself costs a few RPCs per range and grows linearly.
"""

import asyncio
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

import httpx
from eth_account import Account

from fluxo.chain.bindings.oracle import Oracle, RequestCreated
from fluxo.chain.client import ChainClient
from fluxo.deploy import OracleSettings
from fluxo.devnet.anvil import Anvil
from fluxo.devnet.dev_accounts import ANVIL_DEV_PRIVATE_KEYS
from fluxo.devnet.protocol import add_requester, deploy_dev_protocol, fund
from fluxo.domain.request_args import RequestArgs, Source
from fluxo.node.rpc_pool import RpcPool
from fluxo.node.scanner import LogScanner
from fluxo.node.state import NodeState

TOKEN_WEI: Final = 10**18
RESULTS_PATH: Final = Path(__file__).resolve().parent / "results" / "node_scan.md"
TARGET_BLOCKS: Final = 100_000
TARGET_S: Final = 30.0
HEADER_ROW: Final = (
    "| log_range_blocks | blocks | events | polls | measured | blocks/s "
    f"| 100 000 blocks at that rate | target ≤ {TARGET_S:.0f} s |"
)


async def build_chain(url: str, blocks: int, requests: int) -> tuple[str, int]:
    deployer = Account.from_key(ANVIL_DEV_PRIVATE_KEYS[0])
    settings = OracleSettings(
        validity_bond=TOKEN_WEI,
        min_bond=10 * TOKEN_WEI,
        min_challenge_period=60,
        max_challenge_period=86_400,
        arbitration_threshold=10**24,
        final_arbitrator=Account.from_key(ANVIL_DEV_PRIVATE_KEYS[2]).address,
        treasury=Account.from_key(ANVIL_DEV_PRIVATE_KEYS[3]).address,
    )
    async with (
        await ChainClient.connect(url) as client,
        httpx.AsyncClient(timeout=120, trust_env=False) as http,
    ):
        protocol = await deploy_dev_protocol(client, deployer, settings)
        requester = await add_requester(client, protocol, deployer, name="bench")
        await fund(protocol, deployer, requester.address, payment_wei=10**9 * TOKEN_WEI)
        gap = max(blocks // max(requests, 1) - 1, 0)
        for number in range(requests):
            args = RequestArgs(
                description=f"bench request {number}",
                sources=(Source("https://example.org/price", "$.price"),),
                outcomes=(),
                data_type=1,
                decimals=8,
                settlement_time=0,
                challenge_period=60,
                min_bond=0,
                fee=TOKEN_WEI,
                tags=("bench",),
            )
            await requester.create(deployer, args)
            if gap:
                await http.post(
                    url,
                    json={"jsonrpc": "2.0", "id": 1, "method": "anvil_mine", "params": [hex(gap)]},
                )
        return protocol.deployment.oracle, protocol.deployment.start_block


@dataclass(frozen=True)
class ScanFigure:
    log_range_blocks: int
    blocks: int
    events: int
    elapsed_s: float
    polls: int

    @property
    def blocks_per_s(self) -> float:
        return self.blocks / self.elapsed_s


async def scan(url: str, oracle: str, start_block: int, log_range_blocks: int) -> ScanFigure:
    with tempfile.TemporaryDirectory() as data_dir:
        state = NodeState.open(Path(data_dir))
        async with RpcPool([url], 31337) as pool:
            await pool.start()
            scanner = LogScanner(
                pool,
                state,
                [Oracle(pool.client(), oracle)],
                chain_name="bench",
                start_block=start_block,
                confirmations=0,
                log_range_blocks=log_range_blocks,
            )
            started = time.perf_counter()
            events = created = polls = 0
            while True:
                result = await scanner.poll()
                with state.transaction():
                    scanner.commit(result)
                polls += 1
                events += len(result.events)
                created += sum(isinstance(e, RequestCreated) for e in result.events)
                if result.caught_up:
                    break
            elapsed_s = time.perf_counter() - started
            head = result.head_block
        state.close()
    blocks = head - start_block + 1
    print(
        f"log_range_blocks={log_range_blocks}: {blocks} blocks, {events} events "
        f"({created} RequestCreated) in {elapsed_s:.2f} s over {polls} polls: "
        f"{blocks / elapsed_s:,.0f} blocks/s"
    )
    return ScanFigure(log_range_blocks, blocks, events, elapsed_s, polls)


def render(figures: list[ScanFigure], requests: int, built_s: float) -> str:
    rows = "\n".join(
        f"| {f.log_range_blocks:,} | {f.blocks:,} | {f.events} | {f.polls} | {f.elapsed_s:.2f} s "
        f"| {f.blocks_per_s:,.0f} | {TARGET_BLOCKS / f.blocks_per_s:.1f} s "
        f"| {'met' if TARGET_BLOCKS / f.blocks_per_s <= TARGET_S else '**missed**'} |"
        for f in figures
    )
    blocks = figures[0].blocks if figures else 0
    return f"""# The node: cold scan of Oracle logs

Generated by `python -m bench.node_scan` on {datetime.now(UTC):%Y-%m-%d}. One `LogScanner`
from the deployment's start block to the head of an anvil chain of {blocks:,} blocks holding
{requests} requests spread evenly (sparse logs, as on a real chain), polling and committing to
SQLite as the node does. **The 100 000-block figure is extrapolated** from the measured rate:
anvil 1.7.1 mines empty blocks ever more slowly as its chain grows (this chain took
{built_s:.0f} s to build; 100 000 blocks take hours), and the scan's cost is linear in the
number of ranges it reads.

{HEADER_ROW}
|---:|---:|---:|---:|---:|---:|---:|---|
{rows}
"""


async def main(blocks: int, requests: int, ranges: list[int]) -> None:
    with Anvil() as anvil:
        built = time.perf_counter()
        oracle, start_block = await build_chain(anvil.url, blocks, requests)
        built_s = time.perf_counter() - built
        print(f"built {blocks} blocks with {requests} requests in {built_s:.1f} s")
        figures = [
            await scan(anvil.url, oracle, start_block, log_range_blocks)
            for log_range_blocks in ranges
        ]
    RESULTS_PATH.write_text(render(figures, requests, built_s), encoding="utf-8")
    print(f"wrote {RESULTS_PATH}")


if __name__ == "__main__":
    arguments = [int(value) for value in sys.argv[1:]]
    blocks = arguments[0] if arguments else 10_000
    requests = arguments[1] if len(arguments) > 1 else 100
    ranges = arguments[2:] or [2_000, 10_000]
    asyncio.run(main(blocks, requests, ranges))
