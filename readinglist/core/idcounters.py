"""Id counters: the highest id each table ever handed out, carried from one library to another.

A library never hands out an id twice, even after a deletion (SQLite's AUTOINCREMENT, a
PostgreSQL sequence). A copy that keeps ids moves the destination's counters past the
source's, so papers added to the copy get fresh ids.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import Integer, func, select, text

if TYPE_CHECKING:
    from sqlalchemy import Column, Table
    from sqlalchemy.orm import Session


def carry_counter(origin: Session, target: Session, table: Table) -> None:
    """Move target's id counter for table up to origin's (never down)."""
    column = counted_key(table)
    if column is None:
        return
    high = max(origin.scalar(select(func.max(column))) or 0, highest_given(origin, table) or 0)
    if high == 0:
        return
    dialect = target.get_bind().dialect.name
    if dialect == "sqlite" and table.kwargs.get("sqlite_autoincrement"):
        target.execute(
            text(
                "UPDATE sqlite_sequence SET seq = max(seq, :value) WHERE name = :table"
                if _has_sqlite_counter(target, table)
                else "INSERT INTO sqlite_sequence (name, seq) VALUES (:table, :value)"
            ),
            {"table": table.name, "value": high},
        )
    elif dialect == "postgresql":
        _raise_sequence(target, table, high)


def counted_key(table: Table) -> Column[Any] | None:
    """Return the table's generated integer id column, or None when its key is not one."""
    keys = list(table.primary_key.columns)
    if len(keys) != 1 or not isinstance(keys[0].type, Integer) or keys[0].foreign_keys:
        return None
    return keys[0]


def highest_given(session: Session, table: Table) -> int | None:
    """Return the highest id table's counter ever handed out (deleted rows included), or
    None when it keeps none (SQLite without AUTOINCREMENT reuses the highest id + 1)."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite" and table.kwargs.get("sqlite_autoincrement"):
        seq = session.scalar(
            text("SELECT seq FROM sqlite_sequence WHERE name = :table"), {"table": table.name}
        )
        return None if seq is None else int(seq)
    if dialect == "postgresql":
        sequence = _sequence_of(session, table)
        if sequence is not None:
            # The view says NULL, rather than failing, to a member who may not read it.
            last = session.scalar(
                text(
                    "SELECT last_value FROM pg_sequences"
                    " WHERE quote_ident(schemaname) || '.' || quote_ident(sequencename) = :name"
                ),
                {"name": sequence},
            )
            return None if last is None else int(last)
    return None


def _raise_sequence(target: Session, table: Table, high: int) -> None:
    """Move table's sequence to high: set it when allowed, else draw values up to it.

    Setting a sequence needs UPDATE on it, which a library's owner grants members less
    often than USAGE; drawing the missing values needs only USAGE (100,000 take 30 ms).
    """
    sequence = _sequence_of(target, table)
    if sequence is None:
        return
    current = highest_given(target, table) or 0
    if current >= high:
        return
    named = {"sequence": sequence}
    if target.scalar(text("SELECT has_sequence_privilege(:sequence, 'UPDATE')"), named):
        target.execute(
            text("SELECT setval(CAST(:sequence AS regclass), :value)"), {**named, "value": high}
        )
    else:
        target.execute(
            text("SELECT max(nextval(CAST(:sequence AS regclass))) FROM generate_series(1, :n)"),
            {**named, "n": high - current},
        )


def _sequence_of(session: Session, table: Table) -> str | None:
    column = counted_key(table)
    if column is None:
        return None
    sequence = session.scalar(
        text("SELECT pg_get_serial_sequence(:table, :column)"),
        {"table": table.name, "column": column.name},
    )
    return None if sequence is None else str(sequence)


def _has_sqlite_counter(session: Session, table: Table) -> bool:
    found = session.execute(
        text("SELECT 1 FROM sqlite_sequence WHERE name = :table"), {"table": table.name}
    )
    return found.first() is not None
