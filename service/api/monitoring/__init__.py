"""Routes of monitoring through the year: importing observed figures, local KPIs, targets and scorecards."""
