"""Owner administration that only the chain can show: token addresses without code, and the
missing `renounce_ownership`. The config rule, versions, the whitelist and pause run on the
contract and the model in `tests/scenarios/oracle/test_admin.py`."""

from dataclasses import astuple, replace

import boa
import pytest

from tests.harness.deployers import ORACLE_DEPLOYER
from tests.harness.protocol import OracleProtocol


@pytest.mark.parametrize("field", ["stake_token", "payment_token"])
def test_deploy__token_without_code__reverts_bad_config(
    protocol: OracleProtocol, field: str
) -> None:
    """The model cannot see code size; the contract refuses a token that is an EOA."""
    with boa.reverts("oracle: bad config"):
        ORACLE_DEPLOYER.deploy(astuple(replace(protocol.config, **{field: str(protocol.stranger)})))


def test_renounce_ownership__not_exported__owner_stays(protocol: OracleProtocol) -> None:
    """Renouncing while paused would freeze every bond for good, so the Oracle has no
    `renounce_ownership`: a call with its selector reverts and the owner stays."""
    assert "renounce_ownership" not in {item.get("name") for item in protocol.oracle.abi}
    selector = bytes.fromhex("b15e13ee")  # renounce_ownership()
    protocol.pause()

    computation = boa.env.execute_code(
        protocol.oracle.address, sender=protocol.owner, data=selector
    )

    assert computation.is_error

    assert protocol.oracle.owner() == protocol.owner
    protocol.unpause()
