"""The rules a plan is checked against, as pure functions that return findings."""
