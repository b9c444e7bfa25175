"""Signing keys for commands and the node: only from an environment variable or an encrypted
keystore (with its password in an environment variable), never from a flag, which would end up
in shell history and process listings."""

import json
import os
from collections.abc import Mapping
from pathlib import Path

from eth_account import Account
from eth_account.signers.local import LocalAccount

from fluxo.exceptions import ConfigError


def account_from_env(variable: str, environ: Mapping[str, str] | None = None) -> LocalAccount:
    """The account whose private key `$variable` holds (in `environ`, default `os.environ`)."""
    key = (os.environ if environ is None else environ).get(variable)
    if not key:
        raise ConfigError(
            f"${variable}", None, "not set; it must hold the signer's private key (0x + 64 hex)"
        )
    try:
        account: LocalAccount = Account.from_key(key)
    except (ValueError, TypeError):
        # The original error could quote the key, so it is neither shown nor chained.
        raise ConfigError(f"${variable}", "<hidden>", "does not hold a valid private key") from None
    return account


def account_from_keystore(
    path: Path, password_variable: str, environ: Mapping[str, str] | None = None
) -> LocalAccount:
    """The account of an eth-account keystore JSON file, decrypted with `$password_variable`
    (in `environ`, default `os.environ`)."""
    password = (os.environ if environ is None else environ).get(password_variable)
    if password is None:
        raise ConfigError(f"${password_variable}", None, f"not set; it must hold {path}'s password")
    try:
        keystore = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ConfigError(str(path), None, f"not a readable keystore file: {error}") from error
    try:
        key = Account.decrypt(keystore, password)
    except (ValueError, TypeError, KeyError):
        raise ConfigError(
            str(path), "<keystore>", f"cannot be decrypted with ${password_variable}"
        ) from None
    account: LocalAccount = Account.from_key(key)
    return account


def load_signer(
    private_key_env: str, keystore: Path | None, keystore_password_env: str
) -> LocalAccount:
    """The account a command signs with: the keystore when one is given, else the key in
    `$private_key_env` (what `--keystore` / `--private-key-env` say)."""
    if keystore is not None:
        return account_from_keystore(keystore, keystore_password_env)
    return account_from_env(private_key_env)
