"""Routes of the quarterly return: the finance officer's spend, its variance and its workbook."""
