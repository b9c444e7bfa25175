# pragma version ~=0.4.3
"""
@title Mock Tellor
@custom:contract-name MockTellor
@license MIT
@notice TEST ONLY, never deployed outside tests. The read side of
        Tellor's UsingTellor for any query id: `submit_value` appends
        (timestamp, value) to a query's history, in increasing time,
        and `getDataBefore` returns the latest value reported strictly
        before a timestamp, like Tellor's `getDataBefore`.
@custom:security Anyone can report anything: never a real price source.
@custom:pause This mock cannot be paused.
"""


# @dev The most values one query keeps; more reverts.
_MAX_REPORTS: constant(uint256) = 64


_counts: HashMap[bytes32, uint256]
_timestamps: HashMap[bytes32, HashMap[uint256, uint256]]
_values: HashMap[bytes32, HashMap[uint256, Bytes[96]]]


@external
def submit_value(query_id: bytes32, reported_value: Bytes[96], timestamp: uint256):
    """
    @dev Appends a report to the history of `query_id`.
    @param query_id The Tellor query id.
    @param reported_value The reported bytes (a SpotPrice is abi.encode(uint256)).
    @param timestamp The report time, later than the previous report's.
    """
    count: uint256 = self._counts[query_id]
    assert count < _MAX_REPORTS, "mock_tellor: history full"
    assert count == 0 or timestamp > self._timestamps[query_id][count - 1], "mock_tellor: not increasing"
    self._timestamps[query_id][count] = timestamp
    self._values[query_id][count] = reported_value
    self._counts[query_id] = count + 1


@external
@view
def getDataBefore(queryId: bytes32, timestamp: uint256) -> (bool, Bytes[96], uint256):
    """
    @dev The latest report of `queryId` made strictly before `timestamp`.
    @param queryId The Tellor query id.
    @param timestamp The time bound (exclusive).
    @return bool Whether a value was found.
    @return Bytes The value, empty if none.
    @return uint256 The time of the value, 0 if none.
    """
    count: uint256 = self._counts[queryId]
    for offset: uint256 in range(count, bound=_MAX_REPORTS):
        index: uint256 = count - 1 - offset
        reported_at: uint256 = self._timestamps[queryId][index]
        if reported_at < timestamp:
            return True, self._values[queryId][index], reported_at
    return False, b"", 0
