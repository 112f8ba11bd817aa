"""Module paths that moved: the old path still imports for one release, with a DeprecationWarning.

Before 1.0 a minor release may break the API, but a module a plugin author imported keeps
working for one more release (``CHANGELOG.md`` lists each under *Deprecated*). Each old path is
a module of three lines: its docstring, ``from <new> import *``, and :func:`warn_moved`.
"""

from __future__ import annotations

import warnings


def warn_moved(old: str, new: str) -> None:
    """Warn, at the importer's line, that module ``old`` is ``new`` now."""
    warnings.warn(
        f"{old} moved to {new}; the old path is removed in the next release",
        DeprecationWarning,
        stacklevel=3,  # warn_moved <- the old module <- the import machinery: the frames are skipped
    )
