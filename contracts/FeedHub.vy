# pragma version ~=0.4.3
"""
@title Fluxo FeedHub: one transaction updates many price feeds
@custom:contract-name FeedHub
@license MIT
@notice Forwards one signed report per feed to `PriceFeed.transmit`.
        Stateless and permissionless: the providers' signatures carry
        the authority, so anyone may relay. `reports[i]` is the ABI
        encoding of `transmit`'s arguments (round, answers, timestamps,
        signatures) without the selector, for `feeds[i]`. A report that
        fails (stale after a competing relay, bad signature) does not
        stop the others: its index is logged and its flag is false.
@custom:security Report vulnerabilities privately to the maintainers
                 (see SECURITY.md); never in a public issue.
@custom:pause No state and no owner, so nothing to pause; each feed
              keeps its own controls.
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


@external
def transmit_many(feeds: DynArray[address, MAX_FEEDS], reports: DynArray[Bytes[MAX_REPORT_SIZE], MAX_FEEDS]) -> DynArray[bool, MAX_FEEDS]:
    """
    @notice Transmits `reports[i]` to `feeds[i]` for every i.
    @param feeds The PriceFeed contracts.
    @param reports The ABI-encoded `transmit` arguments, one per feed.
    @return DynArray Whether each transmit succeeded.
    """
    assert len(feeds) == len(reports), "feed_hub: length mismatch"
    done: DynArray[bool, MAX_FEEDS] = []
    for i: uint256 in range(len(feeds), bound=MAX_FEEDS):
        ok: bool = raw_call(feeds[i], concat(_TRANSMIT, reports[i]), revert_on_failure=False)
        if not ok:
            log TransmitFailed(feed=feeds[i], index=i)
        done.append(ok)
    return done
