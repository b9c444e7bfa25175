"""The Oracle owner's commands (`whitelist`, `config set`) refuse, before sending, a signer that
is not the owner: the Oracle would revert without naming who the owner is."""

from fluxo.exceptions import ConfigError
from fluxo.sdk import Fluxo


async def check_owner(fx: Fluxo, signer: str) -> None:
    owner = await fx.requests.oracle.owner()
    if owner != signer:
        raise ConfigError(
            "signer", signer, f"not the Oracle's owner ({owner}); only the owner may do this"
        )
