# pragma version ~=0.4.3
"""
@title Mock ERC-20 Token With A Blacklist
@custom:contract-name BlacklistERC20
@license MIT
@notice TEST ONLY, never deployed outside tests. A standard ERC-20
        (snekmate `erc20`) that behaves like bridged USDC towards
        blacklisted accounts: `transfer` and `transferFrom` revert with
        "mock: blacklisted" when the sender, the owner of the tokens or
        the receiver is on the owner-managed blacklist. `mint` is open
        to anyone.
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
_NAME: constant(String[25]) = "Blacklist Token"


# @dev The token symbol.
_SYMBOL: constant(String[5]) = "BLT"


# @dev The decimal places of the token.
_DECIMALS: constant(uint8) = 18


# @dev The EIP-712 domain version snekmate requires;
# this mock does not export `permit`.
_EIP712_VERSION: constant(String[20]) = "1"


# @dev Returns `True` if the account may neither send nor receive.
blacklisted: public(HashMap[address, bool])


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
    @dev Moves `amount` tokens from `msg.sender` to `to`
         unless either is blacklisted.
    @param to The 20-byte receiver address.
    @param amount The 32-byte token amount to move.
    @return bool Always `True`.
    """
    assert not (self.blacklisted[msg.sender] or self.blacklisted[to]), "mock: blacklisted"
    erc20._transfer(msg.sender, to, amount)
    return True


@external
def transferFrom(owner: address, to: address, amount: uint256) -> bool:
    """
    @dev Moves `amount` tokens from `owner` to `to` using
         the allowance of `msg.sender`, unless any of the three
         is blacklisted.
    @param owner The 20-byte address the tokens leave.
    @param to The 20-byte receiver address.
    @param amount The 32-byte token amount to move.
    @return bool Always `True`.
    """
    assert not (
        self.blacklisted[msg.sender] or self.blacklisted[owner] or self.blacklisted[to]
    ), "mock: blacklisted"
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
def set_blacklisted(account: address, is_blacklisted: bool):
    """
    @dev Puts `account` on the blacklist or takes it off.
    @notice Only the owner can call this function.
    @param account The 20-byte address.
    @param is_blacklisted The Boolean switch.
    """
    ownable._check_owner()
    self.blacklisted[account] = is_blacklisted
