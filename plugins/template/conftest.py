"""The template is not a plugin of this repository: its tests run on an instance of it.

``tests/core/test_plugin_template.py`` makes one with ``new_plugin.py``, installs it and runs
these tests; collected here, in place, they would find no installed entry point.
"""

collect_ignore = ["integrationsnetz-myplugin", "new_plugin.py"]
