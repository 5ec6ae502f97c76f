"""What every table is built from: the naming of constraints, JSON documents, moments in UTC, ids."""

import datetime
from typing import Any, Protocol

from sqlalchemy import JSON, DateTime, Dialect, MetaData
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

# Constraint names that Alembic can find again on either database.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata

JsonDocument = JSON().with_variant(JSONB(), "postgresql")


def utc_now() -> datetime.datetime:
    """Now, in UTC, with its time zone."""
    return datetime.datetime.now(datetime.UTC)


class UtcDateTime(TypeDecorator[datetime.datetime]):
    """A moment stored in UTC and read back with its time zone, on SQLite as on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime.datetime | None, dialect: Dialect) -> datetime.datetime | None:
        return value.astimezone(datetime.UTC) if value is not None else None

    def process_result_value(self, value: datetime.datetime | None, dialect: Dialect) -> datetime.datetime | None:
        # SQLite keeps no zone: what we stored was UTC, so say so.
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=datetime.UTC)
        return value


def timestamp_field() -> Any:
    """A required moment, now by default."""
    return Field(default_factory=utc_now, sa_type=UtcDateTime, nullable=False)


class Stored(Protocol):
    """Any table row with an integer id."""

    @property
    def id(self) -> int | None: ...


def id_of(row: Stored) -> int:
    """The id of a stored row (one that has been flushed)."""
    if row.id is None:
        raise RuntimeError(f"{type(row).__name__} has no id until it is flushed")
    return row.id
