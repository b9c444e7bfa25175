"""`fluxo request ...`: create a request, follow it, and play its game by hand.

Commands parse their input, call `fluxo.cli.request_actions` (which talks to the chain through
the SDK) and print tables or `--json`. Anything wrong with the input exits 2 naming the value,
before anything is sent."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Final

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
from fluxo.cli.output import emit_json, stderr_console, stdout_console
from fluxo.exceptions import ConfigError

if TYPE_CHECKING:
    from fluxo.cli.request_actions import Context, RequestView

# `RequestStatus` values; kept here so `--help` needs no web3 (a unit test keeps them equal).
STATUSES: Final = ("unsettled", "open", "disputable", "escalated", "finalized", "cancelled")

request_app = typer.Typer(
    name="request",
    help="Ask the Oracle a question, follow it, and stake, dispute, finalize and claim by hand.",
    no_args_is_help=True,
    add_completion=False,
)

RequestIdArgument = Annotated[int, typer.Argument(help="The request's id.", show_default=False)]
AnswerArgument = Annotated[
    str,
    typer.Argument(
        help="A label or its index (categorical), a decimal (number; a negative one after `--`), "
        "a text (string), INVALID, or a 0x outcome word of 64 hex digits.",
        show_default=False,
    ),
]
AccountOption = Annotated[
    str | None, typer.Option("--account", help="The account (default: the signer's).")
]


def _context(
    rpc_url: str,
    deployment: Path,
    private_key_env: str | None = None,
    keystore: Path | None = None,
    keystore_password_env: str = DEFAULT_KEYSTORE_PASSWORD_ENV_VAR,
) -> "Context":
    """Where the command runs, with its signer loaded (exit 2 on a missing or bad key) when
    it sends."""
    from fluxo.cli.request_actions import command_context

    return command_context(rpc_url, deployment, private_key_env, keystore, keystore_password_env)


@request_app.command("create")
def create(
    file: Annotated[
        Path | None,
        typer.Option("--file", help="A TOML or JSON request (schema: README); flags override it."),
    ] = None,
    kind: Annotated[
        str | None, typer.Option(help="categorical, number or string (categorical if --outcome).")
    ] = None,
    description: Annotated[str | None, typer.Option(help="The question, for people.")] = None,
    source: Annotated[
        list[str] | None,
        typer.Option(help="Where nodes fetch the answer, URL#PATH (a JSON path); repeatable."),
    ] = None,
    outcome: Annotated[
        list[str] | None, typer.Option(help="A categorical outcome label; repeat 2 to 8 times.")
    ] = None,
    decimals: Annotated[
        int | None, typer.Option(help="A number answer is scaled by 10**decimals.")
    ] = None,
    settlement_time: Annotated[
        str | None,
        typer.Option(help="When it may be answered: unix seconds or ISO 8601 with zone (now)."),
    ] = None,
    challenge_period_s: Annotated[
        int | None, typer.Option(help="How long each dispute window stays open, in seconds.")
    ] = None,
    fee: Annotated[
        str | None, typer.Option(help="Fee for correct stakers, in payment-token units (0).")
    ] = None,
    min_bond: Annotated[
        str | None, typer.Option(help="Floor of the round-0 bond, in FLX (the config's).")
    ] = None,
    tag: Annotated[list[str] | None, typer.Option(help="A tag; repeatable.")] = None,
    requester: Annotated[
        str | None,
        typer.Option(help="A requester of the deployment by name, or its address (the first)."),
    ] = None,
    rpc_url: RpcUrlOption = DEFAULT_RPC_URL,
    deployment: DeploymentOption = DEFAULT_DEPLOYMENT_PATH,
    private_key_env: PrivateKeyEnvOption = DEFAULT_PRIVATE_KEY_ENV_VAR,
    keystore: KeystoreOption = None,
    keystore_password_env: KeystorePasswordEnvOption = DEFAULT_KEYSTORE_PASSWORD_ENV_VAR,
    as_json: JsonOption = False,
) -> None:
    """Create a request (from flags or --file) and print its id.

    It goes through a Requester of the deployment, which takes the validity bond and the fee
    from the signer. Every field is checked against the chain's current config first.

    Example: fluxo request create --description "Who wins match 42?" --outcome "Team A"
    --outcome "Team B" --source "https://api.example/m/42#winner" --challenge-period-s 600
    --fee 1
    """
    from fluxo.cli import request_actions
    from fluxo.cli.request_file import request_spec
    from fluxo.cli.session import run

    flags = {
        "kind": kind,
        "description": description,
        "sources": source,
        "outcomes": outcome,
        "decimals": decimals,
        "settlement_time": settlement_time,
        "challenge_period_s": challenge_period_s,
        "fee": fee,
        "min_bond": min_bond,
        "tags": tag,
        "requester": requester,
    }
    with reporting(stderr_console(), "request create"):
        spec = request_spec(file, flags)
        context = _context(rpc_url, deployment, private_key_env, keystore, keystore_password_env)
        created = run(request_actions.create(context, spec))
        if as_json:
            _emit_request(created)
            return
        info = created.info
        name = f" ({created.requester_name})" if created.requester_name else ""
        stdout_console().print(
            f"Created request [bold]#{info.request_id}[/] ({info.kind.name.lower()}) through "
            f"{info.requester}{name}; B0 {created.flx.show(info.base_bond)}, fee "
            f"{created.payment.show(info.fee)}"
        )


@request_app.command("show")
def show(
    request_id: RequestIdArgument,
    account: Annotated[
        str | None, typer.Option("--account", help="Also show this account's stakes and claim.")
    ] = None,
    rpc_url: RpcUrlOption = DEFAULT_RPC_URL,
    deployment: DeploymentOption = DEFAULT_DEPLOYMENT_PATH,
    as_json: JsonOption = False,
) -> None:
    """Show a request: its texts and numbers, status, rounds and final decoded answer.

    Example: fluxo request show 0 --account 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 --json
    """
    from fluxo.cli import request_actions
    from fluxo.cli.session import address_option, run

    with reporting(stderr_console(), "request show"):
        who = None if account is None else address_option(account, "--account")
        shown = run(request_actions.show(_context(rpc_url, deployment), request_id, who))
        if as_json:
            _emit_request(shown)
            return
        _print_request(shown)


@request_app.command("list")
def list_requests(
    limit: Annotated[int, typer.Option(help="At most this many, newest first.")] = 20,
    status: Annotated[
        str | None, typer.Option(help=f"Only requests in this status: {', '.join(STATUSES)}.")
    ] = None,
    rpc_url: RpcUrlOption = DEFAULT_RPC_URL,
    deployment: DeploymentOption = DEFAULT_DEPLOYMENT_PATH,
    as_json: JsonOption = False,
) -> None:
    """List the latest requests (from the Oracle's RequestCreated logs) with their status.

    Example: fluxo request list --status open --limit 5
    """
    from fluxo.cli import request_actions
    from fluxo.cli.request_views import info_json, list_table
    from fluxo.cli.session import run

    with reporting(stderr_console(), "request list"):
        if limit < 1:
            raise ConfigError("--limit", limit, "at least 1")
        if status is not None and status not in STATUSES:
            raise ConfigError("--status", status, f"one of {', '.join(STATUSES)}")
        listing = run(request_actions.listing(_context(rpc_url, deployment), limit, status))
        if as_json:
            documents = [
                {
                    **info_json(info, name),
                    "status": state.status.value,
                    "current_round": state.current_round,
                }
                for info, state, name in listing.rows
            ]
            emit_json({"requests": documents})
            return
        stdout_console().print(list_table(listing.rows, listing.flx, listing.payment))


@request_app.command("watch")
def watch(
    request_id: RequestIdArgument,
    timeout_s: Annotated[
        float | None, typer.Option(help="Give up (exit 1) after this many seconds.")
    ] = None,
    poll_interval_s: Annotated[float, typer.Option(help="Seconds between polls.")] = 1.0,
    rpc_url: RpcUrlOption = DEFAULT_RPC_URL,
    deployment: DeploymentOption = DEFAULT_DEPLOYMENT_PATH,
    as_json: JsonOption = False,
) -> None:
    """Stream a request's updates until it is final (--json: one JSON document per line).

    Replays stakes, bonds, disputes and escalation from its creation on, then follows new ones.

    Example: fluxo request watch 0 --timeout-s 3600 --json
    """
    from fluxo.cli import request_actions
    from fluxo.cli.request_views import outcome_text, update_json, update_line
    from fluxo.cli.session import run

    async def follow(context: "Context") -> None:
        out = stdout_console()
        async for update, current in request_actions.watch(
            context, request_id, poll_interval_s, timeout_s
        ):
            if as_json:
                emit_json(update_json(update, current.info, current.published))
                continue
            out.print(update_line(update, current.info, current.published, current.flx))
            if update.kind in ("finalized", "cancelled") and update.outcome is not None:
                final = outcome_text(update.outcome, current.info, current.published)
                out.print(f"Final answer of request #{request_id}: [bold]{final}[/]")

    with reporting(stderr_console(), "request watch"):
        if poll_interval_s <= 0:
            raise ConfigError("--poll-interval-s", poll_interval_s, "must be more than 0")
        if timeout_s is not None and timeout_s <= 0:
            raise ConfigError("--timeout-s", timeout_s, "must be more than 0")
        run(follow(_context(rpc_url, deployment)))


@request_app.command("stake")
def stake(
    request_id: RequestIdArgument,
    answer: AnswerArgument,
    amount: Annotated[
        str, typer.Option(help="FLX to stake; the Oracle takes what the round needs.")
    ],
    publish: Annotated[
        bool, typer.Option(help="A string answer: publish its text first (if not yet).")
    ] = True,
    rpc_url: RpcUrlOption = DEFAULT_RPC_URL,
    deployment: DeploymentOption = DEFAULT_DEPLOYMENT_PATH,
    private_key_env: PrivateKeyEnvOption = DEFAULT_PRIVATE_KEY_ENV_VAR,
    keystore: KeystoreOption = None,
    keystore_password_env: KeystorePasswordEnvOption = DEFAULT_KEYSTORE_PASSWORD_ENV_VAR,
    as_json: JsonOption = False,
) -> None:
    """Stake FLX on an answer in the request's open round (approving FLX once if needed).

    Example: fluxo request stake 0 "Team A" --amount 100
    """
    _stake_command(
        "request stake",
        request_id,
        answer,
        amount,
        dispute=False,
        publish=publish,
        context=(rpc_url, deployment, private_key_env, keystore, keystore_password_env),
        as_json=as_json,
    )


@request_app.command("dispute")
def dispute(
    request_id: RequestIdArgument,
    answer: AnswerArgument,
    publish: Annotated[
        bool, typer.Option(help="A string answer: publish its text first (if not yet).")
    ] = True,
    rpc_url: RpcUrlOption = DEFAULT_RPC_URL,
    deployment: DeploymentOption = DEFAULT_DEPLOYMENT_PATH,
    private_key_env: PrivateKeyEnvOption = DEFAULT_PRIVATE_KEY_ENV_VAR,
    keystore: KeystoreOption = None,
    keystore_password_env: KeystorePasswordEnvOption = DEFAULT_KEYSTORE_PASSWORD_ENV_VAR,
    as_json: JsonOption = False,
) -> None:
    """Dispute the bonded answer: stake the open round's whole bond on another answer.

    Example: fluxo request dispute 0 "Team B"
    """
    _stake_command(
        "request dispute",
        request_id,
        answer,
        None,
        dispute=True,
        publish=publish,
        context=(rpc_url, deployment, private_key_env, keystore, keystore_password_env),
        as_json=as_json,
    )


def _stake_command(
    command: str,
    request_id: int,
    answer: str,
    amount: str | None,
    *,
    dispute: bool,
    publish: bool,
    context: tuple[str, Path, str, Path | None, str],
    as_json: bool,
) -> None:
    from fluxo.cli import request_actions
    from fluxo.cli.request_views import outcome_json, outcome_text
    from fluxo.cli.session import run

    with reporting(stderr_console(), command):
        result = run(
            request_actions.stake(
                _context(*context), request_id, answer, amount, dispute=dispute, publish=publish
            )
        )
        staked, info, published = result.staked, result.view.info, result.view.published
        if as_json:
            emit_json(
                {
                    "request_id": request_id,
                    "staker": staked.staker,
                    "round": staked.round,
                    "outcome": outcome_json(staked.outcome, info, published),
                    "amount_wei": str(staked.amount),
                    "bonded": staked.bonded,
                    "published_text": result.published_text,
                    "status": result.view.state.status.value,
                    "transaction_hash": "0x" + staked.transaction_hash.hex(),
                }
            )
            return
        answer_text = outcome_text(staked.outcome, info, published)
        bonded = "; the round bonded" if staked.bonded else "; the round is not full yet"
        stdout_console().print(
            f"Staked {result.view.flx.show(staked.amount)} on [bold]{answer_text}[/] in round "
            f"{staked.round} of request #{request_id}{bonded} (status "
            f"{result.view.state.status.value})"
        )


@request_app.command("finalize")
def finalize(
    request_id: RequestIdArgument,
    rpc_url: RpcUrlOption = DEFAULT_RPC_URL,
    deployment: DeploymentOption = DEFAULT_DEPLOYMENT_PATH,
    private_key_env: PrivateKeyEnvOption = DEFAULT_PRIVATE_KEY_ENV_VAR,
    keystore: KeystoreOption = None,
    keystore_password_env: KeystorePasswordEnvOption = DEFAULT_KEYSTORE_PASSWORD_ENV_VAR,
    as_json: JsonOption = False,
) -> None:
    """Finalize a request whose dispute window ran out (anyone may send it).

    Also finalizes (INVALID) an escalated request the arbitrator let time out.

    Example: fluxo request finalize 0
    """
    from fluxo.cli import request_actions
    from fluxo.cli.request_views import outcome_json, outcome_text
    from fluxo.cli.session import run

    with reporting(stderr_console(), "request finalize"):
        context = _context(rpc_url, deployment, private_key_env, keystore, keystore_password_env)
        done = run(request_actions.finalize(context, request_id))
        event = done.event
        info, published = done.view.info, done.view.published
        if as_json:
            emit_json(
                {
                    "request_id": request_id,
                    "final_outcome": outcome_json(event.outcome, info, published),
                    "arbitrated": event.arbitrated,
                    "callback_failed": done.callback_failed,
                    "transaction_hash": "0x" + event.transaction_hash.hex(),
                }
            )
            return
        callback = " (the requester's callback failed)" if done.callback_failed else ""
        stdout_console().print(
            f"Request #{request_id} finalized: [bold]"
            f"{outcome_text(event.outcome, info, published)}[/]{callback}"
        )


@request_app.command("unstake")
def unstake(
    request_id: RequestIdArgument,
    round_index: Annotated[
        int, typer.Argument(metavar="ROUND", help="The round staked in.", show_default=False)
    ],
    answer: AnswerArgument,
    amount: Annotated[
        str | None, typer.Option(help="FLX to take back (default: all held there).")
    ] = None,
    rpc_url: RpcUrlOption = DEFAULT_RPC_URL,
    deployment: DeploymentOption = DEFAULT_DEPLOYMENT_PATH,
    private_key_env: PrivateKeyEnvOption = DEFAULT_PRIVATE_KEY_ENV_VAR,
    keystore: KeystoreOption = None,
    keystore_password_env: KeystorePasswordEnvOption = DEFAULT_KEYSTORE_PASSWORD_ENV_VAR,
    as_json: JsonOption = False,
) -> None:
    """Take back a stake on an answer that did not bond in its round (any time).

    Example: fluxo request unstake 0 1 "Team B" --amount 5
    """
    from fluxo.cli import request_actions
    from fluxo.cli.request_views import outcome_json, outcome_text
    from fluxo.cli.session import run

    with reporting(stderr_console(), "request unstake"):
        context = _context(rpc_url, deployment, private_key_env, keystore, keystore_password_env)
        done = run(request_actions.unstake(context, request_id, round_index, answer, amount))
        event = done.event
        info, published = done.view.info, done.view.published
        if as_json:
            emit_json(
                {
                    "request_id": request_id,
                    "staker": event.staker,
                    "round": event.round,
                    "outcome": outcome_json(event.outcome, info, published),
                    "amount_wei": str(event.amount),
                    "transaction_hash": "0x" + event.transaction_hash.hex(),
                }
            )
            return
        stdout_console().print(
            f"Unstaked {done.view.flx.show(event.amount)} from round {event.round} on "
            f"{outcome_text(event.outcome, info, published)} of request #{request_id}"
        )


@request_app.command("claim")
def claim(
    request_id: RequestIdArgument,
    account: AccountOption = None,
    rpc_url: RpcUrlOption = DEFAULT_RPC_URL,
    deployment: DeploymentOption = DEFAULT_DEPLOYMENT_PATH,
    private_key_env: PrivateKeyEnvOption = DEFAULT_PRIVATE_KEY_ENV_VAR,
    keystore: KeystoreOption = None,
    keystore_password_env: KeystorePasswordEnvOption = DEFAULT_KEYSTORE_PASSWORD_ENV_VAR,
    as_json: JsonOption = False,
) -> None:
    """Claim a final request's payout for an account (anyone may send it; the account is paid).

    Example: fluxo request claim 0 --account 0x70997970C51812dc3A010C7d01b50e0d17dc79C8
    """
    from fluxo.cli import request_actions
    from fluxo.cli.session import run

    with reporting(stderr_console(), "request claim"):
        context = _context(rpc_url, deployment, private_key_env, keystore, keystore_password_env)
        done = run(request_actions.claim(context, request_id, account))
        event = done.event
        if as_json:
            emit_json(
                {
                    "request_id": request_id,
                    "account": event.account,
                    "stake_amount_wei": str(event.stake_amount),
                    "payment_amount_wei": str(event.payment_amount),
                    "transaction_hash": "0x" + event.transaction_hash.hex(),
                }
            )
            return
        stdout_console().print(
            f"Claimed {done.view.flx.show(event.stake_amount)} and "
            f"{done.view.payment.show(event.payment_amount)} for {event.account} from request "
            f"#{request_id}"
        )


@request_app.command("cancel")
def cancel(
    request_id: RequestIdArgument,
    rpc_url: RpcUrlOption = DEFAULT_RPC_URL,
    deployment: DeploymentOption = DEFAULT_DEPLOYMENT_PATH,
    private_key_env: PrivateKeyEnvOption = DEFAULT_PRIVATE_KEY_ENV_VAR,
    keystore: KeystoreOption = None,
    keystore_password_env: KeystorePasswordEnvOption = DEFAULT_KEYSTORE_PASSWORD_ENV_VAR,
    as_json: JsonOption = False,
) -> None:
    """Cancel a request nobody answered within the config's max open period.

    Goes through its Requester (its creator or the Requester's owner may); the fee and the
    validity bond are credited back to the Requester.

    Example: fluxo request cancel 0
    """
    from fluxo.cli import request_actions
    from fluxo.cli.session import run

    with reporting(stderr_console(), "request cancel"):
        context = _context(rpc_url, deployment, private_key_env, keystore, keystore_password_env)
        done = run(request_actions.cancel(context, request_id))
        if as_json:
            emit_json(
                {
                    "request_id": request_id,
                    "requester": done.view.info.requester,
                    "status": done.view.state.status.value,
                    "transaction_hash": "0x" + done.event.transaction_hash.hex(),
                }
            )
            return
        stdout_console().print(
            f"Request #{request_id} cancelled; its fee and validity bond are credited to "
            f"{done.view.info.requester} (`fluxo request withdraw --token payment --account "
            f"{done.view.info.requester}`)"
        )


@request_app.command("withdraw")
def withdraw(
    token: Annotated[
        str, typer.Option(help="flx, payment, or a token address.", show_default=False)
    ],
    account: AccountOption = None,
    rpc_url: RpcUrlOption = DEFAULT_RPC_URL,
    deployment: DeploymentOption = DEFAULT_DEPLOYMENT_PATH,
    private_key_env: PrivateKeyEnvOption = DEFAULT_PRIVATE_KEY_ENV_VAR,
    keystore: KeystoreOption = None,
    keystore_password_env: KeystorePasswordEnvOption = DEFAULT_KEYSTORE_PASSWORD_ENV_VAR,
    as_json: JsonOption = False,
) -> None:
    """Pay out what the Oracle credited an account in one token (anyone may send it).

    Credits are a requester's refunds and the treasury's share; the account is paid.

    Example: fluxo request withdraw --token payment
    --account 0x5FbDB2315678afecb367f032d93F642f64180aa3
    """
    from fluxo.cli import request_actions
    from fluxo.cli.session import run

    with reporting(stderr_console(), "request withdraw"):
        context = _context(rpc_url, deployment, private_key_env, keystore, keystore_password_env)
        done = run(request_actions.withdraw(context, token, account))
        event = done.event
        if as_json:
            emit_json(
                {
                    "token": event.token,
                    "account": event.account,
                    "amount_wei": str(event.amount),
                    "transaction_hash": "0x" + event.transaction_hash.hex(),
                }
            )
            return
        stdout_console().print(f"Withdrew {done.token.show(event.amount)} to {event.account}")


def _emit_request(view: "RequestView") -> None:
    from fluxo.cli.request_views import account_json, info_json, state_json

    document = info_json(view.info, view.requester_name)
    document.update(state_json(view.state, view.info, view.published))
    document["account"] = (
        None if view.account is None else account_json(view.account, view.info, view.published)
    )
    emit_json(document)


def _print_request(view: "RequestView") -> None:
    from fluxo.cli.request_views import account_table, request_table, rounds_table

    out = stdout_console()
    out.print(
        request_table(
            view.info, view.requester_name, view.state, view.published, view.flx, view.payment
        )
    )
    out.print(rounds_table(view.state, view.info, view.published, view.flx))
    if view.account is not None:
        out.print(account_table(view.account, view.info, view.published, view.flx, view.payment))
