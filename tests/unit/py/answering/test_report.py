"""Decisions rendered for operators: JSON with every field, and a text table."""

import json

from fluxo.answering import decision_as_json, render_decision
from tests.harness.answering import FakeSources, json_body, number_request, raw_body

A = "https://a.example/price"
B = "https://b.example/price"
C = "https://c.example/price"


def _decision():  # type: ignore[no-untyped-def]
    sources = FakeSources(
        {
            A: json_body({"v": "3141.59"}),
            B: raw_body(b"down", status=503),
            C: json_body({"v": 3141.61}),
        }
    )
    return sources.decide(number_request((A, "v"), (B, "v"), (C, "v"), decimals=2), repeats=2)


def test_decision_as_json__answer__every_field_as_plain_json() -> None:
    document = decision_as_json(_decision())

    assert json.loads(json.dumps(document)) == document
    assert document["kind"] == "number"
    assert document["verdict"] == "answer"
    assert document["outcome"] == "0x" + (314160).to_bytes(32, "big").hex()
    assert document["answer"] == "314160"
    assert document["abstain_reason"] is None
    assert len(document["passes"]) == 2
    assert document["passes"][0]["sources"][1] == {
        "end_point": B,
        "source_path": "v",
        "final_url": B,
        "http_status": 503,
        "value": None,
        "error": "http_status",
        "detail": "HTTP 503",
    }


def test_decision_as_json__abstain__no_outcome_and_its_reason() -> None:
    sources = FakeSources({A: raw_body(b"down", status=503)})

    document = decision_as_json(sources.decide(number_request((A, "v"))))

    assert (document["verdict"], document["outcome"], document["abstain_reason"]) == (
        "abstain",
        None,
        "too_few_sources",
    )


def test_render_decision__answer__headline_reason_and_one_row_per_source() -> None:
    text = render_decision(_decision())

    lines = text.splitlines()
    assert lines[0].startswith("decision: ANSWER 314160 0x")
    assert lines[1].startswith("reason:   median of 2 values")
    assert "pass 2: ANSWER 314160" in text
    assert "'3141.59'" in text
    assert "http_status: HTTP 503" in text
    assert text.count(C) == 2  # one row per pass


def test_render_decision__long_value__shortened_in_the_table() -> None:
    sources = FakeSources({A: json_body({"v": "x" * 500})})
    from tests.harness.answering import string_request

    text = render_decision(sources.decide(string_request((A, "v"))))

    assert "x" * 500 not in text
    assert "…" in text
