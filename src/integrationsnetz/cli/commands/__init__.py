"""The subcommands, one module per group of work; each lists its commands in ``COMMANDS``."""
