"""Distribution lists of the Wartburgkreis example: AG Wohnen's 6 members, read back by real parsers."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import ClassVar
from urllib.parse import parse_qs, unquote, urlsplit

import attrs
import pytest
import vobject
import wartburgkreis

import integrationsnetz as inz
from integrationsnetz.exporters import ExportOptions, export_result
from integrationsnetz.exporters.distribution import OUTLOOK_COLUMNS
from integrationsnetz.model import ContactKind, ContactPoint, Role
from integrationsnetz.testing.export_conformance import ExporterConformance
from integrationsnetz.testing.samples import with_consents

DAY = date(2026, 1, 1)
DATA = wartburgkreis.build()
WOHNEN = {"im-1", "im-2", "wohnungsgesellschaft", "wohnungsgenossenschaft", "lra-migration", "migrationsberatung"}
INTERNAL = ExportOptions(audience="internal", as_of=DAY)


def test_the_actor_table_of_a_group_holds_its_members_not_the_network() -> None:
    """The bug: select=AG Wohnen gave all 47 actors of the network."""
    assert len(DATA.organizations) + len(DATA.persons) == 47
    rows = list(csv.reader(io.StringIO(inz.export(DATA, "csv", select="ag-wohnen").decode()), delimiter=";"))
    assert {row[1] for row in rows[1:]} == WOHNEN
    co_leads = ExportOptions(roles=("co_lead",))
    rows = list(csv.reader(io.StringIO(inz.export(DATA, "csv", select="ag-wohnen", options=co_leads).decode()),
                           delimiter=";"))  # fmt: skip
    assert {row[1] for row in rows[1:]} == {"im-1", "im-2", "wohnungsgesellschaft"}


def test_the_ag_wohnen_vcards_hold_its_6_members_with_consent() -> None:
    data = with_consents(DATA, ["directory"])
    result = export_result(data, "vcard", select="ag-wohnen", options=INTERNAL)
    cards = list(vobject.readComponents(result.payload.decode("utf-8")))
    assert len(cards) == 6
    assert result.left_out == ()
    assert all(card.version.value == "4.0" for card in cards)
    names = {card.fn.value for card in cards}
    assert "Jan Beispiel" in names
    assert "Kommunale Wohnungsgesellschaft Eisenach" in names
    jan = next(card for card in cards if card.fn.value == "Jan Beispiel")
    assert (jan.n.value.family, jan.n.value.given) == ("Beispiel", "Jan")
    assert jan.email.value == "integration@wartburgkreis.de"
    assert len({card.uid.value for card in cards}) == 6


def test_without_consent_the_people_are_left_out_and_listed() -> None:
    result = export_result(DATA, "vcard", select="ag-wohnen", options=INTERNAL)
    assert len(list(vobject.readComponents(result.payload.decode("utf-8")))) == 4
    assert {(entry.actor_id, entry.reason) for entry in result.left_out} == {
        ("im-1", "no directory consent on 2026-01-01"),
        ("im-2", "no directory consent on 2026-01-01"),
    }
    assert b"Jan Beispiel" not in result.payload


@pytest.mark.parametrize("language", ["de", "en"])
def test_outlook_csv_has_outlooks_headers(language: str) -> None:
    data = with_consents(DATA, ["directory"])
    options = attrs.evolve(INTERNAL, language=language)
    payload = inz.export(data, "outlook-csv", select="ag-wohnen", options=options)
    assert payload.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(payload.decode("utf-8-sig"))))
    expected = [de if language == "de" else en for de, en in OUTLOOK_COLUMNS]
    assert rows[0] == expected
    assert rows[0][:2] == (["Vorname", "Nachname"] if language == "de" else ["First Name", "Last Name"])
    assert len(rows) == 7
    jan = next(row for row in rows if row[1] == "Beispiel")
    assert jan[0] == "Jan"
    assert jan[4] == "integration@wartburgkreis.de"


def _sprache(invitations_consent: bool) -> inz.NetworkData:
    """The Wartburgkreis network with addresses for AG Sprache's members, one with characters to encode."""
    mailboxes = {"vhs-wak": "kurse+ag@vhs-wak.example", "bamf": "a&b?c%d@bamf.example"}
    orgs = tuple(
        attrs.evolve(o, contacts=(ContactPoint(kind=ContactKind.EMAIL, value=mailboxes[o.id]),))
        if o.id in mailboxes else o
        for o in DATA.organizations
    )  # fmt: skip
    data = attrs.evolve(DATA, organizations=orgs)
    return with_consents(data, ["invitations"], person_id="im-1") if invitations_consent else data


def test_mailto_puts_everyone_in_bcc_percent_encoded() -> None:
    options = ExportOptions(audience="recipients", as_of=DAY)
    result = export_result(_sprache(True), "mailto", select="ag-sprache", options=options)
    line = result.payload.decode("ascii")
    assert line.endswith("\r\n")
    uri = urlsplit(line.strip())
    assert uri.scheme == "mailto"
    assert unquote(uri.path) == "integration@wartburgkreis.de"
    assert "%26" in uri.query  # the & inside an address
    fields = {key: values[0] for key, values in parse_qs(uri.query).items()}
    assert fields["subject"] == "AG Sprache"
    addresses = [unquote(address) for address in uri.query.split("bcc=")[1].split("&")[0].split(",")]
    # im-1's address is the network's mailbox: the To, not repeated in BCC (review 16, F8)
    assert sorted(addresses) == ["a&b?c%d@bamf.example", "kurse+ag@vhs-wak.example"]
    reasons = {entry.actor_id: entry.reason for entry in result.left_out}
    assert reasons["im-2"] == "no invitations consent on 2026-01-01"
    assert reasons["ehrenamt"] == "no e-mail address"
    assert "im-1" not in reasons


def test_mailto_without_consent_leaves_the_people_out() -> None:
    options = ExportOptions(audience="recipients", as_of=DAY)
    result = export_result(_sprache(False), "mailto", select="ag-sprache", options=options)
    query = urlsplit(result.payload.decode("ascii").strip()).query
    bcc = [unquote(address) for address in query.split("bcc=")[1].split("&")[0].split(",")]
    assert "integration@wartburgkreis.de" not in bcc  # im-1's address; still the network's in "to"
    assert {"im-1", "im-2"} <= {entry.actor_id for entry in result.left_out}


def test_a_distribution_list_is_refused_for_the_public() -> None:
    for format in ("outlook-csv", "vcard", "mailto"):
        with pytest.raises(inz.ExportError, match="audience 'internal'"):
            inz.export(DATA, format, select="ag-wohnen")


def test_a_meetings_invitees_and_roles() -> None:
    meeting = DATA.get(inz.Meeting, "nt-2024-2")
    result = export_result(with_consents(DATA, ["directory"]), "vcard", select=meeting, options=INTERNAL)
    cards = list(vobject.readComponents(result.payload.decode("utf-8")))
    assert len(cards) == len({i.actor_id for i in meeting.invitations})
    assert Role.CO_LEAD in ExportOptions(roles="co_lead").roles


class _DistributionSuite(ExporterConformance):
    shows_personal_data = False  # the sentinel gave no consent: a list leaves them out

    def variants(self) -> list[ExportOptions]:
        return [ExportOptions(audience="internal"), ExportOptions(audience="recipients", language="en")]


class TestOutlookConformance(_DistributionSuite):
    format: ClassVar[str] = "outlook-csv"

    def readable(self, payload: bytes) -> str:
        return payload.decode("utf-8-sig")


class TestVcardConformance(_DistributionSuite):
    format: ClassVar[str] = "vcard"

    def readable(self, payload: bytes) -> str:
        return payload.decode("utf-8").replace("\r\n ", "")


class TestMailtoConformance(_DistributionSuite):
    format: ClassVar[str] = "mailto"

    def readable(self, payload: bytes) -> str:
        return unquote(payload.decode("ascii"))


def test_outlook_csv_guards_every_cell_a_spreadsheet_would_run() -> None:
    """``+`` and ``-`` start formulas too (``+1+cmd|' /C calc'!A0`` is the DDE payload): every cell
    gets the ``csv`` exporter's guard, so Excel opening the file runs nothing."""
    from integrationsnetz.exporters.csv import FORMULA_STARTS

    evil = "+1+cmd|' /C calc'!A0"
    persons = tuple(
        attrs.evolve(p, name="-2+3 Müller", function="=HYPERLINK(\"x\")",
                     contacts=(ContactPoint(kind=ContactKind.PHONE, value=evil),))
        if p.id == "im-1" else p
        for p in DATA.persons
    )  # fmt: skip
    orgs = tuple(
        attrs.evolve(o, contacts=(*o.contacts, ContactPoint(kind=ContactKind.PHONE, value="-1+1")))
        if o.id == "wohnungsgesellschaft" else o
        for o in DATA.organizations
    )  # fmt: skip
    data = with_consents(attrs.evolve(DATA, persons=persons, organizations=orgs), ["directory"])
    payload = inz.export(data, "outlook-csv", select="ag-wohnen", options=INTERNAL)
    rows = list(csv.reader(io.StringIO(payload.decode("utf-8-sig"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'" + evil in cells
    assert "'-2+3" in cells
    assert "'-1+1" in cells
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
