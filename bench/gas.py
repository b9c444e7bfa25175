"""Receipt gas of the Oracle's request game on anvil, beside its targets and its peers.

    python bench/gas.py            # from the repository root; writes bench/results/oracle.md

Every figure is a receipt's `gasUsed` (21 000 base + calldata + execution - refunds), measured
in steady state: another request already holds a bond (the Oracle's token balances are not
zero), every staker already approved the Oracle for the maximum once, and accounts hold both
tokens where a real user would. The payment token (fUSD) and the stake token (FLX) are
different contracts. Missed targets are reported, not fatal: the exit code is non-zero only
when the benchmark itself fails.
"""

import asyncio
import importlib.metadata
import platform
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from eth_account import Account
from eth_account.signers.local import LocalAccount

from fluxo.chain.bindings.oracle import Claimed, RequestCreated
from fluxo.chain.client import ChainClient
from fluxo.deploy import OracleSettings
from fluxo.devnet.anvil import Anvil, find_anvil_binary
from fluxo.devnet.bindings.mock_requester import MockRequester, OutcomeReceived
from fluxo.devnet.dev_accounts import ANVIL_DEV_PRIVATE_KEYS
from fluxo.devnet.devchain import DevChain
from fluxo.devnet.protocol import (
    DevProtocol,
    add_requester,
    approve_oracle,
    deploy_dev_protocol,
    fund,
)
from fluxo.domain.outcome import OutcomeKind, categorical, number, string
from fluxo.domain.request_args import RequestArgs, Source
from fluxo.domain.request_builder import build_request
from fluxo.exceptions import FluxoError

RESULTS_PATH: Final = Path(__file__).resolve().parent / "results" / "oracle.md"

UNIT_WEI: Final = 10**18
VALIDITY_BOND_WEI: Final = 10 * UNIT_WEI
MIN_BOND_WEI: Final = 100 * UNIT_WEI
FEE_WEI: Final = 5 * UNIT_WEI
CHALLENGE_PERIOD_S: Final = 3_600
ARBITRATION_THRESHOLD_WEI: Final = 10**9 * UNIT_WEI
STAKER_FUNDS_WEI: Final = 1_000_000 * UNIT_WEI
REQUESTER_FUNDS_WEI: Final = 1_000_000 * UNIT_WEI

# Explicit gas limits skip estimateGas. Receipt gasUsed does not depend on the limit, but
# finalize needs >= 215 000 gas left before the callback (`oracle: gas too low`).
GAS_LIMIT_CREATE: Final = 600_000
GAS_LIMIT_STAKE: Final = 300_000
GAS_LIMIT_FINALIZE: Final = 400_000
GAS_LIMIT_CLAIM: Final = 300_000

SHORT_SOURCE: Final = Source(end_point="https://x.io/eth", source_path="$.p")


@dataclass(frozen=True, slots=True)
class Operation:
    """A measured operation of the main table: its label, target and peers' receipt gas."""

    label: str
    target: int
    peers: str


# Targets of the Oracle gas budget; peers measured on the same anvil (receipt gas, steady state).
OPERATIONS: Final = {
    "create": Operation(
        "create_request (tx to requester.create)",
        120_000,
        "Reality.eth v3 askQuestion 106 468; UMA OOv2 requestPrice 207 129",
    ),
    "stake": Operation(
        "first stake that bonds round 0",
        75_000,
        "Reality.eth first answer 102 886; UMA proposePrice 135 995",
    ),
    "dispute": Operation(
        "dispute stake that bonds round 1",
        95_000,
        "Reality.eth doubling answer 42 171; UMA disputePrice 397 417",
    ),
    "finalize": Operation(
        "finalize, incl. validity-bond credit and callback", 65_000, "UMA settle 96 616"
    ),
    "claim": Operation(
        "claim on a 2-round request, both tokens, to an account that never held the payment token",
        90_000,
        "Reality.eth claimWinnings + withdraw 104 645",
    ),
    "undisputed": Operation(
        "undisputed lifecycle (create + stake + finalize + claim)",
        340_000,
        "Reality.eth 310 506; UMA OOv2 439 740",
    ),
    "disputed": Operation(
        "disputed lifecycle (+ one dispute, claim over 2 rounds)",
        430_000,
        "Reality.eth 356 170; UMA OOv2 821 276",
    ),
}


@dataclass(frozen=True, slots=True)
class Row:
    operation: str
    gas_used: int
    target: int | None = None
    peers: str = ""
    # The same operation on a categorical request, for the NUMBER/STRING comparison.
    categorical_gas: int | None = None


def main_row(key: str, gas_used: int, *, detail: str = "") -> Row:
    operation = OPERATIONS[key]
    label = f"{operation.label}{detail}"
    return Row(label, gas_used, operation.target, operation.peers)


@dataclass(slots=True)
class Tables:
    main: list[Row] = field(default_factory=list)
    refunds: list[Row] = field(default_factory=list)
    by_kind: list[Row] = field(default_factory=list)
    crowdfunded: list[Row] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Actors:
    """Role-named accounts; each `*_disputer` starts with no payment token at all."""

    deployer: LocalAccount
    validator: LocalAccount
    disputer: LocalAccount
    finalizer: LocalAccount
    number_disputer: LocalAccount
    string_disputer: LocalAccount
    crowd_staker_a: LocalAccount
    crowd_staker_b: LocalAccount
    final_arbitrator: LocalAccount
    treasury: LocalAccount

    @classmethod
    def from_dev_keys(cls) -> "Actors":
        return cls(*(Account.from_key(key) for key in ANVIL_DEV_PRIVATE_KEYS[:10]))

    @property
    def stakers(self) -> tuple[LocalAccount, ...]:
        return (
            self.validator,
            self.disputer,
            self.number_disputer,
            self.string_disputer,
            self.crowd_staker_a,
            self.crowd_staker_b,
        )


def categorical_args() -> RequestArgs:
    return build_request(
        OutcomeKind.CATEGORICAL,
        description="ETH > 4k?",
        sources=(SHORT_SOURCE,),
        outcomes=("No", "Yes"),
        challenge_period=CHALLENGE_PERIOD_S,
        fee=FEE_WEI,
    )


def number_args() -> RequestArgs:
    return build_request(
        OutcomeKind.NUMBER,
        description="ETH/USD",
        sources=(SHORT_SOURCE,),
        decimals=2,
        challenge_period=CHALLENGE_PERIOD_S,
        fee=FEE_WEI,
    )


def string_args() -> RequestArgs:
    return build_request(
        OutcomeKind.STRING,
        description="Who won?",
        sources=(SHORT_SOURCE,),
        challenge_period=CHALLENGE_PERIOD_S,
        fee=FEE_WEI,
    )


class Bench:
    """The deployed protocol plus the actors, with one method per measured flow."""

    def __init__(
        self,
        client: ChainClient,
        chain: DevChain,
        protocol: DevProtocol,
        requester: MockRequester,
        actors: Actors,
    ) -> None:
        self.client = client
        self.chain = chain
        self.protocol = protocol
        self.requester = requester
        self.actors = actors

    async def create(self, args: RequestArgs) -> tuple[int, int]:
        """Create a request through the requester; return (request id, gas)."""
        receipt = await self.requester.create(self.actors.deployer, args, gas=GAS_LIMIT_CREATE)
        created = self.protocol.oracle.single_event(receipt, RequestCreated)
        return created.request_id, receipt["gasUsed"]

    async def stake(
        self, staker: LocalAccount, request_id: int, outcome: bytes, amount_wei: int
    ) -> int:
        receipt = await self.protocol.oracle.stake(
            staker, request_id, outcome, amount_wei, gas=GAS_LIMIT_STAKE
        )
        return receipt["gasUsed"]

    async def bond(self, staker: LocalAccount, request_id: int, outcome: bytes) -> int:
        """Fill the open round of `request_id` with one stake on `outcome`; a dispute comes a
        block (and a second) after the bond it disputes, as the Oracle requires."""
        round_index = await self.protocol.oracle.current_round(request_id)
        if round_index > 0:
            await self.chain.time_travel(1)
        info = await self.protocol.oracle.round_info(request_id, round_index)
        return await self.stake(staker, request_id, outcome, info.bond)

    async def withdraw_refunds(self) -> int:
        """The requester's credited validity bonds paid out (anyone may send it)."""
        receipt = await self.protocol.oracle.withdraw(
            self.actors.finalizer,
            self.protocol.payment_token.address,
            self.requester.address,
            gas=GAS_LIMIT_CLAIM,
        )
        return receipt["gasUsed"]

    async def finalize(self, request_id: int) -> int:
        await self.chain.time_travel(CHALLENGE_PERIOD_S + 1)
        receipt = await self.protocol.oracle.finalize(
            self.actors.finalizer, request_id, gas=GAS_LIMIT_FINALIZE
        )
        if not self.requester.events_in(receipt, OutcomeReceived):
            raise FluxoError(f"request {request_id}: the requester callback did not run")
        return receipt["gasUsed"]

    async def claim(self, claimer: LocalAccount, request_id: int) -> int:
        receipt = await self.protocol.oracle.claim(
            claimer, request_id, claimer.address, gas=GAS_LIMIT_CLAIM
        )
        claimed = self.protocol.oracle.single_event(receipt, Claimed)
        if claimed.stake_amount == 0:
            raise FluxoError(f"request {request_id}: claim paid no stake")
        return receipt["gasUsed"]

    async def require_no_payment_token(self, account: LocalAccount) -> None:
        balance_wei = await self.protocol.payment_token.balance_of(account.address)
        if balance_wei != 0:
            raise FluxoError(f"{account.address} already holds {balance_wei} payment-token wei")


async def deploy_bench(client: ChainClient, chain: DevChain, actors: Actors) -> Bench:
    settings = OracleSettings(
        validity_bond=VALIDITY_BOND_WEI,
        min_bond=MIN_BOND_WEI,
        min_challenge_period=60,
        max_challenge_period=30 * 24 * 3_600,
        arbitration_threshold=ARBITRATION_THRESHOLD_WEI,
        final_arbitrator=actors.final_arbitrator.address,
        treasury=actors.treasury.address,
    )
    protocol = await deploy_dev_protocol(client, actors.deployer, settings)
    requester = await add_requester(client, protocol, actors.deployer, name="bench")
    await fund(protocol, actors.deployer, requester.address, payment_wei=REQUESTER_FUNDS_WEI)
    for staker in actors.stakers:
        await fund(protocol, actors.deployer, staker.address, stake_wei=STAKER_FUNDS_WEI)
        await approve_oracle(protocol, staker)
    # The validator is a long-running node: it already earned fees, so it holds fUSD.
    await fund(protocol, actors.deployer, actors.validator.address, payment_wei=UNIT_WEI)
    bench = Bench(client, chain, protocol, requester, actors)
    # Steady state: another request holds a bond, so the Oracle holds both tokens, and the
    # request counter is already non-zero; an earlier request finalized and its validity bond
    # is still credited to the requester, which withdraws its refunds now and then.
    finalized_id, _ = await bench.create(categorical_args())
    await bench.bond(actors.validator, finalized_id, categorical(1))
    await bench.finalize(finalized_id)
    background_id, _ = await bench.create(categorical_args())
    await bench.bond(actors.validator, background_id, categorical(1))
    return bench


async def measure_main(bench: Bench, tables: Tables) -> dict[str, int]:
    """The categorical flows; return the gas of each operation by `OPERATIONS` key."""
    actors = bench.actors
    gas: dict[str, int] = {}
    request_id, gas["create"] = await bench.create(categorical_args())
    gas["stake"] = await bench.bond(actors.validator, request_id, categorical(1))
    gas["dispute"] = await bench.bond(actors.disputer, request_id, categorical(0))
    gas["finalize"] = await bench.finalize(request_id)
    await bench.require_no_payment_token(actors.disputer)
    gas["claim"] = await bench.claim(actors.disputer, request_id)
    gas["disputed"] = sum(gas[key] for key in ("create", "stake", "dispute", "finalize", "claim"))

    # The undisputed request is answered by the validator, who already holds fUSD.
    undisputed_id, create_gas = await bench.create(categorical_args())
    parts = {
        "create": create_gas,
        "stake": await bench.bond(actors.validator, undisputed_id, categorical(1)),
        "finalize": await bench.finalize(undisputed_id),
        "claim": await bench.claim(actors.validator, undisputed_id),
    }
    gas["undisputed"] = sum(parts.values())
    detail = ": " + " + ".join(f"{key} {value:,}" for key, value in parts.items())
    for key in OPERATIONS:
        tables.main.append(main_row(key, gas[key], detail=detail if key == "undisputed" else ""))
    await measure_refunds(bench, tables, parts)
    return gas


async def measure_refunds(bench: Bench, tables: Tables, undisputed: dict[str, int]) -> None:
    """The requester's refunds are credited, then pulled: what a withdrawal costs, what
    finalize costs when the requester has just withdrawn everything (its credit is rewritten
    from zero), and the undisputed lifecycle with one withdrawal per request, the worst case
    of a requester that never batches."""
    withdraw_gas = await bench.withdraw_refunds()
    request_id, _ = await bench.create(categorical_args())
    await bench.bond(bench.actors.validator, request_id, categorical(1))
    # Leaves a credit behind, so the rows after this one meet the same steady state.
    fresh_finalize_gas = await bench.finalize(request_id)
    worst_lifecycle_gas = (
        undisputed["create"]
        + undisputed["stake"]
        + fresh_finalize_gas
        + undisputed["claim"]
        + withdraw_gas
    )
    tables.refunds.extend(
        (
            Row(
                "withdraw the requester's credited validity bonds (any number of requests)",
                withdraw_gas,
            ),
            Row(
                "finalize when the requester's credit is zero (it withdrew everything before)",
                fresh_finalize_gas,
                OPERATIONS["finalize"].target,
            ),
            Row(
                "undisputed lifecycle with that finalize and one withdrawal per request",
                worst_lifecycle_gas,
                OPERATIONS["undisputed"].target,
            ),
        )
    )


async def measure_kind(
    bench: Bench,
    tables: Tables,
    kind: str,
    request: tuple[RequestArgs, bytes, bytes],
    disputer: LocalAccount,
    categorical_gas: dict[str, int],
) -> None:
    """A NUMBER or STRING request: answer, dispute, finalize, 2-round claim."""
    args, answer, disputed_answer = request
    gas: dict[str, int] = {}
    request_id, gas["create"] = await bench.create(args)
    gas["stake"] = await bench.bond(bench.actors.validator, request_id, answer)
    gas["dispute"] = await bench.bond(disputer, request_id, disputed_answer)
    gas["finalize"] = await bench.finalize(request_id)
    await bench.require_no_payment_token(disputer)
    gas["claim"] = await bench.claim(disputer, request_id)
    for key, gas_used in gas.items():
        operation = OPERATIONS[key]
        tables.by_kind.append(
            Row(
                f"{kind}: {operation.label}",
                gas_used,
                operation.target,
                categorical_gas=categorical_gas[key],
            )
        )


async def measure_crowdfunded(bench: Bench, tables: Tables) -> None:
    """Round 0 filled by two stakes of B0/2 from two accounts, then finalized and claimed."""
    actors = bench.actors
    request_id, _ = await bench.create(categorical_args())
    half_wei = (await bench.protocol.oracle.round_info(request_id, 0)).bond // 2
    first_gas = await bench.stake(actors.crowd_staker_a, request_id, categorical(1), half_wei)
    second_gas = await bench.stake(actors.crowd_staker_b, request_id, categorical(1), half_wei)
    finalize_gas = await bench.finalize(request_id)
    claim_gas: list[int] = []
    for staker in (actors.crowd_staker_a, actors.crowd_staker_b):
        await bench.require_no_payment_token(staker)
        claim_gas.append(await bench.claim(staker, request_id))
    tables.crowdfunded.extend(
        (
            Row("partial stake (B0/2): round 0 stays open", first_gas),
            Row("partial stake (B0/2) that completes and bonds round 0", second_gas),
            Row("finalize", finalize_gas, OPERATIONS["finalize"].target),
            Row(
                "claim, first crowdfunder (never held fUSD)",
                claim_gas[0],
                OPERATIONS["claim"].target,
            ),
            Row(
                "claim, second crowdfunder (never held fUSD)",
                claim_gas[1],
                OPERATIONS["claim"].target,
            ),
        )
    )


async def run(url: str) -> Tables:
    actors = Actors.from_dev_keys()
    tables = Tables()
    async with await ChainClient.connect(url) as client, DevChain(url) as chain:
        bench = await deploy_bench(client, chain, actors)
        categorical_gas = await measure_main(bench, tables)
        number_request = (number_args(), number(412_345), number(398_000))
        await measure_kind(
            bench, tables, "NUMBER", number_request, actors.number_disputer, categorical_gas
        )
        string_request = (string_args(), string("Argentina"), string("France"))
        await measure_kind(
            bench, tables, "STRING", string_request, actors.string_disputer, categorical_gas
        )
        await measure_crowdfunded(bench, tables)
    return tables


# --- report -------------------------------------------------------------------------------


def _status(row: Row) -> str:
    if row.target is None:
        return ""
    if row.gas_used <= row.target:
        return "✅"
    return f"❌ over by {row.gas_used - row.target:,}"


def _table(rows: Sequence[Row], *, extra: str | None = None) -> list[str]:
    """A markdown table; `extra` adds the "peers" or the "vs categorical" column."""
    header = "| operation | receipt gas | target | status |"
    rule = "|---|---:|---:|---|"
    if extra is not None:
        header += f" {extra} |"
        rule += "---|" if extra == "peers" else "---:|"
    lines = [header, rule]
    for row in rows:
        target = f"≤ {row.target:,}" if row.target is not None else "–"
        line = f"| {row.operation} | {row.gas_used:,} | {target} | {_status(row)} |"
        if extra == "peers":
            line += f" {row.peers} |"
        elif extra is not None and row.categorical_gas is not None:
            line += f" {row.gas_used - row.categorical_gas:+,} |"
        lines.append(line)
    return lines


def _anvil_version() -> str:
    try:
        output = subprocess.run(
            [str(find_anvil_binary()), "--version"], capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError, FluxoError) as error:
        return f"unknown ({error})"
    return output.splitlines()[0].removeprefix("anvil Version: ").strip()


def _package_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def render(tables: Tables) -> str:
    today = datetime.now(tz=UTC).strftime("%Y-%m-%d")
    lines = [
        "# Gas benchmark: the Oracle's request game",
        "",
        "Receipt `gasUsed` on anvil, in steady state. Generated by `python bench/gas.py`; do not",
        "edit by hand.",
        "",
        "## Conditions",
        "",
        "* Another request already holds a bond, so the Oracle's balances of both tokens are not",
        "  zero, and the request counter is not zero.",
        "* The stake token (FLX, `FluxToken`) and the payment token (fUSD, `MockERC20`) are",
        "  **different tokens**. Every staker approved the Oracle for the maximum once, before.",
        "* The validator is a running node: it holds FLX and fUSD. Each disputer holds FLX but",
        "  has never held fUSD, so its claim writes a fresh payment-token balance.",
        "* Requests: 1 source, short strings, no tags; categorical requests have 2 outcomes.",
        "  They are created by a `MockRequester` whose `on_outcome` only emits an event.",
        "* Round-0 bond B0 = 100 FLX, fee 5 fUSD, validity bond 10 fUSD, challenge period 1 h.",
        "* Finalization credits the requester's validity bond (pull payment); the requester",
        "  already holds a credit from an earlier request and withdraws its refunds now and",
        "  then. The next section prices the other cases.",
        "* A dispute is sent one block (one second) after the bond it disputes.",
        "",
        "## Main table (categorical request)",
        "",
        *_table(tables.main, extra="peers"),
        "",
        "Peers: receipt gas of Reality.eth v3 and UMA's Optimistic Oracle v2, measured on the",
        "same anvil in the same steady state.",
        "",
        "## Refunds are pulled",
        "",
        "The validity bond is credited, never pushed, so a payment token that refuses the",
        "requester cannot block finalization. A credit rewritten from zero costs a fresh",
        "storage write (20 000 more than an update); a withdrawal pays out every refund",
        "credited since the last one.",
        "",
        *_table(tables.refunds),
        "",
        "## NUMBER and STRING requests",
        "",
        "A NUMBER or STRING round stores its 32-byte outcome in a storage slot of its own",
        "(categorical outcomes fit in the request's state word), so each bonded round costs",
        "one more fresh storage write (22 100 gas), and a dispute, finalize or claim reads",
        "those slots back (2 100 gas each, cold). The targets are the categorical ones, shown",
        'for comparison; "vs categorical" is the difference to the main table.',
        "",
        *_table(tables.by_kind, extra="vs categorical"),
        "",
        "## Crowdfunded round 0 (two partial stakes of B0/2)",
        "",
        "Each partial stake records its staker's share in a fresh storage slot; the first",
        "also creates the outcome's running total, which the completing stake updates. A",
        "round filled by one stake records only its filler, so the single-stake targets do",
        "not apply to these two rows.",
        "",
        *_table(tables.crowdfunded),
        "",
        "## Environment",
        "",
        f"* date: {today}",
        f"* anvil: {_anvil_version()} (npm `@foundry-rs/anvil`)",
        f"* vyper: {_package_version('vyper')} (default EVM version), contracts from the",
        "  committed artifacts in `src/fluxo/chain/artifacts/`",
        f"* web3.py: {_package_version('web3')}, Python {platform.python_version()}",
        "",
        "## Reproduce",
        "",
        "```",
        "make bench                              # installs the pinned env and anvil first",
        "python3 -m uv run python bench/gas.py   # the same, in an installed env",
        "```",
        "",
        "The figures are deterministic for a given anvil, compiler and contract source: rerun",
        "after any change to `contracts/` (and `python scripts/build_artifacts.py`).",
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    try:
        with Anvil() as anvil:
            tables = asyncio.run(run(anvil.url))
    except FluxoError as error:
        print(f"bench/gas.py failed: {error}", file=sys.stderr)
        return 1
    report = render(tables)
    RESULTS_PATH.write_text(report, encoding="utf-8")
    print(report)
    print(f"wrote {RESULTS_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
