"""The exporter how-to's plugin works as printed: it is run through the conformance suite."""

from __future__ import annotations

import re
import types
from pathlib import Path

import orjson

import integrationsnetz as inz
from integrationsnetz.testing.export_conformance import ExporterConformance
from integrationsnetz.testing.samples import sample_network

DOCS = Path(__file__).resolve().parents[2] / "docs"


def _plugin_from_howto() -> types.ModuleType:
    text = (DOCS / "how-to" / "write-an-exporter.md").read_text(encoding="utf-8")
    code = re.findall(r"```python\n(.*?)```", text, flags=re.S)[0]
    module = types.ModuleType("integrationsnetz_oparl_meetings")
    exec(compile(code, "write-an-exporter.md", "exec"), module.__dict__)
    return module


OPARL = _plugin_from_howto()


def test_the_howto_plugin_exports_meetings() -> None:
    host = inz.PluginHost(entry_points=False, plugins=[OPARL])
    payload = inz.export(sample_network(), "oparl-meetings", host=host)
    items = orjson.loads(payload)["data"]
    assert items[0]["name"] == "2. Netzwerktreffen Integration"
    assert items[0]["location"]["description"] == "Museum Eisenach, Festsaal, Markt 24, 99817 Eisenach"
    assert sum(item["cancelled"] for item in items) == 1


class TestOparlExporter(ExporterConformance):
    format = "oparl-meetings"
    plugins = (OPARL,)
    shows_personal_data = False


def test_every_builtin_format_is_in_the_reference() -> None:
    reference = (DOCS / "reference" / "formats.md").read_text(encoding="utf-8")
    host = inz.PluginHost(entry_points=False)
    names = [
        *(
            n
            for n in host.exporters()
            if host.owner_of("register_exporters", n).startswith("integrationsnetz.exporters.")
        ),
        *(n for n in host.importers() if host.owner_of("register_importers", n).startswith("integrationsnetz.ingest.")),
    ]
    assert len(names) == 14  # 7 exporters (docx too), 3 distribution lists, 4 importers
    for name in names:
        assert f"`{name}`" in reference, f"format {name!r} is missing from docs/reference/formats.md"
