"""Who is calling and what is remembered of it: accounts and passwords, bearer tokens, browser
sessions, signing in with throttling, and the audit log. `policy` (what a member may do with a plan)
sits above planning, and says so in its own docstring.

May import: service.tables, service.platform, plan_schema.
"""
