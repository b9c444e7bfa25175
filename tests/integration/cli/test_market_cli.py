"""`fluxo market ...` on anvil: a market from a shipped template traded, resolved through `fluxo
request` and redeemed, each `--json` parsed and checked against the money it moved; mistakes
exit 2 naming the value with nothing sent, and what the market's state refuses exits 1."""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Final

import pytest

from fluxo.chain.bindings.prediction_market import PredictionMarket
from fluxo.chain.client import ChainClient
from fluxo.cli.options import DEFAULT_PRIVATE_KEY_ENV_VAR
from fluxo.deploy import deploy_prediction_market
from fluxo.deployment import Deployment
from fluxo.devnet.bindings.mock_erc20 import MockERC20
from fluxo.devnet.devchain import DevChain
from tests.harness.local_chain import DEPLOYER, TOKEN_WEI, VALIDATOR
from tests.harness.market_chain import COUNTER_TRADER, TRADER
from tests.integration.cli.conftest import CREATOR, PERIOD_S, CliChain

pytestmark = pytest.mark.integration

CLOSE_IN_S: Final = 300
TRADER_FUSD_WEI: Final = 100 * TOKEN_WEI
DATA_URL: Final = "http://127.0.0.1:8600"


@pytest.fixture
def market_cli(cli_chain: CliChain) -> CliChain:
    """`cli_chain` with the PredictionMarket deployed as `fluxo deploy --markets` does and in
    the deployment file; the traders hold fUSD, the default collateral."""

    async def body(client: ChainClient) -> Deployment:
        deployment = await deploy_prediction_market(client, DEPLOYER, cli_chain.deployment)
        fusd = MockERC20(client, deployment.payment_token)
        for trader in (TRADER, COUNTER_TRADER):
            await fusd.mint(DEPLOYER, trader.address, TRADER_FUSD_WEI)
        return deployment

    deployment = cli_chain.chain.run(body)
    deployment.save(cli_chain.path)
    return CliChain(cli_chain.chain, deployment, cli_chain.path)


def _create_args(*extra: str) -> list[str]:
    """The Stake.GG-style match-winner template, closing in 5 minutes, 50 fUSD of funding."""
    return [
        "market",
        "create",
        "--template",
        "esports-match-winner",
        "--set",
        f"data_url={DATA_URL}",
        "--set",
        "match_id=42",
        "--close-in-s",
        str(CLOSE_IN_S),
        "--challenge-period-s",
        str(PERIOD_S),
        "--funding",
        "50",
        *extra,
    ]


def _travel(cli: CliChain, seconds: int) -> None:
    async def body(_client: ChainClient, dev: DevChain) -> None:
        await dev.time_travel(seconds)

    cli.chain.run_dev(body)


def _fusd(cli: CliChain, account: str) -> int:
    return cli.balances(account)[1]


def test_lifecycle__template_buy_resolve_redeem__json_and_money_flows(
    market_cli: CliChain,
) -> None:
    """Money flow (fUSD): the creator pays 2 validity bond + 50 funding; the trader pays 10
    for Team A, the counter trader 5 for Team B. The validator bonds Team A on the market's
    request; after the window the trader redeems its Team A shares, the creator the pool's Team
    A plus its 2 fUSD validity bond."""
    creator_before = _fusd(market_cli, CREATOR.address)
    trader_before = _fusd(market_cli, TRADER.address)

    created = market_cli.json(_create_args(), signer=CREATOR)
    bought = market_cli.json(["market", "buy", "0", "team a", "--amount", "10"], signer=TRADER)
    market_cli.json(["market", "buy", "0", "1", "--amount", "5"], signer=COUNTER_TRADER)
    shown = market_cli.json(["market", "show", "0", "--account", TRADER.address])
    listed = market_cli.json(["market", "list"])
    categories = market_cli.json(["market", "categories"])
    _travel(market_cli, CLOSE_IN_S)
    request = str(created["request_id"])
    market_cli.json(["request", "stake", request, "Team A", "--amount", "10"], signer=VALIDATOR)
    _travel(market_cli, PERIOD_S + 1)
    market_cli.json(["request", "finalize", request], signer=VALIDATOR)
    redeemed = market_cli.json(["market", "redeem", "0"], signer=TRADER)
    creator_redeemed = market_cli.json(["market", "redeem", "0"], signer=CREATOR)

    assert created["question"] == "Who wins Team A vs Team B (match 42)?"
    assert (created["category"], created["kind"], created["status"]) == (
        "esports",
        "categorical",
        "trading",
    )
    assert created["sources"] == [{"url": f"{DATA_URL}/esports/matches/42", "path": "winner"}]
    assert [o["odds_bps"] for o in created["outcomes"]] == [5_000, 5_000]
    assert created["fee_bps"] == 200  # the template's
    trade = bought["trade"]
    assert (trade["event"], trade["outcome"], trade["collateral_wei"]) == (
        "Bought",
        0,
        str(10 * TOKEN_WEI),
    )
    assert bought["outcomes"][0]["odds_bps"] > 5_000  # buying Team A raised its odds
    position = shown["position"]
    assert position["shares_wei"] == [trade["shares_wei"], "0"]
    assert position["paid_in_wei"] == str(10 * TOKEN_WEI)
    assert [m["market_id"] for m in listed["markets"]] == [0]
    assert categories == {"categories": [{"category": "esports", "markets": 1}]}
    assert (redeemed["status"], redeemed["winner"]) == ("resolved", "Team A")
    assert redeemed["paid_wei"] == trade["shares_wei"]
    assert _fusd(market_cli, TRADER.address) - trader_before == int(trade["shares_wei"]) - (
        10 * TOKEN_WEI
    )
    assert creator_redeemed["creator_refund_wei"] == str(2 * TOKEN_WEI)
    # The pool held 65 fUSD; the trader took its shares, the creator the rest: nothing left.
    assert int(creator_redeemed["liquidity_paid_wei"]) + int(trade["shares_wei"]) == (
        65 * TOKEN_WEI
    )
    assert _fusd(market_cli, market_cli.deployment.prediction_market or "") == 0
    assert _fusd(market_cli, CREATOR.address) - creator_before == int(
        creator_redeemed["liquidity_paid_wei"]
    ) - (50 * TOKEN_WEI)


def test_create__flags_scalar_and_liquidity_later__board_shows_both(
    market_cli: CliChain,
) -> None:
    """A scalar market from flags, funded afterwards at 1:3 odds by `add-liquidity`; the
    provider then removes half and gets the complete sets merged back to fUSD."""
    market_cli.json(_create_args(), signer=CREATOR)
    scalar = market_cli.json(
        [
            "market",
            "create",
            "--question",
            "ETH/USD at close?",
            "--category",
            "crypto",
            "--lower",
            "-200",
            "--upper",
            "800.5",
            "--decimals",
            "2",
            "--close-in-s",
            str(CLOSE_IN_S),
            "--challenge-period-s",
            str(PERIOD_S),
        ],
        signer=CREATOR,
    )
    before = _fusd(market_cli, TRADER.address)
    added = market_cli.json(
        ["market", "add-liquidity", "1", "--amount", "20", "--weight", "3", "--weight", "1"],
        signer=TRADER,
    )
    removed = market_cli.json(["market", "remove-liquidity", "1", "--shares", "10"], signer=TRADER)
    crypto = market_cli.json(["market", "list", "--category", "crypto"])

    assert scalar["scalar"] == {"lower": "-200", "upper": "800.5", "decimals": 2}
    assert [o["label"] for o in scalar["outcomes"]] == ["Short", "Long"]
    assert scalar["outcomes"][0]["odds_bps"] is None  # no liquidity yet
    # price_i is proportional to 1 / weight_i: short 1/3 against long 1 -> 25 % / 75 %
    # (each price rounded down, so the basis points may fall 1 short).
    odds_bps = [o["odds_bps"] for o in added["outcomes"]]
    assert 2_499 <= odds_bps[0] <= 2_500 and 7_499 <= odds_bps[1] <= 7_500
    assert removed["trade"]["shares_wei"] == str(10 * TOKEN_WEI)
    merged_wei = int(removed["trade"]["merged_wei"])
    assert merged_wei > 0
    assert _fusd(market_cli, TRADER.address) == before - 20 * TOKEN_WEI + merged_wei
    assert [m["market_id"] for m in crypto["markets"]] == [1]


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (_create_args("--fee-bps", "501"), "--fee-bps = 501: 0, or 1 to 500 (5 %)"),
        (
            _create_args("--challenge-period-s", "59"),
            "--challenge-period-s = 59: outside the config's bounds",
        ),
        (_create_args("--weight", "1"), "--weight = (1,): one per outcome: 2 expected"),
        (_create_args("--funding", "1.5e3"), "--funding = '1.5e3'"),
        (_create_args("--close-in-s", "0"), "--close-in-s = 0: not after the chain's time"),
        (_create_args("--set", "colour=red"), "--set = 'colour': not a variable of template"),
        (
            ["market", "create", "--template", "esports-match-winner", "--close-in-s", "60"],
            "--set = 'data_url': template esports-match-winner needs it",
        ),
        (_create_args("--template", "nope"), "--template = 'nope': no such template"),
        (
            _create_args("--collateral", VALIDATOR.address),
            f"--collateral = '{VALIDATOR.address}': no contract at this address",
        ),
    ],
)
def test_create__bad_value__exit_2_naming_it_and_nothing_sent(
    market_cli: CliChain, args: list[str], named: str
) -> None:
    nonce = market_cli.nonce(CREATOR)

    result = market_cli.invoke(args, signer=CREATOR)

    assert result.exit_code == 2, result.output
    assert named in result.stderr
    assert result.stdout == ""
    assert market_cli.nonce(CREATOR) == nonce


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["market", "buy", "0", "Team C", "--amount", "1"], "OUTCOME = 'Team C': not one of"),
        (["market", "buy", "0", "Team A", "--amount", "0"], "--amount = '0': must be more than 0"),
        (["market", "buy", "0", "Team A", "--amount", "-1"], "--amount = '-1'"),
        (
            ["market", "buy", "0", "Team A", "--amount", "1", "--slippage-bps", "10000"],
            "--slippage-bps = 10000",
        ),
        (["market", "sell", "7", "Team A", "--amount", "1"], "MARKET_ID = 7: no such market"),
    ],
)
def test_trade__bad_value__exit_2_naming_it_and_nothing_moves(
    market_cli: CliChain, args: list[str], named: str
) -> None:
    market_cli.json(_create_args(), signer=CREATOR)
    nonce, fusd = market_cli.nonce(TRADER), _fusd(market_cli, TRADER.address)

    result = market_cli.invoke(args, signer=TRADER)

    assert result.exit_code == 2, result.output
    assert named in result.stderr
    assert (market_cli.nonce(TRADER), _fusd(market_cli, TRADER.address)) == (nonce, fusd)


def test_buy__market_closed__exit_1_and_nothing_sent(market_cli: CliChain) -> None:
    market_cli.json(_create_args(), signer=CREATOR)
    _travel(market_cli, CLOSE_IN_S)
    nonce = market_cli.nonce(TRADER)

    result = market_cli.invoke(["market", "buy", "0", "Team A", "--amount", "1"], signer=TRADER)

    assert result.exit_code == 1
    assert "market buy failed: market 0 closed at" in result.stderr
    assert market_cli.nonce(TRADER) == nonce


def test_sell__more_than_held__exit_1_and_nothing_sent(market_cli: CliChain) -> None:
    market_cli.json(_create_args(), signer=CREATOR)
    market_cli.json(["market", "buy", "0", "Team A", "--amount", "1"], signer=TRADER)
    nonce = market_cli.nonce(TRADER)

    result = market_cli.invoke(["market", "sell", "0", "Team A", "--amount", "5"], signer=TRADER)

    assert result.exit_code == 1
    assert "'Team A' shares; selling for 5 fUSD takes" in result.stderr
    assert market_cli.nonce(TRADER) == nonce


def test_entry_point__create_and_show_in_a_subprocess__json_round_trip(
    market_cli: CliChain,
) -> None:
    def run(args: list[str], key: str = "") -> subprocess.CompletedProcess[str]:
        env = {**os.environ, **market_cli.env(None), DEFAULT_PRIVATE_KEY_ENV_VAR: key}
        command = [sys.executable, "-m", "fluxo.cli.main", *args]
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)

    created = run([*_create_args(), "--json"], CREATOR.key.to_0x_hex())
    shown = run(["market", "show", "0", "--json"])
    refused = run(["market", "buy", "0", "Team C", "--amount", "1"], TRADER.key.to_0x_hex())

    assert created.returncode == 0, created.stderr
    assert shown.returncode == 0, shown.stderr
    document: dict[str, Any] = json.loads(shown.stdout)
    assert json.loads(created.stdout)["market_id"] == document["market_id"] == 0
    assert [o["label"] for o in document["outcomes"]] == ["Team A", "Team B"]
    assert refused.returncode == 2
    assert "market buy: OUTCOME = 'Team C'" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_deploy__markets_flag__prediction_market_whitelisted_and_recorded(
    market_cli: CliChain, tmp_path: Path
) -> None:
    out = tmp_path / "with-markets.json"

    result = market_cli.invoke(
        ["deploy", "--payment-token-is-flx", "--markets", "--out", str(out), "--json"],
        signer=DEPLOYER,
    )

    assert result.exit_code == 0, result.output
    written = Deployment.load(out)
    assert written.prediction_market is not None

    async def body(client: ChainClient) -> tuple[bool, str]:
        from fluxo.chain.bindings.oracle import Oracle

        info = await Oracle(client, written.oracle).requester_info(written.prediction_market or "")
        return info.whitelisted, await PredictionMarket(
            client, written.prediction_market or ""
        ).oracle()

    assert market_cli.chain.run(body) == (True, written.oracle)
