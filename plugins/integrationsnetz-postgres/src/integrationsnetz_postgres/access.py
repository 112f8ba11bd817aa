"""Keep districts apart inside the database: PostgreSQL row-level security by network.

The store filters by ``network_id`` when asked; row-level security makes the server enforce it,
whatever program a district connects with. An administrator (the role that owns the tables,
which row-level security does not restrict) runs the SQL these functions print::

    python -m integrationsnetz_postgres.access row-security | psql integration
    python -m integrationsnetz_postgres.access grant wartburgkreis wak | psql integration
    python -m integrationsnetz_postgres.access grant statistik '*' --read-only | psql integration

A role then sees and writes only the networks granted to it in ``network_access``; ``'*'``
stands for every network (the state office). Writers need no DELETE privilege: a deletion is an
update that leaves a tombstone. The SQL is idempotent: run ``row-security`` again after an
upgrade that adds tables.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from integrationsnetz.model import ENTITY_TYPES
from integrationsnetz_postgres.namespace import DEFAULT_SCHEMA, check_schema_name


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _role(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def row_security_sql(schema: str = DEFAULT_SCHEMA) -> str:
    """The SQL that turns on row-level security by network for every table of the store."""
    s = f'"{check_schema_name(schema, where="row security")}"'
    lines = [
        f"CREATE TABLE IF NOT EXISTS {s}.network_access (",
        '    role name NOT NULL, network_id text COLLATE "C" NOT NULL, PRIMARY KEY (role, network_id));',
        "-- Each role reads only its own grants.",
        f"ALTER TABLE {s}.network_access ENABLE ROW LEVEL SECURITY;",
        f"DROP POLICY IF EXISTS own_grants ON {s}.network_access;",
        f"CREATE POLICY own_grants ON {s}.network_access FOR SELECT USING (role = current_user);",
    ]
    # An uncorrelated sub-select: evaluated once per query, not once per row.
    mine = f"CAST((SELECT array_agg(network_id) FROM {s}.network_access WHERE role = current_user) AS text[])"
    allowed = f"(network_id = ANY ({mine}) OR '*' = ANY ({mine}))"
    for name in ENTITY_TYPES:
        table = f"{s}.{name}"
        lines += [
            f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;",
            f"DROP POLICY IF EXISTS by_network ON {table};",
            f"CREATE POLICY by_network ON {table}",
            f"    USING {allowed} WITH CHECK {allowed};",
        ]
    return "\n".join(lines) + "\n"


def grant_sql(role: str, network_ids: Sequence[str], *, schema: str = DEFAULT_SCHEMA, read_only: bool = False) -> str:
    """The SQL that lets ``role`` use the store for ``network_ids`` (``"*"``: every network)."""
    s = f'"{check_schema_name(schema, where="grant")}"'
    rights = "SELECT" if read_only else "SELECT, INSERT, UPDATE"
    lines = [
        f"GRANT USAGE ON SCHEMA {s} TO {_role(role)};",
        f"GRANT {rights} ON ALL TABLES IN SCHEMA {s} TO {_role(role)};",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {s} GRANT {rights} ON TABLES TO {_role(role)};",
        f"REVOKE INSERT, UPDATE, DELETE ON {s}.network_access FROM {_role(role)};",
    ]
    lines += [
        f"INSERT INTO {s}.network_access (role, network_id) VALUES ({_literal(role)}, {_literal(network_id)})"
        " ON CONFLICT DO NOTHING;"
        for network_id in network_ids
    ]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Print the SQL for ``row-security`` or ``grant ROLE NETWORK...``."""
    parser = argparse.ArgumentParser(prog="python -m integrationsnetz_postgres.access", description=__doc__)
    parser.add_argument("--schema", default=DEFAULT_SCHEMA, help="the PostgreSQL schema of the store")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("row-security", help="turn on row-level security by network")
    grant = commands.add_parser("grant", help="let a role use some networks ('*': all)")
    grant.add_argument("role")
    grant.add_argument("networks", nargs="+")
    grant.add_argument("--read-only", action="store_true")
    args = parser.parse_args(argv)
    if args.command == "row-security":
        sys.stdout.write(row_security_sql(args.schema))
    else:
        sys.stdout.write(grant_sql(args.role, args.networks, schema=args.schema, read_only=args.read_only))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
