"""Running Alembic from the service: the only way the schema is created outside tests."""

from alembic.config import Config
from sqlalchemy import Connection

from alembic import command
from service.platform.settings import PROJECT_ROOT


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration, optionally bound to an open connection."""
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "alembic"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade_to_head(connection: Connection | None = None) -> None:
    """Bring the database up to the newest migration."""
    command.upgrade(alembic_config(connection), "head")
