"""The plugin contract: what a plugin implements and what it is given, in one place.

The hooks are in :mod:`integrationsnetz.hookspecs`; the descriptors they return and the types
those descriptors name live here, one module per kind of plugin:

- :mod:`~integrationsnetz.contract.stores`: ``StoreBackend``, the ``Store`` protocol, ``StoreURL``;
- :mod:`~integrationsnetz.contract.exporters`: ``Exporter``, ``ExportRequest``, the export options;
- :mod:`~integrationsnetz.contract.importers`: ``Importer``, ``ImportOptions``, ``ImportResult``;
- :mod:`~integrationsnetz.contract.holidays`: ``HolidayCalendar`` and holiday corrections;
- :mod:`~integrationsnetz.contract.constraints`: ``Constraint`` and the ``Candidate`` it judges, with
  :mod:`~integrationsnetz.contract.series` (the series rules) and
  :mod:`~integrationsnetz.contract.plan_context` (what a constraint may ask the planner);
- :mod:`~integrationsnetz.contract.host` and :mod:`~integrationsnetz.contract.registries`: what
  plugins and the library's features see of the plugin host.

The contract depends on the model alone; stores, exporters, importers and the planner build on
it, the plugin host (:mod:`integrationsnetz.plugins`) gathers them, and the package facade sits
on top (``docs/explanation/architecture.md``). This module imports nothing, so
``import integrationsnetz`` stays light; import the names from their modules or, as users do,
from the feature packages (``integrationsnetz.store``, ``integrationsnetz.exporters``, ...).
"""
