# pragma version ~=0.4.3
"""
@title Mock Chainlink Feed
@custom:contract-name MockAggregatorV3
@license MIT
@notice TEST ONLY, never deployed outside tests. An AggregatorV3Interface
        source whose answer, updatedAt, round id and decimals are set
        directly, with a failure mode for the aggregator's tests:
        REVERT reverts, BURN_GAS loops until the call runs out of gas,
        HUGE_ANSWER returns a fresh answer of max int256, which fits no
        int192 aggregate. Vyper 0.4.3 has no `raw_return`, so short
        returndata has its own mock, MockShortAggregator. The normal
        read path loads one storage word (answer, updatedAt, round and
        mode packed), so gas benchmarks of the aggregator measure the
        aggregator, not the source.
@custom:security Anyone can set anything: never a real price source.
@custom:pause This mock cannot be paused.
"""


from ..interfaces import IAggregatorV3
implements: IAggregatorV3


MODE_NORMAL: public(constant(uint256)) = 0
MODE_REVERT: public(constant(uint256)) = 1
MODE_BURN_GAS: public(constant(uint256)) = 2
MODE_HUGE_ANSWER: public(constant(uint256)) = 3

# @dev `_state` word: answer int128 [0, 128) | updatedAt [128, 192) |
# round id [192, 248) | mode [248, 256).
_MASK_56: constant(uint256) = 2**56 - 1
_MASK_64: constant(uint256) = 2**64 - 1
_MASK_128: constant(uint256) = 2**128 - 1
_TIME_SHIFT: constant(uint256) = 128
_ROUND_SHIFT: constant(uint256) = 192
_MODE_SHIFT: constant(uint256) = 248


_state: uint256
_decimals: uint8


@deploy
def __init__(decimals_: uint8, answer: int128, updated_at: uint64):
    """
    @dev Starts in MODE_NORMAL at round 1.
    @param decimals_ The decimals reported by `decimals()`.
    @param answer The initial answer.
    @param updated_at The initial updatedAt.
    """
    self._decimals = decimals_
    self._write(answer, updated_at, 1, MODE_NORMAL)


@external
def set_answer(answer: int128, updated_at: uint64):
    """
    @dev Starts the next round with `answer` at `updated_at`.
    @param answer The new answer.
    @param updated_at The new updatedAt.
    """
    state: uint256 = self._state
    self._write(answer, updated_at, ((state >> _ROUND_SHIFT) & _MASK_56) + 1, state >> _MODE_SHIFT)


@external
def set_mode(mode: uint256):
    """
    @dev Switches the behaviour of `latestRoundData` (see MODE_*).
    @param mode One of the MODE_* constants.
    """
    assert mode <= MODE_HUGE_ANSWER, "mock_aggregator: bad mode"
    state: uint256 = self._state
    self._state = (state & ((1 << _MODE_SHIFT) - 1)) | (mode << _MODE_SHIFT)


@external
def set_decimals(decimals_: uint8):
    """
    @dev Changes `decimals()` (aggregators read it only at deployment).
    @param decimals_ The new decimals.
    """
    self._decimals = decimals_


@external
@view
def decimals() -> uint8:
    """
    @dev The decimals set at deployment or by `set_decimals`.
    @return uint8 The decimals.
    """
    return self._decimals


@external
@view
def description() -> String[256]:
    """
    @dev A fixed description.
    @return String "MOCK / USD".
    """
    return "MOCK / USD"


@external
@view
def version() -> uint256:
    """
    @dev A fixed version.
    @return uint256 1.
    """
    return 1


@external
@view
def getRoundData(_roundId: uint80) -> (uint80, int256, uint256, uint256, uint80):
    """
    @dev The latest round only; reverts for any other id.
    @param _roundId The round id.
    @return uint80 The round id.
    @return int256 The answer.
    @return uint256 startedAt, equal to updatedAt.
    @return uint256 updatedAt.
    @return uint80 answeredInRound, equal to the round id.
    """
    state: uint256 = self._state
    round_id: uint80 = convert((state >> _ROUND_SHIFT) & _MASK_56, uint80)
    assert _roundId == round_id, "mock_aggregator: no data"
    return self._round_data(state)


@external
@view
def latestRoundData() -> (uint80, int256, uint256, uint256, uint80):
    """
    @dev The latest round, or the failure of the current mode.
    @return uint80 The round id.
    @return int256 The answer.
    @return uint256 startedAt, equal to updatedAt.
    @return uint256 updatedAt.
    @return uint80 answeredInRound, equal to the round id.
    """
    state: uint256 = self._state
    mode: uint256 = state >> _MODE_SHIFT
    if mode == MODE_NORMAL:
        return self._round_data(state)
    if mode == MODE_REVERT:
        raise "mock_aggregator: reverted"
    if mode == MODE_BURN_GAS:
        burned: bytes32 = empty(bytes32)
        for i: uint256 in range(10**9):
            burned = keccak256(burned)
        return 0, convert(burned, int256), 0, 0, 0
    round_id: uint80 = convert((state >> _ROUND_SHIFT) & _MASK_56, uint80)
    return round_id, max_value(int256), block.timestamp, block.timestamp, round_id


@internal
@view
def _round_data(state: uint256) -> (uint80, int256, uint256, uint256, uint80):
    """
    @dev Unpacks `_state` into Chainlink's five return values.
    @param state The packed state word.
    @return uint80 The round id.
    @return int256 The answer.
    @return uint256 startedAt, equal to updatedAt.
    @return uint256 updatedAt.
    @return uint80 answeredInRound, equal to the round id.
    """
    round_id: uint80 = convert((state >> _ROUND_SHIFT) & _MASK_56, uint80)
    answer: int128 = convert(convert(convert(state & _MASK_128, uint128), bytes16), int128)
    updated_at: uint256 = (state >> _TIME_SHIFT) & _MASK_64
    return round_id, convert(answer, int256), updated_at, updated_at, round_id


@internal
def _write(answer: int128, updated_at: uint64, round_id: uint256, mode: uint256):
    """
    @dev Packs and stores the state word.
    @param answer The answer.
    @param updated_at The updatedAt.
    @param round_id The round id, below 2**56.
    @param mode The mode.
    """
    low: uint256 = convert(convert(convert(answer, bytes16), uint128), uint256)
    self._state = low | (convert(updated_at, uint256) << _TIME_SHIFT) | (round_id << _ROUND_SHIFT) | (mode << _MODE_SHIFT)
