"""Bulk writing of generated rows: plain tuples, our own primary keys, big batches.

The synthetic council runs to millions of rows, so the ORM's per-object machinery is bypassed:
rows are tuples in the model's column order, primary keys are assigned here (so later rows can
point at earlier ones without reading anything back), and each table is written in batches with
one parameterised ``INSERT`` (``executemany``) on SQLite or ``COPY`` on PostgreSQL. This is the one
engine-aware bulk path ADR 0002 allows. The caller wraps everything in one transaction.
"""

from __future__ import annotations

import queue
import threading
from datetime import UTC

from django.core.management.color import no_style
from django.db import models


class _Table:
    """The buffer and column conversions for one model's table."""

    __slots__ = ("model", "name", "columns", "converters", "rows", "next_id", "written")

    def __init__(self, model, columns, converters, next_id):
        self.model = model
        self.name = model._meta.db_table
        self.columns = columns
        self.converters = converters
        self.rows: list[tuple] = []
        self.next_id = next_id
        self.written = 0


class RecordWriter:
    """Buffer rows per table and write them in batches inside the caller's transaction."""

    def __init__(self, connection, *, batch_size: int = 25_000):
        self.connection = connection
        self.batch_size = batch_size
        self.vendor = connection.vendor
        self._tables: dict[type[models.Model], _Table] = {}
        self._batches: queue.Queue | None = None
        self._thread: threading.Thread | None = None
        self._failure: BaseException | None = None

    def __enter__(self) -> RecordWriter:
        return self

    def start_background(self) -> None:
        """Insert on a second thread (SQLite) while the generator computes the next batch.

        SQLite does its work with Python's lock released, so on two cores inserting one batch
        overlaps generating the next. The caller's transaction is open on this connection and
        nothing else uses it until `__exit__` has waited for the last batch.
        """
        if self.vendor == "sqlite":
            self.connection.ensure_connection()
            self._batches = queue.Queue(maxsize=4)
            self._thread = threading.Thread(
                target=self._insert_batches, name="demo-writer", daemon=True
            )
            self._thread.start()

    def __exit__(self, *exc_info) -> None:
        if self._thread is not None:
            self._batches.put(None)
            self._thread.join()
            self._thread = None
        if self._failure is not None and exc_info[0] is None:
            raise self._failure

    def _insert_batches(self) -> None:
        raw = self.connection.connection
        while True:
            batch = self._batches.get()
            if batch is None:
                return
            if self._failure is not None:
                continue
            sql, rows = batch
            try:
                raw.executemany(sql, rows)
            except BaseException as error:  # re-raised in the generating thread
                self._failure = error

    def register(self, model, columns: tuple[str, ...]) -> None:
        """Declare the column order rows for ``model`` will use; it must name every column.

        Naming every column (rather than relying on defaults) means a field added to a model
        later stops the seed with a clear message instead of inserting NULLs into it.
        """
        fields = {f.attname: f for f in model._meta.concrete_fields}
        if set(columns) != set(fields) or len(columns) != len(fields):
            missing = sorted(set(fields) - set(columns))
            unknown = sorted(set(columns) - set(fields))
            raise RuntimeError(
                f"The demo writer's columns for {model.__name__} are out of date with the model: "
                f"missing {missing}, unknown {unknown}"
            )
        converters = []
        for index, name in enumerate(columns):
            field = fields[name]
            if isinstance(field, models.JSONField):
                converters.append((index, self._json_converter(field)))
            elif isinstance(field, models.DateTimeField) and self.vendor != "sqlite":
                # Generated instants are naive UTC; SQLite stores exactly that text, while
                # PostgreSQL's timestamptz needs to be told they are UTC.
                converters.append((index, _aware_utc))
        pk, table = self._quote(model._meta.pk.column), self._quote(model._meta.db_table)
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT MAX({pk}) FROM {table}")
            (highest,) = cursor.fetchone()
        self._tables[model] = _Table(model, columns, converters, (highest or 0) + 1)

    def _json_converter(self, field):
        connection = self.connection

        def convert(value):
            return field.get_db_prep_save(value, connection)

        return convert

    def _quote(self, name: str) -> str:
        return self.connection.ops.quote_name(name)

    def next_id(self, model) -> int:
        """Reserve and return the next primary key for ``model``."""
        table = self._tables[model]
        value = table.next_id
        table.next_id = value + 1
        return value

    def add(self, model, row: tuple) -> None:
        """Queue one row (a tuple in the registered column order)."""
        table = self._tables[model]
        table.rows.append(row)
        if len(table.rows) >= self.batch_size:
            self._flush(table)

    def flush(self) -> None:
        """Write every queued row."""
        for table in self._tables.values():
            self._flush(table)

    def counts(self) -> dict[str, int]:
        """Rows written (or queued) per model, by model name."""
        return {
            model._meta.label: table.written + len(table.rows)
            for model, table in self._tables.items()
        }

    def finish(self) -> None:
        """Write what is left and move PostgreSQL's id sequences past the ids used here."""
        self.flush()
        if self.vendor == "postgresql":
            statements = self.connection.ops.sequence_reset_sql(no_style(), list(self._tables))
            with self.connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)

    def _flush(self, table: _Table) -> None:
        rows = table.rows
        if not rows:
            return
        if table.converters:
            rows = [self._convert(row, table.converters) for row in rows]
        columns = ", ".join(self._quote(c) for c in table.columns)
        if self.vendor == "postgresql":
            self._copy(table, columns, rows)
        elif self._batches is not None:
            if self._failure is not None:
                raise self._failure
            placeholders = ", ".join(["?"] * len(table.columns))
            sql = f"INSERT INTO {self._quote(table.name)} ({columns}) VALUES ({placeholders})"
            self._batches.put((sql, rows))
        else:
            placeholders = ", ".join(["%s"] * len(table.columns))
            sql = f"INSERT INTO {self._quote(table.name)} ({columns}) VALUES ({placeholders})"
            with self.connection.cursor() as cursor:
                cursor.executemany(sql, rows)
        table.written += len(rows)
        table.rows = []

    def _copy(self, table: _Table, columns: str, rows: list[tuple]) -> None:
        self.connection.ensure_connection()
        sql = f"COPY {self._quote(table.name)} ({columns}) FROM STDIN"
        with self.connection.connection.cursor() as cursor, cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)

    @staticmethod
    def _convert(row: tuple, converters) -> tuple:
        values = list(row)
        for index, convert in converters:
            if values[index] is not None:
                values[index] = convert(values[index])
        return tuple(values)


def _aware_utc(value):
    return value.replace(tzinfo=UTC)
