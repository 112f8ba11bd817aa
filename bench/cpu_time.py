"""How the calendar benchmarks time a step: CPU seconds of this process, after a garbage collection.

On a shared machine wall time mostly measures the neighbours; the process's own CPU time does not.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable


def timed(action: Callable[[], object]) -> tuple[float, object]:
    """CPU seconds of this process: on a shared machine wall time mostly measures the neighbours."""
    gc.collect()
    begin = time.process_time()
    result = action()
    return time.process_time() - begin, result
