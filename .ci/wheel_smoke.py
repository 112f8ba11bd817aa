"""Smoke check of an installed (not editable) integrationsnetz: what a wheel could leave out.

Run by ``nox -s wheel`` with the clean environment's Python, from outside the source tree:
the package must come from site-packages, its data files must load, its extras must be declared
and the built-in and installed plugins must register.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import sys
import sysconfig
import tempfile
from datetime import date
from importlib import resources
from pathlib import Path

import integrationsnetz as inz
from integrationsnetz.courses.catalogue import official_catalogue
from integrationsnetz.courses.course_list import read_course_list, sample_course_list
from integrationsnetz.plugins import DEFAULT_PLUGINS, PluginHost


def check(condition: object, what: str) -> None:
    if not condition:
        sys.exit(f"wheel smoke check failed: {what}")
    print(f"ok  {what}")


site = Path(sysconfig.get_paths()["purelib"]).resolve()
package = Path(inz.__file__).resolve().parent
check(package.is_relative_to(site), f"integrationsnetz is imported from the installed wheel ({package})")
direct_url = importlib.metadata.distribution("integrationsnetz").read_text("direct_url.json") or ""
check('"editable": true' not in direct_url and ".whl" in direct_url, "installed from the wheel file, not editable")
missing = [name for name in inz.__all__ if not hasattr(inz, name)]
check(not missing, f"every public name resolves ({len(inz.__all__)} names; missing: {missing})")

files = resources.files("integrationsnetz")
check(files.joinpath("py.typed").is_file(), "the py.typed marker is shipped")
check(official_catalogue().types, "the course catalogue has its course types")
network = inz.Network(
    id="netz-smoke", name="Smoke", region=inz.Region(name="Wartburgkreis", state=inz.State.TH, ags="16063")
)
courses = read_course_list(
    sample_course_list(), inz.NetworkData(network=network), as_of=date(2024, 10, 14), new_providers=True
)
check(len(courses.courses) == 8, "the sample course list (kursliste-beispiel.csv) is shipped and reads")

extras = set(importlib.metadata.metadata("integrationsnetz").get_all("Provides-Extra") or ())
check({"charts", "bench", "dev", "docs"} <= extras, f"the extras are declared ({', '.join(sorted(extras))})")
importlib.import_module("integrationsnetz.courses.charts")
check(True, "the charts extra installs what the course charts import (matplotlib)")

host = PluginHost(strict=True)  # a plugin that cannot load raises here instead of warning
plugins = {info.name: info for info in host.plugins()}
check(set(DEFAULT_PLUGINS) <= set(plugins), f"the {len(DEFAULT_PLUGINS)} built-in plugins register")
failed = {name: info.error for name, info in plugins.items() if info.error}
check(not failed, f"no plugin failed to load{f': {failed}' if failed else ''}")
schemes = set(host.store_backends())
check(
    {"memory", "files", "sqlite", "jsonl", "postgresql"} <= schemes, f"the store backends: {', '.join(sorted(schemes))}"
)
exporters = set(host.exporters())
check({"ics", "json", "csv", "markdown", "html", "course-report"} <= exporters, f"the exporters: {sorted(exporters)}")
school = host.holiday_calendars()["de-school"]
known = school.known(inz.State.TH) if school.known else ()
check(
    (date(2029, 9, 1), date(2030, 8, 23)) in known and school.days(inz.State.TH, 2030, "de"),
    "the holiday overrides file (schedule/data/holiday_overrides.toml) is shipped and applied",
)

with tempfile.TemporaryDirectory() as folder:
    data = inz.NetworkData(network=network)
    for name in ("netzwerk.json", "netzwerk.toml"):
        inz.documents.save(data, Path(folder) / name)
        check(inz.documents.load(Path(folder) / name) == data, f"a document saves and loads ({name})")
print("wheel smoke check passed")
