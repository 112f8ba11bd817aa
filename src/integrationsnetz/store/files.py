"""``files:`` - a directory with one readable document per entity, for networks kept in git.

URLs: ``files:relative/dir``, ``files:///absolute/dir``; options ``?format=toml`` (when the
store is created; JSON is the default) and ``?timeout=30`` (seconds to wait for another
process's lock). Layout::

    netz/
      store.json                   schema version and format
      meeting/nt-2024-2.json       one document per entity: indented, keys sorted, one per line
      person/...
      tombstones/person/p-7.json   deleted entities: id, network, revision, modified - nothing else
      .lock  .clock  .journal.json the lock file, the newest stamp, an unfinished commit

File names are the ids, percent-encoded where a character could be unsafe (``/``, a leading
``.``, anything outside ASCII letters, digits and ``-_.~``), so no id can leave its folder.
A name that would exceed the file system's 255 bytes (a long id, or one of many non-ASCII
characters: ``é`` takes 6 bytes encoded) keeps its readable start and ends in ``%~`` and a hash
of the id, which no percent-encoded name can contain; the document inside holds the id.

**Safety.** Writers hold an exclusive ``flock`` on ``.lock`` for the whole transaction, readers
a shared one for each read, so two processes never see or make half a commit. A commit goes
through :class:`~integrationsnetz.store.file_journal.FileJournal`: every change is written to
``.journal.json`` first (the commit point), with the content each file had before, and then
applied. A writer killed at any moment leaves the old state or a complete journal, which the
next process to open or lock the store applies; a full disk is found before anything is
written, and a commit the file system refuses half-way is rolled back: the store always opens.

**Erasure.** ``erase_person`` deletes the person's document and rewrites the documents that
mention them; the tombstone holds the id, network, revision and time only. The old contents are
gone from the store's files, but not from the disk's free blocks, backups or a git history of
the folder (see the store URLs reference).

Queries read every document of a type: right for a district's few thousand entities, slow for
a nationwide dataset (use ``sqlite:`` for that).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import time
import tomllib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

import orjson

from integrationsnetz.atomic import write_atomic
from integrationsnetz.errors import InvalidData, StoreError
from integrationsnetz.hookspecs import hookimpl
from integrationsnetz.model.network_data import ENTITY_TYPES
from integrationsnetz.serialization import format_datetime, parse_datetime
from integrationsnetz.store import Capability, StoreBackend, StoreURL
from integrationsnetz.store.bookkeeping import Record, from_micros, micros, record_of
from integrationsnetz.store.file_journal import FileJournal, Operation
from integrationsnetz.store.schema import check_store_version, current_version, upgrade_entity
from integrationsnetz.store.simple import SimpleStore

if TYPE_CHECKING:
    from integrationsnetz.contract.host import Host
    from integrationsnetz.serialization import Codec

FORMATS = ("json", "toml")
_META = "store.json"
_LOCK = ".lock"
_CLOCK = ".clock"
_TOMBSTONES = "tombstones"
_SAFE = "-_.~"
#: The longest file name written, in bytes: the usual 255, less what a temporary name adds (".", ".tmp").
MAX_NAME = 250
_HASHED = "%~"  # a "%" not followed by two hex digits: no percent-encoded name contains it


def file_name(entity_id: str, suffix: str) -> str:
    """The file name for an id: readable for ordinary ids, safe and short enough for every valid one."""
    encoded = entity_id.encode("utf-8", "surrogatepass")
    name = quote(encoded, safe=_SAFE)
    if name.startswith("."):
        name = "%2E" + name[1:]
    if len(name) + len(suffix) > MAX_NAME:
        digest = hashlib.sha256(encoded).hexdigest()[:24]
        head = name[: MAX_NAME - len(suffix) - len(_HASHED) - len(digest)]
        escape = head.rfind("%", len(head) - 2)
        if escape != -1:  # do not cut a %XX escape in half
            head = head[:escape]
        name = f"{head}{_HASHED}{digest}"
    return name + suffix


def id_of(name: str, suffix: str) -> str | None:
    """The id a file name stands for (the inverse of :func:`file_name`); None for a hashed name."""
    if _HASHED in name:
        return None
    return unquote(name[: -len(suffix)])


def _sorted(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _sorted(value[key]) for key in sorted(value)}
    if isinstance(value, list):
        return [_sorted(item) for item in value]
    return value


class FilesStore(SimpleStore):
    """The Store protocol over a directory of documents; see the module docs for the layout."""

    def __init__(self, url: StoreURL, root: Path, codec: Codec, *, format: str | None, timeout: float) -> None:
        super().__init__(url, codec)
        self.root = root
        self._journal = FileJournal(root, self._where())
        self._codec = codec
        self._timeout = timeout
        self._locked = 0  # 0 none, fcntl.LOCK_SH or fcntl.LOCK_EX
        self._lock_fd = -1
        self._prepare(format)

    # -- opening ----------------------------------------------------------------------------

    def _where(self, path: Path | None = None) -> str:
        return str(path) if path is not None else f"{self.url.masked} ({self.root})"

    def _prepare(self, wanted: str | None) -> None:
        meta_path = self.root / _META
        if not self.root.exists():
            parent = self.root.parent
            if not parent.is_dir():
                raise StoreError(f"{self._where()}: the parent directory {str(parent)!r} does not exist")
            try:
                self.root.mkdir()
            except OSError as exc:
                raise StoreError(f"{self._where()}: cannot create the directory ({exc.strerror or exc})") from None
        if not self.root.is_dir():
            raise StoreError(f"{self._where()}: not a directory")
        if not meta_path.exists() and any(p.name != _LOCK for p in self.root.iterdir()):
            raise StoreError(
                f"{self._where()}: the directory is not empty and has no {_META}; "
                "it is not an integrationsnetz store (use an empty or new directory)"
            )
        self._open_lock_file()
        if not meta_path.exists():
            self.format = wanted or "json"
            with self._lock(fcntl.LOCK_EX):
                write_atomic(meta_path, self._meta_bytes(current_version()))
            return
        with self._lock(fcntl.LOCK_EX):
            self._journal.recover()
            meta = self._read_meta()
            self.format = meta["format"]
            if wanted is not None and wanted != self.format:
                raise StoreError(
                    f"{self._where()}: the store keeps {self.format.upper()} documents; "
                    f"it cannot be opened with format={wanted}"
                )
            version = check_store_version(meta.get("schema_version"), source=str(meta_path))
            if version < current_version():
                self._upgrade(version)

    def schema_version(self) -> int | None:
        """The schema version in the folder's meta file (the current one once opened)."""
        with self._lock(fcntl.LOCK_SH):
            version = self._read_meta().get("schema_version")
        return version if isinstance(version, int) and not isinstance(version, bool) else None

    def _meta_bytes(self, version: int) -> bytes:
        meta = {"format": self.format, "schema_version": version, "written_by": "integrationsnetz"}
        return orjson.dumps(meta, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"

    def _read_meta(self) -> dict[str, Any]:
        meta_path = self.root / _META
        try:
            meta = orjson.loads(meta_path.read_bytes())
        except OSError as exc:
            raise StoreError(f"{meta_path}: cannot read ({exc.strerror or exc})") from None
        except orjson.JSONDecodeError as exc:
            raise InvalidData([f"not valid JSON: {exc}"], source=str(meta_path)) from None
        if not isinstance(meta, dict) or meta.get("format") not in FORMATS:
            raise InvalidData([f"$.format: expected one of {', '.join(FORMATS)}"], source=str(meta_path))
        return meta

    def _upgrade(self, version: int) -> None:
        records = []
        for entity_type, cls in ENTITY_TYPES.items():
            folder = self.root / entity_type
            for path in sorted(folder.glob(f"*{self._suffix}")) if folder.is_dir() else ():
                document = upgrade_entity(entity_type, self._parse(path), version)
                records.append(record_of(self._codec.structure(document, cls, source=str(path)), entity_type))
        operations = self._operations(records)
        operations.append((_META, self._meta_bytes(current_version())))
        self._journal.commit(operations)

    # -- locking ----------------------------------------------------------------------------

    def _open_lock_file(self) -> None:
        path = self.root / _LOCK
        try:
            self._lock_fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            try:  # a read-only store can still be read
                self._lock_fd = os.open(path, os.O_RDONLY)
            except OSError as exc:
                raise StoreError(f"{self._where(path)}: cannot open the lock file ({exc.strerror or exc})") from None

    @contextlib.contextmanager
    def _lock(self, mode: int) -> Iterator[None]:
        if self._locked:
            yield
            return
        deadline = time.monotonic() + self._timeout
        while True:
            try:
                fcntl.flock(self._lock_fd, mode | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise StoreError(
                        f"{self._where()}: another process has held the store's lock for over "
                        f"{self._timeout:g} s; try again later"
                    ) from None
                time.sleep(0.005)
        self._locked = mode
        try:
            yield
        finally:
            self._locked = 0
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)

    @contextlib.contextmanager
    def _exclusive(self) -> Iterator[None]:
        with self._lock(fcntl.LOCK_EX):
            self._journal.recover()
            self._observe_clock()
            yield

    @contextlib.contextmanager
    def _shared(self) -> Iterator[None]:
        if self._journal.pending:  # a writer died mid-commit: finish its work first
            with self._lock(fcntl.LOCK_EX):
                self._journal.recover()
        with self._lock(fcntl.LOCK_SH):
            yield

    def _observe_clock(self) -> None:
        try:
            text = (self.root / _CLOCK).read_text()
        except FileNotFoundError:
            return
        except OSError as exc:
            raise StoreError(f"{self._where(self.root / _CLOCK)}: cannot read ({exc.strerror or exc})") from None
        if text.strip().isdigit():
            self._clock.observe(from_micros(int(text)))

    # -- documents --------------------------------------------------------------------------

    @property
    def _suffix(self) -> str:
        return "." + self.format

    def _path(self, entity_type: str, entity_id: str) -> Path:
        folder = self.root / entity_type
        path = folder / file_name(entity_id, self._suffix)
        if path.parent != folder:  # cannot happen with valid ids; a guard, not a rule
            raise StoreError(f"{self._where()}: id {entity_id!r} does not map to a file inside {folder}")
        return path

    def _tombstone_path(self, entity_type: str, entity_id: str) -> Path:
        return self.root / _TOMBSTONES / entity_type / file_name(entity_id, ".json")

    def _dumps(self, document: dict[str, Any]) -> bytes:
        if self.format == "toml":
            import tomli_w

            return tomli_w.dumps(_sorted(document)).encode("utf-8")
        return orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"

    def _parse(self, path: Path) -> dict[str, Any]:
        try:
            payload = path.read_bytes()
        except OSError as exc:
            raise StoreError(f"{self._where(path)}: cannot read ({exc.strerror or exc})") from None
        try:
            document = tomllib.loads(payload.decode("utf-8")) if path.suffix == ".toml" else orjson.loads(payload)
        except (orjson.JSONDecodeError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            kind = "TOML" if path.suffix == ".toml" else "JSON"
            raise InvalidData([f"not a valid {kind} document ({exc}); the file is damaged"], source=str(path)) from None
        if not isinstance(document, dict):
            raise InvalidData(["$: expected an object"], source=str(path))
        return document

    def _load(self, entity_type: str, path: Path, entity_id: str | None) -> Record:
        """The record in ``path``, which must hold ``entity_id`` (None: the id its name stands for)."""
        entity = self._codec.structure(self._parse(path), ENTITY_TYPES[entity_type], source=str(path))
        if entity.id != entity_id and (entity_id is not None or file_name(entity.id, self._suffix) != path.name):
            raise StoreError(
                f"{self._where(path)}: holds id {entity.id!r}, which does not match the file's name (renamed by "
                "hand, or two ids that this file system cannot tell apart, e.g. differing only in case)"
            )
        if entity.modified is None:
            raise InvalidData(["$.modified: required in a stored document"], source=str(path))
        return record_of(entity, entity_type)

    def _load_tombstone(self, entity_type: str, path: Path) -> Record:
        document = self._parse(path)
        try:
            return Record(
                entity_type=entity_type,
                id=document["id"],
                revision=document["revision"],
                modified=parse_datetime(document["modified"]),
                network_id=document.get("network_id"),
            )
        except (KeyError, ValueError) as exc:
            raise InvalidData([f"not a tombstone ({type(exc).__name__}: {exc})"], source=str(path)) from None

    # -- the SimpleStore primitives ----------------------------------------------------------

    def _has(self, entity_type: str, entity_id: str) -> bool:
        return self._path(entity_type, entity_id).exists()

    def _read(self, entity_type: str, entity_id: str) -> Record | None:
        path = self._path(entity_type, entity_id)
        if path.exists():
            return self._load(entity_type, path, entity_id)
        grave = self._tombstone_path(entity_type, entity_id)
        if grave.exists():
            return self._load_tombstone(entity_type, grave)
        return None

    def _scan(self, entity_type: str) -> Iterator[Record]:
        folder = self.root / entity_type
        if folder.is_dir():
            for path in sorted(folder.glob(f"*{self._suffix}")):
                if not path.name.startswith("."):
                    yield self._load(entity_type, path, id_of(path.name, self._suffix))
        graves = self.root / _TOMBSTONES / entity_type
        if graves.is_dir():
            for path in sorted(graves.glob("*.json")):
                if not path.name.startswith("."):
                    yield self._load_tombstone(entity_type, path)

    def _operations(self, records: Sequence[Record]) -> list[Operation]:
        """Relative path and new content (None: remove) for each file the records change."""
        operations: list[Operation] = []
        for record in records:
            live = self._path(record.entity_type, record.id).relative_to(self.root).as_posix()
            grave = self._tombstone_path(record.entity_type, record.id).relative_to(self.root).as_posix()
            if record.entity is not None:
                operations.append((live, self._dumps(self._codec.unstructure(record.entity))))
                operations.append((grave, None))
            else:
                stone = {
                    "id": record.id,
                    "modified": format_datetime(record.modified),
                    "network_id": record.network_id,
                    "revision": record.revision,
                }
                operations.append((grave, self._dumps_tombstone(stone)))
                operations.append((live, None))
        return operations

    def _dumps_tombstone(self, stone: dict[str, Any]) -> bytes:
        return orjson.dumps(stone, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"

    def _commit(self, records: Sequence[Record]) -> None:
        operations = self._operations(records)
        newest = max(record.modified for record in records)
        operations.append((_CLOCK, str(micros(newest)).encode()))
        self._journal.commit(operations)

    def _close(self) -> None:
        if self._lock_fd >= 0:
            os.close(self._lock_fd)
            self._lock_fd = -1


def _root_of(url: StoreURL) -> Path:
    if url.host:
        raise StoreError(f"store URL {url.masked!r}: write files:///absolute/dir or files:relative/dir")
    if not url.path:
        raise StoreError(f"store URL {url.masked!r}: expected a directory, e.g. files:netz or files:///srv/netz")
    return Path(url.path).expanduser()


def open_files_store(url: StoreURL, host: Host) -> FilesStore:
    """Open (or create) the directory store at the URL's path."""
    options = dict(url.query)
    wanted = options.pop("format", None)
    timeout_text = options.pop("timeout", "30")
    if options or (wanted is not None and wanted not in FORMATS):
        unknown = ", ".join(sorted(options)) or f"format={wanted}"
        raise StoreError(f"store URL {url.masked!r}: unknown option {unknown} (known: format=json|toml, timeout=s)")
    try:
        timeout = float(timeout_text)
    except ValueError:
        raise StoreError(f"store URL {url.masked!r}: timeout must be a number of seconds") from None
    return FilesStore(url, _root_of(url), host.codec, format=wanted, timeout=timeout)


@hookimpl
def register_store_backends() -> Iterable[StoreBackend]:
    """The built-in ``files:`` backend."""
    return [
        StoreBackend(
            scheme="files",
            open=open_files_store,
            description="A directory of JSON (or TOML) documents, one per entity: diff-friendly, for git",
            capabilities=frozenset({Capability.DURABLE, Capability.MULTI_PROCESS, Capability.CONCURRENT_WRITERS}),
        )
    ]
