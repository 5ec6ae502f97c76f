"""Documents of a plan: Word for Parts 1 to 3, Excel for Part 4, and the Part 4 import."""
