"""PriceFeed constructor arguments, checked before a deployment is sent."""

import pytest
from eth_utils.address import to_checksum_address

from fluxo.exceptions import InvalidFeedParameters
from fluxo.feeds.parameters import MAX_SIGNERS, feed_parameters

SIGNERS = ["0x" + f"{i:040x}" for i in range(1, MAX_SIGNERS + 2)]


def test_feed_parameters__valid__checksummed_constructor_args() -> None:
    parameters = feed_parameters(8, "ETH / USD", SIGNERS[:2], 2)

    decimals, description, signers, quorum = parameters.constructor_args()
    assert (decimals, description, quorum) == (8, "ETH / USD", 2)
    assert signers == [to_checksum_address(signer) for signer in SIGNERS[:2]]


@pytest.mark.parametrize(
    ("decimals", "description", "signers", "quorum", "message"),
    [
        (-1, "X", SIGNERS[:1], 1, "decimals"),
        (256, "X", SIGNERS[:1], 1, "decimals"),
        (8, "x" * 65, SIGNERS[:1], 1, "65 bytes"),
        (8, "é" * 33, SIGNERS[:1], 1, "66 bytes"),
        (8, "X", [], 1, "1 to 31 signers, got 0"),
        (8, "X", SIGNERS[:32], 1, "1 to 31 signers, got 32"),
        (8, "X", [SIGNERS[0], SIGNERS[0].upper().replace("0X", "0x")], 1, "distinct"),
        (8, "X", ["0x" + "00" * 20], 1, "zero address"),
        (8, "X", SIGNERS[:2], 0, "quorum"),
        (8, "X", SIGNERS[:2], 3, "quorum"),
        (8, "X", ["0x1234"], 1, "bad signer address '0x1234'"),
    ],
)
def test_feed_parameters__invalid__raises(
    decimals: int, description: str, signers: list[str], quorum: int, message: str
) -> None:
    with pytest.raises(InvalidFeedParameters, match=message):
        feed_parameters(decimals, description, signers, quorum)


def test_feed_parameters__bounds__accepted() -> None:
    parameters = feed_parameters(255, "x" * 64, SIGNERS[:MAX_SIGNERS], MAX_SIGNERS)

    assert parameters.quorum == MAX_SIGNERS
