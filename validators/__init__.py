"""The rules a plan is checked against, as pure functions that return findings.

May import: plan_schema.
"""
