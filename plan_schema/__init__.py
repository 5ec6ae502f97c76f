"""Pydantic models of the adult drug treatment plan, versioned by plan template (NTA 2008/09).

May import: nothing of ours: this is the floor everything stands on.
"""
