"""Queries compiled to SQL once per database connection, then run with new keys.

Django compiles a QuerySet to SQL every time it runs it. For the few lookups
that every signed-in request makes (the user, the student's attempt, the
attempt's paper) compiling costs several times more than running: about
0.3 ms of Python against 0.05 ms in SQLite for a lookup by primary key. A
PreparedQuery is built from a function that makes the QuerySet from its keys;
it compiles that QuerySet once per connection, with stand-in keys, and then
only swaps the real keys into the parameters. Rows come back converted exactly
as Django's own iterators convert them (the compiler's converters), and
instances through Model.from_db, as the ORM makes them.

Only integer keys are parameters (ids); everything else in the QuerySet is
fixed when it is compiled. Querysets with a varying shape (IN lists of any
length, optional filters) stay ordinary QuerySets.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model, QuerySet
from django.db.transaction import TransactionManagementError

# Stand-in keys: negative integers no table holds, each recognisable among the compiled
# parameters, and within a 32-bit column's range (Django drops a lookup outside it).
_STAND_IN = -2_000_000_000
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1


@dataclass(frozen=True)
class _Compiled:
    sql: str
    slots: tuple[tuple[bool, Any], ...]  # per parameter: (is a key, the key's name or the fixed value)
    compiler: Any
    converters: dict
    locks: bool  # SELECT … FOR UPDATE: only inside a transaction, as Django insists

    def params(self, keys: dict[str, int]) -> list:
        return [keys[value] if is_key else value for is_key, value in self.slots]


class PreparedQuery:
    """`build(**keys)` makes the QuerySet; `rows(**keys)` runs it as values_list rows.

    With `model` (and optionally `related`, names of foreign keys to load as by
    select_related), `instances(**keys)` makes model instances instead.
    """

    def __init__(
        self,
        build: Callable[..., QuerySet],
        *,
        model: type[Model] | None = None,
        related: Sequence[str] = (),
        using: str = DEFAULT_DB_ALIAS,
    ):
        self._build = build
        self._names = tuple(inspect.signature(build).parameters)
        self._model, self._related, self._using = model, tuple(related), using
        self._compiled: WeakKeyDictionary = WeakKeyDictionary()  # by connection: one per thread
        self._layout = self._instance_layout() if model is not None else None

    def _instance_layout(self) -> list[tuple[str | None, type[Model], list[str]]]:
        """(foreign key or None for the model itself, its model, its columns' attnames) in select order."""
        layout = [(None, self._model, [f.attname for f in self._model._meta.concrete_fields])]
        for name in self._related:
            target = self._model._meta.get_field(name).related_model
            layout.append((name, target, [f.attname for f in target._meta.concrete_fields]))
        return layout

    def _queryset(self, keys: dict[str, int]) -> QuerySet:
        queryset = self._build(**keys)
        if self._layout is not None:
            columns = [
                attname if relation is None else f"{relation}__{attname}"
                for relation, _, attnames in self._layout
                for attname in attnames
            ]
            queryset = queryset.values_list(*columns)
        return queryset

    def _compile(self, connection) -> _Compiled:
        stand_ins = {name: _STAND_IN - n for n, name in enumerate(self._names)}
        name_of = {value: name for name, value in stand_ins.items()}
        compiler = self._queryset(stand_ins).query.get_compiler(connection=connection)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet as refused:
            # Django drops a lookup whose value its column cannot hold (a negative stand-in
            # for a positive or small integer column): such a column cannot be a key here.
            raise ValueError(
                f"Keys {list(self._names)} must compare with integer columns of 32 bits or more, signed."
            ) from refused
        slots = tuple((True, name_of[p]) if type(p) is int and p in name_of else (False, p) for p in params)
        used = {value for is_key, value in slots if is_key}
        if used != set(self._names):
            raise ValueError(f"Keys {sorted(set(self._names) - used)} do not reach the SQL as parameters.")
        converters = compiler.get_converters([s[0] for s in compiler.select[: compiler.col_count]])
        return _Compiled(sql, slots, compiler, converters, locks=bool(compiler.query.select_for_update))

    def rows(self, **keys: int) -> list[tuple]:
        if not all(_INT64_MIN <= key <= _INT64_MAX for key in keys.values()):
            return []  # no row has such a key (a URL may carry any number of digits)
        connection = connections[self._using]
        compiled = self._compiled.get(connection)
        if compiled is None:
            compiled = self._compiled[connection] = self._compile(connection)
        if compiled.locks and connection.get_autocommit():
            raise TransactionManagementError("select_for_update cannot be used outside of a transaction.")
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, compiled.params(keys))
            rows = cursor.fetchall()
        if compiled.converters:
            # Tuples, as values_list gives (the converters hand back lists).
            return [tuple(row) for row in compiled.compiler.apply_converters(rows, compiled.converters)]
        return rows

    def instances(self, **keys: int) -> list[Model]:
        if self._layout is None:
            raise TypeError("instances() needs a PreparedQuery made with model=.")
        made = []
        for row in self.rows(**keys):
            start, instance = 0, None
            for relation, model, attnames in self._layout:
                values = row[start : start + len(attnames)]
                start += len(attnames)
                if relation is None:
                    instance = model.from_db(self._using, attnames, values)
                elif values[0] is not None:
                    setattr(instance, relation, model.from_db(self._using, attnames, values))
            made.append(instance)
        return made

    def first(self, **keys: int) -> Model | None:
        found = self.instances(**keys)
        return found[0] if found else None
