"""Pages of the quarterly return: the finance officer's actual spend against the plan's Table 2."""
