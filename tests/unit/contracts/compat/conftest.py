"""Real ecosystem consumers (from npm, compiled by solc-js) in front of Fluxo feeds.

Every module here sets `pytestmark = pytest.mark.solidity` (`pytest -m "not solidity"`
deselects them: they need `npm ci`). The Solidity is compiled at most once per session and
cached on disk across sessions (tests/harness/solidity.py), so after the first run the whole
directory takes seconds.
"""

import boa
import pytest

from tests.harness.feeds import FeedFixture

START_TIME = 1_800_000_000


@pytest.fixture
def feeds() -> FeedFixture:
    """A 7-provider Fluxo feed (quorum 4) deployed at a realistic time, still empty."""
    boa.env.evm.patch.timestamp = START_TIME
    return FeedFixture()


@pytest.fixture
def user() -> str:
    """An EOA: tx.origin of every read."""
    return str(boa.env.generate_address("user"))
