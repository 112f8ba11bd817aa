"""``export`` and ``protokoll`` on the command line (review 16, findings 13 and 14).

- ``export FORMAT -`` writes to standard output, as the document commands' ``--out -`` do (it
  wrote a file named ``-``); a binary format is not written to a terminal.
- ``protokoll`` of a meeting with nothing recorded says so instead of printing "Anwesend: 0".
- A ``mailto`` link for a plenary of 80 is longer than Outlook takes: the library warns with
  :class:`LongLinkWarning`, the command line names the contact lists instead.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import Result

import integrationsnetz as inz
from integrationsnetz.exporters import LongLinkWarning
from integrationsnetz.exporters.distribution import MAILTO_SAFE_LENGTH

Run = Callable[..., Result]
BERLIN = ZoneInfo("Europe/Berlin")


def test_export_to_a_dash_writes_to_standard_output(store_workspace: Path, run: Run) -> None:
    result = run("export", "mailto", "-", "--auswahl", "ag-wohnen", "--publikum", "empfaenger")
    assert result.exit_code == 0, result.output
    assert not (store_workspace / "-").exists()
    assert result.stdout.startswith("mailto:")
    assert "Geschrieben" not in result.stdout
    assert "keine Einwilligung „invitations“" in result.stderr  # the report, beside the data


def test_protokoll_of_a_meeting_without_minutes_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run
) -> None:
    monkeypatch.chdir(tmp_path)
    inz.documents.save(_plenary(5), tmp_path / "netz.toml")
    assert run("init", ".", "--netz", "netz.toml").exit_code == 0
    result = run("protokoll", "plenum")
    assert result.exit_code == 1
    assert "Anwesend" not in result.output
    assert "Zu plenum ist noch kein Protokoll erfasst" in result.output
    assert run("termin", "anwesenheit", "plenum", "--anwesend", "p-1", "--yes").exit_code == 0
    assert "**Anwesend:** 1" in run("protokoll", "plenum").output  # attendance recorded: a Protokoll to print


def test_the_one_meeting_error_has_its_grammar() -> None:
    import attrs

    data = _plenary(2)
    second = attrs.evolve(data.meetings[0], id="plenum-2")
    with pytest.raises(inz.ExportError, match="the minutes are for one meeting"):
        inz.export(attrs.evolve(data, meetings=(*data.meetings, second)), "markdown",
                   options=inz.ExportOptions(document="minutes"))  # fmt: skip


def _plenary(size: int) -> inz.NetworkData:
    network = inz.Network(
        id="n",
        name="Netzwerk",
        region=inz.Region(name="Wartburgkreis", state=inz.State.TH, ags="16063"),
        contacts=(inz.ContactPoint(kind=inz.ContactKind.EMAIL, value="netz@kreis.example"),),
    )
    consent = (inz.Consent(purpose=inz.ConsentPurpose.INVITATIONS, given_on=date(2024, 1, 1)),)
    people = tuple(
        inz.Person(
            id=f"p-{i}",
            network_id="n",
            function=f"Beratung {i}",
            name=f"Person {i}",
            contacts=(
                inz.ContactPoint(kind=inz.ContactKind.EMAIL, value=f"integrationsberatung.{i}@traeger-{i}.example"),
            ),
            consents=consent,
        )
        for i in range(size)
    )
    meeting = inz.Meeting(
        id="plenum",
        network_id="n",
        kind=inz.MeetingKind.NETWORK,
        title="Plenum",
        start=datetime(2027, 3, 3, 9, tzinfo=BERLIN),
        end=datetime(2027, 3, 3, 12, tzinfo=BERLIN),
        invitations=tuple(inz.Invitation(actor_id=p.id) for p in people),
    )
    return inz.NetworkData(network=network, persons=people, meetings=(meeting,))  # fmt: skip


def test_a_long_mailto_link_warns_and_a_short_one_does_not() -> None:
    options = inz.ExportOptions(audience="recipients")
    with pytest.warns(LongLinkWarning, match="vcard"):
        link = inz.export(_plenary(70), "mailto", select="plenum", options=options)
    assert len(link.strip()) > MAILTO_SAFE_LENGTH
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error", LongLinkWarning)
        assert len(inz.export(_plenary(5), "mailto", select="plenum", options=options)) < MAILTO_SAFE_LENGTH


def test_the_command_line_names_the_contact_lists_for_a_long_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Run
) -> None:
    monkeypatch.chdir(tmp_path)
    inz.documents.save(_plenary(70), tmp_path / "netz.toml")
    assert run("init", ".", "--netz", "netz.toml").exit_code == 0
    result = run("export", "mailto", "out/plenum.txt", "--auswahl", "plenum", "--publikum", "empfaenger")
    assert result.exit_code == 0, result.output
    assert "Zeichen lang" in result.output
    assert "integrationsnetz export vcard" in result.output
    assert "Warning" not in result.output
