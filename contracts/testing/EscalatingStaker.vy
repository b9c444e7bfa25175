# pragma version ~=0.4.3
"""
@title Mock Attacker That Escalates In One Transaction
@custom:contract-name EscalatingStaker
@license MIT
@notice TEST ONLY, never deployed outside tests. Holds stake tokens
        and, in one call, fills round after round of a request with the
        full bond, alternating two outcomes, until the request escalates
        to the arbitrator: the attack a round that can be filled in the
        block that opened it would allow, with the attacker on both
        sides and nobody else able to take part. `escalate` reverts as
        soon as the Oracle refuses a stake.
@custom:security Anyone may call `escalate`: the contract is an
                 attacker by design.
@custom:pause This mock cannot be paused.
"""


from ethereum.ercs import IERC20


from ..interfaces import IOracle


# @dev Most rounds one call fills.
MAX_ROUNDS: constant(uint256) = 64


_ORACLE: immutable(IOracle)


@deploy
def __init__(oracle: address, stake_token: address):
    """
    @dev Approves the Oracle to pull any amount of `stake_token`.
    @param oracle The Oracle under attack.
    @param stake_token Its stake token (fund this contract with it).
    """
    _ORACLE = IOracle(oracle)
    extcall IERC20(stake_token).approve(oracle, max_value(uint256), default_return_value=True)


@external
def escalate(request_id: uint256, a: bytes32, b: bytes32, base_bond: uint256, rounds: uint256):
    """
    @dev Stakes `base_bond << r` on `a` in even rounds and on `b` in odd
         rounds, for `rounds` rounds from round 0, in this one call.
    @param request_id The request.
    @param a The outcome of even rounds.
    @param b The outcome of odd rounds.
    @param base_bond The request's round-0 bond B0.
    @param rounds How many rounds to fill.
    """
    for r: uint256 in range(rounds, bound=MAX_ROUNDS):
        outcome: bytes32 = a
        if r % 2 == 1:
            outcome = b
        extcall _ORACLE.stake(request_id, outcome, base_bond << r)
