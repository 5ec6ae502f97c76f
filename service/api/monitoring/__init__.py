"""Routes of monitoring through the year: observed figures, the catalogue, region matrices, the national view."""
