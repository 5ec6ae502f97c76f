"""Through the year: the catalogue of metrics a partnership is monitored on (the plan's Part 2
indicators, the 2023 outcomes framework, local contract KPIs), the statistics that turn area
figures into values with confidence intervals and suppress small numbers, and the judgements that
set a value against its trajectory, its target, its last period and its region or England; the
scorecard row that gathers them per metric (public or not), worded once, and its chart.

Pure functions and shipped data only: no database, no HTTP, nothing a user can reach yet.

May import: plan_schema.
"""
