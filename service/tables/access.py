"""Tables of access: accounts, their tokens, browser sessions and one-time links, failed sign-ins, the audit log."""

import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import CheckConstraint, Column, String
from sqlmodel import Field, SQLModel

from service.tables.columns import JsonDocument, UtcDateTime, timestamp_field


class Role(StrEnum):
    """What a user does, and so what they may see and change (see service/access/policy.py)."""

    PLANNER = "planner"
    FINANCE = "finance"
    REVIEWER = "reviewer"
    ADMIN = "admin"


class User(SQLModel, table=True):
    """A person who signs in: scoped to a partnership (planner, finance) or a region (reviewer)."""

    __tablename__ = "app_user"  # "user" is reserved in PostgreSQL
    __table_args__ = (
        CheckConstraint(
            "(role IN ('planner', 'finance') AND partnership_id IS NOT NULL AND region_id IS NULL)"
            " OR (role = 'reviewer' AND region_id IS NOT NULL AND partnership_id IS NULL)"
            " OR (role = 'admin' AND partnership_id IS NULL AND region_id IS NULL)",
            name="scope_matches_role",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, unique=True)
    name: str = Field(max_length=200)
    role: Role = Field(sa_type=String(20))
    partnership_id: int | None = Field(default=None, foreign_key="partnership.id", index=True)
    region_id: int | None = Field(default=None, foreign_key="region.id", index=True)
    active: bool = True
    # Empty until the person sets a password through their invitation: no hash is empty, so nothing signs in.
    password_hash: str = Field(max_length=255)
    created_at: datetime.datetime = timestamp_field()


class ApiToken(SQLModel, table=True):
    """A bearer token: short-lived from the password flow, or a personal access token."""

    __tablename__ = "api_token"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    kind: str = Field(max_length=10)  # "access" (password flow) or "personal"
    name: str = Field(max_length=100)
    # Only a SHA-256 of the secret is kept: the token itself is shown once, at creation.
    secret_hash: str = Field(max_length=64, unique=True)
    read_only: bool = False
    created_at: datetime.datetime = timestamp_field()
    expires_at: datetime.datetime = Field(sa_type=UtcDateTime)
    revoked_at: datetime.datetime | None = Field(default=None, sa_type=UtcDateTime)
    last_used_at: datetime.datetime | None = Field(default=None, sa_type=UtcDateTime)


class WebSession(SQLModel, table=True):
    """A signed-in browser: the cookie holds the secret, the database its hash."""

    __tablename__ = "web_session"

    id: int | None = Field(default=None, primary_key=True)
    secret_hash: str = Field(max_length=64, unique=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    csrf_token: str = Field(max_length=64)
    created_at: datetime.datetime = timestamp_field()
    last_seen_at: datetime.datetime = timestamp_field()
    ended_at: datetime.datetime | None = Field(default=None, sa_type=UtcDateTime)


class LinkPurpose(StrEnum):
    """What a one-time link lets its holder do: set the first password of an invited account, or a new one."""

    INVITATION = "invitation"
    RESET = "reset"


class AccountLink(SQLModel, table=True):
    """A one-time link sent by email to set a password: only its SHA-256 is kept, as for tokens."""

    __tablename__ = "account_link"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    purpose: str = Field(max_length=20)
    secret_hash: str = Field(max_length=64, unique=True)
    created_at: datetime.datetime = timestamp_field()
    expires_at: datetime.datetime = Field(sa_type=UtcDateTime)
    # Set once, by the conditional UPDATE that uses the link: two tabs cannot both use it.
    used_at: datetime.datetime | None = Field(default=None, sa_type=UtcDateTime)
    # Set when a newer link for the same person is sent, or a password is set through another one.
    revoked_at: datetime.datetime | None = Field(default=None, sa_type=UtcDateTime)


class SignInFailure(SQLModel, table=True):
    """A failed sign-in, counted per account and per address for throttling."""

    __tablename__ = "sign_in_failure"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, index=True)
    address: str = Field(max_length=64, index=True)
    at: datetime.datetime = timestamp_field()


class AuditEvent(SQLModel, table=True):
    """Something that happened, for the record: who, when, what, and on which object."""

    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    at: datetime.datetime = timestamp_field()
    action: str = Field(max_length=60, index=True)
    user_id: int | None = Field(default=None, foreign_key="app_user.id", index=True)
    email: str | None = Field(default=None, max_length=254)
    address: str | None = Field(default=None, max_length=64)
    object_type: str | None = Field(default=None, max_length=40)
    object_id: str | None = Field(default=None, max_length=80)
    detail: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JsonDocument, nullable=False))
