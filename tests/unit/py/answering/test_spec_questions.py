"""The eleven questions SPEC Part III settles, one block each, in the SPEC's order.

Each test names its question (Q1..Q11) and checks the answer the SPEC gives, positive and
negative side by side. The other test files go into each rule in depth.
"""

import gzip
import zlib

import pytest

from fluxo.answering import (
    PINNED_ADDRESS,
    AbstainReason,
    FailureCode,
    FetchPolicy,
    Verdict,
    decide_pass,
    read_value,
    reduce_passes,
)
from fluxo.answering.decision import PassResult
from fluxo.domain.outcome import INVALID_OUTCOME, OutcomeKind, categorical, string
from tests.harness.answering import (
    PUBLIC_IP,
    FakeSources,
    json_body,
    number_request,
    raw_body,
    read_failure,
    redirect,
    request_with,
    slow,
    traces,
)

API = "https://api.example.com/v1"

# --- Q1: JSONPath dialect ------------------------------------------------------------------


def test_q1_path__ext_filter_syntax__fails_as_bad_path() -> None:
    """jsonpath-ng's plain parser: the `ext` parser's filters are not part of the protocol."""
    failure = read_failure(OutcomeKind.NUMBER, b'{"l": [{"v": 1}, {"v": 2}]}', "$.l[?(@.v > 1)].v")

    assert failure.code is FailureCode.BAD_PATH


def test_q1_path__plain_child_path__reads_the_value() -> None:
    assert read_value(OutcomeKind.NUMBER, b'{"l": [{"v": 1}, {"v": 2}]}', "$.l[1].v") == "2"


def test_q1_path__dotted_form_starting_with_an_index__reads_the_top_level_array() -> None:
    """`[0].v` is read as `$.` + `[0].v`, which jsonpath-ng parses as `$[0].v`."""
    assert read_value(OutcomeKind.NUMBER, b'[{"v": 7}, {"v": 8}]', "[0].v") == "7"


# --- Q2: timeouts ---------------------------------------------------------------------------


def _three_slow_hops(timeout_s: float) -> FakeSources:
    hop_s = 0.04
    return FakeSources(
        {
            API: slow(redirect(API + "/b"), hop_s),
            API + "/b": slow(redirect(API + "/c"), hop_s),
            API + "/c": slow(json_body({"price": 1}), hop_s),
        },
        policy=FetchPolicy(timeout_s=timeout_s),
    )


def test_q2_timeout__hops_each_fast_but_together_slow__times_out() -> None:
    """The timeout bounds the whole fetch, redirects and body included, not each phase."""
    result = _three_slow_hops(timeout_s=0.1).fetch(API)  # 3 hops of 0.04 s each

    assert result.error is FailureCode.TIMEOUT


def test_q2_timeout__hops_within_the_total__succeed() -> None:
    result = _three_slow_hops(timeout_s=5).fetch(API)

    assert result.error is None
    assert result.body is not None


# --- Q3: decimal strings --------------------------------------------------------------------


@pytest.mark.parametrize("text", ["0", "-0", "12", "-12.50", "1e3", "1E+3", "2.5e-7", "0.000"])
def test_q3_decimal_string__json_number_grammar__is_a_number(text: str) -> None:
    body = f'{{"v": "{text}"}}'.encode()
    assert read_value(OutcomeKind.NUMBER, body, "v") == text


@pytest.mark.parametrize(
    "text",
    [
        " 12",
        "12 ",
        "+12",
        "1_000",
        "NaN",
        "Infinity",
        "-Infinity",
        ".5",
        "5.",
        "012",
        "0x10",
        "١٢",
        "1e",
        "1,5",
        "",
    ],
)
def test_q3_decimal_string__outside_the_grammar__is_the_wrong_type(text: str) -> None:
    body = f'{{"v": "{text}"}}'.encode()

    assert read_failure(OutcomeKind.NUMBER, body, "v").code is FailureCode.WRONG_TYPE


# --- Q4: a number's JSON text ---------------------------------------------------------------


def test_q4_number_text__token_as_written__matches_its_label() -> None:
    """The token `1.50` is the text `1.50`, not a re-serialised `1.5`."""
    request = request_with(1, kind=OutcomeKind.CATEGORICAL, outcomes=("1.5", "1.50"))
    text = read_value(OutcomeKind.CATEGORICAL, b'{"v": 1.50}', "v")

    ruling = decide_pass(request, traces(text))

    assert text == "1.50"
    assert ruling.outcome == categorical(1)


def test_q4_number_text__exponent_token__is_hashed_as_written() -> None:
    text = read_value(OutcomeKind.STRING, b'{"v": 1e80}', "v")

    assert text == "1e80"
    assert decide_pass(request_with(1, kind=OutcomeKind.STRING), traces(text)).outcome == string(
        "1e80"
    )


# --- Q5: STRING answers from non-strings ----------------------------------------------------


@pytest.mark.parametrize(("json_value", "text"), [("7", "7"), ("true", "true"), ("false", "false")])
def test_q5_string_answer__number_or_boolean__is_its_json_text(json_value: str, text: str) -> None:
    assert read_value(OutcomeKind.STRING, f'{{"v": {json_value}}}'.encode(), "v") == text


@pytest.mark.parametrize("json_value", ["null", "{}", "[1]", '{"a": 1}'])
def test_q5_string_answer__null_object_or_array__is_the_wrong_type(json_value: str) -> None:
    failure = read_failure(OutcomeKind.STRING, f'{{"v": {json_value}}}'.encode(), "v")

    assert failure.code is FailureCode.WRONG_TYPE


# --- Q6: categorical edge cases -------------------------------------------------------------


def test_q6_categorical__one_source_on_no_label_one_on_a_label__abstains() -> None:
    """A text on no label is INVALID only if every successful source says so."""
    request = request_with(2, kind=OutcomeKind.CATEGORICAL, outcomes=("Yes", "No"))

    ruling = decide_pass(request, traces("Maybe", "Yes"))

    assert ruling.verdict is Verdict.ABSTAIN
    assert ruling.abstain_reason is AbstainReason.SOURCES_DISAGREE


def test_q6_categorical__every_source_on_no_label__is_invalid() -> None:
    request = request_with(2, kind=OutcomeKind.CATEGORICAL, outcomes=("Yes", "No"))

    ruling = decide_pass(request, traces("Maybe", "maybe"))

    assert (ruling.verdict, ruling.outcome) == (Verdict.INVALID, INVALID_OUTCOME)


def test_q6_categorical__answer_on_two_labels_equal_after_folding__abstains() -> None:
    """Neither label wins: the node cannot know which index the requester meant."""
    request = request_with(1, kind=OutcomeKind.CATEGORICAL, outcomes=("Yes", "YES ", "No"))

    ruling = decide_pass(request, traces("yes"))

    assert ruling.abstain_reason is AbstainReason.AMBIGUOUS_LABEL


def test_q6_categorical__answer_on_a_label_outside_the_collision__is_answered() -> None:
    request = request_with(1, kind=OutcomeKind.CATEGORICAL, outcomes=("Yes", "YES ", "No"))

    assert decide_pass(request, traces("no")).outcome == categorical(2)


# --- Q7: what counts as JSON ----------------------------------------------------------------


def test_q7_json__content_type_not_json__is_still_read() -> None:
    sources = FakeSources({API: raw_body(b'{"v": 1}', headers={"Content-Type": "text/html"})})

    decision = sources.decide(number_request((API, "v")))

    assert decision.verdict is Verdict.ANSWER


@pytest.mark.parametrize(
    ("body", "why"),
    [
        (b'{"v": NaN}', "NaN"),
        (b'{"v": Infinity}', "Infinity"),
        (b'\xef\xbb\xbf{"v": 1}', "byte-order mark"),
        (b'{"v": "\xff"}', "invalid UTF-8"),
        (b'{"v": 1, "v": 2}', "duplicate key"),
    ],
)
def test_q7_json__lenient_forms__are_not_json(body: bytes, why: str) -> None:
    failure = read_failure(OutcomeKind.NUMBER, body, "v")

    assert failure.code is FailureCode.NOT_JSON
    assert why in failure.detail


# --- Q8: refused addresses and pinning -------------------------------------------------------


@pytest.mark.parametrize(
    "address", ["0.0.0.0", "100.64.0.1", "240.0.0.1", "::", "::ffff:127.0.0.1", "::ffff:10.0.0.1"]
)
def test_q8_address__beyond_the_obvious_classes__is_refused(address: str) -> None:
    sources = FakeSources({API: json_body({"v": 1})}, addresses={"api.example.com": [address]})

    assert sources.fetch(API).error is FailureCode.REFUSED_ADDRESS
    assert sources.seen == []  # nothing was sent


def test_q8_address__checked_address__is_the_one_the_connection_uses() -> None:
    """The fetcher resolves once per hop and pins the request to what it checked."""
    sources = FakeSources({API: json_body({"v": 1})})

    sources.fetch(API)

    assert sources.resolver.lookups == ["api.example.com"]
    assert sources.seen[0].extensions[PINNED_ADDRESS] == PUBLIC_IP


# --- Q9: size limit and compression ---------------------------------------------------------


def test_q9_size__gzip_bomb__fails_after_one_mebibyte_decoded() -> None:
    bomb = gzip.compress(b"[" + b" " * (4 << 20) + b"]", compresslevel=9)
    sources = FakeSources({API: raw_body(bomb, headers={"Content-Encoding": "gzip"})})

    result = sources.fetch(API)

    assert len(bomb) < 128 << 10  # tiny on the wire
    assert result.error is FailureCode.TOO_LARGE


def test_q9_size__one_mebibyte_decoded__is_read() -> None:
    body = b'{"v": 1}'.ljust(1 << 20)
    compressor = zlib.compressobj(wbits=16 + zlib.MAX_WBITS)
    gzipped = compressor.compress(body) + compressor.flush()
    sources = FakeSources({API: raw_body(gzipped, headers={"Content-Encoding": "gzip"})})

    assert sources.fetch(API).body == body


# --- Q10: repeats ---------------------------------------------------------------------------


def test_q10_repeats__source_failing_in_one_pass_moves_the_median__abstains() -> None:
    """A failure counts in its own pass; the passes' rulings then differ."""
    request = request_with(3)
    steady = traces("10", "20", "90")
    flaky = traces("10", "20", FailureCode.TIMEOUT)  # median 20 -> mean(10, 20) = 15
    passes = [PassResult(decide_pass(request, t), t) for t in (steady, flaky, steady)]

    decision = reduce_passes(OutcomeKind.NUMBER, passes)

    assert decision.abstain_reason is AbstainReason.PASSES_DIFFER


def test_q10_repeats__source_failing_once_without_moving_the_answer__answers() -> None:
    request = request_with(3, kind=OutcomeKind.CATEGORICAL, outcomes=("Yes", "No"))
    steady = traces("yes", "Yes", "YES")
    flaky = traces("yes", FailureCode.HTTP_STATUS, "YES")
    passes = [PassResult(decide_pass(request, t), t) for t in (steady, flaky, steady)]

    decision = reduce_passes(OutcomeKind.CATEGORICAL, passes)

    assert decision.outcome == categorical(0)


# --- Q11: huge exponents --------------------------------------------------------------------


def test_q11_huge_exponent__as_the_median__is_invalid_without_expanding_it() -> None:
    text = read_value(OutcomeKind.NUMBER, b'{"v": 1e999999}', "v")

    ruling = decide_pass(request_with(1, decimals=18), traces(text))

    assert (ruling.verdict, ruling.outcome) == (Verdict.INVALID, INVALID_OUTCOME)


def test_q11_huge_exponent__as_an_outlier__does_not_move_the_median() -> None:
    ruling = decide_pass(request_with(3), traces("1e999999", "5", "4"))

    assert ruling.answer == "5"


def test_q11_exponent_beyond_fifteen_digits__is_not_read_as_a_number() -> None:
    failure = read_failure(OutcomeKind.NUMBER, b'{"v": 1e1000000000000000}', "v")

    assert failure.code is FailureCode.WRONG_TYPE
