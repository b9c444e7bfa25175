"""What only the model has: how it stores addresses, and how it reports reverts."""

from dataclasses import replace

import pytest

from fluxo.domain import Source
from tests.harness.game import game_config, request_args
from tests.model import OracleModel, OracleRevert, TransferFailed, Undecodable

OWNER = "0x" + "00" * 19 + "01"
CONFIG = game_config(
    stake_token="0x" + "f1" * 20,
    payment_token="0x" + "f2" * 20,
    final_arbitrator="0x" + "07" * 20,
    treasury="0x" + "08" * 20,
)


def test_constructor__checksummed_addresses__are_stored_lowercase() -> None:
    treasury = "0xAbCdEf0000000000000000000000000000000001"

    oracle = OracleModel(replace(CONFIG, treasury=treasury), OWNER.upper().replace("0X", "0x"))

    assert oracle.configs[0].treasury == treasury.lower()
    assert oracle.owner == OWNER


def test_create_request__beyond_the_abi_types__reverts_without_reason_naming_the_field() -> None:
    """The contract's decoder gives no reason; the model still says which field it was."""
    oracle = OracleModel(CONFIG, OWNER)
    args = request_args(0, sources=tuple(Source(f"https://{i}.example", "$") for i in range(9)))

    with pytest.raises(Undecodable) as raised:
        oracle.create_request(OWNER, args, 0)

    assert raised.value.reason == ""
    assert raised.value.field == "sources"
    assert str(raised.value) == "call data does not decode: sources"


def test_create_request__payer_short__transfer_failed_with_the_oracles_reason() -> None:
    oracle = OracleModel(CONFIG, OWNER)
    oracle.add_requester(OWNER, OWNER, "market", 10_000, "")

    with pytest.raises(TransferFailed) as raised:
        oracle.create_request(OWNER, request_args(0), 0)

    assert isinstance(raised.value, OracleRevert)
    assert raised.value.reason == "oracle: transfer failed"
    assert oracle.request_count == 0
