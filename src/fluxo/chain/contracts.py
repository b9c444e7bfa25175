"""Typed bindings for the deployed contracts: the Oracle, an ERC-20 and a requester.

Each binding turns Python values into one contract call through a `ChainClient` and decodes
the events callers need into small frozen records. Amounts are integer wei, times unix
seconds, outcomes 32-byte `bytes` (see `fluxo.domain.outcome` for the encoding).
"""

from dataclasses import astuple, dataclass
from typing import Any, Final

from eth_account.signers.local import LocalAccount
from eth_typing import ChecksumAddress
from web3.contract import AsyncContract
from web3.logs import DISCARD
from web3.types import EventData, TxReceipt

from fluxo.chain.artifacts import MOCK_REQUESTER, ORACLE, load_artifact
from fluxo.chain.client import ChainClient
from fluxo.domain.config import Config
from fluxo.domain.request_args import RequestArgs, Source
from fluxo.exceptions import ChainError

MAX_UINT256: Final = 2**256 - 1

# ERC-20's approve/transfer/transferFrom ABI, enough for any token the Oracle is configured with.
_ERC20_ABI: Final[tuple[dict[str, Any], ...]] = (
    {
        "type": "function",
        "name": "balanceOf",
        "stateMutability": "view",
        "inputs": [{"name": "account", "type": "address"}],
        "outputs": [{"name": "", "type": "uint256"}],
    },
    {
        "type": "function",
        "name": "allowance",
        "stateMutability": "view",
        "inputs": [{"name": "owner", "type": "address"}, {"name": "spender", "type": "address"}],
        "outputs": [{"name": "", "type": "uint256"}],
    },
    {
        "type": "function",
        "name": "symbol",
        "stateMutability": "view",
        "inputs": [],
        "outputs": [{"name": "", "type": "string"}],
    },
    {
        "type": "function",
        "name": "approve",
        "stateMutability": "nonpayable",
        "inputs": [{"name": "spender", "type": "address"}, {"name": "amount", "type": "uint256"}],
        "outputs": [{"name": "", "type": "bool"}],
    },
    {
        "type": "function",
        "name": "transfer",
        "stateMutability": "nonpayable",
        "inputs": [{"name": "to", "type": "address"}, {"name": "amount", "type": "uint256"}],
        "outputs": [{"name": "", "type": "bool"}],
    },
    {
        # FluxToken (minter role) and MockERC20 (anyone) share this signature.
        "type": "function",
        "name": "mint",
        "stateMutability": "nonpayable",
        "inputs": [{"name": "owner", "type": "address"}, {"name": "amount", "type": "uint256"}],
        "outputs": [],
    },
)


@dataclass(frozen=True, slots=True)
class RoundInfo:
    """`round_info(request_id, round)`."""

    bond_wei: int
    start_s: int
    end_s: int
    bonded_outcome: bytes
    bonded: bool


@dataclass(frozen=True, slots=True)
class RequestParams:
    """`request_params(request_id)`: what the Oracle stored at creation."""

    requester: ChecksumAddress
    config_id: int
    base_bond_wei: int
    fee_wei: int
    settlement_time_s: int
    challenge_period_s: int
    kind: int  # 0 STRING, 1 NUMBER, n >= 2 categorical with n outcomes


@dataclass(frozen=True, slots=True)
class RequestCreated:
    """The creation event: the only on-chain record of the request's texts.

    The numbers (bond, fee, times) are in `OracleContract.request_params`.
    """

    request_id: int
    requester: ChecksumAddress
    description: str
    sources: tuple[Source, ...]
    outcomes: tuple[str, ...]
    data_type: int
    decimals: int
    tags: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Staked:
    request_id: int
    staker: ChecksumAddress
    round: int
    outcome: bytes
    amount_wei: int
    bonded: bool


@dataclass(frozen=True, slots=True)
class Finalized:
    request_id: int
    outcome: bytes
    arbitrated: bool


@dataclass(frozen=True, slots=True)
class Claimed:
    request_id: int
    account: ChecksumAddress
    stake_wei: int
    payment_wei: int


@dataclass(frozen=True, slots=True)
class OutcomeReceived:
    """The requester's record of its `on_outcome` callback."""

    request_id: int
    outcome: bytes


def _events(contract: AsyncContract, name: str, receipt: TxReceipt) -> tuple[EventData, ...]:
    return tuple(contract.events[name]().process_receipt(receipt, errors=DISCARD))


def _single(events: tuple[Any, ...], name: str) -> Any:
    if len(events) != 1:
        raise ChainError(f"expected one {name} event in the receipt, found {len(events)}")
    return events[0]


class TokenContract:
    """An ERC-20 (FluxToken or MockERC20)."""

    def __init__(self, client: ChainClient, address: str) -> None:
        self._client = client
        self._contract = client.contract(address, _ERC20_ABI)

    @property
    def address(self) -> ChecksumAddress:
        return self._contract.address

    async def balance_of(self, account: str) -> int:
        balance: int = await self._client.call(self._contract.functions.balanceOf(account))
        return balance

    async def allowance(self, owner: str, spender: str) -> int:
        allowance: int = await self._client.call(self._contract.functions.allowance(owner, spender))
        return allowance

    async def symbol(self) -> str:
        symbol: str = await self._client.call(self._contract.functions.symbol())
        return symbol

    async def approve(
        self, sender: LocalAccount, spender: str, amount_wei: int, *, gas: int | None = None
    ) -> TxReceipt:
        function = self._contract.functions.approve(spender, amount_wei)
        return await self._client.transact(function, sender, gas=gas)

    async def transfer(
        self, sender: LocalAccount, to: str, amount_wei: int, *, gas: int | None = None
    ) -> TxReceipt:
        function = self._contract.functions.transfer(to, amount_wei)
        return await self._client.transact(function, sender, gas=gas)

    async def mint(
        self, minter: LocalAccount, to: str, amount_wei: int, *, gas: int | None = None
    ) -> TxReceipt:
        function = self._contract.functions.mint(to, amount_wei)
        return await self._client.transact(function, minter, gas=gas)


class OracleContract:
    """The Fluxo Oracle (see docs/SPEC.md)."""

    def __init__(self, client: ChainClient, address: str) -> None:
        self._client = client
        self._contract = client.contract(address, load_artifact(ORACLE).abi)

    @property
    def address(self) -> ChecksumAddress:
        return self._contract.address

    # --- writes -------------------------------------------------------------------------

    async def add_requester(
        self,
        owner: LocalAccount,
        requester: str,
        *,
        name: str,
        stake_multiplier_bps: int,
        code_base_url: str,
    ) -> TxReceipt:
        function = self._contract.functions.add_requester(
            requester, name, stake_multiplier_bps, code_base_url
        )
        return await self._client.transact(function, owner)

    async def set_config(self, owner: LocalAccount, config: Config) -> TxReceipt:
        function = self._contract.functions.set_config(astuple(config))
        return await self._client.transact(function, owner)

    async def stake(
        self,
        staker: LocalAccount,
        request_id: int,
        outcome: bytes,
        amount_wei: int,
        *,
        gas: int | None = None,
    ) -> TxReceipt:
        function = self._contract.functions.stake(request_id, outcome, amount_wei)
        return await self._client.transact(function, staker, gas=gas)

    async def unstake(
        self,
        staker: LocalAccount,
        request_id: int,
        round_index: int,
        outcome: bytes,
        amount_wei: int,
        *,
        gas: int | None = None,
    ) -> TxReceipt:
        function = self._contract.functions.unstake(request_id, round_index, outcome, amount_wei)
        return await self._client.transact(function, staker, gas=gas)

    async def finalize(
        self, sender: LocalAccount, request_id: int, *, gas: int | None = None
    ) -> TxReceipt:
        function = self._contract.functions.finalize(request_id)
        return await self._client.transact(function, sender, gas=gas)

    async def arbitrate(
        self, arbitrator: LocalAccount, request_id: int, outcome: bytes, *, gas: int | None = None
    ) -> TxReceipt:
        function = self._contract.functions.arbitrate(request_id, outcome)
        return await self._client.transact(function, arbitrator, gas=gas)

    async def claim(
        self, sender: LocalAccount, request_id: int, account: str, *, gas: int | None = None
    ) -> TxReceipt:
        function = self._contract.functions.claim(request_id, account)
        return await self._client.transact(function, sender, gas=gas)

    async def cancel(
        self, requester: LocalAccount, request_id: int, *, gas: int | None = None
    ) -> TxReceipt:
        """Only a request's requester may cancel it (an EOA requester in tests; contracts
        forward the call)."""
        function = self._contract.functions.cancel(request_id)
        return await self._client.transact(function, requester, gas=gas)

    async def withdraw(
        self, sender: LocalAccount, token: str, account: str, *, gas: int | None = None
    ) -> TxReceipt:
        """Pay `account` everything the Oracle credited to it in `token` (anyone may send)."""
        function = self._contract.functions.withdraw(token, account)
        return await self._client.transact(function, sender, gas=gas)

    async def publish_answer(
        self, sender: LocalAccount, request_id: int, answer: str, *, gas: int | None = None
    ) -> TxReceipt:
        function = self._contract.functions.publish_answer(request_id, answer)
        return await self._client.transact(function, sender, gas=gas)

    # --- views --------------------------------------------------------------------------

    async def current_round(self, request_id: int) -> int:
        round_index: int = await self._client.call(
            self._contract.functions.current_round(request_id)
        )
        return round_index

    async def round_info(self, request_id: int, round_index: int) -> RoundInfo:
        bond_wei, start_s, end_s, outcome, bonded = await self._client.call(
            self._contract.functions.round_info(request_id, round_index)
        )
        return RoundInfo(bond_wei, start_s, end_s, bytes(outcome), bonded)

    async def outcome_of(self, request_id: int) -> tuple[bool, bytes]:
        finalized, outcome = await self._client.call(
            self._contract.functions.outcome_of(request_id)
        )
        return bool(finalized), bytes(outcome)

    async def claimable(self, request_id: int, account: str) -> tuple[int, int]:
        stake_wei, payment_wei = await self._client.call(
            self._contract.functions.claimable(request_id, account)
        )
        return int(stake_wei), int(payment_wei)

    async def withdrawable(self, token: str, account: str) -> int:
        amount_wei: int = await self._client.call(
            self._contract.functions.withdrawable(token, account)
        )
        return amount_wei

    async def staked(self, request_id: int, round_index: int, account: str, outcome: bytes) -> int:
        amount_wei: int = await self._client.call(
            self._contract.functions.staked(request_id, round_index, account, outcome)
        )
        return amount_wei

    async def request_params(self, request_id: int) -> RequestParams:
        fields = await self._client.call(self._contract.functions.request_params(request_id))
        return RequestParams(*fields)

    async def config(self, config_id: int) -> Config:
        fields = await self._client.call(self._contract.functions.config(config_id))
        return Config(*fields)

    async def requester_info(self, requester: str) -> tuple[bool, int, int]:
        """(whitelisted, stake multiplier in bps, permanent index) of `requester`."""
        whitelisted, multiplier_bps, index = await self._client.call(
            self._contract.functions.requester_info(requester)
        )
        return bool(whitelisted), int(multiplier_bps), int(index)

    # --- events -------------------------------------------------------------------------

    def request_created(self, receipt: TxReceipt) -> RequestCreated:
        event = _single(_events(self._contract, "RequestCreated", receipt), "RequestCreated")
        args = event["args"]
        return RequestCreated(
            request_id=args["request_id"],
            requester=args["requester"],
            description=args["description"],
            sources=tuple(
                Source(source["end_point"], source["source_path"]) for source in args["sources"]
            ),
            outcomes=tuple(args["outcomes"]),
            data_type=args["data_type"],
            decimals=args["decimals"],
            tags=tuple(args["tags"]),
        )

    def staked_events(self, receipt: TxReceipt) -> tuple[Staked, ...]:
        return tuple(
            Staked(
                request_id=event["args"]["request_id"],
                staker=event["args"]["staker"],
                round=event["args"]["round"],
                outcome=bytes(event["args"]["outcome"]),
                amount_wei=event["args"]["amount"],
                bonded=event["args"]["bonded"],
            )
            for event in _events(self._contract, "Staked", receipt)
        )

    def finalized(self, receipt: TxReceipt) -> Finalized:
        args = _single(_events(self._contract, "Finalized", receipt), "Finalized")["args"]
        return Finalized(args["request_id"], bytes(args["outcome"]), args["arbitrated"])

    def claimed(self, receipt: TxReceipt) -> Claimed:
        args = _single(_events(self._contract, "Claimed", receipt), "Claimed")["args"]
        return Claimed(
            request_id=args["request_id"],
            account=args["account"],
            stake_wei=args["stake_amount"],
            payment_wei=args["payment_amount"],
        )


class RequesterContract:
    """A `MockRequester`: forwards `create` to the Oracle and records `on_outcome`."""

    def __init__(self, client: ChainClient, address: str, oracle: OracleContract) -> None:
        self._client = client
        self._contract = client.contract(address, load_artifact(MOCK_REQUESTER).abi)
        self._oracle = oracle

    @property
    def address(self) -> ChecksumAddress:
        return self._contract.address

    async def create(
        self, sender: LocalAccount, args: RequestArgs, *, gas: int | None = None
    ) -> tuple[RequestCreated, TxReceipt]:
        """Create a request through this requester; return its `RequestCreated` and receipt."""
        function = self._contract.functions.create(astuple(args))
        receipt = await self._client.transact(function, sender, gas=gas)
        return self._oracle.request_created(receipt), receipt

    def outcomes_received(self, receipt: TxReceipt) -> tuple[OutcomeReceived, ...]:
        return tuple(
            OutcomeReceived(event["args"]["request_id"], bytes(event["args"]["outcome"]))
            for event in _events(self._contract, "OutcomeReceived", receipt)
        )
