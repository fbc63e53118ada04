"""Shared test configuration: hypothesis profiles and the path to ../shared/."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, settings

# No test may depend on timing (CI machines are as loaded as ours): every profile turns
# off the deadline and the health checks that measure speed. "ci" is used when CI is
# set; "dev" is quick; "thorough" is for a deliberate long run (HYPOTHESIS_PROFILE).
_UTAN_TID = settings(
    deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example]
)
settings.register_profile("ci", _UTAN_TID, derandomize=True, database=None, print_blob=True)
settings.register_profile("dev", _UTAN_TID, max_examples=100)
settings.register_profile("thorough", _UTAN_TID, max_examples=5000)
if "HYPOTHESIS_PROFILE" in os.environ:
    settings.load_profile(os.environ["HYPOTHESIS_PROFILE"])
else:
    settings.load_profile("ci" if os.environ.get("CI") else "dev")

#: ../shared/ beside the checkout (read-only project material; CI always has it).
SHARED = Path(__file__).resolve().parents[2] / "shared"
