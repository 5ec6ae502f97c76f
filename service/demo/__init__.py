"""Demonstration data: reference data of 2008 and a complete, consistent adult drug treatment plan.

May import: service.journey, service.planning, service.access, service.tables, service.platform,
plan_schema, validators.
"""
