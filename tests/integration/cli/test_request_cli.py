"""`fluxo request ...` on anvil: every command's `--json` checked against the chain, money
moved as the game says, and rejected input changes nothing (the signer's nonce and balances
stay put)."""

import json
from pathlib import Path

import pytest

from fluxo.chain.bindings.oracle import Oracle
from fluxo.chain.client import ChainClient
from fluxo.devnet.devchain import DevChain
from fluxo.domain.outcome import categorical
from tests.harness.local_chain import ANYONE, DISPUTER, TOKEN_WEI, VALIDATOR
from tests.integration.cli.conftest import (
    CREATOR,
    MAX_OPEN_PERIOD_S,
    PERIOD_S,
    SETTINGS,
    CliChain,
    request_args,
)

pytestmark = pytest.mark.integration


def _create(cli: CliChain, *extra: str) -> int:
    request_id: int = cli.json(request_args(*extra), signer=CREATOR)["request_id"]
    return request_id


def _travel(cli: CliChain, seconds: int) -> None:
    async def body(_client: ChainClient, dev: DevChain) -> None:
        await dev.time_travel(seconds)

    cli.chain.run_dev(body)


def test_create__flags__json_is_the_chains_request_and_creator_paid(cli_chain: CliChain) -> None:
    """Money flow: the creator pays the validity bond (2 fUSD) and the fee (1 fUSD)."""
    _, fusd_before = cli_chain.balances(CREATOR.address)

    created = cli_chain.json(request_args(), signer=CREATOR)

    async def params(client: ChainClient) -> tuple[object, ...]:
        return tuple(await Oracle(client, cli_chain.deployment.oracle).request_params(0))

    requester, config_id, base_bond, fee, settlement, period, _kind = cli_chain.chain.run(params)
    assert created["request_id"] == 0
    assert (created["requester"], created["requester_name"]) == (requester, "app")
    assert created["base_bond_wei"] == str(base_bond) == str(SETTINGS.min_bond)
    assert created["fee_wei"] == str(fee) == str(TOKEN_WEI)
    assert (created["settlement_time"], created["challenge_period_s"]) == (settlement, period)
    assert created["outcomes"] == ["Team A", "Team B"] and created["tags"] == ["esports"]
    assert created["sources"] == [{"url": "https://scores.example/match/42", "path": "winner"}]
    assert (created["status"], created["config_id"]) == ("open", config_id)
    assert cli_chain.balances(CREATOR.address)[1] == fusd_before - 3 * TOKEN_WEI


def test_create__file_and_flag_override__created_as_merged(
    cli_chain: CliChain, tmp_path: Path
) -> None:
    request_file = tmp_path / "request.toml"
    request_file.write_text(
        'kind = "number"\ndescription = "ETH / USD close"\ndecimals = 2\n'
        'settlement_time = "2035-01-01T00:00:00Z"\nchallenge_period_s = 600\nfee = "0.5"\n'
        'sources = ["https://px.example/eth#close"]\n',
        encoding="utf-8",
    )

    created = cli_chain.json(
        ["request", "create", "--file", str(request_file), "--challenge-period-s", "120"],
        signer=CREATOR,
    )

    assert (created["kind"], created["decimals"], created["outcomes"]) == ("number", 2, [])
    assert created["settlement_time"] == 2_051_222_400
    assert created["challenge_period_s"] == 120  # the flag over the file's 600
    assert (created["fee_wei"], created["status"]) == (str(TOKEN_WEI // 2), "unsettled")


@pytest.mark.parametrize(
    ("extra", "named"),
    [
        (["--challenge-period-s", str(PERIOD_S - 1)], f"--challenge-period-s = {PERIOD_S - 1}"),
        (["--fee", "0.0000000000000000001"], "--fee = '0.0000000000000000001'"),
        (["--outcome", "Team C", "--outcome", "x" * 65], "--outcome = '" + "x" * 65),
        (["--requester", "markets"], "--requester = 'markets'"),
    ],
)
def test_create__bad_value__exit_2_naming_it_and_nothing_sent(
    cli_chain: CliChain, extra: list[str], named: str
) -> None:
    nonce, balances = cli_chain.nonce(CREATOR), cli_chain.balances(CREATOR.address)

    result = cli_chain.invoke([*request_args(), *extra], signer=CREATOR)

    assert result.exit_code == 2, result.output
    assert named in result.stderr
    assert cli_chain.nonce(CREATOR) == nonce
    assert cli_chain.balances(CREATOR.address) == balances


def test_create__fee_beyond_the_creators_balance__exit_1_and_nothing_sent(
    cli_chain: CliChain,
) -> None:
    nonce, balances = cli_chain.nonce(CREATOR), cli_chain.balances(CREATOR.address)

    result = cli_chain.invoke([*request_args(), "--fee", "5000"], signer=CREATOR)

    assert result.exit_code == 1
    assert "holds 1000 fUSD; the request costs 5002 fUSD" in result.stderr
    assert cli_chain.nonce(CREATOR) == nonce
    assert cli_chain.balances(CREATOR.address) == balances


def test_create__signer_not_a_creator__exit_2_and_nothing_sent(cli_chain: CliChain) -> None:
    nonce = cli_chain.nonce(VALIDATOR)

    result = cli_chain.invoke(request_args(), signer=VALIDATOR)

    assert result.exit_code == 2
    assert f"signer = '{VALIDATOR.address}': not a creator of requester" in result.stderr
    assert cli_chain.nonce(VALIDATOR) == nonce


def test_show__unknown_id__exit_2_naming_it(cli_chain: CliChain) -> None:
    _create(cli_chain)

    result = cli_chain.invoke(["request", "show", "5"])

    assert result.exit_code == 2
    assert "REQUEST_ID = 5: no such request (ids issued: 0 to 0)" in result.stderr


def test_list__status_filter__newest_first_and_only_matching(cli_chain: CliChain) -> None:
    for _ in range(3):
        _create(cli_chain)
    cli_chain.json(["request", "stake", "1", "Team A", "--amount", "10"], signer=VALIDATOR)

    everything = cli_chain.json(["request", "list"])["requests"]
    still_open = cli_chain.json(["request", "list", "--status", "open", "--limit", "1"])

    assert [(r["request_id"], r["status"]) for r in everything] == [
        (2, "open"),
        (1, "disputable"),
        (0, "open"),
    ]
    assert [r["request_id"] for r in still_open["requests"]] == [2]


def test_stake__label__round_bonds_and_flx_moves(cli_chain: CliChain) -> None:
    """Money flow: the validator stakes 15 FLX on "team a"; the Oracle takes the 10 B0 needs."""
    _create(cli_chain)
    flx_before, _ = cli_chain.balances(VALIDATOR.address)

    staked = cli_chain.json(["request", "stake", "0", "team a", "--amount", "15"], signer=VALIDATOR)

    assert (staked["round"], staked["bonded"], staked["status"]) == (0, True, "disputable")
    assert staked["amount_wei"] == str(10 * TOKEN_WEI)
    assert staked["outcome"] == {
        "hex": "0x" + categorical(0).hex(),
        "answer": "Team A",
        "invalid": False,
        "index": 0,
        "label": "Team A",
    }
    assert cli_chain.balances(VALIDATOR.address)[0] == flx_before - 10 * TOKEN_WEI
    shown = cli_chain.json(["request", "show", "0", "--account", VALIDATOR.address])
    assert shown["rounds"][0]["bonded_outcome"]["label"] == "Team A"
    assert [
        (s["round"], s["outcome"]["label"], s["amount_wei"]) for s in shown["account"]["stakes"]
    ] == [(0, "Team A", str(10 * TOKEN_WEI))]


@pytest.mark.parametrize(
    ("answer", "amount", "named"),
    [
        ("Team C", "10", "ANSWER = 'Team C': not one of ['Team A', 'Team B']"),
        ("7", "10", "ANSWER = '7': index outside 0..1"),
        ("Team A", "-1", "--amount = '-1'"),
        ("Team A", "0", "--amount = '0': must be more than 0"),
        ("Team A", "1e3", "--amount = '1e3'"),
    ],
)
def test_stake__bad_answer_or_amount__exit_2_and_nothing_moves(
    cli_chain: CliChain, answer: str, amount: str, named: str
) -> None:
    _create(cli_chain)
    nonce, balances = cli_chain.nonce(VALIDATOR), cli_chain.balances(VALIDATOR.address)

    result = cli_chain.invoke(
        ["request", "stake", "0", answer, "--amount", amount, "--json"], signer=VALIDATOR
    )

    assert result.exit_code == 2
    assert named in result.stderr
    assert result.stdout == ""
    assert cli_chain.nonce(VALIDATOR) == nonce
    assert cli_chain.balances(VALIDATOR.address) == balances


def test_lifecycle__stake_dispute_finalize_claim_withdraw__payouts(cli_chain: CliChain) -> None:
    """Money flow: B0 = 10 FLX on Team A (validator), 20 FLX on Team B (disputer, a block later);
    the window runs out, Team B is final. Anyone claims for the disputer: 20 + 10 FLX and the
    1 fUSD fee. The requester's 2 fUSD validity bond is credited and withdrawn to it."""
    _create(cli_chain)
    disputer_before = cli_chain.balances(DISPUTER.address)
    cli_chain.json(["request", "stake", "0", "Team A", "--amount", "10"], signer=VALIDATOR)
    _travel(cli_chain, 1)

    disputed = cli_chain.json(["request", "dispute", "0", "Team B"], signer=DISPUTER)
    _travel(cli_chain, PERIOD_S)
    finalized = cli_chain.json(["request", "finalize", "0"], signer=ANYONE)
    claimed = cli_chain.json(
        ["request", "claim", "0", "--account", DISPUTER.address], signer=ANYONE
    )
    requester = cli_chain.deployment.requesters["app"]
    requester_before = cli_chain.balances(requester)
    withdrawn = cli_chain.json(
        ["request", "withdraw", "--token", "payment", "--account", requester], signer=ANYONE
    )
    shown = cli_chain.json(["request", "show", "0", "--account", DISPUTER.address])

    assert (disputed["round"], disputed["amount_wei"]) == (1, str(20 * TOKEN_WEI))
    assert finalized["final_outcome"]["label"] == "Team B"
    assert (finalized["arbitrated"], finalized["callback_failed"]) == (False, False)
    assert (claimed["stake_amount_wei"], claimed["payment_amount_wei"]) == (
        str(30 * TOKEN_WEI),
        str(TOKEN_WEI),
    )
    disputer_after = cli_chain.balances(DISPUTER.address)
    assert disputer_after[0] == disputer_before[0] + 10 * TOKEN_WEI  # -20 staked, +30 claimed
    assert disputer_after[1] == disputer_before[1] + TOKEN_WEI
    assert withdrawn["amount_wei"] == str(SETTINGS.validity_bond)
    assert cli_chain.balances(requester)[1] == requester_before[1] + SETTINGS.validity_bond
    assert (shown["status"], shown["final_outcome"]["label"]) == ("finalized", "Team B")
    assert shown["account"]["claimable_stake_wei"] == "0"


def test_dispute__the_bonded_answer__exit_2_and_nothing_sent(cli_chain: CliChain) -> None:
    _create(cli_chain)
    cli_chain.json(["request", "stake", "0", "Team A", "--amount", "10"], signer=VALIDATOR)
    nonce = cli_chain.nonce(DISPUTER)

    result = cli_chain.invoke(["request", "dispute", "0", "Team A"], signer=DISPUTER)

    assert result.exit_code == 2
    assert "ANSWER = 'Team A': round 0 bonded this outcome" in result.stderr
    assert cli_chain.nonce(DISPUTER) == nonce


def test_finalize__window_still_open__exit_1_and_nothing_sent(cli_chain: CliChain) -> None:
    _create(cli_chain)
    cli_chain.json(["request", "stake", "0", "Team A", "--amount", "10"], signer=VALIDATOR)
    nonce = cli_chain.nonce(ANYONE)

    result = cli_chain.invoke(["request", "finalize", "0"], signer=ANYONE)

    assert result.exit_code == 1
    assert "round 1 takes disputes until" in result.stderr
    assert cli_chain.nonce(ANYONE) == nonce


def test_unstake__stake_in_a_round_that_never_filled__returned(cli_chain: CliChain) -> None:
    """Money flow: 4 FLX staked on Team A in round 0 (B0 is 10: not bonded), 4 FLX back."""
    _create(cli_chain)
    flx_before, _ = cli_chain.balances(VALIDATOR.address)
    cli_chain.json(["request", "stake", "0", "Team A", "--amount", "4"], signer=VALIDATOR)

    unstaked = cli_chain.json(["request", "unstake", "0", "0", "Team A"], signer=VALIDATOR)

    assert (unstaked["round"], unstaked["amount_wei"]) == (0, str(4 * TOKEN_WEI))
    assert cli_chain.balances(VALIDATOR.address)[0] == flx_before


def test_unstake__more_than_held__exit_2_and_nothing_sent(cli_chain: CliChain) -> None:
    _create(cli_chain)
    cli_chain.json(["request", "stake", "0", "Team A", "--amount", "4"], signer=VALIDATOR)
    nonce = cli_chain.nonce(VALIDATOR)

    result = cli_chain.invoke(
        ["request", "unstake", "0", "0", "Team A", "--amount", "5"], signer=VALIDATOR
    )

    assert result.exit_code == 2
    assert "--amount = '5': more than 0, at most 4 FLX" in result.stderr
    assert cli_chain.nonce(VALIDATOR) == nonce


def test_claim__request_not_final__exit_1_and_nothing_sent(cli_chain: CliChain) -> None:
    _create(cli_chain)
    nonce = cli_chain.nonce(VALIDATOR)

    result = cli_chain.invoke(["request", "claim", "0"], signer=VALIDATOR)

    assert result.exit_code == 1
    assert "request 0 is open, not final yet" in result.stderr
    assert cli_chain.nonce(VALIDATOR) == nonce


def test_cancel__unanswered_past_max_open_period__cancelled_and_refund_credited(
    cli_chain: CliChain,
) -> None:
    """Money flow: cancelling credits the requester the 2 fUSD bond and the 1 fUSD fee."""
    _create(cli_chain)
    _travel(cli_chain, MAX_OPEN_PERIOD_S)

    cancelled = cli_chain.json(["request", "cancel", "0"], signer=CREATOR)
    withdrawn = cli_chain.json(
        ["request", "withdraw", "--token", "payment", "--account", cancelled["requester"]],
        signer=CREATOR,
    )

    assert cancelled["status"] == "cancelled"
    assert withdrawn["amount_wei"] == str(3 * TOKEN_WEI)


def test_cancel__still_open_period__exit_1_and_nothing_sent(cli_chain: CliChain) -> None:
    _create(cli_chain)
    nonce = cli_chain.nonce(CREATOR)

    result = cli_chain.invoke(["request", "cancel", "0"], signer=CREATOR)

    assert result.exit_code == 1
    assert "oracle: still open" in result.stderr
    assert cli_chain.nonce(CREATOR) == nonce


def test_withdraw__nothing_credited__exit_1(cli_chain: CliChain) -> None:
    result = cli_chain.invoke(["request", "withdraw", "--token", "flx"], signer=VALIDATOR)

    assert result.exit_code == 1
    assert f"holds no FLX credited to {VALIDATOR.address}" in result.stderr


def test_watch__final_request__json_lines_then_ends(cli_chain: CliChain) -> None:
    _create(cli_chain)
    cli_chain.json(["request", "stake", "0", "Team B", "--amount", "10"], signer=VALIDATOR)
    _travel(cli_chain, PERIOD_S)
    cli_chain.json(["request", "finalize", "0"], signer=ANYONE)

    result = cli_chain.invoke(["request", "watch", "0", "--json", "--poll-interval-s", "0.05"])

    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["kind"] for line in lines] == ["bonded", "finalized"]
    assert lines[0]["account"] == VALIDATOR.address
    assert lines[-1]["outcome"]["label"] == "Team B"


def test_watch__not_final_in_time__exit_1_after_the_timeout(cli_chain: CliChain) -> None:
    _create(cli_chain)

    result = cli_chain.invoke(
        ["request", "watch", "0", "--timeout-s", "0.3", "--poll-interval-s", "0.05"]
    )

    assert result.exit_code == 1
    assert "request 0 not final after 0.3 s" in result.stderr


def test_stake__number_and_string_answers__decoded(cli_chain: CliChain) -> None:
    base = ["request", "create", "--description", "q", "--challenge-period-s", "60"]
    base += ["--source", "https://px.example/eth#close"]
    cli_chain.json([*base, "--kind", "number", "--decimals", "2"], signer=CREATOR)
    cli_chain.json([*base, "--kind", "string"], signer=CREATOR)

    number = cli_chain.json(
        ["request", "stake", "--amount", "10", "--", "0", "-3141.59"], signer=VALIDATOR
    )
    text = cli_chain.json(["request", "stake", "1", "Fnatic", "--amount", "10"], signer=VALIDATOR)

    assert (number["outcome"]["number"], number["outcome"]["raw"]) == ("-3141.59", "-314159")
    assert text["published_text"] is True
    assert text["outcome"]["text"] == "Fnatic"
    shown = cli_chain.json(["request", "show", "1"])
    assert shown["rounds"][0]["bonded_outcome"]["answer"] == "Fnatic"
