"""The devnet's sample world is consistent: each question's truth is what the answer rules read
from the corrected document, and the provisional document gives a different answer."""

import json

import pytest

from fluxo.answering.reading import read_value
from fluxo.devnet.sample_data import (
    DEVIATION_BPS,
    FEEDS,
    PRICE_SCHEDULE,
    SHORT_QUESTION_COUNT,
    Question,
    price_documents,
    provisional_documents,
    questions,
    truth_documents,
)
from fluxo.domain.outcome import OutcomeKind


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
