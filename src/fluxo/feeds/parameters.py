"""A PriceFeed's constructor arguments, checked before anything is sent to a chain."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from eth_typing import ChecksumAddress
from eth_utils.address import to_checksum_address

from fluxo.domain.address import ZERO_ADDRESS, parse_address
from fluxo.exceptions import InvalidFeedParameters

MAX_DECIMALS: Final = 255  # uint8
MAX_DESCRIPTION_BYTES: Final = 64  # String[64]
MAX_SIGNERS: Final = 31  # DynArray[address, 31]


@dataclass(frozen=True, slots=True)
class FeedParameters:
    """`__init__(decimals, description, signers, quorum)` of `PriceFeed.vy`.

    Beyond the ABI types, a feed needs at least one signer, no repeated or zero signer, and a
    quorum in [1, len(signers)]: a larger quorum could never be met, a zero one would accept
    empty reports.
    """

    decimals: int
    description: str
    signers: tuple[ChecksumAddress, ...]
    quorum: int

    def __post_init__(self) -> None:
        if not 0 <= self.decimals <= MAX_DECIMALS:
            raise InvalidFeedParameters(f"decimals must be a uint8, got {self.decimals}")
        description_bytes = len(self.description.encode())
        if description_bytes > MAX_DESCRIPTION_BYTES:
            raise InvalidFeedParameters(
                f"description is {description_bytes} bytes; at most {MAX_DESCRIPTION_BYTES}"
            )
        if not 1 <= len(self.signers) <= MAX_SIGNERS:
            raise InvalidFeedParameters(
                f"a feed has 1 to {MAX_SIGNERS} signers, got {len(self.signers)}"
            )
        if len(set(self.signers)) != len(self.signers):
            raise InvalidFeedParameters("signers must be distinct")
        if to_checksum_address(ZERO_ADDRESS) in self.signers:
            raise InvalidFeedParameters("the zero address cannot be a signer")
        if not 1 <= self.quorum <= len(self.signers):
            raise InvalidFeedParameters(
                f"quorum must be between 1 and the {len(self.signers)} signers, got {self.quorum}"
            )

    def constructor_args(self) -> tuple[int, str, list[ChecksumAddress], int]:
        """The arguments in the constructor's order."""
        return self.decimals, self.description, list(self.signers), self.quorum


def feed_parameters(
    decimals: int, description: str, signers: Sequence[str], quorum: int
) -> FeedParameters:
    """`FeedParameters` from user input: signer addresses in any case, checksummed here."""
    checksummed: list[ChecksumAddress] = []
    for signer in signers:
        try:
            checksummed.append(to_checksum_address(parse_address(signer)))
        except ValueError as error:
            raise InvalidFeedParameters(
                f"bad signer address {signer!r}: not a 20-byte 0x hex address"
            ) from error
    return FeedParameters(decimals, description, tuple(checksummed), quorum)
