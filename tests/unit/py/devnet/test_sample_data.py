"""The devnet's sample world is consistent: each question's truth is what the answer rules read
from the corrected document, and the provisional document gives a different answer."""

import json
from collections.abc import Mapping, Sequence

import pytest

from fluxo.answering.labels import label_indices
from fluxo.answering.reading import read_value
from fluxo.devnet.sample_data import (
    CONDITIONAL,
    DEVIATION_BPS,
    FEEDS,
    PRICE_SCHEDULE,
    SHORT_QUESTION_COUNT,
    MarketPlan,
    Question,
    market_documents,
    market_plans,
    price_documents,
    provisional_documents,
    questions,
    truth_documents,
)
from fluxo.devnet.summary import INVALID_TEXT
from fluxo.domain.outcome import OutcomeKind
from fluxo.markets.templates import load_template, render, template_names


def _read(question: Question, documents: dict[str, object]) -> str:
    body = json.dumps(documents[question.path]).encode()
    return read_value(question.kind, body, question.source_path)


@pytest.mark.parametrize("question", questions(short=False), ids=lambda q: q.key)
def test_question__corrected_document__reads_as_its_truth(question: Question) -> None:
    assert _read(question, truth_documents()) == question.truth
    if question.kind is OutcomeKind.CATEGORICAL:
        assert question.truth in question.outcomes


@pytest.mark.parametrize("question", questions(short=False), ids=lambda q: q.key)
def test_question__provisional_document__reads_as_another_answer(question: Question) -> None:
    wrong = _read(question, provisional_documents())

    assert wrong != question.truth
    if question.kind is OutcomeKind.CATEGORICAL:
        assert wrong in question.outcomes  # a wrong label, not INVALID


def test_questions__short_run__one_of_each_kind() -> None:
    kinds = {question.kind for question in questions(short=True)}

    assert len(questions(short=True)) == SHORT_QUESTION_COUNT
    assert kinds == set(OutcomeKind)


def test_price_schedule__every_step_moves_past_the_deviation_threshold() -> None:
    for before, after in zip(PRICE_SCHEDULE, PRICE_SCHEDULE[1:], strict=False):
        assert abs(after - before) * 10_000 / before >= 2 * DEVIATION_BPS


def test_price_documents__every_venue_of_every_feed_has_a_price() -> None:
    documents = price_documents(PRICE_SCHEDULE[0])

    for feed in FEEDS:
        for venue in feed.venues:
            assert read_value(
                OutcomeKind.NUMBER, json.dumps(documents[venue.path]).encode(), "price"
            )


# --- prediction markets ------------------------------------------------------------------


def _market_answer(kind: OutcomeKind, path: str, source_path: str, labels: Sequence[str]) -> str:
    """What the answer rules make of the market document: a label, a number, or INVALID."""
    body = json.dumps(market_documents()[path]).encode()
    text = read_value(kind, body, source_path)
    if kind is OutcomeKind.CATEGORICAL:
        matches = label_indices(text, labels)
        return labels[matches[0]] if len(matches) == 1 else INVALID_TEXT
    return text


def _rendered(template: str, settings: Mapping[str, str]) -> dict[str, object]:
    return render(load_template(template), {**settings, "data_url": "http://127.0.0.1:8600"})


@pytest.mark.parametrize("plan", market_plans(short=False), ids=lambda plan: plan.key)
def test_market_plan__its_document__reads_as_its_truth(plan: MarketPlan) -> None:
    fields = _rendered(plan.template, plan.settings)
    kind = OutcomeKind.NUMBER if "lower" in fields else OutcomeKind.CATEGORICAL
    labels = [str(label) for label in fields.get("outcomes", [])]  # type: ignore[attr-defined]

    assert fields["sources"] == [f"http://127.0.0.1:8600{plan.path}#{plan.source_path}"]
    assert _market_answer(kind, plan.path, plan.source_path, labels) == plan.truth


def test_conditional_plan__its_document__reads_as_its_truth_and_sells_a_label() -> None:
    fields = _rendered(CONDITIONAL.template, CONDITIONAL.settings)
    labels = [str(label) for label in fields["outcomes"]]  # type: ignore[attr-defined]

    assert (
        _market_answer(OutcomeKind.CATEGORICAL, CONDITIONAL.path, CONDITIONAL.source_path, labels)
        == CONDITIONAL.truth
    )
    assert CONDITIONAL.sold_outcome in labels
    assert CONDITIONAL.splitter != CONDITIONAL.buyer


def test_market_plans__short_run__a_categorical_market_and_the_invalid_one() -> None:
    short = market_plans(short=True)
    truths = [plan.truth for plan in short]

    assert INVALID_TEXT in truths
    assert [plan.truth for plan in market_plans(short=False)].count(INVALID_TEXT) == 1
    assert any(
        truth != INVALID_TEXT and "lower" not in _rendered(plan.template, plan.settings)
        for plan, truth in zip(short, truths, strict=True)
    )


def test_market_plans__full_run__every_shipped_template_once_each_its_own_category() -> None:
    plans = market_plans(short=False)
    categories = {str(_rendered(plan.template, plan.settings)["category"]) for plan in plans}

    assert sorted(plan.template for plan in plans) == template_names()
    assert categories == {"esports", "politics", "sports", "crypto"}


def test_market_plans__trades__name_an_outcome_of_their_market() -> None:
    for plan in market_plans(short=False):
        fields = _rendered(plan.template, plan.settings)
        labels = fields.get("outcomes") or ["Short", "Long"]
        for step in plan.trades:
            assert step.action in ("liquidity", "buy", "sell"), plan.key
            assert step.action == "liquidity" or step.outcome in labels, (plan.key, step)
