"""`fluxo.feeds` (signing, report assembly, median rules) against the deployed PriceFeed.

Random rounds are signed and assembled by the Python provider code and transmitted to the
contract; the contract must accept every one and store exactly what `expected_stored_round`
predicts. The two implementations can therefore never disagree on the digest, the report
order or the median rules without this test failing.
"""

from typing import Any

import boa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from fluxo.feeds import (
    MAX_FUTURE_S,
    MAX_OBSERVATION_AGE_S,
    Observation,
    assemble_report,
    expected_stored_round,
    feed_id,
)
from fluxo.feeds import sign_observation as provider_sign
from tests.harness.feeds import FeedFixture

INT192_MIN, INT192_MAX = -(2**191), 2**191 - 1
SIGNER_COUNT = 31
# Providers' clocks may run up to 60 s ahead of the block; older ones are fine up to the
# feed's maximum observation age, here the largest (255 s), so every age the contract's
# histogram holds is drawn: many ties, both sides of every 32-second word.
OFFSETS_S = st.one_of(
    st.integers(min_value=-MAX_OBSERVATION_AGE_S, max_value=MAX_FUTURE_S),
    st.sampled_from([-MAX_OBSERVATION_AGE_S, -33, -32, -31, -1, 0, 1, MAX_FUTURE_S]),
)


@pytest.fixture(scope="module")
def fixture() -> FeedFixture:
    """One feed with 31 providers and quorum 1, deployed once; boa's plugin rolls every
    hypothesis example back to this empty feed."""
    feeds = FeedFixture(signer_count=SIGNER_COUNT, quorum=1)
    feeds.feed.set_max_observation_age(MAX_OBSERVATION_AGE_S, sender=feeds.owner)
    return feeds


answers_strategy = st.one_of(
    st.integers(min_value=INT192_MIN, max_value=INT192_MAX),
    st.integers(min_value=-1_000, max_value=1_000),  # many ties and sign changes
    st.sampled_from([INT192_MIN, INT192_MAX, -1, 0, 1]),
)


@given(
    observations=st.lists(st.tuples(answers_strategy, OFFSETS_S), min_size=1, max_size=SIGNER_COUNT)
)
def test_transmit__python_assembled_round__contract_stores_python_median(
    fixture: FeedFixture, observations: list[tuple[int, int]]
) -> None:
    feed: Any = fixture.feed
    now_s = fixture.now
    chain_id = int(boa.env.evm.patch.chain_id)
    feed_address = str(feed.address)
    signed = [
        provider_sign(
            Observation(feed_id(fixture.description), 1, answer, now_s + offset_s),
            chain_id,
            feed_address,
            provider,
        )
        for (answer, offset_s), provider in zip(observations, fixture.providers, strict=False)
    ]
    report = assemble_report(signed, chain_id=chain_id, feed_address=feed_address, quorum=1)

    feed.transmit(*report.transmit_args(), sender=fixture.transmitter)

    expected = expected_stored_round(report.answers, report.timestamps_s, now_s)
    _, answer, started_at, updated_at, _ = feed.getRoundData(1)
    assert (answer, updated_at) == (expected.answer, expected.updated_at_s)
    assert started_at == updated_at
