"""Quarterly returns through the plan year. Here, the finance officer's half: the quarter's actual spend on
Part 4's Table 2 grid (spend), and the profile, variance, forecast and cost per adult worked out from it
(spend_variance, pure). Nothing here knows of HTTP.

May import: service.planning, service.access, service.tables, service.platform, plan_schema.
"""
