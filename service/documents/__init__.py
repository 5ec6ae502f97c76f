"""Documents of a plan: Word for Parts 1 to 3, Excel for Part 4, and the Part 4 import.

They know no database and no request: they are given a part's document and give back bytes.

May import: plan_schema, validators.
"""
