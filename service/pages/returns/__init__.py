"""Pages of the quarterly returns: where each quarter's return of a plan stands."""
