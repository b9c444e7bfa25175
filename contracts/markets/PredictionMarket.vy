# pragma version ~=0.4.3
# pragma optimize codesize
"""
@title Fluxo PredictionMarket: fixed-product market makers resolved by the Fluxo Oracle
@custom:contract-name PredictionMarket
@license MIT
@notice One contract holds every market (a singleton, whitelisted once as a
        requester of the Oracle). A market is a Gnosis-style fixed-product
        market maker over one collateral ERC20 with 2 to 8 categorical
        outcomes, or a scalar pair (outcome 0 short, outcome 1 long) paying
        linearly in the Oracle's NUMBER answer between `lower` and `upper`.
        Outcome tokens and liquidity shares are internal balances, not
        ERC-1155 tokens: a trade moves the collateral once and updates a few
        packed words. Creating a market creates its Oracle request, paid by
        the creator. The Oracle's `on_outcome` resolves it; `resolve` pulls a
        finalized outcome if the callback never arrived; `cancel` turns an
        unanswered question into INVALID. INVALID refunds every account's net
        cost basis; liquidity providers share what is left. See Part IV of
        docs/SPEC.md for the math and its rounding.

        Storage is packed by hand (Vyper does not pack). Per market:
        `_market`:     collateral [0, 160) | outcome count [160, 164) |
                       scalar flag bit 164 | status [165, 167) |
                       fee bps [168, 180) | close time [184, 224) |
                       winning index [224, 228) (categorical, once resolved)
        `_resolution`: Oracle request id [0, 128) | scalar long numerator
                       `clamp(x) - lower` [128, 256) (once resolved)
        `_scalar`:     lower [0, 128) | upper [128, 256), int128 each
        `_pool[k]`:    balance of outcome 2k [0, 128) | of 2k+1 [128, 256)
        `_totals`:     complete sets outstanding (= collateral held)
                       [0, 128) | sum of positive net cost bases [128, 256)
        `_liquidity`:  share supply [0, 128) | providers' book [128, 256);
                       once resolved: what providers split by (shares,
                       or books on INVALID) [0, 128) | what is left for
                       them [128, 256)
        Per market and account: `_positions[k]` packed like `_pool[k]`,
        `_net_cost` (int256), `_lp`: liquidity shares [0, 128) | the
        collateral behind them, its book [128, 256).

        Compiled with `optimize codesize`: the gas-optimized build exceeds
        EIP-170's 24 576 bytes, and codesize costs about 50 gas per call.
@custom:security Report vulnerabilities privately to the maintainers
                 (see SECURITY.md); never in a public issue.
@custom:pause The owner calls `pause()`: market creation, buys and added
              liquidity stop. Sells, merges, removed liquidity, resolution
              and redemption stay open so that funds can always leave.
              `unpause()` resumes.
"""


from ethereum.ercs import IERC20

from snekmate.auth import ownable
initializes: ownable

from snekmate.auth import ownable_2step
initializes: ownable_2step[ownable := ownable]

from snekmate.utils import pausable
initializes: pausable

from ..interfaces import IOracle

from ..interfaces import IRequester
implements: IRequester

# @dev Books the Oracle's refunds (validity bond, fee) to each market's
# creator.
from . import oracle_refunds
initializes: oracle_refunds

exports: (
    ownable_2step.owner,
    ownable_2step.pending_owner,
    ownable_2step.transfer_ownership,
    ownable_2step.accept_ownership,
    pausable.paused,
)


# @dev The outcome every Oracle request accepts (int256 min).
INVALID_OUTCOME: public(constant(bytes32)) = 0x8000000000000000000000000000000000000000000000000000000000000000
# @dev The most collateral one market may hold; keeps every product in
# the trade math below 2**256.
MAX_AMOUNT: public(constant(uint256)) = 2**96 - 1
# @dev The highest swap fee: 5 % (0.01 % is 1 bps, the lowest non-zero).
MAX_FEE_BPS: public(constant(uint256)) = 500


# @dev 100 % in basis points.
_BPS: constant(uint256) = 10_000
# @dev Scale of the running product in the trade math (Gnosis's ONE).
_ONE: constant(uint256) = 10**18
_MAX_OUTCOMES: constant(uint256) = 8
_MAX_WORDS: constant(uint256) = 4

_MASK_4: constant(uint256) = 2**4 - 1
_MASK_40: constant(uint256) = 2**40 - 1
_MASK_96: constant(uint256) = 2**96 - 1
_MASK_128: constant(uint256) = 2**128 - 1
_MASK_160: constant(uint256) = 2**160 - 1

# @dev `_market` fields (see the module docstring).
_COUNT_SHIFT: constant(uint256) = 160
_SCALAR: constant(uint256) = 1 << 164
_STATUS_SHIFT: constant(uint256) = 165
_FEE_SHIFT: constant(uint256) = 168
_CLOSE_SHIFT: constant(uint256) = 184
_WINNER_SHIFT: constant(uint256) = 224

# @dev Market status: trading until resolved, then paying a payout
# vector (RESOLVED) or refunding net cost bases (INVALID).
_TRADING: constant(uint256) = 0
_RESOLVED: constant(uint256) = 1
_INVALID: constant(uint256) = 2

_HIGH: constant(uint256) = 128


# @dev The Oracle every market asks; immutable, so the caller check in
# `on_outcome` reads no storage.
_ORACLE: immutable(address)


# @dev What a creator passes to `create_market`.
struct MarketArgs:
    question: String[512]
    sources: DynArray[IOracle.Source, 8]
    category: String[55]
    outcomes: DynArray[String[64], 8]
    scalar: bool
    decimals: uint8
    lower: int256
    upper: int256
    collateral: address
    fee_bps: uint256
    close_time: uint256
    settlement_time: uint256
    challenge_period: uint256
    min_bond: uint256
    oracle_fee: uint256
    funding: uint256
    weights: DynArray[uint256, 8]


# @dev What `market` returns.
struct MarketInfo:
    collateral: address
    outcome_count: uint256
    scalar: bool
    status: uint256
    fee_bps: uint256
    close_time: uint256
    request_id: uint256
    creator: address
    result: uint256


# @dev Markets created so far; ids are 0..count-1.
_market_count: uint256
_market: HashMap[uint256, uint256]
_resolution: HashMap[uint256, uint256]
_scalar: HashMap[uint256, uint256]
_pool: HashMap[uint256, HashMap[uint256, uint256]]
_totals: HashMap[uint256, uint256]
_liquidity: HashMap[uint256, uint256]
_creator: HashMap[uint256, address]
# @dev Oracle request id -> market id + 1 (0: not a market's request).
_market_of_request: HashMap[uint256, uint256]
_positions: HashMap[uint256, HashMap[address, HashMap[uint256, uint256]]]
_net_cost: HashMap[uint256, HashMap[address, int256]]
_lp: HashMap[uint256, HashMap[address, uint256]]


# @dev Emitted when a market and its Oracle request are created.
event MarketCreated:
    market_id: indexed(uint256)
    request_id: indexed(uint256)
    creator: indexed(address)
    collateral: address
    outcome_count: uint256
    scalar: bool
    fee_bps: uint256
    close_time: uint256


# @dev Emitted when liquidity is added; `returned` are the outcome
# tokens the pool's ratio left over, credited to the provider.
event LiquidityAdded:
    market_id: indexed(uint256)
    provider: indexed(address)
    collateral_in: uint256
    shares: uint256
    returned: DynArray[uint256, 8]


# @dev Emitted when liquidity is removed; `amounts` are the outcome
# tokens credited to the provider.
event LiquidityRemoved:
    market_id: indexed(uint256)
    provider: indexed(address)
    shares: uint256
    amounts: DynArray[uint256, 8]


# @dev Emitted for every buy.
event Bought:
    market_id: indexed(uint256)
    trader: indexed(address)
    outcome: uint256
    collateral_in: uint256
    fee: uint256
    shares: uint256


# @dev Emitted for every sell.
event Sold:
    market_id: indexed(uint256)
    trader: indexed(address)
    outcome: uint256
    collateral_out: uint256
    fee: uint256
    shares: uint256


# @dev Emitted when complete sets are merged back into collateral.
event Merged:
    market_id: indexed(uint256)
    account: indexed(address)
    amount: uint256


# @dev Emitted once per market; `invalid` when it refunds cost bases.
event Resolved:
    market_id: indexed(uint256)
    outcome: bytes32
    invalid: bool


# @dev Emitted when an account redeems its positions (or its refund).
event Redeemed:
    market_id: indexed(uint256)
    account: indexed(address)
    amount: uint256


# @dev Emitted when a provider redeems its liquidity shares.
event LiquidityRedeemed:
    market_id: indexed(uint256)
    provider: indexed(address)
    shares: uint256
    amount: uint256


# @dev Emitted when the Oracle's refund reaches the market's creator.
event CreatorRefunded:
    market_id: indexed(uint256)
    creator: indexed(address)
    amount: uint256


@deploy
def __init__(oracle: address):
    """
    @dev Deploys the market singleton for `oracle`; the deployer becomes
         the owner (2-step), who may only pause and unpause.
    @param oracle The Fluxo Oracle, which must whitelist this contract.
    """
    assert oracle.is_contract, "market: bad oracle"
    ownable.__init__()
    ownable_2step.__init__()
    pausable.__init__()
    _ORACLE = oracle


@external
def pause():
    """
    @dev Stops market creation, buys and added liquidity.
    @notice Owner only.
    """
    ownable._check_owner()
    pausable._pause()


@external
def unpause():
    """
    @dev Lifts the pause.
    @notice Owner only.
    """
    ownable._check_owner()
    pausable._unpause()


@external
@nonreentrant
def create_market(args: MarketArgs) -> uint256:
    """
    @dev Creates a market and its Oracle request, then adds the creator's
         initial liquidity if `args.funding` is not zero.
    @notice The creator pays the Oracle's validity bond and `oracle_fee`
            in the Oracle's payment token (approve this contract first),
            and `funding` in the collateral. The request's tags are
            `market:<id>` and `category:<category>`.
    @param args The question, its outcomes or scalar range, and the market's
           economics (see `MarketArgs`).
    @return uint256 The new market id.
    """
    pausable._require_not_paused()
    outcome_count: uint256 = self._check_market_args(args)
    market_id: uint256 = self._market_count
    self._market_count = market_id + 1

    request_id: uint256 = self._request_question(market_id, args)
    assert request_id <= _MASK_128, "market: bad request id"
    word: uint256 = (
        convert(args.collateral, uint256)
        | (outcome_count << _COUNT_SHIFT)
        | (args.fee_bps << _FEE_SHIFT)
        | (args.close_time << _CLOSE_SHIFT)
    )
    if args.scalar:
        word |= _SCALAR
        self._scalar[market_id] = self._pack_int128(args.lower) | (self._pack_int128(args.upper) << _HIGH)
    self._market[market_id] = word
    self._resolution[market_id] = request_id
    self._creator[market_id] = msg.sender
    self._market_of_request[request_id] = market_id + 1
    log MarketCreated(
        market_id=market_id,
        request_id=request_id,
        creator=msg.sender,
        collateral=args.collateral,
        outcome_count=outcome_count,
        scalar=args.scalar,
        fee_bps=args.fee_bps,
        close_time=args.close_time,
    )
    if args.funding != 0:
        self._add_liquidity(market_id, word, args.funding, args.weights, 0)
    return market_id


@external
@nonreentrant
def add_liquidity(market_id: uint256, collateral_in: uint256, weights: DynArray[uint256, 8], min_shares_out: uint256, deadline: uint256) -> uint256:
    """
    @dev Adds `collateral_in` of liquidity. The first provider (while no
         shares exist) sets the odds with `weights`; later providers pass
         no weights and add at the pool's current ratio. The outcome
         tokens the ratio leaves over are credited to the provider.
    @notice Trading markets only, before close and `deadline`.
    @param market_id The market.
    @param collateral_in Collateral to add, pulled from the caller.
    @param weights The first provider's pool ratio, one weight per outcome
           (an outcome's price is proportional to 1 / weight); empty later.
    @param min_shares_out The fewest liquidity shares the caller accepts.
    @param deadline The last timestamp at which the call may execute.
    @return uint256 The liquidity shares minted.
    """
    pausable._require_not_paused()
    word: uint256 = self._trading_market(market_id, deadline)
    return self._add_liquidity(market_id, word, collateral_in, weights, min_shares_out)


@external
@nonreentrant
def remove_liquidity(market_id: uint256, shares: uint256, deadline: uint256) -> DynArray[uint256, 8]:
    """
    @dev Burns `shares` liquidity shares for their part of every pool
         balance, credited to the caller as outcome tokens (merge complete
         sets to get collateral back). The provider's part of the book
         (the collateral it put in, pro rata to the shares burnt) becomes
         refundable on INVALID: on a full exit it stays in the provider's
         word as an exited book, on a partial one it moves into its net
         cost basis.
    @notice Any time before resolution, also after close.
    @param market_id The market.
    @param shares Liquidity shares to burn.
    @param deadline The last timestamp at which the call may execute.
    @return DynArray[uint256, 8] Outcome tokens credited, per outcome.
    """
    word: uint256 = self._unresolved_market(market_id)
    assert block.timestamp <= deadline, "market: expired"
    assert shares != 0, "market: zero amount"
    held: uint256 = self._lp[market_id][msg.sender]
    held_shares: uint256 = held & _MASK_128
    assert held_shares >= shares, "market: insufficient shares"
    outcome_count: uint256 = (word >> _COUNT_SHIFT) & _MASK_4
    balances: DynArray[uint256, 8] = self._load_pool(market_id, outcome_count)
    liquidity: uint256 = self._liquidity[market_id]
    supply: uint256 = liquidity & _MASK_128
    book: uint256 = liquidity >> _HIGH
    amounts: DynArray[uint256, 8] = []
    for i: uint256 in range(outcome_count, bound=_MAX_OUTCOMES):
        amount: uint256 = balances[i] * shares // supply
        amounts.append(amount)
        balances[i] -= amount
    moved: uint256 = (held >> _HIGH) * shares // held_shares
    self._store_pool(market_id, balances)
    self._liquidity[market_id] = (supply - shares) | ((book - moved) << _HIGH)
    self._credit_positions(market_id, msg.sender, amounts)
    if shares == held_shares:
        # A full exit leaves its whole book in the provider's word as an
        # exited book, refunded on INVALID beside the net cost basis: no
        # cost-basis word is written, which is most of an exit's cost.
        self._lp[market_id][msg.sender] = held - shares
        net: int256 = self._net_cost[market_id][msg.sender]
        self._totals[market_id] = self._reclaim(self._totals[market_id], net, net + convert(moved, int256))
    else:
        self._lp[market_id][msg.sender] = held - shares - (moved << _HIGH)
        self._totals[market_id] = self._add_net_cost(market_id, msg.sender, convert(moved, int256), self._totals[market_id])
    log LiquidityRemoved(market_id=market_id, provider=msg.sender, shares=shares, amounts=amounts)
    return amounts


@external
@nonreentrant
def buy(market_id: uint256, outcome: uint256, collateral_in: uint256, min_shares_out: uint256, deadline: uint256) -> uint256:
    """
    @dev Buys shares of `outcome` for `collateral_in` (fee included). The
         fee stays in the pool as complete sets, owned by the providers.
    @notice Trading markets only, before close and `deadline`.
    @param market_id The market.
    @param outcome The outcome index.
    @param collateral_in Collateral paid, pulled from the caller.
    @param min_shares_out The fewest shares the caller accepts.
    @param deadline The last timestamp at which the call may execute.
    @return uint256 The shares bought.
    """
    pausable._require_not_paused()
    word: uint256 = self._trading_market(market_id, deadline)
    outcome_count: uint256 = (word >> _COUNT_SHIFT) & _MASK_4
    assert outcome < outcome_count, "market: bad outcome"
    assert collateral_in != 0, "market: zero amount"
    balances: DynArray[uint256, 8] = self._live_pool(market_id, outcome_count)
    fee: uint256 = self._ceil_div(collateral_in * ((word >> _FEE_SHIFT) & 4095), _BPS)
    shares: uint256 = self._buy_amount(balances, outcome, collateral_in - fee)
    assert shares >= min_shares_out, "market: slippage"

    for i: uint256 in range(outcome_count, bound=_MAX_OUTCOMES):
        balances[i] += collateral_in
    balances[outcome] -= shares
    self._store_pool(market_id, balances)
    totals: uint256 = self._add_sets(self._totals[market_id], collateral_in)
    self._totals[market_id] = self._add_net_cost(market_id, msg.sender, convert(collateral_in, int256), totals)
    self._change_position(market_id, msg.sender, outcome, shares, True)
    self._pull(convert(word & _MASK_160, address), msg.sender, collateral_in)
    log Bought(market_id=market_id, trader=msg.sender, outcome=outcome, collateral_in=collateral_in, fee=fee, shares=shares)
    return shares


@external
@nonreentrant
def sell(market_id: uint256, outcome: uint256, collateral_out: uint256, max_shares_in: uint256, deadline: uint256) -> uint256:
    """
    @dev Sells shares of `outcome` for exactly `collateral_out` (after the
         fee, which stays in the pool as complete sets).
    @notice Trading markets only, before close and `deadline`.
    @param market_id The market.
    @param outcome The outcome index.
    @param collateral_out Collateral the caller receives.
    @param max_shares_in The most shares the caller gives.
    @param deadline The last timestamp at which the call may execute.
    @return uint256 The shares sold.
    """
    word: uint256 = self._trading_market(market_id, deadline)
    outcome_count: uint256 = (word >> _COUNT_SHIFT) & _MASK_4
    assert outcome < outcome_count, "market: bad outcome"
    assert collateral_out != 0, "market: zero amount"
    balances: DynArray[uint256, 8] = self._live_pool(market_id, outcome_count)
    gross: uint256 = self._ceil_div(collateral_out * _BPS, _BPS - ((word >> _FEE_SHIFT) & 4095))
    shares: uint256 = self._sell_amount(balances, outcome, gross)
    assert shares <= max_shares_in, "market: slippage"

    self._change_position(market_id, msg.sender, outcome, shares, False)
    # Shares in before sets out: the sold outcome's balance may be below `collateral_out`.
    balances[outcome] += shares
    for i: uint256 in range(outcome_count, bound=_MAX_OUTCOMES):
        balances[i] -= collateral_out
    self._store_pool(market_id, balances)
    totals: uint256 = self._totals[market_id] - collateral_out
    self._totals[market_id] = self._add_net_cost(market_id, msg.sender, -convert(collateral_out, int256), totals)
    self._push(convert(word & _MASK_160, address), msg.sender, collateral_out)
    log Sold(market_id=market_id, trader=msg.sender, outcome=outcome, collateral_out=collateral_out, fee=gross - collateral_out, shares=shares)
    return shares


@external
@nonreentrant
def merge(market_id: uint256, amount: uint256):
    """
    @dev Burns `amount` of each of the caller's outcome tokens (complete
         sets) for `amount` collateral.
    @notice Any time before resolution, also after close.
    @param market_id The market.
    @param amount Complete sets to merge.
    """
    word: uint256 = self._unresolved_market(market_id)
    assert amount != 0, "market: zero amount"
    outcome_count: uint256 = (word >> _COUNT_SHIFT) & _MASK_4
    for k: uint256 in range((outcome_count + 1) // 2, bound=_MAX_WORDS):
        held: uint256 = self._positions[market_id][msg.sender][k]
        assert held & _MASK_128 >= amount, "market: insufficient shares"
        both: uint256 = amount
        if 2 * k + 1 < outcome_count:
            assert held >> _HIGH >= amount, "market: insufficient shares"
            both |= amount << _HIGH
        self._positions[market_id][msg.sender][k] = held - both
    totals: uint256 = self._totals[market_id] - amount
    self._totals[market_id] = self._add_net_cost(market_id, msg.sender, -convert(amount, int256), totals)
    self._push(convert(word & _MASK_160, address), msg.sender, amount)
    log Merged(market_id=market_id, account=msg.sender, amount=amount)


@external
@nonreentrant
def on_outcome(request_id: uint256, outcome: bytes32):
    """
    @dev Resolves the market that asked `request_id`. Never reverts for
         the Oracle: an unknown request or an already resolved market is
         ignored, and an outcome the market cannot pay (a categorical
         index out of range) resolves it as INVALID.
    @notice Only the Oracle can call this function.
    @param request_id The Oracle request that finalized.
    @param outcome The finalized outcome.
    """
    assert msg.sender == _ORACLE, "market: caller is not the oracle"
    entry: uint256 = self._market_of_request[request_id]
    if entry == 0:
        return
    market_id: uint256 = entry - 1
    word: uint256 = self._market[market_id]
    if (word >> _STATUS_SHIFT) & 3 != _TRADING:
        return
    self._resolve(market_id, word, outcome)


@external
@nonreentrant
def resolve(market_id: uint256):
    """
    @dev Resolves a market from the Oracle's `outcome_of`, for when the
         callback never arrived.
    @notice Anyone may call, once the Oracle finalized the request.
    @param market_id The market.
    """
    word: uint256 = self._unresolved_market(market_id)
    self._resolve_from_oracle(market_id, word, self._resolution[market_id] & _MASK_128)


@external
@nonreentrant
def cancel(market_id: uint256):
    """
    @dev Cancels the market's unanswered Oracle request and resolves the
         market as INVALID; the Oracle credits the fee and the validity
         bond back, and they go to the creator.
    @notice Anyone may call, as soon as the Oracle allows the requester to
            cancel (no round-0 bond, `max_open_period` after settlement);
            otherwise the Oracle's revert reason is returned.
    @param market_id The market.
    """
    word: uint256 = self._unresolved_market(market_id)
    request_id: uint256 = self._resolution[market_id] & _MASK_128
    extcall IOracle(_ORACLE).cancel(request_id)
    self._resolve_from_oracle(market_id, word, request_id)


@external
@nonreentrant
def redeem(market_id: uint256) -> uint256:
    """
    @dev Pays the caller's positions on a resolved market: the winning
         shares (categorical), both sides by the payout formula (scalar),
         or its net cost basis (INVALID). Clears what it paid for.
    @notice Reverts `market: nothing to redeem` when it would pay nothing.
    @param market_id The market.
    @return uint256 Collateral paid.
    """
    word: uint256 = self._resolved_market(market_id)
    paid: uint256 = self._payout_of(market_id, word, msg.sender)
    assert paid != 0, "market: nothing to redeem"
    if (word >> _STATUS_SHIFT) & 3 == _INVALID:
        self._net_cost[market_id][msg.sender] = 0
        if self._lp[market_id][msg.sender] & _MASK_128 == 0:
            self._lp[market_id][msg.sender] = 0
    elif word & _SCALAR != 0:
        self._positions[market_id][msg.sender][0] = 0
    else:
        winner: uint256 = (word >> _WINNER_SHIFT) & _MASK_4
        self._positions[market_id][msg.sender][winner >> 1] &= ~(_MASK_128 << ((winner & 1) * _HIGH))
    self._push(convert(word & _MASK_160, address), msg.sender, paid)
    log Redeemed(market_id=market_id, account=msg.sender, amount=paid)
    return paid


@external
@nonreentrant
def redeem_liquidity(market_id: uint256) -> uint256:
    """
    @dev Pays the caller's liquidity on a resolved market: its part of
         what is left for providers, pro rata to its shares (valid) or to
         its book (INVALID, so each provider gets back what it put in
         when nobody profited). The last provider takes the remainder.
    @param market_id The market.
    @return uint256 Collateral paid.
    """
    word: uint256 = self._resolved_market(market_id)
    held: uint256 = self._lp[market_id][msg.sender]
    shares: uint256 = held & _MASK_128
    assert shares != 0, "market: nothing to redeem"
    weight: uint256 = shares
    if (word >> _STATUS_SHIFT) & 3 == _INVALID:
        weight = held >> _HIGH
    liquidity: uint256 = self._liquidity[market_id]
    total_weight: uint256 = liquidity & _MASK_128
    value: uint256 = liquidity >> _HIGH
    paid: uint256 = 0
    if weight != 0:
        paid = value * weight // total_weight
    self._liquidity[market_id] = (total_weight - weight) | ((value - paid) << _HIGH)
    self._lp[market_id][msg.sender] = 0
    self._push(convert(word & _MASK_160, address), msg.sender, paid)
    log LiquidityRedeemed(market_id=market_id, provider=msg.sender, shares=shares, amount=paid)
    return paid


@external
@nonreentrant
def withdraw_creator_refund(market_id: uint256) -> uint256:
    """
    @dev Pays the market's creator what the Oracle refunded for its
         request (the validity bond; fee and bond after a cancellation or
         an arbitration timeout), collected at resolution.
    @notice Anyone may call; the tokens always go to the creator.
    @param market_id The market.
    @return uint256 Payment-token amount paid.
    """
    self._existing_market(market_id)
    creator: address = self._creator[market_id]
    token: address = empty(address)
    amount: uint256 = 0
    token, amount = oracle_refunds._release(_ORACLE, market_id)
    self._push(token, creator, amount)
    log CreatorRefunded(market_id=market_id, creator=creator, amount=amount)
    return amount


@external
@view
def ORACLE() -> address:
    """
    @dev Returns the Oracle this contract asks.
    @return address The Oracle.
    """
    return _ORACLE


@external
@view
def market_count() -> uint256:
    """
    @dev Returns how many markets exist; ids are 0..count-1.
    @return uint256 The number of markets.
    """
    return self._market_count


@external
@view
def market(market_id: uint256) -> MarketInfo:
    """
    @dev Describes a market.
    @param market_id The market.
    @return MarketInfo Its collateral, outcomes, status (0 trading,
            1 resolved, 2 INVALID), fee, close time, request, creator, and
            once resolved its result: the winning index (categorical) or
            `clamp(x) - lower`, the long side's payout numerator (scalar).
    """
    word: uint256 = self._existing_market(market_id)
    return MarketInfo(
        collateral=convert(word & _MASK_160, address),
        outcome_count=(word >> _COUNT_SHIFT) & _MASK_4,
        scalar=word & _SCALAR != 0,
        status=(word >> _STATUS_SHIFT) & 3,
        fee_bps=(word >> _FEE_SHIFT) & 4095,
        close_time=(word >> _CLOSE_SHIFT) & _MASK_40,
        request_id=self._resolution[market_id] & _MASK_128,
        creator=self._creator[market_id],
        result=self._result(market_id, word),
    )


@external
@view
def market_of_request(request_id: uint256) -> (bool, uint256):
    """
    @dev Finds the market that asked an Oracle request.
    @param request_id The Oracle request.
    @return bool Whether a market asked it.
    @return uint256 The market id (0 if none).
    """
    entry: uint256 = self._market_of_request[request_id]
    if entry == 0:
        return False, 0
    return True, entry - 1


@external
@view
def pool_balances(market_id: uint256) -> DynArray[uint256, 8]:
    """
    @dev Returns the pool's outcome-token balances.
    @param market_id The market.
    @return DynArray[uint256, 8] One balance per outcome.
    """
    word: uint256 = self._existing_market(market_id)
    return self._load_pool(market_id, (word >> _COUNT_SHIFT) & _MASK_4)


@external
@view
def positions(market_id: uint256, account: address) -> DynArray[uint256, 8]:
    """
    @dev Returns an account's outcome tokens.
    @param market_id The market.
    @param account The holder.
    @return DynArray[uint256, 8] One balance per outcome.
    """
    word: uint256 = self._existing_market(market_id)
    amounts: DynArray[uint256, 8] = []
    for i: uint256 in range((word >> _COUNT_SHIFT) & _MASK_4, bound=_MAX_OUTCOMES):
        amounts.append((self._positions[market_id][account][i >> 1] >> ((i & 1) * _HIGH)) & _MASK_128)
    return amounts


@external
@view
def net_cost(market_id: uint256, account: address) -> int256:
    """
    @dev Returns an account's net cost basis: collateral paid in minus
         collateral taken out, plus the liquidity book it took with it.
    @param market_id The market.
    @param account The account.
    @return int256 The net cost basis (INVALID refunds `max(0, net)`).
    """
    self._existing_market(market_id)
    return self._net_cost[market_id][account]


@external
@view
def lp_shares(market_id: uint256, account: address) -> (uint256, uint256):
    """
    @dev Returns an account's liquidity shares and their book.
    @param market_id The market.
    @param account The provider.
    @return uint256 Its shares.
    @return uint256 The collateral it put in behind them.
    """
    self._existing_market(market_id)
    held: uint256 = self._lp[market_id][account]
    return held & _MASK_128, held >> _HIGH


@external
@view
def liquidity(market_id: uint256) -> (uint256, uint256):
    """
    @dev Returns the liquidity share supply and the providers' book;
         once resolved, what providers still split by (shares, or books on
         INVALID) and the value left for them.
    @param market_id The market.
    @return uint256 Share supply (once resolved: weight left).
    @return uint256 Book (once resolved: value left).
    """
    self._existing_market(market_id)
    liquidity: uint256 = self._liquidity[market_id]
    return liquidity & _MASK_128, liquidity >> _HIGH


@external
@view
def totals(market_id: uint256) -> (uint256, uint256):
    """
    @dev Returns the complete sets outstanding (the collateral the market
         holds while trading) and the sum of positive net cost bases.
    @param market_id The market.
    @return uint256 Complete sets outstanding.
    @return uint256 Sum of `max(0, net_cost)` over accounts.
    """
    self._existing_market(market_id)
    totals: uint256 = self._totals[market_id]
    return totals & _MASK_128, totals >> _HIGH



@external
@view
def calc_buy_amount(market_id: uint256, outcome: uint256, collateral_in: uint256) -> uint256:
    """
    @dev Returns the shares `buy` would give for `collateral_in` now.
    @param market_id The market.
    @param outcome The outcome index.
    @param collateral_in Collateral paid, fee included.
    @return uint256 Shares out.
    """
    word: uint256 = self._existing_market(market_id)
    outcome_count: uint256 = (word >> _COUNT_SHIFT) & _MASK_4
    assert outcome < outcome_count, "market: bad outcome"
    balances: DynArray[uint256, 8] = self._live_pool(market_id, outcome_count)
    fee: uint256 = self._ceil_div(collateral_in * ((word >> _FEE_SHIFT) & 4095), _BPS)
    return self._buy_amount(balances, outcome, collateral_in - fee)


@external
@view
def calc_sell_amount(market_id: uint256, outcome: uint256, collateral_out: uint256) -> uint256:
    """
    @dev Returns the shares `sell` would take to pay `collateral_out` now.
    @param market_id The market.
    @param outcome The outcome index.
    @param collateral_out Collateral received, after the fee.
    @return uint256 Shares in.
    """
    word: uint256 = self._existing_market(market_id)
    outcome_count: uint256 = (word >> _COUNT_SHIFT) & _MASK_4
    assert outcome < outcome_count, "market: bad outcome"
    balances: DynArray[uint256, 8] = self._live_pool(market_id, outcome_count)
    gross: uint256 = self._ceil_div(collateral_out * _BPS, _BPS - ((word >> _FEE_SHIFT) & 4095))
    return self._sell_amount(balances, outcome, gross)



@external
@view
def redeemable(market_id: uint256, account: address) -> uint256:
    """
    @dev Returns what `redeem` would pay `account` now (0 before resolution).
    @param market_id The market.
    @param account The holder.
    @return uint256 Collateral.
    """
    word: uint256 = self._existing_market(market_id)
    if (word >> _STATUS_SHIFT) & 3 == _TRADING:
        return 0
    return self._payout_of(market_id, word, account)


@external
@view
def creator_refund(market_id: uint256) -> uint256:
    """
    @dev Returns the Oracle refund collected for the creator, not yet paid.
    @param market_id The market.
    @return uint256 Payment-token amount.
    """
    self._existing_market(market_id)
    return oracle_refunds._amount(market_id)


@internal
@view
def _check_market_args(args: MarketArgs) -> uint256:
    """
    @dev Validates `create_market`'s arguments.
    @param args The arguments.
    @return uint256 The market's number of outcomes.
    """
    outcome_count: uint256 = len(args.outcomes)
    if args.scalar:
        assert outcome_count == 0, "market: bad outcome count"
        assert args.lower < args.upper, "market: bad bounds"
        assert args.lower >= convert(min_value(int128), int256) and args.upper <= convert(max_value(int128), int256), "market: bad bounds"
        outcome_count = 2
    else:
        assert outcome_count >= 2, "market: bad outcome count"
    assert args.collateral.is_contract, "market: bad collateral"
    assert args.fee_bps <= MAX_FEE_BPS, "market: bad fee"
    assert args.close_time > block.timestamp and args.close_time <= _MASK_40, "market: bad close time"
    assert args.settlement_time >= args.close_time, "market: settles before close"
    return outcome_count


@internal
def _request_question(market_id: uint256, args: MarketArgs) -> uint256:
    """
    @dev Pulls the Oracle's validity bond and `oracle_fee` from the
         creator and creates the market's Oracle request.
    @param market_id The new market's id (for its tag).
    @param args The creator's arguments.
    @return uint256 The Oracle request id.
    """
    payment_token: address = empty(address)
    validity_bond: uint256 = 0
    payment_token, validity_bond = self._oracle_payment_terms()
    payment: uint256 = validity_bond + args.oracle_fee
    assert payment <= _MASK_96, "market: oracle fee too large"
    oracle_refunds._open(market_id, payment_token)
    if payment != 0:
        self._pull(payment_token, msg.sender, payment)
        if staticcall IERC20(payment_token).allowance(self, _ORACLE) < payment:
            assert extcall IERC20(payment_token).approve(_ORACLE, max_value(uint256), default_return_value=True), "market: approve failed"
    data_type: uint8 = 0
    if args.scalar:
        data_type = 1
    return extcall IOracle(_ORACLE).create_request(
        IOracle.RequestArgs(
            description=args.question,
            sources=args.sources,
            outcomes=args.outcomes,
            data_type=data_type,
            decimals=args.decimals,
            settlement_time=args.settlement_time,
            challenge_period=args.challenge_period,
            min_bond=args.min_bond,
            fee=args.oracle_fee,
            tags=[concat("market:", uint2str(convert(market_id, uint64))), concat("category:", args.category)],
        )
    )


@internal
@view
def _oracle_payment_terms() -> (address, uint256):
    """
    @dev Reads the payment token and validity bond of the Oracle's latest
         config. Read as raw words: later Oracle versions append fields to
         `Config`, and only the leading ones are needed here.
    @return address The payment token.
    @return uint256 The validity bond.
    """
    config_id: uint256 = convert(
        raw_call(_ORACLE, method_id("latest_config_id()"), max_outsize=32, is_static_call=True), uint256
    )
    config: Bytes[352] = raw_call(
        _ORACLE, abi_encode(config_id, method_id=method_id("config(uint256)")), max_outsize=352, is_static_call=True
    )
    return extract32(config, 32, output_type=address), extract32(config, 64, output_type=uint256)


@internal
def _add_liquidity(market_id: uint256, word: uint256, collateral_in: uint256, weights: DynArray[uint256, 8], min_shares_out: uint256) -> uint256:
    """
    @dev Adds liquidity: initial funding at `weights` while no shares
         exist, otherwise at the pool's ratio (no weights). The pool takes
         `ceil(amount * ratio_i / max ratio)` of each outcome; the rest is
         credited to the provider.
    @param market_id The market.
    @param word The market's `_market` word.
    @param collateral_in Collateral pulled from the caller.
    @param weights The first provider's ratio, or empty.
    @param min_shares_out The fewest shares the caller accepts.
    @return uint256 Liquidity shares minted.
    """
    assert collateral_in != 0, "market: zero amount"
    outcome_count: uint256 = (word >> _COUNT_SHIFT) & _MASK_4
    liquidity: uint256 = self._liquidity[market_id]
    supply: uint256 = liquidity & _MASK_128
    balances: DynArray[uint256, 8] = []
    ratio: DynArray[uint256, 8] = weights
    shares: uint256 = collateral_in
    if supply == 0:
        assert len(weights) == outcome_count, "market: bad weights"
        for i: uint256 in range(outcome_count, bound=_MAX_OUTCOMES):
            assert weights[i] != 0 and weights[i] <= _MASK_128, "market: bad weights"
            balances.append(0)
    else:
        assert len(weights) == 0, "market: bad weights"
        balances = self._load_pool(market_id, outcome_count)
        ratio = balances
    top: uint256 = 0
    for i: uint256 in range(outcome_count, bound=_MAX_OUTCOMES):
        top = max(top, ratio[i])
    if supply != 0:
        shares = collateral_in * supply // top
    assert shares != 0 and shares >= min_shares_out, "market: slippage"

    returned: DynArray[uint256, 8] = []
    for i: uint256 in range(outcome_count, bound=_MAX_OUTCOMES):
        added: uint256 = self._ceil_div(collateral_in * ratio[i], top)
        balances[i] += added
        returned.append(collateral_in - added)
    held: uint256 = self._lp[market_id][msg.sender]
    totals: uint256 = self._add_sets(self._totals[market_id], collateral_in)
    if held != 0 and held & _MASK_128 == 0:
        # Coming back after a full exit: the exited book joins the net
        # cost basis (the claim is unchanged), and the word holds the new
        # position's book only.
        self._net_cost[market_id][msg.sender] += convert(held >> _HIGH, int256)
        held = 0
    self._totals[market_id] = totals
    assert supply + shares <= _MASK_128, "market: too much collateral"
    self._store_pool(market_id, balances)
    self._liquidity[market_id] = liquidity + shares + (collateral_in << _HIGH)
    self._lp[market_id][msg.sender] = held + (shares | (collateral_in << _HIGH))
    self._credit_positions(market_id, msg.sender, returned)
    self._pull(convert(word & _MASK_160, address), msg.sender, collateral_in)
    log LiquidityAdded(market_id=market_id, provider=msg.sender, collateral_in=collateral_in, shares=shares, returned=returned)
    return shares


@internal
def _resolve(market_id: uint256, word: uint256, outcome: bytes32):
    """
    @dev Records the resolution, fixes what is left for the liquidity
         providers and collects the Oracle's refund for the creator.
         Cannot revert: every branch is bounded arithmetic.
    @param market_id A trading market.
    @param word Its `_market` word.
    @param outcome The Oracle's final outcome.
    """
    outcome_count: uint256 = (word >> _COUNT_SHIFT) & _MASK_4
    status: uint256 = _INVALID
    lp_value: uint256 = 0
    new_word: uint256 = word
    if outcome == INVALID_OUTCOME:
        pass
    elif word & _SCALAR != 0:
        status = _RESOLVED
        bounds: uint256 = self._scalar[market_id]
        lower: int256 = self._unpack_int128(bounds & _MASK_128)
        upper: int256 = self._unpack_int128(bounds >> _HIGH)
        answer: int256 = min(max(convert(outcome, int256), lower), upper)
        long_num: uint256 = convert(answer - lower, uint256)
        denominator: uint256 = convert(upper - lower, uint256)
        self._resolution[market_id] = (self._resolution[market_id] & _MASK_128) | (long_num << _HIGH)
        pool: uint256 = self._pool[market_id][0]
        lp_value = ((pool & _MASK_128) * (denominator - long_num) + (pool >> _HIGH) * long_num) // denominator
    elif convert(outcome, uint256) < outcome_count:
        status = _RESOLVED
        winner: uint256 = convert(outcome, uint256)
        new_word |= winner << _WINNER_SHIFT
        lp_value = (self._pool[market_id][winner >> 1] >> ((winner & 1) * _HIGH)) & _MASK_128
    liquidity: uint256 = self._liquidity[market_id]
    weight: uint256 = liquidity & _MASK_128
    if status == _INVALID:
        weight = liquidity >> _HIGH
        totals: uint256 = self._totals[market_id]
        sets: uint256 = totals & _MASK_128
        refunds: uint256 = totals >> _HIGH
        if refunds <= sets:
            lp_value = sets - refunds
    self._market[market_id] = new_word | (status << _STATUS_SHIFT)
    self._liquidity[market_id] = weight | (lp_value << _HIGH)
    oracle_refunds._book(_ORACLE, market_id)
    log Resolved(market_id=market_id, outcome=outcome, invalid=status == _INVALID)


@internal
def _resolve_from_oracle(market_id: uint256, word: uint256, request_id: uint256):
    """
    @dev Resolves a market from the Oracle's `outcome_of`.
    @param market_id A trading market.
    @param word Its `_market` word.
    @param request_id Its Oracle request.
    """
    finalized: bool = False
    outcome: bytes32 = empty(bytes32)
    finalized, outcome = staticcall IOracle(_ORACLE).outcome_of(request_id)
    assert finalized, "market: not finalized"
    self._resolve(market_id, word, outcome)


@internal
@view
def _existing_market(market_id: uint256) -> uint256:
    """
    @dev Returns the `_market` word of an existing market.
    @param market_id The market.
    @return uint256 Its word.
    """
    # Every market's word holds its collateral address, so it is never zero.
    word: uint256 = self._market[market_id]
    assert word != 0, "market: unknown market"
    return word


@internal
@view
def _unresolved_market(market_id: uint256) -> uint256:
    """
    @dev Returns the word of an existing market that is not resolved.
    @param market_id The market.
    @return uint256 Its word.
    """
    word: uint256 = self._existing_market(market_id)
    assert (word >> _STATUS_SHIFT) & 3 == _TRADING, "market: resolved"
    return word


@internal
@view
def _resolved_market(market_id: uint256) -> uint256:
    """
    @dev Returns the word of an existing, resolved market.
    @param market_id The market.
    @return uint256 Its word.
    """
    word: uint256 = self._existing_market(market_id)
    assert (word >> _STATUS_SHIFT) & 3 != _TRADING, "market: not resolved"
    return word


@internal
@view
def _trading_market(market_id: uint256, deadline: uint256) -> uint256:
    """
    @dev Returns the word of a market open for trading now: unresolved,
         before its close time and before the caller's `deadline`.
    @param market_id The market.
    @param deadline The caller's deadline.
    @return uint256 Its word.
    """
    word: uint256 = self._unresolved_market(market_id)
    assert block.timestamp < (word >> _CLOSE_SHIFT) & _MASK_40, "market: closed"
    assert block.timestamp <= deadline, "market: expired"
    return word


@internal
@view
def _load_pool(market_id: uint256, outcome_count: uint256) -> DynArray[uint256, 8]:
    """
    @dev Unpacks the pool's balances.
    @param market_id The market.
    @param outcome_count Its number of outcomes.
    @return DynArray[uint256, 8] One balance per outcome.
    """
    balances: DynArray[uint256, 8] = []
    for k: uint256 in range((outcome_count + 1) // 2, bound=_MAX_WORDS):
        pair: uint256 = self._pool[market_id][k]
        balances.append(pair & _MASK_128)
        if 2 * k + 1 < outcome_count:
            balances.append(pair >> _HIGH)
    return balances


@internal
@view
def _live_pool(market_id: uint256, outcome_count: uint256) -> DynArray[uint256, 8]:
    """
    @dev Unpacks the pool's balances of a market that has liquidity.
    @param market_id The market.
    @param outcome_count Its number of outcomes.
    @return DynArray[uint256, 8] One balance per outcome.
    """
    assert self._liquidity[market_id] & _MASK_128 != 0, "market: no liquidity"
    return self._load_pool(market_id, outcome_count)


@internal
def _store_pool(market_id: uint256, balances: DynArray[uint256, 8]):
    """
    @dev Packs the pool's balances (each below 2**96, as the sets are).
    @param market_id The market.
    @param balances One balance per outcome.
    """
    count: uint256 = len(balances)
    for k: uint256 in range((count + 1) // 2, bound=_MAX_WORDS):
        pair: uint256 = balances[2 * k]
        if 2 * k + 1 < count:
            pair |= balances[2 * k + 1] << _HIGH
        self._pool[market_id][k] = pair


@internal
def _change_position(market_id: uint256, account: address, outcome: uint256, amount: uint256, credit: bool):
    """
    @dev Credits or debits one outcome of an account's positions.
    @param market_id The market.
    @param account The holder.
    @param outcome The outcome index.
    @param amount Shares.
    @param credit True to add, False to take away.
    """
    offset: uint256 = (outcome & 1) * _HIGH
    held: uint256 = self._positions[market_id][account][outcome >> 1]
    if credit:
        self._positions[market_id][account][outcome >> 1] = held + (amount << offset)
    else:
        assert (held >> offset) & _MASK_128 >= amount, "market: insufficient shares"
        self._positions[market_id][account][outcome >> 1] = held - (amount << offset)


@internal
def _credit_positions(market_id: uint256, account: address, amounts: DynArray[uint256, 8]):
    """
    @dev Credits an amount of every outcome, skipping words that do not
         change.
    @param market_id The market.
    @param account The holder.
    @param amounts One amount per outcome.
    """
    count: uint256 = len(amounts)
    for k: uint256 in range((count + 1) // 2, bound=_MAX_WORDS):
        pair: uint256 = amounts[2 * k]
        if 2 * k + 1 < count:
            pair |= amounts[2 * k + 1] << _HIGH
        if pair != 0:
            self._positions[market_id][account][k] += pair


@internal
def _add_net_cost(market_id: uint256, account: address, delta: int256, totals: uint256) -> uint256:
    """
    @dev Moves an account's net cost basis by `delta` and keeps the sum of
         INVALID claims, `max(0, net + exited book)`, in the totals word.
    @param market_id The market.
    @param account The account.
    @param delta Collateral in (positive) or out (negative).
    @param totals The market's totals word.
    @return uint256 The updated totals word (not yet stored).
    """
    old: int256 = self._net_cost[market_id][account]
    new: int256 = old + delta
    self._net_cost[market_id][account] = new
    exited: int256 = convert(self._exited_book(market_id, account), int256)
    return self._reclaim(totals, old + exited, new + exited)


@internal
@pure
def _reclaim(totals: uint256, old_claim: int256, new_claim: int256) -> uint256:
    """
    @dev Replaces one account's INVALID claim in the totals word's sum.
    @param totals The market's totals word.
    @param old_claim The account's net cost plus exited book before.
    @param new_claim The same after.
    @return uint256 The updated totals word.
    """
    return totals + (convert(max(new_claim, 0), uint256) << _HIGH) - (convert(max(old_claim, 0), uint256) << _HIGH)


@internal
@view
def _exited_book(market_id: uint256, account: address) -> uint256:
    """
    @dev The book a provider left behind on a full exit (0 while it holds
         shares).
    @param market_id The market.
    @param account The account.
    @return uint256 The exited book.
    """
    held: uint256 = self._lp[market_id][account]
    if held & _MASK_128 != 0:
        return 0
    return held >> _HIGH


@internal
@pure
def _add_sets(totals: uint256, amount: uint256) -> uint256:
    """
    @dev Adds complete sets to the totals word, within `MAX_AMOUNT`.
    @param totals The totals word.
    @param amount Collateral coming in.
    @return uint256 The updated word.
    """
    assert (totals & _MASK_128) + amount <= MAX_AMOUNT, "market: too much collateral"
    return totals + amount


@internal
@view
def _payout_of(market_id: uint256, word: uint256, account: address) -> uint256:
    """
    @dev What `redeem` pays an account of a resolved market: its winning
         shares (categorical), both sides by the payout formula rounded
         down once (scalar), or its INVALID refund.
    @param market_id A resolved market.
    @param word Its `_market` word.
    @param account The holder.
    @return uint256 Collateral.
    """
    if (word >> _STATUS_SHIFT) & 3 == _INVALID:
        claim: int256 = self._net_cost[market_id][account] + convert(self._exited_book(market_id, account), int256)
        if claim <= 0:
            return 0
        return self._invalid_refund(market_id, convert(claim, uint256))
    if word & _SCALAR != 0:
        held: uint256 = self._positions[market_id][account][0]
        short_num: uint256 = 0
        long_num: uint256 = 0
        denominator: uint256 = 0
        short_num, long_num, denominator = self._scalar_payout(market_id)
        return ((held & _MASK_128) * short_num + (held >> _HIGH) * long_num) // denominator
    winner: uint256 = (word >> _WINNER_SHIFT) & _MASK_4
    return (self._positions[market_id][account][winner >> 1] >> ((winner & 1) * _HIGH)) & _MASK_128


@internal
@view
def _invalid_refund(market_id: uint256, claim: uint256) -> uint256:
    """
    @dev What INVALID refunds a claim (net cost basis plus exited book,
         when positive): all of it when the market holds enough, otherwise
         its share of what the market holds.
    @param market_id An INVALID market.
    @param claim The account's claim.
    @return uint256 The refund.
    """
    totals: uint256 = self._totals[market_id]
    sets: uint256 = totals & _MASK_128
    refunds: uint256 = totals >> _HIGH
    if refunds <= sets:
        return claim
    return claim * sets // refunds


@internal
@view
def _result(market_id: uint256, word: uint256) -> uint256:
    """
    @dev A resolved market's result field (0 while trading or INVALID).
    @param market_id The market.
    @param word Its `_market` word.
    @return uint256 Winning index, or the scalar long numerator.
    """
    if word & _SCALAR != 0:
        return self._resolution[market_id] >> _HIGH
    return (word >> _WINNER_SHIFT) & _MASK_4


@internal
@view
def _scalar_payout(market_id: uint256) -> (uint256, uint256, uint256):
    """
    @dev The payout vector of a resolved scalar market.
    @param market_id The market.
    @return uint256 Short numerator, `upper - clamp(x)`.
    @return uint256 Long numerator, `clamp(x) - lower`.
    @return uint256 Denominator, `upper - lower`.
    """
    bounds: uint256 = self._scalar[market_id]
    denominator: uint256 = convert(self._unpack_int128(bounds >> _HIGH) - self._unpack_int128(bounds & _MASK_128), uint256)
    long_num: uint256 = self._resolution[market_id] >> _HIGH
    return denominator - long_num, long_num, denominator


@internal
@pure
def _buy_amount(balances: DynArray[uint256, 8], outcome: uint256, invested: uint256) -> uint256:
    """
    @dev Gnosis's `calcBuyAmount` with every division rounded up.
    @param balances The pool's balances.
    @param outcome The outcome bought.
    @param invested Collateral after the fee.
    @return uint256 Shares out.
    """
    ending: uint256 = balances[outcome] * _ONE
    for i: uint256 in range(len(balances), bound=_MAX_OUTCOMES):
        if i != outcome:
            ending = self._ceil_div(ending * balances[i], balances[i] + invested)
    return balances[outcome] + invested - self._ceil_div(ending, _ONE)


@internal
@pure
def _sell_amount(balances: DynArray[uint256, 8], outcome: uint256, gross: uint256) -> uint256:
    """
    @dev Gnosis's `calcSellAmount` with every division rounded up.
    @param balances The pool's balances.
    @param outcome The outcome sold.
    @param gross Collateral out plus the fee.
    @return uint256 Shares in.
    """
    ending: uint256 = balances[outcome] * _ONE
    for i: uint256 in range(len(balances), bound=_MAX_OUTCOMES):
        if i != outcome:
            assert balances[i] > gross, "market: insufficient liquidity"
            ending = self._ceil_div(ending * balances[i], balances[i] - gross)
    return gross + self._ceil_div(ending, _ONE) - balances[outcome]


@internal
@pure
def _ceil_div(numerator: uint256, denominator: uint256) -> uint256:
    """
    @dev `ceil(numerator / denominator)`.
    @param numerator Below 2**255.
    @param denominator Not zero.
    @return uint256 The quotient rounded up.
    """
    if numerator == 0:
        return 0
    return (numerator - 1) // denominator + 1


@internal
@pure
def _pack_int128(number: int256) -> uint256:
    """
    @dev An int128 as its 128-bit two's complement.
    @param number Within int128.
    @return uint256 The low 128 bits.
    """
    return convert(convert(number, bytes32), uint256) & _MASK_128


@internal
@pure
def _unpack_int128(bits: uint256) -> int256:
    """
    @dev The inverse of `_pack_int128`.
    @param bits A 128-bit two's complement.
    @return int256 The value.
    """
    if bits >> 127 == 0:
        return convert(bits, int256)
    return convert(bits, int256) - convert(1 << 128, int256)


@internal
def _pull(token: address, owner: address, amount: uint256):
    """
    @dev `transferFrom(owner, self, amount)` that accepts tokens returning
         nothing (USDT), rejects ones returning false, and rejects tokens
         that deliver less than `amount` (fee on transfer).
    @param token The ERC20.
    @param owner Who pays.
    @param amount How much.
    """
    before: uint256 = staticcall IERC20(token).balanceOf(self)
    success: bool = False
    response: Bytes[32] = b""
    success, response = raw_call(
        token,
        abi_encode(owner, self, amount, method_id=method_id("transferFrom(address,address,uint256)")),
        max_outsize=32,
        revert_on_failure=False,
    )
    assert success and (len(response) == 0 or (len(response) == 32 and extract32(response, 0, output_type=uint256) == 1)), "market: transfer failed"
    assert staticcall IERC20(token).balanceOf(self) == before + amount, "market: fee on transfer"


@internal
def _push(token: address, to: address, amount: uint256):
    """
    @dev `transfer(to, amount)` with the same return-value rules as `_pull`.
    @param token The ERC20.
    @param to The recipient.
    @param amount How much.
    """
    if amount == 0:
        return
    success: bool = False
    response: Bytes[32] = b""
    success, response = raw_call(
        token,
        abi_encode(to, amount, method_id=method_id("transfer(address,uint256)")),
        max_outsize=32,
        revert_on_failure=False,
    )
    assert success and (len(response) == 0 or (len(response) == 32 and extract32(response, 0, output_type=uint256) == 1)), "market: transfer failed"
