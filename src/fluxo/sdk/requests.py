"""Requests through the SDK: create one through a whitelisted `Requester`, read it, watch it,
wait for its answer, and play the game by hand (stake, dispute, finalize, unstake, claim)."""

import asyncio
import time
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Final

from eth_account.signers.local import LocalAccount
from eth_typing import ChecksumAddress
from web3.types import TxReceipt

from fluxo.chain.binding import EventLog
from fluxo.chain.bindings.erc20 import ERC20
from fluxo.chain.bindings.oracle import (
    AnswerPublished,
    ArbitrationExpired,
    Cancelled,
    Claimed,
    Escalated,
    Finalized,
    Oracle,
    RequestCreated,
    Staked,
    Unstaked,
)
from fluxo.chain.bindings.requester import Requester
from fluxo.chain.bindings.results import RoundInfo
from fluxo.chain.client import ChainClient
from fluxo.deployment import Deployment
from fluxo.domain.outcome import INVALID_OUTCOME, OutcomeKind, categorical, kind_of, number, string
from fluxo.domain.request_args import RequestArgs, Source
from fluxo.domain.request_builder import check_request
from fluxo.exceptions import ChainError, ConfigError, InvalidRequest, WaitTimeout
from fluxo.sdk.answers import Answer, decode_answer
from fluxo.sdk.logs import events

MAX_UINT256: Final = 2**256 - 1


class RequestStatus(Enum):
    """Where a request is in the game (SPEC §4)."""

    UNSETTLED = "unsettled"  # before its settlement time: nobody may stake yet
    OPEN = "open"  # round 0 takes stakes, nothing bonded
    DISPUTABLE = "disputable"  # a round bonded, the next one takes disputes
    ESCALATED = "escalated"  # waiting for the final arbitrator
    FINALIZED = "finalized"
    CANCELLED = "cancelled"  # its requester ended it unanswered (final INVALID)


@dataclass(frozen=True, slots=True)
class RequestState:
    """What the Oracle's views say about a request now."""

    request_id: int
    status: RequestStatus
    current_round: int
    rounds: tuple[RoundInfo, ...]
    final_outcome: bytes | None

    @property
    def latest_bonded(self) -> RoundInfo | None:
        bonded = [info for info in self.rounds if info.bonded]
        return bonded[-1] if bonded else None


@dataclass(frozen=True, slots=True)
class RequestInfo:
    """A request's texts (from its creation event) and numbers (from `request_params`)."""

    request_id: int
    requester: ChecksumAddress
    description: str
    sources: tuple[Source, ...]
    outcomes: tuple[str, ...]
    data_type: int
    decimals: int
    tags: tuple[str, ...]
    config_id: int
    base_bond: int
    fee: int
    settlement_time: int
    challenge_period: int
    created_block: int

    @property
    def kind(self) -> OutcomeKind:
        return kind_of(len(self.outcomes), self.data_type)

    def outcome_for(self, answer: str | int | Decimal) -> bytes:
        """The outcome word to stake for `answer`: a label (case and surrounding spaces
        ignored) or its index for a categorical request, a number for NUMBER (scaled by
        `10**decimals`, truncated toward zero), a text for STRING; "INVALID" for INVALID."""
        if isinstance(answer, str) and answer.strip().upper() == "INVALID":
            return INVALID_OUTCOME
        if self.kind is OutcomeKind.CATEGORICAL:
            if isinstance(answer, int):
                index = answer
            else:
                folded = [label.strip().casefold() for label in self.outcomes]
                wanted = str(answer).strip().casefold()
                if wanted not in folded:
                    raise InvalidRequest("answer", answer, f"not one of {list(self.outcomes)}")
                index = folded.index(wanted)
            if not 0 <= index < len(self.outcomes):
                raise InvalidRequest("answer", answer, f"index outside 0..{len(self.outcomes) - 1}")
            return categorical(index)
        if self.kind is OutcomeKind.NUMBER:
            try:
                value = Decimal(str(answer))
            except ArithmeticError as error:
                raise InvalidRequest("answer", answer, "not a decimal number") from error
            return number(int(value.scaleb(self.decimals)))
        return string(str(answer))


@dataclass(frozen=True, slots=True)
class RequestUpdate:
    """One change in a request's life, from the Oracle's events, for `watch`."""

    kind: str  # "staked", "bonded", "disputed", "escalated", "finalized", "cancelled", ...
    request_id: int
    round: int | None
    outcome: bytes | None
    amount: int | None
    account: ChecksumAddress | None
    event: EventLog


class RequestsApi:
    """Every request operation of the SDK, for one deployment."""

    def __init__(self, client: ChainClient, deployment: Deployment) -> None:
        self._client = client
        self._deployment = deployment
        self._oracle = Oracle(client, deployment.oracle)
        self._stake_token = ERC20(client, deployment.flux_token)
        self._payment_token = ERC20(client, deployment.payment_token)

    @property
    def oracle(self) -> Oracle:
        return self._oracle

    # --- creating ---------------------------------------------------------------------------

    async def create(
        self, sender: LocalAccount, args: RequestArgs, *, requester: str | None = None
    ) -> RequestInfo:
        """Create `args` through the `Requester` contract at `requester` (by default the
        deployment's first one), paying its validity bond and fee from `sender` (approved on
        the way if needed). Every bound the Oracle enforces is checked first, against the
        current config and the requester's multiplier: `InvalidRequest` names the field."""
        address = self._requester_address(requester)
        info = await self._oracle.requester_info(address)
        if not info.whitelisted:
            raise ConfigError("requester", address, "is not whitelisted by the Oracle")
        config = await self._oracle.config(await self._oracle.latest_config_id())
        check_request(args, config=config, stake_multiplier_bps=info.stake_multiplier_bps)
        cost = config.validity_bond + args.fee
        if cost and await self._payment_token.allowance(sender.address, address) < cost:
            await self._payment_token.approve(sender, address, MAX_UINT256)
        receipt = await Requester(self._client, address).create(sender, args)
        created = self._oracle.single_event(receipt, RequestCreated)
        return await self.get(created.request_id)

    def _requester_address(self, requester: str | None) -> str:
        if requester is not None:
            return requester
        if not self._deployment.requesters:
            raise ConfigError("requester", None, "the deployment names no requester; pass one")
        return next(iter(self._deployment.requesters.values()))

    # --- reading ----------------------------------------------------------------------------

    async def get(self, request_id: int) -> RequestInfo:
        """The request's texts and numbers; `TransactionReverted` for an unknown id."""
        params = await self._oracle.request_params(request_id)
        created = await self._creation_event(request_id)
        return RequestInfo(
            request_id=request_id,
            requester=params.requester,
            description=created.description,
            sources=created.sources,
            outcomes=created.outcomes,
            data_type=created.data_type,
            decimals=created.decimals,
            tags=created.tags,
            config_id=params.config_id,
            base_bond=params.base_bond,
            fee=params.fee,
            settlement_time=params.settlement_time,
            challenge_period=params.challenge_period,
            created_block=created.block_number,
        )

    async def state(self, request_id: int) -> RequestState:
        """The request's status and rounds now."""
        finalized, outcome = await self._oracle.outcome_of(request_id)
        current = await self._oracle.current_round(request_id)
        rounds = tuple(
            await asyncio.gather(
                *(self._oracle.round_info(request_id, r) for r in range(current + 1))
            )
        )
        now = await self._client.block_timestamp()
        return RequestState(
            request_id,
            _status(finalized, rounds, now),
            current,
            rounds,
            outcome if finalized else None,
        )

    async def answer(self, request_id: int) -> Answer | None:
        """The decoded final outcome, or None before finalization."""
        finalized, outcome = await self._oracle.outcome_of(request_id)
        if not finalized:
            return None
        info = await self.get(request_id)
        published = await self.published_answers(request_id, info.created_block)
        return decode_answer(
            outcome,
            outcomes=info.outcomes,
            data_type=info.data_type,
            decimals=info.decimals,
            published=published,
        )

    async def published_answers(self, request_id: int, from_block: int) -> dict[bytes, str]:
        """The STRING answers published for the request: outcome hash -> text."""
        events = await self._events(request_id, from_block, (AnswerPublished,))
        return {e.outcome: e.answer for e in events if isinstance(e, AnswerPublished)}

    async def watch(
        self, request_id: int, *, poll_interval_s: float = 1.0, from_block: int | None = None
    ) -> AsyncIterator[RequestUpdate]:
        """Every change of the request as it happens (staked, bonded, disputed, escalated,
        finalized, cancelled, ...), from its creation on; ends after it is final."""
        start = from_block if from_block is not None else (await self.get(request_id)).created_block
        next_block = start
        while True:
            head = await self._client.block_number()
            if head >= next_block:
                events = await self._events(request_id, next_block, _WATCHED, to_block=head)
                for event in events:
                    update = _update(request_id, event)
                    yield update
                    if update.kind in ("finalized", "cancelled"):
                        return
                next_block = head + 1
            await asyncio.sleep(poll_interval_s)

    async def wait(
        self, request_id: int, *, timeout_s: float, poll_interval_s: float = 1.0
    ) -> Answer:
        """The decoded final outcome, once there is one; `WaitTimeout` after `timeout_s`."""
        deadline = time.monotonic() + timeout_s
        while True:
            answer = await self.answer(request_id)
            if answer is not None:
                return answer
            if time.monotonic() >= deadline:
                raise WaitTimeout(f"request {request_id} not final after {timeout_s:g} s")
            await asyncio.sleep(min(poll_interval_s, max(deadline - time.monotonic(), 0.0)))

    # --- answering by hand ------------------------------------------------------------------

    async def stake(
        self, sender: LocalAccount, request_id: int, outcome: bytes, amount: int
    ) -> Staked:
        """Stake up to `amount` FLX on `outcome` in the open round (approving FLX first if
        needed); the event says what the Oracle took and whether the round bonded."""
        if await self._stake_token.allowance(sender.address, self._oracle.address) < amount:
            await self._stake_token.approve(sender, self._oracle.address, MAX_UINT256)
        receipt = await self._oracle.stake(sender, request_id, outcome, amount)
        return self._oracle.single_event(receipt, Staked)

    async def dispute(self, sender: LocalAccount, request_id: int, outcome: bytes) -> Staked:
        """Fill the open dispute round with its whole bond on `outcome`."""
        current = await self._oracle.current_round(request_id)
        if current == 0:
            raise InvalidRequest("request_id", request_id, "nothing is bonded yet to dispute")
        info = await self._oracle.round_info(request_id, current)
        return await self.stake(sender, request_id, outcome, info.bond)

    async def finalize(self, sender: LocalAccount, request_id: int) -> TxReceipt:
        # The callback needs 215 000 gas left: estimation plus headroom covers it.
        return await self._oracle.finalize(sender, request_id)

    async def unstake(
        self, sender: LocalAccount, request_id: int, round_index: int, outcome: bytes, amount: int
    ) -> TxReceipt:
        return await self._oracle.unstake(sender, request_id, round_index, outcome, amount)

    async def claim(self, sender: LocalAccount, request_id: int, account: str) -> Claimed:
        receipt = await self._oracle.claim(sender, request_id, account)
        return self._oracle.single_event(receipt, Claimed)

    async def claimable(self, request_id: int, account: str) -> tuple[int, int]:
        """(stake token, payment token) a claim would pay `account` now."""
        paid = await self._oracle.claimable(request_id, account)
        return paid.stake_amount, paid.payment_amount

    async def cancel(
        self, sender: LocalAccount, request_id: int, *, requester: str | None = None
    ) -> TxReceipt:
        """Cancel an unanswered request through its `Requester` (its creator only)."""
        return await Requester(self._client, self._requester_address(requester)).cancel(
            sender, request_id
        )

    # --- internals --------------------------------------------------------------------------

    async def _creation_event(self, request_id: int) -> RequestCreated:
        events = await self._events(request_id, self._deployment.start_block, (RequestCreated,))
        for event in events:
            if isinstance(event, RequestCreated):
                return event
        raise ChainError(
            f"no RequestCreated event for request {request_id} since block "
            f"{self._deployment.start_block}"
        )

    async def _events(
        self,
        request_id: int,
        from_block: int,
        kinds: Sequence[type[EventLog]],
        *,
        to_block: int | None = None,
    ) -> list[EventLog]:
        return await events(
            self._client,
            self._oracle,
            kinds,
            from_block,
            topic1=request_id.to_bytes(32, "big"),
            to_block=to_block,
        )


_WATCHED: Final = (Staked, Unstaked, Escalated, Finalized, Cancelled, ArbitrationExpired, Claimed)


def _status(finalized: bool, rounds: Sequence[RoundInfo], now: int) -> RequestStatus:
    if finalized:
        if not rounds[0].bonded:
            return RequestStatus.CANCELLED
        return RequestStatus.FINALIZED
    if rounds[-1].bonded:
        return RequestStatus.ESCALATED
    if len(rounds) > 1:
        return RequestStatus.DISPUTABLE
    return RequestStatus.OPEN if now >= rounds[0].start else RequestStatus.UNSETTLED


def _update(request_id: int, event: EventLog) -> RequestUpdate:
    if isinstance(event, Staked):
        kind = "staked"
        if event.bonded:
            kind = "bonded" if event.round == 0 else "disputed"
        return RequestUpdate(
            kind, request_id, event.round, event.outcome, event.amount, event.staker, event
        )
    if isinstance(event, Unstaked):
        return RequestUpdate(
            "unstaked", request_id, event.round, event.outcome, event.amount, event.staker, event
        )
    if isinstance(event, Escalated):
        return RequestUpdate("escalated", request_id, event.round, None, event.bond, None, event)
    if isinstance(event, Finalized):
        return RequestUpdate("finalized", request_id, None, event.outcome, None, None, event)
    if isinstance(event, Cancelled):
        return RequestUpdate(
            "cancelled", request_id, None, INVALID_OUTCOME, None, event.requester, event
        )
    if isinstance(event, ArbitrationExpired):
        return RequestUpdate(
            "arbitration_expired", request_id, None, INVALID_OUTCOME, None, None, event
        )
    if isinstance(event, Claimed):
        return RequestUpdate(
            "claimed", request_id, None, None, event.stake_amount, event.account, event
        )
    raise ChainError(f"unexpected event {type(event).__name__}")
