# pragma version ~=0.4.3
"""
@title Fluxo Oracle: staked resolution of data requests
@custom:contract-name Oracle
@license MIT
@notice Whitelisted requester contracts ask questions; validators stake
        the stake token on answers; anyone may dispute by filling a bond
        twice as large; bonds double each round until a bond at least
        `arbitration_threshold` fills, which hands the request to the
        final arbitrator. Correct stakers share the slashed bonds and
        the fee; see docs/SPEC.md for the normative rules.

        Storage is hand-packed (Vyper does not pack): a request is two
        words written once at creation (`_request_params`,
        `_request_state`), and everything derivable is derived: round
        r's bond is B0 * 2**r, its start the time round r-1 bonded.
        A round filled by a single stake records only its filler; per
        account entries exist only for crowdfunded and partial stakes.
        Strings, sources, labels and tags live only in `RequestCreated`.

        Nothing here depends on a transfer to a third party: the
        validity bond, refunds and the treasury's share are credited
        and pulled with `withdraw`, so a token that refuses one
        recipient (a blacklist) cannot freeze anybody else's bonds.
        Every state has an exit: an unanswered request can be cancelled
        by its requester after `max_open_period`, an escalated one is
        finalized INVALID with every bond returned once
        `arbitration_timeout` passes without a ruling.
@custom:security Report vulnerabilities privately to the maintainers
                 (see SECURITY.md); never in a public issue.
@custom:pause The owner calls `pause()`: creation, staking, cancelling,
              finalization and arbitration stop; `claim`, `unstake` and
              `withdraw` stay open so that funds can always leave.
              Time stops for the game while paused: dispute windows,
              open periods and arbitration timeouts count only unpaused
              seconds, so no window can close while nobody may dispute.
              `unpause()` resumes. Ownership cannot be renounced, which
              would freeze a paused Oracle for good.
"""


from ethereum.ercs import IERC20

from snekmate.auth import ownable
initializes: ownable

from snekmate.auth import ownable_2step
initializes: ownable_2step[ownable := ownable]

from snekmate.utils import pausable
initializes: pausable

from interfaces import IOracle
implements: IOracle

exports: (
    ownable_2step.owner,
    ownable_2step.pending_owner,
    ownable_2step.transfer_ownership,
    ownable_2step.accept_ownership,
    pausable.paused,
)


# @dev The outcome every request accepts: int256 min, so that no
# NUMBER answer can collide with it.
INVALID_OUTCOME: public(constant(bytes32)) = 0x8000000000000000000000000000000000000000000000000000000000000000


# @dev 100 % in basis points.
_BPS: constant(uint256) = 10_000
# @dev Gas forwarded to `on_outcome` and the gas that must be left
# before the call so that the 63/64 rule still forwards all of it and
# the rest of `finalize` completes: a finalizer cannot starve the
# callback on purpose.
_CALLBACK_GAS: constant(uint256) = 200_000
_CALLBACK_GAS_RESERVE: constant(uint256) = 215_000
# @dev The threshold stays below 2**120 so that every bond, and so
# every product in the claim math (stake * bonds, stake * fee pool),
# fits in 256 bits.
_THRESHOLD_LIMIT: constant(uint256) = 2**120 - 1
# @dev Upper bound of the round loops: bonds double each round and the
# threshold is below 2**120 while B0 >= 1, so no request exceeds 121.
_MAX_ROUNDS: constant(uint256) = 128

_MASK_8: constant(uint256) = 2**8 - 1
_MASK_12: constant(uint256) = 2**12 - 1
_MASK_20: constant(uint256) = 2**20 - 1
_MASK_32: constant(uint256) = 2**32 - 1
_MASK_40: constant(uint256) = 2**40 - 1
_MASK_96: constant(uint256) = 2**96 - 1
_MASK_160: constant(uint256) = 2**160 - 1

# @dev `_request_params` word: B0 [0, 96) | fee [96, 192) |
# challenge period [192, 224) | requester index [224, 244) |
# config id [244, 256). Written once at creation.
_FEE_SHIFT: constant(uint256) = 96
_PERIOD_SHIFT: constant(uint256) = 192
_REQUESTER_SHIFT: constant(uint256) = 224
_CONFIG_SHIFT: constant(uint256) = 244

# @dev `_request_state` word: filler of the latest bonded round
# [0, 160) | settlement time [160, 200) | latest bond time minus
# settlement time [200, 232) | number of bonded rounds [232, 240) |
# outcome code of the latest bonded round [240, 248) | kind [248, 252) |
# flags [252, 256). Settlement time is never zero, so the word is
# non-zero from creation on and every later write is a cheap update.
_SETTLEMENT_SHIFT: constant(uint256) = 160
_BONDED_AT_SHIFT: constant(uint256) = 200
_BONDED_SHIFT: constant(uint256) = 232
_CODE_SHIFT: constant(uint256) = 240
_KIND_SHIFT: constant(uint256) = 248
_FINALIZED: constant(uint256) = 1 << 252
_PARTIAL: constant(uint256) = 1 << 253
_ESCALATED: constant(uint256) = 1 << 254
_ARBITRATED: constant(uint256) = 1 << 255
_LATEST_ROUND_BITS: constant(uint256) = (2**48 - 1) << 200

# @dev `_rounds` word of a bonded round that is no longer the latest:
# filler [0, 160) | bond time minus settlement time [160, 192) |
# outcome code [192, 200).
_ROUND_BONDED_AT_SHIFT: constant(uint256) = 160
_ROUND_CODE_SHIFT: constant(uint256) = 192

# @dev Filler value of a round that several stakes filled: their
# shares are in `_stake_of`. The ecrecover precompile cannot stake.
_CROWDFUNDED: constant(uint256) = 1

# @dev Request kinds: 0 STRING, 1 NUMBER, n in 2..8 categorical.
_KIND_STRING: constant(uint256) = 0
_KIND_NUMBER: constant(uint256) = 1

# @dev Outcome codes: a categorical index is its own code; a NUMBER or
# STRING answer is `_CODE_WORD` with the 32 bytes in `_outcome_word`.
_CODE_NONE: constant(uint256) = 253
_CODE_WORD: constant(uint256) = 254
_CODE_INVALID: constant(uint256) = 255

# @dev `_requesters` word: multiplier in bps [0, 32) | index [32, 52) |
# whitelisted flag (bit 255).
_REQUESTER_INDEX_SHIFT: constant(uint256) = 32
_WHITELISTED: constant(uint256) = 1 << 255

# @dev `_counters` word: next request id [0, 128) | latest config id
# [128, 140). Creation reads both with one load.
_LATEST_CONFIG_SHIFT: constant(uint256) = 128
_MASK_128: constant(uint256) = 2**128 - 1

# @dev `_pause_clock` word: number of finished pauses [0, 32) | seconds
# paused in all of them [32, 72) | start of the ongoing pause [72, 112)
# (0 while not paused) | end of the latest finished pause [112, 152).
_TOTAL_PAUSED_SHIFT: constant(uint256) = 32
_PAUSED_SINCE_SHIFT: constant(uint256) = 72
_LAST_UNPAUSE_SHIFT: constant(uint256) = 112
# @dev `_pauses[i]` word: start [0, 40) | end [40, 80) | seconds paused
# before it [80, 120).
_PAUSE_END_SHIFT: constant(uint256) = 40
_PAUSED_BEFORE_SHIFT: constant(uint256) = 80
# @dev Bound of the pause history, so its binary search stays within
# 12 steps; `unpause` is never blocked by it, only a further `pause`.
_MAX_PAUSES: constant(uint256) = 4_096


# @dev The deploy-time config (version 0) lives in immutables, so the
# common path reads no storage for it.
_STAKE_TOKEN_0: immutable(address)
_PAYMENT_TOKEN_0: immutable(address)
_VALIDITY_BOND_0: immutable(uint256)
_MIN_BOND_0: immutable(uint256)
_MIN_PERIOD_0: immutable(uint256)
_MAX_PERIOD_0: immutable(uint256)
_THRESHOLD_0: immutable(uint256)
_ARBITRATOR_0: immutable(address)
_TREASURY_0: immutable(address)
_MAX_OPEN_0: immutable(uint256)
_ARBITRATION_TIMEOUT_0: immutable(uint256)


# @dev Config versions pushed by `set_config` (1, 2, ...).
_configs: HashMap[uint256, IOracle.Config]
# @dev Next request id and latest config id, packed.
_counters: uint256
# @dev Whitelist records, packed (see `_REQUESTER_INDEX_SHIFT`).
_requesters: HashMap[address, uint256]
# @dev Requester address by its permanent index; never rewritten, so
# open requests keep their requester whatever the whitelist does.
_requester_at: HashMap[uint256, address]
_requester_count: uint256
# @dev The two words of a request (see the shift constants).
_request_params: HashMap[uint256, uint256]
_request_state: HashMap[uint256, uint256]
# @dev Bonded rounds that are no longer the latest, packed.
_rounds: HashMap[uint256, HashMap[uint256, uint256]]
# @dev The 32-byte bonded outcome of a NUMBER or STRING round.
_outcome_word: HashMap[uint256, HashMap[uint256, bytes32]]
# @dev The outcome an arbitrator decided.
_arbitrated_outcome: HashMap[uint256, bytes32]
# @dev Partial and crowdfunded stakes: request -> round -> outcome.
_outcome_stake: HashMap[uint256, HashMap[uint256, HashMap[bytes32, uint256]]]
# @dev request -> round -> account -> outcome -> stake.
_stake_of: HashMap[uint256, HashMap[uint256, HashMap[address, HashMap[bytes32, uint256]]]]
# @dev Amounts owed to requesters and treasuries: token -> account ->
# wei, paid out by `withdraw`.
_credits: HashMap[address, HashMap[address, uint256]]
# @dev How long the Oracle has been paused (see `_TOTAL_PAUSED_SHIFT`),
# and every finished pause in order, so the game's clock can skip them.
_pause_clock: uint256
_pauses: HashMap[uint256, uint256]


# @dev Emitted when `config_id` becomes the config of new requests.
event ConfigSet:
    config_id: indexed(uint256)
    config: IOracle.Config


# @dev Emitted when `requester` is (re-)whitelisted.
event RequesterAdded:
    requester: indexed(address)
    index: uint256
    name: String[64]
    stake_multiplier_bps: uint256
    code_base_url: String[256]


# @dev Emitted when `requester` leaves the whitelist.
event RequesterRemoved:
    requester: indexed(address)


# @dev Emitted on creation; the only record of the request's texts.
# The numbers (bond, fee, settlement time, period, config id) are in
# storage, readable with `request_params`, and not repeated here.
event RequestCreated:
    request_id: indexed(uint256)
    requester: indexed(address)
    description: String[512]
    sources: DynArray[IOracle.Source, 8]
    outcomes: DynArray[String[64], 8]
    data_type: uint8
    decimals: uint8
    tags: DynArray[String[64], 8]


# @dev Emitted for every stake; `bonded` when it filled the round.
event Staked:
    request_id: indexed(uint256)
    staker: indexed(address)
    round: uint256
    outcome: bytes32
    amount: uint256
    bonded: bool


# @dev Emitted when a stake is withdrawn.
event Unstaked:
    request_id: indexed(uint256)
    staker: indexed(address)
    round: uint256
    outcome: bytes32
    amount: uint256


# @dev Emitted when a bond at least the threshold filled in `round`.
event Escalated:
    request_id: indexed(uint256)
    round: uint256
    bond: uint256


# @dev Emitted when the outcome becomes final.
event Finalized:
    request_id: indexed(uint256)
    outcome: bytes32
    arbitrated: bool


# @dev Emitted when the requester's `on_outcome` reverted or ran out
# of gas; the finalization stands regardless.
event CallbackFailed:
    request_id: indexed(uint256)
    requester: indexed(address)


# @dev Emitted when `account` is paid its share.
event Claimed:
    request_id: indexed(uint256)
    account: indexed(address)
    stake_amount: uint256
    payment_amount: uint256


# @dev Emitted when no bonded round matched an arbitrated outcome.
event TreasuryPaid:
    request_id: indexed(uint256)
    treasury: indexed(address)
    stake_amount: uint256
    payment_amount: uint256


# @dev Emitted when a requester cancels a request nobody answered.
event Cancelled:
    request_id: indexed(uint256)
    requester: indexed(address)


# @dev Emitted when an escalated request is finalized INVALID because
# the arbitrator did not rule within `arbitration_timeout`.
event ArbitrationExpired:
    request_id: indexed(uint256)


# @dev Emitted when credited tokens are paid out.
event Withdrawn:
    token: indexed(address)
    account: indexed(address)
    amount: uint256


# @dev Emitted by `publish_answer` so nodes can read STRING answers.
event AnswerPublished:
    request_id: indexed(uint256)
    outcome: indexed(bytes32)
    answer: String[1024]


# @dev What `claim` pays and which entries it clears.
struct Settlement:
    correct: uint256
    stake_amount: uint256
    payment_amount: uint256
    single_rounds: uint256
    crowd_rounds: uint256
    outcome: bytes32


@deploy
def __init__(config: IOracle.Config):
    """
    @dev Deploys the Oracle with its first config (version 0, kept in
         immutables); the deployer becomes the owner (2-step).
    @param config The config of requests created before any `set_config`.
    """
    ownable.__init__()
    ownable_2step.__init__()
    pausable.__init__()
    self._check_config(config)
    _STAKE_TOKEN_0 = config.stake_token
    _PAYMENT_TOKEN_0 = config.payment_token
    _VALIDITY_BOND_0 = config.validity_bond
    _MIN_BOND_0 = config.min_bond
    _MIN_PERIOD_0 = config.min_challenge_period
    _MAX_PERIOD_0 = config.max_challenge_period
    _THRESHOLD_0 = config.arbitration_threshold
    _ARBITRATOR_0 = config.final_arbitrator
    _TREASURY_0 = config.treasury
    _MAX_OPEN_0 = config.max_open_period
    _ARBITRATION_TIMEOUT_0 = config.arbitration_timeout
    log ConfigSet(config_id=0, config=config)


@external
def set_config(config: IOracle.Config) -> uint256:
    """
    @dev Pushes a new config version for requests created from now on.
    @notice Owner only. Open requests keep the version they were
            created with.
    @param config The new config.
    @return uint256 The new config id.
    """
    ownable._check_owner()
    self._check_config(config)
    counters: uint256 = self._counters
    config_id: uint256 = (counters >> _LATEST_CONFIG_SHIFT) + 1
    assert config_id <= _MASK_12, "oracle: too many configs"
    self._configs[config_id] = config
    self._counters = (counters & _MASK_128) | (config_id << _LATEST_CONFIG_SHIFT)
    log ConfigSet(config_id=config_id, config=config)
    return config_id


@external
def add_requester(requester: address, name: String[64], stake_multiplier_bps: uint256, code_base_url: String[256]):
    """
    @dev Whitelists `requester`, or updates its multiplier.
    @notice Owner only. A requester keeps its index for life; open
            requests keep the multiplier they were created with.
    @param requester The requester contract.
    @param name A human-readable name (event only).
    @param stake_multiplier_bps Scales this requester's round-0 bond.
    @param code_base_url Where the requester's source lives (event only).
    """
    ownable._check_owner()
    assert stake_multiplier_bps != 0, "oracle: zero multiplier"
    assert stake_multiplier_bps <= _MASK_32, "oracle: bad multiplier"
    record: uint256 = self._requesters[requester]
    index: uint256 = 0
    if record == 0:
        index = self._requester_count
        assert index <= _MASK_20, "oracle: too many requesters"
        self._requester_count = index + 1
        self._requester_at[index] = requester
    else:
        index = (record >> _REQUESTER_INDEX_SHIFT) & _MASK_20
    self._requesters[requester] = _WHITELISTED | (index << _REQUESTER_INDEX_SHIFT) | stake_multiplier_bps
    log RequesterAdded(
        requester=requester,
        index=index,
        name=name,
        stake_multiplier_bps=stake_multiplier_bps,
        code_base_url=code_base_url,
    )


@external
def remove_requester(requester: address):
    """
    @dev Removes `requester` from the whitelist.
    @notice Owner only. Its open requests are unaffected.
    @param requester The requester contract.
    """
    ownable._check_owner()
    record: uint256 = self._requesters[requester]
    assert record & _WHITELISTED != 0, "oracle: not whitelisted"
    self._requesters[requester] = record & ~_WHITELISTED
    log RequesterRemoved(requester=requester)


@external
def pause():
    """
    @dev Stops creation, staking, cancelling, finalization and
         arbitration, and stops the game's clock.
    @notice Owner only. Claims, unstakes and withdrawals stay open.
    """
    ownable._check_owner()
    pausable._pause()
    clock: uint256 = self._pause_clock
    assert clock & _MASK_32 < _MAX_PAUSES, "oracle: too many pauses"
    self._pause_clock = clock | (block.timestamp << _PAUSED_SINCE_SHIFT)


@external
def unpause():
    """
    @dev Lifts the pause and records it, so every open window, open
         period and arbitration timeout resumes with the time it had
         left when the pause began.
    @notice Owner only.
    """
    ownable._check_owner()
    pausable._unpause()
    clock: uint256 = self._pause_clock
    count: uint256 = clock & _MASK_32
    total_s: uint256 = (clock >> _TOTAL_PAUSED_SHIFT) & _MASK_40
    paused_since: uint256 = (clock >> _PAUSED_SINCE_SHIFT) & _MASK_40
    self._pauses[count] = (
        paused_since
        | (block.timestamp << _PAUSE_END_SHIFT)
        | (total_s << _PAUSED_BEFORE_SHIFT)
    )
    total_s += block.timestamp - paused_since
    self._pause_clock = (
        (count + 1)
        | (total_s << _TOTAL_PAUSED_SHIFT)
        | (block.timestamp << _LAST_UNPAUSE_SHIFT)
    )


@external
@nonreentrant
def create_request(args: IOracle.RequestArgs) -> uint256:
    """
    @dev Creates a data request and pulls `validity_bond + fee` of the
         payment token from the caller.
    @notice Whitelisted requesters only. The stored settlement time is
            `max(args.settlement_time, block.timestamp)`.
    @param args The question, its sources and its economics.
    @return uint256 The new request id.
    """
    pausable._require_not_paused()
    record: uint256 = self._requesters[msg.sender]
    assert record & _WHITELISTED != 0, "oracle: not whitelisted"
    assert len(args.outcomes) != 1, "oracle: bad outcome count"
    assert args.data_type <= 1, "oracle: bad data type"
    assert len(args.description) != 0 or len(args.sources) != 0, "oracle: empty request"

    counters: uint256 = self._counters
    config_id: uint256 = counters >> _LATEST_CONFIG_SHIFT
    assert args.challenge_period >= self._min_period(config_id), "oracle: period out of bounds"
    assert args.challenge_period <= self._max_period(config_id), "oracle: period out of bounds"
    min_bond_wei: uint256 = max(self._min_bond(config_id), args.min_bond)
    # Above 2**128 the bond exceeds 96 bits whatever the multiplier; the
    # early check also keeps the product below 2**160.
    assert min_bond_wei <= _MASK_128, "oracle: bond too large"
    bond_wei: uint256 = min_bond_wei * (record & _MASK_32) // _BPS
    assert bond_wei != 0, "oracle: zero bond"
    assert bond_wei <= _MASK_96, "oracle: bond too large"
    assert args.fee <= _MASK_96, "oracle: fee too large"
    assert args.settlement_time <= _MASK_40, "oracle: bad settlement time"

    request_id: uint256 = counters & _MASK_128
    self._counters = counters + 1
    settlement_time: uint256 = max(args.settlement_time, block.timestamp)
    kind: uint256 = len(args.outcomes)
    if kind == 0:
        kind = convert(args.data_type, uint256)
    self._request_params[request_id] = (
        bond_wei
        | (args.fee << _FEE_SHIFT)
        | (args.challenge_period << _PERIOD_SHIFT)
        | (((record >> _REQUESTER_INDEX_SHIFT) & _MASK_20) << _REQUESTER_SHIFT)
        | (config_id << _CONFIG_SHIFT)
    )
    self._request_state[request_id] = (settlement_time << _SETTLEMENT_SHIFT) | (kind << _KIND_SHIFT)

    self._pull(self._payment_token(config_id), msg.sender, self._validity_bond(config_id) + args.fee)
    log RequestCreated(
        request_id=request_id,
        requester=msg.sender,
        description=args.description,
        sources=args.sources,
        outcomes=args.outcomes,
        data_type=args.data_type,
        decimals=args.decimals,
        tags=args.tags,
    )
    return request_id


@external
@nonreentrant
def stake(request_id: uint256, outcome: bytes32, amount: uint256) -> uint256:
    """
    @dev Stakes up to `amount` of the stake token on `outcome` in the
         request's open round; takes only what the outcome still needs
         to fill the round's bond.
    @notice A stake may not back the outcome bonded in the previous
            round, and no stake is taken once the window has closed.
    @param request_id The request.
    @param outcome The encoded outcome (see `IOracle`).
    @param amount The most the caller is willing to stake.
    @return uint256 The amount actually taken.
    """
    pausable._require_not_paused()
    params: uint256 = self._params_of(request_id)
    assert amount != 0, "oracle: zero amount"
    state: uint256 = self._request_state[request_id]
    assert state & _FINALIZED == 0, "oracle: finalized"
    assert state & _ESCALATED == 0, "oracle: escalated"
    code: uint256 = self._code_of((state >> _KIND_SHIFT) & 15, outcome)
    assert code != _CODE_NONE, "oracle: invalid outcome"

    round: uint256 = (state >> _BONDED_SHIFT) & _MASK_8
    settlement_time: uint256 = (state >> _SETTLEMENT_SHIFT) & _MASK_40
    if round == 0:
        assert block.timestamp >= settlement_time, "oracle: not settled"
    else:
        opened_at: uint256 = settlement_time + ((state >> _BONDED_AT_SHIFT) & _MASK_32)
        # Nobody may stake in the block whose timestamp opened the round:
        # otherwise one transaction could fill every round up to the
        # arbitrator, both sides its own, before anyone else could join.
        assert block.timestamp > opened_at, "oracle: round just opened"
        assert self._active_since(opened_at) < (params >> _PERIOD_SHIFT) & _MASK_32, "oracle: window closed"
        assert not self._is_code_of_round(request_id, round - 1, (state >> _CODE_SHIFT) & _MASK_8, code, outcome), "oracle: outcome bonded"

    bond_wei: uint256 = (params & _MASK_96) << round
    staked_wei: uint256 = 0
    if state & _PARTIAL != 0:
        staked_wei = self._outcome_stake[request_id][round][outcome]
    taken_wei: uint256 = min(amount, bond_wei - staked_wei)
    bonded: bool = True
    if taken_wei == bond_wei:
        state = self._bond(request_id, params, state, round, code, outcome, convert(msg.sender, uint256))
    else:
        self._stake_of[request_id][round][msg.sender][outcome] += taken_wei
        staked_wei += taken_wei
        self._outcome_stake[request_id][round][outcome] = staked_wei
        if staked_wei == bond_wei:
            state = self._bond(request_id, params, state, round, code, outcome, _CROWDFUNDED)
        else:
            bonded = False
            state |= _PARTIAL
    self._request_state[request_id] = state

    self._pull(self._stake_token(params >> _CONFIG_SHIFT), msg.sender, taken_wei)
    log Staked(request_id=request_id, staker=msg.sender, round=round, outcome=outcome, amount=taken_wei, bonded=bonded)
    return taken_wei


@external
@nonreentrant
def unstake(request_id: uint256, round: uint256, outcome: bytes32, amount: uint256):
    """
    @dev Withdraws stake that is neither slashed nor rewarded: stake on
         an outcome that did not bond in its round, including every
         stake in a round that never filled.
    @notice Works at any time, before or after finalization, and while
            paused.
    @param request_id The request.
    @param round The round the stake was placed in.
    @param outcome The outcome it backs.
    @param amount How much to withdraw.
    """
    params: uint256 = self._params_of(request_id)
    assert amount != 0, "oracle: zero amount"
    state: uint256 = self._request_state[request_id]
    bonded_rounds: uint256 = (state >> _BONDED_SHIFT) & _MASK_8
    assert round <= self._current_round(state), "oracle: unknown round"
    if round < bonded_rounds:
        round_code: uint256 = self._round_word(request_id, state, round, bonded_rounds) >> _ROUND_CODE_SHIFT
        code: uint256 = self._code_of((state >> _KIND_SHIFT) & 15, outcome)
        assert not self._is_code_of_round(request_id, round, round_code, code, outcome), "oracle: outcome bonded"
    staked_wei: uint256 = self._stake_of[request_id][round][msg.sender][outcome]
    assert staked_wei >= amount, "oracle: insufficient stake"
    self._stake_of[request_id][round][msg.sender][outcome] = staked_wei - amount
    self._outcome_stake[request_id][round][outcome] -= amount
    self._push(self._stake_token(params >> _CONFIG_SHIFT), msg.sender, amount)
    log Unstaked(request_id=request_id, staker=msg.sender, round=round, outcome=outcome, amount=amount)


@external
@nonreentrant
def finalize(request_id: uint256):
    """
    @dev Finalizes a request whose latest dispute window expired
         unfilled: the outcome is the latest bonded one. The validity
         bond is credited back to the requester unless the outcome is
         INVALID. An escalated request the arbitrator did not decide
         within `arbitration_timeout` is finalized INVALID instead,
         with every bond returned by `claim` and the fee and validity
         bond credited back to the requester. Then the requester's
         `on_outcome` is called.
    @notice Anyone may call. The finalized state is written before the
            callback, which runs with a fixed gas cap and cannot undo it.
            Windows and timeouts count only unpaused seconds.
    @param request_id The request.
    """
    pausable._require_not_paused()
    params: uint256 = self._params_of(request_id)
    state: uint256 = self._request_state[request_id]
    assert state & _FINALIZED == 0, "oracle: finalized"
    bonded_rounds: uint256 = (state >> _BONDED_SHIFT) & _MASK_8
    assert bonded_rounds != 0, "oracle: nothing bonded"
    bonded_at: uint256 = ((state >> _SETTLEMENT_SHIFT) & _MASK_40) + ((state >> _BONDED_AT_SHIFT) & _MASK_32)
    if state & _ESCALATED != 0:
        self._expire_arbitration(request_id, params, state, bonded_at)
        return
    assert self._active_since(bonded_at) >= (params >> _PERIOD_SHIFT) & _MASK_32, "oracle: window open"
    self._request_state[request_id] = state | _FINALIZED

    code: uint256 = (state >> _CODE_SHIFT) & _MASK_8
    outcome: bytes32 = self._outcome_of_code(request_id, bonded_rounds - 1, code)
    config_id: uint256 = params >> _CONFIG_SHIFT
    requester: address = self._requester_at[(params >> _REQUESTER_SHIFT) & _MASK_20]
    if code != _CODE_INVALID:
        self._credit(self._payment_token(config_id), requester, self._validity_bond(config_id))
    log Finalized(request_id=request_id, outcome=outcome, arbitrated=False)
    self._notify(requester, request_id, outcome)


@external
@nonreentrant
def arbitrate(request_id: uint256, outcome: bytes32):
    """
    @dev The final arbitrator decides an escalated request. If no round
         bonded `outcome`, every bond and the fee pool are credited to
         the treasury.
    @notice Only the final arbitrator of the request's config snapshot,
            only once the request escalated, and only within
            `arbitration_timeout` (unpaused seconds) of the escalation.
    @param request_id The request.
    @param outcome Any valid outcome of the request, INVALID included.
    """
    pausable._require_not_paused()
    params: uint256 = self._params_of(request_id)
    config_id: uint256 = params >> _CONFIG_SHIFT
    assert msg.sender == self._arbitrator(config_id), "oracle: not arbitrator"
    state: uint256 = self._request_state[request_id]
    assert state & _FINALIZED == 0, "oracle: finalized"
    assert state & _ESCALATED != 0, "oracle: not escalated"
    escalated_at: uint256 = ((state >> _SETTLEMENT_SHIFT) & _MASK_40) + ((state >> _BONDED_AT_SHIFT) & _MASK_32)
    assert self._active_since(escalated_at) < self._arbitration_timeout(config_id), "oracle: arbitration expired"
    code: uint256 = self._code_of((state >> _KIND_SHIFT) & 15, outcome)
    assert code != _CODE_NONE, "oracle: invalid outcome"
    self._request_state[request_id] = state | _FINALIZED | _ARBITRATED
    self._arbitrated_outcome[request_id] = outcome

    payment_token: address = self._payment_token(config_id)
    requester: address = self._requester_at[(params >> _REQUESTER_SHIFT) & _MASK_20]
    fee_pool_wei: uint256 = (params >> _FEE_SHIFT) & _MASK_96
    if code != _CODE_INVALID:
        self._credit(payment_token, requester, self._validity_bond(config_id))
    else:
        fee_pool_wei += self._validity_bond(config_id)

    bonded_rounds: uint256 = (state >> _BONDED_SHIFT) & _MASK_8
    matched: bool = False
    for round: uint256 in range(bonded_rounds, bound=_MAX_ROUNDS):
        round_code: uint256 = self._round_word(request_id, state, round, bonded_rounds) >> _ROUND_CODE_SHIFT
        if self._is_code_of_round(request_id, round, round_code, code, outcome):
            matched = True
            break
    if not matched:
        # Nobody can claim: the slashed bonds and the fee pool would be
        # stranded, so they are credited to the treasury now.
        treasury: address = self._treasury(config_id)
        slashed_wei: uint256 = (params & _MASK_96) * ((1 << bonded_rounds) - 1)
        self._credit(self._stake_token(config_id), treasury, slashed_wei)
        self._credit(payment_token, treasury, fee_pool_wei)
        log TreasuryPaid(request_id=request_id, treasury=treasury, stake_amount=slashed_wei, payment_amount=fee_pool_wei)
    log Finalized(request_id=request_id, outcome=outcome, arbitrated=True)
    self._notify(requester, request_id, outcome)


@external
@nonreentrant
def claim(request_id: uint256, account: address) -> (uint256, uint256):
    """
    @dev Pays `account` its correct stake plus its share of the slashed
         bonds (stake token) and of the fee pool (payment token).
    @notice Anyone may call; the tokens always go to `account`.
    @param request_id The finalized request.
    @param account The staker to pay.
    @return uint256 The stake-token amount paid.
    @return uint256 The payment-token amount paid.
    """
    params: uint256 = self._params_of(request_id)
    state: uint256 = self._request_state[request_id]
    assert state & _FINALIZED != 0, "oracle: not finalized"
    s: Settlement = self._settlement(request_id, params, state, account)
    assert s.correct != 0, "oracle: nothing to claim"

    # Clear what was counted before paying, so no path pays twice.
    bonded_rounds: uint256 = (state >> _BONDED_SHIFT) & _MASK_8
    latest: uint256 = bonded_rounds - 1
    if s.single_rounds & (1 << latest) != 0:
        self._request_state[request_id] = state & ~_MASK_160
    for round: uint256 in range(latest, bound=_MAX_ROUNDS):
        if s.single_rounds & (1 << round) != 0:
            self._rounds[request_id][round] &= ~_MASK_160
    for round: uint256 in range(bonded_rounds, bound=_MAX_ROUNDS):
        if s.crowd_rounds & (1 << round) != 0:
            self._stake_of[request_id][round][account][self._claimed_outcome(request_id, state, round, bonded_rounds, s.outcome)] = 0

    config_id: uint256 = params >> _CONFIG_SHIFT
    self._push(self._stake_token(config_id), account, s.stake_amount)
    self._push(self._payment_token(config_id), account, s.payment_amount)
    log Claimed(request_id=request_id, account=account, stake_amount=s.stake_amount, payment_amount=s.payment_amount)
    return s.stake_amount, s.payment_amount


@external
@nonreentrant
def cancel(request_id: uint256):
    """
    @dev Ends a request that nobody answered: round 0 never bonded and
         `max_open_period` unpaused seconds passed since its settlement
         time. It becomes final with outcome INVALID; its fee and
         validity bond are credited back to the requester; partial
         stakes stay unstakeable. No callback: the requester is the
         caller.
    @notice Only the request's requester, and not while paused.
    @param request_id The request.
    """
    pausable._require_not_paused()
    params: uint256 = self._params_of(request_id)
    requester: address = self._requester_at[(params >> _REQUESTER_SHIFT) & _MASK_20]
    assert msg.sender == requester, "oracle: not requester"
    state: uint256 = self._request_state[request_id]
    assert state & _FINALIZED == 0, "oracle: finalized"
    assert (state >> _BONDED_SHIFT) & _MASK_8 == 0, "oracle: already bonded"
    config_id: uint256 = params >> _CONFIG_SHIFT
    settlement_time: uint256 = (state >> _SETTLEMENT_SHIFT) & _MASK_40
    assert block.timestamp >= settlement_time, "oracle: still open"
    assert self._active_since(settlement_time) >= self._max_open(config_id), "oracle: still open"
    self._request_state[request_id] = state | _FINALIZED
    self._credit(
        self._payment_token(config_id),
        requester,
        ((params >> _FEE_SHIFT) & _MASK_96) + self._validity_bond(config_id),
    )
    log Cancelled(request_id=request_id, requester=requester)


@external
@nonreentrant
def withdraw(token: address, account: address) -> uint256:
    """
    @dev Pays `account` everything credited to it in `token`: validity
         bonds, fees of cancelled or expired requests, treasury shares.
    @notice Anyone may call; the tokens always go to `account`. Works
            while paused.
    @param token The ERC20 to pay out.
    @param account The account whose credit is paid.
    @return uint256 The amount paid.
    """
    amount: uint256 = self._credits[token][account]
    assert amount != 0, "oracle: nothing to withdraw"
    self._credits[token][account] = 0
    self._push(token, account, amount)
    log Withdrawn(token=token, account=account, amount=amount)
    return amount


@external
def publish_answer(request_id: uint256, answer: String[1024]) -> bytes32:
    """
    @dev Publishes the text of a STRING answer so nodes can read it.
    @notice Anyone may call; staking needs only the returned hash.
    @param request_id The request the answer is for.
    @param answer The UTF-8 answer.
    @return bytes32 The outcome to stake: keccak256 of `answer`.
    """
    self._params_of(request_id)
    outcome: bytes32 = keccak256(answer)
    log AnswerPublished(request_id=request_id, outcome=outcome, answer=answer)
    return outcome


@external
@view
def outcome_of(request_id: uint256) -> (bool, bytes32):
    """
    @dev Returns whether the request is final and its outcome.
    @param request_id The request.
    @return bool True once finalized.
    @return bytes32 The final outcome, or zero before finalization.
    """
    params: uint256 = self._params_of(request_id)
    state: uint256 = self._request_state[request_id]
    if state & _FINALIZED == 0:
        return False, empty(bytes32)
    return True, self._final_outcome(request_id, state)


@external
@view
def current_round(request_id: uint256) -> uint256:
    """
    @dev Returns the round that is open or was opened last: one past the
         latest bonded round, or the escalated round itself.
    @param request_id The request.
    @return uint256 The round index.
    """
    self._params_of(request_id)
    return self._current_round(self._request_state[request_id])


@external
@view
def round_info(request_id: uint256, round: uint256) -> (uint256, uint256, uint256, bytes32, bool):
    """
    @dev Describes a round of a request.
    @notice Round 0 has no deadline (`end` is 0). A round r >= 1 starts
            when round r-1 bonded and ends `challenge_period` unpaused
            seconds later; while paused, `end` is the earliest it can
            be (as if unpaused now).
    @param request_id The request.
    @param round The round, at most `current_round(request_id)`.
    @return uint256 The round's bond (B0 * 2**round).
    @return uint256 Its start (unix seconds).
    @return uint256 Its end (unix seconds, exclusive; 0 for round 0).
    @return bytes32 Its bonded outcome, or zero.
    @return bool Whether it bonded.
    """
    params: uint256 = self._params_of(request_id)
    state: uint256 = self._request_state[request_id]
    assert round <= self._current_round(state), "oracle: unknown round"
    bonded_rounds: uint256 = (state >> _BONDED_SHIFT) & _MASK_8
    settlement_time: uint256 = (state >> _SETTLEMENT_SHIFT) & _MASK_40
    start: uint256 = settlement_time
    end: uint256 = 0
    if round != 0:
        previous: uint256 = self._round_word(request_id, state, round - 1, bonded_rounds)
        start = settlement_time + ((previous >> _ROUND_BONDED_AT_SHIFT) & _MASK_32)
        end = self._window_end(start, (params >> _PERIOD_SHIFT) & _MASK_32)
    if round < bonded_rounds:
        code: uint256 = self._round_word(request_id, state, round, bonded_rounds) >> _ROUND_CODE_SHIFT
        return (params & _MASK_96) << round, start, end, self._outcome_of_code(request_id, round, code), True
    return (params & _MASK_96) << round, start, end, empty(bytes32), False


@external
@view
def staked(request_id: uint256, round: uint256, account: address, outcome: bytes32) -> uint256:
    """
    @dev Returns `account`'s stake on `outcome` in `round`.
    @notice Claimed stakes read as zero.
    @param request_id The request.
    @param round The round.
    @param account The staker.
    @param outcome The outcome.
    @return uint256 The stake, in stake-token units.
    """
    params: uint256 = self._params_of(request_id)
    state: uint256 = self._request_state[request_id]
    bonded_rounds: uint256 = (state >> _BONDED_SHIFT) & _MASK_8
    if round < bonded_rounds and convert(account, uint256) > _CROWDFUNDED:
        word: uint256 = self._round_word(request_id, state, round, bonded_rounds)
        if word & _MASK_160 == convert(account, uint256):
            code: uint256 = self._code_of((state >> _KIND_SHIFT) & 15, outcome)
            if self._is_code_of_round(request_id, round, word >> _ROUND_CODE_SHIFT, code, outcome):
                return (params & _MASK_96) << round
    return self._stake_of[request_id][round][account][outcome]


@external
@view
def claimable(request_id: uint256, account: address) -> (uint256, uint256):
    """
    @dev Returns what `claim(request_id, account)` would pay now.
    @param request_id The request.
    @param account The staker.
    @return uint256 Stake-token amount (0 before finalization).
    @return uint256 Payment-token amount (0 before finalization).
    """
    params: uint256 = self._params_of(request_id)
    state: uint256 = self._request_state[request_id]
    if state & _FINALIZED == 0:
        return 0, 0
    s: Settlement = self._settlement(request_id, params, state, account)
    return s.stake_amount, s.payment_amount


@external
@view
def withdrawable(token: address, account: address) -> uint256:
    """
    @dev Returns what `withdraw(token, account)` would pay now.
    @param token The ERC20.
    @param account The account.
    @return uint256 The credited amount.
    """
    return self._credits[token][account]


@external
@view
def pause_clock() -> (uint256, uint256, uint256):
    """
    @dev Returns how the game's clock was stopped so far.
    @return uint256 Seconds paused in all finished pauses.
    @return uint256 Start of the ongoing pause (0 while not paused).
    @return uint256 Number of finished pauses.
    """
    clock: uint256 = self._pause_clock
    return (clock >> _TOTAL_PAUSED_SHIFT) & _MASK_40, (clock >> _PAUSED_SINCE_SHIFT) & _MASK_40, clock & _MASK_32


@external
@view
def config(config_id: uint256) -> IOracle.Config:
    """
    @dev Returns a config version.
    @param config_id 0 for the deploy-time config, then 1, 2, ...
    @return IOracle.Config The config.
    """
    assert config_id <= self._counters >> _LATEST_CONFIG_SHIFT, "oracle: unknown config"
    if config_id == 0:
        return IOracle.Config(
            stake_token=_STAKE_TOKEN_0,
            payment_token=_PAYMENT_TOKEN_0,
            validity_bond=_VALIDITY_BOND_0,
            min_bond=_MIN_BOND_0,
            min_challenge_period=_MIN_PERIOD_0,
            max_challenge_period=_MAX_PERIOD_0,
            arbitration_threshold=_THRESHOLD_0,
            final_arbitrator=_ARBITRATOR_0,
            treasury=_TREASURY_0,
            max_open_period=_MAX_OPEN_0,
            arbitration_timeout=_ARBITRATION_TIMEOUT_0,
        )
    return self._configs[config_id]


@external
@view
def latest_config_id() -> uint256:
    """
    @dev Returns the config id new requests get.
    @return uint256 The latest config id.
    """
    return self._counters >> _LATEST_CONFIG_SHIFT


@external
@view
def request_count() -> uint256:
    """
    @dev Returns how many requests exist; ids are 0..count-1.
    @return uint256 The number of requests.
    """
    return self._counters & _MASK_128


@external
@view
def requester_info(requester: address) -> (bool, uint256, uint256):
    """
    @dev Returns a requester's whitelist record.
    @param requester The requester contract.
    @return bool Whether it may create requests now.
    @return uint256 Its stake multiplier in bps (0 if never added).
    @return uint256 Its permanent index (0 if never added).
    """
    record: uint256 = self._requesters[requester]
    return record & _WHITELISTED != 0, record & _MASK_32, (record >> _REQUESTER_INDEX_SHIFT) & _MASK_20


@external
@view
def request_params(request_id: uint256) -> (address, uint256, uint256, uint256, uint256, uint256, uint256):
    """
    @dev Returns the parameters a request was created with.
    @param request_id The request.
    @return address The requester.
    @return uint256 The config id of its snapshot.
    @return uint256 B0, the round-0 bond.
    @return uint256 The fee.
    @return uint256 The stored settlement time.
    @return uint256 The challenge period in seconds.
    @return uint256 The kind: 0 STRING, 1 NUMBER, n >= 2 categorical with n outcomes.
    """
    params: uint256 = self._params_of(request_id)
    state: uint256 = self._request_state[request_id]
    return (
        self._requester_at[(params >> _REQUESTER_SHIFT) & _MASK_20],
        params >> _CONFIG_SHIFT,
        params & _MASK_96,
        (params >> _FEE_SHIFT) & _MASK_96,
        (state >> _SETTLEMENT_SHIFT) & _MASK_40,
        (params >> _PERIOD_SHIFT) & _MASK_32,
        (state >> _KIND_SHIFT) & 15,
    )


@internal
@view
def _params_of(request_id: uint256) -> uint256:
    """
    @dev The request's params word; reverts for an id never created
         (the word is never zero: B0 is not).
    @param request_id The request.
    @return uint256 The params word.
    """
    params: uint256 = self._request_params[request_id]
    assert params != 0, "oracle: unknown request"
    return params


@internal
def _bond(request_id: uint256, params: uint256, state: uint256, round: uint256, code: uint256, outcome: bytes32, filler: uint256) -> uint256:
    """
    @dev Records that `outcome` filled `round`: the previous latest
         round moves to `_rounds`, the new one takes its place in the
         request's state word, and the request escalates if the bond
         reached the threshold.
    @param request_id The request.
    @param params The request's params word.
    @param state The request's state word.
    @param round The round that filled.
    @param code The outcome's code.
    @param outcome The outcome.
    @param filler The single filler, or `_CROWDFUNDED`.
    @return uint256 The new state word (not yet stored).
    """
    if round != 0:
        self._rounds[request_id][round - 1] = self._latest_round_word(state)
    if code == _CODE_WORD:
        self._outcome_word[request_id][round] = outcome
    since_settlement: uint256 = block.timestamp - ((state >> _SETTLEMENT_SHIFT) & _MASK_40)
    assert since_settlement <= _MASK_32, "oracle: request too old"
    new_state: uint256 = (
        (state & ~(_LATEST_ROUND_BITS | _MASK_160 | _PARTIAL))
        | filler
        | (since_settlement << _BONDED_AT_SHIFT)
        | ((round + 1) << _BONDED_SHIFT)
        | (code << _CODE_SHIFT)
    )
    bond_wei: uint256 = (params & _MASK_96) << round
    if bond_wei >= self._threshold(params >> _CONFIG_SHIFT):
        new_state |= _ESCALATED
        log Escalated(request_id=request_id, round=round, bond=bond_wei)
    return new_state


@internal
@view
def _settlement(request_id: uint256, params: uint256, state: uint256, account: address) -> Settlement:
    """
    @dev Computes `account`'s payout on a finalized request and the
         entries that hold its correct stake.
    @param request_id The request.
    @param params The request's params word.
    @param state The request's state word.
    @param account The staker.
    @return Settlement The payout and the rounds to clear.
    """
    s: Settlement = empty(Settlement)
    s.outcome = self._final_outcome(request_id, state)
    final_code: uint256 = self._code_of((state >> _KIND_SHIFT) & 15, s.outcome)
    # An expired arbitration returns every bond: each round counts as
    # correct for the outcome it bonded, and nothing is slashed.
    refund: bool = self._arbitration_expired(state)
    bond_wei: uint256 = params & _MASK_96
    bonded_rounds: uint256 = (state >> _BONDED_SHIFT) & _MASK_8
    account_word: uint256 = convert(account, uint256)
    correct_wei: uint256 = 0
    incorrect_wei: uint256 = 0
    for round: uint256 in range(bonded_rounds, bound=_MAX_ROUNDS):
        word: uint256 = self._round_word(request_id, state, round, bonded_rounds)
        if refund or self._is_code_of_round(request_id, round, word >> _ROUND_CODE_SHIFT, final_code, s.outcome):
            correct_wei += bond_wei
            filler: uint256 = word & _MASK_160
            if filler == account_word and account_word > _CROWDFUNDED:
                s.correct += bond_wei
                s.single_rounds |= 1 << round
            elif filler == _CROWDFUNDED:
                share_wei: uint256 = self._stake_of[request_id][round][account][
                    self._claimed_outcome(request_id, state, round, bonded_rounds, s.outcome)
                ]
                if share_wei != 0:
                    s.correct += share_wei
                    s.crowd_rounds |= 1 << round
        else:
            incorrect_wei += bond_wei
        bond_wei <<= 1
    if s.correct == 0:
        return s
    if refund:
        # The fee and the validity bond went back to the requester.
        s.stake_amount = s.correct
        return s
    fee_pool_wei: uint256 = (params >> _FEE_SHIFT) & _MASK_96
    if s.outcome == INVALID_OUTCOME:
        fee_pool_wei += self._validity_bond(params >> _CONFIG_SHIFT)
    s.stake_amount = s.correct + s.correct * incorrect_wei // correct_wei
    s.payment_amount = s.correct * fee_pool_wei // correct_wei
    return s


@internal
@view
def _round_word(request_id: uint256, state: uint256, round: uint256, bonded_rounds: uint256) -> uint256:
    """
    @dev Returns a bonded round in the `_rounds` layout, reading the
         latest one from the state word.
    @param request_id The request.
    @param state The request's state word.
    @param round A bonded round.
    @param bonded_rounds The number of bonded rounds.
    @return uint256 filler | bond time offset << 160 | code << 192.
    """
    if round + 1 == bonded_rounds:
        return self._latest_round_word(state)
    return self._rounds[request_id][round]


@internal
@pure
def _latest_round_word(state: uint256) -> uint256:
    """
    @dev Repacks the latest bonded round, kept in the state word, into
         the `_rounds` layout.
    @param state The request's state word.
    @return uint256 filler | bond time offset << 160 | code << 192.
    """
    return (
        (state & _MASK_160)
        | (((state >> _BONDED_AT_SHIFT) & _MASK_32) << _ROUND_BONDED_AT_SHIFT)
        | (((state >> _CODE_SHIFT) & _MASK_8) << _ROUND_CODE_SHIFT)
    )


@internal
@view
def _is_code_of_round(request_id: uint256, round: uint256, round_code: uint256, code: uint256, outcome: bytes32) -> bool:
    """
    @dev Whether `outcome` (with code `code`) is the bonded outcome of
         `round`, whose code is `round_code`.
    @param request_id The request.
    @param round A bonded round.
    @param round_code The round's outcome code.
    @param code The code of `outcome`.
    @param outcome The outcome.
    @return bool True on a match.
    """
    if round_code != code or code == _CODE_NONE:
        return False
    if code != _CODE_WORD:
        return True
    return self._outcome_word[request_id][round] == outcome


@internal
@view
def _outcome_of_code(request_id: uint256, round: uint256, code: uint256) -> bytes32:
    """
    @dev Decodes the bonded outcome of `round` from its code.
    @param request_id The request.
    @param round A bonded round.
    @param code Its outcome code.
    @return bytes32 The outcome.
    """
    if code == _CODE_INVALID:
        return INVALID_OUTCOME
    if code == _CODE_WORD:
        return self._outcome_word[request_id][round]
    return convert(code, bytes32)


@internal
@view
def _final_outcome(request_id: uint256, state: uint256) -> bytes32:
    """
    @dev The outcome of a finalized request.
    @param request_id The request.
    @param state The request's state word.
    @return bytes32 The final outcome.
    """
    if state & _ARBITRATED != 0:
        return self._arbitrated_outcome[request_id]
    bonded_rounds: uint256 = (state >> _BONDED_SHIFT) & _MASK_8
    # Cancelled (nothing bonded) or arbitration expired.
    if bonded_rounds == 0 or state & _ESCALATED != 0:
        return INVALID_OUTCOME
    return self._outcome_of_code(request_id, bonded_rounds - 1, (state >> _CODE_SHIFT) & _MASK_8)


@internal
@pure
def _arbitration_expired(state: uint256) -> bool:
    """
    @dev Whether a finalized request ended by `arbitration_timeout`:
         escalated, final, and not decided by the arbitrator.
    @param state The request's state word.
    @return bool True when every bond is returned.
    """
    return state & (_FINALIZED | _ESCALATED | _ARBITRATED) == _FINALIZED | _ESCALATED


@internal
@view
def _claimed_outcome(request_id: uint256, state: uint256, round: uint256, bonded_rounds: uint256, final_outcome: bytes32) -> bytes32:
    """
    @dev The outcome whose stakes in `round` a claim pays: the final
         outcome, or, when every bond is returned, the round's own.
    @param request_id The request.
    @param state The request's state word.
    @param round A bonded round.
    @param bonded_rounds The number of bonded rounds.
    @param final_outcome The request's final outcome.
    @return bytes32 The outcome.
    """
    if not self._arbitration_expired(state):
        return final_outcome
    code: uint256 = self._round_word(request_id, state, round, bonded_rounds) >> _ROUND_CODE_SHIFT
    return self._outcome_of_code(request_id, round, code)


@internal
@pure
def _code_of(kind: uint256, outcome: bytes32) -> uint256:
    """
    @dev Encodes `outcome` for a request of `kind`.
    @param kind 0 STRING, 1 NUMBER, n >= 2 categorical.
    @param outcome The outcome.
    @return uint256 Its code, or `_CODE_NONE` if it is not valid.
    """
    if outcome == INVALID_OUTCOME:
        return _CODE_INVALID
    if kind <= _KIND_NUMBER:
        return _CODE_WORD
    index: uint256 = convert(outcome, uint256)
    if index < kind:
        return index
    return _CODE_NONE


@internal
@pure
def _current_round(state: uint256) -> uint256:
    """
    @dev The open (or last opened) round of a request.
    @param state The request's state word.
    @return uint256 The round index.
    """
    bonded_rounds: uint256 = (state >> _BONDED_SHIFT) & _MASK_8
    if state & _ESCALATED != 0:
        return bonded_rounds - 1
    return bonded_rounds


@internal
def _notify(requester: address, request_id: uint256, outcome: bytes32):
    """
    @dev Calls the requester's `on_outcome` with a fixed gas cap and no
         returndata copy; a failure is logged, never propagated.
    @param requester The requester contract.
    @param request_id The request.
    @param outcome The final outcome.
    """
    assert msg.gas >= _CALLBACK_GAS_RESERVE, "oracle: gas too low"
    success: bool = raw_call(
        requester,
        abi_encode(request_id, outcome, method_id=method_id("on_outcome(uint256,bytes32)")),
        gas=_CALLBACK_GAS,
        revert_on_failure=False,
    )
    if not success:
        log CallbackFailed(request_id=request_id, requester=requester)


@internal
def _expire_arbitration(request_id: uint256, params: uint256, state: uint256, escalated_at: uint256):
    """
    @dev Finalizes an escalated request INVALID once the arbitrator let
         `arbitration_timeout` pass: nobody is slashed (`claim` returns
         every bond), the fee and the validity bond are credited back to
         the requester, and `on_outcome(INVALID)` is called.
    @param request_id The request.
    @param params The request's params word.
    @param state The request's state word.
    @param escalated_at When the escalating bond filled.
    """
    config_id: uint256 = params >> _CONFIG_SHIFT
    assert self._active_since(escalated_at) >= self._arbitration_timeout(config_id), "oracle: escalated"
    self._request_state[request_id] = state | _FINALIZED
    requester: address = self._requester_at[(params >> _REQUESTER_SHIFT) & _MASK_20]
    self._credit(
        self._payment_token(config_id),
        requester,
        ((params >> _FEE_SHIFT) & _MASK_96) + self._validity_bond(config_id),
    )
    log ArbitrationExpired(request_id=request_id)
    log Finalized(request_id=request_id, outcome=INVALID_OUTCOME, arbitrated=False)
    self._notify(requester, request_id, INVALID_OUTCOME)


@internal
def _credit(token: address, account: address, amount: uint256):
    """
    @dev Owes `amount` of `token` to `account`, paid by `withdraw`: a
         payment to a third party never runs inside the game, so a
         token that refuses it cannot block finalization.
    @param token The ERC20.
    @param account Who is owed.
    @param amount How much.
    """
    if amount != 0:
        self._credits[token][account] += amount


@internal
@view
def _active_since(start: uint256) -> uint256:
    """
    @dev Seconds from `start` (at most now) to now during which the
         Oracle was not paused: the game's clock.
    @param start A past unix time.
    @return uint256 The unpaused seconds.
    """
    clock: uint256 = self._pause_clock
    elapsed: uint256 = block.timestamp - start
    # Common case: no pause began since `start`.
    if clock & (_MASK_40 << _PAUSED_SINCE_SHIFT) == 0 and start >= (clock >> _LAST_UNPAUSE_SHIFT) & _MASK_40:
        return elapsed
    return elapsed - (self._paused_before(clock, block.timestamp) - self._paused_before(clock, start))


@internal
@view
def _paused_before(clock: uint256, moment: uint256) -> uint256:
    """
    @dev Seconds the Oracle spent paused before `moment`.
    @param clock The `_pause_clock` word.
    @param moment A unix time, at most now.
    @return uint256 The paused seconds.
    """
    total_s: uint256 = (clock >> _TOTAL_PAUSED_SHIFT) & _MASK_40
    paused_since: uint256 = (clock >> _PAUSED_SINCE_SHIFT) & _MASK_40
    if paused_since != 0 and moment >= paused_since:
        return total_s + moment - paused_since
    if moment >= (clock >> _LAST_UNPAUSE_SHIFT) & _MASK_40:
        return total_s
    begun: uint256 = self._pauses_begun_before(clock & _MASK_32, moment + 1)
    if begun == 0:
        return 0
    entry: uint256 = self._pauses[begun - 1]
    pause_start: uint256 = entry & _MASK_40
    return ((entry >> _PAUSED_BEFORE_SHIFT) & _MASK_40) + min(moment, (entry >> _PAUSE_END_SHIFT) & _MASK_40) - pause_start


@internal
@view
def _pauses_begun_before(count: uint256, moment: uint256) -> uint256:
    """
    @dev How many of the first `count` finished pauses began before
         `moment` (they are in time order: a binary search).
    @param count The number of finished pauses.
    @param moment A unix time.
    @return uint256 The number of pauses.
    """
    low: uint256 = 0
    high: uint256 = count
    for _: uint256 in range(13):
        if low >= high:
            break
        middle: uint256 = (low + high) >> 1
        if self._pauses[middle] & _MASK_40 < moment:
            low = middle + 1
        else:
            high = middle
    return low


@internal
@view
def _window_end(start: uint256, period: uint256) -> uint256:
    """
    @dev When a window opened at `start` closes: `period` unpaused
         seconds later. Pauses that began while it was open push it
         back; during a pause the result assumes an unpause now.
    @param start When the window opened.
    @param period Its length in unpaused seconds.
    @return uint256 The first unix time at which it is closed.
    """
    end: uint256 = start + period
    clock: uint256 = self._pause_clock
    count: uint256 = clock & _MASK_32
    for index: uint256 in range(self._pauses_begun_before(count, start), count, bound=_MAX_PAUSES):
        entry: uint256 = self._pauses[index]
        pause_start: uint256 = entry & _MASK_40
        if pause_start >= end:
            break
        end += ((entry >> _PAUSE_END_SHIFT) & _MASK_40) - pause_start
    paused_since: uint256 = (clock >> _PAUSED_SINCE_SHIFT) & _MASK_40
    if paused_since != 0 and paused_since < end:
        end += block.timestamp - paused_since
    return end


@internal
def _pull(token: address, owner: address, amount: uint256):
    """
    @dev `transferFrom(owner, self, amount)`.
    @param token The ERC20.
    @param owner Who pays.
    @param amount How much.
    """
    if amount != 0:
        self._call_token(token, abi_encode(owner, self, amount, method_id=method_id("transferFrom(address,address,uint256)")))


@internal
def _push(token: address, to: address, amount: uint256):
    """
    @dev `transfer(to, amount)`.
    @param token The ERC20.
    @param to The recipient.
    @param amount How much.
    """
    if amount != 0:
        self._call_token(token, abi_encode(to, amount, method_id=method_id("transfer(address,uint256)")))


@internal
def _call_token(token: address, data: Bytes[100]):
    """
    @dev Calls an ERC20 transfer function and accepts tokens that return
         `true` or nothing (USDT); a `false` return or a revert reverts.
    @param token The ERC20.
    @param data The encoded call.
    """
    success: bool = False
    response: Bytes[32] = b""
    success, response = raw_call(token, data, max_outsize=32, revert_on_failure=False)
    assert success and (len(response) == 0 or (len(response) == 32 and extract32(response, 0, output_type=uint256) == 1)), "oracle: transfer failed"


@internal
@view
def _check_config(config: IOracle.Config):
    """
    @dev Rejects configs the packed storage or the game cannot honour.
    @param config The config.
    """
    assert (
        config.stake_token.is_contract
        and config.payment_token.is_contract
        and config.final_arbitrator != empty(address)
        and config.treasury != empty(address)
        and config.min_bond != 0
        and config.validity_bond <= _MASK_96
        and config.min_challenge_period != 0
        and config.min_challenge_period <= config.max_challenge_period
        and config.max_challenge_period <= _MASK_32
        and config.arbitration_threshold <= _THRESHOLD_LIMIT
        and config.max_open_period != 0
        and config.max_open_period <= _MASK_32
        and config.arbitration_timeout != 0
        and config.arbitration_timeout <= _MASK_32
    ), "oracle: bad config"


@internal
@view
def _stake_token(config_id: uint256) -> address:
    """
    @dev The stake token of config `config_id`.
    @param config_id The config version.
    @return address The value.
    """
    if config_id == 0:
        return _STAKE_TOKEN_0
    return self._configs[config_id].stake_token


@internal
@view
def _payment_token(config_id: uint256) -> address:
    """
    @dev The payment token of config `config_id`.
    @param config_id The config version.
    @return address The value.
    """
    if config_id == 0:
        return _PAYMENT_TOKEN_0
    return self._configs[config_id].payment_token


@internal
@view
def _validity_bond(config_id: uint256) -> uint256:
    """
    @dev The validity bond of config `config_id`, payment-token wei.
    @param config_id The config version.
    @return uint256 The value.
    """
    if config_id == 0:
        return _VALIDITY_BOND_0
    return self._configs[config_id].validity_bond


@internal
@view
def _min_bond(config_id: uint256) -> uint256:
    """
    @dev The minimum round-0 bond of config `config_id`, stake-token wei.
    @param config_id The config version.
    @return uint256 The value.
    """
    if config_id == 0:
        return _MIN_BOND_0
    return self._configs[config_id].min_bond


@internal
@view
def _min_period(config_id: uint256) -> uint256:
    """
    @dev The shortest challenge period of config `config_id`, seconds.
    @param config_id The config version.
    @return uint256 The value.
    """
    if config_id == 0:
        return _MIN_PERIOD_0
    return self._configs[config_id].min_challenge_period


@internal
@view
def _max_period(config_id: uint256) -> uint256:
    """
    @dev The longest challenge period of config `config_id`, seconds.
    @param config_id The config version.
    @return uint256 The value.
    """
    if config_id == 0:
        return _MAX_PERIOD_0
    return self._configs[config_id].max_challenge_period


@internal
@view
def _threshold(config_id: uint256) -> uint256:
    """
    @dev The arbitration threshold of config `config_id`, stake-token wei.
    @param config_id The config version.
    @return uint256 The value.
    """
    if config_id == 0:
        return _THRESHOLD_0
    return self._configs[config_id].arbitration_threshold


@internal
@view
def _arbitrator(config_id: uint256) -> address:
    """
    @dev The final arbitrator of config `config_id`.
    @param config_id The config version.
    @return address The value.
    """
    if config_id == 0:
        return _ARBITRATOR_0
    return self._configs[config_id].final_arbitrator


@internal
@view
def _treasury(config_id: uint256) -> address:
    """
    @dev The treasury of config `config_id`.
    @param config_id The config version.
    @return address The value.
    """
    if config_id == 0:
        return _TREASURY_0
    return self._configs[config_id].treasury


@internal
@view
def _max_open(config_id: uint256) -> uint256:
    """
    @dev How long round 0 may stay unanswered before its requester may cancel, config `config_id`, unpaused seconds.
    @param config_id The config version.
    @return uint256 The value.
    """
    if config_id == 0:
        return _MAX_OPEN_0
    return self._configs[config_id].max_open_period


@internal
@view
def _arbitration_timeout(config_id: uint256) -> uint256:
    """
    @dev How long the arbitrator has to rule, config `config_id`, unpaused seconds.
    @param config_id The config version.
    @return uint256 The value.
    """
    if config_id == 0:
        return _ARBITRATION_TIMEOUT_0
    return self._configs[config_id].arbitration_timeout
