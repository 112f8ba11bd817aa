"""``person loeschen`` leaves no copy of the person in ``out/``: the cancellation, printed documents, an export.

The workspace is made through the commands themselves (a real sqlite: store, a real document):
a person with name, e-mail and phone is invited to a meeting, the meeting is cancelled (its
``out/absage-*.ics`` names the invited as ATTENDEEs), the invitation is printed ``--mit-namen``
into ``out/``, and an Excel export with personal data lands there too. The erasure lists each of
those files before the question and deletes them with the same yes; a "no" leaves all of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import given, settings
from hypothesis import strategies as st

import integrationsnetz as inz
from integrationsnetz.cli.personal_files import files_naming, phone_pattern, traces_of

Run = Callable[..., Result]
NAME = "Aylin Demir"
EMAIL = "a.demir@caritas.example"
PHONE = "03691 7234-55"


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run) -> Path:
    """A workspace whose document holds the coordination and the person; the cwd."""
    folder = tmp_path / "netz"
    folder.mkdir()
    monkeypatch.chdir(folder)
    created = run("init", ".", "--name", "Netzwerk Integration Wartburgkreis", "--land", "TH", "--id", "netz-wak")
    assert created.exit_code == 0, created.output
    data = inz.documents.load(folder / "netzwerk.toml")
    people = (
        inz.Person(id="koordination", network_id="netz-wak", function="Koordination", name="Erika Muster",
                   contacts=(inz.ContactPoint(kind=inz.ContactKind.EMAIL, value="koordination@wak.example"),)),
        inz.Person(id="migrationsberatung", network_id="netz-wak", function="Migrationsberatung", name=NAME,
                   contacts=(inz.ContactPoint(kind=inz.ContactKind.EMAIL, value=EMAIL),
                             inz.ContactPoint(kind=inz.ContactKind.PHONE, value=PHONE)),
                   consents=tuple(inz.Consent(purpose=purpose, given_on=date(2026, 1, 1))  # so files name her
                                  for purpose in (inz.ConsentPurpose.INVITATIONS, inz.ConsentPurpose.DIRECTORY))),
    )  # fmt: skip
    inz.documents.save(inz.NetworkData(network=data.network, persons=people), folder / "netzwerk.toml")
    for args in (
        ("termin", "neu", "--titel", "Steuerungsgruppe", "--beginn", "05.01.2027 14:00", "--id", "sg-1",
         "--organisator", "koordination", "--einladen", "migrationsberatung", "--einladen", "koordination", "--yes"),
        ("termin", "neu", "--titel", "Netzwerktreffen", "--beginn", "03.03.2027 09:00", "--id", "nt-1",
         "--organisator", "koordination", "--einladen", "migrationsberatung", "--yes"),
        ("termin", "top", "nt-1", "--titel", "Bericht der Migrationsberatung", "--referent", "migrationsberatung",
         "--yes"),
        ("termin", "absagen", "sg-1", "--yes"),
        ("einladung", "nt-1", "--mit-namen", "--out", "out/einladung-nt-1.md"),
        ("einladung", "nt-1", "--out", "out/einladung-ohne-namen.md"),
        ("export", "xlsx", "out/mitglieder.xlsx", "--personendaten", "--yes"),
    ):  # fmt: skip
        result = run(*args)
        assert result.exit_code == 0, (args, result.output)
    (folder / "out" / "notiz.txt").write_text("Nichts Persönliches.\n", encoding="utf-8")
    return folder


def _naming(folder: Path) -> list[str]:
    """The files under out/ whose bytes (or whose zip members') hold the name or the e-mail address."""
    import zipfile

    found = []
    for path in sorted((folder / "out").rglob("*")):
        if not path.is_file():
            continue
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as container:
                text = "".join(container.read(m).decode("utf-8", "ignore") for m in container.namelist())
        else:
            text = re.sub(r"\r?\n[ \t]", "", path.read_text(encoding="utf-8", errors="ignore"))
        if NAME in text.replace("\\,", ",") or EMAIL in text:
            found.append(path.relative_to(folder / "out").as_posix())
    return found


def test_the_erasure_lists_and_deletes_every_file_in_out_that_names_the_person(workspace: Path, run: Run) -> None:
    cancellation = (workspace / "out" / "absage-sg-1.ics").read_text(encoding="utf-8")
    assert EMAIL in cancellation  # the cancellation names the invited: the copy the erasure must find
    naming = _naming(workspace)
    assert naming == ["absage-sg-1.ics", "einladung-nt-1.md", "mitglieder.xlsx"]

    declined = run("person", "loeschen", "migrationsberatung", input="n\n")
    assert declined.exit_code == 1
    for name in naming:
        assert f"  {name}\n" in declined.output
    assert "einladung-ohne-namen.md" not in declined.output
    assert "veroeffentlichen" in declined.output
    assert _naming(workspace) == naming  # "no" deletes nothing

    erased = run("person", "loeschen", "migrationsberatung", input="j\n")
    assert erased.exit_code == 0, erased.output
    assert "Gelöscht in " in erased.output
    assert ": 3 Dateien." in erased.output
    assert _naming(workspace) == []
    left = sorted(p.name for p in (workspace / "out").iterdir())
    assert left == ["einladung-ohne-namen.md", "notiz.txt"]
    for path in (workspace / "out").iterdir():
        text = path.read_text(encoding="utf-8")
        assert NAME not in text
        assert EMAIL not in text
        assert "7234" not in text


def test_a_single_file_is_counted_in_the_singular(workspace: Path, run: Run) -> None:
    for name in ("einladung-nt-1.md", "mitglieder.xlsx"):
        (workspace / "out" / name).unlink()
    erased = run("person", "loeschen", "migrationsberatung", "--yes")
    assert erased.exit_code == 0, erased.output
    assert ": 1 Datei." in erased.output
    assert "1 Einträge" not in erased.output


def test_the_traces_match_as_readers_see_the_text(tmp_path: Path) -> None:
    person = inz.Person(id="mb", network_id="n", function="Beratung", name="Erika  Muster",
                        contacts=(inz.ContactPoint(kind=inz.ContactKind.PHONE, value="+49 3695 61-123"),))  # fmt: skip
    traces = traces_of("mb", [person])
    assert traces.found_in("ATTENDEE;CN=Erika Muster:mailto:x@example.org")
    assert traces.found_in("DESCRIPTION:Bericht – Erika M\r\n uster")  # a folded calendar line
    assert traces.found_in("<p>ERIKA MUSTER</p>")
    assert traces.found_in("Telefon 03695 / 61 123")
    assert traces.found_in('ATTENDEE;CN="mb":mailto:nobody@example.org')
    assert not traces.found_in("Die Beratung mbH lädt ein.")  # the id counts only in ATTENDEE/ORGANIZER lines
    assert not traces.found_in("Telefon 03695 61-1234")
    assert files_naming(tmp_path / "gibt-es-nicht", traces) == []


@given(
    digits=st.text(alphabet="0123456789", min_size=6, max_size=12),
    separators=st.lists(st.sampled_from(["", " ", "-", "/", " / ", "."]), min_size=12, max_size=12),
    international=st.booleans(),
)
def test_a_phone_number_is_found_however_it_is_spaced(digits: str, separators: list[str], international: bool) -> None:
    number = "0" + digits
    pattern = phone_pattern(number)
    assert pattern is not None
    written = number[0] + "".join(sep + digit for sep, digit in zip(separators, number[1:], strict=False))
    if international:
        written = "+49 " + written[1:].lstrip(" -/.")
    assert pattern.search(f"Tel.: {written}, Fax")
    assert not pattern.search(f"Tel.: {number}9")  # a longer number is another number


def test_a_short_number_is_no_trace() -> None:
    assert phone_pattern("110") is None
    assert phone_pattern("12-34") is None


def _signed_in(name: str) -> inz.NetworkData:
    """A meeting with one invited person named ``name`` (the sign-in sheet lists them)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    person = inz.Person(id="p", network_id="n", function="Beratung", name=name)
    meeting = inz.Meeting(id="m", network_id="n", title="Treffen", kind=inz.MeetingKind.NETWORK,
                          start=datetime(2027, 3, 3, 9, tzinfo=ZoneInfo("Europe/Berlin")),
                          end=datetime(2027, 3, 3, 11, tzinfo=ZoneInfo("Europe/Berlin")),
                          invitations=(inz.Invitation(actor_id="p"),))  # fmt: skip
    network = inz.Network(id="n", name="Netz", region=inz.Region(name="Wartburgkreis", state=inz.State.TH, ags="16063"))
    return inz.NetworkData(network=network, persons=(person,), meetings=(meeting,))


_MARKUP = "[]\\`*_{}<>#|~!&'\"()-+.=1 "


@settings(max_examples=30, deadline=None)
@given(
    name=st.text(alphabet=st.sampled_from(_MARKUP) | st.characters(categories=["L"]), min_size=4, max_size=24).filter(
        lambda text: len(text.strip()) >= 4 and any(ch.isalpha() for ch in text)
    )
)
def test_a_name_is_found_however_a_format_escapes_it(name: str) -> None:
    """``person loeschen`` finds the sign-in sheet in Markdown and HTML (``\\[``, ``\\_``, ``&amp;``, ``&#x27;``)."""
    import tempfile

    data = _signed_in(name)
    options = inz.ExportOptions(document="sign_in", audience="internal", as_of=date(2027, 3, 1))
    with tempfile.TemporaryDirectory() as folder:
        for format_, suffix in (("markdown", "md"), ("html", "html"), ("docx", "docx")):
            inz.export(data, format_, Path(folder) / f"liste.{suffix}", select="m", options=options)
        found = [path.name for path in files_naming(Path(folder), traces_of("p", data.persons))]
    assert found == ["liste.docx", "liste.html", "liste.md"]
