"""The node config: a valid file loads with its units converted; every invalid one names the
dotted key and the bad value (and never echoes a secret)."""

import copy
import json
import shutil
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

import pytest
from eth_account import Account

from fluxo.exceptions import ConfigError
from fluxo.node.config import NodeConfig, load_config, parse_config, resolve_signer

REPOSITORY: Final = Path(__file__).resolve().parents[4]
SAMPLE: Final = REPOSITORY / "deploy" / "node.sample.toml"
ADDRESS: Final = "0x5FbDB2315678afecb367f032d93F642f64180aa3"
DEV_KEY: Final = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"
ENVIRON: Final = {"FLUXO_PRIVATE_KEY": DEV_KEY, "EXAMPLE_API_KEY": "key-value"}


def _write_deployment(
    directory: Path, chain_id: int = 31337, name: str = "deployment.json"
) -> Path:
    path = directory / name
    document = {
        "version": 1,
        "chain_id": chain_id,
        "start_block": 1,
        "flux_token": ADDRESS,
        "payment_token": ADDRESS,
        "oracle": ADDRESS,
        "feeds": {"ETH / USD": ADDRESS},
        "aggregators": {"BTC / USD": ADDRESS},
    }
    path.write_text(json.dumps(document))
    return path


def _valid() -> dict[str, Any]:
    return {
        "node": {"data_dir": "data"},
        "signer": {"private_key_env": "FLUXO_PRIVATE_KEY"},
        "chains": [
            {
                "name": "devnet",
                "chain_id": 31337,
                "rpc_urls": ["http://127.0.0.1:8545"],
                "deployment": "deployment.json",
                "validator": {
                    "enabled": True,
                    "max_stake_per_request_flx": "100",
                    "max_total_exposure_flx": "1000",
                },
            }
        ],
    }


def _feed() -> dict[str, Any]:
    return {
        "name": "ETH / USD",
        "deviation_bps": 50,
        "heartbeat_s": 3600,
        "sources": [{"end_point": "https://a.example/p", "source_path": "$.price"}],
    }


def _load(
    tmp_path: Path, document: Mapping[str, Any], environ: Mapping[str, str] = ENVIRON
) -> NodeConfig:
    if not (tmp_path / "deployment.json").exists():
        _write_deployment(tmp_path)
    return parse_config(document, base_dir=tmp_path, environ=environ)


def _error(
    tmp_path: Path, document: Mapping[str, Any], environ: Mapping[str, str] = ENVIRON
) -> ConfigError:
    with pytest.raises(ConfigError) as caught:
        _load(tmp_path, document, environ)
    return caught.value


def _with(path: str, value: Any, document: dict[str, Any] | None = None) -> dict[str, Any]:
    """A copy of the valid document with `path` ("chains.0.validator.enabled") set to `value`."""
    result = copy.deepcopy(document if document is not None else _valid())
    *parents, last = path.split(".")
    node: Any = result
    for part in parents:
        node = node[int(part)] if part.isdigit() else node.setdefault(part, {})
    node[int(last) if last.isdigit() else last] = value
    return result


def _without(path: str) -> dict[str, Any]:
    result = _valid()
    *parents, last = path.split(".")
    node: Any = result
    for part in parents:
        node = node[int(part)] if part.isdigit() else node[part]
    del node[last]
    return result


# --- valid files -----------------------------------------------------------------------------


def test_load_config__sample_file__loads_with_every_section(tmp_path: Path) -> None:
    shutil.copy(SAMPLE, tmp_path / "node.toml")
    _write_deployment(tmp_path)
    (tmp_path / "deployment.json").write_text(
        (tmp_path / "deployment.json")
        .read_text()
        .replace('"BTC / USD"', '"ETH / USD"')  # the sample's keeper updates ETH / USD
    )

    config = load_config(tmp_path / "node.toml", environ=ENVIRON)

    chain = config.chains[0]
    assert config.node.data_dir == tmp_path / "data"
    assert (config.node.listen_host, config.node.listen_port) == ("127.0.0.1", 9464)
    assert chain.deployed.chain_id == chain.chain_id == 31337
    assert chain.transactions.max_fee_per_gas_wei == 100 * 10**9
    assert chain.validator.max_stake_per_request_wei == 100 * 10**18
    assert chain.provider.feeds[0].sources[1].multiplier == Decimal("0.01")
    assert chain.roles == ("validator",)
    assert config.fetch.policy.credential_for("https", "api.example.com") is not None


def test_parse_config__minimal__defaults_filled_in(tmp_path: Path) -> None:
    config = _load(tmp_path, _valid())

    chain = config.chains[0]
    assert config.node.poll_interval_s == 1.0 and config.node.log_format == "auto"
    assert chain.confirmations == 3 and chain.log_range_blocks == 2_000
    assert chain.transactions.bump_percent == 12
    assert chain.rpc_endpoints == (("http://127.0.0.1:8545", "http://127.0.0.1:8545"),)
    assert config.fetch.repeats == 3 and config.fetch.policy.credentials == {}


def test_parse_config__relative_paths__resolved_against_the_config_directory(
    tmp_path: Path,
) -> None:
    config = _load(tmp_path, _with("node.data_dir", "state/node"))

    assert config.node.data_dir == tmp_path / "state" / "node"
    assert config.chains[0].deployment == tmp_path / "deployment.json"


def test_parse_config__absolute_data_dir__kept(tmp_path: Path) -> None:
    config = _load(tmp_path, _with("node.data_dir", "/var/lib/fluxo"))

    assert config.node.data_dir == Path("/var/lib/fluxo")


def test_parse_config__amounts__decimal_strings_become_wei(tmp_path: Path) -> None:
    document = _with("chains.0.validator.max_stake_per_request_flx", "0.000000000000000001")
    document = _with("chains.0.transactions.max_fee_per_gas_gwei", "1.5", document)

    chain = _load(tmp_path, document).chains[0]

    assert chain.validator.max_stake_per_request_wei == 1
    assert chain.transactions.max_fee_per_gas_wei == 1_500_000_000


def test_parse_config__integer_amount__accepted_as_whole_units(tmp_path: Path) -> None:
    document = _with("chains.0.validator.max_total_exposure_flx", 2_000)

    assert _load(tmp_path, document).chains[0].validator.max_total_exposure_wei == 2_000 * 10**18


def test_parse_config__rpc_url_template__variable_substituted_label_kept(tmp_path: Path) -> None:
    template = "https://rpc.example/v3/${RPC_KEY}"
    document = _with("chains.0.rpc_urls", ["http://127.0.0.1:8545", template])

    chain = _load(tmp_path, document, {**ENVIRON, "RPC_KEY": "s3cret"}).chains[0]

    assert chain.rpc_endpoints[1] == ("https://rpc.example/v3/s3cret", template)


def test_parse_config__provider_and_keeper__feeds_found_in_deployment(tmp_path: Path) -> None:
    document = _with(
        "chains.0.provider",
        {"enabled": True, "peers": ["http://peer.example:9464"], "feeds": [_feed()]},
    )
    document = _with(
        "chains.0.keeper",
        {
            "enabled": True,
            "aggregators": [{"name": "BTC / USD", "deviation_bps": 1, "heartbeat_s": 60}],
        },
        document,
    )

    chain = _load(tmp_path, document).chains[0]

    assert chain.roles == ("validator", "provider", "keeper")
    assert chain.provider.feeds[0].sources[0].feed_source().multiplier == Decimal(1)


def test_parse_config__two_chains__both_loaded(tmp_path: Path) -> None:
    _write_deployment(tmp_path, chain_id=10, name="optimism.json")
    second = {
        **_valid()["chains"][0],
        "name": "optimism",
        "chain_id": 10,
        "deployment": "optimism.json",
    }
    document = _with("chains", [_valid()["chains"][0], second])

    config = _load(tmp_path, document)

    assert [chain.name for chain in config.chains] == ["devnet", "optimism"]
    assert config.chain("optimism").deployed.chain_id == 10


# --- invalid files: each names the key and the value ----------------------------------------


@pytest.mark.parametrize(
    ("path", "value", "key"),
    [
        ("node.poll_interval_s", 0, "node.poll_interval_s"),
        ("node.log_format", "xml", "node.log_format"),
        ("node.listen", "9464", "node.listen"),
        ("node.listen", "localhost:99999", "node.listen"),
        ("chains.0.confirmations", "5", "chains[0].confirmations"),
        ("chains.0.confirmations", -1, "chains[0].confirmations"),
        ("chains.0.log_range_blocks", 0, "chains[0].log_range_blocks"),
        ("chains.0.chain_id", 0, "chains[0].chain_id"),
        ("chains.0.name", "Main Net", "chains[0].name"),
        ("chains.0.transactions.bump_percent", 5, "chains[0].transactions.bump_percent"),
        ("chains.0.transactions.stuck_after_s", 0, "chains[0].transactions.stuck_after_s"),
        (
            "chains.0.transactions.max_fee_per_gas_gwei",
            "0",
            "chains[0].transactions.max_fee_per_gas_gwei",
        ),
        ("chains.0.validator.enabled", 1, "chains[0].validator.enabled"),
        ("fetch.repeats", 0, "fetch.repeats"),
        ("fetch.timeout_s", -1.0, "fetch.timeout_s"),
    ],
)
def test_parse_config__bad_value__names_key_and_value(
    tmp_path: Path, path: str, value: Any, key: str
) -> None:
    error = _error(tmp_path, _with(path, value))

    assert error.key == key
    assert error.value == value


def test_parse_config__unknown_key__rejected_by_name(tmp_path: Path) -> None:
    error = _error(tmp_path, _with("chains.0.transactions.bump_percentage", 12))

    assert error.key == "chains[0].transactions.bump_percentage"
    assert error.reason == "unknown key"


def test_parse_config__unknown_top_level_table__rejected(tmp_path: Path) -> None:
    error = _error(tmp_path, _with("metrics", {"port": 1}))

    assert error.key == "metrics"


def test_parse_config__secret_in_the_file__rejected_without_echoing_it(tmp_path: Path) -> None:
    error = _error(tmp_path, _with("signer.private_key", DEV_KEY))

    assert error.key == "signer.private_key"
    assert "environment variable" in error.reason
    assert DEV_KEY not in str(error) and DEV_KEY[2:] not in str(error)


def test_parse_config__key_where_variable_name_belongs__rejected_without_echoing_it(
    tmp_path: Path,
) -> None:
    error = _error(tmp_path, _with("signer.private_key_env", DEV_KEY))

    assert error.key == "signer.private_key_env"
    assert "looks like a private key" in error.reason
    assert DEV_KEY[2:] not in str(error)


def test_parse_config__missing_section__names_it(tmp_path: Path) -> None:
    error = _error(tmp_path, _without("signer"))

    assert (error.key, error.value, error.reason) == ("signer", None, "Field required")


def test_parse_config__several_problems__first_named_others_counted(tmp_path: Path) -> None:
    document = _with("node.poll_interval_s", 0, _with("fetch.repeats", 0))

    error = _error(tmp_path, document)

    assert error.key == "node.poll_interval_s"
    assert "(and 1 more: fetch.repeats)" in error.reason


@pytest.mark.parametrize(
    ("signer", "key"),
    [
        ({}, "signer.private_key_env"),
        ({"private_key_env": "A", "keystore": "k.json"}, "signer.private_key_env"),
        ({"keystore": "k.json"}, "signer.keystore_password_env"),
        ({"private_key_env": "A", "keystore_password_env": "B"}, "signer.keystore_password_env"),
    ],
)
def test_parse_config__signer_not_exactly_one_source__rejected(
    tmp_path: Path, signer: dict[str, str], key: str
) -> None:
    assert _error(tmp_path, _with("signer", signer)).key == key


@pytest.mark.parametrize(
    ("urls", "key", "value"),
    [
        ([], "chains[0].rpc_urls", []),
        (["ws://127.0.0.1:8546"], "chains[0].rpc_urls[0]", "ws://127.0.0.1:8546"),
        (["http://a:1", "http://a:1/"], "chains[0].rpc_urls[1]", "http://a:1/"),
    ],
)
def test_parse_config__bad_rpc_urls__rejected(
    tmp_path: Path, urls: list[str], key: str, value: object
) -> None:
    error = _error(tmp_path, _with("chains.0.rpc_urls", urls))

    assert (error.key, error.value) == (key, value)


def test_parse_config__rpc_url_variable_unset__names_url_and_variable(tmp_path: Path) -> None:
    template = "https://rpc.example/${RPC_KEY}"
    error = _error(tmp_path, _with("chains.0.rpc_urls", [template]))

    assert (error.key, error.value) == ("chains[0].rpc_urls[0]", template)
    assert "${RPC_KEY}" in error.reason


def test_parse_config__duplicate_chain_name__rejected(tmp_path: Path) -> None:
    second = {**_valid()["chains"][0], "chain_id": 10}
    error = _error(tmp_path, _with("chains", [_valid()["chains"][0], second]))

    assert (error.key, error.value) == ("chains[1].name", "devnet")


def test_parse_config__duplicate_chain_id__rejected(tmp_path: Path) -> None:
    second = {**_valid()["chains"][0], "name": "again"}
    error = _error(tmp_path, _with("chains", [_valid()["chains"][0], second]))

    assert (error.key, error.value) == ("chains[1].chain_id", 31337)


def test_parse_config__deployment_of_another_chain__rejected_naming_both_ids(
    tmp_path: Path,
) -> None:
    _write_deployment(tmp_path, chain_id=1)

    error = _error(tmp_path, _valid())

    assert error.key == "chains[0].deployment"
    assert "chain id 1" in error.reason and "31337" in error.reason


def test_parse_config__deployment_missing__rejected(tmp_path: Path) -> None:
    error = _error(tmp_path, _with("chains.0.deployment", "nowhere.json"))

    assert (error.key, error.value) == ("chains[0].deployment", str(tmp_path / "nowhere.json"))


def test_parse_config__no_role_enabled__rejected(tmp_path: Path) -> None:
    error = _error(tmp_path, _with("chains.0.validator", {"enabled": False}))

    assert error.key == "chains[0]" and "no role enabled" in error.reason


def test_parse_config__validator_without_stake_limit__rejected(tmp_path: Path) -> None:
    error = _error(tmp_path, _with("chains.0.validator", {"enabled": True}))

    assert error.key == "chains[0].validator.max_stake_per_request_flx"


def test_parse_config__exposure_below_stake_limit__rejected(tmp_path: Path) -> None:
    error = _error(tmp_path, _with("chains.0.validator.max_total_exposure_flx", "99.5"))

    assert (error.key, error.value) == ("chains[0].validator.max_total_exposure_flx", "99.5")


@pytest.mark.parametrize(
    ("value", "reason"),
    [(100.5, "decimal string"), ("1e3", "not a decimal"), ("0.0000000000000000001", "18 decimal")],
)
def test_parse_config__bad_flx_amount__rejected(tmp_path: Path, value: object, reason: str) -> None:
    error = _error(tmp_path, _with("chains.0.validator.max_stake_per_request_flx", value))

    assert (error.key, error.value) == ("chains[0].validator.max_stake_per_request_flx", value)
    assert reason in error.reason


def test_parse_config__feed_not_in_deployment__rejected_listing_known(tmp_path: Path) -> None:
    feed = {**_feed(), "name": "DOGE / USD"}
    document = _with("chains.0.provider", {"enabled": True, "feeds": [feed]})

    error = _error(tmp_path, document)

    assert (error.key, error.value) == ("chains[0].provider.feeds[0].name", "DOGE / USD")
    assert "ETH / USD" in error.reason


def test_parse_config__duplicate_feed__rejected(tmp_path: Path) -> None:
    document = _with("chains.0.provider", {"enabled": True, "feeds": [_feed(), _feed()]})

    error = _error(tmp_path, document)

    assert (error.key, error.value) == ("chains[0].provider.feeds[1].name", "ETH / USD")


def test_parse_config__duplicate_peer__rejected(tmp_path: Path) -> None:
    peers = ["http://peer.example:9464", "http://PEER.example:9464/"]
    document = _with("chains.0.provider", {"enabled": True, "peers": peers, "feeds": [_feed()]})

    error = _error(tmp_path, document)

    assert (error.key, error.value) == ("chains[0].provider.peers[1]", peers[1])


def test_parse_config__provider_enabled_without_feeds__rejected(tmp_path: Path) -> None:
    error = _error(tmp_path, _with("chains.0.provider", {"enabled": True}))

    assert error.key == "chains[0].provider.feeds"


@pytest.mark.parametrize(("multiplier", "reason"), [(0.01, "decimal string"), ("0", "positive")])
def test_parse_config__bad_multiplier__rejected(
    tmp_path: Path, multiplier: object, reason: str
) -> None:
    feed = _feed()
    feed["sources"][0]["multiplier"] = multiplier
    document = _with("chains.0.provider", {"enabled": True, "feeds": [feed]})

    error = _error(tmp_path, document)

    assert error.key == "chains[0].provider.feeds[0].sources[0].multiplier"
    assert reason in error.reason


def test_parse_config__aggregator_not_in_deployment__rejected(tmp_path: Path) -> None:
    aggregators = [{"name": "ETH / USD", "deviation_bps": 50, "heartbeat_s": 60}]
    document = _with("chains.0.keeper", {"enabled": True, "aggregators": aggregators})

    error = _error(tmp_path, document)

    assert (error.key, error.value) == ("chains[0].keeper.aggregators[0].name", "ETH / USD")


def test_parse_config__keeper_with_nothing_to_do__rejected(tmp_path: Path) -> None:
    error = _error(tmp_path, _with("chains.0.keeper", {"enabled": True, "finalize": False}))

    assert error.key == "chains[0].keeper.finalize"


def test_parse_config__credential_variable_unset__names_it(tmp_path: Path) -> None:
    credential = {"host": "api.example.com", "header": "X-Api-Key", "value_env": "UNSET_KEY"}

    error = _error(tmp_path, _with("fetch.credentials", [credential]))

    assert (error.key, error.value) == ("fetch.credentials[0].value_env", "UNSET_KEY")


def test_parse_config__credential_for_reserved_header__rejected(tmp_path: Path) -> None:
    credential = {"host": "api.example.com", "header": "Host", "value_env": "EXAMPLE_API_KEY"}

    error = _error(tmp_path, _with("fetch.credentials", [credential]))

    assert (error.key, error.value) == ("fetch.credentials[0].header", "Host")


def test_parse_config__two_credentials_for_one_host__rejected(tmp_path: Path) -> None:
    credential = {"host": "api.example.com", "header": "X-Api-Key", "value_env": "EXAMPLE_API_KEY"}
    twice = [credential, {**credential, "host": "API.example.com"}]

    error = _error(tmp_path, _with("fetch.credentials", twice))

    assert (error.key, error.value) == ("fetch.credentials[1].host", "API.example.com")


def test_load_config__not_toml__names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "node.toml"
    path.write_text("[node\n")

    with pytest.raises(ConfigError, match="not valid TOML") as caught:
        load_config(path, environ=ENVIRON)

    assert caught.value.key == str(path)


def test_load_config__missing_file__names_it(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(tmp_path / "absent.toml", environ=ENVIRON)


# --- the signer ------------------------------------------------------------------------------


def test_resolve_signer__key_in_environment__account(tmp_path: Path) -> None:
    config = _load(tmp_path, _valid())

    account = resolve_signer(config.signer, environ=ENVIRON)

    assert account.address == Account.from_key(DEV_KEY).address


def test_resolve_signer__variable_unset__names_it(tmp_path: Path) -> None:
    config = _load(tmp_path, _valid())

    with pytest.raises(ConfigError) as caught:
        resolve_signer(config.signer, environ={})

    assert caught.value.key == "$FLUXO_PRIVATE_KEY"


def test_resolve_signer__keystore__decrypted_with_password_from_environment(
    tmp_path: Path,
) -> None:
    # Light scrypt parameters: the test checks the wiring, not the key derivation's cost.
    keystore = Account.encrypt(DEV_KEY, "pass", kdf="pbkdf2", iterations=2)
    (tmp_path / "keystore.json").write_text(json.dumps(keystore))
    signer = {"keystore": "keystore.json", "keystore_password_env": "KEYSTORE_PASSWORD"}
    config = _load(tmp_path, _with("signer", signer))

    account = resolve_signer(config.signer, environ={"KEYSTORE_PASSWORD": "pass"})

    assert account.address == Account.from_key(DEV_KEY).address


def test_resolve_signer__keystore_wrong_password__refused(tmp_path: Path) -> None:
    keystore = Account.encrypt(DEV_KEY, "pass", kdf="pbkdf2", iterations=2)
    (tmp_path / "keystore.json").write_text(json.dumps(keystore))
    signer = {"keystore": "keystore.json", "keystore_password_env": "KEYSTORE_PASSWORD"}
    config = _load(tmp_path, _with("signer", signer))

    with pytest.raises(ConfigError, match="cannot be decrypted"):
        resolve_signer(config.signer, environ={"KEYSTORE_PASSWORD": "wrong"})
