"""Routes of monitoring through the year: importing observed figures."""
