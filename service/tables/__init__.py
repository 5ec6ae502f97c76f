"""The database schema: every table, by the domain it belongs to. Alembic's migrations create them;
nothing here does any work beyond declaring columns.

May import: service.platform, plan_schema.
"""
