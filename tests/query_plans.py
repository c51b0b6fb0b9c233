"""The database's plan for a query the tests captured, as text, on SQLite and PostgreSQL."""

from django.db import connection


def query_plan(sql):
    """SQLite's ``EXPLAIN QUERY PLAN`` or PostgreSQL's ``EXPLAIN`` of ``sql``, one line each."""
    explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    with connection.cursor() as cursor:
        cursor.execute(explain + sql)
        return "\n".join(str(row[-1]) for row in cursor.fetchall())
