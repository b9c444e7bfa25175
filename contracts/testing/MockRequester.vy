# pragma version ~=0.4.3
"""
@title Mock Well-Behaved Requester
@custom:contract-name MockRequester
@license MIT
@notice TEST ONLY, never deployed outside tests. A minimal requester:
        it approves the Oracle once for the payment token, forwards
        `create` to `create_request` and `cancel` to `cancel` (anyone
        may call both), and on `on_outcome` only emits
        `OutcomeReceived`. Refunds the Oracle credits it are paid out
        by anyone calling the Oracle's `withdraw(token, requester)`. The callback reads no storage (the Oracle
        address is an immutable), so gas benchmarks of finalization
        measure the Oracle, not the requester.
@custom:security `on_outcome` reverts for any caller but the Oracle.
@custom:pause This mock cannot be paused.
"""


from ethereum.ercs import IERC20


# @dev The Oracle's normative interface; its structs
# (`IOracle.RequestArgs`) come with the import.
from ..interfaces import IOracle


from ..interfaces import IRequester
implements: IRequester


# @dev The Oracle this requester talks to. An immutable,
# so the caller check in `on_outcome` costs no SLOAD.
_ORACLE: immutable(IOracle)


# @dev Emitted when the Oracle reports the final
# `outcome` of `request_id`.
event OutcomeReceived:
    request_id: indexed(uint256)
    outcome: bytes32


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
def cancel(request_id: uint256):
    """
    @dev Forwards to the Oracle's `cancel`: only a request's requester
         may cancel it.
    @param request_id The request nobody answered.
    """
    extcall _ORACLE.cancel(request_id)


@external
def on_outcome(request_id: uint256, outcome: bytes32):
    """
    @dev Emits `OutcomeReceived`; nothing else.
    @notice Only the Oracle can call this function.
    @param request_id The request that finalized.
    @param outcome The finalized outcome.
    """
    assert msg.sender == _ORACLE.address, "mock: caller is not the oracle"
    log OutcomeReceived(request_id=request_id, outcome=outcome)
