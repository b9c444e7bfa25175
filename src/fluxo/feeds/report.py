"""Assemble signed observations into the arguments of `PriceFeed.transmit`.

    report = assemble_report(signed, chain_id=1, feed_address=feed, quorum=3)
    feed_contract.functions.transmit(*report.transmit_args())

The contract checks rather than sorts, so the report is sorted here: ascending by answer. Ties
keep the order the observations were given in (Python's sort is stable); tie order changes
neither the stored answer nor the stored timestamp, only the calldata. The checks mirror the
contract's so a transmitter learns about a bad report before paying for a reverted
transaction: at most `MAX_OBSERVATIONS`, at least `quorum`, one round, one feed, valid low-s
signatures and one observation per signer. Whether the signers are authorized, the round is the
next one and the timestamps are fresh is chain state; pass `authorized_signers` to check the
first offline, and filter with `fluxo.feeds.freshness.fresh_observations` for the last.
Only the feed's transmitters (its signers by default) may send the report.
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Final

from eth_abi.abi import encode
from eth_typing import ChecksumAddress

from fluxo.domain.address import parse_address
from fluxo.exceptions import InvalidReport
from fluxo.feeds.signing import SignedObservation, recover_signer

# `transmit` takes DynArray[..., 31] arguments.
MAX_OBSERVATIONS: Final = 31
# `transmit(uint32 round, int192[] answers, uint64[] timestamps, bytes[] signatures)`.
TRANSMIT_TYPES: Final = ("uint32", "int192[]", "uint64[]", "bytes[]")


@dataclass(frozen=True, slots=True)
class Report:
    """One round's report, sorted ascending by answer; index i of every tuple is one
    observation. `signers` is what each signature recovers to and is not sent on chain."""

    round: int
    answers: tuple[int, ...]
    timestamps_s: tuple[int, ...]
    signatures: tuple[bytes, ...]
    signers: tuple[ChecksumAddress, ...]

    def transmit_args(self) -> tuple[int, list[int], list[int], list[bytes]]:
        """`(round, answers, timestamps, signatures)`, in `transmit`'s parameter order."""
        return self.round, list(self.answers), list(self.timestamps_s), list(self.signatures)

    def transmit_data(self) -> bytes:
        """The ABI encoding of `transmit_args()` without the selector: one report of
        `FeedHub.transmit_many`, which prepends `transmit`'s selector itself."""
        return encode(TRANSMIT_TYPES, list(self.transmit_args()))


def assemble_report(
    signed: Sequence[SignedObservation],
    *,
    chain_id: int,
    feed_address: str,
    quorum: int,
    authorized_signers: Collection[str] | None = None,
) -> Report:
    """Validate `signed` as one round's report for the feed at `feed_address` and sort it.

    Raises `InvalidReport` for a count outside [quorum, 31], mixed rounds or feeds, a repeated
    or unauthorized signer, and `InvalidSignature` for a signature the contract would reject.
    """
    _check_count(len(signed), quorum)
    first = signed[0].observation
    for item in signed:
        if item.observation.round != first.round:
            raise InvalidReport(
                f"observations span rounds {first.round} and {item.observation.round}"
            )
        if item.observation.feed != first.feed:
            raise InvalidReport("observations are for different feeds")
    signers = [
        recover_signer(item.observation, chain_id, feed_address, item.signature) for item in signed
    ]
    _check_signers(signers, authorized_signers)
    order = sorted(range(len(signed)), key=lambda index: signed[index].observation.answer)
    return Report(
        round=first.round,
        answers=tuple(signed[index].observation.answer for index in order),
        timestamps_s=tuple(signed[index].observation.timestamp_s for index in order),
        signatures=tuple(signed[index].signature for index in order),
        signers=tuple(signers[index] for index in order),
    )


def _check_count(count: int, quorum: int) -> None:
    if quorum < 1:
        raise InvalidReport(f"quorum must be at least 1, got {quorum}")
    if quorum > MAX_OBSERVATIONS:
        raise InvalidReport(f"quorum {quorum} exceeds the {MAX_OBSERVATIONS} observations allowed")
    if count < quorum:
        raise InvalidReport(f"{count} observations do not reach the quorum of {quorum}")
    if count > MAX_OBSERVATIONS:
        raise InvalidReport(f"{count} observations exceed the maximum of {MAX_OBSERVATIONS}")


def _check_signers(
    signers: Sequence[ChecksumAddress], authorized_signers: Collection[str] | None
) -> None:
    seen: set[ChecksumAddress] = set()
    for signer in signers:
        if signer in seen:
            raise InvalidReport(f"signer {signer} signed more than one observation")
        seen.add(signer)
    if authorized_signers is None:
        return
    authorized = {parse_address(address) for address in authorized_signers}
    for signer in signers:
        if parse_address(signer) not in authorized:
            raise InvalidReport(f"signer {signer} is not authorized for this feed")
