"""`fluxo whitelist` and `fluxo config` on anvil: the owner's changes land on chain as shown,
and a signer who is not the owner, or a value the Oracle would refuse, changes nothing."""

import pytest

from fluxo.chain.bindings.oracle import Oracle
from fluxo.chain.bindings.results import RequesterInfo
from fluxo.chain.client import ChainClient
from fluxo.domain.config import Config
from tests.harness.local_chain import ANYONE, DEPLOYER, TOKEN_WEI, VALIDATOR
from tests.integration.cli.conftest import SETTINGS, CliChain

pytestmark = pytest.mark.integration

OWNER = DEPLOYER
NEW_REQUESTER = ANYONE.address  # the Oracle whitelists any address; no contract needed here


def _requester_info(cli: CliChain, requester: str) -> RequesterInfo:
    async def body(client: ChainClient) -> RequesterInfo:
        return await Oracle(client, cli.deployment.oracle).requester_info(requester)

    return cli.chain.run(body)


def _config(cli: CliChain, config_id: int) -> Config:
    async def body(client: ChainClient) -> Config:
        return await Oracle(client, cli.deployment.oracle).config(config_id)

    return cli.chain.run(body)


def test_whitelist_add__by_the_owner__whitelisted_and_listed(cli_chain: CliChain) -> None:
    added = cli_chain.json(
        ["whitelist", "add", NEW_REQUESTER, "--name", "markets", "--multiplier-bps", "15000"],
        signer=OWNER,
    )
    listed = cli_chain.json(["whitelist", "list"])["requesters"]

    assert (added["requester"], added["index"], added["stake_multiplier_bps"]) == (
        NEW_REQUESTER,
        1,
        15_000,
    )
    assert _requester_info(cli_chain, NEW_REQUESTER) == (True, 15_000, 1)
    assert [(r["name"], r["whitelisted"], r["deployment_name"]) for r in listed] == [
        ("app", True, "app"),
        ("markets", True, None),
    ]


def test_whitelist_add__not_the_owner__exit_2_and_nothing_sent(cli_chain: CliChain) -> None:
    nonce = cli_chain.nonce(VALIDATOR)

    result = cli_chain.invoke(
        ["whitelist", "add", NEW_REQUESTER, "--name", "markets"], signer=VALIDATOR
    )

    assert result.exit_code == 2
    assert f"signer = '{VALIDATOR.address}': not the Oracle's owner ({OWNER.address})" in (
        result.stderr
    )
    assert cli_chain.nonce(VALIDATOR) == nonce
    assert not _requester_info(cli_chain, NEW_REQUESTER).whitelisted


def test_whitelist_remove__whitelisted__listed_as_removed(cli_chain: CliChain) -> None:
    app = cli_chain.deployment.requesters["app"]

    removed = cli_chain.json(["whitelist", "remove", app], signer=OWNER)
    listed = cli_chain.json(["whitelist", "list"])["requesters"]

    assert removed["requester"] == app
    assert [(r["requester"], r["whitelisted"]) for r in listed] == [(app, False)]


def test_whitelist_remove__not_whitelisted__exit_2_and_nothing_sent(cli_chain: CliChain) -> None:
    nonce = cli_chain.nonce(OWNER)

    result = cli_chain.invoke(["whitelist", "remove", NEW_REQUESTER], signer=OWNER)

    assert result.exit_code == 2
    assert f"ADDRESS = '{NEW_REQUESTER}': not whitelisted" in result.stderr
    assert cli_chain.nonce(OWNER) == nonce


def test_config_show__latest__fields_in_wei_and_seconds(cli_chain: CliChain) -> None:
    shown = cli_chain.json(["config", "show"])

    assert (shown["config_id"], shown["latest_config_id"]) == (0, 0)
    assert shown["min_bond_wei"] == str(SETTINGS.min_bond)
    assert shown["validity_bond_wei"] == str(SETTINGS.validity_bond)
    assert shown["max_open_period_s"] == SETTINGS.max_open_period
    assert (shown["stake_token"], shown["payment_token"]) == (
        cli_chain.deployment.flux_token,
        cli_chain.deployment.payment_token,
    )
    assert (shown["owner"], shown["paused"]) == (OWNER.address, False)


def test_config_show__unknown_version__exit_2_naming_it(cli_chain: CliChain) -> None:
    result = cli_chain.invoke(["config", "show", "3"])

    assert result.exit_code == 2
    assert "CONFIG_ID = 3: no such version (0 to 0)" in result.stderr


def test_config_set__by_the_owner__new_version_with_only_those_fields_changed(
    cli_chain: CliChain,
) -> None:
    changed = cli_chain.json(
        ["config", "set", "--min-bond", "20.5", "--max-open-period-s", "7200"], signer=OWNER
    )

    new = _config(cli_chain, 1)
    old = _config(cli_chain, 0)
    assert (changed["config_id"], changed["changed"]) == (1, ["min_bond", "max_open_period"])
    assert (new.min_bond, new.max_open_period) == (20 * TOKEN_WEI + TOKEN_WEI // 2, 7_200)
    assert new.validity_bond == old.validity_bond and new.treasury == old.treasury


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--min-bond", "0"], "--min-bond = '0': must be more than 0"),
        (["--min-challenge-period-s", "100000"], "--min-challenge-period-s = 100000: above"),
        (["--treasury", "0x" + "00" * 20], "--treasury"),
        (["--validity-bond", "abc"], "--validity-bond = 'abc'"),
        (["--min-bond", "10"], "every field given already has that value"),
    ],
)
def test_config_set__value_refused__exit_2_naming_it_and_nothing_sent(
    cli_chain: CliChain, args: list[str], named: str
) -> None:
    nonce = cli_chain.nonce(OWNER)

    result = cli_chain.invoke(["config", "set", *args], signer=OWNER)

    assert result.exit_code == 2, result.output
    assert named in result.stderr
    assert cli_chain.nonce(OWNER) == nonce
    assert cli_chain.json(["config", "show"])["latest_config_id"] == 0
