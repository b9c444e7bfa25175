# pragma version ~=0.4.3
"""
@title Mock Feed With Short Returndata
@custom:contract-name MockShortAggregator
@license MIT
@notice TEST ONLY, never deployed outside tests. Answers
        `latestRoundData()` with two words (64 bytes) instead of
        Chainlink's five: a fresh-looking, positive round id and answer
        that a reader which ABI-decodes blindly would misread. The
        FeedAggregator must drop it. `decimals()` is there so the
        aggregator's constructor accepts it.
@custom:security Not a price source.
@custom:pause This mock cannot be paused.
"""


@external
@view
def decimals() -> uint8:
    """
    @dev Fixed decimals, so the aggregator's constructor accepts it.
    @return uint8 8.
    """
    return 8


@external
@view
def latestRoundData() -> (uint256, uint256):
    """
    @dev Two words instead of five.
    @return uint256 A round id, 1.
    @return uint256 An answer-looking word, 10**8.
    """
    return 1, 10**8
