"""Pages across plans: the region dashboard, the finance reconciliation, the published plans."""
