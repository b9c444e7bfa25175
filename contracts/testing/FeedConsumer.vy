# pragma version ~=0.4.3
"""
@title Careful DeFi consumer of an AggregatorV3 feed (test double)
@custom:contract-name FeedConsumer
@license MIT
@notice Reads a feed the way a careful lending protocol does: the round
        must exist and be answered in itself or later, the answer must be
        positive and fresh (younger than `max_age`), and the previous
        round, read through `getRoundData`, must be older and positive.
@custom:security Test double; never deployed outside tests.
@custom:pause Not pausable.
"""

from ..interfaces import IAggregatorV3

feed: public(immutable(IAggregatorV3))
max_age: public(immutable(uint256))


@deploy
def __init__(feed_: address, max_age_: uint256):
    """
    @param feed_ The AggregatorV3 feed to read.
    @param max_age_ The oldest answer accepted, in seconds.
    """
    feed = IAggregatorV3(feed_)
    max_age = max_age_


@external
@view
def price() -> int256:
    """
    @notice The latest answer after every check a careful consumer makes.
    @return int256 The answer.
    """
    round_id: uint80 = 0
    answer: int256 = 0
    started_at: uint256 = 0
    updated_at: uint256 = 0
    answered_in: uint80 = 0
    round_id, answer, started_at, updated_at, answered_in = staticcall feed.latestRoundData()
    assert round_id != 0, "consumer: no round"
    assert answered_in >= round_id, "consumer: stale round"
    assert updated_at != 0, "consumer: round not complete"
    assert updated_at <= block.timestamp, "consumer: answer from the future"
    assert block.timestamp - updated_at <= max_age, "consumer: answer too old"
    assert answer > 0, "consumer: non-positive answer"
    if round_id > 1:
        previous_answer: int256 = 0
        previous_updated_at: uint256 = 0
        _: uint80 = 0
        _s: uint256 = 0
        _a: uint80 = 0
        _, previous_answer, _s, previous_updated_at, _a = staticcall feed.getRoundData(round_id - 1)
        assert previous_updated_at < updated_at, "consumer: rounds out of order"
        assert previous_answer > 0, "consumer: non-positive previous answer"
    return answer


@external
@view
def latest_round_data() -> (uint80, int256, uint256, uint256, uint80):
    """
    @notice Forwards `latestRoundData` unchecked (to measure and to test
            the whitelist).
    @return The feed's latest round data.
    """
    return staticcall feed.latestRoundData()


@external
@view
def forward(data: Bytes[68]) -> Bytes[160]:
    """
    @notice Static-calls the feed with raw calldata and returns its raw
            result (to test that every read is whitelist-gated).
    @param data The calldata of one feed read.
    @return Bytes The feed's return data.
    """
    return raw_call(feed.address, data, max_outsize=160, is_static_call=True)
