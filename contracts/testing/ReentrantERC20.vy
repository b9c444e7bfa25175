# pragma version ~=0.4.3
"""
@title Mock ERC-20 Token That Re-Enters Its Caller
@custom:contract-name ReentrantERC20
@license MIT
@notice TEST ONLY, never deployed outside tests. A standard ERC-20
        (snekmate `erc20`) whose `transfer` and `transferFrom`, once
        armed with `arm(target, calldata, swallow)`, first call
        `target` with `calldata` (for instance the Oracle's `stake`,
        `claim` or `finalize`) and only then move the tokens. Arming
        is one-shot: the next transfer disarms it, as does `disarm`.
        With `swallow` off a failed re-entry reverts the transfer;
        with `swallow` on the failure is only counted in
        `reentry_failures` and the transfer goes ahead. `mint` is open
        to anyone.
@custom:security Anyone may arm it: the token is an attacker by design.
@custom:pause This mock cannot be paused.
"""


from ethereum.ercs import IERC20
implements: IERC20


from ethereum.ercs import IERC20Detailed
implements: IERC20Detailed


from snekmate.auth import ownable
initializes: ownable


from snekmate.tokens import erc20
initializes: erc20[ownable := ownable]


# @dev The standard ERC-20 views and `approve`;
# `transfer` and `transferFrom` are wrapped below.
exports: (
    erc20.name,
    erc20.symbol,
    erc20.decimals,
    erc20.totalSupply,
    erc20.balanceOf,
    erc20.allowance,
    erc20.approve,
)


# @dev The token name, also the EIP-712 domain name.
_NAME: constant(String[25]) = "Reentrant Token"


# @dev The token symbol.
_SYMBOL: constant(String[5]) = "RET"


# @dev The decimal places of the token.
_DECIMALS: constant(uint8) = 18


# @dev The EIP-712 domain version snekmate requires;
# this mock does not export `permit`.
_EIP712_VERSION: constant(String[20]) = "1"


# @dev The largest re-entry calldata: a selector and up to
# eight 32-byte words.
_MAX_CALLDATA: constant(uint256) = 260


# @dev Returns `True` while the next transfer re-enters.
is_armed: public(bool)


# @dev Returns the contract the next transfer calls.
reentry_target: public(address)


# @dev Returns the calldata the next transfer sends.
reentry_calldata: public(Bytes[_MAX_CALLDATA])


# @dev Returns `True` if a failed re-entry is only counted.
swallows_failure: public(bool)


# @dev Returns how many re-entries were attempted (and not rolled back).
reentry_attempts: public(uint256)


# @dev Returns how many swallowed re-entries failed.
reentry_failures: public(uint256)


@deploy
def __init__():
    """
    @dev Sets the metadata; mints nothing.
    """
    ownable.__init__()
    erc20.__init__(_NAME, _SYMBOL, _DECIMALS, _NAME, _EIP712_VERSION)


@external
def transfer(to: address, amount: uint256) -> bool:
    """
    @dev Re-enters if armed, then moves `amount` tokens
         from `msg.sender` to `to`.
    @param to The 20-byte receiver address.
    @param amount The 32-byte token amount to move.
    @return bool Always `True`.
    """
    self._reenter()
    erc20._transfer(msg.sender, to, amount)
    return True


@external
def transferFrom(owner: address, to: address, amount: uint256) -> bool:
    """
    @dev Re-enters if armed, then moves `amount` tokens from
         `owner` to `to` using the allowance of `msg.sender`.
    @param owner The 20-byte address the tokens leave.
    @param to The 20-byte receiver address.
    @param amount The 32-byte token amount to move.
    @return bool Always `True`.
    """
    self._reenter()
    erc20._spend_allowance(owner, msg.sender, amount)
    erc20._transfer(owner, to, amount)
    return True


@external
def mint(to: address, amount: uint256):
    """
    @dev Creates `amount` tokens for `to`. Anyone may call it.
    @param to The 20-byte receiver address.
    @param amount The 32-byte token amount to create.
    """
    erc20._mint(to, amount)


@external
def arm(target: address, calldata: Bytes[_MAX_CALLDATA], swallow: bool):
    """
    @dev Makes the next `transfer` or `transferFrom` call
         `target` with `calldata` before moving tokens.
    @param target The 20-byte contract to re-enter.
    @param calldata The ABI-encoded call, selector included.
    @param swallow If `True`, a failed re-entry is counted
           in `reentry_failures` instead of reverting.
    """
    self.is_armed = True
    self.reentry_target = target
    self.reentry_calldata = calldata
    self.swallows_failure = swallow


@external
def disarm():
    """
    @dev Makes transfers behave normally again.
    """
    self.is_armed = False


@internal
def _reenter():
    """
    @dev Performs the armed re-entry once, then disarms.
    """
    if not self.is_armed:
        return
    self.is_armed = False
    self.reentry_attempts += 1
    if self.swallows_failure:
        success: bool = raw_call(self.reentry_target, self.reentry_calldata, revert_on_failure=False)
        if not success:
            self.reentry_failures += 1
    else:
        raw_call(self.reentry_target, self.reentry_calldata)
