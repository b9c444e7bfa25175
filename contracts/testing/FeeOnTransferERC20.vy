# pragma version ~=0.4.3
"""
@title Mock Fee-on-Transfer Token
@custom:contract-name FeeOnTransferERC20
@license MIT
@notice TEST ONLY, never deployed outside tests. Burns 1 % of every
        `transfer` and `transferFrom` (rounded down), so the receiver
        gets less than the amount named, as some deflationary tokens
        do. Returns `true` like a standard ERC-20. `mint` is open to
        anyone.
@custom:security Unrestricted minting: worthless by design.
@custom:pause This mock cannot be paused.
"""


# @dev The burnt share of every transfer, in basis points.
_FEE_BPS: constant(uint256) = 100


# @dev Returns the amount of tokens owned by an `address`.
balanceOf: public(HashMap[address, uint256])


# @dev Returns the amount `spender` may still move
# on behalf of `owner` through `transferFrom`.
allowance: public(HashMap[address, HashMap[address, uint256]])


# @dev Returns the amount of tokens in existence.
totalSupply: public(uint256)


# @dev Emitted when `amount` tokens move from
# `sender` to `receiver`.
event Transfer:
    sender: indexed(address)
    receiver: indexed(address)
    amount: uint256


# @dev Emitted when `owner` sets the allowance
# of `spender` to `amount`.
event Approval:
    owner: indexed(address)
    spender: indexed(address)
    amount: uint256


@external
def transfer(to: address, amount: uint256) -> bool:
    """
    @dev Moves `amount` tokens from `msg.sender`; `to` receives
         them less the fee.
    @param to The 20-byte receiver address.
    @param amount The 32-byte token amount to move.
    @return bool Always true.
    """
    self._transfer(msg.sender, to, amount)
    return True


@external
def transferFrom(owner: address, to: address, amount: uint256) -> bool:
    """
    @dev Moves `amount` tokens from `owner` using the allowance
         of `msg.sender`; `to` receives them less the fee.
    @param owner The 20-byte address the tokens leave.
    @param to The 20-byte receiver address.
    @param amount The 32-byte token amount to move.
    @return bool Always true.
    """
    allowed: uint256 = self.allowance[owner][msg.sender]
    assert allowed >= amount, "mock: insufficient allowance"
    if allowed != max_value(uint256):
        self.allowance[owner][msg.sender] = allowed - amount
    self._transfer(owner, to, amount)
    return True


@external
def approve(spender: address, amount: uint256) -> bool:
    """
    @dev Sets the allowance of `spender` over the tokens
         of `msg.sender` to `amount`.
    @param spender The 20-byte spender address.
    @param amount The 32-byte allowance.
    @return bool Always true.
    """
    self.allowance[msg.sender][spender] = amount
    log Approval(owner=msg.sender, spender=spender, amount=amount)
    return True


@external
def mint(to: address, amount: uint256):
    """
    @dev Creates `amount` tokens for `to`. Anyone may call it.
    @param to The 20-byte receiver address.
    @param amount The 32-byte token amount to create.
    """
    self.totalSupply += amount
    self.balanceOf[to] += amount
    log Transfer(sender=empty(address), receiver=to, amount=amount)


@internal
def _transfer(owner: address, to: address, amount: uint256):
    """
    @dev Moves `amount` tokens out of `owner`, burns the fee and
         credits the rest to `to`.
    @param owner The 20-byte address the tokens leave.
    @param to The 20-byte receiver address.
    @param amount The 32-byte token amount to move.
    """
    assert self.balanceOf[owner] >= amount, "mock: insufficient balance"
    fee: uint256 = amount * _FEE_BPS // 10_000
    self.balanceOf[owner] -= amount
    self.balanceOf[to] += amount - fee
    self.totalSupply -= fee
    log Transfer(sender=owner, receiver=to, amount=amount - fee)
    log Transfer(sender=owner, receiver=empty(address), amount=fee)
