"""EIP-2612 `permit`: a holder's off-chain signature sets a spender's allowance."""

from typing import Any

import boa
from eth_account.signers.local import LocalAccount

ONE_HOUR_SECONDS = 3_600


def _sign_permit(
    token: Any, signer: LocalAccount, spender: str, amount_wei: int, deadline: int
) -> tuple[int, bytes, bytes]:
    """Sign a Permit with the token's own EIP-712 domain; return (v, r, s)."""
    _, name, version, chain_id, verifying_contract, _, _ = token.eip712Domain()
    signed = signer.sign_typed_data(
        domain_data={
            "name": name,
            "version": version,
            "chainId": chain_id,
            "verifyingContract": verifying_contract,
        },
        message_types={
            "Permit": [
                {"name": "owner", "type": "address"},
                {"name": "spender", "type": "address"},
                {"name": "value", "type": "uint256"},
                {"name": "nonce", "type": "uint256"},
                {"name": "deadline", "type": "uint256"},
            ]
        },
        message_data={
            "owner": signer.address,
            "spender": spender,
            "value": amount_wei,
            "nonce": token.nonces(signer.address),
            "deadline": deadline,
        },
    )
    return signed.v, signed.r.to_bytes(32, "big"), signed.s.to_bytes(32, "big")


def test_permit__signed_by_holder__sets_allowance_and_bumps_nonce(
    flux_token: Any, holder_account: LocalAccount, holder: str, spender: str
) -> None:
    deadline = boa.env.timestamp + ONE_HOUR_SECONDS
    v, r, s = _sign_permit(flux_token, holder_account, spender, 10**18, deadline)
    assert flux_token.allowance(holder, spender) == 0
    assert flux_token.nonces(holder) == 0

    flux_token.permit(holder, spender, 10**18, deadline, v, r, s, sender=spender)

    assert flux_token.allowance(holder, spender) == 10**18
    assert flux_token.nonces(holder) == 1


def test_permit__replayed__reverts(
    flux_token: Any, holder_account: LocalAccount, holder: str, spender: str
) -> None:
    deadline = boa.env.timestamp + ONE_HOUR_SECONDS
    v, r, s = _sign_permit(flux_token, holder_account, spender, 10**18, deadline)
    flux_token.permit(holder, spender, 10**18, deadline, v, r, s, sender=spender)

    with boa.reverts("erc20: invalid signature"):
        flux_token.permit(holder, spender, 10**18, deadline, v, r, s, sender=spender)


def test_permit__amount_differs_from_signed__reverts(
    flux_token: Any, holder_account: LocalAccount, holder: str, spender: str
) -> None:
    deadline = boa.env.timestamp + ONE_HOUR_SECONDS
    v, r, s = _sign_permit(flux_token, holder_account, spender, 10**18, deadline)

    with boa.reverts("erc20: invalid signature"):
        flux_token.permit(holder, spender, 2 * 10**18, deadline, v, r, s, sender=spender)

    assert flux_token.allowance(holder, spender) == 0


def test_permit__at_deadline__sets_allowance(
    flux_token: Any, holder_account: LocalAccount, holder: str, spender: str
) -> None:
    deadline = boa.env.timestamp + ONE_HOUR_SECONDS
    v, r, s = _sign_permit(flux_token, holder_account, spender, 10**18, deadline)
    boa.env.timestamp = deadline

    flux_token.permit(holder, spender, 10**18, deadline, v, r, s, sender=spender)

    assert flux_token.allowance(holder, spender) == 10**18


def test_permit__after_deadline__reverts(
    flux_token: Any, holder_account: LocalAccount, holder: str, spender: str
) -> None:
    deadline = boa.env.timestamp + ONE_HOUR_SECONDS
    v, r, s = _sign_permit(flux_token, holder_account, spender, 10**18, deadline)
    boa.env.timestamp = deadline + 1

    with boa.reverts("erc20: expired deadline"):
        flux_token.permit(holder, spender, 10**18, deadline, v, r, s, sender=spender)


def test_transfer_from__after_permit__moves_holder_tokens(
    flux_token: Any,
    owner: str,
    holder_account: LocalAccount,
    holder: str,
    spender: str,
    recipient: str,
) -> None:
    """Money flow: owner funds holder with 3 FLX; spender moves 2 FLX to recipient by permit."""
    flux_token.transfer(holder, 3 * 10**18, sender=owner)
    deadline = boa.env.timestamp + ONE_HOUR_SECONDS
    v, r, s = _sign_permit(flux_token, holder_account, spender, 2 * 10**18, deadline)
    flux_token.permit(holder, spender, 2 * 10**18, deadline, v, r, s, sender=spender)

    flux_token.transferFrom(holder, recipient, 2 * 10**18, sender=spender)

    assert flux_token.balanceOf(holder) == 1 * 10**18
    assert flux_token.balanceOf(recipient) == 2 * 10**18
    assert flux_token.allowance(holder, spender) == 0
