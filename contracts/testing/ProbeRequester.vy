# pragma version ~=0.4.3
"""
@title Mock Requester That Probes The Oracle In Its Callback
@custom:contract-name ProbeRequester
@license MIT
@notice TEST ONLY, never deployed outside tests. Creates requests like
        `MockRequester`; its `on_outcome` reads the Oracle's
        `outcome_of(request_id)` and records what it saw, so tests can
        check that the Oracle writes the finalized state before it
        calls back.
@custom:security `on_outcome` reverts for any caller but the Oracle.
@custom:pause This mock cannot be paused.
"""


from ethereum.ercs import IERC20


from ..interfaces import IOracle


from ..interfaces import IRequester
implements: IRequester


# @dev The Oracle this requester talks to.
_ORACLE: immutable(IOracle)


# @dev Returns how many times `on_outcome` ran.
calls: public(uint256)


# @dev Returns the `finalized` flag `outcome_of` reported
# during the latest callback.
seen_finalized: public(bool)


# @dev Returns the outcome `outcome_of` reported during
# the latest callback.
seen_outcome: public(bytes32)


# @dev Returns the outcome the latest callback was given.
received_outcome: public(bytes32)


@deploy
def __init__(oracle: address, payment_token: address):
    """
    @dev Stores the Oracle and approves it to pull any
         amount of `payment_token` (validity bond and fee).
    @param oracle The 20-byte Oracle address.
    @param payment_token The 20-byte payment-token address.
    """
    _ORACLE = IOracle(oracle)
    extcall IERC20(payment_token).approve(oracle, max_value(uint256), default_return_value=True)


@external
def create(args: IOracle.RequestArgs) -> uint256:
    """
    @dev Forwards `args` to the Oracle's `create_request`.
    @notice Fund this contract with the payment token first.
    @param args The request arguments (see `IOracle`).
    @return uint256 The new request id.
    """
    return extcall _ORACLE.create_request(args)


@external
def on_outcome(request_id: uint256, outcome: bytes32):
    """
    @dev Records the outcome it was given and what the Oracle's
         `outcome_of` reports at this moment.
    @notice Only the Oracle can call this function.
    @param request_id The request that finalized.
    @param outcome The finalized outcome.
    """
    assert msg.sender == _ORACLE.address, "mock: caller is not the oracle"
    finalized: bool = False
    seen: bytes32 = empty(bytes32)
    finalized, seen = staticcall _ORACLE.outcome_of(request_id)
    self.calls += 1
    self.seen_finalized = finalized
    self.seen_outcome = seen
    self.received_outcome = outcome
