"""An administrator's pages: cycles and their timetable, partnerships, accounts, and publishing a
plan or entering its baselines.
"""
