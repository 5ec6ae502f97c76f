"""Routes of the quarterly returns: their quarters, their sections (with ETags), their submissions, and the
finance officer's spend with its variance and workbook."""
