"""Test support shipped in the wheel, for this project and for plugin authors.

``integrationsnetz.testing.strategies`` has Hypothesis strategies for every model type; the
conformance suites for stores, exporters and importers live beside it. Nothing here is imported
by the library itself, so pytest and Hypothesis are only needed by those who test:
``pip install 'integrationsnetz[testing]'`` brings both, and a module that needs one says so
when it is missing.
"""
