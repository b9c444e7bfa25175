"""Devnet actors: the dev mnemonic's accounts on anvil, or the keys a user gives, in order."""

import pytest

from fluxo.devnet.actors import ACTOR_COUNT, actors_from_keys, dev_actors
from fluxo.devnet.dev_accounts import ANVIL_DEV_PRIVATE_KEYS
from fluxo.exceptions import ConfigError


def test_dev_actors__anvil__the_mnemonics_accounts_in_order() -> None:
    actors = dev_actors()

    assert actors.deployer.private_key == ANVIL_DEV_PRIVATE_KEYS[0]
    assert actors.validators[0].private_key == ANVIL_DEV_PRIVATE_KEYS[1]
    assert len({actor.address for actor in actors.everyone}) == ACTOR_COUNT
    assert actors.faulty_validator.name == "validator-5"
    assert actors.faulty_validator not in actors.honest_validators
    assert len(actors.honest_validators) == 4


def test_actors_from_keys__fourteen_keys__named_in_order() -> None:
    keys = [dev.private_key for dev in dev_actors().everyone]

    actors = actors_from_keys(",\n".join(keys))

    assert [actor.private_key for actor in actors.everyone] == keys
    assert actors.keeper.name == "keeper"
    assert [trader.name for trader in actors.traders] == ["trader-1", "trader-2", "trader-3"]


def test_actors_from_keys__too_few_keys__names_the_count() -> None:
    with pytest.raises(ConfigError, match="needs 14 private keys"):
        actors_from_keys(" ".join(ANVIL_DEV_PRIVATE_KEYS[:3]))


def test_actors_from_keys__repeated_key__refused() -> None:
    keys = [dev.private_key for dev in dev_actors().everyone]
    keys[-1] = keys[0]

    with pytest.raises(ConfigError, match="distinct"):
        actors_from_keys(" ".join(keys))


def test_actors_from_keys__not_a_key__refused_without_echoing_it() -> None:
    keys = [dev.private_key for dev in dev_actors().everyone]
    keys[2] = "hunter2"

    with pytest.raises(ConfigError, match="key 3"):
        actors_from_keys(" ".join(keys))
