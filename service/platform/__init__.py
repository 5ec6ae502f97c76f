"""What every floor stands on: settings, the database engine and the request's session, the errors
domain code raises and the problem responses they become, ids, pagination, canonical JSON, request
limits, HTTP methods and security headers. Nothing here knows what a plan is.

May import: plan_schema.
"""
