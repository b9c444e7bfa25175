"""What a devnet run did, as read back from the chain, and the checks that say it went right.
Pure: the values come in (see `fluxo.devnet.readback`), verdicts and JSON go out.

    summary = RunSummary(requests=..., nodes=..., claims=..., tokens=..., feeds=...,
                         markets=..., market_holdings=..., conditional=..., ...)
    for check in run_checks(summary):
        check.name, check.status, check.detail     # passed | failed
    as_json(summary)                                # the document `fluxo devnet --json` writes

Amounts are integer wei of the token named; JSON carries them as decimal strings (`_wei`).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Final


@dataclass(frozen=True, slots=True)
class StakeRow:
    round: int
    account: str
    outcome_hex: str
    amount_wei: int
    bonded: bool


@dataclass(frozen=True, slots=True)
class RequestRow:
    """One request: what was asked, what the data says, and how the network answered."""

    request_id: int
    key: str
    kind: str
    description: str
    truth: str
    finalized: bool
    outcome_hex: str | None
    outcome_text: str | None
    rounds: int  # rounds with a bond
    bonds_wei: tuple[int, ...]  # bond of each bonded round, in order
    stakes: tuple[StakeRow, ...]
    unstakes: tuple[StakeRow, ...] = ()
    # Asked by a prediction market or the ConditionalTokens resolver (its document was final
    # from the start), not one of the devnet's questions.
    market: bool = False


@dataclass(frozen=True, slots=True)
class NodeRow:
    """One node's account and its FLX from after funding to the end. `staked_wei`,
    `unstaked_wei` and `claimed_wei` are on the devnet's questions; `market_net_wei` is what
    the node won or lost on the markets' requests (claims and unstakes less stakes)."""

    name: str
    role: str
    address: str
    faulty: bool
    flx_start_wei: int
    flx_end_wei: int
    staked_wei: int
    unstaked_wei: int
    claimed_wei: int
    url: str
    slashed_wei: int = 0  # stakes lost on outcomes other than the final one
    market_net_wei: int = 0

    @property
    def flx_change_wei(self) -> int:
        return self.flx_end_wei - self.flx_start_wei

    @property
    def game_net_wei(self) -> int:
        """What the game says the account won (or lost): claims and returned stakes less
        what it staked, on the questions and the markets' requests."""
        return self.claimed_wei + self.unstaked_wei - self.staked_wei + self.market_net_wei

    @property
    def bonded_wei(self) -> int:
        """What it staked and never took back by unstaking."""
        return self.staked_wei - self.unstaked_wei


@dataclass(frozen=True, slots=True)
class ClaimRow:
    """One `claim`: what `claimable` said just before it, what it paid, and how much the
    claimant's balances rose in its block."""

    request_id: int
    account: str
    tx_hash: str
    block: int
    claimable_stake_wei: int
    claimable_payment_wei: int
    paid_stake_wei: int
    paid_payment_wei: int
    flx_gain_wei: int
    payment_gain_wei: int


@dataclass(frozen=True, slots=True)
class TokenHoldings:
    """A token's supply and the balance of every account that ever received it."""

    symbol: str
    address: str
    total_supply_wei: int
    balances_wei: Mapping[str, int]


@dataclass(frozen=True, slots=True)
class OracleHoldings:
    """What the Oracle holds of one token, and what it still owes for it: credits anybody may
    withdraw, claims not made yet, stakes in requests still open."""

    symbol: str
    balance_wei: int
    withdrawable_wei: int
    unclaimed_wei: int
    open_stakes_wei: int


@dataclass(frozen=True, slots=True)
class FeedRoundRow:
    round_id: int
    answer: str  # exact decimal
    updated_at_s: int
    tx_hash: str
    gas_used: int


@dataclass(frozen=True, slots=True)
class FeedRow:
    name: str
    kind: str  # "feed" | "aggregator"
    address: str
    rounds: tuple[FeedRoundRow, ...]


@dataclass(frozen=True, slots=True)
class ProcessRow:
    name: str
    pid: int
    exit_code: int | None = None


@dataclass(frozen=True, slots=True)
class MarketRedemptionRow:
    """One `redeem` of outcome tokens: what it paid, what `redeemable` said in the block
    before, and the account's net cost basis then (what an INVALID market refunds)."""

    market_id: int
    account: str
    tx_hash: str
    block: int
    paid_wei: int
    redeemable_before_wei: int
    net_cost_before_wei: int


@dataclass(frozen=True, slots=True)
class TraderPnlRow:
    """One account's money in one market, from the market's events: collateral paid in (buys,
    liquidity), taken out (sells, merges, redemptions), and what it still holds."""

    account: str
    paid_in_wei: int
    taken_out_wei: int
    value_wei: int
    liquidity_redeemed_wei: int = 0

    @property
    def pnl_wei(self) -> int:
        return self.taken_out_wei + self.value_wei - self.paid_in_wei


@dataclass(frozen=True, slots=True)
class MarketRow:
    """One prediction market: its question, the data's answer, how it resolved, every outcome
    redemption and each account's P&L."""

    market_id: int
    request_id: int
    key: str
    category: str
    kind: str  # "categorical" | "scalar"
    question: str
    labels: tuple[str, ...]
    truth: str
    status: str  # trading | closed | resolved | invalid
    outcome: str | None  # the Oracle's answer as text (a label, a number, INVALID)
    winner: str | None  # a resolved categorical market's winning label
    redemptions: tuple[MarketRedemptionRow, ...]
    positions: tuple[TraderPnlRow, ...]
    left_to_redeem_wei: int  # what `redeemable` still owes its accounts at the end
    lp_shares_left: int  # liquidity shares its accounts still hold at the end

    @property
    def redeemers(self) -> int:
        return len({r.account for r in self.redemptions}) + sum(
            1 for p in self.positions if p.liquidity_redeemed_wei
        )

    @property
    def dust_bound_wei(self) -> int:
        """What the market may keep of this market's collateral once everyone redeemed (SPEC
        IV.6): nothing after a categorical outcome; below 1 wei per redemption after a scalar
        one or an INVALID one (one floor each)."""
        if self.kind == "categorical" and self.status == "resolved":
            return 0
        return self.redeemers


@dataclass(frozen=True, slots=True)
class MarketHoldings:
    """The collateral the PredictionMarket (every market's) holds at the end."""

    symbol: str
    address: str
    balance_wei: int


@dataclass(frozen=True, slots=True)
class ConditionalRedemptionRow:
    """One `redeemPositions` through ConditionalTokens: what it paid, and what the account's
    outcome tokens in the block before were worth at the reported payouts."""

    account: str
    tx_hash: str
    payout_wei: int
    expected_wei: int


@dataclass(frozen=True, slots=True)
class ConditionalRow:
    """The question resolved through the ConditionalTokensResolver: the payout vector
    ConditionalTokens holds, the redemptions, and the collateral it still holds."""

    request_id: int
    key: str
    question: str
    labels: tuple[str, ...]
    truth: str
    outcome: str | None
    condition_id: str
    payout_numerators: tuple[int, ...]
    payout_denominator: int
    redemptions: tuple[ConditionalRedemptionRow, ...]
    collateral_held_wei: int  # ConditionalTokens' fUSD balance at the end


@dataclass(frozen=True, slots=True)
class RunSummary:
    chain_id: int
    rpc_url: str
    deployment_path: str
    requests: tuple[RequestRow, ...]
    nodes: tuple[NodeRow, ...]
    claims: tuple[ClaimRow, ...]
    tokens: tuple[TokenHoldings, ...]
    oracle: tuple[OracleHoldings, ...]
    feeds: tuple[FeedRow, ...]
    price_steps: int
    duration_s: float = 0.0
    processes: tuple[ProcessRow, ...] = ()
    notes: tuple[str, ...] = field(default=())
    markets: tuple[MarketRow, ...] = ()
    market_holdings: MarketHoldings | None = None
    conditional: ConditionalRow | None = None


def slashed_by_account(requests: Sequence[RequestRow]) -> dict[str, int]:
    """What each account lost: its stakes on an outcome other than the final one, less what it
    took back of them by unstaking (stakes on an outcome that never bonded come back)."""
    lost: dict[str, int] = {}
    for request in requests:
        if not request.finalized:
            continue
        for row, sign in [(s, 1) for s in request.stakes] + [(u, -1) for u in request.unstakes]:
            if row.outcome_hex != request.outcome_hex:
                lost[row.account] = lost.get(row.account, 0) + sign * row.amount_wei
    return lost


class CheckStatus(StrEnum):
    PASSED = "passed"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    status: CheckStatus
    detail: str


def _verdict(name: str, problems: Sequence[str], passed: str) -> Check:
    if problems:
        return Check(name, CheckStatus.FAILED, "; ".join(problems))
    return Check(name, CheckStatus.PASSED, passed)


def check_outcomes(requests: Sequence[RequestRow]) -> Check:
    """Every request is final and its outcome is the data's truth."""
    problems = [
        f"request {r.request_id} ({r.key}): "
        + ("not final" if not r.finalized else f"{r.outcome_text!r}, the data says {r.truth!r}")
        for r in requests
        if not r.finalized or r.outcome_text != r.truth
    ]
    if not requests:
        problems.append("no requests")
    return _verdict("outcomes equal the data", problems, f"{len(requests)} of {len(requests)}")


def check_faulty_slashed(nodes: Sequence[NodeRow]) -> Check:
    """The faulty validator bonded stake on the questions, claimed nothing there, and lost
    exactly what it bonded (its FLX otherwise moved only by the markets' requests, which it
    answers from final documents like everyone)."""
    problems: list[str] = []
    faulty = [node for node in nodes if node.faulty]
    if not faulty:
        problems.append("no faulty validator")
    for node in faulty:
        if node.bonded_wei <= 0:
            problems.append(f"{node.name} bonded nothing")
        if node.claimed_wei:
            problems.append(f"{node.name} claimed {node.claimed_wei} wei")
        if node.slashed_wei != node.bonded_wei:
            problems.append(
                f"{node.name} was slashed {node.slashed_wei} wei of its {node.bonded_wei} bonded"
            )
        if node.flx_change_wei != node.market_net_wei - node.bonded_wei:
            problems.append(
                f"{node.name} FLX changed by {node.flx_change_wei} wei, its bonded stake is "
                f"{node.bonded_wei} wei and the markets' requests moved {node.market_net_wei}"
            )
    lost = sum(node.bonded_wei for node in faulty)
    return _verdict("faulty validator slashed", problems, f"lost exactly its {lost} wei bonded")


def check_claims(claims: Sequence[ClaimRow], nodes: Sequence[NodeRow]) -> Check:
    """Every claim paid exactly what `claimable` said before it, and the claimant's balances
    rose by that much; every honest validator that staked claimed something and lost nothing."""
    problems: list[str] = []
    for c in claims:
        where = f"request {c.request_id}, {c.account}"
        if (c.paid_stake_wei, c.paid_payment_wei) != (
            c.claimable_stake_wei,
            c.claimable_payment_wei,
        ):
            problems.append(
                f"{where}: paid ({c.paid_stake_wei}, {c.paid_payment_wei}), claimable said "
                f"({c.claimable_stake_wei}, {c.claimable_payment_wei})"
            )
        if (c.flx_gain_wei, c.payment_gain_wei) != (c.paid_stake_wei, c.paid_payment_wei):
            problems.append(
                f"{where}: balances rose by ({c.flx_gain_wei}, {c.payment_gain_wei}), "
                f"the claim paid ({c.paid_stake_wei}, {c.paid_payment_wei})"
            )
    for node in nodes:
        if (
            node.role == "validator"
            and not node.faulty
            and node.staked_wei
            and not node.claimed_wei
        ):
            problems.append(f"{node.name} staked but claimed nothing")
        if not node.faulty and node.slashed_wei:
            problems.append(f"{node.name} lost {node.slashed_wei} wei on a wrong outcome")
    if not claims:
        problems.append("no claims")
    return _verdict("claims equal claimable", problems, f"{len(claims)} claims")


def check_node_balances(nodes: Sequence[NodeRow]) -> Check:
    """Every node's FLX moved by exactly what its stakes, unstakes and claims say."""
    problems = [
        f"{node.name}: FLX changed by {node.flx_change_wei} wei, the game says {node.game_net_wei}"
        for node in nodes
        if node.flx_change_wei != node.game_net_wei
    ]
    return _verdict("node balances explained", problems, f"{len(nodes)} nodes")


def check_conservation(tokens: Sequence[TokenHoldings]) -> Check:
    """For every token, the balances of every account that ever received it add up to its
    supply: no token appeared or vanished anywhere."""
    problems: list[str] = []
    for token in tokens:
        held = sum(token.balances_wei.values())
        if held != token.total_supply_wei:
            problems.append(
                f"{token.symbol}: {held} wei held across {len(token.balances_wei)} accounts, "
                f"supply {token.total_supply_wei}"
            )
    counted = ", ".join(f"{t.symbol} over {len(t.balances_wei)} holders" for t in tokens)
    return _verdict("token conservation", problems, counted)


def check_oracle_settled(holdings: Sequence[OracleHoldings]) -> Check:
    """The Oracle holds exactly what it owes: withdrawable credits, unclaimed claims and stakes
    in open requests; nothing stranded, nothing missing."""
    problems = [
        f"{h.symbol}: holds {h.balance_wei} wei, owes {owed} wei"
        for h in holdings
        if h.balance_wei != (owed := h.withdrawable_wei + h.unclaimed_wei + h.open_stakes_wei)
    ]
    return _verdict("oracle holds what it owes", problems, "every token accounted for")


def check_feeds(feeds: Sequence[FeedRow], price_steps: int) -> Check:
    """Each feed and the aggregator have a round per price step (each step moves past both
    deviation thresholds)."""
    problems: list[str] = []
    for feed in feeds:
        if len(feed.rounds) < price_steps:
            problems.append(
                f"{feed.name} ({feed.kind}): {len(feed.rounds)} rounds, one per price step "
                f"expected ({price_steps})"
            )
    total = sum(len(feed.rounds) for feed in feeds)
    return _verdict("feeds and aggregator updated", problems, f"{total} rounds")


def check_processes(processes: Sequence[ProcessRow]) -> Check:
    """Every process the devnet started has exited."""
    running = [f"{p.name} (pid {p.pid})" for p in processes if p.exit_code is None]
    if running:
        return Check(
            "processes stopped", CheckStatus.FAILED, "still running: " + ", ".join(running)
        )
    return Check("processes stopped", CheckStatus.PASSED, f"{len(processes)} processes")


# The answer text of INVALID (`fluxo.sdk.Answer`): the truth of a question whose document
# says something that is no label.
INVALID_TEXT: Final = "INVALID"
_RESOLVED_STATUSES: Final = ("resolved", "invalid")


def check_markets_resolved(markets: Sequence[MarketRow]) -> Check:
    """Every market resolved from the Oracle's answer, and that answer is the data's: the
    winning label is the truth, an INVALID truth left the market INVALID."""
    problems: list[str] = []
    for m in markets:
        where = f"market {m.market_id} ({m.key})"
        if m.status not in _RESOLVED_STATUSES:
            problems.append(f"{where}: {m.status}, not resolved")
        elif m.outcome != m.truth:
            problems.append(f"{where}: resolved on {m.outcome!r}, the data says {m.truth!r}")
        elif (m.status == "invalid") != (m.truth == INVALID_TEXT):
            problems.append(f"{where}: status {m.status} for the answer {m.outcome!r}")
        elif m.kind == "categorical" and m.status == "resolved" and m.winner != m.truth:
            problems.append(f"{where}: won by {m.winner!r}, the data says {m.truth!r}")
    if not markets:
        problems.append("no markets")
    invalid = sum(1 for m in markets if m.status == "invalid")
    return _verdict(
        "markets resolved as the data says", problems, f"{len(markets)} markets, {invalid} INVALID"
    )


def check_market_redemptions(markets: Sequence[MarketRow]) -> Check:
    """Every redemption paid what `redeemable` said just before it; in an INVALID market that
    is the account's net cost basis (nobody here sold above cost, so every claim is paid in
    full); and at the end nobody is owed anything or holds liquidity."""
    problems: list[str] = []
    for m in markets:
        for r in m.redemptions:
            where = f"market {m.market_id}, {r.account}"
            if r.paid_wei != r.redeemable_before_wei:
                problems.append(
                    f"{where}: paid {r.paid_wei} wei, redeemable said {r.redeemable_before_wei}"
                )
            if m.status == "invalid" and r.paid_wei != max(r.net_cost_before_wei, 0):
                problems.append(
                    f"{where}: refunded {r.paid_wei} wei of a net cost of "
                    f"{r.net_cost_before_wei} wei"
                )
        if m.left_to_redeem_wei or m.lp_shares_left:
            problems.append(
                f"market {m.market_id}: {m.left_to_redeem_wei} wei still redeemable, "
                f"{m.lp_shares_left} liquidity shares not redeemed"
            )
    count = sum(len(m.redemptions) for m in markets)
    return _verdict("market redemptions equal redeemable", problems, f"{count} redemptions")


def check_market_money(markets: Sequence[MarketRow], holdings: MarketHoldings | None) -> Check:
    """After everyone redeemed the PredictionMarket keeps at most the dust SPEC IV.6 allows,
    and the accounts' P&L add up to minus what it keeps: markets create no money."""
    if holdings is None:
        return Check("markets hold at most dust", CheckStatus.FAILED, "no market holdings read")
    problems: list[str] = []
    bound_wei = sum(m.dust_bound_wei for m in markets)
    if holdings.balance_wei > bound_wei:
        problems.append(
            f"the PredictionMarket holds {holdings.balance_wei} wei {holdings.symbol}, "
            f"more than the {bound_wei} wei of dust allowed"
        )
    pnl_wei = sum(p.pnl_wei for m in markets for p in m.positions)
    if pnl_wei != -holdings.balance_wei:
        problems.append(
            f"the accounts' P&L add up to {pnl_wei} wei, the market keeps {holdings.balance_wei}"
        )
    return _verdict(
        "markets hold at most dust",
        problems,
        f"{holdings.balance_wei} wei left of at most {bound_wei}; P&L sums to minus that",
    )


def expected_payouts(labels: Sequence[str], truth: str) -> tuple[int, ...]:
    """The payout vector the resolver reports for a categorical answer: 1 for the winner, or 1
    everywhere for INVALID (as Omen's oracle adapter does)."""
    if truth == INVALID_TEXT or truth not in labels:
        return (1,) * len(labels)
    return tuple(int(label == truth) for label in labels)


def check_conditional(conditional: ConditionalRow | None) -> Check:
    """The question asked through the ConditionalTokensResolver resolved as the data says,
    ConditionalTokens holds its payout vector, every redemption paid the tokens' worth at it,
    and ConditionalTokens keeps no collateral afterwards."""
    name = "ConditionalTokens paid out"
    if conditional is None:
        return Check(name, CheckStatus.FAILED, "no conditional question read")
    c = conditional
    problems: list[str] = []
    if c.outcome != c.truth:
        problems.append(f"request {c.request_id}: {c.outcome!r}, the data says {c.truth!r}")
    expected = expected_payouts(c.labels, c.truth)
    if c.payout_denominator == 0:
        problems.append("no payouts reported")
    elif c.payout_numerators != expected:
        problems.append(f"payouts {list(c.payout_numerators)}, expected {list(expected)}")
    for r in c.redemptions:
        if r.payout_wei != r.expected_wei:
            problems.append(
                f"{r.account}: paid {r.payout_wei} wei, its tokens were worth {r.expected_wei}"
            )
    if not c.redemptions:
        problems.append("nobody redeemed")
    if c.collateral_held_wei:
        problems.append(f"ConditionalTokens still holds {c.collateral_held_wei} wei")
    return _verdict(
        name, problems, f"payouts {list(c.payout_numerators)}, {len(c.redemptions)} redemptions"
    )


def run_checks(summary: RunSummary) -> list[Check]:
    checks = [
        check_outcomes(summary.requests),
        check_faulty_slashed(summary.nodes),
        check_claims(summary.claims, summary.nodes),
        check_node_balances(summary.nodes),
        check_conservation(summary.tokens),
        check_oracle_settled(summary.oracle),
        check_feeds(summary.feeds, summary.price_steps),
        check_markets_resolved(summary.markets),
        check_market_redemptions(summary.markets),
        check_market_money(summary.markets, summary.market_holdings),
        check_conditional(summary.conditional),
    ]
    if summary.processes:
        checks.append(check_processes(summary.processes))
    return checks


def all_passed(checks: Sequence[Check]) -> bool:
    return all(check.status is not CheckStatus.FAILED for check in checks)


def as_json(summary: RunSummary) -> dict[str, Any]:
    """The summary as JSON values: amounts as decimal strings of wei, the checks included."""
    checks = run_checks(summary)
    return {
        "ok": all_passed(checks),
        "chain_id": summary.chain_id,
        "rpc_url": summary.rpc_url,
        "deployment": summary.deployment_path,
        "duration_s": round(summary.duration_s, 1),
        "checks": [{"name": c.name, "status": str(c.status), "detail": c.detail} for c in checks],
        "requests": [
            {
                "request_id": r.request_id,
                "key": r.key,
                "kind": r.kind,
                "description": r.description,
                "truth": r.truth,
                "finalized": r.finalized,
                "outcome_hex": r.outcome_hex,
                "outcome": r.outcome_text,
                "rounds": r.rounds,
                "bonds_wei": [str(bond) for bond in r.bonds_wei],
                "stakes": [_stake_json(s) for s in r.stakes],
                "unstakes": [_stake_json(u) for u in r.unstakes],
                "market": r.market,
            }
            for r in summary.requests
        ],
        "nodes": [
            {
                "name": n.name,
                "role": n.role,
                "address": n.address,
                "faulty": n.faulty,
                "url": n.url,
                "flx_start_wei": str(n.flx_start_wei),
                "flx_end_wei": str(n.flx_end_wei),
                "flx_change_wei": str(n.flx_change_wei),
                "staked_wei": str(n.staked_wei),
                "unstaked_wei": str(n.unstaked_wei),
                "bonded_wei": str(n.bonded_wei),
                "claimed_wei": str(n.claimed_wei),
                "slashed_wei": str(n.slashed_wei),
                "market_net_wei": str(n.market_net_wei),
            }
            for n in summary.nodes
        ],
        "claims": [
            {
                "request_id": c.request_id,
                "account": c.account,
                "tx_hash": c.tx_hash,
                "block": c.block,
                "claimable_stake_wei": str(c.claimable_stake_wei),
                "claimable_payment_wei": str(c.claimable_payment_wei),
                "paid_stake_wei": str(c.paid_stake_wei),
                "paid_payment_wei": str(c.paid_payment_wei),
                "flx_gain_wei": str(c.flx_gain_wei),
                "payment_gain_wei": str(c.payment_gain_wei),
            }
            for c in summary.claims
        ],
        "tokens": [
            {
                "symbol": t.symbol,
                "address": t.address,
                "total_supply_wei": str(t.total_supply_wei),
                "held_wei": str(sum(t.balances_wei.values())),
                "balances_wei": {holder: str(v) for holder, v in t.balances_wei.items()},
            }
            for t in summary.tokens
        ],
        "oracle": [
            {
                "symbol": h.symbol,
                "balance_wei": str(h.balance_wei),
                "withdrawable_wei": str(h.withdrawable_wei),
                "unclaimed_wei": str(h.unclaimed_wei),
                "open_stakes_wei": str(h.open_stakes_wei),
            }
            for h in summary.oracle
        ],
        "feeds": [
            {
                "name": f.name,
                "kind": f.kind,
                "address": f.address,
                "rounds": [
                    {
                        "round_id": r.round_id,
                        "answer": r.answer,
                        "updated_at_s": r.updated_at_s,
                        "tx_hash": r.tx_hash,
                        "gas_used": r.gas_used,
                    }
                    for r in f.rounds
                ],
            }
            for f in summary.feeds
        ],
        "price_steps": summary.price_steps,
        "processes": [
            {"name": p.name, "pid": p.pid, "exit_code": p.exit_code} for p in summary.processes
        ],
        "notes": list(summary.notes),
        "markets": [_market_json(m) for m in summary.markets],
        "market_holdings": None
        if summary.market_holdings is None
        else {
            "symbol": summary.market_holdings.symbol,
            "address": summary.market_holdings.address,
            "balance_wei": str(summary.market_holdings.balance_wei),
            "dust_bound_wei": str(sum(m.dust_bound_wei for m in summary.markets)),
        },
        "conditional": None
        if summary.conditional is None
        else _conditional_json(summary.conditional),
    }


def _market_json(m: MarketRow) -> dict[str, Any]:
    return {
        "market_id": m.market_id,
        "request_id": m.request_id,
        "key": m.key,
        "category": m.category,
        "kind": m.kind,
        "question": m.question,
        "labels": list(m.labels),
        "truth": m.truth,
        "status": m.status,
        "outcome": m.outcome,
        "winner": m.winner,
        "dust_bound_wei": str(m.dust_bound_wei),
        "left_to_redeem_wei": str(m.left_to_redeem_wei),
        "lp_shares_left": str(m.lp_shares_left),
        "redemptions": [
            {
                "account": r.account,
                "tx_hash": r.tx_hash,
                "block": r.block,
                "paid_wei": str(r.paid_wei),
                "redeemable_before_wei": str(r.redeemable_before_wei),
                "net_cost_before_wei": str(r.net_cost_before_wei),
            }
            for r in m.redemptions
        ],
        "positions": [
            {
                "account": p.account,
                "paid_in_wei": str(p.paid_in_wei),
                "taken_out_wei": str(p.taken_out_wei),
                "value_wei": str(p.value_wei),
                "liquidity_redeemed_wei": str(p.liquidity_redeemed_wei),
                "pnl_wei": str(p.pnl_wei),
            }
            for p in m.positions
        ],
    }


def _conditional_json(c: ConditionalRow) -> dict[str, Any]:
    return {
        "request_id": c.request_id,
        "key": c.key,
        "question": c.question,
        "labels": list(c.labels),
        "truth": c.truth,
        "outcome": c.outcome,
        "condition_id": c.condition_id,
        "payout_numerators": [str(n) for n in c.payout_numerators],
        "payout_denominator": str(c.payout_denominator),
        "collateral_held_wei": str(c.collateral_held_wei),
        "redemptions": [
            {
                "account": r.account,
                "tx_hash": r.tx_hash,
                "payout_wei": str(r.payout_wei),
                "expected_wei": str(r.expected_wei),
            }
            for r in c.redemptions
        ],
    }


def _stake_json(row: StakeRow) -> dict[str, Any]:
    return {
        "round": row.round,
        "account": row.account,
        "outcome_hex": row.outcome_hex,
        "amount_wei": str(row.amount_wei),
        "bonded": row.bonded,
    }
