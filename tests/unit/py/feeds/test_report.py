"""Report assembly: sorted by answer, checked like `transmit` checks it."""

import pytest
from eth_abi.abi import decode
from eth_account import Account
from eth_account.signers.local import LocalAccount

from fluxo.exceptions import InvalidReport, InvalidSignature
from fluxo.feeds.observation import Observation, feed_id
from fluxo.feeds.report import MAX_OBSERVATIONS, TRANSMIT_TYPES, Report, assemble_report
from fluxo.feeds.signing import SignedObservation, sign_observation

FEED = feed_id("ETH / USD")
FEED_ADDRESS = "0x5FbDB2315678afecb367f032d93F642f64180aa3"
CHAIN_ID = 31_337
ROUND = 9
PROVIDERS: list[LocalAccount] = [
    Account.from_key((i + 1).to_bytes(32, "big")) for i in range(MAX_OBSERVATIONS + 1)
]


def _signed(
    provider: LocalAccount, answer: int, timestamp_s: int = 1_700_000_000, round_: int = ROUND
) -> SignedObservation:
    return sign_observation(
        Observation(FEED, round_, answer, timestamp_s), CHAIN_ID, FEED_ADDRESS, provider
    )


def _assemble(
    signed: list[SignedObservation], quorum: int = 1, authorized_signers: list[str] | None = None
) -> Report:
    return assemble_report(
        signed,
        chain_id=CHAIN_ID,
        feed_address=FEED_ADDRESS,
        quorum=quorum,
        authorized_signers=authorized_signers,
    )


def test_assemble_report__unsorted_answers__sorted_ascending_with_rows_kept_together() -> None:
    signed = [
        _signed(PROVIDERS[0], 300, 1_700_000_003),
        _signed(PROVIDERS[1], -5, 1_700_000_001),
        _signed(PROVIDERS[2], 100, 1_700_000_002),
    ]

    report = _assemble(signed, quorum=3)

    assert report.answers == (-5, 100, 300)
    assert report.timestamps_s == (1_700_000_001, 1_700_000_002, 1_700_000_003)
    assert report.signatures == (signed[1].signature, signed[2].signature, signed[0].signature)
    assert report.signers == (PROVIDERS[1].address, PROVIDERS[2].address, PROVIDERS[0].address)


def test_assemble_report__tied_answers__keep_input_order() -> None:
    signed = [
        _signed(PROVIDERS[0], 7, 3),
        _signed(PROVIDERS[1], 1, 2),
        _signed(PROVIDERS[2], 7, 1),
        _signed(PROVIDERS[3], 7, 4),
    ]

    report = _assemble(signed)

    assert report.answers == (1, 7, 7, 7)
    assert report.timestamps_s == (2, 3, 1, 4)


def test_transmit_args__report__round_answers_timestamps_signatures() -> None:
    signed = [_signed(PROVIDERS[0], 2, 20), _signed(PROVIDERS[1], 1, 10)]

    args = _assemble(signed).transmit_args()

    assert args == (ROUND, [1, 2], [10, 20], [signed[1].signature, signed[0].signature])


def test_transmit_data__report__abi_encoding_a_hub_forwards_after_the_selector() -> None:
    """`FeedHub.transmit_many` prepends `transmit`'s selector to each report: the bytes must be
    exactly the ABI encoding of `transmit`'s arguments."""
    report = _assemble([_signed(PROVIDERS[0], -5), _signed(PROVIDERS[1], 7, 1_700_000_001)])

    round_, answers, timestamps, signatures = decode(list(TRANSMIT_TYPES), report.transmit_data())

    assert (round_, list(answers), list(timestamps), list(signatures)) == report.transmit_args()


@pytest.mark.parametrize("quorum", [1, 4, 5])
def test_assemble_report__count_reaches_quorum__accepted(quorum: int) -> None:
    signed = [_signed(provider, 1) for provider in PROVIDERS[:5]]

    assert len(_assemble(signed, quorum=quorum).answers) == 5


def test_assemble_report__one_below_quorum__rejected() -> None:
    signed = [_signed(provider, 1) for provider in PROVIDERS[:4]]

    with pytest.raises(InvalidReport, match="4 observations do not reach the quorum of 5"):
        _assemble(signed, quorum=5)


def test_assemble_report__no_observations__rejected() -> None:
    with pytest.raises(InvalidReport, match="0 observations"):
        _assemble([], quorum=1)


@pytest.mark.parametrize("quorum", [0, -1, MAX_OBSERVATIONS + 1])
def test_assemble_report__quorum_out_of_range__rejected(quorum: int) -> None:
    with pytest.raises(InvalidReport, match="quorum"):
        _assemble([_signed(PROVIDERS[0], 1)], quorum=quorum)


def test_assemble_report__31_observations__accepted_and_32_rejected() -> None:
    signed = [_signed(provider, index) for index, provider in enumerate(PROVIDERS)]

    assert len(_assemble(signed[:MAX_OBSERVATIONS], quorum=MAX_OBSERVATIONS).answers) == 31
    with pytest.raises(InvalidReport, match="32 observations exceed the maximum of 31"):
        _assemble(signed)


def test_assemble_report__same_signer_twice__rejected() -> None:
    signed = [_signed(PROVIDERS[0], 1), _signed(PROVIDERS[1], 2), _signed(PROVIDERS[0], 3)]

    with pytest.raises(InvalidReport, match=f"signer {PROVIDERS[0].address} signed more"):
        _assemble(signed)


def test_assemble_report__mixed_rounds__rejected() -> None:
    signed = [_signed(PROVIDERS[0], 1), _signed(PROVIDERS[1], 1, round_=ROUND + 1)]

    with pytest.raises(InvalidReport, match=f"rounds {ROUND} and {ROUND + 1}"):
        _assemble(signed)


def test_assemble_report__mixed_feeds__rejected() -> None:
    other = sign_observation(
        Observation(feed_id("BTC / USD"), ROUND, 1, 1), CHAIN_ID, FEED_ADDRESS, PROVIDERS[1]
    )

    with pytest.raises(InvalidReport, match="different feeds"):
        _assemble([_signed(PROVIDERS[0], 1), other])


def test_assemble_report__all_signers_authorized__accepted() -> None:
    signed = [_signed(PROVIDERS[0], 1), _signed(PROVIDERS[1], 2)]
    authorized = [PROVIDERS[0].address.lower(), PROVIDERS[1].address, PROVIDERS[2].address]

    assert len(_assemble(signed, authorized_signers=authorized).answers) == 2


def test_assemble_report__unauthorized_signer__rejected() -> None:
    signed = [_signed(PROVIDERS[0], 1), _signed(PROVIDERS[1], 2)]

    with pytest.raises(InvalidReport, match=f"{PROVIDERS[1].address} is not authorized"):
        _assemble(signed, authorized_signers=[PROVIDERS[0].address])


def test_assemble_report__high_s_signature__rejected() -> None:
    good = _signed(PROVIDERS[0], 1)
    high_s = good.signature[:32] + (2**256 - 1).to_bytes(32, "big") + good.signature[64:]

    with pytest.raises(InvalidSignature, match="malleable"):
        _assemble([SignedObservation(good.observation, high_s)])
