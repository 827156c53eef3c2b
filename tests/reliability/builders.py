"""Hypothesis profiles for the reliability suite: modest in CI, thorough on demand.

HYPOTHESIS_PROFILE=thorough pytest tests/reliability      # 10x the examples
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_COMMON = {
    "deadline": None,  # file I/O and fsync make timings noisy on a shared 2-core runner
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    "derandomize": True,  # CI is reproducible; the thorough profile explores
}
settings.register_profile("reliability-ci", max_examples=25, **_COMMON)
settings.register_profile("thorough", max_examples=250, **{**_COMMON, "derandomize": False})


def examples() -> settings:
    return settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "reliability-ci"))
