"""Demonstration data: reference data of 2008, a complete, consistent adult drug treatment plan, and
the areas each demo partnership covers for monitoring through the year.

May import: service.journey, service.planning, service.monitoring, service.access, service.tables,
service.platform, plan_schema, validators.
"""
