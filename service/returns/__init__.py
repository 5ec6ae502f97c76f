"""Quarterly returns: each quarter of the plan year, the partnership reports progress on its Part 3
actions and an exception for each metric its scorecard judges red, the finance officer the quarter's
actual spend on Part 4's Table 2 grid, and they submit an immutable, numbered snapshot, by a due date
the cycle holds.

quarters says which quarters a plan reports and when each falls due; sections keeps a return's
sections versioned, as plan parts are; actions and exceptions read them against Part 3 and the
scorecard; spend keeps the quarter's actual spend and spend_variance (pure) works out its profile,
variance, forecast and cost per adult; submissions checks a return against validators.returns,
snapshots it and lists what was submitted. submitted fetches many plans' latest submissions at once and
reported (pure) reads a snapshot's figures; region_view is the region's view with completeness, and
year_picture (with year_lines, its tables) a plan's four quarters side by side. Nothing here knows of HTTP.

May import: service.notifications.return_events, service.planning, service.monitoring, service.access,
service.tables, service.platform, plan_schema, validators.
"""
