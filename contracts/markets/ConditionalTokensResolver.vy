# pragma version ~=0.4.3
"""
@title Fluxo resolver for Gnosis Conditional Tokens
@custom:contract-name ConditionalTokensResolver
@license MIT
@notice Connects the Fluxo Oracle to the Gnosis ConditionalTokens contract
        through which Omen and Polymarket settle their markets. `ask`
        creates a Fluxo request (paid by the asker) and prepares a
        ConditionalTokens condition whose oracle is this contract and whose
        question id is the request id. When the Oracle finalizes, this
        contract reports the payout vector with `reportPayouts`:
        categorical: 1 for the winning outcome, 0 elsewhere; scalar (two
        slots, short then long): `[upper - x, x - lower]` with the answer x
        clamped to `[lower, upper]`; INVALID (or a categorical index out of
        range): 1 for every outcome, as Omen's oracle adapter does.

        Storage per request: `_question` = number of outcome slots [0, 4) |
        scalar flag bit 4 | reported flag bit 5 | asker [96, 256);
        `_bounds` = lower [0, 128) | upper [128, 256), int128 each.
@custom:security Report vulnerabilities privately to the maintainers
                 (see SECURITY.md); never in a public issue.
@custom:pause This contract cannot be paused: it only forwards the Oracle's
              answers. Pause the Oracle to stop new questions.
"""


from ethereum.ercs import IERC20

from ..interfaces import IOracle

from ..interfaces import IRequester
implements: IRequester

# @dev Books the Oracle's refunds (validity bond, fee) to each asker.
from . import oracle_refunds
initializes: oracle_refunds


# @dev The part of Gnosis's ConditionalTokens this contract calls.
interface IConditionalTokens:
    def prepareCondition(oracle: address, questionId: bytes32, outcomeSlotCount: uint256): nonpayable
    def reportPayouts(questionId: bytes32, payouts: DynArray[uint256, 8]): nonpayable
    def getConditionId(oracle: address, questionId: bytes32, outcomeSlotCount: uint256) -> bytes32: view


# @dev The outcome every Oracle request accepts (int256 min).
INVALID_OUTCOME: constant(bytes32) = 0x8000000000000000000000000000000000000000000000000000000000000000

_MASK_4: constant(uint256) = 15
_MASK_128: constant(uint256) = 2**128 - 1
_SCALAR: constant(uint256) = 1 << 4
_REPORTED: constant(uint256) = 1 << 5
_ASKER_SHIFT: constant(uint256) = 96


_ORACLE: immutable(address)
_CONDITIONAL_TOKENS: immutable(address)


# @dev What an asker passes to `ask`.
struct Question:
    question: String[512]
    sources: DynArray[IOracle.Source, 8]
    tags: DynArray[String[64], 8]
    outcomes: DynArray[String[64], 8]
    scalar: bool
    decimals: uint8
    lower: int256
    upper: int256
    settlement_time: uint256
    challenge_period: uint256
    min_bond: uint256
    oracle_fee: uint256


_question: HashMap[uint256, uint256]
_bounds: HashMap[uint256, uint256]


# @dev Emitted when a question is asked and its condition prepared.
event Asked:
    request_id: indexed(uint256)
    asker: indexed(address)
    condition_id: bytes32
    outcome_slots: uint256


# @dev Emitted when the payout vector reached ConditionalTokens.
event Reported:
    request_id: indexed(uint256)
    outcome: bytes32
    payouts: DynArray[uint256, 8]


# @dev Emitted when the callback could not report (the pull path
# `report` remains).
event ReportFailed:
    request_id: indexed(uint256)


@deploy
def __init__(oracle: address, conditional_tokens: address):
    """
    @dev Deploys the resolver for one Oracle and one ConditionalTokens.
    @param oracle The Fluxo Oracle, which must whitelist this contract.
    @param conditional_tokens Gnosis's ConditionalTokens.
    """
    assert oracle.is_contract and conditional_tokens.is_contract, "ct_resolver: bad address"
    _ORACLE = oracle
    _CONDITIONAL_TOKENS = conditional_tokens


@external
@nonreentrant
def ask(args: Question) -> (uint256, bytes32):
    """
    @dev Creates the Fluxo request and prepares its condition, whose
         question id is `bytes32(request_id)` and oracle this contract.
    @notice The caller pays the Oracle's validity bond and `oracle_fee` in
            the Oracle's payment token (approve this contract first) and
            gets the validity bond back when the answer is not INVALID.
    @param args The question: categorical labels (2 to 8), or `scalar`
           with `lower < upper` in the answer's scaled units.
    @return uint256 The Oracle request id.
    @return bytes32 The ConditionalTokens condition id.
    """
    slots: uint256 = len(args.outcomes)
    data_type: uint8 = 0
    word: uint256 = convert(msg.sender, uint256) << _ASKER_SHIFT
    if args.scalar:
        assert slots == 0, "ct_resolver: bad outcome count"
        assert args.lower < args.upper, "ct_resolver: bad bounds"
        assert args.lower >= convert(min_value(int128), int256) and args.upper <= convert(max_value(int128), int256), "ct_resolver: bad bounds"
        slots = 2
        data_type = 1
        word |= _SCALAR
    else:
        assert slots >= 2, "ct_resolver: bad outcome count"
    request_id: uint256 = self._request(args, data_type)
    self._question[request_id] = word | slots
    if args.scalar:
        self._bounds[request_id] = (convert(convert(args.lower, bytes32), uint256) & _MASK_128) | (convert(convert(args.upper, bytes32), uint256) << 128)
    question_id: bytes32 = convert(request_id, bytes32)
    extcall IConditionalTokens(_CONDITIONAL_TOKENS).prepareCondition(self, question_id, slots)
    condition_id: bytes32 = staticcall IConditionalTokens(_CONDITIONAL_TOKENS).getConditionId(self, question_id, slots)
    log Asked(request_id=request_id, asker=msg.sender, condition_id=condition_id, outcome_slots=slots)
    return request_id, condition_id


@external
@nonreentrant
def on_outcome(request_id: uint256, outcome: bytes32):
    """
    @dev Reports the payout vector of a finalized request. Never reverts
         for the Oracle: an unknown or already reported request is
         ignored, and a report ConditionalTokens refuses is logged
         (`ReportFailed`) and left to `report`.
    @notice Only the Oracle can call this function.
    @param request_id The request that finalized.
    @param outcome Its final outcome.
    """
    assert msg.sender == _ORACLE, "ct_resolver: caller is not the oracle"
    word: uint256 = self._question[request_id]
    if word == 0 or word & _REPORTED != 0:
        return
    payouts: DynArray[uint256, 8] = self._payouts(request_id, word, outcome)
    success: bool = raw_call(
        _CONDITIONAL_TOKENS,
        abi_encode(convert(request_id, bytes32), payouts, method_id=method_id("reportPayouts(bytes32,uint256[])")),
        revert_on_failure=False,
    )
    if not success:
        log ReportFailed(request_id=request_id)
        return
    self._finish(request_id, word, outcome, payouts)


@external
@nonreentrant
def report(request_id: uint256):
    """
    @dev Reports a finalized request whose callback did not report.
    @notice Anyone may call.
    @param request_id The request.
    """
    word: uint256 = self._unreported(request_id)
    self._report_from_oracle(request_id, word)


@external
@nonreentrant
def cancel(request_id: uint256):
    """
    @dev Cancels an unanswered request at the Oracle (INVALID: equal
         payouts) and reports it; the fee and validity bond go back to the
         asker.
    @notice Anyone may call, once the Oracle allows the requester to cancel.
    @param request_id The request.
    """
    word: uint256 = self._unreported(request_id)
    extcall IOracle(_ORACLE).cancel(request_id)
    self._report_from_oracle(request_id, word)


@external
@nonreentrant
def withdraw_refund(request_id: uint256) -> uint256:
    """
    @dev Pays the asker what the Oracle refunded for its request.
    @notice Anyone may call; the tokens always go to the asker.
    @param request_id The request.
    @return uint256 Payment-token amount paid.
    """
    word: uint256 = self._question[request_id]
    assert word != 0, "ct_resolver: unknown request"
    token: address = empty(address)
    amount: uint256 = 0
    token, amount = oracle_refunds._release(_ORACLE, request_id)
    assert extcall IERC20(token).transfer(convert(word >> _ASKER_SHIFT, address), amount, default_return_value=True), "ct_resolver: transfer failed"
    return amount


@external
@view
def refund(request_id: uint256) -> uint256:
    """
    @dev Returns the Oracle refund booked for the asker, not yet paid.
    @param request_id The request.
    @return uint256 Payment-token amount.
    """
    return oracle_refunds._amount(request_id)


@external
@view
def question(request_id: uint256) -> (address, uint256, bool, bool):
    """
    @dev Describes a question asked through this resolver.
    @param request_id The Oracle request.
    @return address The asker (zero if unknown).
    @return uint256 Its number of outcome slots.
    @return bool Whether it is scalar.
    @return bool Whether its payouts were reported.
    """
    word: uint256 = self._question[request_id]
    return convert(word >> _ASKER_SHIFT, address), word & _MASK_4, word & _SCALAR != 0, word & _REPORTED != 0


@external
@view
def payouts_for(request_id: uint256, outcome: bytes32) -> DynArray[uint256, 8]:
    """
    @dev Returns the payout vector `outcome` would report.
    @param request_id A request asked through this resolver.
    @param outcome An outcome in the Oracle's encoding.
    @return DynArray[uint256, 8] One numerator per outcome slot.
    """
    word: uint256 = self._question[request_id]
    assert word != 0, "ct_resolver: unknown request"
    return self._payouts(request_id, word, outcome)


@internal
def _request(args: Question, data_type: uint8) -> uint256:
    """
    @dev Pulls the validity bond and fee from the asker and creates the
         Oracle request.
    @param args The question.
    @param data_type 0 for categorical, 1 (NUMBER) for scalar.
    @return uint256 The request id.
    """
    config_id: uint256 = convert(
        raw_call(_ORACLE, method_id("latest_config_id()"), max_outsize=32, is_static_call=True), uint256
    )
    config: Bytes[352] = raw_call(
        _ORACLE, abi_encode(config_id, method_id=method_id("config(uint256)")), max_outsize=352, is_static_call=True
    )
    token: address = extract32(config, 32, output_type=address)
    payment: uint256 = extract32(config, 64, output_type=uint256) + args.oracle_fee
    if payment != 0:
        assert extcall IERC20(token).transferFrom(msg.sender, self, payment, default_return_value=True), "ct_resolver: transfer failed"
        if staticcall IERC20(token).allowance(self, _ORACLE) < payment:
            assert extcall IERC20(token).approve(_ORACLE, max_value(uint256), default_return_value=True), "ct_resolver: approve failed"
    request_id: uint256 = extcall IOracle(_ORACLE).create_request(
        IOracle.RequestArgs(
            description=args.question,
            sources=args.sources,
            outcomes=args.outcomes,
            data_type=data_type,
            decimals=args.decimals,
            settlement_time=args.settlement_time,
            challenge_period=args.challenge_period,
            min_bond=args.min_bond,
            fee=args.oracle_fee,
            tags=args.tags,
        )
    )
    oracle_refunds._open(request_id, token)
    return request_id


@internal
@view
def _unreported(request_id: uint256) -> uint256:
    """
    @dev The word of a known request not yet reported.
    @param request_id The request.
    @return uint256 Its `_question` word.
    """
    word: uint256 = self._question[request_id]
    assert word != 0, "ct_resolver: unknown request"
    assert word & _REPORTED == 0, "ct_resolver: reported"
    return word


@internal
def _report_from_oracle(request_id: uint256, word: uint256):
    """
    @dev Reports the Oracle's final outcome (reverting if it is not final
         or ConditionalTokens refuses).
    @param request_id The request.
    @param word Its `_question` word.
    """
    finalized: bool = False
    outcome: bytes32 = empty(bytes32)
    finalized, outcome = staticcall IOracle(_ORACLE).outcome_of(request_id)
    assert finalized, "ct_resolver: not finalized"
    payouts: DynArray[uint256, 8] = self._payouts(request_id, word, outcome)
    extcall IConditionalTokens(_CONDITIONAL_TOKENS).reportPayouts(convert(request_id, bytes32), payouts)
    self._finish(request_id, word, outcome, payouts)


@internal
def _finish(request_id: uint256, word: uint256, outcome: bytes32, payouts: DynArray[uint256, 8]):
    """
    @dev Marks the request reported and books the asker's refund.
    @param request_id The request.
    @param word Its `_question` word.
    @param outcome The final outcome.
    @param payouts The reported vector.
    """
    self._question[request_id] = word | _REPORTED
    oracle_refunds._book(_ORACLE, request_id)
    log Reported(request_id=request_id, outcome=outcome, payouts=payouts)


@internal
@view
def _payouts(request_id: uint256, word: uint256, outcome: bytes32) -> DynArray[uint256, 8]:
    """
    @dev The payout vector of `outcome`: categorical 1 for the winner,
         scalar `[upper - x, x - lower]` with x clamped, INVALID (or an
         index out of range) 1 everywhere.
    @param request_id The request.
    @param word Its `_question` word.
    @param outcome The Oracle's outcome.
    @return DynArray[uint256, 8] One numerator per slot.
    """
    slots: uint256 = word & _MASK_4
    payouts: DynArray[uint256, 8] = []
    if outcome != INVALID_OUTCOME and word & _SCALAR != 0:
        bounds: uint256 = self._bounds[request_id]
        lower: int256 = self._int128(bounds & _MASK_128)
        upper: int256 = self._int128(bounds >> 128)
        answer: int256 = min(max(convert(outcome, int256), lower), upper)
        return [convert(upper - answer, uint256), convert(answer - lower, uint256)]
    winner: uint256 = max_value(uint256)
    if outcome != INVALID_OUTCOME and convert(outcome, uint256) < slots:
        winner = convert(outcome, uint256)
    for i: uint256 in range(slots, bound=8):
        payouts.append(convert(winner == max_value(uint256) or i == winner, uint256))
    return payouts


@internal
@pure
def _int128(bits: uint256) -> int256:
    """
    @dev A 128-bit two's complement as int256.
    @param bits The low 128 bits.
    @return int256 The value.
    """
    if bits >> 127 == 0:
        return convert(bits, int256)
    return convert(bits, int256) - convert(1 << 128, int256)
