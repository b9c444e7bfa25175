# pragma version ~=0.4.3
"""
@title Fluxo Tellor Adapter
@custom:contract-name TellorAdapter
@license MIT
@notice Presents one Tellor query (a SpotPrice, reported as
        abi.encode(uint256) with 18 decimals) as a Chainlink
        AggregatorV3Interface feed, e.g. a FeedAggregator source.

        Tellor values are optimistic: any staker can report, and a
        bad value is removed only if disputed in time (BonqDAO lost
        its collateral by reading a fresh, undisputed value). So this
        adapter reads `getDataBefore(query_id, now - dispute_buffer)`,
        Tellor's documented practice: only values that have survived
        `dispute_buffer` seconds of scrutiny. The buffer is at least 15
        minutes (900 s), Tellor's advice: a shorter one reads values
        that disputers have not had time to challenge, and 0 would read
        the freshest, least scrutinised value. Its `updatedAt` is the
        report time, so every answer is at least `dispute_buffer` old:
        give it a FeedAggregator heartbeat of at least the buffer plus
        the reporting interval.

        Scaling from 18 decimals truncates toward zero. Round ids are
        report times; only the latest round is readable.
@custom:security Report vulnerabilities privately to the maintainers
                 (see SECURITY.md); never in a public issue.
@custom:pause This contract cannot be paused: it has no owner and no
              state. Stop reading it, or remove it from the source set
              by deploying a new FeedAggregator.
"""


from ..interfaces import IAggregatorV3
implements: IAggregatorV3


# @dev The part of Tellor's UsingTellor / TellorFlex this adapter reads.
interface ITellor:
    def getDataBefore(queryId: bytes32, timestamp: uint256) -> (bool, Bytes[96], uint256): view


# @dev The shortest dispute buffer accepted: Tellor advises waiting at
# least 15 minutes before trusting a value.
MIN_DISPUTE_BUFFER_S: public(constant(uint256)) = 900

_VERSION: constant(uint256) = 1
# @dev Tellor SpotPrice values carry 18 decimals.
_TELLOR_DECIMALS: constant(uint8) = 18
_MAX_DECIMALS: constant(uint8) = 36


_TELLOR: immutable(ITellor)
_QUERY_ID: immutable(bytes32)
_DISPUTE_BUFFER: immutable(uint256)
_DECIMALS: immutable(uint8)
_DESCRIPTION: immutable(String[64])


@deploy
def __init__(tellor: address, query_id: bytes32, dispute_buffer_s: uint256, decimals_: uint8, description_: String[64]):
    """
    @dev Stores the Tellor contract, the query id and the settings.
    @param tellor The Tellor contract (TellorFlex or a UsingTellor reader).
    @param query_id The Tellor query id, e.g. SpotPrice("eth", "usd")'s.
    @param dispute_buffer_s Only values at least this old are read, in
           seconds; at least `MIN_DISPUTE_BUFFER_S` (900).
    @param decimals_ The decimals of this adapter's answers.
    @param description_ The description, e.g. "ETH / USD (Tellor)".
    """
    assert tellor != empty(address), "tellor_adapter: zero tellor"
    assert decimals_ <= _MAX_DECIMALS, "tellor_adapter: bad decimals"
    assert dispute_buffer_s >= MIN_DISPUTE_BUFFER_S, "tellor_adapter: dispute buffer too short"
    _TELLOR = ITellor(tellor)
    _QUERY_ID = query_id
    _DISPUTE_BUFFER = dispute_buffer_s
    _DECIMALS = decimals_
    _DESCRIPTION = description_


@external
@view
def decimals() -> uint8:
    """
    @dev The decimals of every answer.
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
    @dev The version of this adapter.
    @return uint256 The version.
    """
    return _VERSION


@external
@view
def query_id() -> bytes32:
    """
    @dev The Tellor query id read.
    @return bytes32 The query id.
    """
    return _QUERY_ID


@external
@view
def dispute_buffer() -> uint256:
    """
    @dev How old a value must be before it is read, in seconds.
    @return uint256 The buffer.
    """
    return _DISPUTE_BUFFER


@external
@view
def getRoundData(_roundId: uint80) -> (uint80, int256, uint256, uint256, uint80):
    """
    @dev The latest round only (its id is its report time); reverts
         "tellor_adapter: only the latest round" for any other id.
    @param _roundId The round id.
    @return uint80 The round id.
    @return int256 The answer.
    @return uint256 startedAt, the report time.
    @return uint256 updatedAt, the report time.
    @return uint80 answeredInRound, equal to the round id.
    """
    round_id: uint80 = 0
    answer: int256 = 0
    updated_at: uint256 = 0
    round_id, answer, updated_at = self._read()
    assert _roundId == round_id, "tellor_adapter: only the latest round"
    return round_id, answer, updated_at, updated_at, round_id


@external
@view
def latestRoundData() -> (uint80, int256, uint256, uint256, uint80):
    """
    @dev The latest value reported before `now - dispute_buffer`,
         scaled; reverts "tellor_adapter: no value" when there is none.
    @return uint80 The round id, the report time.
    @return int256 The answer.
    @return uint256 startedAt, the report time.
    @return uint256 updatedAt, the report time.
    @return uint80 answeredInRound, equal to the round id.
    """
    round_id: uint80 = 0
    answer: int256 = 0
    updated_at: uint256 = 0
    round_id, answer, updated_at = self._read()
    return round_id, answer, updated_at, updated_at, round_id


@internal
@view
def _read() -> (uint80, int256, uint256):
    """
    @dev Reads Tellor before the dispute buffer and scales the value.
    @return uint80 The round id (report time).
    @return int256 The scaled answer.
    @return uint256 The report time.
    """
    found: bool = False
    data: Bytes[96] = b""
    reported_at: uint256 = 0
    found, data, reported_at = staticcall _TELLOR.getDataBefore(_QUERY_ID, block.timestamp - _DISPUTE_BUFFER)
    assert found, "tellor_adapter: no value"
    assert len(data) == 32, "tellor_adapter: bad value"
    value_18: uint256 = extract32(data, 0, output_type=uint256)
    answer: uint256 = 0
    if _DECIMALS >= _TELLOR_DECIMALS:
        answer = value_18 * pow_mod256(10, convert(_DECIMALS - _TELLOR_DECIMALS, uint256))
    else:
        answer = value_18 // pow_mod256(10, convert(_TELLOR_DECIMALS - _DECIMALS, uint256))
    assert answer <= convert(max_value(int256), uint256), "tellor_adapter: value out of range"
    return convert(reported_at, uint80), convert(answer, int256), reported_at
