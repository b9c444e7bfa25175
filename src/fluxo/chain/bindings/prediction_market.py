"""Typed binding of `PredictionMarket`.

Generated from `contracts/markets/PredictionMarket.vy`
by `python scripts/build_artifacts.py`; do not edit.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Final, Self, cast

from eth_account.signers.local import LocalAccount
from eth_typing import ChecksumAddress
from web3.types import TxReceipt

from fluxo.chain.binding import (
    Codec,
    ContractBinding,
    EventLog,
    Function,
    as_tuple,
    checksum,
    decode_all,
    deploy,
    event_topic,
    identity,
    plain_tuple,
    struct,
    values_tuple,
)
from fluxo.chain.bindings.results import Liquidity, LpShares, MarketOfRequest, MarketTotals
from fluxo.chain.client import ChainClient, ContractCall
from fluxo.domain.request_args import Source

_ACCEPT_OWNERSHIP: Final = Function.of("accept_ownership", (), ())
_ADD_LIQUIDITY: Final = Function.of(
    "add_liquidity", ("uint256", "uint256", "uint256[]", "uint256", "uint256"), ("uint256",)
)
_BUY: Final = Function.of(
    "buy", ("uint256", "uint256", "uint256", "uint256", "uint256"), ("uint256",)
)
_CALC_BUY_AMOUNT: Final = Function.of(
    "calc_buy_amount", ("uint256", "uint256", "uint256"), ("uint256",)
)
_CALC_SELL_AMOUNT: Final = Function.of(
    "calc_sell_amount", ("uint256", "uint256", "uint256"), ("uint256",)
)
_CANCEL: Final = Function.of("cancel", ("uint256",), ())
_CREATE_MARKET: Final = Function.of(
    "create_market",
    (
        "(string,(string,string)[],string,string[],bool,uint8,int256,int256,address,uint256,uint256,uint256,uint256,uint256,uint256,uint256,uint256[])",
    ),
    ("uint256",),
)
_CREATOR_REFUND: Final = Function.of("creator_refund", ("uint256",), ("uint256",))
_INVALID_OUTCOME: Final = Function.of("INVALID_OUTCOME", (), ("bytes32",))
_LIQUIDITY: Final = Function.of("liquidity", ("uint256",), ("uint256", "uint256"))
_LP_SHARES: Final = Function.of("lp_shares", ("uint256", "address"), ("uint256", "uint256"))
_MARKET: Final = Function.of(
    "market",
    ("uint256",),
    ("(address,uint256,bool,uint256,uint256,uint256,uint256,address,uint256)",),
)
_MARKET_COUNT: Final = Function.of("market_count", (), ("uint256",))
_MARKET_OF_REQUEST: Final = Function.of("market_of_request", ("uint256",), ("bool", "uint256"))
_MAX_AMOUNT: Final = Function.of("MAX_AMOUNT", (), ("uint256",))
_MAX_FEE_BPS: Final = Function.of("MAX_FEE_BPS", (), ("uint256",))
_MERGE: Final = Function.of("merge", ("uint256", "uint256"), ())
_NET_COST: Final = Function.of("net_cost", ("uint256", "address"), ("int256",))
_ON_OUTCOME: Final = Function.of("on_outcome", ("uint256", "bytes32"), ())
_ORACLE: Final = Function.of("ORACLE", (), ("address",))
_OWNER: Final = Function.of("owner", (), ("address",))
_PAUSE: Final = Function.of("pause", (), ())
_PAUSED: Final = Function.of("paused", (), ("bool",))
_PENDING_OWNER: Final = Function.of("pending_owner", (), ("address",))
_POOL_BALANCES: Final = Function.of("pool_balances", ("uint256",), ("uint256[]",))
_POSITIONS: Final = Function.of("positions", ("uint256", "address"), ("uint256[]",))
_REDEEM: Final = Function.of("redeem", ("uint256",), ("uint256",))
_REDEEM_LIQUIDITY: Final = Function.of("redeem_liquidity", ("uint256",), ("uint256",))
_REDEEMABLE: Final = Function.of("redeemable", ("uint256", "address"), ("uint256",))
_REMOVE_LIQUIDITY: Final = Function.of(
    "remove_liquidity", ("uint256", "uint256", "uint256"), ("uint256[]",)
)
_RESOLVE: Final = Function.of("resolve", ("uint256",), ())
_SELL: Final = Function.of(
    "sell", ("uint256", "uint256", "uint256", "uint256", "uint256"), ("uint256",)
)
_TOTALS: Final = Function.of("totals", ("uint256",), ("uint256", "uint256"))
_TRANSFER_OWNERSHIP: Final = Function.of("transfer_ownership", ("address",), ())
_UNPAUSE: Final = Function.of("unpause", (), ())
_WITHDRAW_CREATOR_REFUND: Final = Function.of("withdraw_creator_refund", ("uint256",), ("uint256",))


@dataclass(frozen=True, slots=True)
class Bought(EventLog):
    """`Bought(uint256,address,uint256,uint256,uint256,uint256)`."""

    market_id: int
    trader: ChecksumAddress
    outcome: int
    collateral_in: int
    fee: int
    shares: int

    SIGNATURE: ClassVar[str] = "Bought(uint256,address,uint256,uint256,uint256,uint256)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("market_id", "uint256", True),
        ("trader", "address", True),
        ("outcome", "uint256", False),
        ("collateral_in", "uint256", False),
        ("fee", "uint256", False),
        ("shares", "uint256", False),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
        identity,
        checksum,
        identity,
        identity,
        identity,
        identity,
    )


@dataclass(frozen=True, slots=True)
class CreatorRefunded(EventLog):
    """`CreatorRefunded(uint256,address,uint256)`."""

    market_id: int
    creator: ChecksumAddress
    amount: int

    SIGNATURE: ClassVar[str] = "CreatorRefunded(uint256,address,uint256)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("market_id", "uint256", True),
        ("creator", "address", True),
        ("amount", "uint256", False),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
        identity,
        checksum,
        identity,
    )


@dataclass(frozen=True, slots=True)
class LiquidityAdded(EventLog):
    """`LiquidityAdded(uint256,address,uint256,uint256,uint256[])`."""

    market_id: int
    provider: ChecksumAddress
    collateral_in: int
    shares: int
    returned: tuple[int, ...]

    SIGNATURE: ClassVar[str] = "LiquidityAdded(uint256,address,uint256,uint256,uint256[])"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("market_id", "uint256", True),
        ("provider", "address", True),
        ("collateral_in", "uint256", False),
        ("shares", "uint256", False),
        ("returned", "uint256[]", False),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
        identity,
        checksum,
        identity,
        identity,
        values_tuple,
    )


@dataclass(frozen=True, slots=True)
class LiquidityRedeemed(EventLog):
    """`LiquidityRedeemed(uint256,address,uint256,uint256)`."""

    market_id: int
    provider: ChecksumAddress
    shares: int
    amount: int

    SIGNATURE: ClassVar[str] = "LiquidityRedeemed(uint256,address,uint256,uint256)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("market_id", "uint256", True),
        ("provider", "address", True),
        ("shares", "uint256", False),
        ("amount", "uint256", False),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
        identity,
        checksum,
        identity,
        identity,
    )


@dataclass(frozen=True, slots=True)
class LiquidityRemoved(EventLog):
    """`LiquidityRemoved(uint256,address,uint256,uint256[])`."""

    market_id: int
    provider: ChecksumAddress
    shares: int
    amounts: tuple[int, ...]

    SIGNATURE: ClassVar[str] = "LiquidityRemoved(uint256,address,uint256,uint256[])"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("market_id", "uint256", True),
        ("provider", "address", True),
        ("shares", "uint256", False),
        ("amounts", "uint256[]", False),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
        identity,
        checksum,
        identity,
        values_tuple,
    )


@dataclass(frozen=True, slots=True)
class MarketCreated(EventLog):
    """`MarketCreated(uint256,uint256,address,address,uint256,bool,uint256,uint256)`."""

    market_id: int
    request_id: int
    creator: ChecksumAddress
    collateral: ChecksumAddress
    outcome_count: int
    scalar: bool
    fee_bps: int
    close_time: int

    SIGNATURE: ClassVar[str] = (
        "MarketCreated(uint256,uint256,address,address,uint256,bool,uint256,uint256)"
    )
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("market_id", "uint256", True),
        ("request_id", "uint256", True),
        ("creator", "address", True),
        ("collateral", "address", False),
        ("outcome_count", "uint256", False),
        ("scalar", "bool", False),
        ("fee_bps", "uint256", False),
        ("close_time", "uint256", False),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
        identity,
        identity,
        checksum,
        checksum,
        identity,
        identity,
        identity,
        identity,
    )


@dataclass(frozen=True, slots=True)
class Merged(EventLog):
    """`Merged(uint256,address,uint256)`."""

    market_id: int
    account: ChecksumAddress
    amount: int

    SIGNATURE: ClassVar[str] = "Merged(uint256,address,uint256)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("market_id", "uint256", True),
        ("account", "address", True),
        ("amount", "uint256", False),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
        identity,
        checksum,
        identity,
    )


@dataclass(frozen=True, slots=True)
class OwnershipTransferStarted(EventLog):
    """`OwnershipTransferStarted(address,address)`."""

    previous_owner: ChecksumAddress
    new_owner: ChecksumAddress

    SIGNATURE: ClassVar[str] = "OwnershipTransferStarted(address,address)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("previous_owner", "address", True),
        ("new_owner", "address", True),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
        checksum,
        checksum,
    )


@dataclass(frozen=True, slots=True)
class OwnershipTransferred(EventLog):
    """`OwnershipTransferred(address,address)`."""

    previous_owner: ChecksumAddress
    new_owner: ChecksumAddress

    SIGNATURE: ClassVar[str] = "OwnershipTransferred(address,address)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("previous_owner", "address", True),
        ("new_owner", "address", True),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
        checksum,
        checksum,
    )


@dataclass(frozen=True, slots=True)
class Paused(EventLog):
    """`Paused(address)`."""

    account: ChecksumAddress

    SIGNATURE: ClassVar[str] = "Paused(address)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (("account", "address", False),)
    CODECS: ClassVar[tuple[Codec, ...]] = (checksum,)


@dataclass(frozen=True, slots=True)
class Redeemed(EventLog):
    """`Redeemed(uint256,address,uint256)`."""

    market_id: int
    account: ChecksumAddress
    amount: int

    SIGNATURE: ClassVar[str] = "Redeemed(uint256,address,uint256)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("market_id", "uint256", True),
        ("account", "address", True),
        ("amount", "uint256", False),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
        identity,
        checksum,
        identity,
    )


@dataclass(frozen=True, slots=True)
class Resolved(EventLog):
    """`Resolved(uint256,bytes32,bool)`."""

    market_id: int
    outcome: bytes
    invalid: bool

    SIGNATURE: ClassVar[str] = "Resolved(uint256,bytes32,bool)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("market_id", "uint256", True),
        ("outcome", "bytes32", False),
        ("invalid", "bool", False),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
        identity,
        identity,
        identity,
    )


@dataclass(frozen=True, slots=True)
class Sold(EventLog):
    """`Sold(uint256,address,uint256,uint256,uint256,uint256)`."""

    market_id: int
    trader: ChecksumAddress
    outcome: int
    collateral_out: int
    fee: int
    shares: int

    SIGNATURE: ClassVar[str] = "Sold(uint256,address,uint256,uint256,uint256,uint256)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (
        ("market_id", "uint256", True),
        ("trader", "address", True),
        ("outcome", "uint256", False),
        ("collateral_out", "uint256", False),
        ("fee", "uint256", False),
        ("shares", "uint256", False),
    )
    CODECS: ClassVar[tuple[Codec, ...]] = (
        identity,
        checksum,
        identity,
        identity,
        identity,
        identity,
    )


@dataclass(frozen=True, slots=True)
class Unpaused(EventLog):
    """`Unpaused(address)`."""

    account: ChecksumAddress

    SIGNATURE: ClassVar[str] = "Unpaused(address)"
    TOPIC: ClassVar[bytes] = event_topic(SIGNATURE)
    FIELDS: ClassVar[tuple[tuple[str, str, bool], ...]] = (("account", "address", False),)
    CODECS: ClassVar[tuple[Codec, ...]] = (checksum,)


class PredictionMarket(ContractBinding):
    """Typed binding of the `PredictionMarket` contract.

    Source: `contracts/markets/PredictionMarket.vy`.
    """

    ARTIFACT: ClassVar[str] = "PredictionMarket"
    ARTIFACT_PACKAGE: ClassVar[str] = "fluxo.chain.artifacts"
    EVENTS: ClassVar[tuple[type[EventLog], ...]] = (
        Bought,
        CreatorRefunded,
        LiquidityAdded,
        LiquidityRedeemed,
        LiquidityRemoved,
        MarketCreated,
        Merged,
        OwnershipTransferStarted,
        OwnershipTransferred,
        Paused,
        Redeemed,
        Resolved,
        Sold,
        Unpaused,
    )

    @classmethod
    async def deploy(
        cls,
        client: ChainClient,
        sender: LocalAccount,
        oracle: str,
        *,
        gas: int | None = None,
    ) -> Self:
        """Deploy a new `PredictionMarket` from the shipped artifact."""
        return await deploy(cls, client, sender, oracle, gas=gas)

    def accept_ownership_call(self) -> ContractCall:
        """The `accept_ownership` transaction, unsent."""
        return self._call(_ACCEPT_OWNERSHIP, ())

    async def accept_ownership(self, sender: LocalAccount, *, gas: int | None = None) -> TxReceipt:
        """Send `accept_ownership` from `sender` and wait for the receipt."""
        return await self._send(self.accept_ownership_call(), sender, gas)

    def add_liquidity_call(
        self,
        market_id: int,
        collateral_in: int,
        weights: Sequence[int],
        min_shares_out: int,
        deadline: int,
    ) -> ContractCall:
        """The `add_liquidity` transaction, unsent."""
        return self._call(
            _ADD_LIQUIDITY, (market_id, collateral_in, list(weights), min_shares_out, deadline)
        )

    async def add_liquidity(
        self,
        sender: LocalAccount,
        market_id: int,
        collateral_in: int,
        weights: Sequence[int],
        min_shares_out: int,
        deadline: int,
        *,
        gas: int | None = None,
    ) -> TxReceipt:
        """Send `add_liquidity` from `sender` and wait for the receipt."""
        return await self._send(
            self.add_liquidity_call(market_id, collateral_in, weights, min_shares_out, deadline),
            sender,
            gas,
        )

    def buy_call(
        self, market_id: int, outcome: int, collateral_in: int, min_shares_out: int, deadline: int
    ) -> ContractCall:
        """The `buy` transaction, unsent."""
        return self._call(_BUY, (market_id, outcome, collateral_in, min_shares_out, deadline))

    async def buy(
        self,
        sender: LocalAccount,
        market_id: int,
        outcome: int,
        collateral_in: int,
        min_shares_out: int,
        deadline: int,
        *,
        gas: int | None = None,
    ) -> TxReceipt:
        """Send `buy` from `sender` and wait for the receipt."""
        return await self._send(
            self.buy_call(market_id, outcome, collateral_in, min_shares_out, deadline), sender, gas
        )

    async def calc_buy_amount(self, market_id: int, outcome: int, collateral_in: int) -> int:
        """`calc_buy_amount` (view)."""
        values = await self._view(_CALC_BUY_AMOUNT, (market_id, outcome, collateral_in))
        return cast(int, identity(values[0]))

    async def calc_sell_amount(self, market_id: int, outcome: int, collateral_out: int) -> int:
        """`calc_sell_amount` (view)."""
        values = await self._view(_CALC_SELL_AMOUNT, (market_id, outcome, collateral_out))
        return cast(int, identity(values[0]))

    def cancel_call(self, market_id: int) -> ContractCall:
        """The `cancel` transaction, unsent."""
        return self._call(_CANCEL, (market_id,))

    async def cancel(
        self, sender: LocalAccount, market_id: int, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `cancel` from `sender` and wait for the receipt."""
        return await self._send(self.cancel_call(market_id), sender, gas)

    def create_market_call(
        self,
        args: tuple[
            str,
            Sequence[Source],
            str,
            Sequence[str],
            bool,
            int,
            int,
            int,
            str,
            int,
            int,
            int,
            int,
            int,
            int,
            int,
            Sequence[int],
        ],
    ) -> ContractCall:
        """The `create_market` transaction, unsent."""
        return self._call(_CREATE_MARKET, (as_tuple(args),))

    async def create_market(
        self,
        sender: LocalAccount,
        args: tuple[
            str,
            Sequence[Source],
            str,
            Sequence[str],
            bool,
            int,
            int,
            int,
            str,
            int,
            int,
            int,
            int,
            int,
            int,
            int,
            Sequence[int],
        ],
        *,
        gas: int | None = None,
    ) -> TxReceipt:
        """Send `create_market` from `sender` and wait for the receipt."""
        return await self._send(self.create_market_call(args), sender, gas)

    async def creator_refund(self, market_id: int) -> int:
        """`creator_refund` (view)."""
        values = await self._view(_CREATOR_REFUND, (market_id,))
        return cast(int, identity(values[0]))

    async def invalid_outcome(self) -> bytes:
        """`INVALID_OUTCOME` (view)."""
        values = await self._view(_INVALID_OUTCOME, ())
        return cast(bytes, identity(values[0]))

    async def liquidity(self, market_id: int) -> Liquidity:
        """`liquidity` (view)."""
        values = await self._view(_LIQUIDITY, (market_id,))
        return Liquidity(
            *decode_all(
                (
                    identity,
                    identity,
                ),
                values,
            )
        )

    async def lp_shares(self, market_id: int, account: str) -> LpShares:
        """`lp_shares` (view)."""
        values = await self._view(_LP_SHARES, (market_id, account))
        return LpShares(
            *decode_all(
                (
                    identity,
                    identity,
                ),
                values,
            )
        )

    async def market(
        self, market_id: int
    ) -> tuple[ChecksumAddress, int, bool, int, int, int, int, ChecksumAddress, int]:
        """`market` (view)."""
        values = await self._view(_MARKET, (market_id,))
        return cast(
            tuple[ChecksumAddress, int, bool, int, int, int, int, ChecksumAddress, int],
            struct(
                plain_tuple,
                (
                    checksum,
                    identity,
                    identity,
                    identity,
                    identity,
                    identity,
                    identity,
                    checksum,
                    identity,
                ),
            )(values[0]),
        )

    async def market_count(self) -> int:
        """`market_count` (view)."""
        values = await self._view(_MARKET_COUNT, ())
        return cast(int, identity(values[0]))

    async def market_of_request(self, request_id: int) -> MarketOfRequest:
        """`market_of_request` (view)."""
        values = await self._view(_MARKET_OF_REQUEST, (request_id,))
        return MarketOfRequest(
            *decode_all(
                (
                    identity,
                    identity,
                ),
                values,
            )
        )

    async def max_amount(self) -> int:
        """`MAX_AMOUNT` (view)."""
        values = await self._view(_MAX_AMOUNT, ())
        return cast(int, identity(values[0]))

    async def max_fee_bps(self) -> int:
        """`MAX_FEE_BPS` (view)."""
        values = await self._view(_MAX_FEE_BPS, ())
        return cast(int, identity(values[0]))

    def merge_call(self, market_id: int, amount: int) -> ContractCall:
        """The `merge` transaction, unsent."""
        return self._call(_MERGE, (market_id, amount))

    async def merge(
        self, sender: LocalAccount, market_id: int, amount: int, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `merge` from `sender` and wait for the receipt."""
        return await self._send(self.merge_call(market_id, amount), sender, gas)

    async def net_cost(self, market_id: int, account: str) -> int:
        """`net_cost` (view)."""
        values = await self._view(_NET_COST, (market_id, account))
        return cast(int, identity(values[0]))

    def on_outcome_call(self, request_id: int, outcome: bytes) -> ContractCall:
        """The `on_outcome` transaction, unsent."""
        return self._call(_ON_OUTCOME, (request_id, outcome))

    async def on_outcome(
        self, sender: LocalAccount, request_id: int, outcome: bytes, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `on_outcome` from `sender` and wait for the receipt."""
        return await self._send(self.on_outcome_call(request_id, outcome), sender, gas)

    async def oracle(self) -> ChecksumAddress:
        """`ORACLE` (view)."""
        values = await self._view(_ORACLE, ())
        return checksum(values[0])

    async def owner(self) -> ChecksumAddress:
        """`owner` (view)."""
        values = await self._view(_OWNER, ())
        return checksum(values[0])

    def pause_call(self) -> ContractCall:
        """The `pause` transaction, unsent."""
        return self._call(_PAUSE, ())

    async def pause(self, sender: LocalAccount, *, gas: int | None = None) -> TxReceipt:
        """Send `pause` from `sender` and wait for the receipt."""
        return await self._send(self.pause_call(), sender, gas)

    async def paused(self) -> bool:
        """`paused` (view)."""
        values = await self._view(_PAUSED, ())
        return cast(bool, identity(values[0]))

    async def pending_owner(self) -> ChecksumAddress:
        """`pending_owner` (view)."""
        values = await self._view(_PENDING_OWNER, ())
        return checksum(values[0])

    async def pool_balances(self, market_id: int) -> tuple[int, ...]:
        """`pool_balances` (view)."""
        values = await self._view(_POOL_BALANCES, (market_id,))
        return cast(tuple[int, ...], values_tuple(values[0]))

    async def positions(self, market_id: int, account: str) -> tuple[int, ...]:
        """`positions` (view)."""
        values = await self._view(_POSITIONS, (market_id, account))
        return cast(tuple[int, ...], values_tuple(values[0]))

    def redeem_call(self, market_id: int) -> ContractCall:
        """The `redeem` transaction, unsent."""
        return self._call(_REDEEM, (market_id,))

    async def redeem(
        self, sender: LocalAccount, market_id: int, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `redeem` from `sender` and wait for the receipt."""
        return await self._send(self.redeem_call(market_id), sender, gas)

    def redeem_liquidity_call(self, market_id: int) -> ContractCall:
        """The `redeem_liquidity` transaction, unsent."""
        return self._call(_REDEEM_LIQUIDITY, (market_id,))

    async def redeem_liquidity(
        self, sender: LocalAccount, market_id: int, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `redeem_liquidity` from `sender` and wait for the receipt."""
        return await self._send(self.redeem_liquidity_call(market_id), sender, gas)

    async def redeemable(self, market_id: int, account: str) -> int:
        """`redeemable` (view)."""
        values = await self._view(_REDEEMABLE, (market_id, account))
        return cast(int, identity(values[0]))

    def remove_liquidity_call(self, market_id: int, shares: int, deadline: int) -> ContractCall:
        """The `remove_liquidity` transaction, unsent."""
        return self._call(_REMOVE_LIQUIDITY, (market_id, shares, deadline))

    async def remove_liquidity(
        self,
        sender: LocalAccount,
        market_id: int,
        shares: int,
        deadline: int,
        *,
        gas: int | None = None,
    ) -> TxReceipt:
        """Send `remove_liquidity` from `sender` and wait for the receipt."""
        return await self._send(
            self.remove_liquidity_call(market_id, shares, deadline), sender, gas
        )

    def resolve_call(self, market_id: int) -> ContractCall:
        """The `resolve` transaction, unsent."""
        return self._call(_RESOLVE, (market_id,))

    async def resolve(
        self, sender: LocalAccount, market_id: int, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `resolve` from `sender` and wait for the receipt."""
        return await self._send(self.resolve_call(market_id), sender, gas)

    def sell_call(
        self, market_id: int, outcome: int, collateral_out: int, max_shares_in: int, deadline: int
    ) -> ContractCall:
        """The `sell` transaction, unsent."""
        return self._call(_SELL, (market_id, outcome, collateral_out, max_shares_in, deadline))

    async def sell(
        self,
        sender: LocalAccount,
        market_id: int,
        outcome: int,
        collateral_out: int,
        max_shares_in: int,
        deadline: int,
        *,
        gas: int | None = None,
    ) -> TxReceipt:
        """Send `sell` from `sender` and wait for the receipt."""
        return await self._send(
            self.sell_call(market_id, outcome, collateral_out, max_shares_in, deadline), sender, gas
        )

    async def totals(self, market_id: int) -> MarketTotals:
        """`totals` (view)."""
        values = await self._view(_TOTALS, (market_id,))
        return MarketTotals(
            *decode_all(
                (
                    identity,
                    identity,
                ),
                values,
            )
        )

    def transfer_ownership_call(self, new_owner: str) -> ContractCall:
        """The `transfer_ownership` transaction, unsent."""
        return self._call(_TRANSFER_OWNERSHIP, (new_owner,))

    async def transfer_ownership(
        self, sender: LocalAccount, new_owner: str, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `transfer_ownership` from `sender` and wait for the receipt."""
        return await self._send(self.transfer_ownership_call(new_owner), sender, gas)

    def unpause_call(self) -> ContractCall:
        """The `unpause` transaction, unsent."""
        return self._call(_UNPAUSE, ())

    async def unpause(self, sender: LocalAccount, *, gas: int | None = None) -> TxReceipt:
        """Send `unpause` from `sender` and wait for the receipt."""
        return await self._send(self.unpause_call(), sender, gas)

    def withdraw_creator_refund_call(self, market_id: int) -> ContractCall:
        """The `withdraw_creator_refund` transaction, unsent."""
        return self._call(_WITHDRAW_CREATOR_REFUND, (market_id,))

    async def withdraw_creator_refund(
        self, sender: LocalAccount, market_id: int, *, gas: int | None = None
    ) -> TxReceipt:
        """Send `withdraw_creator_refund` from `sender` and wait for the receipt."""
        return await self._send(self.withdraw_creator_refund_call(market_id), sender, gas)


__all__ = [
    "Bought",
    "CreatorRefunded",
    "LiquidityAdded",
    "LiquidityRedeemed",
    "LiquidityRemoved",
    "MarketCreated",
    "Merged",
    "OwnershipTransferStarted",
    "OwnershipTransferred",
    "Paused",
    "PredictionMarket",
    "Redeemed",
    "Resolved",
    "Sold",
    "Unpaused",
]
