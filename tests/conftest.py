"""Shared test configuration: hypothesis profiles and the path to ../shared/."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, settings

# "ci" is loaded by hypothesis itself when CI is set; "dev" is quick, "thorough" is for
# a deliberate long run (HYPOTHESIS_PROFILE=thorough).
settings.register_profile("dev", max_examples=100)
settings.register_profile(
    "thorough", max_examples=5000, suppress_health_check=[HealthCheck.too_slow]
)
if "HYPOTHESIS_PROFILE" in os.environ:
    settings.load_profile(os.environ["HYPOTHESIS_PROFILE"])
elif not os.environ.get("CI"):
    settings.load_profile("dev")

#: ../shared/ beside the checkout (read-only project material; CI always has it).
SHARED = Path(__file__).resolve().parents[2] / "shared"
