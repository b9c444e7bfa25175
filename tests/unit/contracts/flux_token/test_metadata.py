"""FluxToken's constructor: metadata, EIP-712 domain, initial supply and roles."""

from typing import Any

import boa

from tests.harness.deployers import FLUX_TOKEN_DEPLOYER


def test_metadata__deployed__is_flux_flx_18(flux_token: Any) -> None:
    assert flux_token.name() == "Flux"
    assert flux_token.symbol() == "FLX"
    assert flux_token.decimals() == 18


def test_deploy__initial_supply__minted_to_deployer(
    flux_token: Any, owner: str, initial_supply_wei: int
) -> None:
    assert flux_token.totalSupply() == initial_supply_wei
    assert flux_token.balanceOf(owner) == initial_supply_wei


def test_deploy__zero_supply__mints_nothing(owner: str) -> None:
    token = FLUX_TOKEN_DEPLOYER.deploy(0, sender=owner)

    assert token.totalSupply() == 0
    assert token.balanceOf(owner) == 0


def test_deploy__deployer__is_owner_and_minter(flux_token: Any, owner: str, holder: str) -> None:
    assert flux_token.owner() == owner
    assert flux_token.is_minter(owner)
    assert not flux_token.is_minter(holder)


def test_eip712_domain__deployed__names_flux_version_1_this_chain(flux_token: Any) -> None:
    fields, name, version, chain_id, verifying_contract, salt, extensions = (
        flux_token.eip712Domain()
    )

    assert fields == b"\x0f"
    assert (name, version) == ("Flux", "1")
    assert chain_id == boa.env.evm.patch.chain_id
    assert verifying_contract == flux_token.address
    assert salt == b"\x00" * 32
    assert extensions == []
