"""Settings, read once from the environment."""

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_SQLITE_URL = "sqlite:///var/adtp.sqlite3"
# The source tree: Alembic scripts and templates are read from here at run time.
PROJECT_ROOT = Path(__file__).resolve().parents[2]


class Settings(BaseSettings):
    """Everything the service reads from its environment (prefix ADTP_, or DATABASE_URL)."""

    model_config = SettingsConfigDict(env_prefix="ADTP_", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    database_url: str = Field(DEFAULT_SQLITE_URL, validation_alias=AliasChoices("DATABASE_URL", "ADTP_DATABASE_URL"))
    # Plan documents are text and figures; 2 MB is many times the largest real plan.
    max_body_bytes: int = 2 * 1024 * 1024
    page_size_default: int = 50
    page_size_max: int = 100
    # The password of the demo accounts that `adtp seed-demo` creates (never in production).
    demo_password: str = "treatment-plan-demo"  # noqa: S105 - demo only, refused in production
    host: str = "127.0.0.1"
    port: int = 8000
    # Where email goes: smtp://[user:password@]host[:port], smtp+starttls://… to upgrade the connection with
    # STARTTLS, smtps://… for TLS from the start. Without one (development), messages wait in the outbox
    # an admin reads at /admin/messages.
    smtp_url: str | None = Field(None, validation_alias=AliasChoices("SMTP_URL", "ADTP_SMTP_URL"))
    mail_from: str = "Adult drug treatment plans <no-reply@adtp.invalid>"
    # The address the service is reached at, for the links in emails (which must be given in full).
    base_url: str = "http://127.0.0.1:8000"

    @model_validator(mode="after")
    def _production_names_its_database(self) -> "Settings":
        # The embedded SQLite file suits one machine; production runs several processes.
        if self.environment == "production" and self.database_url == DEFAULT_SQLITE_URL:
            raise ValueError("ADTP_ENVIRONMENT=production needs DATABASE_URL (PostgreSQL)")
        return self

    @model_validator(mode="after")
    def _smtp_url_is_one_we_can_use(self) -> "Settings":
        # Refused at start-up, not at the first email hours later (service/notifications/delivery.py reads it).
        if self.smtp_url and not self.smtp_url.startswith(("smtp://", "smtp+starttls://", "smtps://")):
            raise ValueError("SMTP_URL must start smtp://, smtp+starttls:// or smtps://")
        return self

    @property
    def is_production(self) -> bool:
        """True where demo shortcuts must be refused."""
        return self.environment == "production"


@lru_cache
def get_settings() -> Settings:
    """The process's settings; tests build their own instead."""
    return Settings()
