# pragma version ~=0.4.3
"""
@title Fluxo Testnet Faucet
@custom:contract-name Faucet
@license MIT
@notice Gives testers their tokens on a test network: `drip(account)`
        mints `flx_drip` FLX to `account` (the faucet must be a minter of
        the FluxToken) and, when the faucet was given a payment token,
        sends `payment_drip` of it from the faucet's own balance, at most
        once per `cooldown` seconds per account. Anyone may call `drip`
        for any account; the tokens always go to that account. The owner
        sets the amounts and the cooldown, and can pause.

        Storage: `_last_drip[account]` is the timestamp of the account's
        latest drip (0 before the first); `next_drip_at` is that plus
        `cooldown`. A drip exactly at that time is accepted, one second
        earlier is not.
@custom:security Unlimited test-token issuance by design: deploy only on
                 test networks. The cooldown is per account, so a caller
                 with many accounts drips many times; the owner bounds the
                 damage with the drip size and by pausing. Report
                 vulnerabilities privately to the maintainers (see
                 SECURITY.md); never in a public issue.
@custom:pause The owner calls `pause()`: `drip` reverts until `unpause()`.
"""


from ethereum.ercs import IERC20

from snekmate.auth import ownable
initializes: ownable

from snekmate.auth import ownable_2step
initializes: ownable_2step[ownable := ownable]

from snekmate.utils import pausable
initializes: pausable

exports: (
    ownable_2step.owner,
    ownable_2step.pending_owner,
    ownable_2step.transfer_ownership,
    ownable_2step.accept_ownership,
    pausable.paused,
)


# @dev The part of FluxToken the faucet uses.
interface IMintableToken:
    def mint(owner: address, amount: uint256): nonpayable
    def is_minter(minter: address) -> bool: view


# @dev Emitted for every drip.
event Dripped:
    account: indexed(address)
    flx_amount: uint256
    payment_amount: uint256
    next_drip_at: uint256


# @dev Emitted when the owner changes the amounts or the cooldown.
event DripSet:
    flx_drip: uint256
    payment_drip: uint256
    cooldown: uint256


_FLX: immutable(IMintableToken)
_PAYMENT_TOKEN: immutable(address)


# @dev FLX minted per drip, in wei.
flx_drip: public(uint256)
# @dev Payment token sent per drip, in wei (0 without a payment token).
payment_drip: public(uint256)
# @dev Seconds between two drips to the same account.
cooldown: public(uint256)
_last_drip: HashMap[address, uint256]


@deploy
def __init__(flx: address, payment_token: address, flx_drip: uint256, payment_drip: uint256, cooldown: uint256):
    """
    @dev The deployer becomes the owner (2-step). Make the faucet a FLX
         minter (`set_minter(faucet, True)`) and, with a payment token,
         send it a balance to drip from.
    @param flx The FluxToken the faucet mints.
    @param payment_token The payment token it sends, or the zero address.
    @param flx_drip FLX per drip, in wei.
    @param payment_drip Payment token per drip, in wei (0 without one).
    @param cooldown Seconds between two drips to one account.
    """
    ownable.__init__()
    ownable_2step.__init__()
    pausable.__init__()
    assert flx.is_contract, "faucet: flx is not a contract"
    _FLX = IMintableToken(flx)
    _PAYMENT_TOKEN = payment_token
    self._set_drip(flx_drip, payment_drip, cooldown)


@external
@nonreentrant
def drip(account: address) -> uint256:
    """
    @dev Mints `flx_drip` FLX to `account` and sends it `payment_drip`
         of the payment token.
    @notice Anyone may call; reverts "faucet: cooling down" before
            `next_drip_at(account)`.
    @param account Who receives the tokens.
    @return uint256 When `account` may drip again (unix seconds).
    """
    pausable._require_not_paused()
    assert account != empty(address), "faucet: zero account"
    last: uint256 = self._last_drip[account]
    assert last == 0 or block.timestamp >= last + self.cooldown, "faucet: cooling down"
    self._last_drip[account] = block.timestamp
    flx_amount: uint256 = self.flx_drip
    payment_amount: uint256 = self.payment_drip
    self._mint_flx(account, flx_amount)
    self._send_payment(account, payment_amount)
    next_at: uint256 = block.timestamp + self.cooldown
    log Dripped(account=account, flx_amount=flx_amount, payment_amount=payment_amount, next_drip_at=next_at)
    return next_at


@external
def set_drip(flx_drip: uint256, payment_drip: uint256, cooldown: uint256):
    """
    @dev Changes the amounts and the cooldown for every later drip.
    @notice Owner only.
    @param flx_drip FLX per drip, in wei.
    @param payment_drip Payment token per drip, in wei.
    @param cooldown Seconds between two drips to one account.
    """
    ownable._check_owner()
    self._set_drip(flx_drip, payment_drip, cooldown)


@external
def pause():
    """
    @dev Stops `drip`.
    @notice Owner only.
    """
    ownable._check_owner()
    pausable._pause()


@external
def unpause():
    """
    @dev Resumes `drip`.
    @notice Owner only.
    """
    ownable._check_owner()
    pausable._unpause()


@external
@view
def next_drip_at(account: address) -> uint256:
    """
    @dev When `account` may drip next: 0 if it never dripped.
    @param account The account.
    @return uint256 A unix time in seconds, or 0.
    """
    last: uint256 = self._last_drip[account]
    if last == 0:
        return 0
    return last + self.cooldown


@external
@view
def flx() -> address:
    """
    @dev The FluxToken the faucet mints.
    @return address Its address.
    """
    return _FLX.address


@external
@view
def payment_token() -> address:
    """
    @dev The payment token the faucet sends, or the zero address.
    @return address Its address.
    """
    return _PAYMENT_TOKEN


@internal
def _set_drip(flx_drip: uint256, payment_drip: uint256, cooldown: uint256):
    """
    @dev Validates and stores the drip settings.
    @param flx_drip FLX per drip.
    @param payment_drip Payment token per drip.
    @param cooldown Seconds between drips.
    """
    assert flx_drip != 0, "faucet: zero drip"
    assert payment_drip == 0 or _PAYMENT_TOKEN != empty(address), "faucet: no payment token"
    assert cooldown != 0, "faucet: zero cooldown"
    self.flx_drip = flx_drip
    self.payment_drip = payment_drip
    self.cooldown = cooldown
    log DripSet(flx_drip=flx_drip, payment_drip=payment_drip, cooldown=cooldown)


@internal
def _mint_flx(account: address, amount: uint256):
    """
    @dev Mints FLX; a faucet that is not a minter says so instead of
         relaying the token's generic access error.
    @param account The receiver.
    @param amount FLX in wei.
    """
    assert staticcall _FLX.is_minter(self), "faucet: not a minter"
    extcall _FLX.mint(account, amount)


@internal
def _send_payment(account: address, amount: uint256):
    """
    @dev Sends payment tokens from the faucet's balance, accepting
         tokens that return nothing and rejecting `false`.
    @param account The receiver.
    @param amount Payment token in wei.
    """
    if amount == 0:
        return
    assert staticcall IERC20(_PAYMENT_TOKEN).balanceOf(self) >= amount, "faucet: payment token empty"
    success: bool = False
    response: Bytes[32] = b""
    success, response = raw_call(
        _PAYMENT_TOKEN,
        abi_encode(account, amount, method_id=method_id("transfer(address,uint256)")),
        max_outsize=32,
        revert_on_failure=False,
    )
    assert success and (len(response) == 0 or (len(response) == 32 and extract32(response, 0, output_type=uint256) == 1)), "faucet: transfer failed"
