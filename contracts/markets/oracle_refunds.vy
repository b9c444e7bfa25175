# pragma version ~=0.4.3
"""
@title Oracle refund book for requester contracts
@custom:contract-name oracle_refunds
@license MIT
@notice A requester contract that asks the Fluxo Oracle on behalf of many
        people (markets, questions) receives every refund of the Oracle
        (validity bonds; fee and bond after a cancel or an arbitration
        timeout) as one credit, withdrawable in the Oracle's payment token.
        This module books each refund to the request it belongs to and
        hands it back for the requester to pay whoever paid for that request.

        The Oracle credits a request's refund in the transaction that
        finalizes it, and that transaction is the one that resolves the
        request here (`on_outcome`, or the requester's own `cancel` /
        pull), so the credit that appeared since the last booking is that
        request's. The Oracle is locked during its callback, so the credit
        is only read then (`withdrawable`) and withdrawn later, when a
        refund is paid. A credit that appears without a resolution here (a
        callback that failed) is booked to the next request resolved.

        Storage: `_entry[key]` = payment token [0, 160) | amount booked and
        not yet paid [160, 256); `_booked[token]` = credit booked and not yet
        withdrawn from the Oracle.
@custom:security Report vulnerabilities privately to the maintainers
                 (see SECURITY.md); never in a public issue.
@custom:pause A module, not deployed on its own: it follows the pause of
              the contract that initializes it (refunds stay payable).
"""


_MASK_96: constant(uint256) = 2**96 - 1
_MASK_160: constant(uint256) = 2**160 - 1
_AMOUNT_SHIFT: constant(uint256) = 160


_entry: HashMap[uint256, uint256]
_booked: HashMap[address, uint256]


@internal
def _open(key: uint256, payment_token: address):
    """
    @dev Starts the entry of a request paid in `payment_token`.
    @param key The requester's id for the request (market id, request id).
    @param payment_token The Oracle's payment token for the request.
    """
    self._entry[key] = convert(payment_token, uint256)


@internal
def _book(oracle: address, key: uint256):
    """
    @dev Books the Oracle credit that appeared since the last booking to
         `key`. Never reverts: an Oracle without `withdrawable` books
         nothing, and a booked amount saturates at 2**96 - 1.
    @param oracle The Oracle.
    @param key The request being resolved.
    """
    entry: uint256 = self._entry[key]
    token: address = convert(entry & _MASK_160, address)
    success: bool = False
    response: Bytes[32] = b""
    success, response = raw_call(
        oracle,
        abi_encode(token, self, method_id=method_id("withdrawable(address,address)")),
        max_outsize=32,
        is_static_call=True,
        revert_on_failure=False,
    )
    if not success or len(response) != 32:
        return
    owed: uint256 = extract32(response, 0, output_type=uint256)
    booked: uint256 = self._booked[token]
    if owed <= booked:
        return
    self._booked[token] = owed
    amount: uint256 = min(owed - booked, _MASK_96 - (entry >> _AMOUNT_SHIFT))
    self._entry[key] = entry + (amount << _AMOUNT_SHIFT)


@internal
def _release(oracle: address, key: uint256) -> (address, uint256):
    """
    @dev Clears the amount booked to `key` and makes sure this contract
         holds it, withdrawing everything booked in that token from the
         Oracle first. The caller transfers it.
    @param oracle The Oracle.
    @param key The request.
    @return address The payment token.
    @return uint256 The amount to pay.
    """
    entry: uint256 = self._entry[key]
    amount: uint256 = entry >> _AMOUNT_SHIFT
    assert amount != 0, "refunds: nothing to refund"
    self._entry[key] = entry & _MASK_160
    token: address = convert(entry & _MASK_160, address)
    if self._booked[token] != 0:
        self._booked[token] = 0
        # A failure means someone already called the Oracle's `withdraw`
        # for this contract: the credit is then in its balance already.
        pulled: bool = raw_call(
            oracle,
            abi_encode(token, self, method_id=method_id("withdraw(address,address)")),
            revert_on_failure=False,
        )
    return token, amount


@internal
@view
def _amount(key: uint256) -> uint256:
    """
    @dev The amount booked to `key` and not yet paid.
    @param key The request.
    @return uint256 The amount.
    """
    return self._entry[key] >> _AMOUNT_SHIFT
