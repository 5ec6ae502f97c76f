"""Through the year: the catalogue of metrics a partnership is monitored on (the plan's Part 2
indicators, the 2023 outcomes framework, local contract KPIs), the statistics that turn area
figures into values with confidence intervals and suppress small numbers, and the judgements that
set a value against its trajectory, its target, its last period and its region or England; the
scorecard row that gathers them per metric (public or not), worded once, and its chart.

The catalogue, statistics and judgements are pure; metric_versions, areas, observations,
observation_import and aggregation keep the catalogue, the areas and the imported figures in the
database and read them back; targets holds a partnership's targets (local and Part 2's) and the
cycle's amber tolerance, and scorecards assembles a partnership's scorecard for a plan year from
them all. Nothing here knows of HTTP.

May import: service.tables, service.platform, plan_schema.
"""
