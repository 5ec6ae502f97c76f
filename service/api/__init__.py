"""The JSON API under /api/v1, by domain as the service is, with the OpenAPI document and
Idempotency-Key replay. Routes translate HTTP into domain calls and domain errors back; they decide
nothing themselves.

May import: service.oversight, service.notifications, service.journey, service.monitoring, service.returns,
service.planning, service.access, service.documents, service.tables, service.platform, plan_schema, validators.
"""
