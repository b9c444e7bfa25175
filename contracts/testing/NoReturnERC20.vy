# pragma version ~=0.4.3
"""
@title Mock USDT-Style Token Without Return Values
@custom:contract-name NoReturnERC20
@license MIT
@notice TEST ONLY, never deployed outside tests. Mimics tokens such
        as USDT whose `transfer`, `transferFrom` and `approve` return
        no data at all. They revert on insufficient balance or
        allowance. `mint` is open to anyone.
@custom:security Unrestricted minting: worthless by design.
@custom:pause This mock cannot be paused.
"""


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
def transfer(to: address, amount: uint256):
    """
    @dev Moves `amount` tokens from `msg.sender` to `to`.
         Returns no data, like USDT.
    @param to The 20-byte receiver address.
    @param amount The 32-byte token amount to move.
    """
    self._transfer(msg.sender, to, amount)


@external
def transferFrom(owner: address, to: address, amount: uint256):
    """
    @dev Moves `amount` tokens from `owner` to `to` using
         the allowance of `msg.sender`. Returns no data.
    @param owner The 20-byte address the tokens leave.
    @param to The 20-byte receiver address.
    @param amount The 32-byte token amount to move.
    """
    allowed: uint256 = self.allowance[owner][msg.sender]
    assert allowed >= amount, "mock: insufficient allowance"
    if allowed != max_value(uint256):
        self.allowance[owner][msg.sender] = allowed - amount
    self._transfer(owner, to, amount)


@external
def approve(spender: address, amount: uint256):
    """
    @dev Sets the allowance of `spender` over the tokens
         of `msg.sender` to `amount`. Returns no data.
    @param spender The 20-byte spender address.
    @param amount The 32-byte allowance.
    """
    self.allowance[msg.sender][spender] = amount
    log Approval(owner=msg.sender, spender=spender, amount=amount)


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
    @dev Moves `amount` tokens from `owner` to `to`.
    @param owner The 20-byte address the tokens leave.
    @param to The 20-byte receiver address.
    @param amount The 32-byte token amount to move.
    """
    assert self.balanceOf[owner] >= amount, "mock: insufficient balance"
    self.balanceOf[owner] -= amount
    self.balanceOf[to] += amount
    log Transfer(sender=owner, receiver=to, amount=amount)
