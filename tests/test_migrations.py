"""The Alembic migrations and the models describe the same schema."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection

from service.tables.columns import metadata
from service.tables.jobs import RegenerationJob  # noqa: F401 - registers the job tables
from service.tables.journey import Submission  # noqa: F401 - registers the workflow tables
from service.tables.monitoring import Observation  # noqa: F401 - registers the monitoring tables
from service.tables.return_spend import ReturnSpend  # noqa: F401 - registers the quarterly spend table
from service.tables.returns import ReturnSection  # noqa: F401 - registers the quarterly return tables


def test_migrations_at_head_match_the_models(connection: Connection) -> None:
    context = MigrationContext.configure(connection, opts={"compare_type": True})

    assert compare_metadata(context, metadata) == []
