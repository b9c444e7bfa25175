"""The options every `fluxo` command spells the same way: where the chain is, which deployment,
whose key, and `--json` for machine-readable output."""

from pathlib import Path
from typing import Annotated, Final

import typer

DEFAULT_RPC_URL: Final = "http://127.0.0.1:8545"
RPC_URL_ENV_VAR: Final = "FLUXO_RPC_URL"
DEFAULT_PRIVATE_KEY_ENV_VAR: Final = "FLUXO_PRIVATE_KEY"
DEFAULT_KEYSTORE_PASSWORD_ENV_VAR: Final = "FLUXO_KEYSTORE_PASSWORD"
DEPLOYMENT_ENV_VAR: Final = "FLUXO_DEPLOYMENT"
DEFAULT_DEPLOYMENT_PATH: Final = Path("deployment.json")

RpcUrlOption = Annotated[
    str,
    typer.Option("--rpc-url", envvar=RPC_URL_ENV_VAR, help="JSON-RPC endpoint of the chain."),
]
PrivateKeyEnvOption = Annotated[
    str,
    typer.Option(
        "--private-key-env",
        help="Name of the environment variable holding the signer's private key.",
    ),
]
KeystoreOption = Annotated[
    Path | None,
    typer.Option(
        "--keystore",
        help="An eth-account keystore JSON file to sign with, instead of --private-key-env.",
        exists=False,
    ),
]
KeystorePasswordEnvOption = Annotated[
    str,
    typer.Option(
        "--keystore-password-env",
        help="Name of the environment variable holding the keystore's password.",
    ),
]
DeploymentOption = Annotated[
    Path,
    typer.Option(
        "--deployment",
        envvar=DEPLOYMENT_ENV_VAR,
        help="The deployment file (written by `fluxo deploy` or `fluxo devnet`).",
    ),
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print machine-readable JSON instead of tables.")
]
