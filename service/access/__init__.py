"""Who is calling and what is remembered of it: accounts and passwords, bearer tokens, browser
sessions, signing in with throttling, and the audit log. `policy` (what a member may do with a plan)
and `guards` (every route's policy as a parameter type, declared once) sit above planning, and say so
in their own docstrings.

May import: service.tables, service.platform, plan_schema.
"""
