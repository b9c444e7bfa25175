"""The `fluxo demo` story: one categorical request, answered, disputed, counter-disputed,
finalized and claimed on a local chain.

Every number in the returned `DemoReport` is read from the chain (receipts, events, views and
`balanceOf`); nothing is computed here that the contracts did not report.
"""

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

from eth_account import Account
from eth_account.signers.local import LocalAccount
from web3.types import TxReceipt

from fluxo.chain.bindings.oracle import Claimed, Finalized, RequestCreated, Staked
from fluxo.chain.client import ChainClient
from fluxo.deploy import OracleSettings
from fluxo.devnet.anvil import Anvil
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
from fluxo.domain.outcome import INVALID_OUTCOME, OutcomeKind, categorical
from fluxo.domain.request_args import RequestArgs, Source
from fluxo.domain.request_builder import build_request
from fluxo.exceptions import ChainError, TransactionReverted

TOKEN_UNIT_WEI: Final = 10**18

QUESTION: Final = "Will ETH close above $4,000 on 2026-12-31?"
OUTCOME_LABELS: Final = ("No", "Yes")
SOURCE: Final = Source(
    end_point="https://api.exchange.coinbase.com/products/ETH-USD/candles?granularity=86400",
    source_path="$[0][4]",
)
# The day's close is known once 2026-12-31 ends (UTC).
SETTLEMENT_TIME_S: Final = int(datetime(2027, 1, 1, tzinfo=UTC).timestamp())
CHALLENGE_PERIOD_S: Final = 600
FEE_WEI: Final = 25 * TOKEN_UNIT_WEI

VALIDITY_BOND_WEI: Final = 10 * TOKEN_UNIT_WEI
MIN_BOND_WEI: Final = 100 * TOKEN_UNIT_WEI
MIN_CHALLENGE_PERIOD_S: Final = 60
MAX_CHALLENGE_PERIOD_S: Final = 7 * 24 * 3600
ARBITRATION_THRESHOLD_WEI: Final = 100_000 * TOKEN_UNIT_WEI

STAKER_FUNDS_WEI: Final = 10_000 * TOKEN_UNIT_WEI
REQUESTER_FUNDS_WEI: Final = 1_000 * TOKEN_UNIT_WEI

_ANSWER: Final = categorical(OUTCOME_LABELS.index("Yes"))
_DISPUTED_ANSWER: Final = categorical(OUTCOME_LABELS.index("No"))


@dataclass(frozen=True, slots=True)
class DemoAccounts:
    """The accounts of the story, named by role."""

    deployer: LocalAccount
    validator: LocalAccount
    disputer: LocalAccount
    counter_disputer: LocalAccount
    finalizer: LocalAccount
    final_arbitrator: LocalAccount
    treasury: LocalAccount

    @classmethod
    def from_keys(cls, private_keys: Sequence[str] = ANVIL_DEV_PRIVATE_KEYS) -> "DemoAccounts":
        accounts = [Account.from_key(key) for key in private_keys[:7]]
        return cls(*accounts)

    @property
    def stakers(self) -> tuple[tuple[str, LocalAccount], ...]:
        return (
            ("validator", self.validator),
            ("disputer", self.disputer),
            ("counter_disputer", self.counter_disputer),
        )


@dataclass(frozen=True, slots=True)
class RequestSummary:
    request_id: int
    question: str
    outcomes: tuple[str, ...]
    source: Source
    requester: str
    oracle: str
    stake_token: str
    payment_token: str
    base_bond: int
    fee: int
    validity_bond: int
    challenge_period: int
    settlement_time: int
    finalized: bool
    final_outcome: str


@dataclass(frozen=True, slots=True)
class RoundRow:
    round: int
    bond_wei: int
    outcome: str
    staker_role: str
    staker: str
    bonded_at_s: int


@dataclass(frozen=True, slots=True)
class PayoutRow:
    role: str
    account: str
    stake_in_wei: int
    stake_out_wei: int
    fee_out_wei: int
    net_stake_wei: int
    net_payment_wei: int
    note: str


@dataclass(frozen=True, slots=True)
class CallbackRow:
    requester: str
    request_id: int
    outcome: str
    validity_bond_refund_wei: int


@dataclass(frozen=True, slots=True)
class GasRow:
    step: str
    sender_role: str
    gas_used: int


@dataclass(frozen=True, slots=True)
class DemoReport:
    request: RequestSummary
    rounds: tuple[RoundRow, ...]
    payouts: tuple[PayoutRow, ...]
    callback: CallbackRow
    gas: tuple[GasRow, ...]
    stake_symbol: str
    payment_symbol: str


def outcome_label(outcome: bytes, labels: Sequence[str] = OUTCOME_LABELS) -> str:
    """The label of a categorical outcome word."""
    if outcome == INVALID_OUTCOME:
        return "INVALID"
    index = int.from_bytes(outcome, "big")
    return labels[index] if index < len(labels) else f"0x{outcome.hex()}"


def demo_request_args() -> RequestArgs:
    return build_request(
        OutcomeKind.CATEGORICAL,
        description=QUESTION,
        sources=(SOURCE,),
        outcomes=OUTCOME_LABELS,
        settlement_time=SETTLEMENT_TIME_S,
        challenge_period=CHALLENGE_PERIOD_S,
        fee=FEE_WEI,
        tags=("crypto", "eth-usd"),
    )


async def _set_up(client: ChainClient, accounts: DemoAccounts) -> tuple[DevProtocol, MockRequester]:
    settings = OracleSettings(
        validity_bond=VALIDITY_BOND_WEI,
        min_bond=MIN_BOND_WEI,
        min_challenge_period=MIN_CHALLENGE_PERIOD_S,
        max_challenge_period=MAX_CHALLENGE_PERIOD_S,
        arbitration_threshold=ARBITRATION_THRESHOLD_WEI,
        final_arbitrator=accounts.final_arbitrator.address,
        treasury=accounts.treasury.address,
    )
    protocol = await deploy_dev_protocol(client, accounts.deployer, settings)
    requester = await add_requester(
        client,
        protocol,
        accounts.deployer,
        name="eth-price-market",
        code_base_url="https://github.com/fluxo/fluxo/tree/main/contracts/testing",
    )
    await fund(protocol, accounts.deployer, requester.address, payment_wei=REQUESTER_FUNDS_WEI)
    for _role, staker in accounts.stakers:
        await fund(protocol, accounts.deployer, staker.address, stake_wei=STAKER_FUNDS_WEI)
        await approve_oracle(protocol, staker)
    return protocol, requester


class _Recorder:
    """Collects gas per transaction and the stakes each role made."""

    def __init__(self) -> None:
        self.gas: list[GasRow] = []
        self.stakes: list[tuple[str, Staked]] = []

    def record(self, step: str, sender_role: str, receipt: TxReceipt) -> None:
        self.gas.append(GasRow(step, sender_role, receipt["gasUsed"]))


@dataclass(frozen=True, slots=True)
class _Move:
    """One stake of the story: who fills which round with what, `delay_s` after the last."""

    step: str
    role: str
    outcome: bytes
    round: int
    delay_s: int


@dataclass(frozen=True, slots=True)
class _Claim:
    stake_wei: int
    payment_wei: int
    note: str


_MOVES: Final = (
    _Move("answer (round 0)", "validator", _ANSWER, 0, 300),
    _Move("dispute (round 1)", "disputer", _DISPUTED_ANSWER, 1, 120),
    _Move("counter-dispute (round 2)", "counter_disputer", _ANSWER, 2, 180),
)


async def run_scenario(client: ChainClient, chain: DevChain, accounts: DemoAccounts) -> DemoReport:
    """Deploy, play the request game to the end (moving `chain`'s clock), and report what the
    chain says."""
    protocol, requester = await _set_up(client, accounts)
    oracle = protocol.oracle
    recorder = _Recorder()

    receipt = await requester.create(accounts.deployer, demo_request_args())
    recorder.record("create_request (via requester)", "deployer", receipt)
    created = oracle.single_event(receipt, RequestCreated)
    request_id = created.request_id
    settlement_time = (await oracle.request_params(request_id)).settlement_time
    now_s = await client.block_timestamp()
    if now_s < settlement_time:
        await chain.time_travel(settlement_time - now_s)

    before = await _balances(protocol, accounts)
    stakers = dict(accounts.stakers)
    for move in _MOVES:
        # Mined, not only scheduled: the stake's gas is estimated on the latest block, and a
        # round takes no stake at the timestamp of the block that opened it.
        await chain.time_travel(move.delay_s)
        bond_wei = (await oracle.round_info(request_id, move.round)).bond
        receipt = await oracle.stake(stakers[move.role], request_id, move.outcome, bond_wei)
        recorder.record(move.step, move.role, receipt)
        recorder.stakes.extend((move.role, event) for event in oracle.events_in(receipt, Staked))

    await chain.time_travel(CHALLENGE_PERIOD_S + 1)
    callback = await _finalize(protocol, requester, accounts.finalizer, request_id, recorder)
    claims = await _claim_all(protocol, accounts, request_id, recorder)
    after = await _balances(protocol, accounts)

    payouts = tuple(
        PayoutRow(
            role=role,
            account=staker.address,
            stake_in_wei=sum(event.amount for r, event in recorder.stakes if r == role),
            stake_out_wei=claims[role].stake_wei,
            fee_out_wei=claims[role].payment_wei,
            net_stake_wei=after[role][0] - before[role][0],
            net_payment_wei=after[role][1] - before[role][1],
            note=claims[role].note,
        )
        for role, staker in accounts.stakers
    )
    return DemoReport(
        request=await _summary(protocol, created),
        rounds=await _rounds(protocol, request_id, recorder.stakes),
        payouts=payouts,
        callback=callback,
        gas=tuple(recorder.gas),
        stake_symbol=await protocol.stake_token.symbol(),
        payment_symbol=await protocol.payment_token.symbol(),
    )


async def _finalize(
    protocol: DevProtocol,
    requester: MockRequester,
    finalizer: LocalAccount,
    request_id: int,
    recorder: _Recorder,
) -> CallbackRow:
    """Finalize as "anyone", then pay the requester the validity bond finalization credited
    it; return the requester's callback and that refund."""
    payment_before_wei = await protocol.payment_token.balance_of(requester.address)
    receipt = await protocol.oracle.finalize(finalizer, request_id)
    recorder.record("finalize (credit refund, callback)", "finalizer", receipt)
    if protocol.oracle.single_event(receipt, Finalized).request_id != request_id:
        raise ChainError(f"finalize did not log request {request_id}")
    received = requester.events_in(receipt, OutcomeReceived)
    if len(received) != 1 or received[0].request_id != request_id:
        raise ChainError("the requester's on_outcome callback did not run")
    withdrawal = await protocol.oracle.withdraw(
        finalizer, protocol.payment_token.address, requester.address
    )
    recorder.record("withdraw validity bond to requester", "finalizer", withdrawal)
    payment_after_wei = await protocol.payment_token.balance_of(requester.address)
    return CallbackRow(
        requester=requester.address,
        request_id=received[0].request_id,
        outcome=outcome_label(received[0].outcome),
        validity_bond_refund_wei=payment_after_wei - payment_before_wei,
    )


async def _claim_all(
    protocol: DevProtocol, accounts: DemoAccounts, request_id: int, recorder: _Recorder
) -> dict[str, _Claim]:
    """Claim for every staker (anyone may); a staker with nothing to claim gets a note."""
    claims: dict[str, _Claim] = {}
    for role, staker in accounts.stakers:
        try:
            receipt = await protocol.oracle.claim(accounts.finalizer, request_id, staker.address)
        except TransactionReverted as error:
            claims[role] = _Claim(0, 0, f"claim reverts: {error.reason}")
            continue
        recorder.record(f"claim for {role}", "finalizer", receipt)
        claimed = protocol.oracle.single_event(receipt, Claimed)
        claims[role] = _Claim(claimed.stake_amount, claimed.payment_amount, "")
    return claims


async def _balances(protocol: DevProtocol, accounts: DemoAccounts) -> dict[str, tuple[int, int]]:
    return {
        role: (
            await protocol.stake_token.balance_of(staker.address),
            await protocol.payment_token.balance_of(staker.address),
        )
        for role, staker in accounts.stakers
    }


async def _summary(protocol: DevProtocol, created: RequestCreated) -> RequestSummary:
    """The request as the chain records it: texts from its creation event, numbers from views."""
    oracle = protocol.oracle
    params = await oracle.request_params(created.request_id)
    config = await oracle.config(params.config_id)
    finalized, outcome = await oracle.outcome_of(created.request_id)
    return RequestSummary(
        request_id=created.request_id,
        question=created.description,
        outcomes=created.outcomes,
        source=created.sources[0],
        requester=params.requester,
        oracle=oracle.address,
        stake_token=config.stake_token,
        payment_token=config.payment_token,
        base_bond=params.base_bond,
        fee=params.fee,
        validity_bond=config.validity_bond,
        challenge_period=params.challenge_period,
        settlement_time=params.settlement_time,
        finalized=finalized,
        final_outcome=outcome_label(outcome, created.outcomes),
    )


async def _rounds(
    protocol: DevProtocol, request_id: int, stakes: Sequence[tuple[str, Staked]]
) -> tuple[RoundRow, ...]:
    oracle = protocol.oracle
    last_round = await oracle.current_round(request_id)
    rows: list[RoundRow] = []
    for round_index in range(last_round):
        info = await oracle.round_info(request_id, round_index)
        if not info.bonded:
            continue
        next_round = await oracle.round_info(request_id, round_index + 1)
        filler = next(
            (
                (role, event)
                for role, event in stakes
                if event.round == round_index and event.bonded
            ),
            None,
        )
        if filler is None:
            raise ChainError(f"no Staked event bonded round {round_index}")
        role, event = filler
        rows.append(
            RoundRow(
                round=round_index,
                bond_wei=info.bond,
                outcome=outcome_label(info.bonded_outcome),
                staker_role=role,
                staker=event.staker,
                bonded_at_s=next_round.start,
            )
        )
    return tuple(rows)


def run_demo(accounts: DemoAccounts | None = None) -> DemoReport:
    """Start a throwaway anvil, run the scenario on it, and stop anvil whatever happens."""
    with Anvil() as anvil:
        return asyncio.run(_run_on(anvil.url, accounts or DemoAccounts.from_keys()))


async def _run_on(url: str, accounts: DemoAccounts) -> DemoReport:
    async with await ChainClient.connect(url) as client, DevChain(url) as chain:
        return await run_scenario(client, chain, accounts)
