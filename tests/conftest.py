"""Session-wide test settings: hypothesis profiles, picked with $HYPOTHESIS_PROFILE."""

import os

from hypothesis import HealthCheck, settings

# Fast feedback while editing.
settings.register_profile("dev", max_examples=25, deadline=None)
# `make test` and CI: deeper searches and longer stateful runs.
settings.register_profile(
    "ci",
    max_examples=200,
    stateful_step_count=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
