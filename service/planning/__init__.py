"""Authoring a plan: reference data (regions, partnerships, PCTs), cycles and their regional
timetable, plans and their four parts (versioned, merged when two people save), the rules run on
them, the workflow's transition table that says which moves a plan may make, and each part's
documents.

May import: service.access, service.documents, service.tables, service.platform, plan_schema, validators.
"""
