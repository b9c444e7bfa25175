"""Who takes part in a devnet, and their keys.

    actors = dev_actors()                       # anvil: keys from the dev mnemonic
    actors = actors_from_keys(os.environ[var])  # an existing chain: keys the user gives
    actors.deployer, actors.validators, actors.faulty_validator, actors.providers, actors.keeper
    actors.traders

The deployer owns every contract, is the Oracle's treasury and final arbitrator, creates the
requests (through the whitelisted Requester) and the prediction markets. The traders run no
node: they provide liquidity and trade in the markets. Every node has a key of its own: two
processes sending from one account would fight over its nonces.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from eth_account import Account
from eth_account.signers.local import LocalAccount

from fluxo.devnet.dev_accounts import ANVIL_DEV_MNEMONIC
from fluxo.exceptions import ConfigError

VALIDATOR_COUNT: Final = 5
PROVIDER_COUNT: Final = 4
TRADER_COUNT: Final = 3
# deployer, the validators, the providers, the keeper, the traders.
ACTOR_COUNT: Final = 1 + VALIDATOR_COUNT + PROVIDER_COUNT + 1 + TRADER_COUNT
KEEPER_INDEX: Final = 1 + VALIDATOR_COUNT + PROVIDER_COUNT
# The validator that reads the sources before they are corrected: the last one.
FAULTY_VALIDATOR_INDEX: Final = VALIDATOR_COUNT - 1

_KEY: Final = re.compile(r"(0x)?[0-9a-fA-F]{64}")
_SEPARATORS: Final = re.compile(r"[\s,]+")


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    account: LocalAccount

    @property
    def address(self) -> str:
        return str(self.account.address)

    @property
    def private_key(self) -> str:
        return "0x" + bytes(self.account.key).hex()


@dataclass(frozen=True, slots=True)
class Actors:
    deployer: Actor
    validators: tuple[Actor, ...]
    providers: tuple[Actor, ...]
    keeper: Actor
    traders: tuple[Actor, ...]

    @property
    def faulty_validator(self) -> Actor:
        return self.validators[FAULTY_VALIDATOR_INDEX]

    @property
    def honest_validators(self) -> tuple[Actor, ...]:
        return tuple(v for i, v in enumerate(self.validators) if i != FAULTY_VALIDATOR_INDEX)

    @property
    def nodes(self) -> tuple[Actor, ...]:
        return (*self.validators, *self.providers, self.keeper)

    @property
    def everyone(self) -> tuple[Actor, ...]:
        return (self.deployer, *self.nodes, *self.traders)


def _named(accounts: Sequence[LocalAccount]) -> Actors:
    validators = tuple(
        Actor(f"validator-{i + 1}", account)
        for i, account in enumerate(accounts[1 : 1 + VALIDATOR_COUNT])
    )
    first_provider = 1 + VALIDATOR_COUNT
    providers = tuple(
        Actor(f"provider-{i + 1}", account)
        for i, account in enumerate(accounts[first_provider : first_provider + PROVIDER_COUNT])
    )
    return Actors(
        deployer=Actor("deployer", accounts[0]),
        validators=validators,
        providers=providers,
        keeper=Actor("keeper", accounts[KEEPER_INDEX]),
        traders=tuple(
            Actor(f"trader-{i + 1}", account)
            for i, account in enumerate(accounts[KEEPER_INDEX + 1 : ACTOR_COUNT])
        ),
    )


def dev_actors() -> Actors:
    """The actors on a local anvil: the first `ACTOR_COUNT` accounts of its dev mnemonic (start
    anvil with `--accounts ACTOR_COUNT` so each is funded with ether). Public keys: never for
    real funds."""
    Account.enable_unaudited_hdwallet_features()
    accounts = [
        Account.from_mnemonic(ANVIL_DEV_MNEMONIC, account_path=f"m/44'/60'/0'/0/{index}")
        for index in range(ACTOR_COUNT)
    ]
    return _named(accounts)


def actors_from_keys(text: str, *, source: str = "--keys-env") -> Actors:
    """The actors from `ACTOR_COUNT` private keys separated by commas or whitespace, in the
    order deployer, validator-1..5, provider-1..4, keeper, trader-1..3. Each needs ether for
    gas."""
    keys = [key for key in _SEPARATORS.split(text.strip()) if key]
    if len(keys) < ACTOR_COUNT:
        raise ConfigError(
            source,
            f"{len(keys)} keys",
            f"needs {ACTOR_COUNT} private keys (deployer, {VALIDATOR_COUNT} validators, "
            f"{PROVIDER_COUNT} providers, keeper, {TRADER_COUNT} traders), separated by commas "
            "or spaces",
        )
    for position, key in enumerate(keys[:ACTOR_COUNT]):
        if not _KEY.fullmatch(key):
            raise ConfigError(source, f"key {position + 1}", "not 32 bytes of hex")
    accounts = [Account.from_key(key) for key in keys[:ACTOR_COUNT]]
    if len({account.address for account in accounts}) != ACTOR_COUNT:
        raise ConfigError(source, None, "the keys must be distinct: one account per actor")
    return _named(accounts)
