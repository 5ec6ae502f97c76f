"""Pages of the quarterly returns: where each quarter's return of a plan stands, its sections, the finance
officer's actual spend against the plan's Table 2, and submitting."""
