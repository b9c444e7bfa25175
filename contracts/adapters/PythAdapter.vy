# pragma version ~=0.4.3
"""
@title Fluxo Pyth Adapter
@custom:contract-name PythAdapter
@license MIT
@notice Presents one Pyth price as a Chainlink AggregatorV3Interface
        feed, e.g. a FeedAggregator source. Reads go through Pyth's
        `getPriceNoOlderThan(price_id, max_age)`, which reverts on a
        price older (or further in the future) than `max_age`: a stale
        Pyth price makes this adapter revert, never answer.

        Scaling is exact integer math: the answer is
        price * 10**(expo + decimals) when that exponent is >= 0, else
        price / 10**-(expo + decimals), truncated toward zero (a price
        below one unit of the adapter's decimals reads as 0, which
        consumers and the FeedAggregator reject). Exponents beyond
        +-38 revert. Round ids are Pyth's publishTime (Pyth has no
        rounds): they increase with every new price, but not by one,
        and only the latest round is readable.

        `startedAt` and `updatedAt` are publishTime capped at
        block.timestamp. Pyth accepts a publishTime up to `max_age`
        ahead of the block (publishers' clocks run ahead of block
        time); passed on unchanged, it would make careful consumers
        revert ("updatedAt in the future", or an underflow in
        `block.timestamp - updatedAt`) and the FeedAggregator drop its
        freshest source. The PriceFeed caps its updatedAt the same way. The confidence interval
        is not checked: bound it in the consumer, or rely on the
        FeedAggregator's median to ignore one wide source.
@custom:security Report vulnerabilities privately to the maintainers
                 (see SECURITY.md); never in a public issue.
@custom:pause This contract cannot be paused: it has no owner and no
              state. Stop reading it, or remove it from the source set
              by deploying a new FeedAggregator.
"""


from ..interfaces import IAggregatorV3
implements: IAggregatorV3


# @dev Pyth's `PythStructs.Price`.
struct PythPrice:
    price: int64
    conf: uint64
    expo: int32
    publishTime: uint256


# @dev The part of Pyth's IPyth this adapter reads.
interface IPyth:
    def getPriceNoOlderThan(id: bytes32, age: uint256) -> PythPrice: view


_VERSION: constant(uint256) = 1
# @dev Largest |expo + decimals|: 10**38 times an int64 fits int256.
_MAX_EXPONENT: constant(int256) = 38
_MAX_DECIMALS: constant(uint8) = 36


_PYTH: immutable(IPyth)
_PRICE_ID: immutable(bytes32)
_MAX_AGE: immutable(uint256)
_DECIMALS: immutable(uint8)
_DESCRIPTION: immutable(String[64])


@deploy
def __init__(pyth: address, price_id: bytes32, max_age_s: uint256, decimals_: uint8, description_: String[64]):
    """
    @dev Stores the Pyth contract, the price id and the settings.
    @param pyth The Pyth contract.
    @param price_id The Pyth price id, e.g. ETH/USD's.
    @param max_age_s The oldest accepted price, in seconds.
    @param decimals_ The decimals of this adapter's answers.
    @param description_ The description, e.g. "ETH / USD (Pyth)".
    """
    assert pyth != empty(address), "pyth_adapter: zero pyth"
    assert max_age_s != 0, "pyth_adapter: zero max age"
    assert decimals_ <= _MAX_DECIMALS, "pyth_adapter: bad decimals"
    _PYTH = IPyth(pyth)
    _PRICE_ID = price_id
    _MAX_AGE = max_age_s
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
def price_id() -> bytes32:
    """
    @dev The Pyth price id read.
    @return bytes32 The price id.
    """
    return _PRICE_ID


@external
@view
def max_age() -> uint256:
    """
    @dev The oldest accepted Pyth price, in seconds.
    @return uint256 The age.
    """
    return _MAX_AGE


@external
@view
def getRoundData(_roundId: uint80) -> (uint80, int256, uint256, uint256, uint80):
    """
    @dev The latest round only (its id is its publishTime); reverts
         "pyth_adapter: only the latest round" for any other id.
    @param _roundId The round id.
    @return uint80 The round id.
    @return int256 The answer.
    @return uint256 startedAt, the publishTime capped at block.timestamp.
    @return uint256 updatedAt, the publishTime capped at block.timestamp.
    @return uint80 answeredInRound, equal to the round id.
    """
    round_id: uint80 = 0
    answer: int256 = 0
    updated_at: uint256 = 0
    round_id, answer, updated_at = self._read()
    assert _roundId == round_id, "pyth_adapter: only the latest round"
    return round_id, answer, updated_at, updated_at, round_id


@external
@view
def latestRoundData() -> (uint80, int256, uint256, uint256, uint80):
    """
    @dev The latest Pyth price, scaled; reverts like Pyth when it is
         older than `max_age`.
    @return uint80 The round id, the publishTime.
    @return int256 The answer.
    @return uint256 startedAt, the publishTime capped at block.timestamp.
    @return uint256 updatedAt, the publishTime capped at block.timestamp.
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
    @dev Reads Pyth and scales its price to `_DECIMALS`.
    @return uint80 The round id (publishTime).
    @return int256 The scaled answer.
    @return uint256 The publishTime, capped at block.timestamp.
    """
    price: PythPrice = staticcall _PYTH.getPriceNoOlderThan(_PRICE_ID, _MAX_AGE)
    exponent: int256 = convert(price.expo, int256) + convert(_DECIMALS, int256)
    assert exponent <= _MAX_EXPONENT and exponent >= -_MAX_EXPONENT, "pyth_adapter: exponent out of range"
    answer: int256 = convert(price.price, int256)
    if exponent >= 0:
        answer = answer * convert(pow_mod256(10, convert(exponent, uint256)), int256)
    else:
        answer = answer // convert(pow_mod256(10, convert(-exponent, uint256)), int256)
    return convert(price.publishTime, uint80), answer, min(price.publishTime, block.timestamp)
