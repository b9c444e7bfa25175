"""The ruling of one pass, per outcome kind, from the sources' values (pure)."""

import pytest
from eth_utils.crypto import keccak

from fluxo.answering import AbstainReason, FailureCode, Verdict, decide_pass
from fluxo.domain.outcome import INVALID_OUTCOME, OutcomeKind, categorical, number
from fluxo.exceptions import InvalidAnswerRequest
from tests.harness.answering import request_with, traces

FAIL = FailureCode.NETWORK
YES_NO = ("Yes", "No")


def _categorical(n_sources: int, outcomes: tuple[str, ...] = YES_NO):  # type: ignore[no-untyped-def]
    return request_with(n_sources, kind=OutcomeKind.CATEGORICAL, outcomes=outcomes)


# --- majority --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "verdict"),
    [
        (("1",), Verdict.ANSWER),
        ((FAIL,), Verdict.ABSTAIN),
        (("1", "1"), Verdict.ANSWER),
        (("1", FAIL), Verdict.ABSTAIN),  # 1 of 2 is not a strict majority
        (("1", "1", FAIL), Verdict.ANSWER),
        (("1", FAIL, FAIL), Verdict.ABSTAIN),
        (("1", "1", FAIL, FAIL), Verdict.ABSTAIN),
        (("1", "1", "1", FAIL), Verdict.ANSWER),
        (("1",) * 5 + (FAIL,) * 3, Verdict.ANSWER),
        (("1",) * 4 + (FAIL,) * 4, Verdict.ABSTAIN),
    ],
)
def test_decide_pass__successes_against_a_strict_majority__table(
    values: tuple[str | FailureCode, ...], verdict: Verdict
) -> None:
    ruling = decide_pass(request_with(len(values)), traces(*values))

    assert ruling.verdict is verdict
    if verdict is Verdict.ABSTAIN:
        assert ruling.abstain_reason is AbstainReason.TOO_FEW_SOURCES


def test_decide_pass__request_without_sources__abstains() -> None:
    ruling = decide_pass(request_with(0), ())

    assert ruling.abstain_reason is AbstainReason.NO_SOURCES


def test_decide_pass__trace_count_differs_from_sources__rejected() -> None:
    with pytest.raises(InvalidAnswerRequest, match="2 traces for a request with 3 sources"):
        decide_pass(request_with(3), traces("1", "2"))


# --- NUMBER ----------------------------------------------------------------------------------


def test_decide_number__three_sources__median_scaled_by_decimals() -> None:
    ruling = decide_pass(request_with(3, decimals=8), traces("3141.59", "3141.60", "3141.62"))

    assert ruling.verdict is Verdict.ANSWER
    assert ruling.outcome == number(314160000000)
    assert ruling.answer == "314160000000"


def test_decide_number__one_outlier_among_three__is_ignored_by_the_median() -> None:
    ruling = decide_pass(request_with(3, decimals=2), traces("100.10", "99999", "100.20"))

    assert ruling.answer == "10020"


def test_decide_number__even_count__mean_of_middles_toward_zero() -> None:
    ruling = decide_pass(request_with(4), traces("-7", "-2", "-1", "50"))

    assert ruling.answer == "-1"  # (-2 + -1) / 2 = -1.5 -> -1


def test_decide_number__negative_answer__int256_twos_complement() -> None:
    assert decide_pass(request_with(1), traces("-1")).outcome == b"\xff" * 32


@pytest.mark.parametrize(
    ("value", "decimals"),
    [
        (str(2**255), 0),
        (str(-(2**255) - 1), 0),
        ("1e77", 0),
        ("1", 77),
        ("1", 255),
        ("5.8e76", 1),
    ],
)
def test_decide_number__outside_int256__invalid(value: str, decimals: int) -> None:
    ruling = decide_pass(request_with(1, decimals=decimals), traces(value))

    assert (ruling.verdict, ruling.outcome) == (Verdict.INVALID, INVALID_OUTCOME)
    assert "outside int256" in ruling.reason


@pytest.mark.parametrize("value", [str(2**255 - 1), str(-(2**255) + 1), "1e76"])
def test_decide_number__at_the_int256_bounds__answered(value: str) -> None:
    ruling = decide_pass(request_with(1), traces(value))

    assert ruling.verdict is Verdict.ANSWER
    assert ruling.outcome == number(int(value) if "e" not in value else 10**76)


def test_decide_number__int256_min__invalid_because_it_is_the_invalid_word() -> None:
    ruling = decide_pass(request_with(1), traces(str(-(2**255))))

    assert (ruling.verdict, ruling.outcome) == (Verdict.INVALID, INVALID_OUTCOME)
    assert "INVALID_OUTCOME" in ruling.reason


def test_decide_number__int256_min_by_truncation__invalid() -> None:
    ruling = decide_pass(request_with(1), traces(str(-(2**255)) + ".9"))

    assert ruling.verdict is Verdict.INVALID


# --- categorical -----------------------------------------------------------------------------


def test_decide_categorical__label_with_different_case_and_spaces__answers_its_index() -> None:
    ruling = decide_pass(_categorical(3), traces("  no", "NO ", "No"))

    assert (ruling.verdict, ruling.outcome, ruling.answer) == (
        Verdict.ANSWER,
        categorical(1),
        "No",
    )


def test_decide_categorical__text_in_no_label__invalid() -> None:
    ruling = decide_pass(_categorical(1), traces("Perhaps"))

    assert (ruling.verdict, ruling.outcome) == (Verdict.INVALID, INVALID_OUTCOME)
    assert "'Perhaps' matches no label" in ruling.reason


def test_decide_categorical__sources_on_different_labels__abstain() -> None:
    ruling = decide_pass(_categorical(3), traces("Yes", "No", "Yes"))

    assert ruling.abstain_reason is AbstainReason.SOURCES_DISAGREE


def test_decide_categorical__failed_minority_and_agreeing_rest__answers() -> None:
    ruling = decide_pass(_categorical(3), traces("yes", FAIL, "Yes"))

    assert ruling.outcome == categorical(0)


def test_decide_categorical__different_texts_in_no_label__invalid() -> None:
    ruling = decide_pass(_categorical(2), traces("Perhaps", "Unknown"))

    assert ruling.verdict is Verdict.INVALID


def test_decide_categorical__number_request_with_labels__is_categorical() -> None:
    request = request_with(1, kind=OutcomeKind.CATEGORICAL, outcomes=("1", "2"))
    assert request.kind is OutcomeKind.CATEGORICAL

    assert decide_pass(request, traces("2")).outcome == categorical(1)


# --- STRING ----------------------------------------------------------------------------------


def test_decide_string__identical_texts__keccak_of_utf8() -> None:
    ruling = decide_pass(request_with(2, kind=OutcomeKind.STRING), traces("Zürich", "Zürich"))

    assert ruling.verdict is Verdict.ANSWER
    assert ruling.outcome == keccak("Zürich".encode())
    assert ruling.answer == "Zürich"  # published with publish_answer before staking


def test_decide_string__texts_differing_in_case__abstain() -> None:
    """STRING answers are compared exactly; folding is for labels only."""
    ruling = decide_pass(request_with(2, kind=OutcomeKind.STRING), traces("Zürich", "zürich"))

    assert ruling.abstain_reason is AbstainReason.SOURCES_DISAGREE


def test_decide_string__empty_text__is_an_answer() -> None:
    ruling = decide_pass(request_with(1, kind=OutcomeKind.STRING), traces(""))

    assert ruling.outcome == keccak(b"")
