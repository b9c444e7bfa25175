"""`fluxo faucet` on anvil: a drip moves FLX, and a second one while cooling down exits 1 with
the time to retry, sending nothing."""

import json
from pathlib import Path

import pytest
from eth_account import Account

from tests.harness.local_chain import ANYONE, VALIDATOR
from tests.integration.cli.conftest import FAUCET_COOLDOWN_S, FAUCET_DRIP_WEI, CliChain

pytestmark = pytest.mark.integration


def test_faucet__fresh_account__drips_and_says_when_next(cli_chain: CliChain) -> None:
    """Money flow: the faucet mints 100 FLX to the account; the sender only pays gas."""
    flx_before, fusd_before = cli_chain.balances(VALIDATOR.address)

    dripped = cli_chain.json(["faucet", VALIDATOR.address], signer=ANYONE)

    assert dripped["account"] == VALIDATOR.address
    assert (dripped["flx_amount_wei"], dripped["payment_amount_wei"]) == (str(FAUCET_DRIP_WEI), "0")
    assert cli_chain.balances(VALIDATOR.address) == (flx_before + FAUCET_DRIP_WEI, fusd_before)
    assert dripped["next_drip_at"] == cli_chain.latest_timestamp() + FAUCET_COOLDOWN_S


def test_faucet__cooling_down__exit_1_with_the_retry_time_and_nothing_sent(
    cli_chain: CliChain,
) -> None:
    first = cli_chain.json(["faucet", VALIDATOR.address], signer=ANYONE)
    nonce, balances = cli_chain.nonce(ANYONE), cli_chain.balances(VALIDATOR.address)

    result = cli_chain.invoke(["faucet", VALIDATOR.address, "--json"], signer=ANYONE)

    assert result.exit_code == 1
    assert f"unix {first['next_drip_at']}" in result.stderr
    assert "may drip again at" in result.stderr and "Traceback" not in result.output
    assert result.stdout == ""
    assert cli_chain.nonce(ANYONE) == nonce
    assert cli_chain.balances(VALIDATOR.address) == balances


def test_faucet__for_people__says_what_came_and_when_next(cli_chain: CliChain) -> None:
    result = cli_chain.invoke(["faucet", VALIDATOR.address], signer=ANYONE)

    assert result.exit_code == 0, result.output
    assert f"Dripped 100 FLX to {VALIDATOR.address}; next drip possible at" in result.stdout
    assert "(in 1 h)" in result.stdout


def test_faucet__signer_from_a_keystore__drips(cli_chain: CliChain, tmp_path: Path) -> None:
    keystore = tmp_path / "signer.json"
    # pbkdf2 with few rounds: the default scrypt would take seconds for nothing in a test.
    encrypted = Account.encrypt(ANYONE.key, "hunter2", kdf="pbkdf2", iterations=2)
    keystore.write_text(json.dumps(encrypted), encoding="utf-8")
    nonce = cli_chain.nonce(ANYONE)

    result = cli_chain.invoke(
        ["faucet", VALIDATOR.address, "--keystore", str(keystore), "--json"],
        signer=None,
        extra_env={"FLUXO_KEYSTORE_PASSWORD": "hunter2"},
    )

    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["account"] == VALIDATOR.address
    assert cli_chain.nonce(ANYONE) == nonce + 1  # signed by the keystore's account
