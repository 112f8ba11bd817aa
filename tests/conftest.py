"""Settings shared by every test area: the Hypothesis profiles.

``ci`` (the default) has no per-example deadline: the machine is shared and timing-based
failures would be noise. ``dev`` runs fewer examples for a quick loop; ``thorough`` many more;
``fuzz`` is for ``./dev fuzz`` (tests/fuzz at 20,000 examples per target).
Choose one with ``HYPOTHESIS_PROFILE=thorough ./dev test``.
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
settings.register_profile("dev", parent=settings.get_profile("ci"), max_examples=10)
settings.register_profile("thorough", parent=settings.get_profile("ci"), max_examples=1000)
# ``./dev fuzz``: the fuzz targets in tests/fuzz at 20,000 examples each (FUZZ_EXAMPLES overrides).
settings.register_profile(
    "fuzz", parent=settings.get_profile("ci"), max_examples=int(os.environ.get("FUZZ_EXAMPLES", "20000"))
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
