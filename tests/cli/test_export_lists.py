"""``export`` of distribution lists from the command line (review 16, F8): a group, a day, an audience.

The Wartburgkreis network's AG Wohnen in a real workspace (a sqlite store), read back by real
parsers; whom a list leaves out is named in German, not as a Python warning.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from click.testing import Result

Run = Callable[..., Result]


def test_a_groups_contact_list_for_a_day_and_audience(store_workspace: Path, run: Run) -> None:
    result = run("export", "outlook-csv", "out/wohnen.csv", "--auswahl", "ag-wohnen", "--stichtag", "01.01.2026",
                 "--publikum", "intern", "--yes")  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO((store_workspace / "out" / "wohnen.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0][0] == "Vorname"
    assert len(rows) == 1 + 4  # the group's 4 organisations; its 2 people gave no directory consent
    assert "Nicht in der Ausgabe (2):" in result.output
    assert "keine Einwilligung „directory“ am 01.01.2026" in result.output
    assert "Warning" not in result.output
    assert "LeftOutWarning" not in result.output


def test_a_mailto_list_for_the_recipients(store_workspace: Path, run: Run) -> None:
    result = run("export", "mailto", "out/wohnen.txt", "--auswahl", "ag-wohnen", "--publikum", "empfaenger", "--yes")
    assert result.exit_code == 0, result.output
    uri = urlsplit((store_workspace / "out" / "wohnen.txt").read_text(encoding="ascii").strip())
    to = unquote(uri.path)
    bcc = [unquote(a) for a in uri.query.split("bcc=")[1].split("&")[0].split(",")] if "bcc=" in uri.query else []
    assert to not in bcc  # the network's mailbox is the To, not repeated in BCC
    assert "keine Einwilligung „invitations“" in result.output
    assert "keine E-Mail-Adresse in der Ausgabe" in result.output


def test_personal_data_and_a_public_audience_contradict(store_workspace: Path, run: Run) -> None:
    result = run("export", "json", "out/x.json", "--personendaten", "--publikum", "oeffentlich")
    assert result.exit_code != 0
    assert "--personendaten passt nicht zu --publikum oeffentlich" in result.output
