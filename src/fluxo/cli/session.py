"""What a command that talks to a deployment needs: the deployment file (with a message that
says how to get one), a connected `Fluxo`, the tokens' symbols and decimals, and the checks on
addresses and request ids that turn a typo into exit 2 before anything is sent.

Imported inside command functions only: it pulls in web3."""

import asyncio
from collections.abc import AsyncIterator, Coroutine
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from eth_typing import ChecksumAddress

from fluxo.chain.bindings.erc20 import ERC20
from fluxo.chain.client import ChainClient
from fluxo.cli.amounts import format_units, parse_amount
from fluxo.deployment import Deployment
from fluxo.domain.address import parse_address
from fluxo.exceptions import ChainError, ConfigError
from fluxo.sdk import Fluxo

T = TypeVar("T")


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a command's async body to completion."""
    return asyncio.run(coroutine)


def load_deployment(path: Path) -> Deployment:
    """The deployment file; a missing one is named with how to write one."""
    if not path.is_file():
        raise ConfigError(
            "--deployment",
            str(path),
            "no such file: write one with `fluxo deploy` (or `fluxo devnet`), or pass "
            "--deployment / set $FLUXO_DEPLOYMENT",
        )
    return Deployment.load(path)


@asynccontextmanager
async def connected(rpc_url: str, deployment: Deployment | Path) -> AsyncIterator[Fluxo]:
    """A `Fluxo` on `rpc_url` for the deployment; refuses an RPC serving another chain."""
    record = deployment if isinstance(deployment, Deployment) else load_deployment(deployment)
    async with await Fluxo.connect(rpc_url, deployment=record) as fx:
        yield fx


def address_option(text: str, flag: str) -> ChecksumAddress:
    """`text` as a checksummed address, or a `ConfigError` naming `flag` and the text."""
    try:
        return parse_address(text)
    except ValueError as error:
        reason = "its EIP-55 checksum is wrong" if "checksum" in str(error) else "not an address"
        raise ConfigError(flag, text, f"{reason} (0x followed by 40 hex digits)") from error


@dataclass(frozen=True, slots=True)
class Token:
    """An ERC-20 as a command shows and parses its amounts."""

    address: ChecksumAddress
    symbol: str
    decimals: int

    def wei(self, text: str, flag: str) -> int:
        """`text` units of this token as wei (`ConfigError` naming `flag`)."""
        return parse_amount(text, flag, decimals=self.decimals, symbol=self.symbol)

    def show(self, amount_wei: int) -> str:
        return f"{format_units(amount_wei, self.decimals)} {self.symbol}"


async def token(client: ChainClient, address: str) -> Token:
    """The symbol and decimals of the token at `address`."""
    erc20 = ERC20(client, address)
    symbol, decimals = await asyncio.gather(erc20.symbol(), erc20.decimals())
    return Token(erc20.address, symbol, decimals)


async def contract_token(client: ChainClient, address: str, flag: str) -> Token:
    """Like `token`, for an address the user gave: no contract there, or one that is no
    ERC-20, is a `ConfigError` naming `flag`."""
    if await client.code_size(address) == 0:
        raise ConfigError(flag, address, f"no contract at this address on chain {client.chain_id}")
    try:
        return await token(client, address)
    except ChainError as error:
        raise ConfigError(flag, address, f"does not answer symbol()/decimals(): {error}") from error


async def check_request_id(fx: Fluxo, request_id: int) -> None:
    """An id the Oracle never issued is a `ConfigError` naming it, before anything is sent."""
    count = await fx.requests.oracle.request_count()
    if not 0 <= request_id < count:
        known = f"0 to {count - 1}" if count else "none yet"
        raise ConfigError("REQUEST_ID", request_id, f"no such request (ids issued: {known})")


async def require_gas_funds(client: ChainClient, account: str) -> None:
    """A signer without native currency for gas fails before anything is built."""
    if await client.balance(account) == 0:
        raise ConfigError("signer", account, "holds no native currency to pay for gas")
