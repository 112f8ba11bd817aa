"""Fields and values as a coordinator reads them: German labels, names for ids, status words.

A change is shown before it is written (:func:`~integrationsnetz.cli.editing.confirm`) and
``zeige`` prints one entry: both for a person, not a program. So a field is named by its label
(``Beginn``, ``Einladungen``; English with ``--lang en``), an id of a person, organisation,
venue, room or group by what it stands for (a person by their function, as documents name them),
a status in words (``zugesagt``), times in the network's zone, and a nested value (an invitation,
the minutes, an agenda item) as its labelled parts instead of JSON. Long texts are cut to a
readable length with their size said. ``--json`` keeps the library's codec: the machine format.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any

from integrationsnetz.cli.times import local_text
from integrationsnetz.cli.wording import LANGUAGE, is_key, say

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from integrationsnetz.model import NetworkData

#: A text longer than this is cut in a preview (the whole text is written, of course).
LONGEST = 120
#: Fields whose value is the id of a person or organisation, a venue, a room, a group or the network.
_REFERENCES = frozenset({
    "actor_id", "organizer_id", "moderator_id", "owner_id", "recorded_by_id", "affiliation_id", "provider_id",
    "venue_id", "room_id", "group_id", "network_id", "presenter_ids",
})  # fmt: skip
#: Fields that are the library's bookkeeping, or the id the heading names already.
_HIDDEN = frozenset({"created", "modified", "revision", "id"})


class Names:
    """What an id stands for in ``data``: a person's function, an organisation's, venue's, room's or group's name."""

    def __init__(self, data: NetworkData | None) -> None:
        found: dict[str, str] = {}
        if data is not None:
            found[data.network.id] = data.network.name
            found.update((o.id, o.name) for o in data.organizations)
            found.update((p.id, p.function or p.display_name) for p in data.persons)
            found.update((g.id, g.name) for g in data.groups)
            for venue in data.venues:
                found[venue.id] = venue.name
                found.update((room.id, room.name) for room in venue.rooms)
        self._found: Mapping[str, str] = found

    def of(self, entity_id: str) -> str:
        """The name ``entity_id`` stands for, the id itself when it stands for nothing known."""
        return self._found.get(entity_id, entity_id)


def label(field: str) -> str:
    """A field's label in the run's language (``venue_id`` -> ``Ort``); the field's name if it has none."""
    key = f"field.{field}"
    return say(key) if is_key(key) else field


def label_path(path: str) -> str:
    """A field path as labels: ``minutes.decisions[0].text`` -> ``Protokoll › Beschlüsse 1 › Text``."""
    shown = []
    for part in path.split("."):
        name, _, index = part.partition("[")
        shown.append(label(name) + (f" {int(index.rstrip(']')) + 1}" if index else ""))
    return " › ".join(shown)


def _cut(text: str) -> str:
    plain = " ".join(text.split())
    if len(plain) <= LONGEST:
        return plain
    return say("field.cut", text=plain[:LONGEST].rstrip(), size=len(text))


def readable(value: Any, zone: ZoneInfo, names: Names, field: str = "") -> str:
    """``value`` of ``field`` as a person reads it; ``–`` for nothing; control characters visible.

    Names and texts of the data pass :func:`~integrationsnetz.cli.terminal.visible`: a preview is
    printed to a terminal.
    """
    from integrationsnetz.cli.terminal import visible

    return visible(_readable(value, zone, names, field))


def _readable(value: Any, zone: ZoneInfo, names: Names, field: str = "") -> str:
    import attrs

    from integrationsnetz.exporters.wording import meeting_kind_word, organization_kind_word, status_word

    language = LANGUAGE.get()
    if value is None or value in ((), ""):
        return "–"
    if isinstance(value, bool):
        return say("ort.yes" if value else "ort.no")
    if isinstance(value, datetime):
        return local_text(value, zone)
    if isinstance(value, date):
        return f"{value:%d.%m.%Y}"
    if isinstance(value, Enum):
        word = str(value.value)
        if field == "kind":
            kind = meeting_kind_word(word, language)
            return kind if kind != word else organization_kind_word(word, language)
        return status_word(word, language) if field != "role" else label(f"role.{word}")
    if isinstance(value, str):
        return names.of(value) if field in _REFERENCES else _cut(value)
    if isinstance(value, tuple):
        return "; ".join(readable(item, zone, names, field) for item in value)
    if type(value).__name__ == "Invitation":
        return f"{names.of(value.actor_id)}: {status_word(value.status.value, language)}"
    if type(value).__name__ == "AgendaItem":
        minutes = f" ({value.minutes} Min.)" if value.minutes is not None else ""
        presenters = ", ".join(names.of(actor) for actor in value.presenter_ids)
        return f"{_cut(value.title)}{minutes}" + (f" – {presenters}" if presenters else "")
    if type(value).__name__ == "Decision":
        item = f" (TOP {value.agenda_item})" if value.agenda_item is not None else ""
        return _cut(value.text) + item
    if type(value).__name__ == "Discussion":
        return f"TOP {value.agenda_item}: {_cut(value.text)}"
    if type(value).__name__ == "Address":
        return str(value.one_line())
    if type(value).__name__ == "ContactPoint":
        return f"{label('contact.' + value.kind.value)}: {value.value}"
    if attrs.has(type(value)):
        return ", ".join(f"{label(name)}: {text}" for name, text in parts(value, zone, names))
    return str(value)


def parts(entity: Any, zone: ZoneInfo, names: Names) -> list[tuple[str, str]]:
    """Each field of ``entity`` that holds something: (its name, its readable value); bookkeeping left out."""
    import attrs

    found = []
    for field in attrs.fields(type(entity)):
        value = getattr(entity, field.name)
        if field.name in _HIDDEN or value is None or value in ((), ""):
            continue
        found.append((field.name, readable(value, zone, names, field.name)))
    return found
