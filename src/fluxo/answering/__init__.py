"""Answering a request: the normative answer rules (SPEC Part III) and a safe fetcher.

The rules are pure functions that every node and the CLI share, so independent validators derive
the same answer from the same data:

* `read_value` turns a fetched body into the one text a source contributes (strict JSON, the
  accepted JSONPath subset, the decimal grammar);
* `decide_pass` rules on one pass (NUMBER median, categorical labels, STRING hash, majority);
* `reduce_passes` requires every pass to agree;
* `feed_value` / `decide_feed` are the price-feed provider's variant (multipliers, int192).

The edge is `SourceFetcher` (GET, http/https, 1 MiB, 3 redirects, one timeout, refused
addresses checked after resolution and the connection pinned to the checked address by
`PinnedTransport`), and `fetch_and_decide` / `fetch_feed_value` glue the two.

How a node uses it:

    request = AnswerRequest.from_request_args(args)          # from the RequestCreated event
    policy = FetchPolicy(                                     # from node.toml, secrets from env
        allow_private_hosts=False,
        credentials={"api.example.com": HostCredential("X-Api-Key", os.environ["KEY"])},
    )
    decision = await fetch_and_decide(request, policy)       # 3 passes, 300 ms apart
    match decision.verdict:
        case Verdict.ANSWER | Verdict.INVALID:
            if request.kind is OutcomeKind.STRING:
                ...publish_answer(request_id, decision.answer) unless already published...
            ...stake(request_id, decision.outcome, bond)...
        case Verdict.ABSTAIN:
            log.info("abstain", reason=decision.abstain_reason, detail=decision.reason)
    print(render_decision(decision))                         # or decision_as_json(decision)

Nothing here raises for a failing source; `InvalidAnswerRequest` means the caller passed a
malformed request, policy or feed.
"""

from fluxo.answering.addresses import refusal_reason
from fluxo.answering.decimal_grammar import parse_decimal
from fluxo.answering.decision import (
    AbstainReason,
    Decision,
    PassResult,
    Ruling,
    SourceTrace,
    Verdict,
)
from fluxo.answering.failure import FailureCode, SourceFailure
from fluxo.answering.feed_value import FeedQuery, FeedSource, FeedValue, decide_feed, feed_value
from fluxo.answering.fetch import FetchResult, SourceFetcher
from fluxo.answering.json_body import JsonNumber, JsonValue, parse_json_body
from fluxo.answering.labels import fold, label_collisions, label_indices
from fluxo.answering.median import scaled_median
from fluxo.answering.path import evaluate_path, normalise_path
from fluxo.answering.pinned_transport import PINNED_ADDRESS, PinnedTransport
from fluxo.answering.pipeline import fetch_and_decide, fetch_feed_value, trace_source
from fluxo.answering.policy import FetchPolicy, HostCredential
from fluxo.answering.reading import match_text, number_text, read_value
from fluxo.answering.repeats import reduce_passes
from fluxo.answering.report import decision_as_json, render_decision
from fluxo.answering.request import AnswerRequest
from fluxo.answering.resolver import Resolver, system_resolver
from fluxo.answering.rules import decide_pass

__all__ = [
    "PINNED_ADDRESS",
    "AbstainReason",
    "AnswerRequest",
    "Decision",
    "FailureCode",
    "FeedQuery",
    "FeedSource",
    "FeedValue",
    "FetchPolicy",
    "FetchResult",
    "HostCredential",
    "JsonNumber",
    "JsonValue",
    "PassResult",
    "PinnedTransport",
    "Resolver",
    "Ruling",
    "SourceFailure",
    "SourceFetcher",
    "SourceTrace",
    "Verdict",
    "decide_feed",
    "decide_pass",
    "decision_as_json",
    "evaluate_path",
    "feed_value",
    "fetch_and_decide",
    "fetch_feed_value",
    "fold",
    "label_collisions",
    "label_indices",
    "match_text",
    "normalise_path",
    "number_text",
    "parse_decimal",
    "parse_json_body",
    "read_value",
    "reduce_passes",
    "refusal_reason",
    "render_decision",
    "scaled_median",
    "system_resolver",
    "trace_source",
]
