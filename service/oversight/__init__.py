"""Across plans: a region's and the country's dashboards, the region's pack of documents and its
finance reconciliation, the published plans the public reads, and re-rendering a region's submitted
documents as a background job.

May import: service.journey, service.planning, service.access, service.documents, service.tables,
service.platform, plan_schema, validators.
"""
