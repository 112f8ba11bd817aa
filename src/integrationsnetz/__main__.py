"""``python -m integrationsnetz``: the command line, as the installed ``integrationsnetz`` command."""

from integrationsnetz.cli import main

if __name__ == "__main__":
    main()
