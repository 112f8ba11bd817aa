"""``python -m integrationsnetz``: the command line, as the installed ``integrationsnetz`` command."""

from integrationsnetz.cli import main

main()
