# pragma version ~=0.4.3
"""
@title Fluxo FeedHub: one transaction updates many price feeds
@custom:contract-name FeedHub
@license MIT
@notice Forwards one signed report per feed to `PriceFeed.transmit`.
        `reports[i]` is the ABI encoding of `transmit`'s arguments
        (round, answers, timestamps, signatures) without the selector,
        for `feeds[i]`. A report that fails does not stop the others:
        its index is logged and its flag is false.

        A feed accepts rounds only from its authorized transmitters, and
        a feed's owner adds this hub as one (`set_transmitter`) to take
        batches through it. The hub must therefore never widen a feed's
        set: before forwarding it asks the feed whether its own caller
        may transmit (`may_transmit(msg.sender)`) and skips the feed
        (TransmitFailed) when not, or when the answer is not a clean
        `true`. A feed that has not added the hub rejects the forwarded
        report itself.
@custom:security Report vulnerabilities privately to the maintainers
                 (see SECURITY.md); never in a public issue.
@custom:pause No state and no owner, so nothing to pause; each feed
              keeps its own controls, including removing this hub from
              its transmitters.
"""


event TransmitFailed:
    feed: indexed(address)
    index: uint256


# @dev Most feeds per call.
MAX_FEEDS: constant(uint256) = 16
# @dev ABI size of transmit's arguments with 31 observations:
# 4 heads + 2 x (31 + 1) words + (31 + 1) offsets + 31 x 4-word signatures.
MAX_REPORT_SIZE: constant(uint256) = 7_168
_TRANSMIT: constant(bytes4) = method_id("transmit(uint32,int192[],uint64[],bytes[])", output_type=bytes4)
_MAY_TRANSMIT: constant(bytes4) = method_id("may_transmit(address)", output_type=bytes4)


@external
def transmit_many(feeds: DynArray[address, MAX_FEEDS], reports: DynArray[Bytes[MAX_REPORT_SIZE], MAX_FEEDS]) -> DynArray[bool, MAX_FEEDS]:
    """
    @notice Transmits `reports[i]` to `feeds[i]` for every feed that
            lets the caller transmit.
    @param feeds The PriceFeed contracts.
    @param reports The ABI-encoded `transmit` arguments, one per feed.
    @return DynArray Whether each transmit succeeded.
    """
    assert len(feeds) == len(reports), "feed_hub: length mismatch"
    done: DynArray[bool, MAX_FEEDS] = []
    for i: uint256 in range(len(feeds), bound=MAX_FEEDS):
        feed: address = feeds[i]
        ok: bool = self._may_transmit(feed, msg.sender)
        if ok:
            ok = raw_call(feed, concat(_TRANSMIT, reports[i]), revert_on_failure=False)
        if not ok:
            log TransmitFailed(feed=feed, index=i)
        done.append(ok)
    return done


@internal
@view
def _may_transmit(feed: address, caller: address) -> bool:
    """
    @dev Asks `feed.may_transmit(caller)`; a revert, a short answer or
         anything but 1 counts as no, so a feed that is not a PriceFeed
         fails alone instead of reverting the batch.
    @param feed The feed.
    @param caller The account that called the hub.
    @return bool True when the feed lets `caller` transmit.
    """
    success: bool = False
    response: Bytes[32] = b""
    success, response = raw_call(
        feed,
        abi_encode(caller, method_id=_MAY_TRANSMIT),
        max_outsize=32,
        is_static_call=True,
        revert_on_failure=False,
    )
    if not success or len(response) != 32:
        return False
    return extract32(response, 0, output_type=uint256) == 1
