"""`request create`'s input: flags, a TOML or JSON file, and flags over the file; every mistake
names the flag or the file's key it came from."""

from pathlib import Path
from typing import Any

import pytest

from fluxo.cli.request_file import FLAGS, request_spec
from fluxo.domain.outcome import OutcomeKind
from fluxo.domain.request_args import Source
from fluxo.exceptions import ConfigError

TOML = """
kind = "categorical"
description = "Who wins match 42?"
outcomes = ["Team A", "Team B"]
settlement_time = 2030-01-01T00:00:00Z
challenge_period_s = 600
fee = 1.1
min_bond = "25"
tags = ["esports"]
requester = "app"
sources = ["https://scores.example/m/42#winner"]

[[more]]
"""


def _flags(**given: Any) -> dict[str, Any]:
    flags: dict[str, Any] = dict.fromkeys(FLAGS)
    flags.update(given)
    return flags


def _file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_request_spec__flags_only__spec_with_defaults() -> None:
    spec = request_spec(
        None,
        _flags(
            outcomes=["Yes", "No"],
            description="Rain tomorrow?",
            sources=["https://weather.example/q?city=x#data.rain"],
            challenge_period_s=600,
        ),
    )

    assert spec.kind is OutcomeKind.CATEGORICAL  # labels make it categorical
    assert spec.sources == (Source("https://weather.example/q?city=x", "data.rain"),)
    assert (spec.fee, spec.min_bond, spec.settlement_time) == ("0", "0", 0)


def test_request_spec__toml_file__every_key_read_exactly(tmp_path: Path) -> None:
    path = _file(tmp_path, "request.toml", TOML.replace("[[more]]", ""))

    spec = request_spec(path, _flags())

    assert spec.kind is OutcomeKind.CATEGORICAL
    assert spec.outcomes == ("Team A", "Team B")
    assert spec.settlement_time == 1_893_456_000
    assert spec.fee == "1.1"  # an exact decimal, never the binary float nearest 1.1
    assert (spec.min_bond, spec.requester, spec.tags) == ("25", "app", ("esports",))
    assert spec.sources == (Source("https://scores.example/m/42", "winner"),)


def test_request_spec__json_file_with_source_tables__read(tmp_path: Path) -> None:
    path = _file(
        tmp_path,
        "request.json",
        '{"kind": "number", "description": "ETH close", "decimals": 2,'
        ' "challenge_period_s": 60, "fee": 0.5,'
        ' "sources": [{"url": "https://px.example/eth", "path": "$.close"}]}',
    )

    spec = request_spec(path, _flags())

    assert (spec.kind, spec.decimals, spec.fee) == (OutcomeKind.NUMBER, 2, "0.5")
    assert spec.sources == (Source("https://px.example/eth", "$.close"),)


def test_request_spec__flags_and_file__flags_win_and_lists_are_replaced(tmp_path: Path) -> None:
    path = _file(tmp_path, "request.toml", TOML.replace("[[more]]", ""))

    spec = request_spec(
        path, _flags(description="Who wins match 43?", outcomes=["Red", "Blue", "Draw"])
    )

    assert spec.description == "Who wins match 43?"
    assert spec.outcomes == ("Red", "Blue", "Draw")
    assert spec.tags == ("esports",)  # untouched by the flags


def test_request_spec__unknown_key_in_file__names_file_and_key(tmp_path: Path) -> None:
    path = _file(tmp_path, "request.toml", 'colour = "red"\nchallenge_period_s = 60\n')

    with pytest.raises(ConfigError) as caught:
        request_spec(path, _flags())

    assert caught.value.key == "request.toml: colour"
    assert "unknown key" in str(caught.value)


@pytest.mark.parametrize(
    ("name", "text", "reason"),
    [
        ("request.yaml", "kind: number", "must end in .toml or .json"),
        ("request.toml", "kind = ", "not valid TOML"),
        ("request.json", "[1, 2]", "one table/object"),
    ],
)
def test_request_spec__unreadable_file__names_file(
    tmp_path: Path, name: str, text: str, reason: str
) -> None:
    path = _file(tmp_path, name, text)

    with pytest.raises(ConfigError, match=reason) as caught:
        request_spec(path, _flags())

    assert caught.value.key == "--file"


def test_request_spec__missing_file__names_it(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot be read"):
        request_spec(tmp_path / "nope.toml", _flags())


@pytest.mark.parametrize(
    ("given", "where"),
    [
        ({"kind": "boolean"}, "--kind"),
        ({"kind": None}, "--kind"),  # no labels and no kind: which one is it?
        ({"challenge_period_s": None}, "--challenge-period-s"),
        ({"sources": ["https://scores.example/m/42"]}, "--source"),  # no #PATH
        ({"sources": ["#winner"]}, "--source"),
        ({"settlement_time": "2030-01-01 12:00"}, "--settlement-time"),
    ],
)
def test_request_spec__bad_flag__names_flag(given: dict[str, Any], where: str) -> None:
    flags = _flags(kind="string", description="Who won?", challenge_period_s=60)
    flags.update(given)

    with pytest.raises(ConfigError) as caught:
        request_spec(None, flags)

    assert caught.value.key == where


def test_request_spec__naive_toml_date_time__refused(tmp_path: Path) -> None:
    path = _file(tmp_path, "r.toml", "settlement_time = 2030-01-01T00:00:00\n")

    with pytest.raises(ConfigError, match="needs its zone") as caught:
        request_spec(path, _flags(kind="string", challenge_period_s=60))

    assert caught.value.key == "r.toml: settlement_time"


def test_args__bound_broken_from_a_flag__names_the_flag() -> None:
    spec = request_spec(None, _flags(kind="string", description="Who won?", challenge_period_s=0))

    with pytest.raises(ConfigError) as caught:
        spec.args(fee_wei=0, min_bond_wei=0)

    assert caught.value.key == "--challenge-period-s"
    assert caught.value.value == 0


def test_args__bound_broken_from_the_file__names_file_and_key(tmp_path: Path) -> None:
    path = _file(tmp_path, "r.toml", f'description = "{"x" * 513}"\n')
    spec = request_spec(path, _flags(kind="string", challenge_period_s=60))

    with pytest.raises(ConfigError, match="513 UTF-8 bytes") as caught:
        spec.args(fee_wei=0, min_bond_wei=0)

    assert caught.value.key == "r.toml: description"


def test_args__fee_too_large__shown_as_typed_not_in_wei() -> None:
    spec = request_spec(
        None, _flags(kind="string", description="Who won?", challenge_period_s=60, fee="1e30")
    )

    with pytest.raises(ConfigError) as caught:
        spec.args(fee_wei=2**96, min_bond_wei=0)

    assert (caught.value.key, caught.value.value) == ("--fee", "1e30")


def test_args__labels_on_a_number_request__names_outcome_flag() -> None:
    spec = request_spec(
        None,
        _flags(kind="number", description="ETH close", challenge_period_s=60, outcomes=["a", "b"]),
    )

    with pytest.raises(ConfigError, match="no outcome labels") as caught:
        spec.args(fee_wei=0, min_bond_wei=0)

    assert caught.value.key == "--outcome"
