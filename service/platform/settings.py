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

    @model_validator(mode="after")
    def _production_names_its_database(self) -> "Settings":
        # The embedded SQLite file suits one machine; production runs several processes.
        if self.environment == "production" and self.database_url == DEFAULT_SQLITE_URL:
            raise ValueError("ADTP_ENVIRONMENT=production needs DATABASE_URL (PostgreSQL)")
        return self

    @property
    def is_production(self) -> bool:
        """True where demo shortcuts must be refused."""
        return self.environment == "production"


@lru_cache
def get_settings() -> Settings:
    """The process's settings; tests build their own instead."""
    return Settings()
