"""Pages of monitoring through the year: a partnership's scorecard and the local targets it is held to."""
