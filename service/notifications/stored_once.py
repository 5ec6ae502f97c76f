"""An INSERT that does nothing when its unique key is already there: how a second enqueue becomes a no-op.

`INSERT … ON CONFLICT DO NOTHING` on both databases. On PostgreSQL a second transaction inserting the same
key waits for the first to commit and then inserts nothing, so two processes store the row once; catching
the IntegrityError instead would need a savepoint around every insert and would log errors for the normal case.
"""

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, SQLModel


def insert_once(session: Session, table: type[SQLModel], values: dict[str, Any], *, key: str) -> int | None:
    """Insert the row unless one with the same `key` column exists; the new row's primary key, or None."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    primary_key = next(iter(table.__table__.primary_key.columns))  # type: ignore[attr-defined]
    statement = insert(table).values(values).on_conflict_do_nothing(index_elements=[key]).returning(primary_key)
    inserted = session.execute(statement).scalar_one_or_none()
    return None if inserted is None else int(inserted)
