# pragma version ~=0.4.3
"""
@title Mock ERC-20 Token That Fails Softly Or Loudly
@custom:contract-name FalseReturnERC20
@license MIT
@notice TEST ONLY, never deployed outside tests. A standard ERC-20
        (snekmate `erc20`) whose `transfer` and `transferFrom` the
        owner can switch to misbehave: with `set_fail(True)` they
        return `False` and move nothing; with `set_revert(True)` they
        revert with "mock: transfer reverted". `set_revert` wins when
        both are on. `mint` is open to anyone.
@custom:security Unrestricted minting: worthless by design.
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
    ownable.owner,
    erc20.name,
    erc20.symbol,
    erc20.decimals,
    erc20.totalSupply,
    erc20.balanceOf,
    erc20.allowance,
    erc20.approve,
)


# @dev The token name, also the EIP-712 domain name.
_NAME: constant(String[25]) = "False Return Token"


# @dev The token symbol.
_SYMBOL: constant(String[5]) = "FRT"


# @dev The decimal places of the token.
_DECIMALS: constant(uint8) = 18


# @dev The EIP-712 domain version snekmate requires;
# this mock does not export `permit`.
_EIP712_VERSION: constant(String[20]) = "1"


# @dev Returns `True` if transfers return `False`
# and move nothing.
is_failing: public(bool)


# @dev Returns `True` if transfers revert.
is_reverting: public(bool)


@deploy
def __init__():
    """
    @dev Sets the metadata and makes `msg.sender` the owner.
    """
    ownable.__init__()
    erc20.__init__(_NAME, _SYMBOL, _DECIMALS, _NAME, _EIP712_VERSION)


@external
def transfer(to: address, amount: uint256) -> bool:
    """
    @dev Moves `amount` tokens from `msg.sender` to `to`,
         unless switched to fail or revert.
    @param to The 20-byte receiver address.
    @param amount The 32-byte token amount to move.
    @return bool `False` if failing, else `True`.
    """
    assert not self.is_reverting, "mock: transfer reverted"
    if self.is_failing:
        return False
    erc20._transfer(msg.sender, to, amount)
    return True


@external
def transferFrom(owner: address, to: address, amount: uint256) -> bool:
    """
    @dev Moves `amount` tokens from `owner` to `to` using
         the allowance of `msg.sender`, unless switched to
         fail or revert.
    @param owner The 20-byte address the tokens leave.
    @param to The 20-byte receiver address.
    @param amount The 32-byte token amount to move.
    @return bool `False` if failing, else `True`.
    """
    assert not self.is_reverting, "mock: transfer reverted"
    if self.is_failing:
        return False
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
def set_fail(is_failing_: bool):
    """
    @dev Makes `transfer` and `transferFrom` return `False`
         and move nothing (or behave normally again).
    @notice Only the owner can call this function.
    @param is_failing_ The Boolean switch.
    """
    ownable._check_owner()
    self.is_failing = is_failing_


@external
def set_revert(is_reverting_: bool):
    """
    @dev Makes `transfer` and `transferFrom` revert with
         "mock: transfer reverted" (or behave normally again).
    @notice Only the owner can call this function.
    @param is_reverting_ The Boolean switch.
    """
    ownable._check_owner()
    self.is_reverting = is_reverting_
