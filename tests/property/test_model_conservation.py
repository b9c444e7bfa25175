"""Token conservation in the model: whatever the staking history, the Oracle never pays out
more than it took, and after every claim and unstake it keeps only rounding dust.

The model alone, so hypothesis can afford long histories; the stateful test in
`test_request_lifecycle.py` holds the contract to the same model step by step."""

from dataclasses import dataclass

from hypothesis import event, given
from hypothesis import strategies as st

from fluxo.domain import INVALID_OUTCOME, Config, OutcomeKind, build_request
from fluxo.domain.outcome import categorical
from tests.harness.game import NO, YES
from tests.model import OracleModel, OracleRevert

OWNER = "0x" + "00" * 19 + "09"
REQUESTER = "0x" + "00" * 19 + "01"
STAKERS = tuple("0x" + "00" * 19 + f"{0x10 + i:02x}" for i in range(3))
ARBITRATOR = "0x" + "00" * 19 + "07"
TREASURY = "0x" + "00" * 19 + "08"
STAKE_TOKEN = "0x" + "00" * 19 + "f1"
PAYMENT_TOKEN = "0x" + "00" * 19 + "f2"
OUTCOMES = (NO, YES, categorical(2), INVALID_OUTCOME)
CHALLENGE_PERIOD_S = 100
SETTLEMENT_S = 1_000
STARTING_BALANCE_WEI = 10**12


@dataclass(frozen=True)
class Game:
    base_bond_wei: int
    arbitration_threshold_wei: int
    validity_bond_wei: int
    fee_wei: int
    # (staker index, outcome index, amount offered, seconds since the previous stake)
    stakes: list[tuple[int, int, int, int]]
    ruling_index: int


@st.composite
def games(draw: st.DrawFn) -> Game:
    base_bond_wei = draw(st.integers(1, 50))
    return Game(
        base_bond_wei=base_bond_wei,
        arbitration_threshold_wei=draw(st.integers(0, base_bond_wei * 2**6)),
        validity_bond_wei=draw(st.integers(0, 100)),
        fee_wei=draw(st.integers(0, 100)),
        stakes=draw(
            st.lists(
                st.tuples(
                    st.integers(0, len(STAKERS) - 1),
                    st.integers(0, len(OUTCOMES) - 1),
                    st.integers(1, base_bond_wei * 2**7),
                    st.integers(0, CHALLENGE_PERIOD_S),
                ),
                max_size=30,
            )
        ),
        ruling_index=draw(st.integers(0, len(OUTCOMES) - 1)),
    )


def _new_oracle(game: Game) -> OracleModel:
    config = Config(
        stake_token=STAKE_TOKEN,
        payment_token=PAYMENT_TOKEN,
        validity_bond=game.validity_bond_wei,
        min_bond=game.base_bond_wei,
        min_challenge_period=1,
        max_challenge_period=CHALLENGE_PERIOD_S,
        arbitration_threshold=game.arbitration_threshold_wei,
        final_arbitrator=ARBITRATOR,
        treasury=TREASURY,
        max_open_period=30 * 86_400,
        arbitration_timeout=30 * 86_400,
    )
    oracle = OracleModel(config, OWNER)
    oracle.add_requester(OWNER, REQUESTER, "requester", 10_000, "")
    oracle.mint(PAYMENT_TOKEN, REQUESTER, STARTING_BALANCE_WEI)
    for staker in STAKERS:
        oracle.mint(STAKE_TOKEN, staker, STARTING_BALANCE_WEI)
    return oracle


def _play(oracle: OracleModel, request_id: int, game: Game) -> int:
    """Make every stake the game lists (rejected ones are part of the game) and return the
    time of the last one."""
    now_s = SETTLEMENT_S
    for staker_index, outcome_index, amount_wei, elapsed_s in game.stakes:
        now_s += elapsed_s
        try:
            oracle.stake(
                STAKERS[staker_index], request_id, OUTCOMES[outcome_index], amount_wei, now_s
            )
        except OracleRevert:
            pass
    return now_s


def _settle(oracle: OracleModel, request_id: int, game: Game, now_s: int) -> None:
    last_round = oracle.round_info(request_id, oracle.current_round(request_id))
    if last_round.bonded:
        event("settled by arbitration")
        oracle.arbitrate(ARBITRATOR, request_id, OUTCOMES[game.ruling_index], now_s)
    elif oracle.current_round(request_id) > 0:
        event(f"finalized after {oracle.current_round(request_id)} bonded rounds")
        oracle.finalize(STAKERS[0], request_id, now_s + CHALLENGE_PERIOD_S)
    else:
        event("never bonded")


def _claim_all(oracle: OracleModel, request_id: int) -> tuple[int, int, int]:
    """Claim for every staker; return (claims paid, stake wei paid, payment wei paid)."""
    claims, stake_paid_wei, payment_paid_wei = 0, 0, 0
    for staker in STAKERS:
        try:
            payout = oracle.claim(staker, request_id, staker)
        except OracleRevert as revert:
            assert revert.reason in {"oracle: nothing to claim", "oracle: not finalized"}
            continue
        claims += 1
        stake_paid_wei += payout.stake_wei
        payment_paid_wei += payout.payment_wei
    return claims, stake_paid_wei, payment_paid_wei


def _unstake_all(oracle: OracleModel, request_id: int) -> None:
    for round_index in range(oracle.current_round(request_id) + 1):
        bonded_outcome = oracle.round_info(request_id, round_index).bonded_outcome
        bonded = oracle.round_info(request_id, round_index).bonded
        for staker in STAKERS:
            for outcome in OUTCOMES:
                amount_wei = oracle.staked(request_id, round_index, staker, outcome)
                if amount_wei and not (bonded and outcome == bonded_outcome):
                    oracle.unstake(staker, request_id, round_index, outcome, amount_wei, 0)


def _withdraw_all(oracle: OracleModel) -> None:
    """Pay out every credit (validity-bond refunds, treasury shares)."""
    for token in (STAKE_TOKEN, PAYMENT_TOKEN):
        for account in (REQUESTER, TREASURY):
            if oracle.withdrawable(token, account):
                oracle.withdraw(OWNER, token, account)


def _bonded_total_wei(oracle: OracleModel, request_id: int) -> int:
    rounds = range(oracle.current_round(request_id) + 1)
    infos = [oracle.round_info(request_id, round_index) for round_index in rounds]
    return sum(info.bond_wei for info in infos if info.bonded)


@given(games())
def test_any_game__claims_and_unstakes__conserve_tokens_up_to_dust(game: Game) -> None:
    """Money in: the bonded rounds' stakes, plus validity bond + fee. Money out: claims, the
    treasury sweep, the validity-bond refund and unstakes. Out never exceeds in, and the
    Oracle keeps less than one wei per claim per token."""
    oracle = _new_oracle(game)
    args = build_request(
        OutcomeKind.CATEGORICAL,
        description="property",
        outcomes=("a", "b", "c"),
        settlement_time=SETTLEMENT_S,
        challenge_period=CHALLENGE_PERIOD_S,
        fee=game.fee_wei,
    )
    request_id = oracle.create_request(REQUESTER, args, SETTLEMENT_S)
    now_s = _play(oracle, request_id, game)
    _settle(oracle, request_id, game, now_s)
    bonded_total_wei = _bonded_total_wei(oracle, request_id)

    claims, stake_paid_wei, payment_paid_wei = _claim_all(oracle, request_id)
    _unstake_all(oracle, request_id)
    _withdraw_all(oracle)

    treasury_stake_wei = oracle.balance_of(STAKE_TOKEN, TREASURY)
    treasury_payment_wei = oracle.balance_of(PAYMENT_TOKEN, TREASURY)
    refund_wei = oracle.balance_of(PAYMENT_TOKEN, REQUESTER) - (
        STARTING_BALANCE_WEI - game.validity_bond_wei - game.fee_wei
    )
    assert stake_paid_wei + treasury_stake_wei <= bonded_total_wei
    assert (
        payment_paid_wei + treasury_payment_wei + refund_wei
        <= game.validity_bond_wei + game.fee_wei
    )
    dust_limit_wei = max(claims - 1, 0)
    if oracle.outcome_of(request_id).finalized:
        assert oracle.balance_of(STAKE_TOKEN, oracle.address) <= dust_limit_wei
        assert oracle.balance_of(PAYMENT_TOKEN, oracle.address) <= dust_limit_wei
    else:
        # Unsettled: exactly the bonded stakes and the requester's deposit remain.
        assert oracle.balance_of(STAKE_TOKEN, oracle.address) == bonded_total_wei
        assert oracle.balance_of(PAYMENT_TOKEN, oracle.address) == (
            game.validity_bond_wei + game.fee_wei
        )
    for token in (STAKE_TOKEN, PAYMENT_TOKEN):
        supply_wei = sum(
            balance for (held_token, _), balance in oracle.balances.items() if held_token == token
        )
        minted_wei = STARTING_BALANCE_WEI * (len(STAKERS) if token == STAKE_TOKEN else 1)
        assert supply_wei == minted_wei
