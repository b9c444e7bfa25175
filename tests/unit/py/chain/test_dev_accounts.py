"""The hard-coded anvil dev keys are exactly the ones its mnemonic derives."""

from eth_account.hdaccount import key_from_seed, seed_from_mnemonic

from fluxo.devnet.dev_accounts import ANVIL_DEV_MNEMONIC, ANVIL_DEV_PRIVATE_KEYS


def test_dev_private_keys__derived_from_mnemonic__match() -> None:
    seed = seed_from_mnemonic(ANVIL_DEV_MNEMONIC, passphrase="")

    derived = tuple(
        "0x" + key_from_seed(seed, f"m/44'/60'/0'/0/{index}").hex() for index in range(10)
    )

    assert derived == ANVIL_DEV_PRIVATE_KEYS
