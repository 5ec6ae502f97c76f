"""API routes of oversight: dashboards, the audit trail, published plans, background jobs."""
