"""Database triggers that make a table append-only for every client, raw SQL included.

Used by the audit log and by publications. The test suite sets UOF_AUDIT_DB_GUARD=0 before
migrating, because Django empties every table between browser tests; tests of the guard install
the triggers themselves inside a test.
"""
from __future__ import annotations


def _sql(table: str, message: str, function: str) -> dict[str, list[str]]:
    return {
        "sqlite": [
            f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} BEGIN SELECT RAISE(ABORT, '{message}'); END",
            f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} BEGIN SELECT RAISE(ABORT, '{message}'); END",
        ],
        "postgresql": [
            f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION '{message}'; END $$",
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {function}()",
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {function}()",
        ],
    }


def _undo(table: str, function: str) -> dict[str, list[str]]:
    return {
        "sqlite": [f"DROP TRIGGER IF EXISTS {table}_no_update", f"DROP TRIGGER IF EXISTS {table}_no_delete"],
        "postgresql": [f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}",
                       f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}",
                       f"DROP FUNCTION IF EXISTS {function}()"],
    }


def install(connection, table: str, message: str, function: str = "") -> None:
    with connection.cursor() as cursor:
        for statement in _sql(table, message, function or f"uof_{table}_append_only").get(connection.vendor, []):
            cursor.execute(statement)


def uninstall(connection, table: str, function: str = "") -> None:
    with connection.cursor() as cursor:
        for statement in _undo(table, function or f"uof_{table}_append_only").get(connection.vendor, []):
            cursor.execute(statement)
