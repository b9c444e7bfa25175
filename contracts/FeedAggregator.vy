# pragma version ~=0.4.3
"""
@title Fluxo FeedAggregator: the median of other price feeds
@custom:contract-name FeedAggregator
@license MIT
@notice An oracle of oracles. Up to 16 sources speaking Chainlink's
        AggregatorV3Interface (Fluxo feeds, Chainlink feeds, the
        adapters in `adapters/`) are read by a permissionless
        `update()`, at most once per `min_interval` seconds. A source
        is dropped, never trusted and never fatal, when its call
        reverts, runs out of its gas allowance or returns short data,
        when its answer is not positive or does not fit int192 after
        scaling, and when its `updatedAt` is in the future or older
        than the source's heartbeat. At least `min_sources` must be
        live; the median of the live answers (mean of the two middle
        values, rounded toward zero, for an even count) becomes a new
        round. Its `startedAt` and `updatedAt` are the `updatedAt` of
        the median source (for an even count, the older of the two
        middle ones): the aggregate is exactly as fresh as the data it
        reports, and an outlier source, which the median ignores,
        cannot make it look fresher or staler.

        Rounds never go backwards in time: `update()` writes a round
        only when its `updatedAt` is strictly newer than the latest
        round's, else it reverts "aggregator: median not newer". The
        median can move to a source older than the previous round's
        (the freshest source jumps past the others); writing that
        round would make careful consumers, which check that the
        previous round is older than the latest, revert on every read,
        and stamping it with the previous time would claim fresher data
        than the aggregate has. So the previous round stays, its age
        honest, until the median source publishes again (within its
        heartbeat); a round with an unchanged median time would only
        repeat the previous one. `peek()` skips this rule: it is the
        live aggregate.

        Exactly two live sources have no median that one source
        cannot move, so their spread must be at most
        `max_spread_bps` of the lower answer, else the update reverts
        and no round is written (Chronicle's Aggor checks the same
        "agreement distance" and falls back to a Uniswap TWAP, a
        manipulable tiebreaker we do not add). Consumers keep reading
        the previous round and its honest, ageing `updatedAt`.

        The source set is immutable (like Aggor): reads of the
        config cost no storage, and there is no owner to trust. A new
        source set is a new aggregator.

        Storage: each round is one word (answer int192 | updatedAt
        uint64) in `_rounds`, a mapping from slot to word; the latest
        round id, its updatedAt and the time of the last update share
        one more word, so the newer-round rule costs no extra read.

        History is a deployment choice, `history_rounds`:
        - 0, the default an operator should pick unless gas matters
          more: every round is kept and round r lives in slot r, so
          `getRoundData` answers for every round ever written. Each
          update creates a storage word (22 100 gas). Measured
          (bench/results/aggregator.md, anvil receipt gas) over five
          sources: about 85 000 over mocks and 96 000 over Fluxo
          PriceFeeds, above the 80 000 target: 21 000 base + 22 100
          new round word + 5 000 latest-round bookkeeping + about
          3 600 of events leave about 28 300, 5 660 per source, while
          a source costs about 6 600 (8 700 for a PriceFeed: cold
          call, its own cold loads, decoding and sorting).
        - n >= 2: a ring of the latest n rounds, round r in slot
          r % n. `getRoundData` of an older round reverts "aggregator:
          no data", as for a round that never existed, and the v2
          views return 0 for it. Once the ring has wrapped, an update
          rewrites a word instead of creating one (5 000 gas instead
          of 22 100): about 68 000 over five mocks and 79 000 over
          five PriceFeeds, under the target. At least two rounds are
          kept, because consumers check the latest round and the one
          before it.
@custom:security Report vulnerabilities privately to the maintainers
                 (see SECURITY.md); never in a public issue.
@custom:pause This contract cannot be paused: it has no owner. If its
              sources fail, `update()` reverts ("aggregator: too few
              sources") and the last round ages; consumers' heartbeat
              checks then reject it. Replace it with a new deployment.
"""


from interfaces import IAggregatorV3
implements: IAggregatorV3


# @dev 100 % in basis points.
_BPS: constant(uint256) = 10_000
# @dev The most sources one aggregator reads.
_MAX_SOURCES: constant(uint256) = 16
# @dev Decimals above this are refused (aggregator and sources), so
# every scale factor is at most 10**36.
_MAX_DECIMALS: constant(uint8) = 36
# @dev Gas each source's `latestRoundData` may use. A Chainlink proxy
# over an OCR aggregator or an adapter over Pyth needs under 30 000.
_SOURCE_GAS: constant(uint256) = 60_000
# @dev Gas that must be left before each source call: enough that the
# 63/64 rule still forwards the full `_SOURCE_GAS` and the rest of the
# update completes. The caller cannot make a source fail (and so move
# the median) by sending too little gas.
_SOURCE_GAS_RESERVE: constant(uint256) = 100_000
# @dev Returndata copied from a source: the five words of
# `latestRoundData`. Longer data is truncated, shorter data drops it.
_RETURN_SIZE: constant(uint256) = 160
_VERSION: constant(uint256) = 1

_MASK_80: constant(uint256) = 2**80 - 1
_MASK_192: constant(uint256) = 2**192 - 1
_MASK_8: constant(uint256) = 2**8 - 1
_MASK_48: constant(uint256) = 2**48 - 1
_MASK_64: constant(uint256) = 2**64 - 1
_MASK_160: constant(uint256) = 2**160 - 1
# @dev The largest stored answer: max int192, so that it also fits a
# sort key (answer << 64 | updatedAt).
_MAX_ANSWER: constant(uint256) = 2**191 - 1
# @dev `_CONFIGS` word, one per source: address [0, 160) | heartbeat
# [160, 208) | scale exponent [208, 216) | divide flag (bit 216). The
# answer is multiplied by 10**exponent, or divided (truncating) when
# the flag is set.
_HEARTBEAT_SHIFT: constant(uint256) = 160
_EXPONENT_SHIFT: constant(uint256) = 208
_DIVIDE: constant(uint256) = 1 << 216
# @dev The smallest ring: the latest round and the one before it,
# which careful consumers compare.
_MIN_HISTORY_ROUNDS: constant(uint256) = 2
# @dev `_rounds` word: answer [0, 192) | updatedAt [192, 256).
_TIME_SHIFT: constant(uint256) = 192
# @dev `_latest` word: latest round id [0, 80) | its updatedAt
# [80, 168) | block time of the latest update [168, 256).
_LATEST_TIME_SHIFT: constant(uint256) = 80
_LAST_UPDATE_SHIFT: constant(uint256) = 168
_MASK_88: constant(uint256) = 2**88 - 1


_DECIMALS: immutable(uint8)
_DESCRIPTION: immutable(String[64])
_SOURCES: immutable(DynArray[address, _MAX_SOURCES])
_HEARTBEATS: immutable(DynArray[uint256, _MAX_SOURCES])
# @dev Everything `update()` needs per source, packed (see shifts).
_CONFIGS: immutable(DynArray[uint256, _MAX_SOURCES])
_MIN_SOURCES: immutable(uint256)
_MAX_SPREAD_BPS: immutable(uint256)
_MIN_INTERVAL: immutable(uint256)
# @dev 0: every round kept, round r in slot r. Otherwise the ring size:
# round r in slot r % _HISTORY_ROUNDS.
_HISTORY_ROUNDS: immutable(uint256)


# @dev Latest round id, its updatedAt and the last update time, packed
# (see shifts).
_latest: uint256
# @dev Slot (see `_slot`) -> answer and updatedAt of the round it
# holds, packed. Never zero once written: every stored answer is
# positive.
_rounds: HashMap[uint256, uint256]


# @dev Chainlink's `AnswerUpdated`, as `AggregatorInterface` declares it.
event AnswerUpdated:
    current: indexed(int256)
    roundId: indexed(uint256)
    updatedAt: uint256


# @dev Chainlink's `NewRound`, as `AggregatorInterface` declares it.
event NewRound:
    roundId: indexed(uint256)
    startedBy: indexed(address)
    startedAt: uint256


@deploy
def __init__(
    decimals_: uint8,
    description_: String[64],
    sources: DynArray[address, _MAX_SOURCES],
    heartbeats_s: DynArray[uint256, _MAX_SOURCES],
    min_sources: uint256,
    max_spread_bps: uint256,
    min_interval_s: uint256,
    history_rounds: uint256,
):
    """
    @dev Reads each source's `decimals()` once, here: a source whose
         decimals later change must be replaced with a new aggregator.
    @param decimals_ The decimals of every answer of this aggregator.
    @param description_ The description, e.g. "ETH / USD".
    @param sources The AggregatorV3Interface sources, distinct, non-zero.
    @param heartbeats_s Per source, the largest accepted age of its
           answer in seconds (`block.timestamp - updatedAt`).
    @param min_sources The fewest live sources an update accepts,
           between 1 and the number of sources.
    @param max_spread_bps With exactly two live sources, the largest
           accepted (high - low) / low, in basis points (at most 100 %).
    @param min_interval_s The shortest time between two updates.
    @param history_rounds 0 to keep every round (full history for
           `getRoundData`; the default to pick unless gas matters
           more), else the number of latest rounds kept in a ring, at
           least 2; a ring's steady-state update costs 17 100 gas less.
    """
    count: uint256 = len(sources)
    assert count != 0, "aggregator: no sources"
    assert len(heartbeats_s) == count, "aggregator: length mismatch"
    assert min_sources != 0 and min_sources <= count, "aggregator: bad min sources"
    assert max_spread_bps <= _BPS, "aggregator: bad max spread"
    assert decimals_ <= _MAX_DECIMALS, "aggregator: bad decimals"
    assert (
        history_rounds == 0 or history_rounds >= _MIN_HISTORY_ROUNDS
    ), "aggregator: bad history rounds"
    configs: DynArray[uint256, _MAX_SOURCES] = []
    for i: uint256 in range(count, bound=_MAX_SOURCES):
        source: address = sources[i]
        assert source != empty(address), "aggregator: zero source"
        heartbeat: uint256 = heartbeats_s[i]
        assert heartbeat != 0 and heartbeat <= _MASK_48, "aggregator: bad heartbeat"
        for j: uint256 in range(i, bound=_MAX_SOURCES):
            assert sources[j] != source, "aggregator: duplicate source"
        source_decimals: uint8 = staticcall IAggregatorV3(source).decimals()
        assert source_decimals <= _MAX_DECIMALS, "aggregator: bad source decimals"
        config: uint256 = convert(source, uint256) | (heartbeat << _HEARTBEAT_SHIFT)
        if source_decimals > decimals_:
            config |= (convert(source_decimals - decimals_, uint256) << _EXPONENT_SHIFT) | _DIVIDE
        else:
            config |= convert(decimals_ - source_decimals, uint256) << _EXPONENT_SHIFT
        configs.append(config)
    _DECIMALS = decimals_
    _DESCRIPTION = description_
    _SOURCES = sources
    _HEARTBEATS = heartbeats_s
    _CONFIGS = configs
    _MIN_SOURCES = min_sources
    _MAX_SPREAD_BPS = max_spread_bps
    _MIN_INTERVAL = min_interval_s
    _HISTORY_ROUNDS = history_rounds


@external
def update() -> uint80:
    """
    @dev Reads every source, aggregates the live ones and stores the
         result as a new round. Permissionless. Emits `AnswerUpdated`
         and `NewRound` (whose `startedAt` is the round's updatedAt).
    @notice Reverts "aggregator: too soon" within `min_interval` of the
            last update, "aggregator: too few sources" when fewer than
            `min_sources` are live, "aggregator: sources disagree" when
            exactly two are live and too far apart,
            "aggregator: gas too low" when the transaction cannot give
            every source its full gas allowance, and
            "aggregator: median not newer" when the new round's
            updatedAt would not be after the latest round's.
    @return uint80 The id of the new round.
    """
    latest: uint256 = self._latest
    round_id: uint256 = latest & _MASK_80
    if round_id != 0:
        assert block.timestamp >= (latest >> _LAST_UPDATE_SHIFT) + _MIN_INTERVAL, "aggregator: too soon"
    answer: int256 = 0
    updated_at: uint256 = 0
    used: uint256 = 0
    answer, updated_at, used = self._aggregate()
    # Before the first round the latest updatedAt is 0, and every live
    # source is newer than that.
    assert updated_at > (latest >> _LATEST_TIME_SHIFT) & _MASK_88, "aggregator: median not newer"
    round_id += 1
    self._rounds[self._slot(round_id)] = convert(answer, uint256) | (updated_at << _TIME_SHIFT)
    self._latest = round_id | (updated_at << _LATEST_TIME_SHIFT) | (block.timestamp << _LAST_UPDATE_SHIFT)
    log AnswerUpdated(current=answer, roundId=round_id, updatedAt=updated_at)
    log NewRound(roundId=round_id, startedBy=msg.sender, startedAt=updated_at)
    return convert(round_id, uint80)


@external
@view
def peek() -> (int256, uint256, uint256):
    """
    @dev What `update()` would store now, computed without writing, with
         the same reverts except "aggregator: too soon" and
         "aggregator: median not newer": the live aggregate.
    @return int256 The median answer.
    @return uint256 The updatedAt of the median source (see `_aggregate`).
    @return uint256 The number of live sources used.
    """
    return self._aggregate()


@external
@view
def decimals() -> uint8:
    """
    @dev The decimals of every answer; sources are scaled to them.
    @return uint8 The decimals.
    """
    return _DECIMALS


@external
@view
def description() -> String[256]:
    """
    @dev The description given at deployment.
    @return String The description.
    """
    return _DESCRIPTION


@external
@view
def version() -> uint256:
    """
    @dev The version of this implementation.
    @return uint256 The version.
    """
    return _VERSION


@external
@view
def getRoundData(_roundId: uint80) -> (uint80, int256, uint256, uint256, uint80):
    """
    @dev The data of round `_roundId`; reverts "aggregator: no data"
         for a round that does not exist or left the ring.
    @param _roundId The round id, from 1.
    @return uint80 The round id.
    @return int256 The answer.
    @return uint256 startedAt, equal to updatedAt.
    @return uint256 updatedAt: that of the median source.
    @return uint80 answeredInRound, equal to the round id.
    """
    word: uint256 = self._round_word(convert(_roundId, uint256))
    assert word != 0, "aggregator: no data"
    answer: int256 = convert(word & _MASK_192, int256)
    updated_at: uint256 = word >> _TIME_SHIFT
    return _roundId, answer, updated_at, updated_at, _roundId


@external
@view
def latestRoundData() -> (uint80, int256, uint256, uint256, uint80):
    """
    @dev The data of the latest round; reverts "aggregator: no data"
         before the first update, rather than returning zeros.
    @return uint80 The round id.
    @return int256 The answer.
    @return uint256 startedAt, equal to updatedAt.
    @return uint256 updatedAt: that of the median source.
    @return uint80 answeredInRound, equal to the round id.
    """
    round_id: uint256 = self._latest & _MASK_80
    assert round_id != 0, "aggregator: no data"
    word: uint256 = self._rounds[self._slot(round_id)]
    answer: int256 = convert(word & _MASK_192, int256)
    updated_at: uint256 = word >> _TIME_SHIFT
    return convert(round_id, uint80), answer, updated_at, updated_at, convert(round_id, uint80)


@external
@view
def latestAnswer() -> int256:
    """
    @dev Chainlink v2 view: the latest answer, 0 before the first update.
    @return int256 The answer.
    """
    return convert(self._round_word(self._latest & _MASK_80) & _MASK_192, int256)


@external
@view
def latestTimestamp() -> uint256:
    """
    @dev Chainlink v2 view: the latest updatedAt, 0 before the first update.
    @return uint256 The timestamp.
    """
    return self._round_word(self._latest & _MASK_80) >> _TIME_SHIFT


@external
@view
def latestRound() -> uint256:
    """
    @dev Chainlink v2 view: the latest round id, 0 before the first update.
    @return uint256 The round id.
    """
    return self._latest & _MASK_80


@external
@view
def getAnswer(_roundId: uint256) -> int256:
    """
    @dev Chainlink v2 view: the answer of `_roundId`, 0 if it does not
         exist or left the ring.
    @param _roundId The round id.
    @return int256 The answer.
    """
    return convert(self._round_word(_roundId) & _MASK_192, int256)


@external
@view
def getTimestamp(_roundId: uint256) -> uint256:
    """
    @dev Chainlink v2 view: the updatedAt of `_roundId`, 0 if it does not
         exist or left the ring.
    @param _roundId The round id.
    @return uint256 The timestamp.
    """
    return self._round_word(_roundId) >> _TIME_SHIFT


@external
@view
def last_update_time() -> uint256:
    """
    @dev The block time of the latest update, 0 before the first; the
         next update is possible from this plus `min_interval()`.
    @return uint256 The timestamp.
    """
    return self._latest >> _LAST_UPDATE_SHIFT


@external
@view
def sources() -> DynArray[address, _MAX_SOURCES]:
    """
    @dev The sources, in deployment order.
    @return DynArray The source addresses.
    """
    return _SOURCES


@external
@view
def heartbeats() -> DynArray[uint256, _MAX_SOURCES]:
    """
    @dev The heartbeat of each source, in seconds, in source order.
    @return DynArray The heartbeats.
    """
    return _HEARTBEATS


@external
@view
def min_sources() -> uint256:
    """
    @dev The fewest live sources an update accepts.
    @return uint256 The minimum.
    """
    return _MIN_SOURCES


@external
@view
def max_spread_bps() -> uint256:
    """
    @dev The largest spread accepted between exactly two live sources.
    @return uint256 The spread in basis points of the lower answer.
    """
    return _MAX_SPREAD_BPS


@external
@view
def min_interval() -> uint256:
    """
    @dev The shortest time between two updates, in seconds.
    @return uint256 The interval.
    """
    return _MIN_INTERVAL


@external
@view
def history_rounds() -> uint256:
    """
    @dev The rounds `getRoundData` can return: 0 when every round is
         kept, else the number of latest rounds kept in a ring.
    @return uint256 0 or the ring size.
    """
    return _HISTORY_ROUNDS


@internal
@view
def _slot(round_id: uint256) -> uint256:
    """
    @dev The `_rounds` key of `round_id`: the id itself with full
         history, else its place in the ring.
    @param round_id The round id.
    @return uint256 The key.
    """
    if _HISTORY_ROUNDS == 0:
        return round_id
    return round_id % _HISTORY_ROUNDS


@internal
@view
def _round_word(round_id: uint256) -> uint256:
    """
    @dev The packed word of `round_id`, or 0 when that round is 0, in
         the future, or (with a ring) older than the ring.
    @param round_id The round id.
    @return uint256 The word (answer | updatedAt << 192), or 0.
    """
    latest: uint256 = self._latest & _MASK_80
    if round_id == 0 or round_id > latest:
        return 0
    if _HISTORY_ROUNDS != 0 and latest - round_id >= _HISTORY_ROUNDS:
        return 0
    return self._rounds[self._slot(round_id)]


@internal
@view
def _aggregate() -> (int256, uint256, uint256):
    """
    @dev Reads every source and returns the median answer, its
         updatedAt and the number of live sources. Each live source
         becomes one sort key, answer << 64 | updatedAt (answers are
         positive and below 2**191), insertion-sorted as it arrives:
         one sort orders the answers and carries their times along.
    @return int256 The median answer.
    @return uint256 The updatedAt of the median source; for an even
            count, the older of the two middle sources'.
    @return uint256 The number of live sources.
    """
    keys: uint256[_MAX_SOURCES] = empty(uint256[_MAX_SOURCES])
    live: uint256 = 0
    configs: DynArray[uint256, _MAX_SOURCES] = _CONFIGS
    for config: uint256 in configs:
        assert msg.gas >= _SOURCE_GAS_RESERVE, "aggregator: gas too low"
        success: bool = False
        response: Bytes[_RETURN_SIZE] = b""
        success, response = raw_call(
            convert(convert(config & _MASK_160, uint160), address),
            method_id("latestRoundData()"),
            max_outsize=_RETURN_SIZE,
            gas=_SOURCE_GAS,
            is_static_call=True,
            revert_on_failure=False,
        )
        if not success or len(response) < _RETURN_SIZE:
            continue
        # Words read raw: a garbage roundId or answeredInRound must not
        # make ABI validation revert the aggregate.
        signed_answer: int256 = extract32(response, 32, output_type=int256)
        updated_at: uint256 = extract32(response, 96, output_type=uint256)
        if signed_answer <= 0 or updated_at > block.timestamp:
            continue
        if unsafe_sub(block.timestamp, updated_at) > (config >> _HEARTBEAT_SHIFT) & _MASK_48:
            continue
        answer: uint256 = convert(signed_answer, uint256)
        scale: uint256 = pow_mod256(10, (config >> _EXPONENT_SHIFT) & _MASK_8)
        if config & _DIVIDE != 0:
            answer = unsafe_div(answer, scale)
        else:
            if answer > unsafe_div(_MAX_ANSWER, scale):
                continue
            answer = unsafe_mul(answer, scale)
        if answer == 0 or answer > _MAX_ANSWER:
            continue
        key: uint256 = (answer << 64) | updated_at
        slot: uint256 = live
        for _: uint256 in range(_MAX_SOURCES):
            if slot == 0:
                break
            previous: uint256 = keys[unsafe_sub(slot, 1)]
            if previous <= key:
                break
            keys[slot] = previous
            slot = unsafe_sub(slot, 1)
        keys[slot] = key
        live = unsafe_add(live, 1)
    assert live >= _MIN_SOURCES, "aggregator: too few sources"
    middle: uint256 = live >> 1
    high: uint256 = keys[middle]
    if live & 1 == 1:
        return convert(high >> 64, int256), high & _MASK_64, live
    low: uint256 = keys[middle - 1]
    if live == 2:
        # (high - low) / low <= max spread, in integers.
        assert ((high >> 64) - (low >> 64)) * _BPS <= _MAX_SPREAD_BPS * (low >> 64), "aggregator: sources disagree"
    # Positive values: floor division is rounding toward zero.
    return convert(((high >> 64) + (low >> 64)) >> 1, int256), min(high & _MASK_64, low & _MASK_64), live
