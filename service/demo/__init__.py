"""Demonstration data: reference data of 2008 and a complete, consistent adult drug treatment plan."""
