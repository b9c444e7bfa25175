"""`fetch_and_decide` end to end over fake sources: SPEC Part III's cases, repeats, traces."""

import asyncio
import inspect

import httpx
import pytest
from eth_utils.crypto import keccak

from fluxo.answering import (
    AbstainReason,
    FailureCode,
    FetchPolicy,
    Verdict,
    fetch_and_decide,
)
from fluxo.domain.outcome import INVALID_OUTCOME, categorical, number
from fluxo.exceptions import InvalidAnswerRequest
from tests.harness.answering import (
    FakeSources,
    categorical_request,
    json_body,
    number_request,
    raw_body,
    sequence,
    string_request,
)

A = "https://a.example/price"
B = "https://b.example/price"
C = "https://c.example/price"


def test_fetch_and_decide__defaults__three_passes_three_hundred_ms_apart() -> None:
    parameters = inspect.signature(fetch_and_decide).parameters

    assert parameters["repeats"].default == 3
    assert parameters["interval_s"].default == 0.3


def test_decide__good_json_dotted_and_dollar_paths__median_answer() -> None:
    sources = FakeSources(
        {
            A: json_body({"data": {"price": 100.5}}),
            B: json_body({"result": [{"last": "100.7"}]}),
            C: json_body({"p": 100.6}),
        }
    )
    request = number_request((A, "data.price"), (B, "$.result[0].last"), (C, "$['p']"), decimals=1)

    decision = sources.decide(request, repeats=3)

    assert (decision.verdict, decision.outcome, decision.answer) == (
        Verdict.ANSWER,
        number(1006),
        "1006",
    )
    assert len(decision.passes) == 3
    assert len(sources.seen) == 9  # 3 sources x 3 passes


def test_decide__one_outlier_among_three__the_median_ignores_it() -> None:
    sources = FakeSources(
        {A: json_body({"v": 3141.59}), B: json_body({"v": 31415.9}), C: json_body({"v": 3141.61})}
    )

    decision = sources.decide(number_request((A, "v"), (B, "v"), (C, "v"), decimals=2))

    assert decision.answer == "314161"


def test_decide__float_looking_decimals__read_exactly() -> None:
    sources = FakeSources({A: raw_body(b'{"v": 0.1}'), B: raw_body(b'{"v": "0.2"}')})

    decision = sources.decide(number_request((A, "v"), (B, "v"), decimals=18))

    assert decision.answer == str(15 * 10**16)  # (0.1 + 0.2) / 2 exactly


def _timing_out(request: httpx.Request) -> httpx.Response:
    raise httpx.ReadTimeout("no answer", request=request)


def test_decide__two_of_three_sources_fail__abstain_with_every_trace() -> None:
    sources = FakeSources(
        {
            A: json_body({"v": 1}),
            B: raw_body(b"oops", status=500),
            C: _timing_out,
        }
    )

    decision = sources.decide(number_request((A, "v"), (B, "v"), (C, "v")))

    assert decision.abstain_reason is AbstainReason.TOO_FEW_SOURCES
    traces = decision.passes[0].sources
    assert [(t.http_status, t.value, t.error) for t in traces] == [
        (200, "1", None),
        (500, None, FailureCode.HTTP_STATUS),
        (None, None, FailureCode.TIMEOUT),
    ]


def test_decide__huge_body_one_source__that_source_fails_the_rest_answer() -> None:
    huge = b'{"v": "' + b"1" * (2 << 20) + b'"}'
    sources = FakeSources({A: raw_body(huge), B: json_body({"v": 2}), C: json_body({"v": 4})})

    decision = sources.decide(number_request((A, "v"), (B, "v"), (C, "v")))

    assert decision.answer == "3"
    assert decision.passes[0].sources[0].error is FailureCode.TOO_LARGE


def test_decide__source_answers_differently_across_passes__abstain() -> None:
    sources = FakeSources({A: sequence(json_body({"v": 10}), json_body({"v": 11}))})

    decision = sources.decide(number_request((A, "v")), repeats=3)

    assert decision.abstain_reason is AbstainReason.PASSES_DIFFER
    assert [p.ruling.answer for p in decision.passes] == ["10", "11", "11"]


def test_decide__source_steady_across_passes__answer() -> None:
    sources = FakeSources({A: sequence(json_body({"v": 10}), json_body({"v": 10.0}))})

    decision = sources.decide(number_request((A, "v")), repeats=3)

    assert decision.answer == "10"


def test_decide__overflowing_number__invalid() -> None:
    sources = FakeSources({A: raw_body(b'{"v": 1e80}')})

    decision = sources.decide(number_request((A, "v"), decimals=0))

    assert (decision.verdict, decision.outcome) == (Verdict.INVALID, INVALID_OUTCOME)


def test_decide__label_with_different_case_and_spaces__its_index() -> None:
    sources = FakeSources(
        {A: json_body({"winner": "  HOME team "}), B: json_body({"w": "home TEAM"})}
    )
    request = categorical_request(["Home team", "Away team", "Draw"], (A, "winner"), (B, "w"))

    decision = sources.decide(request)

    assert (decision.outcome, decision.answer) == (categorical(0), "Home team")


def test_decide__text_in_no_label__invalid() -> None:
    sources = FakeSources({A: json_body({"winner": "Postponed"})})
    request = categorical_request(["Home", "Away"], (A, "winner"))

    assert sources.decide(request).outcome == INVALID_OUTCOME


def test_decide__string_request__hash_and_text_to_publish() -> None:
    sources = FakeSources({A: json_body({"name": "Fluxo"}), B: json_body({"n": "Fluxo"})})

    decision = sources.decide(string_request((A, "name"), (B, "n")))

    assert decision.outcome == keccak(b"Fluxo")
    assert decision.answer == "Fluxo"


def test_decide__request_without_sources__abstains_without_fetching() -> None:
    sources = FakeSources({})

    decision = sources.decide(number_request())

    assert decision.abstain_reason is AbstainReason.NO_SOURCES
    assert sources.seen == []


def test_decide__ssrf_source_among_good_ones__only_that_source_fails() -> None:
    internal = "http://169.254.169.254/latest/meta-data"
    sources = FakeSources(
        {A: json_body({"v": 5}), B: json_body({"v": 5}), internal: json_body({"v": 9})}
    )

    decision = sources.decide(number_request((A, "v"), (B, "v"), (internal, "v")))

    assert decision.answer == "5"
    assert decision.passes[0].sources[2].error is FailureCode.REFUSED_ADDRESS
    assert internal not in [str(request.url) for request in sources.seen]


@pytest.mark.parametrize(("repeats", "interval_s"), [(0, 0.3), (3, -1)])
def test_fetch_and_decide__bad_repeats_or_interval__rejected(
    repeats: int, interval_s: float
) -> None:
    with pytest.raises(InvalidAnswerRequest):
        asyncio.run(fetch_and_decide(number_request((A, "v")), FetchPolicy(), repeats, interval_s))
