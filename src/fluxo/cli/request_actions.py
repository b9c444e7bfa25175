"""What each `fluxo request ...` command does on the chain, through the SDK: read what it
needs, refuse (before anything is sent) what the Oracle would revert, send, and return what
the command prints. Imported by the commands when they run: it pulls in web3."""

import asyncio
from collections.abc import AsyncGenerator, AsyncIterator, Mapping
from contextlib import aclosing
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Generic, TypeVar, cast

from eth_account.signers.local import LocalAccount
from eth_typing import ChecksumAddress

from fluxo.chain.binding import EventLog
from fluxo.chain.bindings.erc20 import ERC20
from fluxo.chain.bindings.oracle import (
    CallbackFailed,
    Cancelled,
    Claimed,
    Finalized,
    Staked,
    Unstaked,
    Withdrawn,
)
from fluxo.chain.bindings.requester import Requester
from fluxo.cli.errors import Refused
from fluxo.cli.output import utc
from fluxo.cli.request_file import RequestSpec
from fluxo.cli.request_reads import account_view, recent_requests, requester_names
from fluxo.cli.request_views import AccountView
from fluxo.cli.session import (
    Token,
    address_option,
    check_request_id,
    connected,
    require_gas_funds,
    token,
)
from fluxo.cli.staking import check_stakeable, is_text_answer, outcome_from_answer
from fluxo.deployment import Deployment
from fluxo.domain.outcome import OutcomeKind
from fluxo.exceptions import ChainError, ConfigError, InvalidRequest, WaitTimeout
from fluxo.sdk import Fluxo, RequestInfo, RequestState, RequestStatus, RequestUpdate

E = TypeVar("E", bound=EventLog)

# What `publish_answer` takes (String[1024]).
MAX_PUBLISHED_ANSWER_BYTES: Final = 1024
FINAL: Final = (RequestStatus.FINALIZED, RequestStatus.CANCELLED)


@dataclass(frozen=True, slots=True)
class Context:
    """Where a command runs: the chain, the deployment, and the signer if it sends."""

    rpc_url: str
    deployment: Path | Deployment
    sender: LocalAccount | None = None

    @property
    def signer(self) -> LocalAccount:
        if self.sender is None:  # every sending command loads its signer first
            raise ConfigError("signer", None, "this command needs a signing key")
        return self.sender


def command_context(
    rpc_url: str,
    deployment: Path,
    private_key_env: str | None,
    keystore: Path | None,
    keystore_password_env: str,
) -> Context:
    """A command's `Context` from its options: the deployment file read (exit 2 when it is
    missing), and the signer loaded when a key is named (exit 2 on a missing or bad key)."""
    from fluxo.cli.options import DEFAULT_PRIVATE_KEY_ENV_VAR
    from fluxo.cli.session import load_deployment
    from fluxo.keys import load_signer

    record = load_deployment(deployment)
    if private_key_env is None and keystore is None:
        return Context(rpc_url, record)
    signer = load_signer(
        private_key_env or DEFAULT_PRIVATE_KEY_ENV_VAR, keystore, keystore_password_env
    )
    return Context(rpc_url, record, signer)


@dataclass(frozen=True, slots=True)
class RequestView:
    """Everything `request show` prints."""

    info: RequestInfo
    requester_name: str | None
    state: RequestState
    published: Mapping[bytes, str]
    flx: Token
    payment: Token
    account: AccountView | None = None


@dataclass(frozen=True, slots=True)
class StakeResult:
    view: RequestView
    staked: Staked
    published_text: bool


@dataclass(frozen=True, slots=True)
class Receipted(Generic[E]):
    """A sent command's event, with the request as it is afterwards."""

    view: RequestView
    event: E
    callback_failed: bool = False


@dataclass(frozen=True, slots=True)
class Withdrawal:
    event: Withdrawn
    token: Token


@dataclass(frozen=True, slots=True)
class Listing:
    rows: list[tuple[RequestInfo, RequestState, str | None]]
    flx: Token
    payment: Token


async def tokens(fx: Fluxo) -> tuple[Token, Token]:
    """(FLX, payment token) of the deployment."""
    flx, payment = await asyncio.gather(
        token(fx.client, fx.deployment.flux_token), token(fx.client, fx.deployment.payment_token)
    )
    return flx, payment


async def view(fx: Fluxo, request_id: int, account: str | None = None) -> RequestView:
    await check_request_id(fx, request_id)
    info = await fx.requests.get(request_id)
    state, published, (flx, payment) = await asyncio.gather(
        fx.requests.state(request_id),
        fx.requests.published_answers(request_id, info.created_block),
        tokens(fx),
    )
    held = None if account is None else await account_view(fx, info, account)
    name = requester_names(fx).get(info.requester)
    return RequestView(info, name, state, published, flx, payment, held)


# --- creating ---------------------------------------------------------------------------------


async def create(context: Context, spec: RequestSpec) -> RequestView:
    """Check the request against the chain's config, the requester and the creator's balance,
    then create it; nothing is sent when a check fails."""
    sender = context.signer
    async with connected(context.rpc_url, context.deployment) as fx:
        flx, payment = await tokens(fx)
        fee_wei = payment.wei(spec.fee, spec.where("fee"))
        min_bond_wei = flx.wei(spec.min_bond, spec.where("min_bond"))
        args = spec.args(fee_wei=fee_wei, min_bond_wei=min_bond_wei)
        requester = _requester(fx, spec)
        oracle = fx.requests.oracle
        if not (await oracle.requester_info(requester)).whitelisted:
            raise ConfigError(spec.where("requester"), requester, "not whitelisted by the Oracle")
        await _check_creator(fx, requester, sender.address, spec.where("requester"))
        config = await oracle.config(await oracle.latest_config_id())
        cost_wei = config.validity_bond + fee_wei
        balance_wei = await ERC20(fx.client, payment.address).balance_of(sender.address)
        if balance_wei < cost_wei:
            raise Refused(
                f"{sender.address} holds {payment.show(balance_wei)}; the request costs "
                f"{payment.show(cost_wei)} (validity bond {payment.show(config.validity_bond)} "
                f"+ fee {payment.show(fee_wei)})"
            )
        await require_gas_funds(fx.client, sender.address)
        try:
            info = await fx.requests.create(sender, args, requester=requester)
        except InvalidRequest as error:  # a bound of the chain's config: name the flag
            raise spec.blame(error) from error
        return await view(fx, info.request_id)


def _requester(fx: Fluxo, spec: RequestSpec) -> ChecksumAddress:
    named = fx.deployment.requesters
    if spec.requester is None:
        if not named:
            raise ConfigError(
                "--requester", None, "the deployment names no requester: pass its address"
            )
        return address_option(next(iter(named.values())), "--requester")
    if spec.requester.startswith("0x"):
        return address_option(spec.requester, spec.where("requester"))
    if spec.requester not in named:
        raise ConfigError(
            spec.where("requester"),
            spec.requester,
            f"not in the deployment (known: {sorted(named)})",
        )
    return address_option(named[spec.requester], spec.where("requester"))


async def _check_creator(fx: Fluxo, requester: str, creator: str, where: str) -> None:
    try:
        allowed = await Requester(fx.client, requester).is_creator(creator)
    except ChainError as error:
        raise ConfigError(where, requester, "not a Fluxo Requester contract") from error
    if not allowed:
        raise ConfigError(
            "signer", creator, f"not a creator of requester {requester} (its owner adds creators)"
        )


# --- reading ----------------------------------------------------------------------------------


async def show(context: Context, request_id: int, account: str | None) -> RequestView:
    async with connected(context.rpc_url, context.deployment) as fx:
        return await view(fx, request_id, account)


async def listing(context: Context, limit: int, status: str | None) -> Listing:
    wanted = None if status is None else RequestStatus(status)
    async with connected(context.rpc_url, context.deployment) as fx:
        found, (flx, payment) = await asyncio.gather(recent_requests(fx, limit, wanted), tokens(fx))
        names = requester_names(fx)
        rows = [(info, state, names.get(info.requester)) for info, state in found]
        return Listing(rows, flx, payment)


async def watch(
    context: Context, request_id: int, poll_interval_s: float, timeout_s: float | None
) -> AsyncIterator[tuple[RequestUpdate, RequestView]]:
    """Each update with the request as it is after it; ends when the request is final.
    `WaitTimeout` after `timeout_s`."""
    async with connected(context.rpc_url, context.deployment) as fx:
        current = await view(fx, request_id)
        updates = cast(
            AsyncGenerator[RequestUpdate, None],
            fx.requests.watch(
                request_id, poll_interval_s=poll_interval_s, from_block=current.info.created_block
            ),
        )
        try:
            async with asyncio.timeout(timeout_s), aclosing(updates) as stream:
                async for update in stream:
                    if current.info.kind is OutcomeKind.STRING:  # its texts may be new
                        current = await view(fx, request_id)
                    yield update, current
        except TimeoutError:
            raise WaitTimeout(f"request {request_id} not final after {timeout_s:g} s") from None


# --- playing ----------------------------------------------------------------------------------


async def stake(
    context: Context,
    request_id: int,
    answer: str,
    amount: str | None,
    *,
    dispute: bool,
    publish: bool,
) -> StakeResult:
    """Stake `amount` FLX (a dispute: the open round's whole bond) on ANSWER."""
    sender = context.signer
    async with connected(context.rpc_url, context.deployment) as fx:
        current = await view(fx, request_id)
        info, state, flx = current.info, current.state, current.flx
        outcome = outcome_from_answer(info, answer)
        if dispute and state.status is RequestStatus.OPEN:
            raise ConfigError(
                "REQUEST_ID",
                request_id,
                "nothing is bonded yet to dispute: `fluxo request stake` answers round 0",
            )
        amount_wei = state.rounds[-1].bond
        if amount is not None:
            amount_wei = flx.wei(amount, "--amount")
            if amount_wei == 0:
                raise ConfigError("--amount", amount, "must be more than 0")
        check_stakeable(info, state, outcome, answer, await fx.client.block_timestamp())
        needed_wei = min(amount_wei, state.rounds[-1].bond)
        balance_wei = await ERC20(fx.client, flx.address).balance_of(sender.address)
        if balance_wei < needed_wei:
            raise Refused(
                f"{sender.address} holds {flx.show(balance_wei)}; the stake needs up to "
                f"{flx.show(needed_wei)}"
            )
        await require_gas_funds(fx.client, sender.address)
        published = False
        if (
            publish
            and is_text_answer(info, answer)
            and outcome not in current.published
            and len(answer.encode("utf-8")) <= MAX_PUBLISHED_ANSWER_BYTES
        ):
            await fx.requests.oracle.publish_answer(sender, request_id, answer)
            published = True
        if dispute:
            staked = await fx.requests.dispute(sender, request_id, outcome)
        else:
            staked = await fx.requests.stake(sender, request_id, outcome, amount_wei)
        return StakeResult(await view(fx, request_id), staked, published)


async def finalize(context: Context, request_id: int) -> Receipted[Finalized]:
    sender = context.signer
    async with connected(context.rpc_url, context.deployment) as fx:
        current = await view(fx, request_id)
        state = current.state
        if state.status in FINAL:
            raise Refused(f"request {request_id} is already {state.status.value}")
        if state.status in (RequestStatus.UNSETTLED, RequestStatus.OPEN):
            raise Refused(f"request {request_id}: nothing is bonded yet, nothing to finalize")
        if state.status is RequestStatus.DISPUTABLE:
            end_s = state.rounds[-1].end
            if await fx.client.block_timestamp() < end_s:
                raise Refused(
                    f"request {request_id}: round {state.current_round} takes disputes until "
                    f"{utc(end_s)}"
                )
        await require_gas_funds(fx.client, sender.address)
        receipt = await fx.requests.finalize(sender, request_id)
        oracle = fx.requests.oracle
        event = oracle.single_event(receipt, Finalized)
        failed = bool(oracle.events_in(receipt, CallbackFailed))
        return Receipted(await view(fx, request_id), event, failed)


async def unstake(
    context: Context, request_id: int, round_index: int, answer: str, amount: str | None
) -> Receipted[Unstaked]:
    sender = context.signer
    async with connected(context.rpc_url, context.deployment) as fx:
        current = await view(fx, request_id)
        info, state, flx = current.info, current.state, current.flx
        if not 0 <= round_index <= state.current_round:
            raise ConfigError(
                "ROUND", round_index, f"rounds of this request: 0 to {state.current_round}"
            )
        outcome = outcome_from_answer(info, answer)
        round_info = state.rounds[round_index]
        if round_info.bonded and round_info.bonded_outcome == outcome:
            raise ConfigError(
                "ANSWER", answer, f"round {round_index} bonded it: bonded stakes are claimed"
            )
        held_wei = await fx.requests.oracle.staked(request_id, round_index, sender.address, outcome)
        if held_wei == 0:
            raise Refused(f"{sender.address} holds nothing in round {round_index} on {answer!r}")
        amount_wei = held_wei
        if amount is not None:
            amount_wei = flx.wei(amount, "--amount")
            if not 0 < amount_wei <= held_wei:
                raise ConfigError("--amount", amount, f"more than 0, at most {flx.show(held_wei)}")
        await require_gas_funds(fx.client, sender.address)
        receipt = await fx.requests.unstake(sender, request_id, round_index, outcome, amount_wei)
        event = fx.requests.oracle.single_event(receipt, Unstaked)
        return Receipted(await view(fx, request_id), event)


async def claim(context: Context, request_id: int, account: str | None) -> Receipted[Claimed]:
    sender = context.signer
    beneficiary = sender.address if account is None else address_option(account, "--account")
    async with connected(context.rpc_url, context.deployment) as fx:
        current = await view(fx, request_id)
        if current.state.status not in FINAL:
            raise Refused(f"request {request_id} is {current.state.status.value}, not final yet")
        stake_wei, payment_wei = await fx.requests.claimable(request_id, beneficiary)
        if stake_wei == 0 and payment_wei == 0:
            raise Refused(f"{beneficiary} has nothing to claim from request {request_id}")
        await require_gas_funds(fx.client, sender.address)
        event = await fx.requests.claim(sender, request_id, beneficiary)
        return Receipted(await view(fx, request_id), event)


async def cancel(context: Context, request_id: int) -> Receipted[Cancelled]:
    sender = context.signer
    async with connected(context.rpc_url, context.deployment) as fx:
        current = await view(fx, request_id)
        if current.state.status not in (RequestStatus.UNSETTLED, RequestStatus.OPEN):
            raise Refused(
                f"request {request_id} is {current.state.status.value}: only an unanswered "
                "request can be cancelled"
            )
        await require_gas_funds(fx.client, sender.address)
        receipt = await fx.requests.cancel(sender, request_id, requester=current.info.requester)
        event = fx.requests.oracle.single_event(receipt, Cancelled)
        return Receipted(await view(fx, request_id), event)


async def withdraw(context: Context, token_choice: str, account: str | None) -> Withdrawal:
    sender = context.signer
    beneficiary = sender.address if account is None else address_option(account, "--account")
    async with connected(context.rpc_url, context.deployment) as fx:
        address = _token_address(fx.deployment, token_choice)
        chosen = await token(fx.client, address)
        oracle = fx.requests.oracle
        if await oracle.withdrawable(address, beneficiary) == 0:
            raise Refused(f"the Oracle holds no {chosen.symbol} credited to {beneficiary}")
        await require_gas_funds(fx.client, sender.address)
        receipt = await oracle.withdraw(sender, address, beneficiary)
        return Withdrawal(oracle.single_event(receipt, Withdrawn), chosen)


def _token_address(deployment: Deployment, choice: str) -> ChecksumAddress:
    if choice.strip().lower() == "flx":
        return address_option(deployment.flux_token, "--token")
    if choice.strip().lower() == "payment":
        return address_option(deployment.payment_token, "--token")
    if not choice.startswith("0x"):
        raise ConfigError("--token", choice, "flx, payment or a token address")
    return address_option(choice, "--token")
