# pragma version ~=0.4.3
"""
@title Fluxo Stake Token
@custom:contract-name FluxToken
@license MIT
@notice FLX is the token validators bond when they stake on an outcome
        in the Fluxo Oracle (see docs/SPEC.md). It is a plain ERC-20
        with 18 decimals, EIP-2612 `permit` and EIP-5267
        `eip712Domain`, built on snekmate's `erc20` module. The deployer
        becomes the `owner` and the first minter and receives
        `initial_supply`. Only the `owner` can add or remove minters
        (`set_minter`); transferring or renouncing ownership moves or
        drops the owner's own minter role as snekmate documents.
@custom:security The supply is only as safe as the minter set: any
                 minter can mint without limit. Renounce ownership only
                 after removing every other minter. Integrators must not
                 assume a fixed supply. Report vulnerabilities privately
                 to the Fluxo maintainers, as SECURITY.md describes.
@custom:pause This token cannot be paused; there is no halt switch and
              no blocklist. To stop new issuance, the owner removes
              every other minter with `set_minter(minter, False)` and
              then calls `renounce_ownership()`.
"""


# @dev We import and implement the built-in `IERC20`
# and `IERC20Detailed` interfaces, so the compiler
# checks that the exported surface matches them.
from ethereum.ercs import IERC20
implements: IERC20


from ethereum.ercs import IERC20Detailed
implements: IERC20Detailed


# @dev The `ownable` module holds the `owner`; `erc20`
# uses it for `set_minter` and the ownership functions.
from snekmate.auth import ownable
initializes: ownable


from snekmate.tokens import erc20
initializes: erc20[ownable := ownable]


# @dev The whole snekmate ERC-20 surface (transfers,
# allowances, `permit`, `nonces`, `DOMAIN_SEPARATOR`,
# `eip712Domain`, minter and ownership functions).
exports: erc20.__interface__


# @dev The token name, also used as the EIP-712
# signing-domain name.
_NAME: constant(String[25]) = "Flux"


# @dev The token symbol.
_SYMBOL: constant(String[5]) = "FLX"


# @dev The decimal places of the token.
_DECIMALS: constant(uint8) = 18


# @dev The EIP-712 signing-domain version. Permits signed
# for another version are rejected.
_EIP712_VERSION: constant(String[20]) = "1"


@deploy
def __init__(initial_supply: uint256):
    """
    @dev Sets the metadata and the EIP-712 domain, makes
         `msg.sender` the `owner` and a minter, and mints
         `initial_supply` to `msg.sender`.
    @param initial_supply The 32-byte amount of FLX (in
           wei-like base units, 18 decimals) minted to the
           deployer.
    """
    ownable.__init__()
    erc20.__init__(_NAME, _SYMBOL, _DECIMALS, _NAME, _EIP712_VERSION)
    erc20._mint(msg.sender, initial_supply)
