"""Funding programmes actors can apply for."""

from __future__ import annotations

from datetime import date

import attrs

from integrationsnetz.model.entity import NetworkPart, validate_not_blank, validate_optional_id
from integrationsnetz.model.field_types import typed_fields


@attrs.frozen(kw_only=True, field_transformer=typed_fields)
class FundingProgramme(NetworkPart):
    """A grant programme, e.g. the state integration office's or the Partnerschaft für Demokratie's."""

    name: str = attrs.field(validator=validate_not_blank)
    funder_id: str | None = attrs.field(default=None, validator=validate_optional_id)
    description: str | None = None
    url: str | None = None
    deadline: date | None = None
    topics: tuple[str, ...] = ()
