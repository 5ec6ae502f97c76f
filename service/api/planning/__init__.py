"""API routes of planning: reference data, cycles, plans, parts, their findings and documents."""
