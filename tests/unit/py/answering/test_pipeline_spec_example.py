"""SPEC Part III.9, the worked example, reproduced through the real fetcher and rules."""

from pathlib import Path

from fluxo.answering import AbstainReason, Verdict
from tests.harness.answering import FakeSources, number_request, raw_body, sequence

SPEC = Path(__file__).resolve().parents[4] / "docs" / "SPEC.md"

SOURCES = [
    (
        "https://api.exchange-a.example/v1/ticker?pair=ETH-USD",
        "data.price",
        '{"data": {"pair": "ETH-USD", "price": "3141.59"}}',
    ),
    (
        "https://api.exchange-b.example/0/public/Ticker",
        "$.result.XETHZUSD.c[0]",
        '{"error": [], "result": {"XETHZUSD": {"c": ["3141.65", "0.25"]}}}',
    ),
    (
        "https://api.exchange-c.example/price/eth",
        "price",
        '{"price": 31416.5, "unit": "USD"}',
    ),
]
STAKED = "0x0000000000000000000000000000000000000000000000000000004925b17740"
REQUEST = number_request(*((url, path) for url, path, _ in SOURCES), decimals=8)


def test_spec_example__text__holds_the_bodies_paths_and_outcome_tested_here() -> None:
    part_iii = SPEC.read_text().split("# Part III")[1]

    for url, path, body in SOURCES:
        assert f"`{url}` | `{path}` | `{body}`" in part_iii
    assert f"stakes `{STAKED}`" in part_iii


def test_spec_example__three_steady_passes__stakes_the_median() -> None:
    sources = FakeSources({url: raw_body(body.encode()) for url, _, body in SOURCES})

    decision = sources.decide(REQUEST, repeats=3)

    assert decision.verdict is Verdict.ANSWER
    assert decision.answer == "314165000000"
    assert decision.outcome is not None and "0x" + decision.outcome.hex() == STAKED
    assert [trace.value for trace in decision.passes[0].sources] == [
        "3141.59",
        "3141.65",
        "31416.5",
    ]


def test_spec_example__third_source_fails_in_pass_two__abstains_as_passes_differ() -> None:
    routes = {url: raw_body(body.encode()) for url, _, body in SOURCES}
    flaky_url, _, flaky_body = SOURCES[2]
    routes[flaky_url] = sequence(
        raw_body(flaky_body.encode()), raw_body(b"", status=503), raw_body(flaky_body.encode())
    )

    decision = FakeSources(routes).decide(REQUEST, repeats=3)

    assert decision.abstain_reason is AbstainReason.PASSES_DIFFER
    assert [p.ruling.answer for p in decision.passes] == [
        "314165000000",
        "314162000000",
        "314165000000",
    ]
