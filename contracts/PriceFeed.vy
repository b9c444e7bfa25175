# pragma version ~=0.4.3
"""
@title Fluxo PriceFeed: first-party signed reports, one transaction per round
@custom:contract-name PriceFeed
@license MIT
@notice Authorized providers sign EIP-712 observations
        `Observation(bytes32 feed,uint32 round,int192 answer,uint64 timestamp)`
        (domain name "Fluxo PriceFeed", version "1", chainId, this
        contract; `feed` = keccak256(description)). Anyone transmits one
        round of them, sorted ascending by answer; the feed checks every
        signature, stores the median answer and the median timestamp
        (capped at block.timestamp) as round `latest + 1`, and serves it
        through Chainlink's AggregatorV3Interface and v2 views.

        Quorum: a round needs at least `quorum` observations, each signed
        by a distinct signer of the current set; 1 <= quorum <= number of
        signers <= 31. More observations than `quorum` are accepted (up
        to one per signer) and all of them enter the median.

        Medians: the answers arrive sorted, so their median is an index;
        an even count takes the mean of the two middle values in int256,
        rounded toward zero. The timestamps arrive unsorted; their median
        (same rule, the mean rounded down) comes from a 256-bit bitmap of
        offsets below block.timestamp + 60 when they are distinct and at
        most 255 s apart from it (the usual report: providers sign
        seconds apart), and from an in-memory quickselect otherwise.

        Consumer whitelist (off at deployment): when on, a contract
        (msg.sender != tx.origin) calling `latestRoundData`,
        `getRoundData`, `latestAnswer`, `latestTimestamp`, `latestRound`,
        `getAnswer` or `getTimestamp` must be whitelisted. Off-chain reads
        and EOAs always pass. `decimals`, `description` and `version` are
        metadata and stay open, as on Chainlink's access-controlled feeds.

        Storage layout (Vyper does not pack; the words are hand-packed):
        - `_hot`, one word read once per transmit and per latest read:
          latest round [0, 32) | latest updatedAt [32, 72) (it is at most
          block.timestamp, so 40 bits last until the year 36812) |
          signer-set pointer [72, 232) | quorum [232, 240) | signer count
          [240, 248) | whitelist-enabled flag (bit 248).
        - `_rounds[id]`, one word per round, written once: answer
          (int192, two's complement) [64, 256) | updatedAt (uint64)
          [0, 64). updatedAt is never 0, so a stored round is never 0.
        - The signer set is not in storage: `set_signers` deploys a data
          contract (SSTORE2) whose runtime code is a 0x00 (STOP) byte,
          so it cannot run, then a 64-slot open-addressing hash table of
          20-byte entries: signer `a` sits in slot `a mod 64` or, on a
          collision, the next free slot (linear probing); empty slots are
          zero. At most 31 of 64 slots are used, so a hit takes about 1.5
          probes at 31 signers (1.1 at 7) and an empty slot ends a miss. `transmit` copies
          the table with one EXTCODECOPY and probes it in memory; a
          bitmap of slots catches duplicates. `signers()` sorts it back.
@custom:security Report vulnerabilities privately to the maintainers
                 (see SECURITY.md); never in a public issue.
@custom:pause There is no pause: the owner rotates the signer set
              (`set_signers`) to stop or replace compromised providers,
              and the whitelist gates consumer contracts.
"""


from snekmate.auth import ownable
initializes: ownable

from snekmate.auth import ownable_2step
initializes: ownable_2step[ownable := ownable]

from snekmate.utils import eip712_domain_separator as eip712
initializes: eip712

from interfaces import IPriceFeed
implements: IPriceFeed

exports: (
    ownable_2step.owner,
    ownable_2step.pending_owner,
    ownable_2step.transfer_ownership,
    ownable_2step.accept_ownership,
    ownable_2step.renounce_ownership,
    eip712.eip712Domain,
)


# @dev Chainlink's event shapes (IPriceFeed declares them).
event AnswerUpdated:
    current: indexed(int256)
    roundId: indexed(uint256)
    updatedAt: uint256


event NewRound:
    roundId: indexed(uint256)
    startedBy: indexed(address)
    startedAt: uint256


event SignersSet:
    signers: DynArray[address, 31]
    quorum: uint256
    signer_data: address


event WhitelistEnabledSet:
    enabled: bool


event WhitelistedSet:
    account: indexed(address)
    allowed: bool


# @dev The feed implementation version returned by `version()`.
VERSION: constant(uint256) = 1
# @dev Most signers of a set, and so most observations of a round.
MAX_SIGNERS: constant(uint256) = 31
# @dev How far past block.timestamp an observation may be stamped.
MAX_FUTURE_S: constant(uint256) = 60

OBSERVATION_TYPEHASH: public(constant(bytes32)) = keccak256(
    "Observation(bytes32 feed,uint32 round,int192 answer,uint64 timestamp)"
)

# @dev secp256k1n / 2: a larger s is the malleable twin of a valid one.
_MAX_S: constant(uint256) = 57896044618658097711785492504343953926418782139537452191302581570759080747168

_MASK_8: constant(uint256) = 2**8 - 1
_MASK_32: constant(uint256) = 2**32 - 1
_MASK_40: constant(uint256) = 2**40 - 1
_MASK_64: constant(uint256) = 2**64 - 1
_MASK_160: constant(uint256) = 2**160 - 1

_EIP712_PREFIX: constant(bytes2) = 0x1901

# @dev `_hot` word fields (see the module docstring).
_UPDATED_AT_SHIFT: constant(uint256) = 32
_POINTER_SHIFT: constant(uint256) = 72
_QUORUM_SHIFT: constant(uint256) = 232
_COUNT_SHIFT: constant(uint256) = 240
_WHITELIST_ON: constant(uint256) = 1 << 248
_LATEST_BITS: constant(uint256) = (1 << 72) - 1
_SIGNER_BITS: constant(uint256) = ((1 << 176) - 1) << _POINTER_SHIFT

# @dev `_rounds` word: the answer sits above the 64-bit updatedAt.
_ANSWER_SHIFT: constant(uint256) = 64

# @dev Signer data contract: a 0x00 (STOP) byte, then a 64-slot
# open-addressing table of 20-byte entries (the signer address, zero
# when empty), zero-padded to 41 words.
_TABLE_SLOTS: constant(uint256) = 64
_TABLE_MASK: constant(uint256) = _TABLE_SLOTS - 1
_ENTRY_SIZE: constant(uint256) = 20
_TABLE_WORDS: constant(uint256) = 41
# @dev What `transmit` copies: the last entry ends at byte 1 + 64 * 20
# and extract32 reads 12 bytes past it.
_SIGNER_DATA_SIZE: constant(uint256) = 1 + _TABLE_SLOTS * _ENTRY_SIZE + 12
# @dev Creation code that returns the 1312 bytes appended to it:
# PUSH2 1312, DUP1, PUSH1 10, RETURNDATASIZE, CODECOPY, RETURNDATASIZE,
# RETURN.
_SIGNER_DATA_PREFIX: constant(Bytes[10]) = x"61052080600a3d393df3"


# @dev A binary de Bruijn sequence B(2, 8), starting with eight zeros:
# the top byte of (2**d * _DE_BRUIJN) mod 2**256 differs for every d in
# [0, 256), and byte `code` of _LOG2_TABLE (big-endian, 32 a word) is d.
_DE_BRUIJN: constant(uint256) = 228824044090659455778900855050322128002759787305348791014476408721956007679
_LOG2_WORDS: constant(uint256[8]) = [
    1780893519938465596436260611749126725216216591349544927626386735530588789,
    2781475441032304039572886923405299430852875750171671547138738468124939613897,
    3207098080567586654452723477572057352271902434527406457349279958931820879587,
    6414168442194540906584950737189395013439251002589529541699984023869779725047,
    115354022243617950635556962002712908286445772595242883901817670358282513465544,
    10046861440718480873847427954616147037400180926457549121653460976823379551478,
    114914181474041256766272102039438995498074409846360537937945019238887162244341,
    114488586451083579806803240580550091582120065017367518131583656787529490495992,
]


_LOG2_TABLE: immutable(uint256[8])
_DECIMALS: immutable(uint8)
_DESCRIPTION: immutable(String[64])
# @dev keccak256(description), the `feed` field of every observation.
_FEED: immutable(bytes32)


_hot: uint256
_rounds: HashMap[uint256, uint256]
_whitelisted: HashMap[address, bool]


@deploy
def __init__(decimals: uint8, description: String[64], signers: DynArray[address, 31], quorum: uint256):
    """
    @dev The deployer becomes the owner. The whitelist starts off.
    @param decimals Decimals of every answer.
    @param description What the feed prices, e.g. "ETH / USD"; its hash
           binds every observation to this feed.
    @param signers The authorized providers (1..31, distinct, non-zero).
    @param quorum Fewest observations per round (1..len(signers)).
    """
    ownable.__init__()
    ownable_2step.__init__()
    eip712.__init__("Fluxo PriceFeed", "1")
    _DECIMALS = decimals
    _LOG2_TABLE = _LOG2_WORDS
    _DESCRIPTION = description
    _FEED = keccak256(description)
    self._set_signers(signers, quorum)


@external
def transmit(round: uint32, answers: DynArray[int192, 31], timestamps: DynArray[uint64, 31], signatures: DynArray[Bytes[65], 31]):
    """
    @dev Permissionless: the signatures carry the authority. Observation
         i is (answers[i], timestamps[i], signatures[i]).
    @notice Stores round `round` = latest + 1. Reverts unless the answers
            are sorted ascending, every signature (65 bytes r||s||v,
            v in {27, 28}, low s) recovers a distinct current signer, at
            least `quorum` are present, and every timestamp is newer than
            the latest updatedAt and at most 60 s past block.timestamp.
    @param round The new round id.
    @param answers The signed answers, ascending.
    @param timestamps The signed observation times (any order).
    @param signatures The EIP-712 signatures of the observations.
    """
    hot: uint256 = self._hot
    n: uint256 = len(answers)
    assert len(timestamps) == n and len(signatures) == n, "price_feed: length mismatch"
    # Cannot wrap: the latest round fits in 32 bits. Round 2**32 would
    # not fit `round` (uint32), so the check below rejects it.
    new_round: uint256 = unsafe_add(hot & _MASK_32, 1)
    assert convert(round, uint256) == new_round, "price_feed: wrong round"
    assert n >= (hot >> _QUORUM_SHIFT) & _MASK_8, "price_feed: quorum not met"

    table: Bytes[_SIGNER_DATA_SIZE] = slice(
        convert((hot >> _POINTER_SHIFT) & _MASK_160, address).code, 0, _SIGNER_DATA_SIZE
    )
    latest_updated_at: uint256 = (hot >> _UPDATED_AT_SHIFT) & _MASK_40
    max_timestamp: uint256 = unsafe_add(block.timestamp, MAX_FUTURE_S)
    # updatedAt <= the block time of its round, so this never underflows.
    window: uint256 = unsafe_sub(unsafe_sub(max_timestamp, latest_updated_at), 1)
    # eip712._domain_separator_v4(), inlined: the cached separator unless
    # the chain forked or this runs through a delegatecall.
    separator: bytes32 = eip712._CACHED_DOMAIN_SEPARATOR
    if self != eip712._CACHED_SELF or chain.id != eip712._CACHED_CHAIN_ID:
        separator = eip712._build_domain_separator()
    feed: bytes32 = _FEED

    used: uint256 = 0
    # Bit d is set for an observation stamped max_timestamp - d. It has n
    # bits exactly when the times are distinct and all within 255 s.
    recent: uint256 = 0
    previous: int192 = min_value(int192)
    for i: uint256 in range(n, bound=MAX_SIGNERS):
        answer: int192 = answers[i]
        assert answer >= previous, "price_feed: answers not sorted"
        previous = answer
        timestamp: uint64 = timestamps[i]
        # One unsigned comparison covers latest_updated_at < t <= max.
        offset: uint256 = unsafe_sub(max_timestamp, convert(timestamp, uint256))
        if offset > window:
            assert convert(timestamp, uint256) > latest_updated_at, "price_feed: stale timestamp"
            raise "price_feed: timestamp in the future"
        # Bit `offset` (none when offset >= 256: SHL gives 0).
        recent |= 1 << offset

        signature: Bytes[65] = signatures[i]
        assert len(signature) == 65, "price_feed: bad signature length"
        s: uint256 = extract32(signature, 32, output_type=uint256)
        v: uint256 = extract32(signature, 33, output_type=uint256) & _MASK_8
        assert unsafe_sub(v, 27) < 2, "price_feed: bad signature v"
        assert s <= _MAX_S, "price_feed: high s"
        digest: bytes32 = keccak256(
            concat(
                _EIP712_PREFIX,
                separator,
                keccak256(abi_encode(OBSERVATION_TYPEHASH, feed, new_round, answer, timestamp)),
            )
        )
        signer: uint256 = convert(
            ecrecover(digest, v, extract32(signature, 0, output_type=uint256), s), uint256
        )

        # Open addressing on the low address bits, linear probing; the
        # table is at most half full, so an empty slot ends every miss.
        slot: uint256 = signer & _TABLE_MASK
        key: uint256 = extract32(table, unsafe_add(unsafe_mul(slot, _ENTRY_SIZE), 1), output_type=uint256) >> 96
        if key != signer:
            for _: uint256 in range(_TABLE_SLOTS):
                if key == 0:
                    break
                slot = unsafe_add(slot, 1) & _TABLE_MASK
                key = extract32(table, unsafe_add(unsafe_mul(slot, _ENTRY_SIZE), 1), output_type=uint256) >> 96
                if key == signer:
                    break
        # Found (key == signer != 0) or stopped at an empty slot (key ==
        # 0); a failed recovery (0) can only meet an empty slot.
        assert key != 0, "price_feed: unauthorized signer"
        # A signer has exactly one slot: distinct slots, distinct signers.
        bit: uint256 = 1 << slot
        assert used & bit == 0, "price_feed: duplicate signer"
        used |= bit

    middle_index: uint256 = n >> 1
    median: int256 = convert(answers[middle_index], int256)
    if n & 1 == 0:
        # Two int192 values cannot overflow int256; sdiv rounds toward 0.
        median = unsafe_div(unsafe_add(convert(answers[middle_index - 1], int256), median), 2)

    # Drop the ceil(n / 2) - 1 smallest offsets: the lowest set bit left
    # (and, for an even count, the next one) is the middle. Ranks are
    # symmetric, so that is the median time. `recent` has at most n bits;
    # it has n exactly when n - 1 drops still leave one.
    drop: uint256 = unsafe_sub(unsafe_add(n, 1) >> 1, 1)
    bits: uint256 = recent
    for _: uint256 in range(drop, bound=MAX_SIGNERS):
        bits &= unsafe_sub(bits, 1)
    rest: uint256 = bits
    for _: uint256 in range(unsafe_sub(unsafe_sub(n, 1), drop), bound=MAX_SIGNERS):
        rest &= unsafe_sub(rest, 1)
    median_time: uint256 = 0
    if rest != 0:
        picks: uint256 = 2 - (n & 1)
        for _: uint256 in range(2):
            # Index of the lowest set bit (an offset, < 256): a de Bruijn
            # multiply maps its power of two to a distinct byte code.
            code: uint256 = unsafe_mul(bits & unsafe_sub(0, bits), _DE_BRUIJN) >> 248
            index: uint256 = (
                _LOG2_TABLE[code >> 5] >> (unsafe_sub(31, code & 31) << 3)
            ) & _MASK_8
            median_time = unsafe_add(median_time, unsafe_sub(max_timestamp, index))
            picks = unsafe_sub(picks, 1)
            if picks == 0:
                break
            bits &= unsafe_sub(bits, 1)
        if n & 1 == 0:
            median_time >>= 1
    else:
        # Old or repeated times: quickselect (Lomuto partition, middle
        # pivot) over a copy; an even count averages the two middle
        # values, rounding down.
        times: uint256[MAX_SIGNERS] = empty(uint256[MAX_SIGNERS])
        for i: uint256 in range(n, bound=MAX_SIGNERS):
            times[i] = convert(timestamps[i], uint256)
        k: uint256 = n >> 1
        low: uint256 = 0
        high: uint256 = n - 1
        # Each pass fixes one pivot in place, so n - 1 passes suffice.
        for _: uint256 in range(MAX_SIGNERS):
            if low >= high:
                break
            middle: uint256 = unsafe_add(low, high) >> 1
            pivot: uint256 = times[middle]
            times[middle] = times[high]
            store: uint256 = low
            for j: uint256 in range(low, high, bound=MAX_SIGNERS):
                value: uint256 = times[j]
                if value < pivot:
                    times[j] = times[store]
                    times[store] = value
                    store = unsafe_add(store, 1)
            times[high] = times[store]
            times[store] = pivot
            if store == k:
                break
            if k < store:
                high = store - 1
            else:
                low = unsafe_add(store, 1)
        median_time = times[k]
        if n & 1 == 0:
            # Everything left of k is <= times[k]: the lower middle is
            # their max.
            lower: uint256 = 0
            for j: uint256 in range(k, bound=MAX_SIGNERS):
                lower = max(lower, times[j])
            median_time = unsafe_add(lower, median_time) >> 1
    updated_at: uint256 = min(median_time, block.timestamp)

    answer_bits: uint256 = convert(convert(median, bytes32), uint256) << _ANSWER_SHIFT
    self._rounds[new_round] = answer_bits | updated_at
    self._hot = (hot & ~_LATEST_BITS) | new_round | (updated_at << _UPDATED_AT_SHIFT)
    log AnswerUpdated(current=median, roundId=new_round, updatedAt=updated_at)
    log NewRound(roundId=new_round, startedBy=msg.sender, startedAt=updated_at)


@external
def set_signers(signers: DynArray[address, 31], quorum: uint256):
    """
    @dev Deploys a new signer data contract; rounds continue from the
         latest one, and observations signed by removed signers fail.
    @notice Owner only: replaces the signer set and the quorum.
    @param signers The new authorized providers (1..31, distinct, non-zero).
    @param quorum Fewest observations per round (1..len(signers)).
    """
    ownable._check_owner()
    self._set_signers(signers, quorum)


@external
def set_whitelist_enabled(enabled: bool):
    """
    @notice Owner only: turns the consumer-contract whitelist on or off.
    @param enabled True: contracts must be whitelisted to read.
    """
    ownable._check_owner()
    if enabled:
        self._hot |= _WHITELIST_ON
    else:
        self._hot &= ~_WHITELIST_ON
    log WhitelistEnabledSet(enabled=enabled)


@external
def set_whitelisted(account: address, allowed: bool):
    """
    @notice Owner only: allows or denies one consumer contract.
    @param account The consumer contract.
    @param allowed Whether it may read while the whitelist is on.
    """
    ownable._check_owner()
    self._whitelisted[account] = allowed
    log WhitelistedSet(account=account, allowed=allowed)


@external
@view
def decimals() -> uint8:
    """
    @notice The number of decimals of every answer (open to all).
    @return uint8 The decimals.
    """
    return _DECIMALS


@external
@view
def description() -> String[64]:
    """
    @notice What the feed prices (open to all).
    @return String The description.
    """
    return _DESCRIPTION


@external
@view
def version() -> uint256:
    """
    @notice The implementation version (open to all).
    @return uint256 The version.
    """
    return VERSION


@external
@view
def latestRoundData() -> (uint80, int256, uint256, uint256, uint80):
    """
    @notice The latest round; reverts with "price_feed: no data" while
            the feed is empty. Whitelist-gated for contracts.
    @return uint80 roundId.
    @return int256 answer.
    @return uint256 startedAt (= updatedAt).
    @return uint256 updatedAt.
    @return uint80 answeredInRound (= roundId).
    """
    hot: uint256 = self._hot
    if msg.sender != tx.origin and hot & _WHITELIST_ON != 0:
        assert self._whitelisted[msg.sender], "price_feed: caller not whitelisted"
    round_id: uint256 = hot & _MASK_32
    assert round_id != 0, "price_feed: no data"
    word: uint256 = self._rounds[round_id]
    updated_at: uint256 = word & _MASK_64
    rid: uint80 = convert(round_id, uint80)
    return rid, self._answer_of(word), updated_at, updated_at, rid


@external
@view
def getRoundData(_roundId: uint80) -> (uint80, int256, uint256, uint256, uint80):
    """
    @notice One round; reverts with "price_feed: no data" for a round
            that does not exist. Whitelist-gated for contracts.
    @param _roundId The round to read.
    @return uint80 roundId.
    @return int256 answer.
    @return uint256 startedAt (= updatedAt).
    @return uint256 updatedAt.
    @return uint80 answeredInRound (= roundId).
    """
    self._check_reader()
    word: uint256 = self._rounds[convert(_roundId, uint256)]
    assert word != 0, "price_feed: no data"
    updated_at: uint256 = word & _MASK_64
    return _roundId, self._answer_of(word), updated_at, updated_at, _roundId


@external
@view
def latestAnswer() -> int256:
    """
    @notice The latest answer; 0 while the feed is empty (Chainlink v2
            semantics). Whitelist-gated for contracts.
    @return int256 The answer.
    """
    self._check_reader()
    return self._answer_of(self._rounds[self._hot & _MASK_32])


@external
@view
def latestTimestamp() -> uint256:
    """
    @notice The latest updatedAt; 0 while the feed is empty (Chainlink
            v2 semantics). Whitelist-gated for contracts.
    @return uint256 The timestamp.
    """
    self._check_reader()
    return (self._hot >> _UPDATED_AT_SHIFT) & _MASK_40


@external
@view
def latestRound() -> uint256:
    """
    @notice The latest round id; 0 while the feed is empty.
            Whitelist-gated for contracts.
    @return uint256 The round id.
    """
    self._check_reader()
    return self._hot & _MASK_32


@external
@view
def getAnswer(_roundId: uint256) -> int256:
    """
    @notice The answer of one round; 0 for an unknown round (Chainlink
            v2 semantics). Whitelist-gated for contracts.
    @param _roundId The round to read.
    @return int256 The answer.
    """
    self._check_reader()
    return self._answer_of(self._rounds[_roundId])


@external
@view
def getTimestamp(_roundId: uint256) -> uint256:
    """
    @notice The updatedAt of one round; 0 for an unknown round
            (Chainlink v2 semantics). Whitelist-gated for contracts.
    @param _roundId The round to read.
    @return uint256 The timestamp.
    """
    self._check_reader()
    return self._rounds[_roundId] & _MASK_64


@external
@view
def signers() -> DynArray[address, 31]:
    """
    @notice The current signer set, sorted ascending by address.
    @return DynArray The signers.
    """
    hot: uint256 = self._hot
    count: uint256 = (hot >> _COUNT_SHIFT) & _MASK_8
    table: Bytes[_SIGNER_DATA_SIZE] = slice(
        convert((hot >> _POINTER_SHIFT) & _MASK_160, address).code, 0, _SIGNER_DATA_SIZE
    )
    ordered: uint256[MAX_SIGNERS] = empty(uint256[MAX_SIGNERS])
    found: uint256 = 0
    for j: uint256 in range(_TABLE_SLOTS):
        key: uint256 = extract32(table, j * _ENTRY_SIZE + 1, output_type=uint256) >> 96
        if key == 0:
            continue
        # Insertion sort: the table is in hash order.
        k: uint256 = found
        for _: uint256 in range(MAX_SIGNERS):
            if k == 0 or ordered[k - 1] <= key:
                break
            ordered[k] = ordered[k - 1]
            k -= 1
        ordered[k] = key
        found += 1
    result: DynArray[address, 31] = []
    for i: uint256 in range(count, bound=MAX_SIGNERS):
        result.append(convert(ordered[i], address))
    return result


@external
@view
def quorum() -> uint256:
    """
    @notice Fewest observations a round needs.
    @return uint256 The quorum.
    """
    return (self._hot >> _QUORUM_SHIFT) & _MASK_8


@external
@view
def signer_data() -> address:
    """
    @notice The data contract holding the current signer set.
    @return address Its address.
    """
    return convert((self._hot >> _POINTER_SHIFT) & _MASK_160, address)


@external
@view
def whitelist_enabled() -> bool:
    """
    @notice Whether contracts must be whitelisted to read.
    @return bool True when the whitelist is on.
    """
    return self._hot & _WHITELIST_ON != 0


@external
@view
def whitelisted(account: address) -> bool:
    """
    @notice Whether `account` may read while the whitelist is on.
    @param account The consumer contract.
    @return bool True when allowed.
    """
    return self._whitelisted[account]


@external
@view
def domain_separator() -> bytes32:
    """
    @notice The EIP-712 domain separator observations are signed under.
    @return bytes32 The separator for the current chain.
    """
    return eip712._domain_separator_v4()


@external
@view
def feed_id() -> bytes32:
    """
    @notice The `feed` field of every observation: keccak256(description).
    @return bytes32 The feed id.
    """
    return _FEED


@internal
@view
def _check_reader():
    """
    @dev Reverts when the whitelist is on and a contract that is not
         whitelisted reads. EOAs (msg.sender == tx.origin) always pass.
    """
    if msg.sender != tx.origin and self._hot & _WHITELIST_ON != 0:
        assert self._whitelisted[msg.sender], "price_feed: caller not whitelisted"


@internal
@pure
def _answer_of(word: uint256) -> int256:
    """
    @dev Unpacks the signed 192-bit answer of a `_rounds` word.
    @param word The round word.
    @return int256 The answer, sign-extended.
    """
    return convert(convert(word, bytes32), int256) >> _ANSWER_SHIFT


@internal
def _set_signers(signers: DynArray[address, 31], quorum: uint256):
    """
    @dev Validates the set, sorts it, deploys its data contract and
         points the hot word at it (round and updatedAt are kept).
    @param signers The authorized providers.
    @param quorum Fewest observations per round.
    """
    count: uint256 = len(signers)
    assert count != 0, "price_feed: no signers"
    assert quorum != 0, "price_feed: quorum is zero"
    assert quorum <= count, "price_feed: quorum above signer count"

    ordered: address[MAX_SIGNERS] = empty(address[MAX_SIGNERS])
    for i: uint256 in range(count, bound=MAX_SIGNERS):
        signer: address = signers[i]
        assert signer != empty(address), "price_feed: zero signer"
        j: uint256 = i
        for _: uint256 in range(MAX_SIGNERS):
            if j == 0 or convert(ordered[j - 1], uint256) <= convert(signer, uint256):
                break
            ordered[j] = ordered[j - 1]
            j -= 1
        ordered[j] = signer
    for i: uint256 in range(1, count, bound=MAX_SIGNERS):
        assert ordered[i] != ordered[i - 1], "price_feed: duplicate signer"

    table: uint256[_TABLE_SLOTS] = empty(uint256[_TABLE_SLOTS])
    for i: uint256 in range(count, bound=MAX_SIGNERS):
        key: uint256 = convert(ordered[i], uint256)
        slot: uint256 = key & _TABLE_MASK
        for _: uint256 in range(_TABLE_SLOTS):
            if table[slot] == 0:
                break
            slot = unsafe_add(slot, 1) & _TABLE_MASK
        table[slot] = key
    # Pack the 160-bit entries big-endian after the leading zero byte.
    words: uint256[_TABLE_WORDS] = empty(uint256[_TABLE_WORDS])
    for j: uint256 in range(_TABLE_SLOTS):
        entry: uint256 = table[j]
        if entry == 0:
            continue
        position: uint256 = 8 + j * 160
        word: uint256 = position >> 8
        offset: uint256 = position & 255
        if offset <= 96:
            words[word] |= entry << (96 - offset)
        else:
            words[word] |= entry >> (offset - 96)
            words[word + 1] |= entry << (352 - offset)
    data: address = raw_create(concat(_SIGNER_DATA_PREFIX, abi_encode(words)))
    self._hot = (
        (self._hot & ~_SIGNER_BITS)
        | (convert(data, uint256) << _POINTER_SHIFT)
        | (quorum << _QUORUM_SHIFT)
        | (count << _COUNT_SHIFT)
    )
    log SignersSet(signers=signers, quorum=quorum, signer_data=data)
