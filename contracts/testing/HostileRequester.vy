# pragma version ~=0.4.3
"""
@title Mock Hostile Requester
@custom:contract-name HostileRequester
@license MIT
@notice TEST ONLY, never deployed outside tests. Creates requests like
        `MockRequester`, but its `on_outcome` callback misbehaves
        according to `mode`, so tests can check that a bad callback
        never blocks finalization or claims:
        - `MODE_NONE` (0): returns normally and does nothing;
        - `MODE_REVERT` (1): reverts with "mock: hostile callback";
        - `MODE_BURN_GAS` (2): consumes all gas it is given (the
          INVALID opcode, like an endless loop but cheap to simulate);
        - `MODE_REENTER` (3): calls the Oracle's `finalize` and then
          `claim(request_id, self)`; the nonreentrant Oracle reverts,
          so the callback fails;
        - `MODE_RETURN_BOMB` (4): returns `RETURN_BOMB_BYTES` bytes of
          return data.
@custom:security Anyone may call `set_mode` and `on_outcome`: the
                 contract is an attacker by design.
@custom:pause This mock cannot be paused.
"""


from ethereum.ercs import IERC20


from ..interfaces import IOracle


# @dev The callback returns normally and does nothing.
MODE_NONE: public(constant(uint8)) = 0


# @dev The callback reverts with a reason.
MODE_REVERT: public(constant(uint8)) = 1


# @dev The callback consumes all gas it is given.
MODE_BURN_GAS: public(constant(uint8)) = 2


# @dev The callback re-enters the Oracle.
MODE_REENTER: public(constant(uint8)) = 3


# @dev The callback returns `RETURN_BOMB_BYTES` bytes.
MODE_RETURN_BOMB: public(constant(uint8)) = 4


# @dev The size of the return data in `MODE_RETURN_BOMB`,
# a multiple of 32 bytes.
RETURN_BOMB_BYTES: public(constant(uint256)) = 65_536


# @dev The Oracle this requester talks to.
_ORACLE: immutable(IOracle)


# @dev Returns how `on_outcome` misbehaves.
mode: public(uint8)


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
def set_mode(mode_: uint8):
    """
    @dev Selects how `on_outcome` misbehaves.
    @param mode_ One of the `MODE_*` constants.
    """
    assert mode_ <= MODE_RETURN_BOMB, "mock: unknown mode"
    self.mode = mode_


@external
@raw_return
def on_outcome(request_id: uint256, outcome: bytes32) -> Bytes[RETURN_BOMB_BYTES]:
    """
    @dev Misbehaves according to `mode`.
    @param request_id The request that finalized.
    @param outcome The finalized outcome.
    @return Bytes Empty, or `RETURN_BOMB_BYTES` zero bytes in
            `MODE_RETURN_BOMB`.
    """
    mode_: uint8 = self.mode
    if mode_ == MODE_REVERT:
        raise "mock: hostile callback"
    if mode_ == MODE_BURN_GAS:
        raise UNREACHABLE
    if mode_ == MODE_REENTER:
        extcall _ORACLE.finalize(request_id)
        extcall _ORACLE.claim(request_id, self)
    if mode_ == MODE_RETURN_BOMB:
        return abi_encode(empty(uint256[RETURN_BOMB_BYTES // 32]))
    return b""
