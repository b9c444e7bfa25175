"""How the model says "the contract call reverts here"."""


class OracleRevert(Exception):
    """The Oracle call reverts with `reason`, the exact revert string the contract emits.

    The model raises it before mutating anything, so a caught revert leaves the model exactly
    as it was, just like a reverted transaction leaves the chain.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class TransferFailed(OracleRevert):
    """A payer's token balance cannot cover a pull into the Oracle.

    The model tracks balances only (no allowances), and the reason the chain reports depends on
    the token: a token that returns `False` makes the Oracle revert `oracle: transfer failed`,
    a token that reverts surfaces its own reason. A side-by-side test should compare "both
    reverted" here, not the exact string.
    """

    def __init__(self) -> None:
        super().__init__("oracle: transfer failed")


class Undecodable(OracleRevert):
    """The call data does not fit the function's ABI types (a list or a string too long), so
    the contract's decoder reverts before any of its code runs, with no reason string."""

    def __init__(self, field: str) -> None:
        super().__init__("")
        self.args = (f"call data does not decode: {field}",)
        self.field = field
