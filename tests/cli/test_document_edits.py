"""A change to an entity the network document defines rewrites the document: only its lines, in its format, in order.

The failures are real: a store whose lock another connection holds while the question waits,
a document someone makes read-only while it waits. The answer to the question comes from a
standard input that does that someone's part just before the command reads it.
"""

from __future__ import annotations

import difflib
import io
import stat
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import attrs
import orjson
import pytest
from click.testing import Result
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import integrationsnetz as inz
from integrationsnetz.cli.rewrite import defines, replaced
from integrationsnetz.cli.workspace import load_workspace
from integrationsnetz.documents import DocumentFormat

Run = Callable[..., Result]
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NEW_TASK = ("aufgabe", "neu", "--gruppe", "ag-wohnen", "--titel", "Wohnungsbörse prüfen", "--faellig", "31.03.2027")


class AnswerAfter(io.BytesIO):
    """Standard input answering ``answer``; ``meanwhile`` runs when the command first reads it."""

    def __init__(self, answer: str, meanwhile: Callable[[], None]) -> None:
        super().__init__(answer.encode("utf-8"))
        self._meanwhile: Callable[[], None] | None = meanwhile

    def _now(self) -> None:
        if self._meanwhile is not None:
            action, self._meanwhile = self._meanwhile, None
            action()

    def read(self, size: int | None = -1) -> bytes:
        if size != 0:
            self._now()
        return super().read(size)

    def read1(self, size: int | None = -1) -> bytes:
        self._now()
        return super().read1(size)

    def readline(self, size: int | None = -1) -> bytes:
        self._now()
        return super().readline(size)


def _workspace(folder: Path, document: str, store: str) -> Path:
    """A workspace of the Wartburgkreis network, its document as ``documents.save`` writes it."""
    folder.mkdir()
    inz.documents.save(inz.documents.load(EXAMPLES / "wartburgkreis-netzwerk.toml"), folder / document)
    (folder / "integrationsnetz.toml").write_text(f'netz = "{document}"\nstore = "{store}"\n', encoding="utf-8")
    return folder / document


@pytest.fixture
def saved_toml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The workspace's document path (TOML, as documents.save writes it); a sqlite: store; the cwd."""
    document = _workspace(tmp_path / "wak", "netzwerk.toml", "sqlite:netz.db")
    monkeypatch.chdir(document.parent)
    return document


def _temporaries(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.glob(".*.tmp*"))


def _diff(before: bytes, after: bytes) -> tuple[list[str], list[str]]:
    """The lines taken out and put in."""
    old, new = before.decode().split("\n"), after.decode().split("\n")  # not splitlines(): a text may hold U+0085
    lines = list(difflib.unified_diff(old, new, n=0, lineterm=""))
    removed = [line[1:] for line in lines if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in lines if line.startswith("+") and not line.startswith("+++")]
    return removed, added


def _stored_group(store_url: str) -> inz.WorkingGroup | None:
    with inz.open_store(store_url) as store:
        try:
            return store.get(inz.WorkingGroup, "ag-wohnen")
        except inz.NotFound:
            return None


def test_the_documents_init_writes_and_the_examples_are_saved_back_byte_for_byte(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("init", "netz", "--name", "Netzwerk Integration Testkreis", "--land", "TH").exit_code == 0
    for path in (tmp_path / "netz" / "netzwerk.toml", EXAMPLES / "landkreis-goettingen-netzwerk.toml"):
        data = inz.documents.load(path)
        assert inz.documents.dumps(data, "toml") == path.read_bytes(), path
        again = inz.documents.loads(inz.documents.dumps(data, "toml"), "toml")
        assert inz.documents.dumps(again, "toml") == path.read_bytes()  # deterministic: the same bytes each time
    hand_written = EXAMPLES / "wartburgkreis-netzwerk.toml"  # its comments are what a rewrite loses
    assert inz.documents.dumps(inz.documents.load(hand_written), "toml") != hand_written.read_bytes()


def test_a_rewrite_changes_only_the_changed_entitys_lines(saved_toml: Path, run: Run) -> None:
    before = saved_toml.read_bytes()
    result = run(*NEW_TASK, "--yes")
    assert result.exit_code == 0, result.output
    assert "Kommentare" not in result.output  # nothing to lose in a document documents.save wrote
    removed, added = _diff(before, saved_toml.read_bytes())
    assert removed == []
    assert [line for line in added if line] == [  # and one blank line, the table's separator
        "[[groups.tasks]]", 'id = "wohnungsboerse-pruefen"', 'title = "Wohnungsbörse prüfen"', 'due = "2027-03-31"',
    ]  # fmt: skip
    assert added.count("") == 1
    text = saved_toml.read_text(encoding="utf-8")
    assert text.index("wohnungsboerse-pruefen") > text.index('id = "ag-wohnen"')  # in its group
    assert text.index("wohnungsboerse-pruefen") < text.index('id = "ag-projekte"')
    before = saved_toml.read_bytes()
    done = run("aufgabe", "erledigt", "wohnungsboerse-pruefen", "--yes")
    assert done.exit_code == 0, done.output
    assert _diff(before, saved_toml.read_bytes()) == ([], ['status = "done"'])
    before = saved_toml.read_bytes()
    renamed = run("termin", "aendern", "nt-2024-2", "--titel", "Zweites Netzwerktreffen", "--yes")
    assert renamed.exit_code == 0, renamed.output
    assert _diff(before, saved_toml.read_bytes()) == (
        ['title = "2. Treffen des Netzwerkes Integration Wartburgkreis"'], ['title = "Zweites Netzwerktreffen"']
    )
    assert stat.S_IMODE(saved_toml.stat().st_mode) == 0o644  # the mode the file had, not mkstemp's 0600
    assert _temporaries(saved_toml.parent) == []


def test_a_json_document_is_rewritten_as_json(tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    document = _workspace(tmp_path / "json", "netzwerk.json", "sqlite:netz.db")
    monkeypatch.chdir(document.parent)
    result = run(*NEW_TASK, "--yes")
    assert result.exit_code == 0, result.output
    raw = orjson.loads(document.read_bytes())  # JSON still, readable by any JSON reader
    [group] = [g for g in raw["groups"] if g["id"] == "ag-wohnen"]
    assert group["tasks"][-1]["id"] == "wohnungsboerse-pruefen"
    data = inz.documents.load(document)
    assert inz.documents.dumps(data, "json") == document.read_bytes()
    network = load_workspace(document.parent).network()
    assert "wohnungsboerse-pruefen" in {t.id for g in network.groups for t in g.tasks}


def test_a_store_write_that_fails_leaves_the_document_unchanged(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another connection takes the store's lock while the question waits: the store refuses, the document stays."""
    document = _workspace(tmp_path / "files", "netzwerk.toml", "files:store?timeout=0.3")
    monkeypatch.chdir(document.parent)
    url = f"files://{document.parent / 'store'}"
    before = document.read_bytes()
    holder: list[AbstractContextManager[None]] = []

    def take_the_lock() -> None:
        other = inz.open_store(url)
        transaction = other.transaction()
        transaction.__enter__()
        holder.append(transaction)  # held until the test lets go

    try:
        result = run(*NEW_TASK, input=AnswerAfter("j\n", take_the_lock))
    finally:
        for transaction in holder:
            transaction.__exit__(None, None, None)
    assert holder, "the command never asked"
    assert result.exit_code == 1, result.output
    assert "lock" in result.output
    assert "Traceback" not in result.output
    assert document.read_bytes() == before
    assert _temporaries(document.parent) == []
    stored = _stored_group(url)
    assert stored is None or "wohnungsboerse-pruefen" not in {t.id for t in stored.tasks}
    again = run(*NEW_TASK, "--yes")  # with the lock free, the same command writes both
    assert again.exit_code == 0, again.output
    assert "wohnungsboerse-pruefen" in document.read_text(encoding="utf-8")


def test_a_rename_that_fails_is_reported_and_running_again_brings_the_document_in_step(
    saved_toml: Path, run: Run
) -> None:
    """Someone makes the document read-only while the question waits: the store keeps the change, and says so."""
    before = saved_toml.read_bytes()
    result = run(*NEW_TASK, input=AnswerAfter("j\n", lambda: saved_toml.chmod(0o444)))
    assert result.exit_code == 1, result.output
    assert "Gespeichert: ag-wohnen (Revision 1)." in result.output
    assert "der Speicher hat die Änderung (oben), aber das Netzwerkdokument" in result.output
    assert "wurde NICHT aktualisiert" in result.output
    assert "read-only" in result.output
    assert "Den Befehl noch einmal ausführen" in result.output
    assert saved_toml.read_bytes() == before
    assert _temporaries(saved_toml.parent) == []
    stored = _stored_group("sqlite:netz.db")
    assert stored is not None
    assert "wohnungsboerse-pruefen" in {t.id for t in stored.tasks}
    refused = run(*NEW_TASK, "--yes")  # still read-only: refused before anything is written
    assert refused.exit_code == 1
    assert "lässt sich nicht neu schreiben" in refused.output
    saved_toml.chmod(0o644)
    again = run(*NEW_TASK, "--yes")
    assert again.exit_code == 0, again.output
    removed, added = _diff(before, saved_toml.read_bytes())
    assert removed == []
    assert 'id = "wohnungsboerse-pruefen"' in added
    stored = _stored_group("sqlite:netz.db")
    assert stored is not None
    assert [t.id for t in stored.tasks].count("wohnungsboerse-pruefen") == 1


def test_a_read_only_document_is_refused_before_anything_is_written(saved_toml: Path, run: Run) -> None:
    saved_toml.chmod(0o444)
    result = run("--lang", "en", "termin", "aendern", "nt-2024-2", "--titel", "x", "--yes")
    assert result.exit_code == 1
    assert f"the network document {saved_toml} cannot be rewritten" in result.output
    assert "nothing changed" in result.output
    with inz.open_store("sqlite:netz.db") as store:
        assert store.list(inz.Meeting) == []


def test_a_document_the_rewrite_would_break_is_refused_and_nothing_is_written(
    tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A document meeting moved to a venue only the store knows: the document alone would not hold together."""
    document = _workspace(tmp_path / "venue", "netzwerk.toml", "sqlite:netz.db")
    monkeypatch.chdir(document.parent)
    data = inz.documents.load(document)
    venue = next(v for v in data.venues if v.id == "automobilmuseum-eisenach")
    with inz.open_store("sqlite:netz.db") as store:
        inz.save_network(store, data)
        store.put(attrs.evolve(venue, id="nur-im-speicher", name="Saal im Speicher"))
    before = document.read_bytes()
    result = run("termin", "aendern", "nt-2024-2", "--ort", "nur-im-speicher", "--yes")
    assert result.exit_code == 1, result.output
    assert f"mit der Änderung wäre das Netzwerkdokument {document} nicht mehr vollständig" in result.output
    assert "meetings[\"nt-2024-2\"].venue_id: refers to unknown venue 'nur-im-speicher'" in result.output
    assert "draft=True" not in result.output  # the library's hint is for its callers, not the command's users
    assert document.read_bytes() == before
    assert _temporaries(document.parent) == []
    with inz.open_store("sqlite:netz.db") as store:
        assert store.get(inz.Meeting, "nt-2024-2").venue_id == "automobilmuseum-eisenach"


SAVED = inz.documents.loads(
    inz.documents.dumps(inz.documents.load(EXAMPLES / "wartburgkreis-netzwerk.toml"), "toml"), "toml"
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=st.text(min_size=1, max_size=40),
    group=st.sampled_from([g.id for g in SAVED.groups]),
    format=st.sampled_from(inz.documents.FORMATS),
)
def test_replacing_an_entity_changes_only_its_own_lines(title: str, group: str, format: DocumentFormat) -> None:
    """Whatever the title and group: a new task only adds lines, a new meeting title changes one line."""
    try:
        task = inz.Task(id="neu", title=title)
        meeting = attrs.evolve(next(m for m in SAVED.meetings if m.id == "nt-2024-2"), title=title)
    except inz.InvalidData:
        assume(False)
        return
    before = inz.documents.dumps(SAVED, format)
    holder = next(g for g in SAVED.groups if g.id == group)
    grown = attrs.evolve(holder, tasks=(*holder.tasks, task))
    assert defines(SAVED, grown)
    assert not defines(SAVED, attrs.evolve(grown, id="ag-neu"))
    after = replaced(SAVED, [grown])
    removed, added = _diff(before, inz.documents.dumps(after, format))
    assert removed == [] or format == "json"  # JSON's list of tasks gains a comma after its last item
    assert len(removed) <= 1
    back = inz.documents.loads(inz.documents.dumps(after, format), format)
    assert [g for g in back.groups if g.id != group] == [g for g in SAVED.groups if g.id != group]
    assert next(g for g in back.groups if g.id == group).tasks[-1] == task
    renamed = inz.documents.dumps(replaced(SAVED, [meeting]), format)
    removed, added = _diff(before, renamed)
    lines = 0 if title == "2. Treffen des Netzwerkes Integration Wartburgkreis" else 1
    assert (len(removed), len(added)) == (lines, lines)


def test_a_document_edited_by_hand_while_the_question_waits_is_not_overwritten(saved_toml: Path, run: Run) -> None:
    """Someone saves the document in their editor meanwhile: their edit stays, and nothing is written anywhere."""
    edited = saved_toml.read_bytes() + b"\n# Notiz der Kollegin\n"
    result = run(*NEW_TASK, input=AnswerAfter("j\n", lambda: saved_toml.write_bytes(edited)))
    assert result.exit_code == 1, result.output
    assert "wurde inzwischen geändert (von Hand oder von einem anderen Befehl); nichts wurde gespeichert" in (
        result.output
    )
    assert saved_toml.read_bytes() == edited
    assert _temporaries(saved_toml.parent) == []
    stored = _stored_group("sqlite:netz.db")
    assert stored is None or "wohnungsboerse-pruefen" not in {t.id for t in stored.tasks}
