# pragma version ~=0.4.3
"""
@title Fluxo Requester
@custom:contract-name Requester
@license MIT
@notice The requester contract an application deploys and has the Oracle
        owner whitelist, so that its people and programs can ask the
        Oracle questions from ordinary accounts: only whitelisted
        contracts may call `create_request`.

        `create(args)` (an authorized creator only) pulls the validity
        bond and the fee of the Oracle's current config from the caller
        and forwards the request; the creator of each request may
        `cancel` it once the Oracle allows. `on_outcome` (the Oracle
        only) records nothing and emits `OutcomeReceived`: the Oracle's
        `outcome_of` is the record. Refunds the Oracle credits to this
        contract (validity bonds, fees of cancelled requests) are pulled
        by anyone with the Oracle's `withdraw(token, requester)` and
        swept to wherever the owner says with `sweep`.

        Storage: the creator of every request it forwarded
        (`creator_of`), the authorized creators, the owner (2-step).
@custom:security A creator pays for its own requests, and the owner
                 chooses the creators; the owner alone moves the tokens
                 this contract holds. Report vulnerabilities privately to
                 the maintainers (see SECURITY.md); never in a public
                 issue.
@custom:pause No pause: the owner removes creators (`set_creator`) to
              stop new requests; open requests resolve regardless.
"""


from ethereum.ercs import IERC20

from snekmate.auth import ownable
initializes: ownable

from snekmate.auth import ownable_2step
initializes: ownable_2step[ownable := ownable]

from interfaces import IOracle

from interfaces import IRequester
implements: IRequester

exports: (
    ownable_2step.owner,
    ownable_2step.pending_owner,
    ownable_2step.transfer_ownership,
    ownable_2step.accept_ownership,
)


# @dev Emitted when a request is forwarded to the Oracle.
event RequestForwarded:
    request_id: indexed(uint256)
    creator: indexed(address)


# @dev Emitted when the Oracle reports a final outcome.
event OutcomeReceived:
    request_id: indexed(uint256)
    outcome: bytes32


# @dev Emitted when the owner grants or revokes the creator role.
event CreatorSet:
    creator: indexed(address)
    allowed: bool


# @dev Emitted when the owner moves tokens out.
event Swept:
    token: indexed(address)
    to: indexed(address)
    amount: uint256


_ORACLE: immutable(IOracle)


# @dev Who may `create`.
is_creator: public(HashMap[address, bool])
# @dev The account that created each forwarded request.
creator_of: public(HashMap[uint256, address])


@deploy
def __init__(oracle: address):
    """
    @dev The deployer becomes the owner (2-step) and a creator.
    @param oracle The Fluxo Oracle this requester asks.
    """
    ownable.__init__()
    ownable_2step.__init__()
    assert oracle.is_contract, "requester: oracle is not a contract"
    _ORACLE = IOracle(oracle)
    self.is_creator[msg.sender] = True
    log CreatorSet(creator=msg.sender, allowed=True)


@external
@nonreentrant
def create(args: IOracle.RequestArgs) -> uint256:
    """
    @dev Pulls `validity_bond + args.fee` of the payment token from the
         caller, forwards `args` to the Oracle and remembers the caller as
         the request's creator.
    @notice Authorized creators only; approve this contract for the
            payment token first.
    @param args The request (see `IOracle.RequestArgs`).
    @return uint256 The Oracle's request id.
    """
    assert self.is_creator[msg.sender], "requester: not a creator"
    config: IOracle.Config = staticcall _ORACLE.config(staticcall _ORACLE.latest_config_id())
    amount: uint256 = config.validity_bond + args.fee
    if amount != 0:
        self._pull(config.payment_token, msg.sender, amount)
        self._approve(config.payment_token, amount)
    request_id: uint256 = extcall _ORACLE.create_request(args)
    self.creator_of[request_id] = msg.sender
    log RequestForwarded(request_id=request_id, creator=msg.sender)
    return request_id


@external
def cancel(request_id: uint256):
    """
    @dev Cancels a request nobody answered (the Oracle decides when).
    @notice Its creator or the owner only.
    @param request_id The request.
    """
    assert msg.sender == self.creator_of[request_id] or msg.sender == ownable.owner, "requester: not the creator"
    extcall _ORACLE.cancel(request_id)


@external
def on_outcome(request_id: uint256, outcome: bytes32):
    """
    @dev Emits `OutcomeReceived`; nothing else, so it never runs out of
         the Oracle's callback gas.
    @notice The Oracle only.
    @param request_id The request that finalized.
    @param outcome Its final outcome.
    """
    assert msg.sender == _ORACLE.address, "requester: not the oracle"
    log OutcomeReceived(request_id=request_id, outcome=outcome)


@external
def set_creator(creator: address, allowed: bool):
    """
    @dev Grants or revokes the creator role.
    @notice Owner only.
    @param creator The account.
    @param allowed Whether it may `create`.
    """
    ownable._check_owner()
    self.is_creator[creator] = allowed
    log CreatorSet(creator=creator, allowed=allowed)


@external
@nonreentrant
def sweep(token: address, to: address, amount: uint256):
    """
    @dev Sends `amount` of `token` this contract holds (refunds the Oracle
         paid it) to `to`.
    @notice Owner only.
    @param token The ERC20.
    @param to The receiver.
    @param amount How much.
    """
    ownable._check_owner()
    assert to != empty(address), "requester: zero receiver"
    self._call_token(token, abi_encode(to, amount, method_id=method_id("transfer(address,uint256)")))
    log Swept(token=token, to=to, amount=amount)


@external
@view
def oracle() -> address:
    """
    @dev The Oracle this requester asks.
    @return address Its address.
    """
    return _ORACLE.address


@internal
def _pull(token: address, owner: address, amount: uint256):
    """
    @dev `transferFrom(owner, self, amount)`.
    @param token The ERC20.
    @param owner Who pays.
    @param amount How much.
    """
    self._call_token(token, abi_encode(owner, self, amount, method_id=method_id("transferFrom(address,address,uint256)")))


@internal
def _approve(token: address, amount: uint256):
    """
    @dev Lets the Oracle pull exactly what this request costs.
    @param token The payment token.
    @param amount The validity bond plus the fee.
    """
    self._call_token(token, abi_encode(_ORACLE.address, amount, method_id=method_id("approve(address,uint256)")))


@internal
def _call_token(token: address, data: Bytes[100]):
    """
    @dev Calls an ERC20 function; accepts `true` or no return data,
         rejects `false` and reverts.
    @param token The ERC20.
    @param data The encoded call.
    """
    success: bool = False
    response: Bytes[32] = b""
    success, response = raw_call(token, data, max_outsize=32, revert_on_failure=False)
    assert success and (len(response) == 0 or (len(response) == 32 and extract32(response, 0, output_type=uint256) == 1)), "requester: token call failed"
