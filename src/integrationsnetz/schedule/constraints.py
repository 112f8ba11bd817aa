"""Schedule constraints: rules a planned meeting must (hard) or should (soft) satisfy."""

from __future__ import annotations

from collections.abc import Callable

import attrs

from integrationsnetz.model.meetings import Meeting


@attrs.frozen(kw_only=True)
class Constraint:
    """A named rule; ``violation`` returns why a candidate meeting breaks it, or None."""

    code: str
    description: str
    violation: Callable[[Meeting], str | None]
    hard: bool = True
