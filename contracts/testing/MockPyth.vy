# pragma version ~=0.4.3
"""
@title Mock Pyth
@custom:contract-name MockPyth
@license MIT
@notice TEST ONLY, never deployed outside tests. The read side of
        Pyth's IPyth for one price per id: `set_price` stores price,
        conf, expo and publishTime, and `getPriceNoOlderThan` returns
        them like Pyth's `PythStructs.Price`, or reverts with Pyth's
        `StalePrice()` error when |block.timestamp - publishTime| is
        above `age` and with `PriceFeedNotFound()` for an unknown id.
@custom:security Anyone can set any price: never a real price source.
@custom:pause This mock cannot be paused.
"""


# @dev Pyth's `PythStructs.Price`.
struct Price:
    price: int64
    conf: uint64
    expo: int32
    publishTime: uint256


_prices: HashMap[bytes32, Price]


@external
def set_price(price_id: bytes32, price: int64, conf: uint64, expo: int32, publish_time: uint256):
    """
    @dev Stores the price of `price_id`.
    @param price_id The Pyth price id.
    @param price The price mantissa.
    @param conf The confidence interval, same exponent.
    @param expo The exponent: the value is price * 10**expo.
    @param publish_time The publish time, in seconds.
    """
    self._prices[price_id] = Price(price=price, conf=conf, expo=expo, publishTime=publish_time)


@external
@view
def getPriceNoOlderThan(id: bytes32, age: uint256) -> Price:
    """
    @dev Pyth's staleness-checked read.
    @param id The Pyth price id.
    @param age The largest accepted |now - publishTime|, in seconds.
    @return Price The price of `id`.
    """
    price: Price = self._prices[id]
    if price.publishTime == 0:
        raw_revert(method_id("PriceFeedNotFound()"))
    distance: uint256 = 0
    if block.timestamp >= price.publishTime:
        distance = block.timestamp - price.publishTime
    else:
        distance = price.publishTime - block.timestamp
    if distance > age:
        raw_revert(method_id("StalePrice()"))
    return price
