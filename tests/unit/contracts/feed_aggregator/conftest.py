"""Role-named actors for the FeedAggregator tests."""

import boa
import pytest


@pytest.fixture
def updater() -> str:
    """Anyone: `update()` is permissionless."""
    return str(boa.env.generate_address("updater"))
