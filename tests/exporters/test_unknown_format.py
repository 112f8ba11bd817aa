"""An unknown format names the known ones, and a plugin that failed to load when one might provide it."""

from __future__ import annotations

import io
import types
import warnings

import pytest

import integrationsnetz as inz
from integrationsnetz import ExportError, NotFound, PluginError, hookimpl
from integrationsnetz.ingest import ImportOptions
from integrationsnetz.plugins import PluginHost, PluginWarning
from integrationsnetz.testing.samples import sample_network


def _broken_host() -> PluginHost:
    """A host with one plugin skipped at registration: its ``register_exporters`` raises."""

    @hookimpl
    def register_exporters() -> list[object]:
        raise RuntimeError("template engine not installed")

    broken = types.ModuleType("integrationsnetz_fake_oparl")
    broken.register_exporters = register_exporters  # type: ignore[attr-defined]
    host = PluginHost(entry_points=False, plugins=[broken])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PluginWarning)
        host.exporters()  # the registry is built, and the plugin found broken, on first use
    return host


def test_an_unknown_export_format_lists_the_known_ones() -> None:
    with pytest.raises(ExportError, match=r"no exporter for format 'oparl'; known formats: .*\bics\b"):
        inz.export(sample_network(), "oparl", host=PluginHost(entry_points=False))


def test_an_unknown_export_format_names_the_plugin_that_failed_to_load() -> None:
    with pytest.raises(PluginError) as caught:
        inz.export(sample_network(), "oparl", host=_broken_host())
    message = str(caught.value)
    assert "no exporter for format 'oparl'" in message
    assert "'integrationsnetz_fake_oparl'" in message
    assert "template engine not installed" in message
    assert "INTEGRATIONSNETZ_DISABLE_PLUGINS=integrationsnetz_fake_oparl" in message


def test_an_unknown_import_format_names_the_plugin_that_failed_to_load() -> None:
    options = ImportOptions(network_id="netz")
    with pytest.raises(NotFound, match="no importer for format 'oparl'"):
        inz.import_from(io.BytesIO(b""), "oparl", options=options, host=PluginHost(entry_points=False))
    with pytest.raises(PluginError, match=r"no importer for format 'oparl'.*integrationsnetz_fake_oparl"):
        inz.import_from(io.BytesIO(b""), "oparl", options=options, host=_broken_host())
    with pytest.raises(PluginError, match=r"no importer for files ending in '.vcf'.*integrationsnetz_fake_oparl"):
        inz.import_from("kontakte.vcf", options=options, host=_broken_host())
