"""A 7-provider feed (quorum 4) with one round-free history, its owner and a transmitter."""

import boa
import pytest

from tests.harness.feeds import FeedFixture

START_TIME = 1_800_000_000


@pytest.fixture
def feeds() -> FeedFixture:
    """Deployed at a realistic time: providers stamp observations a few seconds back."""
    boa.env.evm.patch.timestamp = START_TIME
    return FeedFixture()
