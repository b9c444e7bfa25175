"""`fluxo market create`'s input: a template, a file and flags merged (flags win), scalar
bounds scaled exactly, and every mistake a `ConfigError` naming where it was written."""

import re
from pathlib import Path

import pytest

from fluxo.cli.market_file import market_input
from fluxo.exceptions import ConfigError
from fluxo.markets.spec import ScalarRange

DATA_URL = "http://127.0.0.1:8600"
NOW_S = 1_700_000_000


def test_market_input__template_set_and_flag__flag_wins_and_bounds_scaled() -> None:
    given = market_input(
        None,
        "pulse-crypto-price",
        [f"data_url={DATA_URL}", "lower=-200", "upper=800.25"],
        {"fee_bps": 0, "close_in_s": 60},
    )

    assert given.scalar() == ScalarRange(-20_000, 80_025, 2)
    assert (given.fee_bps, given.close_at(NOW_S)) == (0, NOW_S + 60)
    assert given.where("fee_bps") == "--fee-bps"
    assert given.where("lower") == "template pulse-crypto-price: lower"


def test_market_input__file__read_and_named_in_mistakes(tmp_path: Path) -> None:
    path = tmp_path / "market.toml"
    path.write_text(
        'question = "Rain tomorrow?"\noutcomes = ["No", "Yes"]\nclose_in_s = 60\n'
        'challenge_period_s = 600\nfee_bps = "1"\n'
    )

    with pytest.raises(ConfigError, match=r"market.toml: fee_bps = '1': not an integer"):
        market_input(path, None, [], {})


@pytest.mark.parametrize(
    ("template", "settings", "flags", "named"),
    [
        ("pulse-sports", ["data_url"], {}, "--set = 'data_url': KEY=VALUE"),
        ("pulse-sports", ["colour=red"], {}, "--set = 'colour': not a variable"),
        (
            "pulse-crypto-price",
            [f"data_url={DATA_URL}", "lower=1.005"],
            {},
            "answers have 2 decimals; this bound has 3",
        ),
        (None, ["data_url=x"], {"question": "Q?"}, "--set = 'data_url=x': only with --template"),
        (
            "pulse-sports",
            [f"data_url={DATA_URL}"],
            {"close_time": "2030-01-01T00:00:00Z"},
            "or close_in_s, not both",
        ),
    ],
)
def test_market_input__mistake__config_error_naming_it(
    template: str | None, settings: list[str], flags: dict[str, object], named: str
) -> None:
    with pytest.raises(ConfigError, match=re.escape(named)):
        market_input(None, template, settings, flags).scalar()
