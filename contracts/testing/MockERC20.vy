# pragma version ~=0.4.3
"""
@title Mock ERC-20 Token
@custom:contract-name MockERC20
@license MIT
@notice TEST ONLY, never deployed outside tests. A standard ERC-20
        (snekmate `erc20`) whose `mint` anyone may call, so tests can
        fund any account with payment or stake tokens.
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


# @dev Only the standard ERC-20 surface; snekmate's
# minter-gated `mint` is replaced by the open one below.
exports: (
    erc20.name,
    erc20.symbol,
    erc20.decimals,
    erc20.totalSupply,
    erc20.balanceOf,
    erc20.allowance,
    erc20.transfer,
    erc20.transferFrom,
    erc20.approve,
)


# @dev The EIP-712 domain version snekmate requires;
# this mock does not export `permit`.
_EIP712_VERSION: constant(String[20]) = "1"


@deploy
def __init__(name_: String[25], symbol_: String[5], decimals_: uint8):
    """
    @dev Sets the token metadata; mints nothing.
    @param name_ The maximum 25-character token name.
    @param symbol_ The maximum 5-character token symbol.
    @param decimals_ The 1-byte decimal places of the token.
    """
    ownable.__init__()
    erc20.__init__(name_, symbol_, decimals_, name_, _EIP712_VERSION)


@external
def mint(to: address, amount: uint256):
    """
    @dev Creates `amount` tokens for `to`. Anyone may call it.
    @param to The 20-byte receiver address.
    @param amount The 32-byte token amount to create.
    """
    erc20._mint(to, amount)
