"""Pydantic models of the adult drug treatment plan, versioned by plan template (NTA 2008/09)."""
