"""Structured logs: one JSON line per decision with fixed keys, readable text on a terminal."""

import io
import json
import logging

import pytest

from fluxo.domain.outcome import INVALID_OUTCOME, categorical
from fluxo.node.logs import decision_fields, log_decision, make_logger
from fluxo.node.policy.actions import (
    Claim,
    Dispute,
    Finalize,
    FinalizeReason,
    Proposal,
    PublishAnswer,
    Stake,
    Unstake,
    Waiting,
    WaitReason,
    Withdraw,
    WouldDispute,
)

YES = categorical(1)
DECISION_KEYS = {
    "chain",
    "request_id",
    "round",
    "action",
    "outcome",
    "amount_wei",
    "tx_hash",
    "reason",
}


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _json_lines(stream: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_log_decision__stake__one_json_line_with_every_key() -> None:
    stream = io.StringIO()
    logger = make_logger(stream)

    log_decision(logger, Stake(7, 0, YES, 10**21), chain="devnet", tx_hash="0xabc")

    [line] = _json_lines(stream)
    assert DECISION_KEYS <= line.keys()
    assert line["event"] == "decision"
    assert line["level"] == "info"
    assert line["request_id"] == 7
    assert line["round"] == 0
    assert line["action"] == "stake"
    assert line["outcome"] == "0x" + YES.hex()
    assert line["amount_wei"] == "1000000000000000000000"
    assert line["tx_hash"] == "0xabc"
    assert "timestamp" in line


def test_log_decision__would_dispute__warning_with_the_reason() -> None:
    stream = io.StringIO()
    note = WouldDispute(7, 1, INVALID_OUTCOME, 200, YES, "the bond exceeds the balance")

    log_decision(make_logger(stream), note, chain="devnet")

    [line] = _json_lines(stream)
    assert line["level"] == "warning"
    assert line["reason"] == "the bond exceeds the balance"
    assert line["amount_wei"] == "200"
    assert line["tx_hash"] is None


@pytest.mark.parametrize(
    ("proposal", "expected"),
    [
        pytest.param(
            Dispute(7, 1, INVALID_OUTCOME, 200, YES),
            {"action": "dispute", "amount_wei": "200", "reason": f"disputes 0x{YES.hex()}"},
            id="dispute",
        ),
        pytest.param(
            Unstake(7, 0, YES, 40),
            {"action": "unstake", "amount_wei": "40", "outcome": "0x" + YES.hex()},
            id="unstake",
        ),
        pytest.param(
            Claim(7, 2, 300, 5),
            {"action": "claim", "amount_wei": "300", "payment_wei": "5"},
            id="claim",
        ),
        pytest.param(
            Finalize(7, 2, FinalizeReason.ARBITRATION_EXPIRED),
            {"action": "finalize", "reason": "arbitration_expired"},
            id="finalize",
        ),
        pytest.param(
            PublishAnswer(7, 0, "Paris"),
            {"action": "publish_answer", "reason": "publishes 'Paris'"},
            id="publish_answer",
        ),
        pytest.param(
            Withdraw("0xaa", 9),
            {"action": "withdraw", "request_id": None, "amount_wei": "9", "token": "0xaa"},
            id="withdraw",
        ),
        pytest.param(
            Waiting(7, 0, WaitReason.ABSTAINED, "too_few_sources: 1 of 3"),
            {"action": "waiting", "reason": "abstained: too_few_sources: 1 of 3"},
            id="waiting",
        ),
    ],
)
def test_decision_fields__each_proposal__fixed_keys_and_its_values(
    proposal: Proposal | Withdraw, expected: dict[str, object]
) -> None:
    fields = decision_fields(proposal, chain="devnet")

    assert DECISION_KEYS <= fields.keys()
    assert fields.items() >= expected.items()


def test_make_logger__terminal__console_text_not_json() -> None:
    stream = _Terminal()

    make_logger(stream).info("decision", request_id=7)

    text = stream.getvalue()
    assert "decision" in text
    assert "request_id" in text
    with pytest.raises(json.JSONDecodeError):
        json.loads(text)


def test_make_logger__terminal_asked_for_json__json_lines() -> None:
    stream = _Terminal()

    make_logger(stream, log_format="json").info("decision", request_id=7)

    assert _json_lines(stream)[0]["request_id"] == 7


def test_make_logger__level__drops_records_below_it() -> None:
    stream = io.StringIO()
    logger = make_logger(stream, level=logging.WARNING)

    logger.info("quiet")
    logger.warning("loud")

    assert [line["event"] for line in _json_lines(stream)] == ["loud"]


def test_make_logger__unknown_format__rejected() -> None:
    with pytest.raises(ValueError, match="yaml"):
        make_logger(io.StringIO(), log_format="yaml")
