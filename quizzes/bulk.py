"""Writing many rows' columns at once, in one statement per table.

A submit changes up to ~200 rows and a regrade thousands. QuerySet.bulk_update
builds a CASE WHEN expression per row and field (about 25 ms of Python for one
40-question attempt), and executemany sends one statement per row (a network
round trip each on PostgreSQL). This sends the new values as a VALUES list and
joins it to the table by primary key:

    UPDATE t SET a = v.column2, b = v.column3
    FROM (VALUES (CAST(%s AS bigint), CAST(%s AS boolean), ...), ...) AS v
    WHERE t.id = v.column1

PostgreSQL runs it (SQLite 3.33 and later could too; VALUES columns are named
column1, column2, ... in both). The casts give each column its type even when
every value in it is NULL. SQLite, in-process, gets executemany instead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from django.db import connection, models

# Values Django would pass to the database unchanged for the fields written here
# (booleans, integers, keys, text): preparing each of a submit's ~600 values
# through Field.get_db_prep_save costs more than the statement.
PLAIN_TYPES = frozenset({bool, int, str, Decimal, type(None)})


def _db_values(fields: Sequence[models.Field], values: Sequence[object]) -> list:
    """Each value as the database takes it for its field."""
    return [
        value if type(value) in PLAIN_TYPES else field.get_db_prep_save(value, connection)
        for field, value in zip(fields, values, strict=True)
    ]


def update_rows(model: type[models.Model], fields: Sequence[str], rows: Sequence[tuple]) -> None:
    """Set `fields` of each row by primary key. `rows` are tuples of the new values, then the primary key."""
    if not rows:
        return
    meta = model._meta
    columns = [meta.get_field(name) for name in fields]
    quote = connection.ops.quote_name
    table = quote(meta.db_table)
    if connection.vendor == "sqlite":
        # SQLite runs in this process: one statement run per row costs no round trip, and
        # less than building and planning the VALUES join (0.3 ms against 0.46 for 60 rows).
        assignments = ", ".join(f"{quote(column.column)} = %s" for column in columns)
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {table} SET {assignments} WHERE {quote(meta.pk.column)} = %s",
                [[*_db_values(columns, row[:-1]), row[-1]] for row in rows],
            )
        return
    casts = [meta.pk.cast_db_type(connection), *(column.cast_db_type(connection) for column in columns)]
    row_sql = "(" + ", ".join(f"CAST(%s AS {cast})" for cast in casts) + ")"
    assignments = ", ".join(f"{quote(column.column)} = v.column{n}" for n, column in enumerate(columns, start=2))
    per_statement = max(1, (connection.features.max_query_params or 10_000) // len(casts))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            batch = rows[start : start + per_statement]
            params = []
            for row in batch:
                params += [row[-1], *_db_values(columns, row[:-1])]
            cursor.execute(
                f"UPDATE {table} SET {assignments} FROM (VALUES {', '.join([row_sql] * len(batch))}) AS v "
                f"WHERE {table}.{quote(meta.pk.column)} = v.column1",
                params,
            )


def update_row(
    model: type[models.Model], pk: object, values: Mapping[str, object], *, only_if: Mapping[str, object]
) -> int:
    """Set fields of one row, only if its `only_if` fields hold those values; the number of rows changed (0 or 1).

    QuerySet.filter(...).update(...) compiles the same statement anew each time
    (a third of a millisecond); this one is written directly. No casts here: the
    columns' own types apply, as in Django's UPDATE.
    """
    meta, quote = model._meta, connection.ops.quote_name
    set_fields = [meta.get_field(name) for name in values]
    where_fields = [meta.pk, *(meta.get_field(name) for name in only_if)]
    sql = (
        f"UPDATE {quote(meta.db_table)} SET {', '.join(f'{quote(f.column)} = %s' for f in set_fields)} "
        f"WHERE {' AND '.join(f'{quote(f.column)} = %s' for f in where_fields)}"
    )
    params = _db_values(set_fields, list(values.values())) + _db_values(where_fields, [pk, *only_if.values()])
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount
