"""Routes of monitoring through the year: observed figures, the catalogue, areas and footprints, targets,
scorecards, region matrices and the national view."""
