"""Routes of the quarterly returns: their quarters, their sections (with ETags) and their submissions."""
