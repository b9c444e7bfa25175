"""The node's one config file: TOML, validated by a strict schema, secrets only by reference.

    config = load_config(Path("node.toml"))          # ConfigError names the key and the value
    signer = resolve_signer(config.signer)           # from $VAR or an encrypted keystore
    for chain in config.chains:
        chain.deployed.oracle, chain.rpc_endpoints, chain.validator.max_stake_per_request_wei

Every table rejects unknown keys, every value has one type (no "5" for 5, no 1 for true), and
an error names the dotted key and the bad value: `chains[0].transactions.bump_percent = 5:
Input should be greater than or equal to 10`. Units are in the key names (`_s`, `_bps`,
`_gwei`, `_flx`); amounts of FLX and gwei are decimal strings (a TOML float would round them)
and become integer wei on the loaded model (`..._wei`).

Secrets never live in the file: the signer's key comes from an environment variable or an
eth-account keystore whose password is in one; fetch credentials name the variable holding
their value; an RPC URL with an API key in it is written `https://host/v3/${INFURA_KEY}` and
the variable is substituted at load (the template, not the key, is what logs and `/health`
show). Relative paths (`data_dir`, `deployment`, `keystore`) are relative to the config file.

After the schema, `load_config` makes the checks that need several keys or other files: unique
chain names and ids, each chain's deployment file read and its chain id equal to `chain_id`,
the provider's feeds and the keeper's aggregators present in that deployment, and at least one
role enabled per chain.
"""

import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated, Any, Final, Literal, Self
from urllib.parse import urlsplit

from eth_account.signers.local import LocalAccount
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from fluxo.answering.feed_value import FeedSource
from fluxo.answering.policy import FetchPolicy, HostCredential
from fluxo.deployment import Deployment
from fluxo.exceptions import ConfigError, InvalidAnswerRequest
from fluxo.keys import account_from_env, account_from_keystore

WEI_PER_FLX: Final = 10**18
WEI_PER_GWEI: Final = 10**9
# geth refuses a replacement transaction that raises either fee by less than 10 %.
MIN_BUMP_PERCENT: Final = 10
MAX_BPS: Final = 10_000

_ENV_NAME: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ENV_REFERENCE: Final = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
# A chain's name keys its state, logs and metrics labels: keep it plain.
_CHAIN_NAME: Final = re.compile(r"[a-z0-9][a-z0-9_-]{0,31}")
_DECIMAL_AMOUNT: Final = re.compile(r"[0-9]+(\.[0-9]+)?")
# 32 bytes of hex: what a private key looks like. Such a value is never echoed in an error.
_LOOKS_LIKE_KEY: Final = re.compile(r"(0x)?[0-9a-fA-F]{64}")
_SECRET_WORDS: Final = ("private_key", "privatekey", "password", "secret", "mnemonic")
_HIDDEN: Final = "<hidden: looks like a private key>"

ROLES: Final = ("validator", "provider", "keeper")


class _KeyProblem(ValueError):
    """Raised inside a validator to name a key below the one pydantic is validating."""

    def __init__(self, key: str, value: object, reason: str) -> None:
        super().__init__(reason)
        self.key = key
        self.value = value
        self.reason = reason


# --- value types -----------------------------------------------------------------------------


def _path(value: object) -> object:
    return Path(value) if isinstance(value, str) and value else value


def _base_dir(info: ValidationInfo) -> Path | None:
    context = info.context
    base = context.get("base_dir") if isinstance(context, Mapping) else None
    return base if isinstance(base, Path) else None


def _relative_to_config(value: Path, info: ValidationInfo) -> Path:
    base = _base_dir(info)
    value = value.expanduser()
    return value if base is None or value.is_absolute() else base / value


def _env_name(value: object) -> object:
    if isinstance(value, str) and not _ENV_NAME.fullmatch(value):
        if _LOOKS_LIKE_KEY.fullmatch(value):
            raise ValueError(
                "this looks like a private key, not the name of an environment variable: put the "
                "key in a variable (export FLUXO_PRIVATE_KEY=...) and write its name here"
            )
        raise ValueError("not an environment variable name ([A-Za-z_][A-Za-z0-9_]*)")
    return value


def _decimal_units(unit: str, decimals: int) -> Any:
    """A decimal string (or an integer) of `unit` as an integer count of its 10**-`decimals`
    parts: "1.5" FLX → 1_500_000_000_000_000_000 wei."""

    def parse(value: object) -> object:
        if isinstance(value, bool) or isinstance(value, float):
            raise ValueError(
                f'write {unit} amounts as a decimal string ("12.5"): a TOML float is rounded'
            )
        if isinstance(value, int):
            if value < 0:
                raise ValueError(f"a {unit} amount cannot be negative")
            return value * 10**decimals
        if not isinstance(value, str):
            return value  # the int field reports the type error
        text = value.replace("_", "")
        if not _DECIMAL_AMOUNT.fullmatch(text):
            raise ValueError(f'not a decimal {unit} amount (digits, optionally ".digits")')
        amount = Decimal(text)
        scaled = amount.scaleb(decimals)
        if scaled != scaled.to_integral_value():
            raise ValueError(f"{unit} has at most {decimals} decimal places")
        return int(scaled)

    return BeforeValidator(parse)


def _decimal(value: object) -> object:
    if isinstance(value, bool) or isinstance(value, float):
        raise ValueError('write it as a decimal string ("0.01"): a TOML float is rounded')
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        try:
            parsed = Decimal(value)
        except InvalidOperation:
            raise ValueError("not a decimal number") from None
        if not parsed.is_finite() or parsed <= 0:
            raise ValueError("must be a positive decimal number")
        return parsed
    return value


def _http_url(value: object) -> object:
    if not isinstance(value, str):
        return value
    parts = urlsplit(_ENV_REFERENCE.sub("x", value))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("not an http(s) URL with a host")
    return value


ConfigPath = Annotated[Path, BeforeValidator(_path)]
EnvName = Annotated[str, BeforeValidator(_env_name)]
HttpUrl = Annotated[str, BeforeValidator(_http_url)]
FlxWei = Annotated[int, _decimal_units("FLX", 18), Field(ge=0)]
GweiWei = Annotated[int, _decimal_units("gwei", 9), Field(gt=0)]
PositiveDecimal = Annotated[Decimal, BeforeValidator(_decimal)]
Bps = Annotated[int, Field(ge=1, le=MAX_BPS)]
PositiveSeconds = Annotated[float, Field(gt=0, allow_inf_nan=False)]


class _Table(BaseModel):
    # strict: TOML already types its values, so "5" where 5 is expected is a mistake to report.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


# --- [node], [signer], [fetch] ---------------------------------------------------------------


class NodeSection(_Table):
    """`[node]`: where the node keeps its state and how it runs."""

    data_dir: ConfigPath
    listen: str = "127.0.0.1:9464"
    poll_interval_s: PositiveSeconds = 1.0
    log_format: Literal["auto", "json", "console"] = "auto"

    @field_validator("data_dir")
    @classmethod
    def _resolve_data_dir(cls, value: Path, info: ValidationInfo) -> Path:
        return _relative_to_config(value, info)

    @field_validator("listen")
    @classmethod
    def _check_listen(cls, value: str) -> str:
        _split_listen(value)
        return value

    @property
    def listen_host(self) -> str:
        return _split_listen(self.listen)[0]

    @property
    def listen_port(self) -> int:
        """The HTTP port; 0 asks the system for a free one."""
        return _split_listen(self.listen)[1]


def _split_listen(value: str) -> tuple[str, int]:
    host, separator, port_text = value.rpartition(":")
    if not separator or not host or not port_text.isdigit():
        raise ValueError('expected "host:port", e.g. "127.0.0.1:9464" or "[::1]:9464"')
    port = int(port_text)
    if port > 65_535:
        raise ValueError("the port must be in 0..65535")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    return host, port


class SignerSection(_Table):
    """`[signer]`: the account the node signs with, by reference only."""

    private_key_env: EnvName | None = None
    keystore: ConfigPath | None = None
    keystore_password_env: EnvName | None = None

    @field_validator("keystore")
    @classmethod
    def _resolve_keystore(cls, value: Path | None, info: ValidationInfo) -> Path | None:
        return None if value is None else _relative_to_config(value, info)

    @model_validator(mode="after")
    def _one_source(self) -> Self:
        if (self.private_key_env is None) == (self.keystore is None):
            raise _KeyProblem(
                "private_key_env",
                self.private_key_env,
                "set exactly one of private_key_env and keystore",
            )
        if self.keystore is not None and self.keystore_password_env is None:
            raise _KeyProblem(
                "keystore_password_env", None, "a keystore needs the variable holding its password"
            )
        if self.keystore is None and self.keystore_password_env is not None:
            raise _KeyProblem(
                "keystore_password_env",
                self.keystore_password_env,
                "only meaningful with keystore",
            )
        return self


class CredentialSection(_Table):
    """`[[fetch.credentials]]`: a header sent to one host over https, valued `$value_env`."""

    host: str = Field(min_length=1)
    header: str = Field(min_length=1)
    value_env: EnvName


class FetchSection(_Table):
    """`[fetch]`: how the node fetches request and feed sources (SPEC Part III)."""

    timeout_s: PositiveSeconds = 10.0
    allow_private_hosts: bool = False
    repeats: int = Field(default=3, ge=1, le=10)
    repeat_interval_s: float = Field(default=0.3, ge=0, le=60, allow_inf_nan=False)
    credentials: list[CredentialSection] = Field(default_factory=list)

    _policy: FetchPolicy | None = PrivateAttr(default=None)

    @property
    def policy(self) -> FetchPolicy:
        """The fetch policy with every credential's value read from its variable."""
        if self._policy is None:
            raise ConfigError("fetch", None, "not loaded by load_config: credentials unresolved")
        return self._policy


# --- [[chains]] ------------------------------------------------------------------------------


class TransactionsSection(_Table):
    """`[chains.transactions]`: gas, fee ceiling, replacement of stuck transactions."""

    gas_headroom_percent: int = Field(default=25, ge=0, le=500)
    max_fee_per_gas_wei: GweiWei = Field(default=100 * WEI_PER_GWEI, alias="max_fee_per_gas_gwei")
    bump_percent: int = Field(default=12, ge=MIN_BUMP_PERCENT, le=1_000)
    stuck_after_s: PositiveSeconds = 60.0
    receipt_timeout_s: PositiveSeconds = 120.0


class ValidatorSection(_Table):
    """`[chains.validator]`: stake on requests, within the limits set here."""

    enabled: bool = False
    max_stake_per_request_wei: FlxWei = Field(default=0, alias="max_stake_per_request_flx")
    max_total_exposure_wei: FlxWei = Field(default=0, alias="max_total_exposure_flx")

    @model_validator(mode="after")
    def _limits(self) -> Self:
        if not self.enabled:
            return self
        if self.max_stake_per_request_wei == 0:
            raise _KeyProblem(
                "max_stake_per_request_flx", "0", "a validator needs a positive stake limit"
            )
        if self.max_total_exposure_wei < self.max_stake_per_request_wei:
            raise _KeyProblem(
                "max_total_exposure_flx",
                _flx(self.max_total_exposure_wei),
                f"below max_stake_per_request_flx ({_flx(self.max_stake_per_request_wei)})",
            )
        return self


class FeedSourceSection(_Table):
    """`[[chains.provider.feeds.sources]]`: one place a feed value is fetched."""

    end_point: HttpUrl
    source_path: str = Field(min_length=1)
    multiplier: PositiveDecimal = Decimal(1)

    def feed_source(self) -> FeedSource:
        return FeedSource(self.end_point, self.source_path, self.multiplier)


class FeedSection(_Table):
    """`[[chains.provider.feeds]]`: a PriceFeed of the deployment this node reports to."""

    name: str = Field(min_length=1)
    deviation_bps: Bps
    heartbeat_s: int = Field(gt=0)
    sources: list[FeedSourceSection] = Field(min_length=1)

    @field_validator("sources")
    @classmethod
    def _sources_accepted(cls, sources: list[FeedSourceSection]) -> list[FeedSourceSection]:
        for index, source in enumerate(sources):
            try:
                source.feed_source()
            except InvalidAnswerRequest as error:
                raise _KeyProblem(
                    f"[{index}].multiplier", str(source.multiplier), str(error)
                ) from None
        return sources


class ProviderSection(_Table):
    """`[chains.provider]`: sign feed observations with the peers, the leader transmits."""

    enabled: bool = False
    peers: list[HttpUrl] = Field(default_factory=list)
    leader_timeout_s: PositiveSeconds = 10.0
    feeds: list[FeedSection] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique(self) -> Self:
        _check_unique("peers", [peer.rstrip("/").lower() for peer in self.peers], self.peers)
        _check_unique("feeds", [feed.name for feed in self.feeds], None, field="name")
        if self.enabled and not self.feeds:
            raise _KeyProblem("feeds", [], "an enabled provider needs at least one feed")
        return self


class AggregatorSection(_Table):
    """`[[chains.keeper.aggregators]]`: a FeedAggregator the keeper updates."""

    name: str = Field(min_length=1)
    deviation_bps: Bps
    heartbeat_s: int = Field(gt=0)


class KeeperSection(_Table):
    """`[chains.keeper]`: finalize requests whose window closed, update aggregators."""

    enabled: bool = False
    finalize: bool = True
    aggregators: list[AggregatorSection] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique(self) -> Self:
        _check_unique("aggregators", [item.name for item in self.aggregators], None, field="name")
        if self.enabled and not self.finalize and not self.aggregators:
            raise _KeyProblem(
                "finalize", False, "an enabled keeper with no aggregators must finalize"
            )
        return self


class ChainSection(_Table):
    """`[[chains]]`: one chain the node serves, its endpoints, its deployment and its roles."""

    name: str
    chain_id: int = Field(gt=0)
    rpc_urls: list[HttpUrl] = Field(min_length=1)
    deployment: ConfigPath
    confirmations: int = Field(default=3, ge=0, le=1_000)
    log_range_blocks: int = Field(default=2_000, ge=1, le=100_000)
    max_head_lag_blocks: int = Field(default=5, ge=0)
    rpc_timeout_s: PositiveSeconds = 10.0
    transactions: TransactionsSection = Field(default_factory=TransactionsSection)
    validator: ValidatorSection = Field(default_factory=ValidatorSection)
    provider: ProviderSection = Field(default_factory=ProviderSection)
    keeper: KeeperSection = Field(default_factory=KeeperSection)

    _deployed: Deployment | None = PrivateAttr(default=None)
    _resolved_rpc_urls: tuple[str, ...] = PrivateAttr(default=())

    @field_validator("name")
    @classmethod
    def _plain_name(cls, value: str) -> str:
        if not _CHAIN_NAME.fullmatch(value):
            raise ValueError("1-32 of a-z 0-9 _ -, starting with a letter or digit")
        return value

    @field_validator("deployment")
    @classmethod
    def _resolve_deployment(cls, value: Path, info: ValidationInfo) -> Path:
        return _relative_to_config(value, info)

    @field_validator("rpc_urls")
    @classmethod
    def _unique_urls(cls, urls: list[str]) -> list[str]:
        _check_unique("", [url.rstrip("/") for url in urls], urls)
        return urls

    @property
    def deployed(self) -> Deployment:
        """The deployment file's contents (read and checked by `load_config`)."""
        if self._deployed is None:
            raise ConfigError(f"chain {self.name}", None, "not loaded by load_config")
        return self._deployed

    @property
    def rpc_endpoints(self) -> tuple[tuple[str, str], ...]:
        """`(url, label)` per endpoint: the URL with `${VAR}`s substituted, and the template as
        written, which is what logs and `/health` may show."""
        if len(self._resolved_rpc_urls) != len(self.rpc_urls):
            raise ConfigError(f"chain {self.name}", None, "not loaded by load_config")
        return tuple(zip(self._resolved_rpc_urls, self.rpc_urls, strict=True))

    @property
    def roles(self) -> tuple[str, ...]:
        """The roles enabled on this chain, in `ROLES` order."""
        enabled = {
            "validator": self.validator.enabled,
            "provider": self.provider.enabled,
            "keeper": self.keeper.enabled,
        }
        return tuple(role for role in ROLES if enabled[role])


class NodeConfig(_Table):
    """The whole file."""

    node: NodeSection
    signer: SignerSection
    fetch: FetchSection = Field(default_factory=FetchSection)
    chains: list[ChainSection] = Field(min_length=1)

    def chain(self, name: str) -> ChainSection:
        for chain in self.chains:
            if chain.name == name:
                return chain
        raise ConfigError("chains", name, f"no such chain (known: {[c.name for c in self.chains]})")


# --- loading ---------------------------------------------------------------------------------


def load_config(path: Path, *, environ: Mapping[str, str] | None = None) -> NodeConfig:
    """Read, validate and resolve the config at `path`; `environ` (default `os.environ`)
    supplies the variables credentials and RPC URLs name. A `ConfigError` names the first
    problem's dotted key and value, and counts the others."""
    environ = os.environ if environ is None else environ
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(str(path), None, f"cannot read the config file: {error}") from error
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(str(path), None, f"not valid TOML: {error}") from error
    return parse_config(document, base_dir=path.resolve().parent, environ=environ)


def parse_config(
    document: Mapping[str, Any], *, base_dir: Path, environ: Mapping[str, str]
) -> NodeConfig:
    """Validate a parsed TOML document (`load_config` without the file)."""
    try:
        config = NodeConfig.model_validate(document, context={"base_dir": base_dir})
    except ValidationError as error:
        raise _config_error(error) from None
    _resolve_fetch(config.fetch, environ)
    _check_chains(config.chains, environ)
    return config


def resolve_signer(
    signer: SignerSection, *, environ: Mapping[str, str] | None = None
) -> LocalAccount:
    """The node's account, from `$private_key_env` or the keystore and `$keystore_password_env`
    (variables read from `environ`, default `os.environ`).

    Decrypting a keystore is deliberately slow (scrypt); call this once at start."""
    if signer.private_key_env is not None:
        return account_from_env(signer.private_key_env, environ)
    if signer.keystore is None or signer.keystore_password_env is None:
        raise ConfigError("signer", None, "neither private_key_env nor keystore is set")
    return account_from_keystore(signer.keystore, signer.keystore_password_env, environ)


def _resolve_fetch(fetch: FetchSection, environ: Mapping[str, str]) -> None:
    credentials: dict[str, HostCredential] = {}
    seen_hosts: dict[str, int] = {}
    for index, credential in enumerate(fetch.credentials):
        key = f"fetch.credentials[{index}]"
        host = credential.host.lower()
        if host in seen_hosts:
            raise ConfigError(
                f"{key}.host",
                credential.host,
                f"already has a credential (fetch.credentials[{seen_hosts[host]}])",
            )
        seen_hosts[host] = index
        value = environ.get(credential.value_env)
        if value is None:
            raise ConfigError(
                f"{key}.value_env",
                credential.value_env,
                f"${credential.value_env} is not set; it must hold the {credential.header} value",
            )
        try:
            credentials[host] = HostCredential(credential.header, value)
        except InvalidAnswerRequest as error:
            raise ConfigError(f"{key}.header", credential.header, str(error)) from None
    policy = FetchPolicy(
        timeout_s=fetch.timeout_s,
        allow_private_hosts=fetch.allow_private_hosts,
        credentials=credentials,
    )
    fetch._policy = policy


def _check_chains(chains: Sequence[ChainSection], environ: Mapping[str, str]) -> None:
    names: dict[str, int] = {}
    ids: dict[int, int] = {}
    for index, chain in enumerate(chains):
        key = f"chains[{index}]"
        if chain.name in names:
            raise ConfigError(
                f"{key}.name", chain.name, f"already used by chains[{names[chain.name]}]"
            )
        names[chain.name] = index
        if chain.chain_id in ids:
            raise ConfigError(
                f"{key}.chain_id",
                chain.chain_id,
                f"already served by chains[{ids[chain.chain_id]}]: one [[chains]] per chain",
            )
        ids[chain.chain_id] = index
        if not chain.roles:
            raise ConfigError(
                key, chain.name, f"no role enabled: set enabled = true in one of {list(ROLES)}"
            )
        chain._resolved_rpc_urls = tuple(
            _substitute(f"{key}.rpc_urls[{position}]", url, environ)
            for position, url in enumerate(chain.rpc_urls)
        )
        chain._deployed = _load_deployment(key, chain)


def _load_deployment(key: str, chain: ChainSection) -> Deployment:
    try:
        deployed = Deployment.load(chain.deployment)
    except ConfigError as error:
        raise ConfigError(f"{key}.deployment", str(chain.deployment), str(error)) from None
    if deployed.chain_id != chain.chain_id:
        raise ConfigError(
            f"{key}.deployment",
            str(chain.deployment),
            f"is for chain id {deployed.chain_id}, but {key}.chain_id is {chain.chain_id}",
        )
    for position, feed in enumerate(chain.provider.feeds):
        if feed.name not in deployed.feeds:
            raise ConfigError(
                f"{key}.provider.feeds[{position}].name",
                feed.name,
                f"no such feed in {chain.deployment.name} (known: {sorted(deployed.feeds)})",
            )
    for position, aggregator in enumerate(chain.keeper.aggregators):
        if aggregator.name not in deployed.aggregators:
            raise ConfigError(
                f"{key}.keeper.aggregators[{position}].name",
                aggregator.name,
                f"no such aggregator in {chain.deployment.name} "
                f"(known: {sorted(deployed.aggregators)})",
            )
    return deployed


def _substitute(key: str, template: str, environ: Mapping[str, str]) -> str:
    def value_of(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in environ:
            raise ConfigError(key, template, f"${{{name}}} is not set in the environment")
        return environ[name]

    return _ENV_REFERENCE.sub(value_of, template)


def _check_unique(
    key: str, normalised: Sequence[object], shown: Sequence[object] | None, *, field: str = ""
) -> None:
    first_at: dict[object, int] = {}
    for index, item in enumerate(normalised):
        if item in first_at:
            location = f"{key}[{index}]" + (f".{field}" if field else "")
            value = shown[index] if shown is not None else item
            raise _KeyProblem(location, value, f"duplicates [{first_at[item]}]")
        first_at[item] = index


def _flx(wei: int) -> str:
    return f"{Decimal(wei).scaleb(-18).normalize():f}"


def _config_error(error: ValidationError) -> ConfigError:
    problems = error.errors()
    first = problems[0]
    key = _dotted(first["loc"])
    value: object = first.get("input")
    reason = first["msg"]
    context_error = (first.get("ctx") or {}).get("error")
    if isinstance(context_error, _KeyProblem):
        sub = context_error.key
        key = f"{key}{sub}" if sub.startswith("[") or not key else f"{key}.{sub}"
        value, reason = context_error.value, context_error.reason
    elif first["type"] == "extra_forbidden":
        reason = "unknown key"
        last = str(first["loc"][-1]).lower()
        if any(word in last for word in _SECRET_WORDS):
            reason += (
                ": secrets never go in the config file; name an environment variable instead "
                "(signer.private_key_env, keystore_password_env, fetch.credentials.value_env)"
            )
    elif first["type"] == "missing":
        value = None
    elif reason.startswith("Value error, "):
        reason = reason.removeprefix("Value error, ")
    if len(problems) > 1:
        others = ", ".join(_dotted(problem["loc"]) for problem in problems[1:4])
        more = "" if len(problems) <= 4 else ", …"
        reason += f" (and {len(problems) - 1} more: {others}{more})"
    return ConfigError(key, _hide_secrets(value), reason)


def _dotted(location: Sequence[int | str]) -> str:
    key = ""
    for part in location:
        key += f"[{part}]" if isinstance(part, int) else (f".{part}" if key else str(part))
    return key


def _hide_secrets(value: object) -> object:
    if isinstance(value, str) and _LOOKS_LIKE_KEY.fullmatch(value.strip()):
        return _HIDDEN
    if isinstance(value, Mapping):
        return "<table>"
    if isinstance(value, list | tuple):
        return [_hide_secrets(item) for item in value]
    return value
