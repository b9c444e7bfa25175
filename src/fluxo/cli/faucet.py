"""`fluxo faucet ADDRESS`: drip test tokens to an account, and say when it may drip again."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from fluxo.cli.errors import reporting
from fluxo.cli.options import (
    DEFAULT_DEPLOYMENT_PATH,
    DEFAULT_KEYSTORE_PASSWORD_ENV_VAR,
    DEFAULT_PRIVATE_KEY_ENV_VAR,
    DEFAULT_RPC_URL,
    DeploymentOption,
    JsonOption,
    KeystoreOption,
    KeystorePasswordEnvOption,
    PrivateKeyEnvOption,
    RpcUrlOption,
)
from fluxo.cli.output import duration, emit_json, stderr_console, stdout_console, utc

if TYPE_CHECKING:
    from fluxo.cli.session import Token
    from fluxo.sdk import Drip


def faucet(
    address: Annotated[str, typer.Argument(help="Who receives the tokens.", show_default=False)],
    rpc_url: RpcUrlOption = DEFAULT_RPC_URL,
    deployment: DeploymentOption = DEFAULT_DEPLOYMENT_PATH,
    private_key_env: PrivateKeyEnvOption = DEFAULT_PRIVATE_KEY_ENV_VAR,
    keystore: KeystoreOption = None,
    keystore_password_env: KeystorePasswordEnvOption = DEFAULT_KEYSTORE_PASSWORD_ENV_VAR,
    as_json: JsonOption = False,
) -> None:
    """Drip test FLX (and payment tokens) to ADDRESS; say when it may drip again.

    The deployment's faucet sends the tokens; the signer pays the gas. While ADDRESS cools
    down, exits 1 saying when it may retry.

    Example: fluxo faucet 0x70997970C51812dc3A010C7d01b50e0d17dc79C8
    """
    with reporting(stderr_console(), "faucet"):
        drip, flx, payment, now_s = _drip(
            address, rpc_url, deployment, private_key_env, keystore, keystore_password_env
        )
        if as_json:
            emit_json(
                {
                    "account": drip.account,
                    "flx_amount_wei": str(drip.flx_amount),
                    "payment_amount_wei": str(drip.payment_amount),
                    "next_drip_at": drip.next_drip_at,
                }
            )
            return
        tokens = flx.show(drip.flx_amount)
        if drip.payment_amount:
            tokens += f" and {payment.show(drip.payment_amount)}"
        stdout_console().print(
            f"Dripped {tokens} to {drip.account}; next drip possible at "
            f"{utc(drip.next_drip_at)} (in {duration(drip.next_drip_at - now_s)})"
        )


def _drip(
    address: str,
    rpc_url: str,
    deployment: Path,
    private_key_env: str,
    keystore: Path | None,
    keystore_password_env: str,
) -> "tuple[Drip, Token, Token, int]":
    from fluxo.cli.errors import Refused
    from fluxo.cli.request_actions import tokens
    from fluxo.cli.session import address_option, connected, load_deployment, require_gas_funds, run
    from fluxo.keys import load_signer

    account = address_option(address, "ADDRESS")
    record = load_deployment(deployment)
    sender = load_signer(private_key_env, keystore, keystore_password_env)

    async def body() -> "tuple[Drip, Token, Token, int]":
        async with connected(rpc_url, record) as fx:
            next_at = await fx.faucet.next_drip_at(account)
            now_s = await fx.client.block_timestamp()
            if next_at > now_s:
                raise Refused(
                    f"{account} is cooling down: it may drip again at {utc(next_at)} "
                    f"(unix {next_at}, in {duration(next_at - now_s)})"
                )
            flx, payment = await tokens(fx)
            await require_gas_funds(fx.client, sender.address)
            drip = await fx.faucet.drip(sender, account)
            return drip, flx, payment, await fx.client.block_timestamp()

    return run(body())
