"""ANSWER as an outcome word, and which stakes the open round cannot take now."""

from dataclasses import replace

import pytest

from fluxo.chain.bindings.results import RoundInfo
from fluxo.cli.errors import Refused
from fluxo.cli.staking import check_stakeable, is_text_answer, outcome_from_answer
from fluxo.domain.outcome import INVALID_OUTCOME, categorical, number, string
from fluxo.exceptions import ConfigError
from fluxo.sdk import RequestInfo, RequestState, RequestStatus

CATEGORICAL = RequestInfo(
    request_id=7,
    requester="0x1111111111111111111111111111111111111111",  # type: ignore[arg-type]
    description="Who wins?",
    sources=(),
    outcomes=("Team A", "Team B", "3"),
    data_type=0,
    decimals=0,
    tags=(),
    config_id=0,
    base_bond=10,
    fee=0,
    settlement_time=1_000,
    challenge_period=60,
    created_block=1,
)
NUMBER = replace(CATEGORICAL, outcomes=(), data_type=1, decimals=2)
STRING = replace(CATEGORICAL, outcomes=(), data_type=0)
WORD = "0x" + "00" * 31 + "01"
NOW_S = 5_000


@pytest.mark.parametrize(
    ("answer", "outcome"),
    [
        (" team a ", categorical(0)),
        ("1", categorical(1)),
        ("3", categorical(2)),  # a label that looks like an index is the label
        ("invalid", INVALID_OUTCOME),
        (WORD, categorical(1)),
    ],
)
def test_outcome_from_answer__categorical__label_index_or_word(answer: str, outcome: bytes) -> None:
    assert outcome_from_answer(CATEGORICAL, answer) == outcome


@pytest.mark.parametrize("answer", ["Team C", "9", "0x" + "00" * 31 + "09"])
def test_outcome_from_answer__no_such_outcome__names_answer(answer: str) -> None:
    with pytest.raises(ConfigError) as caught:
        outcome_from_answer(CATEGORICAL, answer)

    assert (caught.value.key, caught.value.value) == ("ANSWER", answer)


@pytest.mark.parametrize(
    ("answer", "outcome"),
    [("-3141.59", number(-314159)), ("2.999", number(299)), ("INVALID", INVALID_OUTCOME)],
)
def test_outcome_from_answer__number__scaled_toward_zero(answer: str, outcome: bytes) -> None:
    assert outcome_from_answer(NUMBER, answer) == outcome


@pytest.mark.parametrize("answer", ["abc", "NaN", "Infinity", str(2**255)])
def test_outcome_from_answer__not_a_number__names_answer(answer: str) -> None:
    with pytest.raises(ConfigError) as caught:
        outcome_from_answer(NUMBER, answer)

    assert caught.value.key == "ANSWER"


def test_outcome_from_answer__string__hash_of_the_text() -> None:
    assert outcome_from_answer(STRING, "Fnatic") == string("Fnatic")
    assert is_text_answer(STRING, "Fnatic")
    assert not is_text_answer(STRING, "INVALID")
    assert not is_text_answer(CATEGORICAL, "Team A")


def _state(status: RequestStatus, *rounds: RoundInfo) -> RequestState:
    return RequestState(7, status, len(rounds) - 1, rounds, None)


OPEN_ROUND = RoundInfo(10, 1_000, 0, bytes(32), False)
BONDED_ON_A = RoundInfo(10, 1_000, 0, categorical(0), True)


def test_check_stakeable__open_round__passes() -> None:
    check_stakeable(CATEGORICAL, _state(RequestStatus.OPEN, OPEN_ROUND), categorical(0), "a", 0)


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (RequestStatus.UNSETTLED, "settles at"),
        (RequestStatus.FINALIZED, "is finalized"),
        (RequestStatus.CANCELLED, "is cancelled"),
        (RequestStatus.ESCALATED, "escalated"),
    ],
)
def test_check_stakeable__no_open_round__refused(status: RequestStatus, message: str) -> None:
    with pytest.raises(Refused, match=message):
        check_stakeable(CATEGORICAL, _state(status, OPEN_ROUND), categorical(0), "a", NOW_S)


def test_check_stakeable__dispute_window_closed__refused_saying_finalize() -> None:
    state = _state(
        RequestStatus.DISPUTABLE, BONDED_ON_A, RoundInfo(20, 1_000, NOW_S, bytes(32), False)
    )

    with pytest.raises(Refused, match="fluxo request finalize 7"):
        check_stakeable(CATEGORICAL, state, categorical(1), "Team B", NOW_S)


def test_check_stakeable__dispute_backs_the_bonded_outcome__names_answer() -> None:
    state = _state(
        RequestStatus.DISPUTABLE, BONDED_ON_A, RoundInfo(20, 1_000, NOW_S + 1, bytes(32), False)
    )

    with pytest.raises(ConfigError, match="round 0 bonded this outcome") as caught:
        check_stakeable(CATEGORICAL, state, categorical(0), "Team A", NOW_S)

    assert caught.value.value == "Team A"
