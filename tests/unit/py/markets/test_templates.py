"""The shipped market templates: each loads from the package, declares every placeholder it
uses, points its sources at `{data_url}`, and renders into a market `create_market` accepts."""

import re

import pytest

from fluxo.cli.market_file import market_input
from fluxo.markets.spec import check_market
from fluxo.markets.templates import load_template, template_names

DATA_URL = "http://127.0.0.1:8600"
COLLATERAL = "0x5FbDB2315678afecb367f032d93F642f64180aa3"
NOW_S = 1_700_000_000
PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


def _placeholders(value: object) -> set[str]:
    if isinstance(value, str):
        return set(PLACEHOLDER.findall(value))
    if isinstance(value, list):
        return set().union(*(_placeholders(item) for item in value)) if value else set()
    return set()


def test_template_names__shipped__both_flavours() -> None:
    assert template_names() == [
        "esports-map-score",
        "esports-match-winner",
        "pulse-crypto-price",
        "pulse-politics",
        "pulse-sports",
    ]


@pytest.mark.parametrize("name", template_names())
def test_template__every_placeholder__declared_and_sources_on_data_url(name: str) -> None:
    template = load_template(name)
    used = set().union(*(_placeholders(value) for value in template.fields.values()))

    assert used <= set(template.variables)
    assert set(template.defaults) <= set(template.variables)
    assert "data_url" in template.variables and "data_url" not in template.defaults
    assert all(source.startswith("{data_url}/") for source in template.fields["sources"])


@pytest.mark.parametrize("name", template_names())
def test_template__rendered_with_data_url__a_market_create_market_accepts(name: str) -> None:
    given = market_input(None, name, [f"data_url={DATA_URL}"], {})
    spec = given.spec(
        now_s=NOW_S, collateral=COLLATERAL, funding_wei=10**20, min_bond_wei=0, oracle_fee_wei=0
    )

    assert check_market(spec, now_s=NOW_S) is spec
    assert all(source.end_point.startswith(DATA_URL + "/") for source in spec.sources)
    assert "{" not in spec.question
    assert spec.category == load_template(name).fields["category"]


def test_render__each_board_market__its_own_category() -> None:
    categories = {load_template(name).fields["category"] for name in template_names()}

    assert categories == {"esports", "politics", "sports", "crypto"}
