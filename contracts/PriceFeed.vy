# pragma version ~=0.4.3
"""
@title Fluxo PriceFeed: first-party signed reports, one transaction per round
@custom:contract-name PriceFeed
@license MIT
@notice Authorized providers sign EIP-712 observations
        `Observation(bytes32 feed,uint32 round,int192 answer,uint64 timestamp)`
        (domain name "Fluxo PriceFeed", version "1", chainId, this
        contract; `feed` = keccak256(description)). An authorized
        transmitter sends one round of them, sorted ascending by answer;
        the feed checks every signature and every timestamp, stores the
        median answer and the median timestamp (each timestamp capped at
        block.timestamp) as round `latest + 1`, and serves it through
        Chainlink's AggregatorV3Interface and v2 views.

        Quorum: a round needs at least `quorum` observations, each signed
        by a distinct signer of the current set; 1 <= quorum <= number of
        signers <= 31. More observations than `quorum` are accepted (up
        to one per signer) and all of them enter the median.

        Freshness: every observation's timestamp must lie in
        [block.timestamp - max_age, block.timestamp + 60] and be newer
        than the latest round's updatedAt. `max_age` is owner-set
        (`set_max_observation_age`, 120 s at deployment, at most 255 s).
        Providers sign one observation per round, not a whole report, so
        whoever transmits chooses which observations enter; the age bound
        stops a transmitter from replaying observations that were true
        minutes ago (a round left untransmitted while the price moved),
        and the transmitter set below stops strangers from choosing.

        Transmitters: `transmit` is open only to authorized transmitters:
        the current signers while `signers_transmit` is on (the default),
        plus the accounts the owner adds with `set_transmitter`. A relay
        such as FeedHub is added like any transmitter; it must forward
        only for callers that `may_transmit` accepts, as FeedHub does.

        What a transmitter can still choose: any subset of at least
        `quorum` fresh observations signed for the round, at most one per
        signer. The stored median lies within the range of the
        observations it chose, all authorized and fresh; when at most f
        providers collude and quorum > 2 f, it lies within the range of
        the honest providers' fresh observations (the f colluding ones
        fill at most f of the >= 2 f + 1 places on either side of it).

        Medians: the answers arrive sorted, so their median is the mean
        of the two middle answers (one and the same for an odd count),
        computed in int256 and rounded toward zero. The timestamps arrive
        unsorted. Each counts as min(timestamp, block.timestamp): a
        provider's clock may run ahead, a round's time never does. Their
        median, by the same rule rounded down, is found on ages
        (block.timestamp minus that time, 0..255 s by the age bound):
        a 256-byte histogram in memory, one count per second, whose
        middle ranks come from byte sums (`_median_time`). Equal
        timestamps (the usual report: providers sign within the same
        second) cost the same as distinct ones. The newest 32 ages, where
        a report's observations fall, are counted in one local word.

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
          signer-set pointer [72, 232) | quorum [232, 240) | max
          observation age in seconds [240, 248) | whitelist-enabled flag
          (bit 248) | signers-transmit flag (bit 249).
        - `_rounds[id]`, one word per round, written once: answer
          (int192, two's complement) [64, 256) | updatedAt (uint64)
          [0, 64). updatedAt is never 0, so a stored round is never 0.
        - `_transmitters[account]`: the transmitters the owner added. It
          is read only when the sender is not a signer allowed to
          transmit, so the default set costs no storage read.
        - The signer set is not in storage: `set_signers` deploys a data
          contract (SSTORE2) whose runtime code is a 0x00 (STOP) byte,
          so it cannot run, then a 64-slot open-addressing hash table of
          20-byte entries: signer `a` sits in slot `a mod 64` or, on a
          collision, the next free slot (linear probing); empty slots are
          zero. At most 31 of 64 slots are used, so a hit takes about 1.5
          probes at 31 signers (1.1 at 7) and an empty slot ends a miss.
          `transmit` copies the table with one EXTCODECOPY and probes it
          in memory; a bitmap of slots catches duplicates. `signers()`
          sorts it back.
@custom:security Report vulnerabilities privately to the maintainers
                 (see SECURITY.md); never in a public issue.
@custom:pause There is no pause: the owner rotates the signer set
              (`set_signers`) to stop or replace compromised providers,
              removes transmitters (`set_transmitter`,
              `set_signers_transmit`) to stop rounds, and the whitelist
              gates consumer contracts.
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


event TransmitterSet:
    account: indexed(address)
    allowed: bool


event SignersTransmitSet:
    enabled: bool


event MaxObservationAgeSet:
    max_age_s: uint256


OBSERVATION_TYPEHASH: public(constant(bytes32)) = keccak256(
    "Observation(bytes32 feed,uint32 round,int192 answer,uint64 timestamp)"
)
# @dev The observation age a new feed accepts: a round is assembled and
# mined within seconds, so two minutes leaves room for a slow block
# without letting a transmitter hold observations back for long.
DEFAULT_MAX_OBSERVATION_AGE_S: public(constant(uint256)) = 120
# @dev The largest `max_age`: every accepted age (block.timestamp minus
# the time, 0 for a time ahead of the block) then fits the 256-entry
# age histogram of `transmit`.
MAX_OBSERVATION_AGE_S: public(constant(uint256)) = 255
# @dev How far past block.timestamp an observation may be stamped.
MAX_FUTURE_S: public(constant(uint256)) = 60

# @dev The feed implementation version returned by `version()`.
VERSION: constant(uint256) = 1
# @dev Most signers of a set, and so most observations of a round.
MAX_SIGNERS: constant(uint256) = 31

# @dev The order n of secp256k1, and n / 2: a larger s is the malleable
# twin of a valid one.
_SECP256K1_N: constant(uint256) = 115792089237316195423570985008687907852837564279074904382605163141518161494337
_MAX_S: constant(uint256) = _SECP256K1_N // 2

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
_MAX_AGE_SHIFT: constant(uint256) = 240
_WHITELIST_ON: constant(uint256) = 1 << 248
_SIGNERS_TRANSMIT: constant(uint256) = 1 << 249
_LATEST_BITS: constant(uint256) = (1 << 72) - 1
_SIGNER_BITS: constant(uint256) = ((1 << 168) - 1) << _POINTER_SHIFT
_MAX_AGE_BITS: constant(uint256) = _MASK_8 << _MAX_AGE_SHIFT

# @dev `_rounds` word: the answer sits above the 64-bit updatedAt.
_ANSWER_SHIFT: constant(uint256) = 64

# @dev Signer data contract: a 0x00 (STOP) byte, then a 64-slot
# open-addressing table of 20-byte entries (the signer address, zero
# when empty), zero-padded to 41 words. scripts/price_feed_constants.py
# derives the literals below from this geometry and checks them.
_TABLE_SLOTS: constant(uint256) = 64
_TABLE_MASK: constant(uint256) = _TABLE_SLOTS - 1
_ENTRY_SIZE: constant(uint256) = 20
_TABLE_WORDS: constant(uint256) = 41
# @dev `_slot_of` of an address that is not in the table.
_ABSENT: constant(uint256) = _TABLE_SLOTS
# @dev What `transmit` copies: the last entry ends at byte 1 + 64 * 20
# and extract32 reads 12 bytes past it.
_SIGNER_DATA_SIZE: constant(uint256) = 1 + _TABLE_SLOTS * _ENTRY_SIZE + 12
# @dev Creation code that returns the 1312 bytes appended to it:
# PUSH2 1312, DUP1, PUSH1 10, RETURNDATASIZE, CODECOPY, RETURNDATASIZE,
# RETURN.
_SIGNER_DATA_PREFIX: constant(Bytes[10]) = x"61052080600a3d393df3"

# @dev The age histogram of `transmit`: one byte per age in seconds,
# 256 ages in 8 words, age a in byte a % 32 (from the least significant)
# of word a / 32.
_MAX_AGES: constant(uint256) = 256
_AGES_PER_WORD: constant(uint256) = 32
_AGE_WORDS: constant(uint256) = _MAX_AGES // _AGES_PER_WORD
# @dev 0x0101...01: multiplying a word of byte counts by it puts in each
# byte j the sum of bytes 0..j (no byte overflows: at most 31 in all).
_BYTE_ONES: constant(uint256) = max_value(uint256) // 255
# @dev The top bit of a byte, and 0x8080...80: that of every byte.
_BYTE_TOP: constant(uint256) = 1 << 7
_BYTE_TOPS: constant(uint256) = _BYTE_ONES << 7


_DECIMALS: immutable(uint8)
_DESCRIPTION: immutable(String[64])
# @dev keccak256(description), the `feed` field of every observation.
_FEED: immutable(bytes32)


_hot: uint256
_rounds: HashMap[uint256, uint256]
_whitelisted: HashMap[address, bool]
_transmitters: HashMap[address, bool]


@deploy
def __init__(decimals: uint8, description: String[64], signers: DynArray[address, 31], quorum: uint256):
    """
    @dev The deployer becomes the owner. The whitelist starts off; the
         signers may transmit; observations may be up to
         `DEFAULT_MAX_OBSERVATION_AGE_S` (120 s) old.
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
    _DESCRIPTION = description
    _FEED = keccak256(description)
    self._hot = (DEFAULT_MAX_OBSERVATION_AGE_S << _MAX_AGE_SHIFT) | _SIGNERS_TRANSMIT
    self._set_signers(signers, quorum)


@external
def transmit(round: uint32, answers: DynArray[int192, 31], timestamps: DynArray[uint64, 31], signatures: DynArray[Bytes[65], 31]):
    """
    @dev Observation i is (answers[i], timestamps[i], signatures[i]).
         One pass checks and counts every observation; the medians come
         after it. The signer-table probes are written out here rather
         than called (`_slot_of` is the same probe): an internal call
         copies its arguments, and the 1.3 kB table once per observation
         would cost more than the whole probe.
    @notice Stores round `round` = latest + 1. Reverts unless the sender
            may transmit (`may_transmit`), the answers are sorted
            ascending, every signature (65 bytes r||s||v, v in {27, 28},
            low s) recovers a distinct current signer, at least `quorum`
            are present, and every timestamp is newer than the latest
            updatedAt, at most `max_observation_age` before
            block.timestamp and at most 60 s past it.
    @param round The new round id.
    @param answers The signed answers, ascending.
    @param timestamps The signed observation times (any order).
    @param signatures The EIP-712 signatures of the observations.
    """
    hot: uint256 = self._hot
    table: Bytes[_SIGNER_DATA_SIZE] = slice(
        convert((hot >> _POINTER_SHIFT) & _MASK_160, address).code, 0, _SIGNER_DATA_SIZE
    )

    # 1. The sender: a signer (while signers transmit), else an added
    # transmitter. The probe checks the hashed slot first: a signer
    # usually sits there.
    sender: uint256 = convert(msg.sender, uint256)
    slot: uint256 = sender & _TABLE_MASK
    entry: uint256 = extract32(table, unsafe_add(unsafe_mul(slot, _ENTRY_SIZE), 1), output_type=uint256) >> 96
    if entry != sender:
        for _: uint256 in range(_TABLE_SLOTS):
            if entry == 0:
                break
            slot = unsafe_add(slot, 1) & _TABLE_MASK
            entry = extract32(table, unsafe_add(unsafe_mul(slot, _ENTRY_SIZE), 1), output_type=uint256) >> 96
            if entry == sender:
                break
    if entry != sender or hot & _SIGNERS_TRANSMIT == 0:
        assert self._transmitters[msg.sender], "price_feed: unauthorized transmitter"

    # 2. The report's shape.
    n: uint256 = len(answers)
    assert len(timestamps) == n and len(signatures) == n, "price_feed: length mismatch"
    # Cannot wrap: the latest round fits in 32 bits. Round 2**32 would
    # not fit `round` (uint32), so the check below rejects it.
    new_round: uint256 = unsafe_add(hot & _MASK_32, 1)
    assert convert(round, uint256) == new_round, "price_feed: wrong round"
    assert n >= (hot >> _QUORUM_SHIFT) & _MASK_8, "price_feed: quorum not met"

    # 3. Every observation. A timestamp's offset below the newest
    # accepted time (block.timestamp + 60) is within `window` exactly
    # when the time is fresh enough, newer than the latest round and not
    # too far ahead: one unsigned comparison (a time further ahead wraps
    # to a huge offset).
    newest: uint256 = unsafe_add(block.timestamp, MAX_FUTURE_S)
    window: uint256 = min(
        unsafe_add(MAX_FUTURE_S, (hot >> _MAX_AGE_SHIFT) & _MASK_8),
        # updatedAt <= the block time of its round: no underflow.
        unsafe_sub(unsafe_sub(newest, (hot >> _UPDATED_AT_SHIFT) & _MASK_40), 1),
    )
    # eip712._domain_separator_v4(), inlined: the cached separator unless
    # the chain forked or this runs through a delegatecall.
    separator: bytes32 = eip712._CACHED_DOMAIN_SEPARATOR
    if self != eip712._CACHED_SELF or chain.id != eip712._CACHED_CHAIN_ID:
        separator = eip712._build_domain_separator()
    feed: bytes32 = _FEED
    # The histogram of ages (see `_median_time`): ages 0..31 in `newest_ages`,
    # where reports land (providers sign seconds before the block), the
    # rest in `older_ages`.
    newest_ages: uint256 = 0
    older_ages: uint256[_AGE_WORDS] = empty(uint256[_AGE_WORDS])
    used: uint256 = 0
    previous: int192 = min_value(int192)
    i: uint256 = 0
    for answer: int192 in answers:
        assert answer >= previous, "price_feed: answers not sorted"
        previous = answer

        # Freshness, then the age in whole seconds below the block; a
        # time ahead of the block counts as age 0 (it wraps past 255).
        time: uint256 = convert(timestamps[i], uint256)
        if unsafe_sub(newest, time) > window:
            self._reject_timestamp(hot, time)
        age: uint256 = unsafe_sub(block.timestamp, time)
        if age < _AGES_PER_WORD:
            newest_ages = unsafe_add(newest_ages, 1 << (age << 3))
        elif age < _MAX_AGES:
            older_ages[age >> 5] += 1 << ((age & 31) << 3)
        else:
            newest_ages = unsafe_add(newest_ages, 1)

        # The signature: 65 bytes r||s||v, v in {27, 28}, low s, over
        # the EIP-712 digest of the observation.
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
                keccak256(abi_encode(OBSERVATION_TYPEHASH, feed, new_round, answer, time)),
            )
        )
        signer: uint256 = convert(ecrecover(digest, v, extract32(signature, 0, output_type=uint256), s), uint256)

        # The signer's slot in the table, probed like the sender's. A
        # failed recovery (0) meets an empty slot: unauthorized.
        slot = signer & _TABLE_MASK
        entry = extract32(table, unsafe_add(unsafe_mul(slot, _ENTRY_SIZE), 1), output_type=uint256) >> 96
        if entry != signer:
            for _: uint256 in range(_TABLE_SLOTS):
                if entry == 0:
                    break
                slot = unsafe_add(slot, 1) & _TABLE_MASK
                entry = extract32(table, unsafe_add(unsafe_mul(slot, _ENTRY_SIZE), 1), output_type=uint256) >> 96
                if entry == signer:
                    break
        assert entry != 0, "price_feed: unauthorized signer"
        # A signer has exactly one slot: distinct slots, distinct signers.
        bit: uint256 = 1 << slot
        assert used & bit == 0, "price_feed: duplicate signer"
        used |= bit
        i = unsafe_add(i, 1)

    # 4. The medians. The two middle answers (the same one for an odd
    # count): their sum fits int256 and sdiv rounds toward zero.
    median: int256 = unsafe_div(
        unsafe_add(convert(answers[unsafe_sub(n, 1) >> 1], int256), convert(answers[n >> 1], int256)), 2
    )
    older_ages[0] = newest_ages
    updated_at: uint256 = self._median_time(older_ages, n)

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
         While `signers_transmit` is on, the new signers are also the
         new default transmitters.
    @notice Owner only: replaces the signer set and the quorum.
    @param signers The new authorized providers (1..31, distinct, non-zero).
    @param quorum Fewest observations per round (1..len(signers)).
    """
    ownable._check_owner()
    self._set_signers(signers, quorum)


@external
def set_transmitter(account: address, allowed: bool):
    """
    @dev A relay contract (FeedHub) is added like any transmitter; add
         only relays that forward for callers `may_transmit` accepts.
    @notice Owner only: adds or removes one transmitter beside the
            signers.
    @param account The transmitter.
    @param allowed Whether it may call `transmit`.
    """
    ownable._check_owner()
    assert account != empty(address), "price_feed: zero transmitter"
    self._transmitters[account] = allowed
    log TransmitterSet(account=account, allowed=allowed)


@external
def set_signers_transmit(enabled: bool):
    """
    @dev On at deployment. Turn it off to leave transmitting to the
         accounts added with `set_transmitter` only.
    @notice Owner only: whether the current signers may transmit.
    @param enabled True: every current signer is a transmitter.
    """
    ownable._check_owner()
    if enabled:
        self._hot |= _SIGNERS_TRANSMIT
    else:
        self._hot &= ~_SIGNERS_TRANSMIT
    log SignersTransmitSet(enabled=enabled)


@external
def set_max_observation_age(max_age_s: uint256):
    """
    @dev 120 s at deployment. Shorter rejects observations that a slow
         block or mempool delayed; longer lets a transmitter publish
         observations that many seconds old.
    @notice Owner only: the oldest accepted observation, in seconds
            before block.timestamp (1..255).
    @param max_age_s The new maximum age.
    """
    ownable._check_owner()
    assert max_age_s != 0 and max_age_s <= MAX_OBSERVATION_AGE_S, "price_feed: bad max age"
    self._hot = (self._hot & ~_MAX_AGE_BITS) | (max_age_s << _MAX_AGE_SHIFT)
    log MaxObservationAgeSet(max_age_s=max_age_s)


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
    table: Bytes[_SIGNER_DATA_SIZE] = slice(self._signer_data(self._hot).code, 0, _SIGNER_DATA_SIZE)
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
    for i: uint256 in range(found, bound=MAX_SIGNERS):
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
    return self._signer_data(self._hot)


@external
@view
def may_transmit(account: address) -> bool:
    """
    @dev What `transmit` checks first; relays such as FeedHub ask it
         before forwarding a caller's report.
    @notice Whether `account` may call `transmit` now: a current signer
            while `signers_transmit` is on, or an added transmitter.
    @param account The would-be transmitter.
    @return bool True when it may transmit.
    """
    hot: uint256 = self._hot
    table: Bytes[_SIGNER_DATA_SIZE] = slice(self._signer_data(hot).code, 0, _SIGNER_DATA_SIZE)
    return self._may_transmit(hot, table, account)


@external
@view
def transmitter(account: address) -> bool:
    """
    @notice Whether the owner added `account` as a transmitter
            (`set_transmitter`); signers are not listed here.
    @param account The account.
    @return bool True when added.
    """
    return self._transmitters[account]


@external
@view
def signers_transmit() -> bool:
    """
    @notice Whether the current signers may transmit.
    @return bool True when they may (the default).
    """
    return self._hot & _SIGNERS_TRANSMIT != 0


@external
@view
def max_observation_age() -> uint256:
    """
    @notice The oldest accepted observation, in seconds before
            block.timestamp.
    @return uint256 The maximum age.
    """
    return (self._hot >> _MAX_AGE_SHIFT) & _MASK_8


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
@view
def _may_transmit(hot: uint256, table: Bytes[_SIGNER_DATA_SIZE], account: address) -> bool:
    """
    @dev The rule `transmit` applies to its sender.
    @param hot The `_hot` word.
    @param table The signer table (see `_slot_of`).
    @param account The would-be transmitter.
    @return bool True when `account` may transmit.
    """
    if hot & _SIGNERS_TRANSMIT != 0 and self._slot_of(table, convert(account, uint256)) != _ABSENT:
        return True
    return self._transmitters[account]


@internal
@pure
def _signer_data(hot: uint256) -> address:
    """
    @dev The signer data contract the `_hot` word points at.
    @param hot The `_hot` word.
    @return address The data contract.
    """
    return convert((hot >> _POINTER_SHIFT) & _MASK_160, address)


@internal
@pure
def _slot_of(table: Bytes[_SIGNER_DATA_SIZE], key: uint256) -> uint256:
    """
    @dev Open addressing on the low address bits, linear probing: the
         table is at most half full, so an empty slot ends every miss.
         0 (a failed ecrecover) meets an empty slot and is absent.
    @param table The signer table: a 0x00 byte, then 64 entries of 20
           bytes.
    @param key The address, as an integer.
    @return uint256 Its slot, or `_ABSENT`.
    """
    slot: uint256 = key & _TABLE_MASK
    for _: uint256 in range(_TABLE_SLOTS):
        entry: uint256 = extract32(table, unsafe_add(unsafe_mul(slot, _ENTRY_SIZE), 1), output_type=uint256) >> 96
        if entry == 0:
            return _ABSENT
        if entry == key:
            return slot
        slot = unsafe_add(slot, 1) & _TABLE_MASK
    return _ABSENT


@internal
@view
def _reject_timestamp(hot: uint256, time: uint256):
    """
    @dev Called only for a timestamp outside the accepted window:
         reverts with the bound it breaks.
    @param hot The `_hot` word.
    @param time The rejected observation time.
    """
    assert time <= unsafe_add(block.timestamp, MAX_FUTURE_S), "price_feed: timestamp in the future"
    assert time > (hot >> _UPDATED_AT_SHIFT) & _MASK_40, "price_feed: stale timestamp"
    raise "price_feed: observation too old"


@internal
@view
def _median_time(ages: uint256[_AGE_WORDS], n: uint256) -> uint256:
    """
    @dev The median observation time, each time capped at
         block.timestamp: the mean of the two middle ones (the same one
         for an odd count), rounded down. Works on ages (block.timestamp
         minus the capped time), whose ranks mirror the times'.

         `ages` is a histogram: byte a % 32 (from the least significant)
         of word a / 32 counts the observations of age a, at most 31 in
         all, so no byte overflows. Multiplying a word by 0x0101..01
         puts in each byte j the running count of bytes 0..j, and its top
         byte is the word's total: finding a rank costs one step per word
         up to the one holding it (the first for a usual report), the
         same for equal ages as for distinct ones.
    @param ages The histogram of the n ages (0..255).
    @param n The number of observations (1..31).
    @return uint256 The median time.
    """
    rank: uint256 = unsafe_sub(n, 1) >> 1
    word_index: uint256 = 0
    running: uint256 = unsafe_mul(ages[0], _BYTE_ONES)
    for _: uint256 in range(_AGE_WORDS - 1):
        in_word: uint256 = running >> 248
        if rank < in_word:
            break
        rank = unsafe_sub(rank, in_word)
        word_index = unsafe_add(word_index, 1)
        running = unsafe_mul(ages[word_index], _BYTE_ONES)
    lower: uint256 = (word_index << 5) | self._byte_of_rank(running, rank)
    upper: uint256 = lower
    if n & 1 == 0:
        # The next rank: in the same word, else in the next non-empty one.
        rank = unsafe_add(rank, 1)
        if rank >= running >> 248:
            rank = 0
            for _: uint256 in range(_AGE_WORDS - 1):
                word_index = unsafe_add(word_index, 1)
                running = unsafe_mul(ages[word_index], _BYTE_ONES)
                if running != 0:
                    break
        upper = (word_index << 5) | self._byte_of_rank(running, rank)
    # (block.timestamp - lower + block.timestamp - upper) / 2, rounded down.
    return unsafe_sub(block.timestamp, unsafe_add(unsafe_add(lower, upper), 1) >> 1)


@internal
@pure
def _byte_of_rank(running: uint256, rank: uint256) -> uint256:
    """
    @dev Which byte of a histogram word holds rank `rank` (0 = the
         first), given the word's running counts (see `_median_time`),
         rank below its total. Each byte becomes 0x80 + rank - running_j
         (never negative, so no borrow crosses bytes); its top bit stays
         exactly when running_j <= rank, i.e. for the bytes before the
         rank's, and one more multiplication sums those bits.
    @param running The running counts of the word.
    @param rank The rank within the word.
    @return uint256 The byte index, 0..31.
    """
    before: uint256 = unsafe_sub(unsafe_mul(rank | _BYTE_TOP, _BYTE_ONES), running) & _BYTE_TOPS
    return unsafe_mul(before >> 7, _BYTE_ONES) >> 248


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
         points the hot word at it (round, updatedAt, max age and flags
         are kept).
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
    )
    log SignersSet(signers=signers, quorum=quorum, signer_data=data)
