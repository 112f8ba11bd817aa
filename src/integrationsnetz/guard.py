"""The write guard: what every door that writes checks before anything touches disk.

``documents.save`` and every store's ``put``/``put_many`` call it, so nothing is written that
the library cannot read back, and (unless a draft is asked for) no reference is left dangling:

* **Read back.** The entity or document is serialized as it will be written, parsed and
  structured again with the same codec. Anything the loader would refuse (a value of the wrong
  type set past the constructor, a text with a lone surrogate, an infinite or NaN number, which
  JSON cannot hold) is refused with :class:`~integrationsnetz.errors.InvalidData`, naming the
  entity and the field.
* **References** (:func:`reference_problems`): the ids a write refers to must resolve, in the
  written batch or document itself or, for a store, among the store's live entities; an id may
  appear only once per type in one write, and a person cannot take an organisation's id (both
  are actors). ``draft=True`` skips this check, for data that is knowingly incomplete; the
  read-back check always runs.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import orjson

from integrationsnetz.errors import InvalidData
from integrationsnetz.model.actors import Organization, Person
from integrationsnetz.model.courses import Course, ProviderCapacity, Waitlist
from integrationsnetz.model.entity import Entity, NetworkPart
from integrationsnetz.model.events import Event
from integrationsnetz.model.field_types import INT_RANGE
from integrationsnetz.model.funding import FundingProgramme
from integrationsnetz.model.groups import WorkingGroup
from integrationsnetz.model.meetings import Meeting
from integrationsnetz.model.memberships import Membership
from integrationsnetz.model.network_data import entity_type_name
from integrationsnetz.model.venues import Venue

if TYPE_CHECKING:
    from integrationsnetz.serialization import Codec

#: How a refused write says what to do when the data is knowingly incomplete.
DRAFT_HINT = "to write it knowingly incomplete, pass draft=True"

_ACTOR = ("organization", "person")
_WHAT = {
    _ACTOR: "actor",
    ("organization",): "organisation",
    ("person",): "person",
    ("network",): "network",
    ("working_group",): "working group",
    ("venue",): "venue",
    ("meeting",): "meeting",
}


# -- read back --------------------------------------------------------------------------------


def json_payload(codec: Codec, entity: Entity, *, source: str, document: dict[str, Any] | None = None) -> bytes:
    """The entity's compact JSON document, proven to read back as an equal-typed entity.

    ``document`` is the entity's plain form when the caller has it already (a store that also
    fills columns from it). Raises :class:`InvalidData` naming ``source`` and the field.
    """
    if document is None:
        document = unstructured(codec, entity, source=source)
    try:
        payload = orjson.dumps(document)
    except TypeError:  # a lone surrogate, or a value JSON has no form for
        raise InvalidData(unwritable(document) or ["$: cannot be written"], source=source) from None
    # JSON has no infinity and no NaN: orjson writes null. A null is otherwise rare in a
    # document (fields at their default are left out), so only then is the document searched.
    if b"null" in payload:
        problems = unwritable(document)
        if problems:
            raise InvalidData(problems, source=source)
    cls = type(entity)
    try:
        back = codec.fast.get_structure_hook(cls)(orjson.loads(payload), cls)
    except Exception:  # noqa: BLE001 - the detailed pass says what is wrong and where
        back = codec.loads(payload, cls, source=source)  # raises InvalidData, or accepts (the fast pass was stricter)
    check_same(codec, entity, document, back, source=source)
    return payload


def check_same(codec: Codec, written: object, document: Any, read_back: object, *, source: str | None) -> None:
    """Raise :class:`InvalidData` unless what is read back has the document that was written.

    A value of the wrong type can survive the round trip as a different value: a date set as an
    id comes back as text. The stored data would then not be what the caller holds. (Documents
    are compared, not objects: equal objects can differ in an ambiguous hour's ``fold``.)
    """
    if codec.fast.unstructure(read_back) != document:
        raise InvalidData(differences(written, read_back) or ["$: would not read back as written"], source=source)


def differences(written: object, read_back: object, path: str = "$") -> list[str]:
    """Where two objects of the same model class differ, as ``$.field: ...`` lines."""
    cls: Any = type(written)
    if attrs.has(cls) and cls is type(read_back):
        return [
            line
            for field in attrs.fields(cls)
            for line in differences(
                getattr(written, field.name), getattr(read_back, field.name), f"{path}.{field.name}"
            )
        ]
    if isinstance(written, tuple) and isinstance(read_back, tuple) and len(written) == len(read_back):
        return [
            line
            for i, pair in enumerate(zip(written, read_back, strict=True))
            for line in differences(*pair, f"{path}[{i}]")
        ]
    if written == read_back and type(written) is type(read_back):
        return []
    if isinstance(written, float) and not math.isfinite(written):
        return [f"{path}: expected a finite number, got {written!r}"]
    shown = repr(written) if len(repr(written)) <= 60 else repr(written)[:57] + "..."
    return [
        f"{path}: {shown} ({type(written).__name__}) is not a value this field holds; "
        f"it would be read back as {read_back!r}"
    ]


def unstructured(codec: Codec, obj: Any, *, source: str) -> Any:
    """The plain form of ``obj``; a value that cannot be serialized is refused naming its field."""
    try:
        return codec.fast.unstructure(obj)
    except Exception as exc:  # noqa: BLE001 - a wrong value set past the constructor
        problems = _unstructure_problems(codec, obj) or [f"$: cannot be written ({type(exc).__name__}: {exc})"]
        raise InvalidData(problems, source=source) from None


def _unstructure_problems(codec: Codec, obj: Any, path: str = "$") -> list[str]:
    """The fields of ``obj`` (searched into nested objects) that cannot be serialized, and why."""
    if not attrs.has(type(obj)):
        return []
    problems = []
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        where = f"{path}.{field.name}"
        try:
            codec.fast.unstructure(value, unstructure_as=field.type)
            continue
        except Exception as exc:  # noqa: BLE001 - reported below, with a nested field if one is found
            reason = f"{where}: cannot be written ({type(exc).__name__}: {exc})"
        if isinstance(value, (list, tuple)):
            inner = [p for i, item in enumerate(value) for p in _unstructure_problems(codec, item, f"{where}[{i}]")]
        else:
            inner = _unstructure_problems(codec, value, where)
        problems += inner or [reason]
    return problems


def unwritable(document: Any, path: str = "$") -> list[str]:
    """Every value of a plain document that JSON or TOML cannot hold, with its path.

    Numbers that are not finite or do not fit in 64 bits, text that is not valid Unicode, and a
    missing value (``None``, which TOML has no form for) where a field must have one.
    """
    if isinstance(document, dict):
        return [problem for key, value in document.items() for problem in unwritable(value, f"{path}.{key}")]
    if isinstance(document, (list, tuple)):
        return [problem for i, value in enumerate(document) for problem in unwritable(value, f"{path}[{i}]")]
    if document is None:
        return [f"{path}: expected a value, got None"]
    if isinstance(document, float) and not math.isfinite(document):
        return [f"{path}: expected a finite number, got {document!r}"]
    if isinstance(document, int) and not isinstance(document, bool) and document not in INT_RANGE:
        return [f"{path}: expected a whole number that fits in 64 bits"]
    if isinstance(document, str):
        try:
            document.encode("utf-8")
        except UnicodeEncodeError as exc:
            return [f"{path}: not valid Unicode (a lone surrogate {document[exc.start]!r} at {exc.start})"]
    return []


# -- references -------------------------------------------------------------------------------


@attrs.frozen
class Reference:
    """One id an entity refers to: where (``path`` inside the entity) and of which types."""

    path: str
    targets: tuple[str, ...]
    id: str

    @property
    def what(self) -> str:
        """The kind of entity referred to, in words."""
        return _WHAT.get(self.targets, " or ".join(self.targets))


def _one(path: str, targets: tuple[str, ...], value: str | None) -> Iterator[Reference]:
    if value is not None:
        yield Reference(path, targets, value)


def _many(path: str, targets: tuple[str, ...], values: Iterable[str]) -> Iterator[Reference]:
    for index, value in enumerate(values):
        yield Reference(f"{path}[{index}]", targets, value)


def references(entity: Entity) -> Iterator[Reference]:
    """The ids of other stored entities that ``entity`` refers to (its network first).

    Not included, as no store can resolve them alone: course types (the catalogue), rooms of a
    venue, goals and tasks of a group, agenda items (:func:`integrationsnetz.integrity.check`
    checks those for a whole network).
    """
    if isinstance(entity, NetworkPart):
        yield Reference("network_id", ("network",), entity.network_id)
    if isinstance(entity, Meeting):
        yield from _one("group_id", ("working_group",), entity.group_id)
        yield from _one("venue_id", ("venue",), entity.venue_id)
        yield from _one("organizer_id", _ACTOR, entity.organizer_id)
        yield from _one("moderator_id", _ACTOR, entity.moderator_id)
        for index, invitation in enumerate(entity.invitations):
            yield Reference(f"invitations[{index}].actor_id", _ACTOR, invitation.actor_id)
        for index, item in enumerate(entity.agenda):
            yield from _many(f"agenda[{index}].presenter_ids", _ACTOR, item.presenter_ids)
        if entity.minutes is not None:
            yield from _one("minutes.recorded_by_id", _ACTOR, entity.minutes.recorded_by_id)
    elif isinstance(entity, Membership):
        yield Reference("actor_id", _ACTOR, entity.actor_id)
        yield from _one("group_id", ("working_group",), entity.group_id)
    elif isinstance(entity, WorkingGroup):
        for index, task in enumerate(entity.tasks):
            yield from _one(f"tasks[{index}].owner_id", _ACTOR, task.owner_id)
            yield from _one(f"tasks[{index}].origin_meeting_id", ("meeting",), task.origin_meeting_id)
    elif isinstance(entity, Course):
        yield Reference("provider_id", ("organization",), entity.provider_id)
        yield from _one("venue_id", ("venue",), entity.venue_id)
        yield from _many("teacher_ids", ("person",), entity.teacher_ids)
    elif isinstance(entity, Organization):
        yield from _one("parent_id", ("organization",), entity.parent_id)
    elif isinstance(entity, Person):
        yield from _one("affiliation_id", ("organization",), entity.affiliation_id)
    elif isinstance(entity, Venue):
        yield from _one("owner_id", _ACTOR, entity.owner_id)
    elif isinstance(entity, Event):
        yield from _one("organizer_id", _ACTOR, entity.organizer_id)
        yield from _one("venue_id", ("venue",), entity.venue_id)
    elif isinstance(entity, (Waitlist, ProviderCapacity)):
        yield from _one("provider_id", ("organization",), entity.provider_id)
    elif isinstance(entity, FundingProgramme):
        yield from _one("funder_id", ("organization",), entity.funder_id)


#: ``live(entity_type, ids)``: which of ``ids`` the store holds as live entities of that type.
LiveIds = Callable[[str, Collection[str]], Collection[str]]


def _nothing_stored(_entity_type: str, _ids: Collection[str]) -> Collection[str]:
    return ()


def reference_problems(
    entities: Sequence[Entity],
    live: LiveIds = _nothing_stored,
    *,
    name: Callable[[Entity], str] | None = None,
) -> list[str]:
    """Every dangling reference and duplicate id of a write, as ``<entity>.<path>: <problem>``.

    A reference resolves to an entity of the write itself or to one ``live`` reports. ``name``
    says how an entity is named in a problem (default: ``meeting 'nt-1'``).
    """
    label = name or (lambda entity: f"{entity_type_name(entity)} {entity.id!r}")
    written: dict[str, set[str]] = defaultdict(set)
    problems: list[str] = []
    for entity in entities:
        entity_type = entity_type_name(entity)
        if entity.id in written[entity_type]:
            problems.append(f"{label(entity)}: written twice in one write (an id is used once per type)")
        written[entity_type].add(entity.id)
    for entity_type, other in (("person", "organization"), ("organization", "person")):
        clash = written[entity_type] & (written[other] | set(live(other, written[entity_type])))
        for entity_id in sorted(clash):
            problems.append(f"{entity_type} {entity_id!r}: an {other} has this id too (actor ids are shared)")
    # First the ids alone (cheap), then, for the few entities with an unresolved id, the paths.
    wanted: dict[str, set[str]] = defaultdict(set)
    suspects = []
    pools: dict[tuple[str, ...], set[str]] = {}  # the written ids of each set of target types
    for entity in entities:
        unresolved = []
        for targets, ref in _ids(entity):
            pool = pools.get(targets)
            if pool is None:
                pool = pools[targets] = set().union(*(written[t] for t in targets))
            if ref not in pool:
                unresolved.append((targets, ref))
        if unresolved:
            suspects.append(entity)
            for targets, ref in unresolved:
                for target in targets:
                    wanted[target].add(ref)
    known: Mapping[str, Collection[str]] = {target: set(live(target, ids)) for target, ids in wanted.items()}
    for entity in suspects:
        for reference in references(entity):
            if not any(reference.id in written[t] or reference.id in known.get(t, ()) for t in reference.targets):
                problems.append(
                    f"{label(entity)}.{reference.path}: refers to unknown {reference.what} {reference.id!r}"
                )
    return problems


def _ids(entity: Entity) -> Iterator[tuple[tuple[str, ...], str]]:
    """:func:`references` without paths: what a batch of meetings with many invitations needs first."""
    if isinstance(entity, Meeting):  # the common case, by far the most references
        yield ("network",), entity.network_id
        for invitation in entity.invitations:
            yield _ACTOR, invitation.actor_id
        for item in entity.agenda:
            for presenter in item.presenter_ids:
                yield _ACTOR, presenter
        recorder = None if entity.minutes is None else entity.minutes.recorded_by_id
        for targets, value in (
            (("working_group",), entity.group_id),
            (("venue",), entity.venue_id),
            (_ACTOR, entity.organizer_id),
            (_ACTOR, entity.moderator_id),
            (_ACTOR, recorder),
        ):
            if value is not None:
                yield targets, value
        return
    for reference in references(entity):
        yield reference.targets, reference.id


def refuse(problems: Sequence[str], *, source: str | None) -> None:
    """Raise :class:`InvalidData` with ``problems`` and how to write a draft, if there are any."""
    if problems:
        raise InvalidData([*problems, f"nothing was written; {DRAFT_HINT}"], source=source)
